"""The brief: four figures from the analysis, each with the sources it rests on.

Figures: who supports the chosen actor (who_supports, one spoke per supporter), who is bound to defend it and
what those parties did before (scenario), the alignment heatmap of the most
discussed dyads over time (alignment), the chosen bloc's membership over time (registry
spells as bars, corpus statements as dots) and its obligations with the aid requests and
answers (obligations). Sources are the articles (outlet, date, document, URL) and, for
registry facts, the registry's own sources. Each figure numbers its sources; a spoke, cell,
dot or table row shows the numbers of the sources it rests on, and each source names the
parts of the figure it supports.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from html import escape
from pathlib import Path

from sqlalchemy.orm import Session

from .. import analysis
from ..analysis.claims import load_claims
from ..registry import load_registry
from ..store.periods import bucket
from . import svg

TOP_DYADS = 12
STYLE = """body{font:14px/1.45 system-ui,sans-serif;max-width:60em;margin:2em auto;color:#222}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid #ccc;padding:.2em .4em;
text-align:left;vertical-align:top}figure{margin:1em 0}figcaption{color:#555}
.sources{font-size:.85em;color:#444}.sources li{margin-bottom:.3em}
.sources li:target{background:#fff3c4}.cells{font-weight:bold}"""


class Sources:
    """The numbered sources of one figure, each tied to the cells (spokes, heatmap cells,
    dots, table rows) it supports: a cell shows its numbers, a source lists its cells."""

    def __init__(self, prefix: str, limit: int = 60):
        self.prefix, self.limit = prefix, limit
        self._items: list[tuple[dict, list[str]]] = []
        self._index: dict[tuple, int] = {}

    def cite(self, citation: dict, cell: str) -> int:
        """The number of `citation` (given once per article sentence), noting `cell`."""
        key = (citation.get("doc"), citation.get("evidence"), citation.get("start"))
        number = self._index.get(key)
        if number is None:
            self._items.append((citation, []))
            number = self._index[key] = len(self._items)
        cells = self._items[number - 1][1]
        if cell not in cells:
            cells.append(cell)
        return number

    def refs(self, citations: list[dict], cell: str) -> list[int]:
        return sorted({self.cite(c, cell) for c in citations})

    def anchor(self, number: int) -> str:
        return f"{self.prefix}-{number}"

    def html(self) -> str:
        if not self._items:
            return '<p class="sources">Sources: none in the store.</p>'
        items = []
        for number, (c, cells) in enumerate(self._items[:self.limit], start=1):
            where = ", ".join(str(x) for x in (c.get("outlet"), c.get("date"), c.get("doc")) if x)
            url = c.get("url") or ""
            link = f" &lt;{escape(url)}&gt;" if url.startswith(("http://", "https://")) else ""
            items.append(f'<li id="{self.anchor(number)}" value="{number}"><span class="cells">'
                         f'{escape("; ".join(cells))}</span>: {escape(where)}{link}: '
                         f'“{escape(c.get("evidence") or "")}”</li>')
        more = (f"<li>… and {len(self._items) - self.limit} more</li>"
                if len(self._items) > self.limit else "")
        return (f'<details class="sources" open><summary>Sources ({len(self._items)}), each '
                f'with the parts of the figure it supports</summary><ol>{"".join(items)}'
                f'{more}</ol></details>')


def refs_text(numbers: list[int]) -> str:
    return "[" + ", ".join(str(n) for n in numbers) + "]" if numbers else ""


def support_spokes(result, sources: Sources) -> list[tuple[str, str, str, str]]:
    """One spoke per supporter: what it gives, what it refuses and what is only planned,
    merged (a supporter with findings in several lists is still one spoke)."""
    order: list[str] = []
    by_actor: dict[str, dict[str, list]] = {}
    for kind, findings in (("pos", result.positive), ("neg", result.negative),
                           ("planned", result.planned)):
        for f in findings:
            if f.supporter not in by_actor:
                order.append(f.supporter)
                by_actor[f.supporter] = {}
            by_actor[f.supporter].setdefault(kind, []).append(f)
    spokes = []
    for actor in order:
        kinds = by_actor[actor]
        parts, cited = [], []
        for kind, prefix in (("pos", ""), ("neg", "no "), ("planned", "planned: ")):
            what: list[str] = []
            for f in kinds.get(kind, []):
                what += [w for w in f.what if w not in what]
                cited += f.evidence
            if what:
                parts.append(prefix + ", ".join(what))
        style = "pos" if "pos" in kinds else "neg" if "neg" in kinds else "planned"
        numbers = sources.refs(cited, f"{actor} → {result.actor}")
        spokes.append((actor, "; ".join(parts), style, refs_text(numbers)))
    return spokes


def support_section(session: Session, actor: str) -> str:
    result = analysis.who_supports(session, actor)
    sources = Sources("s-support")
    spokes = support_spokes(result, sources)
    figure = svg.star(actor, spokes) if spokes else "<p>No support claims in the store.</p>"
    return (f"<h2>Who supports {escape(actor)}</h2><figure>{figure}<figcaption>One spoke per "
            f"actor. Green: support or supply stated; red dashed: only refused or denied; "
            f"grey: only planned. Labels say what is given (\"no\": refused), numbers the "
            f"sources below.</figcaption></figure>{sources.html()}")


def alignment_section(session: Session, by: str) -> str:
    result = analysis.alignment(session, by=by)
    weight = Counter()
    for s in result.scores:
        weight[(s.a, s.b)] += s.n_facts
    dyads = [d for d, _ in weight.most_common(TOP_DYADS)]
    rows = [f"{a}-{b}" for a, b in dyads]
    columns = sorted({s.period for s in result.scores if (s.a, s.b) in dyads})
    cells = {(f"{s.a}-{s.b}", s.period): s.score for s in result.scores if (s.a, s.b) in dyads}
    sources = Sources("s-align")
    refs: dict[tuple[str, str], set[int]] = {}
    for a, b in dyads:
        for c in load_claims(session, between=(a, b)):
            if c.when_start is None or c.subject == c.object:
                continue
            cell = (f"{a}-{b}", bucket(c.when_start, by))
            if cell in cells:
                refs.setdefault(cell, set()).add(sources.cite(c.citation(), " ".join(cell)))
    notes = {cell: sorted(numbers) for cell, numbers in refs.items()}
    figure = (svg.heatmap(rows, columns, cells, notes, sources.prefix) if rows
              else "<p>No dated claims.</p>")
    return (f"<h2>Alignment over time</h2><figure>{figure}<figcaption>Cooperation-conflict "
            f"score per {by} (-10 war … +10 alliance) of the {len(rows)} dyads with the most "
            f"facts; a cell links to its first source and names all of them when pointed at."
            f"</figcaption></figure>{sources.html()}")


def _year(value) -> float | None:
    return int(str(value)[:4]) if value else None


def membership_section(session: Session, bloc_name: str) -> str:
    bloc = load_registry()[bloc_name]
    statements = load_claims(session, objects=bloc.code,
                             relations=("MEMBER_OF", "LEFT", "OBSERVER_OF"))
    this_year = dt.date.today().year
    actors = sorted(set(bloc.members) | {c.subject for c in statements})
    rows, first, registry_sources = [], this_year, []
    sources = Sources("s-members")
    for actor in actors:
        spells = []
        for s in bloc.members.get(actor, []):
            start = _year(s.start) or this_year
            spells.append((start, _year(s.end) or this_year, s.status))
            first = min(first, start)
            registry_sources.append(f"{actor} {s.status} from {s.start}: {s.source}")
        dots = []
        for c in statements:
            if c.subject == actor and c.when_start:
                neg = " not" if c.polarity == "neg" else ""
                number = sources.cite(c.citation(), f"{actor} {c.when_label}")
                dots.append((int(c.when_start[:4]), f"{c.doc_id}:{neg} {c.relation} "
                             f"({c.when_label}) [{number}]".replace("LEFT", "left")))
                first = min(first, int(c.when_start[:4]))
        rows.append((actor, spells, dots))
    figure = svg.bars(rows, first, this_year)
    registry = "".join(f"<li>{escape(s)}</li>" for s in registry_sources)
    return (f"<h2>{escape(bloc.code)} membership over time</h2><figure>{figure}<figcaption>"
            f"Bars: the registry (dark: member, light: frozen, yellow: observer/partner). "
            f"Dots: what the articles say (green: member, red: left or not a member)."
            f"</figcaption></figure><details class=\"sources\"><summary>Registry sources"
            f"</summary><ul>{registry}</ul></details>"
            f"{sources.html()}")


def _table(headers: list[str], rows: list[list[str]], empty: str) -> str:
    """An HTML table of text cells (escaped here), or one row saying why it is empty."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return (f"<table><tr>{head}</tr>"
            f"{body or f'<tr><td colspan={len(headers)}>{escape(empty)}</td></tr>'}</table>")


def obligations_section(session: Session, bloc_name: str) -> str:
    result = analysis.obligations(session, bloc_name)
    rows = [[o.type, o.clause, o.summary, str(o.since or ""), o.source] for o in result.obligations]
    requests, sources = [], Sources("s-obligations")
    for r in result.requests:
        row = f"{r.requester} asks {r.addressee} ({r.time or 'undated'})"
        answers = "; ".join(
            f"{a.actor}: {a.verdict}" + (f" ({', '.join(a.how)})" if a.how else "")
            + " " + refs_text(sources.refs(a.evidence, f"{row}: {a.actor}"))
            for a in r.responses)
        asked = refs_text(sources.refs(r.evidence, row))
        requests.append([r.requester, r.addressee, r.time or "undated", asked, answers])
    return (f"<h2>{escape(result.bloc)} obligations and aid requests</h2>"
            + _table(["type", "clause", "what members owe", "since", "source"], rows, "none in the registry")
            + "<h3>Requests for aid and the answers</h3>"
            + _table(["requester", "asked", "when", "sources", "answers [sources]"], requests,
                     "none in the store")
            + sources.html())


def scenario_section(session: Session, actor: str) -> str:
    """If `actor` is attacked: who is bound to help it, their record and stance."""
    result = analysis.scenario(session, actor)
    rows, sources = [], Sources("s-scenario")
    for p in result.parties:
        bound = "; ".join(f"{o.instrument} {o.clause} ({actor} {o.status})"
                          for o in p.obligations) or "not bound"
        record = "; ".join(
            f"{a.time or 'undated'}: {a.requester} asked {a.addressee}: {a.answer}"
            + (f" ({', '.join(a.goods)})" if a.goods else "") + " "
            + refs_text(sources.refs([{**e, "evidence": e.get("sentence")} for e in a.evidence],
                                     f"{p.party} record"))
            for a in p.record) or "none"
        stance = "; ".join(f"{'not ' if s.polarity == 'neg' else ''}{s.relation} {s.object} "
                           + refs_text(sources.refs([{**e, "evidence": e.get("sentence")} for e in s.evidence],
                                                    f"{p.party} stance"))
                           for s in p.stance[:4]) or "none"
        rows.append([p.party, p.verdict, bound, record, stance])
    adversaries = "; ".join(f"{a.actor} (backed by {', '.join(a.backers) or 'nobody named'})"
                            for a in result.adversaries) or "none in the store"
    return (f"<h2>If {escape(actor)} is attacked</h2><p>Who is bound to defend "
            f"{escape(actor)} on {escape(result.at)} (registry), what each did when asked "
            f"before and where it stands (articles). Adversaries: {escape(adversaries)}.</p>"
            + _table(["party", "verdict", "bound by", "record [sources]", "stance [sources]"], rows,
                     "nobody is bound or takes sides")
            + sources.html())


def render_report(session: Session, actor: str = "RUS", bloc: str = "CSTO",
                  by: str = "year") -> str:
    from ..store import summary
    counts = summary(session)
    sections = [support_section(session, actor), scenario_section(session, actor),
                alignment_section(session, by),
                membership_section(session, bloc), obligations_section(session, bloc)]
    return (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>blocwatch brief</title><style>{STYLE}</style></head><body>"
            f"<h1>blocwatch brief</h1><p>{counts['documents']} documents, {counts['claims']} "
            f"claims; made {dt.date.today().isoformat()}. Every figure lists the articles "
            f"it is drawn from.</p>{''.join(sections)}</body></html>")


def write_report(session: Session, out: str, actor: str = "RUS", bloc: str = "CSTO",
                 by: str = "year") -> None:
    """Write the brief to `out`; OSError if it cannot be written there."""
    text = render_report(session, actor, bloc, by)
    Path(out).write_text(text, encoding="utf-8")
