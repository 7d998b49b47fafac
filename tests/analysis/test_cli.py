"""analysis_cli: every command in both formats, on the fixture store."""
from __future__ import annotations

import argparse
import json

import pytest

from blocwatch import analysis_cli

from .corpus import build

COMMANDS = [
    ["facts", "--actor", "KAZ"],
    ["members", "CSTO", "--at", "2025-01-01"],
    ["obligations", "CSTO"],
    ["who-supports", "rus", "--since", "2022"],
    ["explain", "RUS", "KAZ"],
    ["alignment", "--actors", "IND", "RUS", "--by", "month"],
    ["blocs"],
    ["contradictions"],
    ["scenario", "Armenien", "--at", "2025-07-01"],
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """The fixture corpus in a SQLite file (printing does not depend on the backend)."""
    url = "sqlite:///" + str(tmp_path_factory.mktemp("cli") / "store.sqlite")
    build(url).dispose()
    return url


def run(argv):
    parser = argparse.ArgumentParser(prog="blocwatch")
    analysis_cli.add_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return args.func(args)


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: a[0])
def test_table_output(argv, db, capsys):
    assert run([*argv, "--db", db]) == 0
    out, err = capsys.readouterr()
    assert out.strip()
    assert f"blocwatch: store {db}" in err           # the location used, on stderr


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: a[0])
def test_json_output(argv, db, capsys):
    assert run([*argv, "--db", db, "--format", "json"]) == 0
    json.loads(capsys.readouterr().out)


def test_what_obligations_and_who_supports_print(db, capsys):
    run(["obligations", "CSTO", "--db", db])
    out = capsys.readouterr().out
    assert "ARM asked CSTO for aid, 2021" in out and "KAZ asked CSTO for aid, 2022-01" in out
    run(["who-supports", "RUS", "--db", db, "--format", "json"])
    result = json.loads(capsys.readouterr().out)
    assert {f["supporter"]: f["what"] for f in result["negative"]}["CHN"] == ["weapons"]


def test_bad_input_is_a_message_and_status_2(db, capsys):
    assert run(["members", "NOPE", "--db", db]) == 2
    assert "unknown bloc" in capsys.readouterr().err
    assert run(["who-supports", "RUS", "--since", "last year", "--db", db]) == 2


def test_ingest_command_reports_and_fails_softly(tmp_path, capsys, monkeypatch):
    from blocwatch.model import ReadError
    from blocwatch.store import ingest as real_ingest

    def fake_ingest(paths, url, progress=True):
        return real_ingest(paths, url, progress=progress, extract=lambda d: None,
                           extractor_version="t",
                           read=lambda p: [ReadError(p[0], "unreadable")])

    monkeypatch.setattr("blocwatch.store.ingest", fake_ingest)
    db = str(tmp_path / "s.sqlite")
    assert run(["ingest", "broken.html", "--db", db, "--no-progress"]) == 1
    assert "failed: broken.html: unreadable" in capsys.readouterr().out
