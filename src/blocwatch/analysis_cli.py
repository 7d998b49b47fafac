"""Command-line front end of the store and the analysis: parsing and printing only.

`add_commands(subparsers)` registers ingest, reextract, facts, members, obligations,
who-supports, explain, alignment, blocs and contradictions on an argparse parser made
with ``parser.add_subparsers(dest="command")``. Each command takes ``--db URL`` (default:
$BLOCWATCH_DB or the SQLite file in the user data dir; the location used is printed on
stderr) and ``--format table|json``, and sets ``func`` to a function of the parsed
arguments that returns the exit status.

Runs on its own too: ``python -m blocwatch.analysis_cli who-supports RUS``.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable, Iterable

from sqlalchemy.orm import Session

EXIT_OK = 0
EXIT_SOME_FAILED = 1        # ingest: some files or documents could not be stored
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

AT_HELP = ("YYYY, YYYY-MM or YYYY-MM-DD (default: today); a month or year means its last "
           "day: 2023-07 is 2023-07-31")
EVIDENCE_LINES = 3          # evidence sentences shown per row in table output
EVIDENCE_WIDTH = 150


# ---------------------------------------------------------------- shared plumbing

def _store_url(args) -> str:
    from .store import display_url, resolve_url
    url = resolve_url(args.db)
    print(f"blocwatch: store {display_url(url)}", file=sys.stderr)
    return url


def _engine(args, must_exist: bool = True):
    """The store's engine; StoreError (one line, exit 2 in main) if it cannot be opened.
    Questions (`must_exist`) never create a store; an empty one gets a hint on stderr."""
    from .store import open_store, summary
    engine = open_store(_store_url(args), must_exist=must_exist)
    if must_exist:
        with Session(engine) as session:
            if summary(session)["documents"] == 0:
                print("blocwatch: the store is empty: fill it with `blocwatch ingest PATH..."
                      + (f" --db {args.db}" if args.db else "") + "`", file=sys.stderr)
    return engine


def _session(args) -> Session:
    return Session(_engine(args))


def _actor(value: str | None) -> str | None:
    """An actor code from a code or a German/English name (Russland, Tokajew); an unknown
    one is a KeyError naming the nearest known (exit 2 through _guarded)."""
    if value is None:
        return None
    from .actors.names import resolve_actor
    return resolve_actor(value)


def _plain(value):
    """Dataclasses, tuples and sets as JSON-ready values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(v) for v in value]
    return value


