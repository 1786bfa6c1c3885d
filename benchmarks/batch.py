"""Batch figures: classification speed, model load, worker speed-up and memory.

Prints figures; asserts nothing. Run from the repository root after
``pip install -e .[test]`` (psutil comes with Dask there):

    python benchmarks/batch.py [--documents 40] [--pages 5]

* classification alone: statements per second on one core, for short
  statements (at most 15 words, as in lists of needs) and for the test split
  as it is, the language given as ``tag`` gives it; the median and range of
  five runs, since a shared machine moves single runs by a third;
* model load: ``load_model()`` in a fresh process, imports timed apart;
* speed-up: ``capneeds tag`` over the same documents with ``--jobs 1`` and
  ``--jobs 2``, each in a fresh process, worker start-up included;
* memory: peak resident memory of each process of those runs (the parent and
  every worker), sampled every 50 ms with psutil.

The documents are PDF reports generated with reportlab (running heads,
footnotes, two-column pages, hyphenation; ``tests/documents/planted.py``), so
the run measures the whole of ``tag`` as secretariats use it.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHORT_WORDS = 15
#: Classification runs per figure: the first meets each word for the first
#: time, later ones find it in the caches a long batch run would have filled.
RUNS = 5


def _one_core() -> None:
    """Pin this process to one core and keep numeric libraries single-threaded."""
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[variable] = "1"
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def classification_speed() -> None:
    _one_core()
    from pipeline.classifier import load_model
    from pipeline.corpus import load_corpus

    model = load_model()
    records = load_corpus([ROOT / "data" / "splits" / "test"])
    everything = [(record["text"], record["lang"]) for record in records]
    short = [pair for pair in everything if len(pair[0].split()) <= SHORT_WORDS]
    warm_up = {lang: text for text, lang in everything}
    model.classify(list(warm_up.values()), langs=list(warm_up))
    for name, pairs in (("short statements (<= 15 words)", short), ("test split as it is", everything)):
        repeated = pairs * max(1, 3000 // len(pairs))
        texts, langs = [text for text, _ in repeated], [lang for _, lang in repeated]
        rates = []
        for _ in range(RUNS):
            started = time.perf_counter()
            model.classify(texts, langs=langs)
            rates.append(len(texts) / (time.perf_counter() - started))
        rates.sort()
        words = sum(len(text.split()) for text in texts) / len(texts)
        print(
            f"classify, one core, {name:32s} {rates[len(rates) // 2]:8.0f} statements/s, median of {RUNS} runs "
            f"(range {rates[0]:.0f}-{rates[-1]:.0f}; {len(texts)} statements, {words:.0f} words on average)"
        )


def load_time() -> None:
    code = (
        "import time; t0 = time.perf_counter()\n"
        "from pipeline.classifier import load_model\n"
        "t1 = time.perf_counter(); load_model(); t2 = time.perf_counter()\n"
        "print(f'{t1 - t0:.2f} {t2 - t1:.2f}')\n"
    )
    imports, load = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT).stdout.split()
    print(f"model load in a fresh process:  load_model() {float(load):.2f} s (imports before it {float(imports):.2f} s)")


def write_documents(folder: Path, documents: int, pages: int) -> None:
    """Generated PDF reports (running heads, footnotes, two columns), the four languages in turn."""
    sys.path.insert(0, str(ROOT))
    from tests.documents.planted import build_report

    languages = ("ru", "en", "fr", "es")
    for number in range(documents):
        lang = languages[number % len(languages)]
        build_report(folder / f"report_{number:03d}_{lang}.pdf", lang, pages=pages, seed=number)


def run_tag(folder: Path, jobs: int, output: Path) -> tuple[float, list[float]]:
    """Seconds for ``capneeds tag --jobs N`` and the peak RSS (MB) of each of its processes."""
    import psutil

    command = [sys.executable, "-m", "pipeline.cli", "tag", str(folder), "-o", str(output), "--jobs", str(jobs)]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parent = psutil.Process(process.pid)
    peaks: dict[int, float] = {}
    while process.poll() is None:
        try:
            for member in [parent, *parent.children(recursive=True)]:
                try:
                    peaks[member.pid] = max(peaks.get(member.pid, 0.0), member.memory_info().rss / 2**20)
                except psutil.NoSuchProcess:
                    continue
        except psutil.NoSuchProcess:
            break
        time.sleep(0.05)
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"capneeds tag --jobs {jobs} failed with exit code {process.returncode}")
    parent_peak = peaks.pop(process.pid, 0.0)
    workers = sorted((peak for peak in peaks.values() if peak > 100), reverse=True)  # helpers like the resource tracker are tiny
    return elapsed, [parent_peak, *workers]


def scaling(documents: int, pages: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory) / "reports"
        folder.mkdir()
        write_documents(folder, documents, pages)
        print(f"batch of {documents} generated PDF reports of {pages} pages (ru, en, fr, es in turn):")
        timings = {}
        for jobs in (1, 2):
            elapsed, peaks = run_tag(folder, jobs, Path(directory) / f"out{jobs}.jsonl")
            timings[jobs] = elapsed
            parent, workers = peaks[0], peaks[1:]
            memory = f"parent {parent:.0f} MB" + (f", workers {', '.join(f'{peak:.0f}' for peak in workers)} MB" if workers else " (does the work itself)")
            print(f"  --jobs {jobs}: {elapsed:6.1f} s, {documents * pages / elapsed:5.1f} pages/s; peak memory: {memory}")
        same = (Path(directory) / "out1.jsonl").read_bytes() == (Path(directory) / "out2.jsonl").read_bytes()
        print(f"  speed-up from 1 to 2 workers: {timings[1] / timings[2]:.2f}x (outputs identical: {same}; {os.cpu_count()} cores)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=40, help="documents in the batch (default: 40)")
    parser.add_argument("--pages", type=int, default=5, help="pages per generated report (default: 5)")
    parser.add_argument("--part", choices=("all", "classify", "load", "scaling"), default="all")
    args = parser.parse_args()
    if args.part in ("all", "load"):
        load_time()
    if args.part in ("all", "scaling"):
        scaling(args.documents, args.pages)
    if args.part in ("all", "classify"):
        classification_speed()  # last: it pins this process to one core


if __name__ == "__main__":
    main()
