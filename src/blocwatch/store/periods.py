"""Dates of the claim contract as closed intervals of days.

The contract writes times as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``. To compare them
("did the help come near the request?", "do these two claims overlap?") each is read as
the first and last day it covers: "2021" is 2021-01-01..2021-12-31. Days are kept as ISO
strings, which sort like dates and store portably in SQLite and PostgreSQL.
"""
from __future__ import annotations

import calendar
import functools
import datetime as dt
import re

_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@functools.lru_cache(maxsize=65536)   # pure, and called for every claim in an analysis
def period(value: object) -> tuple[str, str] | None:
    """('YYYY-MM-DD', 'YYYY-MM-DD') covered by a contract time, or None if unreadable.

    Accepts strings of the three precisions and date/datetime objects (YAML reads
    ``2002-10-07`` as a date).
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        day = value.isoformat()
        return day, day
    if isinstance(value, int) and 1000 <= value <= 9999:
        value = str(value)
    m = _PERIOD.match(str(value).strip())
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    try:
        if month is None:
            return f"{year:04d}-01-01", f"{year:04d}-12-31"
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
        dt.date(year, month, day)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}", f"{year:04d}-{month:02d}-{day:02d}"


def normalise(value: object) -> str | None:
    """The contract string for a time (dates become YYYY-MM-DD), or None if unreadable."""
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    text = str(value).strip()
    return text if period(text) else None


def overlaps(a: tuple[str, str] | None, b: tuple[str, str] | None) -> bool:
    """True when both periods are known and share at least one day."""
    return a is not None and b is not None and a[0] <= b[1] and b[0] <= a[1]


def shift(day: str, days: int) -> str:
    """An ISO day moved by a number of days."""
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()


def today() -> str:
    return dt.date.today().isoformat()


def at_day(at: object) -> str:
    """The day a question "on `at`" is about: the last day of the period (`--at 2023-07`
    is 2023-07-31: what holds at the end of July, everything that happened in July
    counted), today when None. One rule for every `--at`. ValueError if malformed."""
    if at is None or at == "":
        return today()
    covered = period(at)
    if covered is None:
        raise ValueError(f"not a date: {at!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    return covered[1]


def bucket(day: str, by: str) -> str:
    """The month (YYYY-MM) or year (YYYY) a day falls in."""
    if by == "month":
        return day[:7]
    if by == "year":
        return day[:4]
    raise ValueError(f"unknown bucket {by!r}: use month or year")
