"""spark-extract on Spark (local[2], niced) and load into the store.

One Spark session and one spark-extract run serve the whole module (the machine is
small and shared); the load tests read that run's Parquet. Skipped, saying why, only
when Java is missing (pyspark and pyarrow come with the test extra).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from blocwatch.store import claims, create_store_engine, documents, ingest, mentions
from blocwatch.store.facts import rebuild
from blocwatch.store.schema import facts
from store.conftest import store_url  # noqa: F401 - the store tests' backends fixture

if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("no Java runtime: Spark needs one (Debian: apt-get install "
                "openjdk-17-jre-headless; .ci/run installs it)", allow_module_level=True)

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
pytest.importorskip("pyspark")

from blocwatch.spark import session, spark_extract  # noqa: E402
from blocwatch.store import load as load_module  # noqa: E402
from blocwatch.store.load import load  # noqa: E402

# Articles written for this test; each names two actors with a cue the extractor knows.
TEXTS = {
    "de_waffen.txt": "date 2023-03-14\nRussland und Belarus\n\nRussland liefert Belarus "
                     "neue Waffen. Russland und Belarus vertiefen ihre militärische "
                     "Zusammenarbeit, sagte ein Sprecher in Minsk.\n",
    "de_drohnen.txt": "date 2023-04-02\nDrohnen aus Teheran\n\nIran liefert Russland "
                      "Drohnen, berichtet die Agentur. Die Regierung in Moskau äußerte "
                      "sich nicht.\n",
    "en_troops.txt": "date 2024-11-05\nTroops from the North\n\nNorth Korea has sent "
                     "troops to Russia, according to officials in Seoul. China and "
                     "Kazakhstan agreed to deepen economic cooperation.\n",
    "fr_article.txt": "date 2023-05-01\nUn article\n\nLa Russie et la Chine ont signé un "
                      "accord de coopération économique à Moscou. Les deux pays veulent "
                      "renforcer leurs liens commerciaux dans les années à venir.\n",
}
HTML = ("<html><head><title>Kasachstan und die OVKS</title>"
        '<meta name="date" content="2022-01-07"></head><body><article>'
        "<h1>Kasachstan bittet die OVKS um Hilfe</h1>"
        "<p>Kasachstan hat die OVKS um Hilfe gebeten. Russland entsendet Truppen nach "
        "Kasachstan, teilte das Verteidigungsministerium in Moskau mit.</p>"
        "<p>Die Lage in Almaty blieb am Freitag angespannt, berichteten Korrespondenten "
        "vor Ort. Weitere Einheiten sollen folgen.</p></article></body></html>")
JSONL = [
    {"id": "j1", "date": "2023-03-20", "text": "Serbien und Russland\n\nSerbien lehnt "
     "Sanktionen gegen Russland ab. Belgrad will die Beziehungen zu Moskau pflegen."},
    {"id": "j2", "date": "2024-07-01", "text": "SCO summit\n\nBelarus joined the Shanghai "
     "Cooperation Organisation at the summit in Astana, officials said."},
]
PARQUET_ROWS = [
    {"id": "p1", "date": "2023-06-10", "url": "https://example.org/a",
     "text": "Armenien und die OVKS\n\nArmenien friert seine Mitarbeit in der OVKS ein. "
             "Eriwan kritisiert Russland scharf, sagte der Regierungschef."},
    {"id": "p2", "date": "2023-06-11", "text": "China and Russia\n\nChina supplies Russia "
     "with dual-use goods, according to a report by Western officials."},
]


def _write_corpus(root: Path) -> tuple[Path, Path, Path]:
    files = root / "files"
    (files / "sub").mkdir(parents=True)
    for name, text in TEXTS.items():
        (files / name).write_text(text, encoding="utf-8")
    (files / "sub" / "de_ovks.html").write_text(HTML, encoding="utf-8")
    (files / "sub" / "news.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in JSONL)
        + "{not json\n", encoding="utf-8")
    (files / "zz_binary.txt").write_bytes(b"\x00\x01\x02 binary \xff\xfe" * 40)
    (files / "notes.md").write_text("not an article", encoding="utf-8")   # not read
    table = root / "articles.parquet"
    pq.write_table(pa.Table.from_pylist(PARQUET_ROWS), table)
    twin = root / "twin" / "rows.jsonl"       # the Parquet rows, for `blocwatch extract`
    twin.parent.mkdir()
    twin.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in PARQUET_ROWS),
                    encoding="utf-8")
    return files, table, twin


@pytest.fixture(scope="module")
def spark():
    # the JVM and its Python workers inherit this process's priority: start them niced
    before = os.getpriority(os.PRIO_PROCESS, 0)
    os.setpriority(os.PRIO_PROCESS, 0, min(before + 10, 19))
    try:
        spark = session("local[2]", app="blocwatch tests")
    finally:
        try:
            os.setpriority(os.PRIO_PROCESS, 0, before)
        except PermissionError:
            pass
    yield spark
    spark.stop()


@pytest.fixture(scope="module")
def extracted(spark, tmp_path_factory):
    root = tmp_path_factory.mktemp("spark")
    files, table, twin = _write_corpus(root)
    out = root / "out"
    report = spark_extract([str(files), str(table)], str(out), spark=spark)
    return {"root": root, "files": files, "table": table, "twin": twin, "out": out,
            "report": report}


def _blocwatch(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    env.pop("BLOCWATCH_DB", None)
    return subprocess.run([sys.executable, "-m", "blocwatch.cli", *args], env=env,
                          capture_output=True, text=True, timeout=300)


CLAIM_FIELDS = ("subject", "relation", "object", "polarity", "modality", "time", "source",
                "evidence")


def _parquet(out: Path, name: str) -> list[dict]:
    import pyarrow.dataset as ds
    part = ds.partitioning(pa.schema([("month", pa.string())]), flavor="hive")
    return ds.dataset(str(out / name), format="parquet", partitioning=part).to_table().to_pylist()


def _claims_of_extract(*paths: Path) -> tuple[int, set]:
    """(exit status, claims) of `blocwatch extract --format jsonl PATHS`."""
    done = _blocwatch("extract", *map(str, paths), "--format", "jsonl")
    found = set()
    for line in done.stdout.splitlines():
        doc = json.loads(line)
        for c in doc["claims"]:
            found.add((doc["doc"], *[c[f] for f in CLAIM_FIELDS], ",".join(sorted(c["goods"]))))
    return done.returncode, found


def _claims_in_parquet(out: Path) -> set:
    docs = {d["hash"]: d for d in _parquet(out, "documents")}
    return {(docs[c["document_hash"]]["doc_id"], *[c[f] for f in CLAIM_FIELDS], c["goods"])
            for c in _parquet(out, "claims")}


def test_spark_extract_gives_the_claims_of_extract_and_lists_the_bad_articles(extracted):
    out = extracted["out"]
    status, expected = _claims_of_extract(extracted["files"], extracted["twin"])
    assert status == 1          # the binary file, the bad line and French fail
    got = _claims_in_parquet(out)
    assert len(expected) >= 8
    assert got == expected
    docs = {d["hash"]: d for d in _parquet(out, "documents")}

    # documents: keyed by hash, partitioned by publication month
    assert sorted(d["doc_id"] for d in docs.values()) == sorted(
        ["de_waffen", "de_drohnen", "en_troops", "de_ovks", "j1", "j2", "p1", "p2"])
    months = {d["doc_id"]: d["month"] for d in docs.values()}
    assert months["de_waffen"] == "2023-03" and months["p2"] == "2023-06"
    assert (out / "documents" / "month=2024-11").is_dir()
    assert all(d["n_claims"] == sum(c["document_hash"] == h for c in _parquet(out, "claims"))
               for h, d in docs.items())

    # bad articles are rows of errors with the reason; they did not fail the job
    errors = {(Path(e["path"]).name, e["stage"]): e["reason"] for e in _parquet(out, "errors")}
    assert set(errors) == {("zz_binary.txt", "read"), ("news.jsonl", "read"),
                           ("fr_article.txt", "extract")}
    assert "JSONL line 3: not JSON" in errors[("news.jsonl", "read")]
    assert "unsupported language: fr" in errors[("fr_article.txt", "extract")]
    report = extracted["report"]
    assert (report.documents, report.errors, report.claims) == (8, 3, len(got))


SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason=f"{SHARED_CORPUS} not found")
def test_spark_extract_on_the_shared_corpus_gives_the_claims_of_extract(spark, tmp_path):
    # read where it lies (third-party text: never copied into the repository)
    report = spark_extract([str(SHARED_CORPUS)], str(tmp_path / "out"), spark=spark)
    status, expected = _claims_of_extract(SHARED_CORPUS)
    assert status == 0 and report.errors == 0 and len(expected) > 20
    assert _claims_in_parquet(tmp_path / "out") == expected


def _stored(url: str) -> tuple[list, list, list, list]:
    """Documents, claims, mentions and facts as comparable rows (no ids, no times)."""
    engine = create_store_engine(url)
    try:
        with engine.connect() as conn:
            skip = ("id", "document_id", "ingested_at", "extracted_at", "path")
            docs = sorted(tuple(r) for r in conn.execute(
                select(*[c for c in documents.c if c.name not in skip])))
            claim_rows = sorted(tuple(r) for r in conn.execute(
                select(documents.c.hash, *[c for c in claims.c if c.name not in skip])
                .join(documents, documents.c.id == claims.c.document_id)))
            mention_rows = sorted(tuple(r) for r in conn.execute(
                select(documents.c.hash, *[c for c in mentions.c if c.name not in skip])
                .join(documents, documents.c.id == mentions.c.document_id)))
            fact_rows = _facts(conn)
    finally:
        engine.dispose()
    return docs, claim_rows, mention_rows, fact_rows


def _facts(conn) -> list:
    """The facts with what they count, claim ids left out (they differ between stores)."""
    ids = ("id", "first_claim_id", "last_claim_id", "newest_claim_id")
    return sorted(tuple(r) for r in conn.execute(
        select(*[c for c in facts.c if c.name not in ids])))


def _facts_equal_a_rebuild(url: str) -> None:
    engine = create_store_engine(url)
    try:
        with engine.begin() as conn:
            kept = sorted(tuple(r) for r in conn.execute(select(facts).order_by(facts.c.id)))
            kept = sorted(r[1:] for r in kept)
            rebuild(conn)
            again = sorted(tuple(r)[1:] for r in conn.execute(select(facts)))
    finally:
        engine.dispose()
    assert kept == again and kept


def test_load_twice_stores_what_ingest_stores_and_facts_equal_a_rebuild(extracted, store_url,
                                                                        tmp_path):
    first = load(extracted["out"], store_url)
    assert (first.stored, first.skipped, first.failed) == (8, 0, [])
    assert first.claims == extracted["report"].claims
    again = load(extracted["out"], store_url)
    assert (again.stored, again.skipped, again.claims) == (0, 8, 0)

    ingested = "sqlite:///" + str(tmp_path / "ingested.sqlite")
    report = ingest([str(extracted["files"]), str(extracted["twin"])], ingested, progress=False)
    assert report.stored == 8
    assert _stored(store_url) == _stored(ingested)
    _facts_equal_a_rebuild(store_url)


class Crash(Exception):
    pass


def test_a_load_that_crashes_midway_completes_when_run_again(extracted, store_url, tmp_path,
                                                            monkeypatch):
    clean = "sqlite:///" + str(tmp_path / "clean.sqlite")
    load(extracted["out"], clean)
    write = load_module._write_batch
    calls = []

    def crash_on_third(conn, batch, children):
        calls.append(len(batch))
        result = write(conn, batch, children)     # written, then the process "dies"
        if len(calls) == 3:
            raise Crash("killed before the commit")
        return result

    monkeypatch.setattr(load_module, "_write_batch", crash_on_third)
    with pytest.raises(Crash):
        load(extracted["out"], store_url, batch_docs=1)
    monkeypatch.undo()
    engine = create_store_engine(store_url)
    with engine.connect() as conn:
        partial = len(conn.execute(select(documents.c.id)).all())
    engine.dispose()
    assert partial == 2                          # the third batch was rolled back whole
    rest = load(extracted["out"], store_url, batch_docs=1)
    assert (rest.stored, rest.skipped) == (6, 2)
    # every mention and claim once: the rows (duplicates included) equal a clean load's
    assert _stored(store_url) == _stored(clean)
    assert _counts(store_url) == _counts(clean)
    _facts_equal_a_rebuild(store_url)


def _counts(url: str) -> tuple[int, int, int]:
    engine = create_store_engine(url)
    try:
        with engine.connect() as conn:
            return tuple(len(conn.execute(select(t.c.id)).all())
                         for t in (documents, mentions, claims))
    finally:
        engine.dispose()


def test_load_writes_full_batches_across_months(extracted, tmp_path, monkeypatch):
    months = {d["month"] for d in _parquet(extracted["out"], "documents")}
    assert len(months) >= 4                      # the fixture spreads over months
    write = load_module._write_batch
    sizes = []

    def counting(conn, batch, children):
        sizes.append(len(batch))
        return write(conn, batch, children)

    monkeypatch.setattr(load_module, "_write_batch", counting)
    load(extracted["out"], "sqlite:///" + str(tmp_path / "one.sqlite"))
    assert sizes == [8]                          # one transaction, not one per month
    sizes.clear()
    report = load(extracted["out"], "sqlite:///" + str(tmp_path / "three.sqlite"),
                  batch_docs=3)
    assert max(sizes) <= 3 and sum(sizes) == 8 and report.stored == 8


def test_month_groups_fill_batches_and_keep_a_large_month_alone():
    months = [("2023-01", 2), ("2023-02", 1), ("2023-03", 5), ("2023-04", 1), ("undated", 1)]
    assert load_module._month_groups(months, 3) == [
        ["2023-01", "2023-02"], ["2023-03"], ["2023-04", "undated"]]
    assert load_module._month_groups(months, 100) == [[m for m, _ in months]]
    assert load_module._month_groups([], 3) == []


def test_load_replaces_documents_stored_by_another_extractor_version(extracted, store_url,
                                                                   tmp_path):
    load(extracted["out"], store_url)
    engine = create_store_engine(store_url)
    with engine.begin() as conn:
        conn.execute(documents.update().values(extractor_version="older"))
    engine.dispose()
    again = load(extracted["out"], store_url)
    assert (again.stored, again.reextracted, again.skipped) == (0, 8, 0)
    assert again.claims == extracted["report"].claims
    clean = "sqlite:///" + str(tmp_path / "clean.sqlite")
    load(extracted["out"], clean)
    assert _stored(store_url) == _stored(clean)
    assert _counts(store_url) == _counts(clean)
    _facts_equal_a_rebuild(store_url)


def test_load_of_a_folder_that_is_not_spark_output_says_so(tmp_path):
    done = _blocwatch("load", str(tmp_path), "--db", str(tmp_path / "s.sqlite"))
    assert done.returncode == 2
    assert "no documents, mentions, claims folder" in done.stderr
    assert "Traceback" not in done.stderr
