"""Building the train/dev/test splits from the corpus folders.

The split of a statement is decided by its ``group`` alone, so the
translations of one parallel statement, or the statements of one imagined
report passage, always land together. ``corpora/test/`` was written by other
authors than ``corpora/train/`` and is test by construction; training groups
are divided between train and dev, and ``corpora/translated/`` (translations
of training statements, sharing their source's group) follows its sources; the parallel subset is divided between
all three, so that cross-lingual agreement is measured on held-out
statements. Assignment hashes the group name: adding data never moves an
existing group to another split.
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from pathlib import Path

from .corpus import corpus_files, load_corpus, read_jsonl

SPLITS: tuple[str, ...] = ("train", "dev", "test")


def _unit_interval(group: str) -> float:
    digest = hashlib.sha256(group.encode("utf-8")).hexdigest()
    return int(digest[:12], 16) / float(16**12)


def assign_split(group: str, source: str, dev_fraction: float, parallel_test_fraction: float) -> str:
    """The split of ``group``, coming from corpus folder ``source``."""
    if source == "test":
        return "test"
    position = _unit_interval(group)
    if source == "parallel":
        if position < parallel_test_fraction:
            return "test"
        return "dev" if position < parallel_test_fraction + dev_fraction else "train"
    return "dev" if position < dev_fraction else "train"


def _record_paths(sources: list[Path]) -> list[Path]:
    """The file of every record, in the order :func:`load_corpus` reads them."""
    return [path for path in corpus_files(sources) for _ in read_jsonl(path)]


def prepare_splits(corpus: Path, output: Path, dev_fraction: float, parallel_test_fraction: float) -> dict:
    """Validate every corpus file and write ``output/{train,dev,test}/{lang}.jsonl``.

    One file per language keeps each file small enough for git, and lets a
    researcher train or score on one language by naming its file. Returns
    the counts per split and language.
    """
    rows: dict[str, list[dict]] = {split: [] for split in SPLITS}
    # reviewed/ exports join training through params.yaml instead; fresh/ is an
    # evaluation-only sample that no split may contain.
    sources = [corpus / source for source in ("train", "translated", "test", "parallel") if (corpus / source).exists()]
    for record, path in zip(load_corpus(sources), _record_paths(sources)):
        source = path.relative_to(corpus).parts[0]
        rows[assign_split(record["group"], source, dev_fraction, parallel_test_fraction)].append(record)
    counts = {}
    for split, records in rows.items():
        folder = output / split
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*.jsonl"):
            stale.unlink()
        by_lang: dict[str, list[dict]] = defaultdict(list)
        for record in sorted(records, key=lambda record: record["id"]):
            by_lang[record["lang"]].append(record)
        for lang, lang_records in sorted(by_lang.items()):
            with (folder / f"{lang}.jsonl").open("w", encoding="utf-8") as handle:
                handle.writelines(json.dumps(record, ensure_ascii=False) + "\n" for record in lang_records)
        counts[split] = {lang: len(lang_records) for lang, lang_records in sorted(by_lang.items())}
    return counts
