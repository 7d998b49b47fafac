"""Where the store lives and how SQLite is opened."""
from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text

from blocwatch.store import create_store_engine, default_url, display_url, resolve_url
from blocwatch.store.periods import normalise, overlaps, period


def test_default_is_a_sqlite_file_in_the_user_data_dir(monkeypatch, tmp_path):
    monkeypatch.delenv("BLOCWATCH_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_url() == f"sqlite:///{tmp_path}/blocwatch/blocwatch.sqlite"


def test_environment_variable_takes_a_url_or_a_path(monkeypatch, tmp_path):
    monkeypatch.setenv("BLOCWATCH_DB", "postgresql+psycopg://u@db.example/blocwatch")
    assert default_url() == "postgresql+psycopg://u@db.example/blocwatch"
    monkeypatch.setenv("BLOCWATCH_DB", str(tmp_path / "news.sqlite"))
    assert default_url() == f"sqlite:///{tmp_path}/news.sqlite"
    assert resolve_url(None) == default_url()
    assert resolve_url("sqlite:///x.db") == "sqlite:///x.db"


def test_passwords_are_not_printed():
    assert "secret" not in display_url("postgresql+psycopg://u:secret@host/db")


def test_sqlite_opens_in_wal_mode_with_foreign_keys(tmp_path):
    engine = create_store_engine(str(tmp_path / "sub" / "dir" / "s.sqlite"))
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    assert (tmp_path / "sub" / "dir" / "s.sqlite").exists()
    engine.dispose()


def test_periods_of_the_three_precisions():
    assert period("2021") == ("2021-01-01", "2021-12-31")
    assert period("2024-02") == ("2024-02-01", "2024-02-29")
    assert period("2022-01-06") == ("2022-01-06", "2022-01-06")
    assert period(dt.date(2002, 10, 7)) == ("2002-10-07", "2002-10-07")
    assert period("2021-13") is None and period("gestern") is None and period(None) is None
    assert overlaps(period("2021"), period("2021-06"))
    assert not overlaps(period("2021"), period("2022"))


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)),
       st.sampled_from([4, 7, 10]))
def test_a_period_covers_the_day_it_was_cut_from(day, length):
    written = day.isoformat()[:length]
    start, end = period(written)
    assert start <= day.isoformat() <= end
    assert normalise(written) == written
