"""Command-line front end of the web app, the exports and the report: parsing only.

`add_commands(subparsers)` registers ``serve``, ``export`` and ``report``; each takes
``--db URL`` like the analysis commands (the location used is printed on stderr).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

EXIT_OK = 0
EXIT_USAGE = 2


def _store_url(args) -> str:
    from .store import display_url, resolve_url
    url = resolve_url(args.db)
    print(f"blocwatch: store {display_url(url)}", file=sys.stderr)
    return url


def _engine(args, must_exist: bool = True):
    """The store's engine (StoreError, exit 2 in cli.main, when it cannot be opened)."""
    from .store import open_store
    return open_store(_store_url(args), must_exist=must_exist)


def _cannot_write(path: str, exc: OSError | None = None) -> str | None:
    """Why `path` cannot be written, in words; None when it looks writable."""
    if exc is not None:
        return f"cannot write {path}: {exc.strerror or exc}"
    parent = Path(path).expanduser().absolute().parent
    if not parent.is_dir():
        return f"cannot write {path}: there is no directory {parent}"
    return None


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL", default=None,
                        help="store URL or SQLite file (default: $BLOCWATCH_DB, else "
                             "~/.local/share/blocwatch/blocwatch.sqlite)")


def cmd_serve(args) -> int:
    import uvicorn

    from .web import create_app
    token = args.token or os.environ.get("BLOCWATCH_TOKEN") or None
    app = create_app(_engine(args, must_exist=not token), token=token,
                     max_body=args.max_body)
    mode = "uploads allowed with the token" if token else "read-only"
    print(f"blocwatch: serving http://{args.host}:{args.port}/ ({mode})", file=sys.stderr)
    from .web.queries import warm
    warm()                       # names and registry ready before the first page load
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
    return EXIT_OK


def cmd_export(args) -> int:
    from sqlalchemy.orm import Session

    from .export import FORMATS, write
    if args.out not in (None, "-") and args.format != "csv":
        problem = _cannot_write(args.out)
        if problem:
            print(f"blocwatch export: {problem}", file=sys.stderr)
            return EXIT_USAGE
    engine = _engine(args)
    try:
        with Session(engine) as session:
            written = write(session, args.format, args.out, since=args.since,
                            until=args.until)
    except ValueError as exc:
        print(f"blocwatch export: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"blocwatch export: {_cannot_write(exc.filename or args.out, exc)}",
              file=sys.stderr)
        return EXIT_USAGE
    finally:
        engine.dispose()
    for path in written:
        print(f"blocwatch: wrote {path} ({FORMATS[args.format]})", file=sys.stderr)
    return EXIT_OK


def cmd_report(args) -> int:
    from sqlalchemy.orm import Session

    from .actors.names import resolve_actor
    from .report import write_report
    problem = _cannot_write(args.out)
    if problem:
        print(f"blocwatch report: {problem}", file=sys.stderr)
        return EXIT_USAGE
    try:
        actor = resolve_actor(args.actor)
    except KeyError as exc:
        print(f"blocwatch report: {exc.args[0]}", file=sys.stderr)
        return EXIT_USAGE
    engine = _engine(args)
    try:
        with Session(engine) as session:
            write_report(session, args.out, actor=actor, bloc=args.bloc, by=args.by)
    except (KeyError, ValueError) as exc:
        print(f"blocwatch report: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"blocwatch report: {_cannot_write(args.out, exc)}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        engine.dispose()
    print(f"blocwatch: wrote {args.out}", file=sys.stderr)
    return EXIT_OK


def add_commands(subparsers) -> None:
    """Register serve, export and report on `subparsers`."""
    p = subparsers.add_parser("serve", help="HTTP API and interactive network page",
                              description="Serve the API (/api, /openapi.json) and the page "
                              "(/). Read-only unless a token is given; POST /api/documents "
                              "then needs 'Authorization: Bearer TOKEN'.")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--token", default=None,
                   help="allow uploads with this bearer token (or $BLOCWATCH_TOKEN)")
    p.add_argument("--max-body", type=int, default=2 * 1024 * 1024, metavar="BYTES",
                   help="largest request body accepted (default 2 MiB)")
    p.add_argument("--log-level", default="warning")
    _add_db(p)
    p.set_defaults(func=cmd_serve)

    p = subparsers.add_parser("export", help="facts for other tools: gexf, graphml, csv, "
                              "jsonld, events")
    p.add_argument("--format", required=True,
                   choices=("gexf", "graphml", "csv", "jsonld", "events"))
    p.add_argument("--out", metavar="PATH", default=None,
                   help="file (csv: a directory, or a prefix) ; default: stdout")
    p.add_argument("--since", metavar="DATE")
    p.add_argument("--until", metavar="DATE")
    _add_db(p)
    p.set_defaults(func=cmd_export)

    p = subparsers.add_parser("report", help="self-contained HTML brief with figures")
    p.add_argument("--out", required=True, metavar="PATH")
    p.add_argument("--actor", default="RUS", help="whose support network (default RUS)")
    p.add_argument("--bloc", default="CSTO", help="whose obligations table (default CSTO)")
    p.add_argument("--by", choices=("year", "month"), default="year",
                   help="heatmap periods (default year)")
    _add_db(p)
    p.set_defaults(func=cmd_report)
