"""How far reviewers agree: Cohen's kappa per label.

Kappa corrects raw agreement for the agreement chance alone would give, so
a label that is almost always "no" does not look reliable just because both
reviewers said "no". With more than two reviewers it is computed for every
pair over the statements both decided, then averaged weighted by how many
statements each pair shares. It is undefined (``None``) when a pair has
nothing in common or both reviewers gave one single answer throughout.
"""
from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from itertools import combinations

from ..schema import CATEGORIES, LABELS

#: Labels reported, in display order.
AGREEMENT_LABELS: tuple[str, ...] = (*LABELS, "generic")


def label_value(labels: Mapping, label: str) -> bool:
    """One binary label out of a labels dict (a category is "in needs")."""
    if label in CATEGORIES:
        return label in (labels.get("needs") or [])
    return bool(labels.get(label))


def cohen_kappa(first: Sequence[bool], second: Sequence[bool]) -> float | None:
    """sklearn's kappa, ``None`` where it is undefined (no items, or no variation at all)."""
    if not first:
        return None
    if len(set(first) | set(second)) < 2:
        return None  # both said the same single thing throughout: chance agreement is 1
    from sklearn.metrics import cohen_kappa_score

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        kappa = cohen_kappa_score([int(v) for v in first], [int(v) for v in second], labels=[0, 1])
    return None if kappa is None or math.isnan(kappa) else float(kappa)


def agreement_by_label(decisions: Mapping[int, Sequence[Mapping]]) -> dict[str, dict]:
    """``{label: {"kappa", "n", "observed", "pairs"}}`` from each statement's current decisions per reviewer.

    ``decisions`` maps a statement to its reviewers' current decisions (dicts
    with ``reviewer`` and ``labels``), as ``ReviewStore.current_decisions``
    gives them. ``n`` counts statement-pairs compared, ``observed`` is the raw
    share of them that agree, ``pairs`` how many reviewer pairs were compared.
    """
    by_pair: dict[tuple[str, str], list[tuple[Mapping, Mapping]]] = {}
    for items in decisions.values():
        latest = {item["reviewer"]: item["labels"] for item in items}
        for a, b in combinations(sorted(latest), 2):
            by_pair.setdefault((a, b), []).append((latest[a], latest[b]))
    result = {}
    for label in AGREEMENT_LABELS:
        weighted = weight = 0.0
        agree = total = 0
        for pairs in by_pair.values():
            first = [label_value(x, label) for x, _ in pairs]
            second = [label_value(y, label) for _, y in pairs]
            total += len(pairs)
            agree += sum(x == y for x, y in zip(first, second))
            kappa = cohen_kappa(first, second)
            if kappa is not None:
                weighted += kappa * len(pairs)
                weight += len(pairs)
        result[label] = {
            "kappa": weighted / weight if weight else None,
            "n": total,
            "observed": agree / total if total else None,
            "pairs": len(by_pair),
        }
    return result
