"""The `blocwatch` command: one small function per subcommand; parsing and printing only."""
from __future__ import annotations

import argparse
import json
import sys
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


def extract_documents(paths: list[str], jobs: int = 1, extractor: str = "model",
                      min_confidence: float | None = None) -> Iterable[Extraction | ReadError]:
    """Read and extract every document under ``paths``, in input order; failures come back
    as ReadError. With ``jobs`` > 1 extraction runs in that many worker processes of the
    one local runner (blocwatch.runner; reading stays in this one); extraction is a pure
    function of the document, so order and results are the same."""
    from .read import read_paths
    from .pipeline import configured
    from .runner import Failure, run_in_order

    extract, _version = configured(extractor, min_confidence)
    for item in run_in_order(read_paths(paths), extract, jobs):
        if isinstance(item, ReadError):
            yield item
            continue
        document, result = item
        if isinstance(result, Failure):
            yield ReadError(document.path or document.doc_id, failure_reason(result))
        else:
            yield result


def failure_reason(failure) -> str:
    """The one-line reason `extract` prints for a document it could not extract."""
    if failure.kind == "UnsupportedLanguage":
        return f"{failure.message} (supported: de, en)"
    return f"extraction failed: {failure}"


EVIDENCE_WIDTH = 150


def evidence_window(sentence: str, cue: str = "", width: int = EVIDENCE_WIDTH) -> str:
    """The sentence, or when longer than `width` the stretch of it around the cue (the
    decisive words), marked with … where cut."""
    text = " ".join(sentence.split())
    if len(text) <= width:
        return text
    at = text.find(" ".join(cue.split())) if cue else -1
    if at < 0:
        return text[: width - 1] + "…"
    centre = at + len(cue) // 2
    start = max(0, min(centre - width // 2, len(text) - width))
    piece = text[start:start + width]
    return ("…" if start > 0 else "") + piece + ("…" if start + width < len(text) else "")


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
        if c.confidence is not None:
            flags.append(f"p={c.confidence:.2f}")
        rows.append(f"    {c.subject:>6} {c.relation:<19} {c.object:<6} {' '.join(flags)}")
        rows.append(" " * 11 + evidence_window(c.evidence, c.cue))
    return "\n".join(rows) + "\n"


def cmd_extract(args: argparse.Namespace) -> int:
    failures = 0
    for result in _progress(extract_documents(args.paths, args.jobs, args.extractor, args.min_confidence), "extract"):
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


def cmd_spark_extract(args: argparse.Namespace) -> int:
    from .spark import InputError, SparkUnavailable, spark_extract
    try:
        report = spark_extract(args.inputs, args.out, master=args.master)
    except (InputError, SparkUnavailable) as exc:
        _error(f"spark-extract: {exc}")
        return 2
    print(json.dumps(report.to_dict(), ensure_ascii=False))
    if report.errors:
        _error(f"{report.errors} articles could not be read or extracted: see {args.out}/errors")
    return 0


def confidence_value(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number from 0 to 1")
    return value


def add_extractor_options(p: argparse.ArgumentParser) -> None:
    """--extractor and --min-confidence, shared by extract and ingest."""
    p.add_argument("--extractor", choices=("model", "rules"), default="model",
                   help="model (default): the trained scorer decides each actor pair; "
                        "rules: the rule engine alone (the baseline)")
    p.add_argument("--min-confidence", type=confidence_value, default=None, metavar="P",
                   help="keep only claims the scorer gives at least this probability (0-1)")


def cmd_train(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .claims import training

    if args.gold or args.articles:
        if len(args.gold) != len(args.articles):
            _error("train: give --gold and --articles in pairs (one gold file per article folder)")
            return 2
        sources = [(Path(g), Path(a), Path(a).name) for g, a in zip(args.gold, args.articles)]
    else:
        sources = training.default_sources(Path(args.shared), Path(args.team) if args.team else None)
    for gold, articles, _ in sources:
        if not gold.is_file() or not articles.is_dir():
            _error(f"train: {gold if not gold.is_file() else articles} not found: "
                   "give --gold FILE --articles DIR, or --shared pointing at the shared folder")
            return 2
    if not sources:
        _error(f"train: no gold found under {args.shared}: give --gold FILE --articles DIR")
        return 2
    try:
        meta = training.train(sources, Path(args.out) if args.out else None, folds=args.folds)
    except ValueError as exc:
        _error(f"train: {exc}")
        return 2
    if args.check_floor:
        return training.check_floor(meta, Path(args.check_floor))
    return 0


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
    add_extractor_options(p)
    p.set_defaults(func=cmd_extract)
    p = sub.add_parser("train", help="fit the claim scorer on gold claims; print cross-validated scores")
    p.add_argument("--gold", action="append", default=[], metavar="FILE",
                   help="gold claims in the contract's JSONL format (repeat, paired with --articles)")
    p.add_argument("--articles", action="append", default=[], metavar="DIR", help="the articles of that gold")
    p.add_argument("--shared", default="../shared", metavar="DIR",
                   help="without --gold: train/, corpus/ and eval/ of this folder (default ../shared)")
    p.add_argument("--team", default="bench/team_corpus", metavar="DIR",
                   help="without --gold: also this corpus (gold.jsonl, articles/); '' for none")
    p.add_argument("--out", default=None, metavar="FILE",
                   help="where to write the model (default: only report; the shipped model is "
                        "src/blocwatch/claims/data/model.npz)")
    p.add_argument("--folds", type=int, default=5, metavar="K", help="cross-validation folds (default 5)")
    p.add_argument("--check-floor", metavar="FILE",
                   help="exit 1 when the cross-validated F1 falls below the floors in FILE "
                        "(lines 'train_cv_claims_f1 0.xx', 'train_cv_de_f1', 'train_cv_en_f1')")
    p.set_defaults(func=cmd_train)
    p = sub.add_parser("spark-extract", help="extract on Apache Spark into Parquet for `load`",
                       description="Read and extract articles with Spark; write documents, "
                       "mentions and claims as Parquet (by publication month, keyed by "
                       "content hash) and the articles that failed to DIR/errors. Needs "
                       "pip install 'blocwatch[spark]' and Java 17.")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="files or directories (.txt, .html, .jsonl), Parquet files or "
                        "folders with a text or html column; local paths or Spark URIs")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder (replaced)")
    p.add_argument("--master", metavar="URL",
                   help="Spark master (default: the one spark-submit gives, else local[*])")
    p.set_defaults(func=cmd_spark_extract)
    # a broken module must fail loudly, not make its commands vanish
    from .analysis_cli import add_commands
    from .web_cli import add_commands as add_web_commands
    add_commands(sub)
    add_web_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    from .store import StoreError
    try:
        return args.func(args)
    except StoreError as exc:   # bad URL, unreachable server, no store there
        print(f"blocwatch {args.command}: {exc}", file=sys.stderr)
        return 2
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
