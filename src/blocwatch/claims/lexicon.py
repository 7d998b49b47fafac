"""Loads the cue lexicons and closed word classes (claims/data/*.yaml) into compiled form.

Everything here is compiled once per process: the extractor's hot loop only runs regexes
and dictionary lookups.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..datafiles import load_yaml


SUPPORTED_LANGUAGES = ("de", "en")


def _load(name: str):
    with resources.files("blocwatch.claims").joinpath("data", name).open(encoding="utf-8") as f:
        return load_yaml(f)


@dataclass(frozen=True)
class Cue:
    relation: str
    pattern: re.Pattern          # all the entry's cue regexes in one alternation
    subject: tuple[str, ...]
    object: tuple[str, ...]
    needs: re.Pattern | None = None
    needs_goods: bool = False
    polarity: str | None = None
    ignore_negation: bool = False
    modality: str | None = None
    object_kind: str | None = None
    group_subject: bool = False
    symmetric_group: bool = False
    skip_if: re.Pattern | None = None
    clause_needs: re.Pattern | None = None    # the cue's own clause must match this
    window: int | None = None                 # roles within this many characters of the cue
    subject_from_clause: bool = False         # a noun without its own agent takes the clause subject
    implicit_agent: bool = False              # a noun with a target but no agent: the article's protagonist
    possessive_subject: bool = False          # "its ally X" (English): the owner is the clause's subject
    # cue words that name a bloc written next to them ("the NATO alliance", "das Bündnis
    # OVKS"): such a match is the bloc's description, not an alliance between parties
    bloc_nouns: re.Pattern | None = None
    implies_if: tuple[tuple[re.Pattern, tuple[dict, ...]], ...] = ()
    # Literal word parts, one of which must occur in a lower-cased sentence for the cue to
    # match at all (None: no literal, always try). A substring test is far cheaper than
    # running the regex over every sentence.
    anchors: tuple[str, ...] | None = None
    # For a cue without anchors: literals found inside groups that every match passes
    # through ("(?:truppen|soldaten)\w* in"), one of which must occur in the sentence; None:
    # always try. (Both are tested on the folded sentence, ``folded``, which no IGNORECASE
    # match escapes.)
    group_anchors: tuple[str, ...] | None = None

    def may_match(self, lowered: str) -> bool:
        anchors = self.anchors if self.anchors is not None else self.group_anchors
        return anchors is None or any(a in fold(lowered) for a in anchors)


@dataclass(frozen=True)
class Language:
    code: str
    cues: tuple[Cue, ...]
    prepositions: frozenset[str]
    contractions: dict
    fillers: frozenset[str]
    titles: frozenset[str]
    negators: re.Pattern
    negation_exceptions: re.Pattern
    negating_verbs: re.Pattern
    post_negators: re.Pattern
    reported: re.Pattern
    subjunctive: re.Pattern
    reported_passive: re.Pattern
    attributes_previous: re.Pattern
    future_markers: re.Pattern
    possible: re.Pattern
    coordinators: re.Pattern
    passive: re.Pattern
    passive_agent: frozenset[str]
    clause_words: re.Pattern
    relative: re.Pattern
    frame_nouns: frozenset[str]
    quantity_nouns: frozenset[str]
    media_nouns: frozenset[str]
    epoch_frames: re.Pattern
    event_nouns: re.Pattern
    war_nouns: re.Pattern
    criticised_acts: re.Pattern
    war_names: re.Pattern   # war_nouns and conflict_nouns
    war_anchors: tuple[str, ...] | None   # literals one of which every war name contains (in folded text)
    anaphors: re.Pattern
    pair_anaphors: re.Pattern
    reciprocal: re.Pattern
    control_verbs: re.Pattern
    intent: re.Pattern
    holder_nouns: frozenset[str]
    subject_pronouns: re.Pattern
    reported_pronouns: re.Pattern
    relative_open: re.Pattern
    personal_pronouns: re.Pattern
    possessive_pronouns: re.Pattern
    directives: re.Pattern
    object_pronouns: re.Pattern
    plural_pronouns: re.Pattern
    bloc_anaphors: re.Pattern
    member_words: re.Pattern
    member_lists: re.Pattern
    # every cue's anchors and group anchors (three letters or more), by their first three letters
    anchors: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def cues_for(self, lowered: str) -> list[Cue]:
        """The cues that may match the lower-cased sentence (``Cue.may_match``), in lexicon
        order."""
        # (in the folded text: "MİLİTARY" lowers to "mi̇li̇tary", which the regex matches as "military")
        present = self._anchors_in(fold(lowered))
        return [c for c in self.cues
                if (not present.isdisjoint(c.anchors) if c.anchors is not None
                    else c.group_anchors is None or not present.isdisjoint(c.group_anchors))]

    def _anchors_in(self, lowered: str) -> set[str]:
        # Rather than testing every anchor against the whole sentence, the sentence's
        # three-letter runs say which anchors may occur (the runs are built by map and zip,
        # with no Python frame per position).
        anchors = self.anchors
        runs = set(map("".join, zip(lowered, lowered[1:], lowered[2:])))
        contains = lowered.__contains__
        return {a for run in anchors.keys() & runs for a in filter(contains, anchors[run])}


@dataclass(frozen=True)
class Goods:
    """One goods category: its regex and, as for cues, the literals one of which must occur
    in the folded text (``folded``) for the regex to match (None: always try)."""
    name: str
    pattern: re.Pattern
    anchors: tuple[str, ...] | None


@dataclass(frozen=True)
class Shared:
    goods: tuple[Goods, ...]
    months: dict
    weekdays: dict
    relative_years: tuple[tuple[re.Pattern, int], ...]
    relative_months: tuple[tuple[re.Pattern, int], ...]
    relative_days: tuple[tuple[re.Pattern, int], ...]
    extra: dict = field(default_factory=dict)


def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.I)


_LITERAL = re.compile(r"[a-zäöüß]{3,}")
# goods words are short ("öl", "su-27", "s-400"): shorter runs, digits included
_GOODS_LITERAL = re.compile(r"[a-zäöüß0-9]{2,}")


def _anchors(cues: list[str], literal: re.Pattern = _LITERAL) -> tuple[str, ...] | None:
    """A letter run that every match of each cue regex must contain, or None if some cue
    has none. Only top-level literals count: text inside groups, classes or optional
    characters may be absent from a match."""
    out = []
    for c in cues:
        plain = re.sub(r"\\.", " ", c.lower())                 # escapes (\w, \b, \.)
        plain = re.sub(r"\[[^\]]*\]", " ", plain)              # character classes
        while True:                                             # groups, innermost first
            reduced = re.sub(r"\([^()]*\)", " ", plain)
            if reduced == plain:
                break
            plain = reduced
        plain = re.sub(r"[a-zäöüß](?=[?*]|\{0)", " ", plain)    # optional letters
        if "|" in plain:                                        # top-level alternation
            return None
        runs = literal.findall(plain)
        if not runs:
            return None
        out.append(max(runs, key=len))
    return tuple(sorted(set(out)))


def _top_level(pattern: str) -> tuple[list[str], list[tuple[str | None, str]]]:
    """The branches of ``pattern``'s top-level alternation, and its top-level groups as
    (the group's pattern, or None for a lookaround or flags group; the text after it).
    Escapes and character classes are skipped."""
    bars, groups, depth, opened, i = [-1], [], 0, 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":                       # a class: "]" right after "[" or "[^" is literal
            i += 1
            i += pattern.startswith("^", i)
            i += pattern.startswith("]", i)
            while i < len(pattern) and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif ch == "(":
            if depth == 0:
                opened = i
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                group = pattern[opened + 1:i]
                inner = group[2:] if group.startswith("?:") else None if group.startswith("?") else group
                groups.append((inner, pattern[i + 1:]))
        elif ch == "|" and depth == 0:
            bars.append(i)
        i += 1
    if depth:
        raise ValueError(f"unbalanced parentheses in {pattern!r}")
    bars.append(len(pattern))
    return [pattern[a + 1:b] for a, b in zip(bars, bars[1:])], groups


def _required(pattern: str, literal: re.Pattern = _LITERAL) -> tuple[str, ...] | None:
    """Literals one of which every match of ``pattern`` contains, looking also into the groups
    a match cannot skip: each branch of the top-level alternation gives its longest letter
    run outside groups (``_anchors``), or else those of its first required group whose every
    alternative has some ("(?:truppen|soldaten)\\w* in": truppen, soldaten). None when
    some branch has none."""
    out: set[str] = set()
    branches, _ = _top_level(pattern)
    for branch in branches:
        found = _anchors([branch], literal)
        for inner, after in _top_level(branch)[1] if found is None else ():
            if inner is None or after[:1] in ("?", "*") or after.startswith(("{0", "{,")):
                continue   # a lookaround, or a group the match may skip
            found = _required(inner, literal)
            if found is not None:
                break
        if found is None:
            return None
        out.update(found)
    return tuple(sorted(out))


def _group_anchors(cues: list[str]) -> tuple[str, ...] | None:
    found = [_required(c) for c in cues]
    return None if None in found else tuple(sorted({a for f in found for a in f}))


# str.lower() and re.IGNORECASE disagree on three characters: "İ" lowers to "i" and a
# combining dot, "ı" and "ſ" stay as they are, yet the regex matches them as i, i and s.
_FOLD = str.maketrans({"ı": "i", "ſ": "s", "\u0307": None})


def folded(text: str) -> str:
    """``text`` lower-cased so that a literal test on it misses no match of an
    IGNORECASE regex made of lower-case literals (``Goods.anchors``, ``Cue.group_anchors``)."""
    return fold(text.lower())


def fold(lowered: str) -> str:
    """``folded`` of an already lower-cased text (the same object when nothing changes)."""
    if not lowered.isascii() and ("ı" in lowered or "ſ" in lowered or "\u0307" in lowered):
        return lowered.translate(_FOLD)
    return lowered


def _words(values, what: str) -> tuple[str, ...]:
    """YAML 1.1 reads bare on/no/yes as booleans: insist on strings so a cue file cannot
    silently lose a preposition."""
    for v in values:
        if not isinstance(v, str):
            raise ValueError(f"{what}: {v!r} is not a string (quote words like 'on' or 'no' in YAML)")
    return tuple(values)


def _cue(entry: dict) -> Cue:
    # Cues match at a word start, also after a hyphen ("EU-Sanktionen", "Nato-Beitritt");
    # a cue starting with "-" attaches to the word before.
    # "\b" rather than "(?<!\w)": the same matches for cues that start with a letter (all but
    # the hyphen ones), and about 4x faster (re cannot skip ahead past a leading lookbehind)
    alts = "|".join(f"(?:{c})" if c.startswith("-") else rf"(?:\b{c})" for c in entry["cues"])
    implies = tuple((_rx(k), tuple(v)) for k, v in (entry.get("implies_if") or {}).items())
    anchors = _anchors(entry["cues"])
    return Cue(
        relation=entry["relation"],
        pattern=_rx(alts),
        subject=_words(entry.get("subject") or ("nom",), f"{entry['relation']} subject"),
        object=_words(entry.get("object") or ("acc",), f"{entry['relation']} object"),
        needs=_rx(entry["needs"]) if entry.get("needs") else None,
        needs_goods=bool(entry.get("needs_goods")),
        polarity=entry.get("polarity"),
        ignore_negation=bool(entry.get("ignore_negation")),
        modality=entry.get("modality"),
        object_kind=entry.get("object_kind"),
        group_subject=bool(entry.get("group_subject")),
        symmetric_group=bool(entry.get("symmetric_group")),
        skip_if=_rx(entry["skip_if"]) if entry.get("skip_if") else None,
        clause_needs=_rx(entry["clause_needs"]) if entry.get("clause_needs") else None,
        window=entry.get("window"),
        subject_from_clause=bool(entry.get("subject_from_clause")),
        implicit_agent=bool(entry.get("implicit_agent")),
        possessive_subject=bool(entry.get("possessive_subject")),
        bloc_nouns=_rx(entry["bloc_nouns"]) if entry.get("bloc_nouns") else None,
        implies_if=implies,
        anchors=anchors,
        group_anchors=None if anchors is not None else _group_anchors(entry["cues"]),
    )


def _by_trigram(anchors: set[str]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for a in sorted(anchors):
        if len(a) < 3:   # (cannot happen: _LITERAL's runs have three letters or more)
            raise ValueError(f"cue anchor {a!r} is shorter than three letters")
        out.setdefault(a[:3], []).append(a)
    return {g: tuple(v) for g, v in out.items()}


@lru_cache(maxsize=None)
def language(code: str) -> Language:
    if code not in SUPPORTED_LANGUAGES:
        raise ValueError(f"unsupported language: {code!r}")
    words = _load("language.yaml")[code]
    cues = tuple(_cue(e) for e in _load(f"cues_{code}.yaml"))
    war_names = rf"(?:{words['war_nouns']}|{words['conflict_nouns']})\b"
    return Language(
        code=code, cues=cues,
        prepositions=frozenset(_words(words["prepositions"], f"{code} prepositions")),
        contractions=dict(words.get("contractions") or {}),
        fillers=frozenset(_words(words["fillers"], f"{code} fillers")),
        titles=frozenset(_words(words["titles"], f"{code} titles")),
        negators=_rx(words["negators"]),
        negation_exceptions=_rx(words["negation_exceptions"]),
        negating_verbs=_rx(words["negating_verbs"]),
        post_negators=_rx(words["post_negators"]),
        reported=_rx(words["reported"]),
        subjunctive=_rx(words["subjunctive"]),
        reported_passive=_rx(words["reported_passive"]),
        attributes_previous=re.compile(words["attributes_previous"]),
        future_markers=_rx(words["future_markers"]),
        possible=_rx(words["possible"]),
        coordinators=_rx(words["coordinators"]),
        passive=_rx(words["passive"]),
        passive_agent=frozenset(_words(words["passive_agent"], f"{code} passive_agent")),
        clause_words=_rx(words["clause_words"]),
        relative=_rx(words["relative"]),
        frame_nouns=frozenset(_words(words["frame_nouns"], f"{code} frame_nouns")),
        quantity_nouns=frozenset(_words(words["quantity_nouns"], f"{code} quantity_nouns")),
        media_nouns=frozenset(_words(words["media_nouns"], f"{code} media_nouns")),
        epoch_frames=re.compile(words["epoch_frames"]),
        event_nouns=re.compile(rf"(?:{words['event_nouns']})", re.I),
        war_nouns=re.compile(rf"(?:{words['war_nouns']})\b", re.I),
        criticised_acts=re.compile(rf"(?:{words['war_nouns']}|{words['criticised_acts']})\b", re.I),
        war_names=re.compile(war_names, re.I),
        war_anchors=_required(war_names),
        anaphors=re.compile(words["anaphors"]),   # case matters: German nouns are capitalised
        pair_anaphors=re.compile(words["pair_anaphors"]),
        reciprocal=_rx(words["reciprocal"]),
        control_verbs=_rx(words["control_verbs"]),
        intent=_rx(words["intent"]),
        holder_nouns=frozenset(_words(words["holder_nouns"], f"{code} holder_nouns")),
        subject_pronouns=re.compile(words["subject_pronouns"]),
        reported_pronouns=re.compile(words["reported_pronouns"]),
        relative_open=re.compile(words["relative_open"]),
        personal_pronouns=re.compile(words["personal_pronouns"]),
        possessive_pronouns=re.compile(words["possessive_pronouns"]),
        directives=_rx(words["directives"]),
        object_pronouns=re.compile(words["object_pronouns"]),
        plural_pronouns=re.compile(words["plural_pronouns"]),
        bloc_anaphors=re.compile(words["bloc_anaphors"]),
        member_words=re.compile(words["member_words"], re.I),
        member_lists=re.compile(words["member_lists"]),
        anchors=_by_trigram({a for c in cues for a in c.anchors or c.group_anchors or ()}),
    )


@lru_cache(maxsize=1)
def shared() -> Shared:
    data = _load("language.yaml")
    return Shared(
        goods=tuple(Goods(k, _rx(v), _required(v, _GOODS_LITERAL)) for k, v in data["goods"].items()),
        months=data["months"],
        weekdays=data["weekdays"],
        relative_years=tuple((_rx(k), v) for k, v in data["relative_years"].items()),
        relative_months=tuple((_rx(k), v) for k, v in data["relative_months"].items()),
        relative_days=tuple((_rx(k), v) for k, v in data["relative_days"].items()),
        extra={"other_event_times": tuple(_rx(data["other_event_times"][k])
                                          for k in ("before", "after"))},
    )


@lru_cache(maxsize=1)
def sources() -> tuple[re.Pattern, dict]:
    """Known reporting sources (outlets, agencies, think tanks): regex and canonical names."""
    data = _load("sources.yaml")
    names = {}
    for canonical, variants in data.items():
        for v in [canonical, *(variants or [])]:
            names[v.lower()] = canonical
    alts = "|".join(re.escape(v) for v in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alts})(?![\w])", re.I), names
