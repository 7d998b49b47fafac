"""Removing what a scraped page carries besides the article.

Text scrapes keep the page's chrome: share buttons, "Lesen Sie auch:" teasers, picture
captions and credits, bylines, menus, ads and source lists. Left in, they add actors and
claims the article never states ("Lesen Sie auch: Ankara lässt Moskau abblitzen"),
and a menu line "Nachrichten für Deutschland" makes Germany an actor. Every later stage
indexes the cleaned text, so this is where that noise must go.

The filter works line by line, because that is the unit scrapes preserve: a line is
removed when a pattern of ``data/boilerplate.yaml`` matches it (the data file holds all
the German and English wording, so a reviewer can add a pattern without reading this
code). A few structural tests complete it: CamelCase run-ons from flattened menus, a
caption printed twice, a list of sources at the end, page chrome above the headline,
and footer lines after the last paragraph. Lines that carry a date stamp are left for
``dates`` to read and remove. Real paragraphs and headlines are kept.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources


from . import dates
from ..datafiles import load_yaml


@dataclass(frozen=True)
class _Rule:
    name: str
    regex: re.Pattern[str]
    top_only: bool
    max_chars: int | None


@dataclass
class Cleaned:
    """The cleaned text and what was learned from the removed lines."""
    text: str
    removed: list[tuple[str, str]] = field(default_factory=list)  # (rule name, line)
    outlets: list[str] = field(default_factory=list)   # domains named by bylines/signatures
    agencies: list[str] = field(default_factory=list)  # agencies named by bylines/signatures


class _Config:
    """The compiled contents of data/boilerplate.yaml (loaded once, at import)."""

    def __init__(self, data: dict) -> None:
        self.top_lines = int(data.get("top_lines", 25))
        self.rules = [self._rule(r) for r in data["rules"]]
        self.strip_spans = _compile_any(data.get("strip_spans", []), "strip_spans")
        nav = data.get("navigation", {})
        self.nav_max_words = int(nav.get("max_words", 8))
        self.nav_min_transitions = int(nav.get("min_transitions", 2))
        dup = data.get("duplicate", {})
        self.dup_min_chars = int(dup.get("min_chars", 20))
        self.dup_min_ratio = float(dup.get("min_ratio", 0.9))
        self.dup_max_credit = int(dup.get("max_credit", 40))
        src = data.get("source_list", {})
        self.source_headings = _compile_any(src.get("headings", []), "source_list.headings")
        self.source_items = _compile_any(src.get("items", []), "source_list.items")
        hdr = data.get("page_header", {})
        self.header_top_lines = int(hdr.get("top_lines", 40))
        self.header_min_flagged = int(hdr.get("min_flagged", 2))
        self.header_max_chars = int(hdr.get("max_chars", 300))
        self.header_start_rules = frozenset(hdr.get("start_rules", []))
        self.header_start = _compile_any(hdr.get("start", []), "page_header.start")
        self.trailing_max_words = int(data.get("trailing", {}).get("max_words", 10))
        self.agencies = frozenset(a.lower() for a in data.get("agencies", []))

    @staticmethod
    def _rule(r: dict) -> _Rule:
        flags = 0 if r.get("case_sensitive") else re.IGNORECASE
        parts = []
        for i, pattern in enumerate(r["patterns"]):
            # Each alternative gets its own outlet group name: re forbids duplicates.
            parts.append("(?:%s)" % pattern.replace("(?P<outlet>", f"(?P<outlet{i}>"))
        try:
            regex = re.compile("|".join(parts), flags)
        except re.error as exc:
            raise ValueError(f"boilerplate.yaml: bad pattern in rule {r.get('name')!r}: {exc}") from exc
        return _Rule(r["name"], regex, bool(r.get("top_only")), r.get("max_chars"))


def _compile_any(patterns: list[str], where: str) -> re.Pattern[str] | None:
    if not patterns:
        return None
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"boilerplate.yaml: bad pattern in {where}: {exc}") from exc


def _load() -> _Config:
    source = resources.files(__package__).joinpath("data/boilerplate.yaml").read_text("utf-8")
    return _Config(load_yaml(source))


CONFIG = _load()

_CAPTION_MAX = 500
_BULLET = re.compile(r"^[•·▪◦‣∙*►▶]\s*")
_SENTENCE_END = re.compile(r"""[.!?:;…"“”„»«')\]]\s*$""")
_CAMEL = re.compile(r"[a-zäöüß][A-ZÄÖÜ]")
_NOT_WORD = re.compile(r"\W+")
# Where a caption's credit begins; cut there before comparing two lines for duplicates.
_CREDIT = re.compile(
    r"(\((foto|bild|video|grafik|fotos)\)|\b(bild|bilder|foto|fotos|photo|image|picture|credit|quelle|source)\s*:"
    r"|\((quelle|foto|bild|source|photo)\s*:|©|vergrößern des bildes|bild vergrößern|enlarge).*$",
    re.IGNORECASE,
)


