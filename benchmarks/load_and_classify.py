"""Model load time and classification speed of the shipped model.

Prints figures; asserts nothing. Run from the repository root:

    python benchmarks/load_and_classify.py

Import time (scikit-learn, spaCy) is reported apart from the model load
itself, since a long-running process pays it once.
"""
from __future__ import annotations

import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    started = time.perf_counter()
    from pipeline.classifier import load_model
    from pipeline.corpus import load_corpus

    imported = time.perf_counter()
    model = load_model()
    loaded = time.perf_counter()
    statements = load_corpus([ROOT / "data" / "splits" / "test"])
    texts = [record["text"] for record in statements]
    langs = [record["lang"] for record in statements]
    first_of_each = {lang: text for text, lang in zip(texts, langs)}
    model.classify(list(first_of_each.values()), langs=list(first_of_each))  # builds spaCy + cue patterns
    warm = time.perf_counter()
    model.classify(texts, langs=langs)
    given = time.perf_counter()
    model.classify(texts)
    detected = time.perf_counter()
    print(f"import pipeline:                {imported - started:6.2f} s")
    print(f"load_model():                   {loaded - imported:6.2f} s")
    print(f"first use of 4 languages:       {warm - loaded:6.2f} s (spaCy tokenizers, cue patterns)")
    print(f"classify, language given:       {len(texts) / (given - warm):8.0f} statements/s ({len(texts)} statements)")
    print(f"classify, language detected:    {len(texts) / (detected - given):8.0f} statements/s")


if __name__ == "__main__":
    main()
