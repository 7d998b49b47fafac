"""When a claim held: time expressions in the sentence, resolved against the publication date.

Returns the most precise form the text supports (YYYY, YYYY-MM or YYYY-MM-DD). A time
that dates another event (an organisation's founding: "die 2001 gegründet wurde") is no
time of the sentence's claims and is left out (language.yaml, other_event_times). Relative
expressions ("im vergangenen Jahr", "Ende Juli", "am Mittwochabend", "last year") need the
article's own date; without it they give nothing rather than a guess.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from .lexicon import shared

_YEAR = r"(19[4-9]\d|20[0-4]\d)"
_WITH_YEAR = frozenset({"dmy", "mdy", "my", "year"})   # the patterns that need a _YEAR


@lru_cache(maxsize=1)
def _patterns():
    sh = shared()
    month = "(" + "|".join(sorted(map(re.escape, sh.months), key=len, reverse=True)) + r")\.?"
    weekday = "(" + "|".join(sorted(sh.weekdays, key=len, reverse=True)) + r")"
    return [
        ("dmy", re.compile(r"\b(\d{1,2})\.\s*" + month + r"\s+" + _YEAR + r"\b", re.I)),
        ("mdy", re.compile(r"\b" + month + r"\s+(\d{1,2}),?\s+" + _YEAR + r"\b", re.I)),
        ("numeric", re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")),
        ("my", re.compile(r"\b" + month + r"\s+(?:des\s+jahres\s+|of\s+)?" + _YEAR + r"\b", re.I)),
        ("year", re.compile(r"(?<![\d.,])" + _YEAR + r"(?![\d.,]\d)(?!\s*(?:prozent|percent|kilometer|km|menschen|soldaten|tote|euro|dollar))", re.I)),
        ("month", re.compile(r"\b(?:im|in|ende|anfang|mitte|seit|since|early|late|mid|bis)\s+-?\s*" + month + r"(?!\s*\d)", re.I)),
        ("weekday", re.compile(r"\b(?:am|on|vom|seit|since|last)\s+" + weekday + r"(?:abend|morgen|nachmittag|vormittag|mittag|nacht)?\b", re.I)),
    ]


def _pub(pub: str | None) -> tuple[int | None, int | None, int | None]:
    if not pub:
        return None, None, None
    parts = [int(p) for p in pub.split("-")]
    return (parts + [None, None])[:3]  # type: ignore[return-value]


def resolve_all(text: str, pub: str | None) -> list[tuple[int, str]]:
    """All time expressions in ``text`` as (position, value), resolved against ``pub``."""
    sh = shared()
    py, pm, pd = _pub(pub)
    found: list[tuple[int, int, str]] = []

    def month_no(word: str) -> int:
        # the patterns match case-insensitively, so "Junı" (dotless ı), "İuni" or "ſeptember" match
        # too: fold them as the regex does before the lookup (a KeyError stopped the article)
        key = word.lower().replace("ı", "i").replace("\u0307", "").replace("ſ", "s").rstrip(".")
        return sh.months[key]

    # most sentences name no year: no "19" or "20" in them, no need to look for one
    has_year = "19" in text or "20" in text
    for kind, pattern in _patterns():
        if kind in _WITH_YEAR and not has_year:
            continue
        for m in pattern.finditer(text):
            if any(m.start() < b and a < m.end() for a, b, _ in found):
                continue
            g = m.groups()
            if kind == "dmy":
                value = f"{int(g[2]):04d}-{month_no(g[1]):02d}-{int(g[0]):02d}"
            elif kind == "mdy":
                value = f"{int(g[2]):04d}-{month_no(g[0]):02d}-{int(g[1]):02d}"
            elif kind == "numeric":
                if not (1 <= int(g[1]) <= 12):
                    continue
                value = f"{int(g[2]):04d}-{int(g[1]):02d}-{int(g[0]):02d}"
            elif kind == "my":
                value = f"{int(g[1]):04d}-{month_no(g[0]):02d}"
            elif kind == "year":
                value = g[0]
            elif kind == "month":
                if py is None:
                    continue
                mo = month_no(g[0])
                year = py if pm is None or mo <= pm else py - 1
                value = f"{year:04d}-{mo:02d}"
            else:  # weekday
                if py is None or pm is None:
                    continue
                if pd is None:
                    value = f"{py:04d}-{pm:02d}"
                else:
                    day = dt.date(py, pm, pd)
                    back = (day.weekday() - sh.weekdays[g[0].lower()]) % 7
                    value = (day - dt.timedelta(days=back)).isoformat()
            found.append((m.start(), m.end(), value))
    if py is not None:
        for table, unit in ((sh.relative_years, "y"), (sh.relative_months, "m"), (sh.relative_days, "d")):
            for pattern, offset in table:
                for m in pattern.finditer(text):
                    if any(m.start() < b and a < m.end() for a, b, _ in found):
                        continue
                    if unit == "y":
                        value = f"{py + offset:04d}"
                    elif unit == "m":
                        if pm is None:
                            continue
                        mo = pm + offset
                        year = py + (mo - 1) // 12
                        value = f"{year:04d}-{(mo - 1) % 12 + 1:02d}"
                    else:
                        if pm is None or pd is None:
                            continue
                        value = (dt.date(py, pm, pd) + dt.timedelta(days=offset)).isoformat()
                    found.append((m.start(), m.end(), value))
    before, after = sh.extra["other_event_times"]
    return sorted((a, v) for a, b, v in found
                  if not (before.search(text[max(0, a - 40):a]) or after.search(text[b:b + 40])))


def nearest(found: list[tuple[int, str]], pos: int) -> str | None:
    """Of resolved expressions (from resolve_all), the value nearest to ``pos``."""
    return min(found, key=lambda f: abs(f[0] - pos))[1] if found else None


def time_near(text: str, pos: int, pub: str | None) -> str | None:
    """The time expression nearest to ``pos`` in ``text``, resolved against ``pub``."""
    return nearest(resolve_all(text, pub), pos)