def _plain(line: str) -> str:
    return _BULLET.sub("", line.strip())


def clean(text: str, config: _Config = CONFIG) -> Cleaned:
    """Remove boilerplate lines from ``text``; keep line breaks of the lines that stay."""
    lines = text.split("\n")
    if config.strip_spans is not None:
        lines = [_strip_spans(ln, config.strip_spans) for ln in lines]
    flags: list[str | None] = [None] * len(lines)
    result = Cleaned(text="")
    stamps: set[int] = set()

    nonempty = 0
    prev_key, prev_line = "", ""
    for i, raw in enumerate(lines):
        line = _plain(raw)
        if not line:
            continue
        nonempty += 1
        # Only short lines can be captions; long paragraphs skip the duplicate test.
        key = _NOT_WORD.sub("", _CREDIT.sub("", line)).lower() if len(line) <= _CAPTION_MAX else ""
        if dates.is_stamp_line(line):       # dates reads and removes these
            stamps.add(i)
            prev_key, prev_line = key, line
            continue
        name = _match_rules(line, nonempty <= config.top_lines, config, result)
        if name is None and _is_run_on(line, config):
            name = "navigation"
        if name is None and prev_key and _is_duplicate(key, prev_key, prev_line, config):
            name = "duplicate"
        prev_key, prev_line = key, line
        flags[i] = name

    _mark_source_lists(lines, flags, config)
    _mark_page_header(lines, flags, stamps, config)
    _mark_trailing(lines, flags, stamps, config)

    kept: list[str] = []
    for line, flag in zip(lines, flags):
        if flag is None:
            kept.append(line.strip())
        else:
            result.removed.append((flag, line.strip()))
    result.text = tidy("\n".join(kept))
    return result


def _strip_spans(line: str, spans: re.Pattern[str]) -> str:
    """Remove inline chrome ("...2023Lesedauer: 6 Min."); a line that is nothing but
    such a span is left whole, for the line rules to remove and report."""
    if not spans.search(line):
        return line
    rest = spans.sub("", line)
    return rest if rest.strip() else line


def _match_rules(line: str, at_top: bool, config: _Config, result: Cleaned) -> str | None:
    for rule in config.rules:
        if rule.top_only and not at_top:
            continue
        if rule.max_chars is not None and len(line) > rule.max_chars:
            continue
        m = rule.regex.search(line)
        if m is None:
            continue
        for group, value in m.groupdict().items():
            if group.startswith("outlet") and value:
                _note_outlet(value.strip(" .()"), config, result)
        return rule.name
    return None


_DOMAIN = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}$", re.IGNORECASE)


def _note_outlet(value: str, config: _Config, result: Cleaned) -> None:
    low = value.lower()
    if low in config.agencies:
        if low not in result.agencies:
            result.agencies.append(low)
    elif _DOMAIN.match(low) and low not in result.outlets:
        result.outlets.append(low.removeprefix("www."))


