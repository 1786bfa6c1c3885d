"""Label Studio's JSON tasks: the model's output as ``predictions``, reviewer decisions as ``annotations``.

:func:`label_studio_config` is the labeling config that matches the tasks.
Import reads a Label Studio JSON export (not JSON_MIN) and matches tasks by
the statement ``key`` kept in ``data``.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from xml.sax.saxutils import quoteattr

from ...errors import CapneedsError
from ...schema import CATEGORIES
from ..store import ReviewStore
from .common import (
    ExportSummary,
    ImportSummary,
    ImportTally,
    all_statements,
    import_tasks,
    model_text,
    reviewed_and_conflicts,
    task_meta,
)
from .files import escape_line_breaks, line_of, write_atomic

MODEL_VERSION = "capneeds"
_YES_NO = ("yes", "no")


def label_studio_config() -> str:
    """The labeling config (XML) that matches :func:`export_label_studio`'s tasks."""
    def choices(name: str, values: Iterable[str], kind: str, extra: str = "") -> str:
        inner = "".join(f"\n    <Choice value={quoteattr(v)}/>" for v in values)
        return f'  <Choices name="{name}" toName="text" choice="{kind}"{extra}>{inner}\n  </Choices>'

    return "\n".join([
        "<View>",
        '  <Text name="text" value="$text"/>',
        '  <Header value="Is this a capacity-need statement?"/>',
        choices("is_need", _YES_NO, "single-radio", ' required="true"'),
        '  <Header value="Categories needed"/>',
        choices("needs", CATEGORIES, "multiple"),
        '  <Header value="Names a concrete activity?"/>',
        choices("has_activity", _YES_NO, "single-radio"),
        '  <Header value="Gives a timeline?"/>',
        choices("has_timeline", _YES_NO, "single-radio"),
        "</View>",
        "",
    ])


def _ls_result(labels: Mapping, scores: Mapping | None = None) -> list[dict]:
    """A labels dict as Label Studio choices (with the model's score on each, for a prediction)."""
    def item(name: str, values: list[str], score_label: str | None = None) -> dict:
        entry = {"from_name": name, "to_name": "text", "type": "choices", "value": {"choices": values}}
        if scores is not None and score_label in scores:
            entry["score"] = scores[score_label]
        return entry

    result = [item("is_need", ["yes" if labels["is_need"] else "no"], "is_need")]
    if labels["needs"]:
        result.append(item("needs", list(labels["needs"])))
    for name in ("has_activity", "has_timeline"):
        result.append(item(name, ["yes" if labels[name] else "no"], name))
    return result


def label_studio_task(statement: Mapping, decisions: Iterable[Mapping]) -> dict:
    """One Label Studio task: the text, the model's labels as a prediction, each reviewer's as an annotation.

    Annotations name their reviewer in ``created_username``; ``completed_by``
    is left out because Label Studio expects the id of one of its own users
    there (on import it assigns the importing user).
    """
    scores = statement["scores"]
    confidence = 1.0 - 2.0 * statement["uncertainty"] if statement.get("uncertainty") is not None else None
    prediction = {"model_version": MODEL_VERSION, "result": _ls_result(statement["predicted"], scores)}
    if confidence is not None:
        prediction["score"] = round(confidence, 6)
    return {
        "data": {
            "text": model_text(statement),
            "key": statement["key"],
            "record_id": statement["record_id"],
            "meta": task_meta(statement),
        },
        "predictions": [prediction],
        "annotations": [
            {
                "result": _ls_result(d["labels"]),
                "created_username": d["reviewer"],
                "created_at": d["at"],
                "updated_at": d["at"],
                "was_cancelled": False,
                "ground_truth": False,
            }
            for d in decisions
        ],
    }


def export_label_studio(store: ReviewStore, path: str | Path) -> ExportSummary:
    """Every statement as a Label Studio task (a JSON list), in document order."""
    path = Path(path)
    decisions = store.current_decisions()
    tasks = [label_studio_task(s, decisions.get(s["id"], [])) for s in all_statements(store)]
    reviewed, conflicts = reviewed_and_conflicts(decisions)
    write_atomic(path, [escape_line_breaks(json.dumps(tasks, ensure_ascii=False, indent=1)), "\n"])
    return ExportSummary(str(path), "label-studio", len(tasks), reviewed, conflicts, 0)


