"""The publication date of an article, from the few places a scrape states it.

Claims are dated relative to the article ("im vergangenen Jahr"), so a wrong publication
date shifts every relative time. We therefore read a date only where the page states
it as metadata, never from a date inside a sentence or a picture caption:

* a leading marker ``date 2022-01`` / ``date: 2022-01-06`` put there by the scraper;
* a stamp line: "Stand: 06.01.2022 12:33 Uhr", "Aktualisiert am 02.08.2023",
  "Veröffentlicht am ...", "Published on ...", "Updated: ...";
* a dateline standing alone near the top: "08. April 2019, 05:16 Uhr", "April 8, 2019".

Precedence: a stated date (publication stamp, then dateline, then update stamp) wins
when it agrees with the marker in year and month, or when there is no marker; otherwise
the marker; otherwise None. The marker and the stamp and dateline lines are metadata,
so they are removed from the body text.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

_MONTHS = {
    "januar": 1, "jänner": 1, "january": 1, "jan": 1,
    "februar": 2, "feber": 2, "february": 2, "feb": 2,
    "märz": 3, "maerz": 3, "march": 3, "mär": 3, "mrz": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mai": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11,
    "dezember": 12, "december": 12, "dez": 12, "dec": 12,
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = (r"(?:(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag"
            r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
            r"|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|mo|di|mi|do|fr|sa|so)\.?,?\s+)?")
_DATE = (
    r"(?:(?P<d1>\d{1,2})\.\s?(?P<m1>\d{1,2})\.\s?(?P<y1>\d{4})"
    r"|(?P<y2>\d{4})-(?P<m2>\d{1,2})-(?P<d2>\d{1,2})"
    rf"|(?P<d3>\d{{1,2}})(?:\.|st|nd|rd|th)?\s+(?P<n3>{_MONTH})\.?,?\s+(?P<y3>\d{{4}})"
    rf"|(?P<n4>{_MONTH})\.?\s+(?P<d4>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y4>\d{{4}})"
    r")(?!\d)"
)
_TIME = (r"(?:\s*(?:,|um|at|-|–|\|)?\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2})?"
         r"(?:\s*(?:uhr|h|am|pm|a\.m\.|p\.m\.))?"
         r"(?:\s*\(?(?:mez|mesz|cet|cest|utc|gmt|bst|est|edt|et|pt)\)?)?)?")

# Labels of stamps; the group name tells their rank (publication before update).
_PUBLISHED = r"veröffentlicht|erstellt|erschienen|first published|published|posted"
_UPDATED = r"zuletzt aktualisiert|aktualisiert|stand|last updated|updated"
_STAMP = re.compile(
    rf"\b(?:(?P<pub>{_PUBLISHED})|(?P<upd>{_UPDATED}))(?:\s+(?:am|on|at))?\s*:?\s*"
    rf"{_WEEKDAY}{_DATE}{_TIME}",
    re.IGNORECASE,
)
# A line that is nothing but a date (and time), optionally after a place: "Berlin, 8. April 2019".
_DATELINE = re.compile(
    rf"^\s*(?:[A-ZÄÖÜ][\w .-]{{1,30}},\s*)?{_WEEKDAY}{_DATE}{_TIME}\s*[.|]?\s*$",
    re.IGNORECASE,
)
_MARKER = re.compile(
    r"\A\s*date\s*:?[ \t]+(?P<value>\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?)(?![\d-])[ \t]*",
    re.IGNORECASE,
)
_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?\s*$")

TOP_LINES = 15            # datelines count only among the first non-empty lines
_MAX_STAMP_LINE = 250     # a stamp at the end of a line counts only on short lines
_MAX_AFTER_STAMP = 60     # a stamp starting a line may be followed by this much text

_PRIORITY_PUBLISHED, _PRIORITY_DATELINE, _PRIORITY_UPDATED = 0, 1, 2


@dataclass(frozen=True)
class Found:
    """A date stated in the text: its rank (lower wins), line number and value."""
    priority: int
    line: int
    date: str


def _ymd(m: re.Match) -> str | None:
    g = m.groupdict()
    for i in "1234":
        year = g.get(f"y{i}")
        if year is None:
            continue
        day = g.get(f"d{i}")
        month = g.get(f"m{i}") or _MONTHS.get((g.get(f"n{i}") or "").lower().rstrip("."))
        return _valid(int(year), int(month) if month else None, int(day) if day else None)
    return None


def _valid(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if not 1800 <= year <= 2200:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def normalize_date(value: object) -> str | None:
    """A date given as metadata (JSON field, HTML meta) as YYYY, YYYY-MM or YYYY-MM-DD."""
    if not isinstance(value, str) or not value.strip():
        return None
    m = _ISO.match(value)
    if m:
        year, month, day = m.groups()
        return _valid(int(year), int(month) if month else None, int(day) if day else None)
    m = re.fullmatch(rf"\s*{_WEEKDAY}{_DATE}{_TIME}\s*", value, re.IGNORECASE)
    return _ymd(m) if m else None


def split_marker(text: str) -> tuple[str | None, str]:
    """Remove a leading ``date YYYY[-MM[-DD]]`` marker; return (its date or None, rest)."""
    m = _MARKER.match(text)
    if not m:
        return None, text
    value = m.group("value")
    parts = [int(p) for p in value.split("-")]
    return _valid(*parts), text[m.end():]


def find_dates(text: str) -> tuple[list[Found], str]:
    """Find stamp and dateline dates; return them and the text without those lines/spans."""
    found: list[Found] = []
    out: list[str] = []
    nonempty = 0
    for number, line in enumerate(text.split("\n")):
        if not line.strip():
            out.append(line)
            continue
        nonempty += 1
        line, dropped = _take_stamps(line, number, found)
        if dropped:
            continue
        if nonempty <= TOP_LINES:
            m = _DATELINE.match(line)
            if m:
                date = _ymd(m)
                if date:
                    found.append(Found(_PRIORITY_DATELINE, number, date))
                    continue
        out.append(line)
    return found, "\n".join(out)


def _take_stamps(line: str, number: int, found: list[Found]) -> tuple[str, bool]:
    """Record the stamps of one line, remove them; True when nothing else was on it."""
    stripped = line.strip()
    if len(stripped) > _MAX_STAMP_LINE + _MAX_AFTER_STAMP:
        return line, False
    spans = []
    for m in _STAMP.finditer(line):
        before = line[:m.start()].strip()
        after = line[m.end():].strip()
        at_start = not before and len(after) <= _MAX_AFTER_STAMP
        at_end = not after and len(stripped) <= _MAX_STAMP_LINE
        if not (at_start or at_end):
            continue
        date = _ymd(m)
        if date is None:
            continue
        prio = _PRIORITY_PUBLISHED if m.group("pub") else _PRIORITY_UPDATED
        found.append(Found(prio, number, date))
        spans.append((m.start(), m.end()))
    if not spans:
        return line, False
    for start, end in reversed(spans):
        line = line[:start] + line[end:]
    rest = line.strip(" \t|·•,;:-–—")
    if not rest:
        return "", True
    return line.rstrip(" \t|·•,;-–—"), False


def resolve(marker: str | None, found: list[Found]) -> str | None:
    """Apply the precedence rule: the best stated date that agrees with the marker, else the marker."""
    for cand in sorted(found, key=lambda f: (f.priority, f.line)):
        if marker is None or _consistent(cand.date, marker):
            return _more_precise(cand.date, marker)
    return marker


def _consistent(date: str, marker: str) -> bool:
    n = min(len(marker), 7)          # same year-month (or same year for a YYYY marker)
    return date[:n] == marker[:n]


def _more_precise(date: str, marker: str | None) -> str:
    if marker and len(marker) > len(date):
        return marker
    return date


def extract(text: str) -> tuple[str | None, str]:
    """Date of a plain-text article and its text without the date metadata."""
    marker, rest = split_marker(text)
    found, body = find_dates(rest)
    return resolve(marker, found), body


def is_stamp_line(line: str) -> bool:
    """True when the line holds a date stamp that ``find_dates`` would read (and remove)."""
    found: list[Found] = []
    _take_stamps(line, 0, found)
    return bool(found)
