"""Features of a candidate pair, for the trained scorer: the rule engine's signals and the words.

Each feature is a string (a present/absent indicator). Groups:
- the rule engine's verdict on this ordered pair (relation and polarity), on the reversed
  pair, and anywhere in the sentence; the cue hits by relation and where they stand
  (between the two actors, before, after);
- role markers of each side (governing preposition, genitive, kind of mention, anaphor),
  their order, same clause, same coordination group, relative clause, token distance;
- the words between and around the pair, as crude stems (lower case, first six letters),
  conjoined with the pair's order so that direction can be learned; the sentence's words;
- negation, reporting and modal words in the sentence (for polarity).

Cheap by design: the rule analysis is already done; per sentence the tokens are computed
once (``SentenceView``) and shared by its candidates.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from ..actors.gazetteer import Gazetteer
from .candidates import Candidate
from .extract import SentenceAnalysis
from .lexicon import Language
from .roles import Occurrence

_TOKEN = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
_STEM = 6           # a word's crude stem: its first six letters, lower case
_BETWEEN_MAX = 14   # words; a longer gap gives only its edges


@dataclass
class SentenceView:
    """Per-sentence precomputation shared by the sentence's candidates."""
    tokens: list[tuple[int, int, str]]          # (start, end, stem), offsets in the sentence
    cue_spans: list[tuple[int, int, str]]       # (start, end, relation)
    rule: dict[tuple[str, str], list[str]]      # (subject, object) -> ["REL:pol", ...]
    rule_any: set[str]
    negations: list[int]
    words: frozenset[str]
    flags: tuple[str, ...]
    actors: str = "2"                           # how many actors the sentence names (bucket)
    # derived once for all candidates: the tokens' offsets, to bisect (tokens are sorted and
    # do not overlap), and the word features, the same string objects for every candidate
    # (so the scorer hashes them once)
    lang: str = "de"
    starts: list[int] = field(init=False)
    ends: list[int] = field(init=False)
    # the features every candidate of the sentence has (its language, flags, words, cues,
    # the rule engine's verdicts anywhere), one list for the pairs within the sentence and
    # one for pairs with a side named the sentence before; the scorer sums their weights
    # once per sentence
    shared: list[str] = field(init=False)
    shared_earlier: list[str] = field(init=False)
    sides: dict[tuple[int, str], list[str]] = field(init=False, default_factory=dict)   # _side's, by occurrence

    def __post_init__(self):
        self.starts = [t[0] for t in self.tokens]
        self.ends = [t[1] for t in self.tokens]
        common = [f"lang={self.lang}", *self.flags, f"actors={self.actors}",
                  *(f"rule_any={r}" for r in sorted(self.rule_any))]
        relations = sorted({rel for _, _, rel in self.cue_spans})
        self.shared = [*common, *(f"w={w}" for w in sorted(self.words)),
                       *(f"cue={rel}" for rel in relations)]
        if self.negations:
            self.shared.append("neg_sentence")
        # one side named only in the sentence before: the words of this sentence carry it
        self.shared_earlier = [*common, *(f"xw={w}" for w in sorted(self.words)),
                               *(f"xcue={rel}" for rel in relations)]

    def shared_for(self, c: Candidate) -> list[str]:
        return self.shared_earlier if c.earlier else self.shared

    def side(self, o: Occurrence, gaz: Gazetteer, name: str) -> list[str]:
        """``_side``'s features of an occurrence, made once per sentence (each occurrence
        is a side of several pairs)."""
        key = (id(o), name)
        out = self.sides.get(key)
        if out is None:
            out = self.sides[key] = _side(o, gaz, name)
        return out


def view_of(seen: SentenceAnalysis, lang: Language) -> SentenceView:
    text = seen.sentence.text
    tokens = [(m.start(), m.end(), m.group().lower()[:_STEM]) for m in _TOKEN.finditer(text)]
    rule: dict[tuple[str, str], list[str]] = {}
    for c in seen.claims:
        rule.setdefault((c.subject, c.object), []).append(f"{c.relation}:{c.polarity}")
    flags = []
    if lang.reported.search(text) or lang.subjunctive.search(text):
        flags.append("reported_word")
    if lang.possible.search(text) or lang.future_markers.search(text):
        flags.append("possible_word")
    if text.rstrip().endswith("?"):
        flags.append("question")
    if seen.goods:
        flags.append("goods")
    flags.extend(f"vetoed={r}" for r in sorted(seen.vetoed))
    return SentenceView(
        tokens=tokens,
        cue_spans=[(m.start(), m.end(), cue.relation) for cue, m in seen.cue_hits],
        rule=rule,
        rule_any={f"{c.relation}:{c.polarity}" for c in seen.claims},
        negations=[m.start() for m in lang.negators.finditer(text)],
        words=frozenset(t[2] for t in tokens),
        flags=tuple(flags),
        actors=_bucket(len({m.code for m in seen.mentions})),
        lang=lang.code,
    )