def _print_json(value) -> None:
    json.dump(_plain(value), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _table(headers: list[str], rows: Iterable[Iterable]) -> str:
    rows = [["" if cell is None else str(cell) for cell in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines)


def _short(text: str, width: int = EVIDENCE_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _cite(e: dict) -> str:
    date = e.get("date") or (f"~{e['date_estimated']} (estimated)" if e.get("date_estimated")
                             else None)
    where = ", ".join(x for x in (e.get("doc"), e.get("outlet"), date) if x)
    extra = []
    if e.get("modality") and e["modality"] != "asserted":
        extra.append(e["modality"])
    if e.get("source"):
        extra.append(f"source: {e['source']}")
    tail = f" ({'; '.join(extra)})" if extra else ""
    return f"[{where}]{tail} \"{_short(e.get('evidence') or '')}\""


def _evidence_lines(evidence: list[dict], indent: str = "    ") -> list[str]:
    # one sentence can carry several claims (troops and support): show it once
    seen, unique = set(), []
    for e in evidence:
        key = (e.get("doc"), e.get("start"), e.get("end"), e.get("evidence"))
        if key not in seen:
            seen.add(key)
            unique.append(e)
    lines = [indent + _cite(e) for e in unique[:EVIDENCE_LINES]]
    if len(unique) > EVIDENCE_LINES:
        lines.append(f"{indent}... and {len(unique) - EVIDENCE_LINES} more (--format json)")
    return lines


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


def _upper(code: str) -> str:
    return code.strip().upper()


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL", default=None,
                        help="store URL or SQLite file (default: $BLOCWATCH_DB, else "
                             "~/.local/share/blocwatch/blocwatch.sqlite)")
    parser.add_argument("--format", choices=("table", "json"), default="table",
                        help="output format (default: table)")


def _add_period(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--since", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD")
    parser.add_argument("--until", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD")


def _guarded(run: Callable) -> Callable:
    """Bad input (unknown bloc, malformed date) becomes a message and exit status 2."""
    def wrapper(args) -> int:
        try:
            return run(args)
        except (KeyError, ValueError) as exc:
            message = exc.args[0] if exc.args else str(exc)
            print(f"blocwatch {args.command}: {message}", file=sys.stderr)
            return EXIT_USAGE
    return wrapper


# ---------------------------------------------------------------- ingest, reextract

def _print_report(report, args) -> int:
    if args.format == "json":
        _print_json(report.to_dict())
    else:
        print(f"stored {report.stored}, re-extracted {report.reextracted}, "
              f"skipped {report.skipped} (already stored), failed {len(report.failed)}")
        print(f"{report.claims} claims, {report.mentions} mentions, "
              f"{report.seconds:.1f} s, {report.docs_per_second:.0f} documents/s, "
              f"extractor {report.extractor_version}")
        for failure in report.failed:
            print(f"  failed: {failure}")
        if report.interrupted:
            print("interrupted: every document stored so far is complete; run again to go on")
    if report.stopped:
        print(f"blocwatch {args.command}: stopped: {report.stopped}", file=sys.stderr)
    if report.interrupted:
        return EXIT_INTERRUPTED
    return EXIT_SOME_FAILED if report.failed or report.stopped else EXIT_OK


def cmd_ingest(args) -> int:
    from .store import ingest
    if args.jobs < 1:
        print("blocwatch ingest: --jobs must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    # jobs only when asked for: one job is ingest's default (and stand-ins need not know it)
    more = {"jobs": args.jobs} if args.jobs > 1 else {}
    if args.extractor != "model" or args.min_confidence is not None:
        from .pipeline import configured
        more["extract"], more["extractor_version"] = configured(args.extractor, args.min_confidence)
    report = ingest(args.paths, _engine(args, must_exist=False),
                    progress=not args.no_progress, **more)
    return _print_report(report, args)


def cmd_load(args) -> int:
    from .store.load import LoadError, load
    try:
        report = load(args.directory, _store_url(args), progress=not args.no_progress)
    except LoadError as exc:
        print(f"blocwatch load: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return _print_report(report, args)


def cmd_reextract(args) -> int:
    from .store import reextract
    report = reextract(_engine(args), progress=not args.no_progress,
                       everything=args.all)
    return _print_report(report, args)


# ---------------------------------------------------------------- facts

def cmd_facts(args) -> int:
    from .analysis import facts
    with _session(args) as session:
        found = facts(session, actor=_actor(args.actor), subject=_actor(args.subject),
                      object=_actor(args.object),
                      relation=args.relation and _upper(args.relation),
                      since=args.since, until=args.until, min_documents=args.min_docs)
    found = found[: args.limit] if args.limit else found
    if args.format == "json":
        _print_json(found)
        return EXIT_OK
    print(_table(
        ["subject", "relation", "object", "pol", "first", "last", "docs", "outlets",
         "reported", "confidence"],
        [[f.subject, f.relation, f.object, f.polarity, f.first_time, f.last_time,
          f.n_documents, f.n_outlets, _pct(f.share_reported), f"{f.confidence:.2f}"]
         for f in found]))
    print(f"{len(found)} facts")
    return EXIT_OK


# ---------------------------------------------------------------- members

def cmd_members(args) -> int:
    from .analysis import members
    with _session(args) as session:
        result = members(session, args.bloc, at=args.at)
    if args.format == "json":
        _print_json({**_plain(result), "disagreements": len(result.disagreements)})
        return EXIT_OK
    print(f"{result.bloc} ({result.name}) on {result.at}")
    print(_table(["actor", "registry", "corpus", "corpus time", "docs", "verdict", "note"],
                 [[r.actor, r.registry_status, r.corpus_status, r.corpus_time,
                   r.corpus_documents or "", r.verdict.upper() if r.verdict == "disagree"
                   else r.verdict, r.note] for r in result.rows]))
    for row in result.disagreements:
        print(f"\nDISAGREE {row.actor}: corpus says {row.corpus_status}; {row.note}")
        print("\n".join(_evidence_lines(row.evidence)))
    print(f"\n{len(result.disagreements)} disagreement(s) between registry and corpus")
    return EXIT_OK


# ---------------------------------------------------------------- obligations

def cmd_obligations(args) -> int:
    from .analysis import obligations
    with _session(args) as session:
        result = obligations(session, args.bloc)
    if args.format == "json":
        _print_json(result)
        return EXIT_OK
    print(f"{result.bloc} ({result.name})")
    if result.obligations:
        print("obligations (registry):")
        for o in result.obligations:
            print(f"  {o.type:<14} {o.clause}: {_short(o.summary, 110)}")
    else:
        print("obligations (registry): none recorded")
    print(f"\n{len(result.requests)} request(s) for aid")
    for request in result.requests:
        when = request.time or "undated"
        if request.time and not request.dated:
            when += " (published)"
        print(f"\n{request.requester} asked {request.addressee} for aid, {when}; "
              f"{request.n_documents} document(s)")
        print("\n".join(_evidence_lines(request.evidence, "  ")))
        print(_indent(_table(["responder", "verdict", "how"],
                             [[r.actor, r.verdict, ", ".join(r.how)]
                              for r in request.responses]), "  "))
        for response in request.responses:
            if response.evidence:
                print(f"  {response.actor} {response.verdict}:")
                print("\n".join(_evidence_lines(response.evidence, "    ")))
    return EXIT_OK


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line for line in text.splitlines())


# ---------------------------------------------------------------- who-supports

def cmd_who_supports(args) -> int:
    from .analysis import who_supports
    with _session(args) as session:
        result = who_supports(session, _actor(args.actor), since=args.since, until=args.until)
    if args.format == "json":
        _print_json(result)
        return EXIT_OK
    since = f" since {result.since}" if result.since else ""
    for title, findings in ((f"Support for {result.actor}{since}", result.positive),
                            (f"Refused or denied support for {result.actor}{since}",
                             result.negative),
                            (f"Planned or possible support for {result.actor}{since}",
                             result.planned)):
        print(f"{title}: {len(findings)}")
        if not findings:
            print()
            continue
        print(_table(["supporter", "what", "docs", "reported", "confidence", "first", "last"],
                     [[f.supporter, ", ".join(f.what), f.n_documents, _pct(f.share_reported),
                       f"{f.confidence:.2f}", f.first_time, f.last_time] for f in findings]))
        for f in findings:
            print(f"  {f.supporter}:")
            print("\n".join(_evidence_lines(f.evidence)))
        print()
    if result.undated_left_out:
        print(f"({result.undated_left_out} undated claim(s) left out because of --since/--until)")
    return EXIT_OK


# ---------------------------------------------------------------- explain

def cmd_explain(args) -> int:
    from .analysis import explain
    with _session(args) as session:
        result = explain(session, _actor(args.a), _actor(args.b), since=args.since,
                         until=args.until)
    if args.format == "json":
        _print_json(result)
        return EXIT_OK
    print(f"{result.a} and {result.b}: {len(result.timeline)} claim(s), "
          f"{len(result.facts)} fact(s)")
    for entry in result.timeline:
        when = entry.time or "undated"
        if entry.time_basis == "estimated":
            when = f"~{when}"
        elif entry.time and not entry.dated:
            when += "*"
        neg = " NOT" if entry.polarity == "neg" else ""
        goods = f" [{', '.join(entry.goods)}]" if entry.goods else ""
        print(f"{when:<12} {entry.subject}{neg} {entry.relation} {entry.object}{goods}")
        print("  " + _cite(entry.citation))
    if any(e.time and not e.dated and e.time_basis != "estimated" for e in result.timeline):
        print("* publication date: the article does not say when")
    if any(e.time_basis == "estimated" for e in result.timeline):
        print("~ estimated: the article has no date; its latest mentioned date (or the day "
              "it was stored) stands in")
    return EXIT_OK


# ---------------------------------------------------------------- alignment

def _bases(value: str | None) -> list[str] | None:
    """--time-basis stated,published: the claim times to count; ValueError if unknown."""
    if not value:
        return None
    from .model import TIME_BASES
    bases = [b.strip() for b in value.split(",") if b.strip()]
    unknown = [b for b in bases if b not in TIME_BASES]
    if unknown:
        raise ValueError(f"unknown time basis {', '.join(unknown)}; known: "
                         f"{', '.join(TIME_BASES)}")
    return bases


def cmd_alignment(args) -> int:
    from .analysis import alignment
    actors = [_actor(a) for a in args.actors] if args.actors else None
    with _session(args) as session:
        result = alignment(session, actors=actors, by=args.by, since=args.since,
                           until=args.until, bases=_bases(args.time_basis))
    if args.format == "json":
        _print_json(result)
        return EXIT_OK
    scores = result.scores
    print(f"Cooperation-conflict score per dyad and {result.by} (-10 war .. +10 alliance)")
    print(_table(["dyad", result.by, "score", "facts", "claims", "relations"],
                 [[f"{s.a}-{s.b}", ("~" if s.estimated else "") + s.period,
                   f"{s.score:+.1f}", s.n_facts, s.n_claims,
                   ", ".join(f"{k}x{v}" if v > 1 else k for k, v in sorted(s.relations.items()))]
                  for s in scores[: args.limit or None]]))
    if args.limit and len(scores) > args.limit:
        print(f"... {len(scores) - args.limit} more rows (--limit 0 for all)")
    print(f"\nDrift (first to last {result.by}), largest first:")
    if result.drift:
        print(_table(["dyad", "from", "score", "to", "score", "change"],
                     [[f"{d.a}-{d.b}", d.first_period, f"{d.first_score:+.1f}", d.last_period,
                       f"{d.last_score:+.1f}", f"{d.change:+.1f}"]
                      for d in result.drift[: args.limit or None]]))
    else:
        print("  no dyad scored in two periods")
    if any(s.estimated for s in scores):
        print("(~: rests partly on undated articles dated by estimate; --time-basis "
              "stated,published leaves them out)")
    if result.undated_left_out:
        print(f"({result.undated_left_out} undated claim(s) left out)")
    return EXIT_OK


# ---------------------------------------------------------------- scenario

VERDICT_TEXT = {
    "bound_came_before": "bound, and came when asked before",
    "bound_refused_before": "bound, and refused when asked before",
    "bound_never_tested": "bound, never tested",
    "not_bound_supports": "not bound, but supports",
    "not_bound_hostile": "not bound, and hostile",
}


def _scenario_cite(e: dict) -> str:
    return _cite({**e, "evidence": e.get("sentence")})


def cmd_scenario(args) -> int:
    from .analysis import scenario
    actor = _actor(args.actor)
    with _session(args) as session:
        result = scenario(session, actor, at=args.at)
    if args.format == "json":
        _print_json(result)
        return EXIT_OK
    print(f"If {result.actor} is attacked on {result.at}: who is bound to defend it, "
          f"and who came before")
    bound = result.bound
    if not bound:
        print("No defence clause in the registry binds anyone to "
              f"{result.actor} on {result.at}.")
    for party in result.parties:
        print(f"\n{party.party}: {VERDICT_TEXT[party.verdict]} ({party.verdict})")
        for o in party.obligations:
            print(f"  bound by {o.instrument} {o.clause} ({result.actor} {o.status} then; "
                  f"source: {o.source})")
        for answer in party.record:
            when = answer.time or "undated"
            if answer.time and not answer.dated:
                when += " (published)"
            what = f" ({', '.join(answer.goods)})" if answer.goods else ""
            print(f"  {when}: {answer.requester} asked {answer.addressee} "
                  f"[{', '.join(answer.instruments)}] -> {party.party} {answer.answer}{what}")
            for e in answer.evidence[:EVIDENCE_LINES]:
                print(f"      {_scenario_cite(e)}")
        for st in party.stance[:6]:
            neg = " NOT" if st.polarity == "neg" else ""
            print(f"  stance: {st.subject}{neg} {st.relation} {st.object} "
                  f"({'friendly' if st.friendly else 'hostile'}, {st.documents} doc(s), "
                  f"confidence {st.confidence:.2f})")
            for e in st.evidence[:1]:
                print(f"      {_scenario_cite(e)}")
    if result.adversaries:
        print(f"\nAdversaries of {result.actor}:")
        for a in result.adversaries:
            backers = ", ".join(a.backers) or "no backer named"
            print(f"  {a.actor}, backed by {backers}")
            for e in a.evidence[:1]:
                print(f"      {_scenario_cite(e)}")
    else:
        print(f"\nNo adversary of {result.actor} in the store (conflict or threat).")
    return EXIT_OK


# ---------------------------------------------------------------- blocs

def cmd_blocs(args) -> int:
    from .analysis import blocs
    with _session(args) as session:
        result = blocs(session, at=args.at, since=args.since, until=args.until)
    if args.format == "json":
        _print_json(result)
        return EXIT_OK
    print(f"De-facto blocs: {len(result.communities)} communities of {result.n_actors} "
          f"actors, {result.n_edges} signed edges, modularity {result.modularity:.3f}")
    for c in result.communities:
        match = (f"closest formal bloc {c.best_bloc} (Jaccard {c.jaccard:.2f})"
                 if c.best_bloc else "no formal bloc")
        print(f"\n#{c.index}: {' '.join(c.members)}")
        print(f"    {match}")
        if c.outside_bloc:
            print(f"    not in {c.best_bloc}: {' '.join(c.outside_bloc)}")
        if c.bloc_elsewhere:
            print(f"    {c.best_bloc} members elsewhere: {' '.join(c.bloc_elsewhere)}")
    print(f"\nFormal blocs on {result.at} and where their members fall:")
    print(_table(["bloc", "members in graph", "communities", "cohesion"],
                 [[f.bloc, " ".join(f.members_in_graph),
                   "; ".join(f"#{i}: {' '.join(m)}" for i, m in f.communities.items()),
                   _pct(f.cohesion)] for f in result.formal]))
    return EXIT_OK


# ---------------------------------------------------------------- contradictions

def cmd_contradictions(args) -> int:
    from .analysis import contradictions
    with _session(args) as session:
        found = contradictions(session, actor=_actor(args.actor),
                               relation=args.relation and _upper(args.relation))
    if args.format == "json":
        _print_json(found)
        return EXIT_OK
    print(f"{len(found)} contradiction(s)")
    for c in found:
        dated = "dated overlap" if c.dated else "period not certain"
        print(f"\n{c.subject} {c.relation} {c.object} ({dated})")
        print(f"  says yes: {', '.join(c.positive_sources)}")
        print("\n".join(_evidence_lines(c.positive)))
        print(f"  says no:  {', '.join(c.negative_sources)}")
        print("\n".join(_evidence_lines(c.negative)))
    return EXIT_OK


# ---------------------------------------------------------------- registration

def add_commands(subparsers) -> None:
    """Register the store and analysis commands on `subparsers`."""
    from .cli import add_extractor_options
    p = subparsers.add_parser("ingest", help="extract and store documents (idempotent)",
                              description="Read, extract and store every document under "
                              "PATH. Exit status 1 if some could not be stored, 130 if "
                              "interrupted.")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--jobs", type=int, default=1, metavar="N",
                   help="extract in N worker processes while this one writes (default 1: "
                        "one process, one transaction per document; N > 1 commits the "
                        "documents that are ready together, each stored whole)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    add_extractor_options(p)
    _add_common(p)
    p.set_defaults(func=cmd_ingest)

    p = subparsers.add_parser("load", help="bulk-load the Parquet of spark-extract "
                              "(idempotent by content hash)",
                              description="Load the documents, mentions and claims that "
                              "`blocwatch spark-extract ... --out DIR` wrote into the store "
                              "(PostgreSQL: COPY), a batch of documents per transaction, "
                              "facts kept up to date. Safe to run again after a crash.")
    p.add_argument("directory", metavar="DIR")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    _add_common(p)
    p.set_defaults(func=cmd_load)

    p = subparsers.add_parser("reextract", help="re-run extraction on stored documents "
                              "whose extractor version differs")
    p.add_argument("--all", action="store_true", help="re-extract every document")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    _add_common(p)
    p.set_defaults(func=cmd_reextract)

    p = subparsers.add_parser("facts", help="claims merged across documents")
    p.add_argument("--actor", help="actor on either side")
    p.add_argument("--subject")
    p.add_argument("--object")
    p.add_argument("--relation")
    p.add_argument("--min-docs", type=int, default=1, help="at least this many documents")
    p.add_argument("--limit", type=int, default=0, help="show at most this many (0: all)")
    _add_period(p)
    _add_common(p)
    p.set_defaults(func=_guarded(cmd_facts))

    p = subparsers.add_parser("members", help="bloc membership: registry vs corpus")
    p.add_argument("bloc", metavar="BLOC", help="CSTO, SCO, NATO, ... (or OVKS, SOZ)")
    p.add_argument("--at", metavar="DATE", help=AT_HELP)
    _add_common(p)
    p.set_defaults(func=_guarded(cmd_members))

    p = subparsers.add_parser("obligations", help="aid requests to a bloc and the answers")
    p.add_argument("bloc", metavar="BLOC")
    _add_common(p)
    p.set_defaults(func=_guarded(cmd_obligations))

    p = subparsers.add_parser("who-supports", help="who supplies or supports an actor")
    p.add_argument("actor", metavar="ACTOR")
    _add_period(p)
    _add_common(p)
    p.set_defaults(func=_guarded(cmd_who_supports))

    p = subparsers.add_parser("explain", help="timeline of everything between two actors")
    p.add_argument("a", metavar="A")
    p.add_argument("b", metavar="B")
    _add_period(p)
    _add_common(p)
    p.set_defaults(func=_guarded(cmd_explain))

    p = subparsers.add_parser("scenario", help="if ACTOR is attacked: who is bound to "
                              "help, who helped before, who backs its adversaries")
    p.add_argument("actor", metavar="ACTOR", help="code or name (ARM, Armenien, Armenia)")
    p.add_argument("--at", metavar="DATE", help=AT_HELP)
    _add_common(p)
    p.set_defaults(func=_guarded(cmd_scenario))

    p = subparsers.add_parser("alignment", help="cooperation-conflict score per dyad over "
                              "time, and drift")
    p.add_argument("--actors", nargs="+", metavar="ACTOR",
                   help="one actor: its dyads; several: the dyads among them")
    p.add_argument("--by", choices=("month", "year"), default="year")
    p.add_argument("--time-basis", metavar="BASES",
                   help="count only claims whose time is of these bases, comma-separated: "
                        "stated (in the sentence), published (the article's date), "
                        "estimated (an undated article's estimate); default all")
    p.add_argument("--limit", type=int, default=50, help="rows shown (0: all)")
    _add_period(p)
    _add_common(p)
    p.set_defaults(func=_guarded(cmd_alignment))

    p = subparsers.add_parser("blocs", help="de-facto blocs vs formal blocs")
    p.add_argument("--at", metavar="DATE", help="formal membership on this date; " + AT_HELP)
    _add_period(p)
    _add_common(p)
    p.set_defaults(func=_guarded(cmd_blocs))

    p = subparsers.add_parser("contradictions", help="facts stated both ways at overlapping times")
    p.add_argument("--actor")
    p.add_argument("--relation")
    _add_common(p)
    p.set_defaults(func=_guarded(cmd_contradictions))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="blocwatch", description=__doc__.splitlines()[0])
    add_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    from .store import StoreError
    try:
        return args.func(args)
    except StoreError as exc:
        print(f"blocwatch {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
