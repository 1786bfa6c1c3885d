"""``capneeds review``: load results into the review database and serve the workbench; export and import.

Three actions share one sub-command, because ``review`` takes results files
as positionals (the issue's words: ``capneeds review results.jsonl``):

* ``capneeds review RESULTS... [--db review.sqlite] [--host 127.0.0.1] [--port 8765] [--token T]``
  loads the files (none: serve the database as it is) and serves the app;
* ``capneeds review export --db review.sqlite -o corpora/reviewed/NAME.jsonl [--format ...] [--reviewer NAME]``;
* ``capneeds review import --db review.sqlite FILE [--format label-studio|prodigy] [--reviewer NAME]``.

A first positional ``export`` or ``import`` names the action; a results file
with one of those names is given as ``./export``. :func:`configure` adds the
options to the parser ``cli.py`` creates and :func:`run` does the work.
Flask is imported only to serve, so export and import work without it.
"""
from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from pathlib import Path

from ..errors import CapneedsError

SUMMARY = "Review what capneeds flagged in a browser, correct it, and export the corrections for training."
EXAMPLE = (
    "capneeds review needs.jsonl --db review.sqlite        (then open http://127.0.0.1:8765/)\n"
    "  capneeds review export --db review.sqlite -o corpora/reviewed/alice.jsonl\n"
    "  capneeds review export --db review.sqlite -o tasks.json --format label-studio\n"
    "  capneeds review import --db review.sqlite annotated.jsonl --format prodigy"
)
DESCRIPTION = f"""{SUMMARY}

Three actions:
  capneeds review RESULTS... [--db DB] [--host H] [--port P] [--token T]
      load `capneeds tag` results (.jsonl, .csv, .parquet; several files, any
      time: nothing is duplicated and no decision is lost) into DB, then serve
      the reviewer workbench. Without RESULTS the database is served as it is.
  capneeds review export --db DB -o OUT [--format corpus|label-studio|prodigy] [--reviewer NAME]
      write the reviewed statements: corpus JSONL for `capneeds train --extra`
      (default), Label Studio JSON tasks, or Prodigy JSONL tasks.
  capneeds review import --db DB FILE [--format label-studio|prodigy] [--reviewer NAME]
      read decisions annotated in Label Studio (JSON export) or Prodigy (JSONL).
A results file called "export" or "import" is given as ./export or ./import.

The server binds to 127.0.0.1. Another address needs --token (or the
CAPNEEDS_REVIEW_TOKEN environment variable): every request must then carry it,
and the address to open is printed with ?token=... once."""

ACTIONS = ("export", "import")
DEFAULT_DB = "review.sqlite"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
#: A token guards a server others can reach: shorter ones are refused.
MIN_TOKEN_LENGTH = 12
TOKEN_ENV = "CAPNEEDS_REVIEW_TOKEN"


class _IntermixedParser(argparse.ArgumentParser):
    """Options and positionals in any order (``review import --db DB FILE``).

    Plain ``parse_args`` hands a ``nargs="*"`` positional only the words
    before the first option, so ``FILE`` after ``--db DB`` would be rejected.
    """

    _intermixing = False

    def parse_known_args(self, args=None, namespace=None):  # type: ignore[override]
        if self._intermixing:
            return super().parse_known_args(args, namespace)
        self._intermixing = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._intermixing = False


