"""Every way a user can get a command wrong ends in one line on stderr and exit status 2,
never a traceback; actors may be named by code or by their German or English name."""
from __future__ import annotations

import pytest

from blocwatch import cli
from blocwatch.model import Claim, Document
from kit.store import build_scripted_store


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """A store with one invented article (Kazakhstan asked, Russia came)."""
    path = tmp_path_factory.mktemp("errors") / "store.sqlite"
    text = "Kasachstan bat im Januar 2022 die OVKS um Hilfe. Russland schickte Soldaten."
    script = {"Kasachstan bat im Januar 2022 die OVKS um Hilfe.":
              [Claim("KAZ", "REQUEST_AID", "CSTO", time="2022-01")],
              "Russland schickte Soldaten.": [Claim("RUS", "DEPLOY_FORCES", "KAZ", time="2022-01")]}
    doc = Document(doc_id="kaz", text=text, date="2022-01-08", outlet="test.de", language="de")
    build_scripted_store(f"sqlite:///{path}", [doc], script).dispose()
    return str(path)


def one_line_error(capsys, argv) -> str:
    status = cli.main(argv)
    err = [line for line in capsys.readouterr().err.splitlines()
           if not line.startswith("blocwatch: store ")]
    assert status == 2, err
    assert len(err) == 1, err
    assert "Traceback" not in err[0]
    return err[0]


@pytest.mark.parametrize("argv, says", [
    (["who-supports", "RUS", "--db", "foo://bar"], "unknown database 'foo'"),
    (["who-supports", "RUS", "--db", "postgresql://nobody@127.0.0.1:1/x"],
     "postgresql+psycopg://nobody@127.0.0.1:1/x failed: connection failed"),
    (["ingest", "nothing", "--db", "foo://bar"], "unknown database"),
    (["export", "--format", "gexf", "--db", "foo://bar"], "unknown database"),
], ids=["unknown-scheme", "unreachable-server", "ingest", "export"])
def test_bad_store_urls(capsys, argv, says):
    assert says in one_line_error(capsys, argv)


def test_output_paths_that_cannot_be_written(capsys, db, tmp_path):
    missing = tmp_path / "missing" / "b.html"
    line = one_line_error(capsys, ["report", "--out", str(missing), "--db", db])
    assert f"there is no directory {missing.parent}" in line
    assert "cannot write /proc/x" in one_line_error(
        capsys, ["export", "--format", "events", "--out", "/proc/x", "--db", db])
    assert "cannot write" in one_line_error(
        capsys, ["export", "--format", "csv", "--out", "/proc/x", "--db", db])


@pytest.mark.parametrize("argv, nearest", [
    (["who-supports", "XYZ"], "unknown actor 'XYZ'; nearest known:"),
    (["explain", "KAZ", "QQQ"], "unknown actor 'QQQ'; nearest known: QAT"),
    (["scenario", "Narnia"], "unknown actor 'Narnia'"),
])
def test_unknown_actors_are_refused_with_the_nearest_known(capsys, db, argv, nearest):
    assert nearest in one_line_error(capsys, argv + ["--db", db])


def test_report_refuses_an_unknown_actor(capsys, db, tmp_path):
    out = tmp_path / "b.html"
    assert "unknown actor 'XYZ'" in one_line_error(
        capsys, ["report", "--actor", "XYZ", "--out", str(out), "--db", db])
    assert not out.exists()


@pytest.mark.parametrize("name", ["Russland", "Russia", "rus", "Putin"])
def test_actors_by_german_and_english_name(capsys, db, name):
    assert cli.main(["who-supports", "Kasachstan", "--db", db]) == 0
    assert "RUS" in capsys.readouterr().out
    assert cli.main(["explain", "Tokajew", name, "--db", db]) == 0
    out = capsys.readouterr().out
    assert out.startswith("KAZ and RUS: 1 claim(s)")


def test_a_question_never_creates_a_store(capsys, tmp_path):
    where = tmp_path / "nothing" / "store.sqlite"
    line = one_line_error(capsys, ["who-supports", "RUS", "--db", str(where)])
    assert f"no store at {where}" in line and "blocwatch ingest" in line
    assert not where.parent.exists()


def test_an_empty_store_says_how_to_fill_it(capsys, tmp_path):
    where = tmp_path / "empty.sqlite"
    assert cli.main(["ingest", str(tmp_path / "no-such-dir"), "--db", str(where),
                     "--no-progress"]) == 1
    capsys.readouterr()
    assert cli.main(["members", "CSTO", "--db", str(where)]) == 0
    assert "the store is empty: fill it with `blocwatch ingest PATH..." in capsys.readouterr().err


def test_scenario_in_both_formats(capsys, db):
    assert cli.main(["scenario", "KAZ", "--at", "2022-06", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "bound by CSTO Article 4 (KAZ member then" in out
    assert "2022-01: KAZ asked CSTO [CSTO] -> RUS helped (troops)" in out