def _is_run_on(line: str, config: _Config) -> bool:
    """A flattened menu: "HomePolitikUkraine", "Such IconE-Mail IconMenü Icon"."""
    if _SENTENCE_END.search(line) or len(line.split()) > config.nav_max_words:
        return False
    return len(_CAMEL.findall(line)) >= config.nav_min_transitions


def _is_duplicate(key: str, prev: str, prev_line: str, config: _Config) -> bool:
    """The same text as the line before, credits aside (a caption printed twice).

    Either the two agree on nearly all their length, or the line before is a finished
    sentence and this line repeats it with a short unmarked credit appended."""
    if min(len(key), len(prev)) < config.dup_min_chars:
        return False
    common = 0
    for a, b in zip(key, prev):
        if a != b:
            break
        common += 1
    if common / max(len(key), len(prev)) >= config.dup_min_ratio:
        return True
    return (common == len(prev) and len(key) - len(prev) <= config.dup_max_credit
            and prev_line.rstrip().endswith((".", "!", "?", '"', "“", "”", "»")))


def _mark_source_lists(lines: list[str], flags: list[str | None], config: _Config) -> None:
    """Drop "Verwendete Quellen" / "Sources:" and the list items under it."""
    if config.source_headings is None:
        return
    i = 0
    while i < len(lines):
        if flags[i] is None and config.source_headings.match(_plain(lines[i])):
            flags[i] = "source_list"
            j = i + 1
            while j < len(lines):
                raw = lines[j]
                if not raw.strip():
                    j += 1
                    continue
                if flags[j] is None and not (config.source_items and config.source_items.search(raw)):
                    break
                flags[j] = flags[j] or "source_list"
                j += 1
            i = j
        else:
            i += 1


def _mark_page_header(lines: list[str], flags: list[str | None], stamps: set[int],
                      config: _Config) -> None:
    """Drop page chrome above the headline when the article's start is recognisable.

    The start is a date stamp, reading time or byline near the top; the block of lines
    right above it is the headline (and its kicker). What lies above that block goes
    only when it is mostly chrome already: at least ``min_flagged`` of its lines were
    removed by a rule, and none is as long as a real paragraph.
    """
    anchor = None
    seen = 0
    for i, raw in enumerate(lines):
        if not raw.strip():
            continue
        seen += 1
        if seen > config.header_top_lines:
            return
        if (i in stamps or flags[i] in config.header_start_rules
                or (config.header_start is not None and config.header_start.search(_plain(raw)))):
            anchor = i
            break
    if not anchor:
        return
    j = anchor - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    while j >= 0 and lines[j].strip():
        j -= 1
    region = [k for k in range(j + 1) if lines[k].strip()]
    if not region:
        return
    if sum(flags[k] is not None for k in region) < config.header_min_flagged:
        return
    if any(len(lines[k].strip()) > config.header_max_chars for k in region):
        return
    for k in region:
        flags[k] = flags[k] or "page_header"


def _is_paragraph(line: str) -> bool:
    return len(line) >= 150 or (bool(_SENTENCE_END.search(line)) and len(line.split()) >= 8)


def _mark_trailing(lines: list[str], flags: list[str | None], stamps: set[int],
                   config: _Config) -> None:
    """Drop short non-sentence lines after the last paragraph (footer, menus, widgets)."""
    last = None
    for i in range(len(lines) - 1, -1, -1):
        if flags[i] is None and _is_paragraph(_plain(lines[i])):
            last = i
            break
    if last is None:
        return
    for i in range(last + 1, len(lines)):
        line = _plain(lines[i])
        if (flags[i] is None and line and i not in stamps and not _SENTENCE_END.search(line)
                and len(line.split()) < config.trailing_max_words):
            flags[i] = "trailing"


_BLANK_RUNS = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


def tidy(text: str) -> str:
    """Strip lines, collapse runs of blank lines into one, trim the ends."""
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_RUNS.sub("\n\n", text).strip()
