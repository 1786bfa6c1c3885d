"""Decision times: one fixed UTC ISO 8601 format, so timestamps compare as strings."""
from __future__ import annotations

from datetime import datetime, timezone


def now_utc() -> str:
    """Now as UTC ISO 8601 with microseconds: one fixed format, so strings sort by time."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def normalize_timestamp(value: object) -> str | None:
    """An ISO string (``Z`` allowed, naive taken as UTC) or epoch seconds, in :func:`now_utc`'s format.

    Imported decisions keep their own time, so "latest" means the same thing
    whichever tool a decision came from. ``None`` when the value is unusable.
    """
    if value is None or isinstance(value, bool):
        return None
    try:
        if isinstance(value, (int, float)):
            moment = datetime.fromtimestamp(float(value), tz=timezone.utc)
        else:
            text = str(value).strip()
            if not text:
                return None
            moment = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text)
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=timezone.utc)
        return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")
    except (ValueError, OverflowError, OSError):
        return None
