"""The `blocwatch` command: one small function per subcommand; parsing and printing only."""
from __future__ import annotations

import argparse
import json
import sys
import textwrap
from typing import Iterable

from . import __version__
from .model import Document, Extraction, ReadError
from .printable import printable


def _progress(items: Iterable, desc: str):
    """A progress bar on stderr when it is a terminal; plain iteration otherwise."""
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency
        return items
    return tqdm(items, desc=desc, unit="doc", file=sys.stderr, disable=None, leave=False)


def _error(message: str) -> None:
    print(f"blocwatch: {message}", file=sys.stderr)


def _extract_one(document: Document) -> Extraction | ReadError:
    from .pipeline import UnsupportedLanguage, extract
    try:
        return extract(document)
    except UnsupportedLanguage as e:
        return ReadError(document.path or document.doc_id, f"{e} (supported: de, en)")


def extract_documents(paths: list[str], jobs: int = 1) -> Iterable[Extraction | ReadError]:
    """Read and extract every document under ``paths``, in input order; failures come back
    as ReadError. With ``jobs`` > 1 extraction runs in that many worker processes (reading
    stays in this one); extraction is a pure function of the document, so order and results
    are the same."""
    from .read import read_paths

    if jobs <= 1:
        for item in read_paths(paths):
            yield item if isinstance(item, ReadError) else _extract_one(item)
        return
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: deque = deque()
        for item in read_paths(paths):
            pending.append(item if isinstance(item, ReadError) else pool.submit(_extract_one, item))
            while len(pending) > 8 * jobs:   # bounded: memory stays flat on large batches
                head = pending.popleft()
                yield head if isinstance(head, ReadError) else head.result()
        while pending:
            head = pending.popleft()
            yield head if isinstance(head, ReadError) else head.result()


def _table(ex: Extraction) -> str:
    doc: Document = ex.document
    head = f"{printable(doc.doc_id)}  date={doc.date or '-'}  lang={doc.language or '-'}  actors={' '.join(ex.actors) or '-'}"
    if not ex.claims:
        return head + "\n    (no claims)\n"
    rows = [head]
    for c in ex.claims:
        flags = [c.polarity, c.modality]
        if c.time:
            flags.append(c.time)
        if c.source:
            flags.append(f"src={c.source}")
        if c.goods:
            flags.append("goods=" + ",".join(c.goods))
        rows.append(f"    {c.subject:>6} {c.relation:<19} {c.object:<6} {' '.join(flags)}")
        rows.append(textwrap.indent(textwrap.shorten(c.evidence, 150, placeholder=" …"), " " * 11))
    return "\n".join(rows) + "\n"


def cmd_extract(args: argparse.Namespace) -> int:
    failures = 0
    for result in _progress(extract_documents(args.paths, args.jobs), "extract"):
        if isinstance(result, ReadError):
            failures += 1
            _error(f"error: {result}")
            continue
        if args.format == "jsonl":
            print(json.dumps(result.to_contract(), ensure_ascii=False), flush=False)
        else:
            print(_table(result))
    sys.stdout.flush()
    return 1 if failures else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="blocwatch",
        description="Read news about alliances; extract, store and analyse who stands with whom.")
    parser.add_argument("--version", action="version", version=f"blocwatch {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser("extract", help="extract claims from articles (files or directories)")
    p.add_argument("paths", nargs="+", metavar="PATH", help=".txt, .html or .jsonl files, or directories")
    p.add_argument("--format", choices=("table", "jsonl"), default="table",
                   help="table (default): readable; jsonl: one contract object per document")
    p.add_argument("--jobs", type=int, default=1, metavar="N",
                   help="extract in N worker processes (default 1; output order is kept)")
    p.set_defaults(func=cmd_extract)
    try:
        from .analysis_cli import add_commands
    except ImportError:
        pass
    else:
        add_commands(sub)
    try:
        from .web_cli import add_commands as add_web_commands
    except ImportError:
        pass
    else:
        add_web_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except BrokenPipeError:  # `blocwatch extract ... | head`
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        fault = _store_fault(exc, args)
        if fault is None:
            raise
        _error(printable(fault))
        return 1


def _store_fault(exc: Exception, args: argparse.Namespace) -> str | None:
    """One line for a fault of the store (not a database, disk full, read-only, ...),
    or None when `exc` is something else (a bug: its traceback is wanted)."""
    from .store.faults import StoreError, explain
    if isinstance(exc, StoreError):
        return str(exc)
    if type(exc).__module__.startswith("sqlalchemy") and hasattr(exc, "orig"):
        from .store import display_url, resolve_url
        return str(explain(exc, display_url(resolve_url(getattr(args, "db", None)))))
    return None


if __name__ == "__main__":
    sys.exit(main())
