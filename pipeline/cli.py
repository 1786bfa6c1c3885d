"""The ``capneeds`` command: a thin shell over the Python API.

Every command reports bad input as one line naming the file and the problem,
and never shows a traceback for it.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from .errors import CapneedsError

EXIT_OK, EXIT_FAILED_INPUTS, EXIT_ERROR = 0, 1, 2

#: Statements classified per batch when streaming ``classify``.
CLASSIFY_BATCH = 1000


def _error(message: str) -> None:
    print(f"capneeds: error: {message}", file=sys.stderr)


def _warn(message: str) -> None:
    print(f"capneeds: warning: {message}", file=sys.stderr)


# -- classify ---------------------------------------------------------------
def _input_lines(source: str) -> Iterator[tuple[int, str]]:
    if source == "-":
        yield from enumerate(sys.stdin, start=1)
        return
    path = Path(source)
    if not path.is_file():
        raise CapneedsError(f"{source}: no such file")
    with path.open(encoding="utf-8-sig") as handle:
        yield from enumerate(handle, start=1)


def _statement_batches(source: str) -> Iterator[list[dict]]:
    batch: list[dict] = []
    for number, line in _input_lines(source):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise CapneedsError(f"{source}:{number}: not valid JSON ({error.msg})") from error
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise CapneedsError(f'{source}:{number}: each line must be a JSON object with a "text" string')
        item.setdefault("id", number)
        batch.append(item)
        if len(batch) == CLASSIFY_BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def run_classify(args: argparse.Namespace) -> int:
    from .classifier import load_model
    from .writers import RecordWriter

    classifier = load_model(args.model)
    unsupported = 0
    with RecordWriter(args.output) as writer:
        for batch in _statement_batches(args.input):
            records = classifier.classify(
                [item["text"] for item in batch],
                langs=[item.get("lang") for item in batch],
                ids=[item["id"] for item in batch],
            )
            unsupported += sum(1 for record in records if "error" in record)
            writer.write(records)
    if unsupported:
        _warn(f"{unsupported} statement(s) in an unsupported language were not classified (see their \"error\" field)")
    return EXIT_OK


# -- tag --------------------------------------------------------------------
def run_tag(args: argparse.Namespace) -> int:
    from .batch import BatchSettings, run_batch
    from .batch_output import output_format
    from .metadata import load_metadata
    from .progress import BatchProgress
    from .tagging import find_documents

    if args.output != "-":
        output_format(args.output)
    documents = find_documents([Path(p) for p in args.inputs])
    if not documents:
        raise CapneedsError("no documents found (looked for .pdf, .docx, .html, .htm, .txt)")
    metadata = load_metadata(args.meta) if args.meta else None
    settings = BatchSettings(keep_all=args.all, password=args.password, model=args.model, jobs=args.jobs, dask=args.dask)
    progress: BatchProgress | None = None

    def report(outcome, summary) -> None:
        nonlocal progress
        if progress is None:
            progress = BatchProgress(summary.documents, skipped=summary.skipped)
        progress.update(outcome, summary)

    summary = None
    try:
        summary = run_batch(documents, args.output, settings, metadata=metadata, resume=args.resume, on_document=report)
    except KeyboardInterrupt:
        pass
    finally:
        if progress is not None:
            progress.close()
    if summary is None:
        resume_hint = " add --resume to the same command to finish it" if args.output != "-" else ""
        _error(f"interrupted; every finished document is in {args.output};{resume_hint}")
        return 130
    print(summary.line(), file=sys.stderr)
    return EXIT_FAILED_INPUTS if summary.failed else EXIT_OK


# -- extract ----------------------------------------------------------------
def run_extract(args: argparse.Namespace) -> int:
    from .documents import read_document
    from .segment import segment_document
    from .writers import RecordWriter

    document = read_document(args.file, password=args.password)
    segmentation = segment_document(document)
    for warning in [f"{args.file}: {w}" for w in document.warnings] + segmentation.warnings(args.file):
        _warn(warning)
    if args.output:
        with RecordWriter(args.output) as writer:
            writer.write([statement.to_dict() for statement in segmentation.statements])
        return EXIT_OK
    print(f"# {args.file}: {len(document.pages)} page(s), main language {segmentation.language or 'unknown'}")
    for page in document.pages:
        page_statements = [s for s in segmentation.statements if s.page == page.number]
        print(f"\n== page {page.number}: {len(page.blocks)} paragraph(s), {len(page_statements)} statement(s)")
        for block_number, block in enumerate(page.blocks, start=1):
            print(f"\n¶{block_number} [{block.kind}] {block.text}")
            for statement in page_statements:
                if block.char_start <= statement.char_start < block.char_end:
                    print(f"   {statement.index:>4}. ({statement.lang}) {statement.text}")
    return EXIT_OK


# -- train / evaluate -------------------------------------------------------
def run_prepare(args: argparse.Namespace) -> int:
    from .splits import prepare_splits
    from .training import read_params

    settings = read_params(Path(args.params)).get("prepare", {})
    output = Path(settings.get("output", "data/splits"))
    counts = prepare_splits(
        Path(settings.get("corpus", "corpora")),
        output,
        float(settings.get("dev_fraction", 0.15)),
        float(settings.get("parallel_test_fraction", 0.35)),
    )
    for split, by_lang in counts.items():
        print(f"{split:<6} {sum(by_lang.values()):>5} statements ({', '.join(f'{l} {n}' for l, n in by_lang.items())}) -> {output / split}/")
    return EXIT_OK


def run_train(args: argparse.Namespace) -> int:
    from .training import read_params, train

    params = read_params(Path(args.params))
    if args.extra:
        params["data"]["extra"] = list(params["data"].get("extra") or []) + args.extra
    _, info = train(params, Path(args.out))
    by_lang = ", ".join(f"{lang} {count}" for lang, count in info["training_statements_by_lang"].items())
    extra = info["extra_statements"]
    from_extra = f", {sum(extra.values())} of them from {len(extra)} extra file(s)" if extra else ""
    print(f"trained on {info['training_statements']} statements ({by_lang}){from_extra}; model written to {args.out}")
    return EXIT_OK


def run_evaluate(args: argparse.Namespace) -> int:
    from .classifier import load_model
    from .corpus import load_corpus
    from .evaluation import SCORED_LABELS, evaluate_predictions
    from .training import read_params

    data = args.data or read_params(Path(args.params))["data"].get("test", [])
    gold = load_corpus([Path(p) for p in data])
    classifier = load_model(args.model)
    predicted = classifier.classify([r["text"] for r in gold], langs=[r["lang"] for r in gold])
    metrics = evaluate_predictions(gold, predicted)
    if args.output:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    if args.plots:
        from .plots import write_plots

        written = write_plots(gold, predicted, Path(args.plots))
        print(f"{len(written)} plot file(s) written to {args.plots}")
    columns = ["overall", *metrics["by_lang"]]
    tables = {"overall": metrics["overall"], **metrics["by_lang"]}
    print(f"{'F1 (n=' + str(metrics['n']) + ')':<22}" + "".join(f"{c:>9}" for c in columns))
    for label in SCORED_LABELS:
        print(f"{label:<22}" + "".join(f"{tables[c][label]['f1']:>9.3f}" for c in columns))
    print(f"{'category macro-F1':<22}" + "".join(f"{tables[c]['category_macro_f1']:>9.3f}" for c in columns))
    return EXIT_OK


def run_audit(args: argparse.Namespace) -> int:
    from .audit import audit_report, format_report, out_of_fold_probabilities
    from .corpus import load_corpus
    from .training import read_params

    records = load_corpus([Path(p) for p in args.corpus])
    model_params = read_params(Path(args.params))["model"]
    print(f"auditing {len(records)} statements with {args.folds}-fold out-of-fold models...", file=sys.stderr)
    probabilities = out_of_fold_probabilities(
        records, model_params, folds=args.folds, random_state=model_params.get("random_state", 0)
    )
    report = audit_report(records, probabilities, min_confidence=args.min_confidence)
    if args.output:
        Path(args.output).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(format_report(report, top=args.top), end="")
    return EXIT_OK


def run_card(args: argparse.Namespace) -> int:
    from .card import write_card

    print(f"model card written to {write_card(Path(args.model), Path(args.metrics))}")
    return EXIT_OK


def run_datasheet(args: argparse.Namespace) -> int:
    from .datasheet import update_datasheet

    print(f"counts updated in {update_datasheet(Path(args.corpus))}")
    return EXIT_OK


def run_report(args: argparse.Namespace) -> int:
    from .report import build_synthesis, load_results, write_report

    fmt = args.format or {".md": "md", ".markdown": "md", ".csv": "csv"}.get(Path(args.output).suffix.lower(), "html")
    write_report(build_synthesis(*load_results(args.results)), args.output, fmt)
    print(f"synthesis written to {args.output}", file=sys.stderr)
    return EXIT_OK


# -- parser -----------------------------------------------------------------
def _command(subparsers, name: str, summary: str, example: str, handler) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        name,
        help=summary,
        description=summary,
        epilog=f"example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(handler=handler)
    return parser


def _params_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--params", default="params.yaml", help="parameters file (default: params.yaml)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="capneeds",
        description="Find capacity-need statements in national reports (ru, en, fr, es) and flag the generic ones.",
        epilog="example:\n  capneeds tag reports/ -o needs.csv\nrun `capneeds COMMAND --help` for each command",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    model_help = "model directory (default: the shipped model in models/)"

    classify = _command(
        subparsers,
        "classify",
        "Label statements from a JSONL file: one {\"text\", optional \"id\", \"lang\"} object a line.",
        "capneeds classify statements.jsonl -o labelled.jsonl   (use - for stdin/stdout)",
        run_classify,
    )
    classify.add_argument("input", help="input JSONL file, or - for standard input")
    classify.add_argument("-o", "--output", default="-", help="output JSONL file (default: standard output)")
    classify.add_argument("--model", help=model_help)

    tag = _command(
        subparsers,
        "tag",
        "Find the need statements of reports (PDF, DOCX, HTML, TXT), in parallel, and write them as JSONL, CSV or Parquet.",
        "capneeds tag reports/ -o needs.jsonl --meta meta.csv   (add --all to keep non-need statements;\n"
        "  --resume after an interruption; --dask local or --dask tcp://HOST:8786 to use a Dask cluster)",
        run_tag,
    )
    tag.add_argument("inputs", nargs="+", metavar="FILE_OR_DIR", help="documents, or folders searched recursively")
    tag.add_argument(
        "-o", "--output", required=True,
        help="output file: .jsonl, .csv or .parquet (- for JSONL on stdout); a manifest OUTPUT.manifest.jsonl is kept beside it",
    )
    tag.add_argument("--all", action="store_true", help="also write statements that are not needs")
    tag.add_argument("--password", help="password for encrypted PDFs")
    tag.add_argument("--model", help=model_help)
    tag.add_argument("--jobs", "-j", type=int, default=-1, help="documents tagged at once (default: all cores)")
    tag.add_argument("--resume", action="store_true", help="keep the documents already in OUTPUT (same content) and do the rest")
    tag.add_argument("--meta", help="CSV with a 'file' column and party, convention, year, symbol columns, copied onto every statement")
    tag.add_argument("--dask", metavar="ADDRESS", help="run on a Dask cluster: a scheduler address, or 'local' for a cluster on this machine")

    extract = _command(
        subparsers,
        "extract",
        "Show the paragraphs and statements read from a document, with page numbers: what the model sees.",
        "capneeds extract report.pdf            (or -o statements.jsonl for one statement a line)",
        run_extract,
    )
    extract.add_argument("file", help="a PDF, DOCX, HTML or TXT document")
    extract.add_argument("-o", "--output", help="write statements as JSONL instead of a readable listing")
    extract.add_argument("--password", help="password for an encrypted PDF")

    prepare = _command(
        subparsers,
        "prepare",
        "Validate the corpus against the annotation guideline and write the train/dev/test splits.",
        "capneeds prepare --params params.yaml",
        run_prepare,
    )
    _params_option(prepare)

    train = _command(
        subparsers,
        "train",
        "Train the model from the corpus files and parameters named in params.yaml.",
        "capneeds train --params params.yaml --out models/ --extra corpora/reviewed/alice.jsonl",
        run_train,
    )
    _params_option(train)
    train.add_argument("--out", default="models", help="where to write the model (default: models/)")
    train.add_argument("--extra", nargs="*", default=[], help="extra annotated JSONL files to train on")

    evaluate = _command(
        subparsers,
        "evaluate",
        "Score the model on annotated statements: precision, recall and F1 per label and language.",
        "capneeds evaluate --data my_statements.jsonl -o metrics.json",
        run_evaluate,
    )
    evaluate.add_argument("--data", nargs="*", help="annotated JSONL files or folders (default: the test split in params.yaml)")
    _params_option(evaluate)
    evaluate.add_argument("--model", help=model_help)
    evaluate.add_argument("-o", "--output", help="also write the metrics as JSON")
    evaluate.add_argument("--plots", help="also write confusion matrices and precision-recall curves to this folder")

    audit = _command(
        subparsers,
        "audit",
        "List the corpus lines most likely mislabelled: confident out-of-fold disagreements and translations with different labels.",
        "capneeds audit corpora/ --top 30 -o audit.json",
        run_audit,
    )
    audit.add_argument("corpus", nargs="*", default=["corpora"], help="corpus files or folders (default: corpora/)")
    _params_option(audit)
    audit.add_argument("--folds", type=int, default=5, help="cross-validation folds, split by group (default: 5)")
    audit.add_argument("--top", type=int, default=30, help="suspects to list (default: 30; -o keeps them all)")
    audit.add_argument("--min-confidence", type=float, default=0.8, help="how sure the model must be to list a line (default: 0.8)")
    audit.add_argument("-o", "--output", help="also write the full audit as JSON")

    card = _command(
        subparsers,
        "card",
        "Write the model card (models/README.md) from the model's metadata and an evaluation's metrics.",
        "capneeds evaluate -o metrics/test.json && capneeds card --metrics metrics/test.json",
        run_card,
    )
    card.add_argument("--model", default="models", help="model directory (default: models/)")
    card.add_argument("--metrics", default="metrics/test.json", help="metrics JSON from `capneeds evaluate -o`")

    datasheet = _command(
        subparsers,
        "datasheet",
        "Recount the corpus and rewrite the counts section of its datasheet (corpora/README.md).",
        "capneeds datasheet corpora/",
        run_datasheet,
    )
    datasheet.add_argument("corpus", nargs="?", default="corpora", help="corpus folder (default: corpora/)")

    report = _command(
        subparsers,
        "report",
        "Write the synthesis of a tag run: needs per category, generic shares, figures per language, convention and party.",
        "capneeds report needs.jsonl -o synthesis.html   (or .md / .csv; reads needs.jsonl.manifest.jsonl when present)",
        run_report,
    )
    report.add_argument("results", help="results of `capneeds tag` (.jsonl, .csv or .parquet)")
    report.add_argument("-o", "--output", required=True, help="synthesis file: .html (self-contained), .md or .csv")
    report.add_argument("--format", choices=("html", "md", "csv"), help="output format (default: from the file name, else html)")

    from .review import commands as review_commands

    review_commands.configure(
        _command(subparsers, "review", review_commands.SUMMARY, review_commands.EXAMPLE, review_commands.run)
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except CapneedsError as error:
        _error(str(error))
        return EXIT_ERROR
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