def configure(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add the ``review`` options to ``parser`` (the sub-parser ``cli.py`` made) and return it."""
    if type(parser) is argparse.ArgumentParser:
        parser.__class__ = _IntermixedParser
    parser.description = DESCRIPTION
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument(
        "files", nargs="*", metavar="RESULTS",
        help="results of `capneeds tag` to load and serve; or `export`, or `import FILE` (see above)",
    )
    parser.add_argument("--db", default=DEFAULT_DB, help=f"review database, SQLite (default: {DEFAULT_DB} in this folder)")
    serve = parser.add_argument_group("serving")
    serve.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default: {DEFAULT_HOST}; others need --token)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default: {DEFAULT_PORT}; 0 picks a free one)")
    serve.add_argument("--token", help=f"access token every request must carry (default: ${TOKEN_ENV}); "
                                       f"required on a non-loopback address; at least {MIN_TOKEN_LENGTH} characters")
    exchange = parser.add_argument_group("export and import")
    exchange.add_argument("-o", "--output", help="export: the file to write")
    exchange.add_argument("--format", help="export: corpus (default; label-studio for a .json file), label-studio, "
                                           "prodigy; import: label-studio or prodigy (default: from the extension)")
    exchange.add_argument("--reviewer", help="export (corpus): only this reviewer's decisions; "
                                             "import: the reviewer's name when the file has none")
    parser.set_defaults(handler=run)
    return parser


def split_action(files: list[str]) -> tuple[str, list[str]]:
    """``("serve" | "export" | "import", remaining positionals)``."""
    if files and files[0] in ACTIONS:
        return files[0], files[1:]
    return "serve", list(files)


def is_loopback(host: str) -> bool:
    """Whether ``host`` only reaches this machine (127.0.0.0/8, ::1, localhost)."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _given(args: argparse.Namespace, name: str, default: object) -> bool:
    return getattr(args, name, default) != default


def _refuse_options(args: argparse.Namespace, action: str, names: dict[str, object]) -> None:
    for name, default in names.items():
        if _given(args, name, default):
            raise CapneedsError(f"--{name} does not apply to `capneeds review{'' if action == 'serve' else ' ' + action}`")


def _open_existing(db: str):
    from .store import ReviewStore

    path = Path(db)
    if not path.is_file():
        raise CapneedsError(f"{db}: no such review database (create it with `capneeds review RESULTS --db {db}`)")
    return ReviewStore(path)


def export_action(args: argparse.Namespace, files: list[str]) -> int:
    from .exchange import EXPORT_FORMATS, export

    if files:
        raise CapneedsError(f"`capneeds review export` takes no file argument (got {files[0]!r}); use -o FILE")
    _refuse_options(args, "export", {"host": DEFAULT_HOST, "port": DEFAULT_PORT, "token": None})
    if not args.output:
        raise CapneedsError("`capneeds review export` needs -o FILE (e.g. -o corpora/reviewed/NAME.jsonl)")
    fmt = args.format or ("label-studio" if Path(args.output).suffix.lower() == ".json" else "corpus")
    if fmt not in EXPORT_FORMATS:
        raise CapneedsError(f"unknown export format '{fmt}' (use {', '.join(EXPORT_FORMATS)})")
    if args.reviewer and fmt != "corpus":
        raise CapneedsError("--reviewer applies to the corpus export only (Label Studio and Prodigy keep every reviewer)")
    output = Path(args.output)
    if output.parent and not output.parent.exists():
        output.parent.mkdir(parents=True, exist_ok=True)
    with _open_existing(args.db) as store:
        summary = export(store, output, fmt, args.reviewer)
    line = f"{summary.written} {'line(s)' if fmt == 'corpus' else 'task(s)'} written to {summary.path} ({fmt})"
    extras = []
    if summary.conflicts:
        extras.append(f"{summary.conflicts} statement(s) where reviewers disagree: the latest decision is exported")
    if summary.skipped:
        extras.append(f"{summary.skipped} reviewed statement(s) skipped (not valid corpus lines, e.g. unsupported language)")
    print(line + ("; " + "; ".join(extras) if extras else ""), file=sys.stderr)
    return 0


def import_action(args: argparse.Namespace, files: list[str]) -> int:
    from .exchange import IMPORT_FORMATS, import_file

    if len(files) != 1:
        raise CapneedsError("`capneeds review import` takes exactly one FILE (a Label Studio .json or Prodigy .jsonl export)")
    _refuse_options(args, "import", {"host": DEFAULT_HOST, "port": DEFAULT_PORT, "token": None, "output": None})
    fmt = args.format
    if fmt is None:
        suffix = Path(files[0]).suffix.lower()
        fmt = {".json": "label-studio", ".jsonl": "prodigy"}.get(suffix)
        if fmt is None:
            raise CapneedsError(f"{files[0]}: cannot tell the format from the name: add --format label-studio or prodigy")
    if fmt not in IMPORT_FORMATS:
        raise CapneedsError(f"unknown import format '{fmt}' (use {', '.join(IMPORT_FORMATS)})")
    if not Path(files[0]).is_file():
        raise CapneedsError(f"{files[0]}: no such file")
    with _open_existing(args.db) as store:
        summary = import_file(store, files[0], fmt, args.reviewer)
    print(
        f"{summary.decisions} decision(s) imported from {summary.path} ({fmt}); {summary.unchanged} unchanged, "
        f"{summary.unmatched} not matching a statement in {args.db}, {summary.skipped} not annotated",
        file=sys.stderr,
    )
    return 0


def check_serving(host: str, port: int, token: str | None) -> None:
    """Refuse, in one line, a server that others could reach without a token."""
    if not 0 <= port <= 65535:
        raise CapneedsError(f"--port {port} is not a port number (0 to 65535)")
    if token is not None and len(token) < MIN_TOKEN_LENGTH:
        raise CapneedsError(
            f"--token must have at least {MIN_TOKEN_LENGTH} characters "
            "(e.g. python -c \"import secrets; print(secrets.token_urlsafe())\")"
        )
    if token is not None and any(ch.isspace() or not ch.isprintable() for ch in token):
        raise CapneedsError("--token must not contain spaces or control characters")
    if not is_loopback(host) and not token:
        raise CapneedsError(f"--host {host} can be reached from other machines: give --token so every request must carry it")


def serve_action(args: argparse.Namespace, files: list[str]) -> int:
    token = args.token if args.token is not None else (os.environ.get(TOKEN_ENV) or None)
    check_serving(args.host, args.port, token)
    _refuse_options(args, "serve", {"output": None, "format": None, "reviewer": None})
    from .store import ReviewStore

    db = Path(args.db)
    if not files and not db.is_file():
        raise CapneedsError(f"{db}: no review database yet: give the results of `capneeds tag` to load")
    missing = [name for name in files if not Path(name).is_file()]
    if missing:
        raise CapneedsError(f"{missing[0]}: no such file")
    try:
        from .app import create_app
    except ImportError as error:
        raise CapneedsError(f"serving the workbench needs Flask ({error.name} is missing): pip install flask") from error
    listening = listen(args.host, args.port)  # a busy port fails before anything is loaded
    try:
        with ReviewStore(db) as store:
            for name in files:
                summary = store.load(name)
                print(f"loaded {name}: {summary.statements} statement(s) from {summary.documents} document(s) "
                      f"({summary.added} new, {summary.updated} updated)", file=sys.stderr)
        app = create_app(db, token=token, allowed_hosts=[args.host] if not token else None)
    except BaseException:
        listening.close()
        raise
    return serve(app, args.host, args.port, token, listening=listening)


#: Threads answering requests: a reviewer's browser opens a few connections at once.
SERVER_THREADS = 8


def listen(host: str, port: int):
    """A listening socket on ``host:port``, or one :class:`CapneedsError` line (busy port, unknown address)."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host.strip("[]"), port), family=family, backlog=128)
    except OSError as error:
        reason = os.strerror(error.errno) if error.errno else str(error)
        raise CapneedsError(f"cannot listen on {host}:{port} ({reason})") from error


def make_pooled_server(host: str, port: int, app, threads: int = SERVER_THREADS, listening=None):
    """A werkzeug WSGI server that answers requests on a fixed pool of threads.

    Werkzeug's threaded server starts a thread per request; the review store
    keeps one SQLite connection per thread, so a long review session would
    pile up connections. A pool keeps them to ``threads``; connections close
    after each response (HTTP/1.0), so idle browser connections never hold a
    pool thread. The socket is bound here, so a busy port is one
    :class:`CapneedsError` line.
    """
    from concurrent.futures import ThreadPoolExecutor

    from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler

    class Handler(WSGIRequestHandler):
        protocol_version = "HTTP/1.0"

    class PooledWSGIServer(BaseWSGIServer):
        multithread = True

        def __init__(self, fd: int) -> None:
            super().__init__(host, port, app, handler=Handler, fd=fd)  # calls server_close() once: no pool yet
            self.pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="capneeds-review")

        def process_request(self, request, client_address) -> None:  # type: ignore[override]
            self.pool.submit(self._answer, request, client_address)

        def _answer(self, request, client_address) -> None:
            try:
                self.finish_request(request, client_address)
            except Exception:
                self.handle_error(request, client_address)
            finally:
                self.shutdown_request(request)

        def server_close(self) -> None:
            super().server_close()
            pool = getattr(self, "pool", None)
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)

    if listening is None:
        listening = listen(host, port)
    try:
        return PooledWSGIServer(listening.fileno())
    finally:
        listening.close()  # the server holds its own duplicate of the socket


def _stop(signum, frame) -> None:
    raise KeyboardInterrupt


def serve(app, host: str, port: int, token: str | None, listening=None) -> int:
    """Serve ``app`` until Ctrl+C (or SIGTERM), printing the address to open."""
    import signal
    import threading

    server = make_pooled_server(host, port, app, listening=listening)
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{shown}:{server.port}/"
    print(f"reviewer workbench at {address}{'?token=' + token if token else ''}  (Ctrl+C stops it)", file=sys.stderr)
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _stop) if main_thread else None
    try:
        server.serve_forever()  # werkzeug's returns on Ctrl+C (KeyboardInterrupt)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        if main_thread:
            signal.signal(signal.SIGTERM, previous)
    print("stopped; every decision is saved", file=sys.stderr)
    return 0


def run(args: argparse.Namespace) -> int:
    """``capneeds review``: serve, export or import (see the module docstring)."""
    action, files = split_action(list(args.files))
    if action == "export":
        return export_action(args, files)
    if action == "import":
        return import_action(args, files)
    return serve_action(args, files)