def _side(o: Occurrence, gaz: Gazetteer, name: str) -> list[str]:
    kind = gaz.kind_of(o.code) or "state"
    out = [f"{name}kind={kind}", f"{name}mention={o.kind}", f"{name}marker={o.marker or '-'}"]
    if o.genitive:
        out.append(f"{name}gen")
    if o.in_relative:
        out.append(f"{name}relative")
    if o.compound:
        out.append(f"{name}compound")
    if o.kind == "adjective" and not o.agentive:
        out.append(f"{name}adj_of_thing")   # "deutsche Medien", "russische Waffen": rarely a party
    return out


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4-7" if n < 8 else "8-15" if n < 16 else "16+"


def features(c: Candidate, view: SentenceView, gaz: Gazetteer) -> list[str]:
    """All features of the candidate: its own and those it shares with its sentence."""
    return pair_features(c, view, gaz) + view.shared_for(c)


def pair_features(c: Candidate, view: SentenceView, gaz: Gazetteer) -> list[str]:
    """The features of the candidate that its sentence's other candidates may not share."""
    a, b = c.a, c.b
    f = [*view.side(a, gaz, "A"), *view.side(b, gaz, "B")]
    f.append(f"kinds={gaz.kind_of(a.code) or 'state'}-{gaz.kind_of(b.code) or 'state'}")
    f.append(f"markers={a.marker or '-'}|{b.marker or '-'}")
    # the rule engine's verdicts
    for r in view.rule.get((a.code, b.code), ()):
        f.append(f"rule={r}")
        f.append(f"rule_rel={r.split(':')[0]}")
    for r in view.rule.get((b.code, a.code), ()):
        f.append(f"rule_rev={r}")
    # a rule claim on another pair has taken the cue's roles: "für Moskaus Krieg gegen die
    # Ukraine" names RUS and UKR, not the South Korean source of the report
    for (s, o), rels in view.rule.items():
        if {s, o} == {a.code, b.code}:
            continue
        shared = "shares" if {s, o} & {a.code, b.code} else "elsewhere"
        f.extend(f"rule_{shared}={r.split(':')[0]}" for r in rels)
    if c.earlier:
        # one side named only in the sentence before: the words of this sentence carry it
        f.append(f"earlier={c.earlier}")
        here = b if c.earlier == "a" else a
        f.append(f"here_marker={here.marker or '-'}")
        return f
    first, second = (a, b) if a.start <= b.start else (b, a)
    order = "AB" if first is a else "BA"
    f.append(f"order={order}")
    f.append(f"{order}:markers={a.marker or '-'}|{b.marker or '-'}")
    if a.clause == b.clause:
        f.append("same_clause")
    if a.group == b.group:
        f.append("same_group")
        f.append(f"same_group&actors={view.actors}")
    # the tokens between the pair, and before and after it
    between = view.tokens[bisect_left(view.starts, first.end):bisect_right(view.ends, second.start)]
    f.append(f"dist={_bucket(len(between))}")
    if len(between) <= _BETWEEN_MAX:
        f.extend(f"{order}:btw={t[2]}" for t in between)
        f.extend(f"btw={t[2]}" for t in between)
    else:
        f.extend(f"{order}:btw_edge={t[2]}" for t in between[:3] + between[-3:])
    before = view.tokens[:bisect_right(view.ends, first.start)][-3:]
    after = view.tokens[bisect_left(view.starts, second.end):][:4]
    f.extend(f"{order}:pre={t[2]}" for t in before)
    f.extend(f"{order}:post={t[2]}" for t in after)
    for start, end, rel in view.cue_spans:
        where = "btw" if first.end <= start and end <= second.start else "pre" if end <= first.start else \
            "post" if start >= second.end else "in"
        f.append(f"{order}:cue_{where}={rel}")
    if view.cue_spans:
        # the cue nearest the pair most likely governs it; with the pair's markers it says who is who
        def gap(span):
            start, end, _ = span
            return 0 if first.start <= start and end <= second.end else \
                min(abs(start - second.end), abs(first.start - end))
        start, end, rel = min(view.cue_spans, key=gap)
        f.append(f"near={rel}")
        f.append(f"{order}:near={rel}|{a.marker or '-'}|{b.marker or '-'}")
        word = next((t[2] for t in view.tokens if start <= t[0] < end), "")
        f.append(f"nearword={rel}:{word}")
        f.append(f"{order}:nearword={rel}:{word}|{a.marker or '-'}|{b.marker or '-'}")
    near = [p for p in view.negations if first.start - 40 <= p <= second.end + 60]
    if near:
        f.append("neg_near")
    return f