def _json_list_items(path: Path, text: str) -> Iterator[tuple[int, object]]:
    """Items of a JSON list with the line each starts on (for error messages)."""
    decoder = json.JSONDecoder()
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        raise CapneedsError(f"{path}:{error.lineno}: not valid JSON ({error.msg})") from error
    position = len(text) - len(text.lstrip())
    if not text[position:position + 1] == "[":
        raise CapneedsError(
            f"{path}:{line_of(text, position)}: expected a JSON list of tasks (a Label Studio JSON export)")
    position += 1
    while True:
        while position < len(text) and text[position] in " \t\r\n,":
            position += 1
        if position >= len(text) or text[position] == "]":
            return
        item, end = decoder.raw_decode(text, position)
        yield line_of(text, position), item
        position = end


def _ls_reviewer(annotation: Mapping) -> str | None:
    """The annotator's name: ``completed_by`` as Label Studio writes it (an object, a name or a user id)."""
    who = annotation.get("completed_by")
    if isinstance(who, Mapping):
        for name in ("email", "username"):
            if isinstance(who.get(name), str) and who[name].strip():
                return who[name]
        full = " ".join(str(who.get(n) or "") for n in ("first_name", "last_name")).strip()
        if full:
            return full
        who = who.get("id")
    if isinstance(who, str) and who.strip():
        return who
    if isinstance(annotation.get("created_username"), str) and annotation["created_username"].strip():
        return annotation["created_username"]
    if isinstance(who, int) and not isinstance(who, bool):
        return f"label-studio-user-{who}"
    return None


def _ls_labels(result: object) -> dict:
    """The labels an annotation's choices give (partial: the store completes them); ``ValueError`` when malformed."""
    if not isinstance(result, list):
        raise ValueError('"result" must be a list')
    labels: dict = {}
    for item in result:
        if not isinstance(item, Mapping) or item.get("type", "choices") != "choices":
            continue
        name = item.get("from_name")
        value = item.get("value")
        choices = value.get("choices") if isinstance(value, Mapping) else None
        if name not in ("is_need", "needs", "has_activity", "has_timeline"):
            continue
        if not isinstance(choices, list) or not all(isinstance(c, str) for c in choices):
            raise ValueError(f"{name} has no list of choices")
        if name == "needs":
            unknown = sorted(set(choices) - set(CATEGORIES))
            if unknown:
                raise ValueError(f"needs has unknown category '{unknown[0]}' (expected {', '.join(CATEGORIES)})")
            labels["needs"] = [c for c in CATEGORIES if c in choices]
        else:
            if len(choices) != 1 or choices[0] not in _YES_NO:
                raise ValueError(f"{name} is {choices!r}, expected ['yes'] or ['no']")
            labels[name] = choices[0] == "yes"
    if "is_need" not in labels:
        if labels.get("needs") or labels.get("has_activity") or labels.get("has_timeline"):
            labels["is_need"] = True
        else:
            raise ValueError("the annotation has no is_need choice")
    return labels


def _import_task(store: ReviewStore, task: Mapping, reviewer: str | None, tally: ImportTally) -> None:
    """Each finished annotation of one task as a decision of its annotator (or of ``reviewer``)."""
    data = task.get("data")
    if not isinstance(data, Mapping):
        raise ValueError('the task has no "data" object (export from Label Studio as JSON, not JSON_MIN)')
    annotations = task.get("annotations", task.get("completions")) or []
    if not isinstance(annotations, list):
        raise ValueError('"annotations" must be a list')
    meta = data.get("meta") if isinstance(data.get("meta"), Mapping) else {}
    statement_id = store.find_statement(
        key=data.get("key") or meta.get("key"), record_id=data.get("record_id") or meta.get("record_id"))
    done = [a for a in annotations if isinstance(a, Mapping) and not a.get("was_cancelled")]
    tally.skipped += len(annotations) - len(done)
    if not done:
        tally.skipped += 0 if annotations else 1
        return
    if statement_id is None:
        tally.unmatched += 1
        return
    for annotation in done:
        labels = _ls_labels(annotation.get("result"))
        name = reviewer or _ls_reviewer(annotation)
        if not name:
            raise ValueError("the annotation names no annotator (completed_by); pass a reviewer name")
        at = annotation.get("updated_at") or annotation.get("created_at")
        tally.record(store, statement_id, name, labels, at, "label-studio")


def import_label_studio(store: ReviewStore, path: str | Path, reviewer: str | None = None) -> ImportSummary:
    """Annotations of a Label Studio JSON export as decisions.

    Tasks are matched by the ``key`` kept in ``data`` (else a unique
    ``record_id``); tasks of other statements are counted as unmatched.
    ``reviewer`` names every decision when given; otherwise the annotation's
    ``completed_by`` (e-mail, username, name or user id) does.
    """
    return import_tasks(store, path, "label-studio", _json_list_items, _import_task, reviewer)
