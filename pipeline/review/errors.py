"""The review store's errors: one line a user can act on, as every :class:`~pipeline.errors.CapneedsError`."""
from __future__ import annotations

from ..errors import CapneedsError


class ReviewError(CapneedsError):
    """A request the store cannot honour (bad reviewer name, unknown label...), as one line."""


class UnknownStatement(ReviewError):
    """No statement with this id: the app answers 404."""
