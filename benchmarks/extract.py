"""Speed and peak memory of `capneeds extract` and `capneeds tag` against a
bare pdfplumber ``extract_text()`` loop over the same pages.

Prints figures; asserts nothing. Run from the repository root:

    python benchmarks/extract.py            # a generated 100-page report
    python benchmarks/extract.py --real     # and the real fixtures in ../shared

The plain loop is the floor pdfplumber sets: every page parsed and its text
laid out, nothing more. Each measurement runs in a fresh process, so peak
memory (the process's maximum resident set) is not inherited from the one
before; imports are paid before the clock starts.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "fixtures" / "real"
MODES = ("pdfplumber", "extract", "tag")


def _measure(mode: str, path: Path) -> dict:
    """Run one mode on one file in this process; seconds and peak RSS."""
    import pdfplumber

    from pipeline.documents import read_document
    from pipeline.segment import segment_document

    model = None
    if mode == "tag":
        from pipeline.classifier import load_model
        from pipeline.tagging import tag_document

        model = load_model()
    started = time.perf_counter()
    if mode == "pdfplumber":
        with pdfplumber.open(path) as pdf:
            pages = len(pdf.pages)
            for page in pdf.pages:
                page.extract_text()
                page.close()
        statements = 0
    elif mode == "extract":
        document = read_document(path)
        pages, statements = len(document.pages), len(segment_document(document).statements)
    else:
        tagged = tag_document(path, model, keep_all=True)
        pages, statements = max((r["page"] or 0 for r in tagged.records), default=0), tagged.statements
    seconds = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "pages": pages, "statements": statements, "peak_mib": peak_mib}


def _in_fresh_process(mode: str, path: Path) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--one", mode, str(path)], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def _generated(folder: Path, pages: int) -> Path:
    sys.path.insert(0, str(ROOT))
    from tests.documents.planted import build_report

    return build_report(folder / f"generated-{pages}-pages.pdf", "en", pages=pages, seed=0).path


def _report(path: Path) -> None:
    figures = {mode: _in_fresh_process(mode, path) for mode in MODES}
    plain = figures["pdfplumber"]
    pages = plain["pages"]
    print(f"\n{path.name}: {pages} pages")
    for mode in MODES:
        run = figures[mode]
        ratio = run["seconds"] / plain["seconds"]
        print(
            f"  {mode:<11} {run['seconds']:7.2f} s  {pages / run['seconds']:6.1f} pages/s  "
            f"{ratio:5.2f}x pdfplumber  peak {run['peak_mib']:6.0f} MiB  {run['statements']:5d} statements"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=100, help="pages of the generated report (default 100)")
    parser.add_argument("--real", action="store_true", help="also measure the PDFs in ../shared/fixtures/real")
    parser.add_argument("--one", nargs=2, metavar=("MODE", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(_measure(args.one[0], Path(args.one[1]))))
        return
    with tempfile.TemporaryDirectory() as folder:
        _report(_generated(Path(folder), args.pages))
    if args.real:
        for path in sorted(REAL.glob("[a-z][a-z]_*.pdf")):
            if "scanned" not in path.name:
                _report(path)


if __name__ == "__main__":
    main()
