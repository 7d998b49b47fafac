"""`blocwatch spark-extract`: extraction on Apache Spark, written as Parquet for `load`.

Spark is the runner across machines over the same per-document function as the local
runner (blocwatch.runner.extract_checked): the executors read each article with the same
readers as `blocwatch extract` (read.read_file on the file's bytes, read.jsonl.read_record
on a Parquet row) and extract it inside Arrow batches (``mapInArrow``). The extractor's
gazetteer, lexicons and tagger model are cached at module level (lru_cache in pipeline,
actors, claims), so each Python worker of an executor loads them once and keeps them for
every batch it is given (Spark reuses its Python workers).

Inputs: files and directories (recursive) of .txt/.text, .html/.htm and .jsonl, read as
bytes by Spark (``binaryFile``: local paths or any file system Spark is configured for);
and Parquet (a path ending in .parquet, or a local directory holding .parquet files) with
a ``text`` or ``html`` column and optionally ``id``, ``url``, ``title``, ``date``,
``outlet``. A JSONL file is one task: split very large dumps, or convert them to Parquet.

Output: the layout of store/parquet.py (documents, mentions and claims partitioned by
publication month, keyed by content hash; errors with the reason). A document that cannot
be read or extracted becomes a row of ``errors`` and never fails the job. The same text
read twice is kept once (the copy with the smallest path and id). Spark downloads nothing:
no --packages, no ivy; pyspark's own jars and a local Java are all it needs.
"""
from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from .model import Document, ReadError
from .store import parquet

FILE_GLOB = "*.{txt,text,html,htm,jsonl}"
RECORD_FIELDS = ("id", "text", "html", "url", "title", "date", "outlet")
ARROW_BATCH = 64          # articles per Arrow batch handed to a Python worker
TASKS_PER_CORE = 8        # extraction tasks per core: a short tail when articles vary in size
# Local mode only. On one machine the JVM's CPU is taken from the Python workers that do
# the extracting (2,000 articles: ~27 CPU s in Python, and 14-15 in the JVM, 6-8 of them
# in its C2 compiler, with Spark's defaults). C1 alone compiles fast enough for the JVM's
# share, which is plumbing (files, Arrow, shuffle, Parquet); the serial collector has no
# GC threads; local shuffle files and the cache need no compression. Together: ~6 CPU s.
# On a cluster, executors run long (C2 pays off) and shuffles cross the network: defaults.
LOCAL_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
LOCAL_CONFIG = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "8",
    "spark.shuffle.compress": "false",
    "spark.sql.inMemoryColumnarStorage.compressed": "false",
    # read when the JVM starts: no effect on a session already running
    "spark.driver.extraJavaOptions": LOCAL_JAVA_OPTIONS,
}


class SparkUnavailable(RuntimeError):
    """pyspark, pyarrow or Java is missing; the message says how to install them."""


class InputError(ValueError):
    """An input path that does not exist or cannot be read as articles."""


@dataclass
class SparkReport:
    out: str
    documents: int = 0
    mentions: int = 0
    claims: int = 0
    duplicates: int = 0
    errors: int = 0
    extractor_version: str = ""
    seconds: float = 0.0      # reading, extracting and writing (not the session's start)

    def to_dict(self) -> dict:
        return asdict(self)


# ------------------------------------------------------------------ executor side

def _input_schema():
    import pyarrow as pa  # noqa: PLC0415
    return pa.schema([pa.field("path", pa.string()), pa.field("content", pa.binary()),
                      *[pa.field(name, pa.string()) for name in RECORD_FIELDS]])


DOCUMENT_FIELDS = ("hash", "doc_id", "path", "url", "outlet", "title", "date", "language",
                   "text")


def _read_schema():
    """Stage 1's rows: one per article read (its Document), or per read error."""
    import pyarrow as pa  # noqa: PLC0415
    return pa.schema([*[pa.field(name, pa.string()) for name in DOCUMENT_FIELDS],
                      pa.field("error", pa.struct(parquet.error_fields()))])


def output_schema():
    """Stage 2's rows: per article its kind (document, error, duplicate), month,
    document, mentions and claims, or its error."""
    import pyarrow as pa  # noqa: PLC0415
    row = {name: [f for f in parquet.arrow_fields(name) if f.name != parquet.KEY[name]]
           for name in ("mentions", "claims")}
    return pa.schema([
        pa.field("kind", pa.string()),
        pa.field(parquet.PARTITION, pa.string()),
        pa.field("document", pa.struct(parquet.arrow_fields("documents"))),
        pa.field("mentions", pa.list_(pa.struct(row["mentions"]))),
        pa.field("claims", pa.list_(pa.struct(row["claims"]))),
        pa.field("error", pa.struct(parquet.error_fields())),
    ])


def _local_path(path: str) -> str:
    """file:/x/y.txt -> /x/y.txt (as `blocwatch extract` names it); other URIs as they are."""
    if path.startswith("file:"):
        return unquote(urlparse(path).path)
    return path


def documents_of(record: dict) -> Iterator[Document | ReadError]:
    """The articles of one input row: a file's bytes, or a Parquet row's fields."""
    from .read import read_file  # noqa: PLC0415
    from .read.jsonl import read_record  # noqa: PLC0415
    path = _local_path(record["path"] or "")
    if record.get("content") is not None:
        yield from read_file(path, data=record["content"])
        return
    fields = {name: record.get(name) for name in RECORD_FIELDS}
    body = fields.get("text") or fields.get("html") or ""
    default_id = f"{Path(path).stem}:{_short_hash(body)}"
    yield read_record({k: v for k, v in fields.items() if v is not None}, path, default_id,
                      where=f"Parquet row {fields.get('id') or default_id}")


def _short_hash(text: str) -> str:
    from .model import content_hash  # noqa: PLC0415
    return content_hash(text)[:12]


def read_batches(batches):
    """Stage 1 (mapInArrow): input rows -> one row per article read, or per error."""
    import pyarrow as pa  # noqa: PLC0415
    schema = _read_schema()
    for batch in batches:
        rows = []
        for record in batch.to_pylist():
            for item in documents_of(record):
                if isinstance(item, ReadError):
                    rows.append({"error": {"path": item.path, "doc_id": None, "stage": "read",
                                           "reason": item.reason}})
                else:
                    rows.append({name: getattr(item, name) for name in DOCUMENT_FIELDS})
        yield pa.RecordBatch.from_pylist(rows, schema=schema)


def extracted_row(doc: Document, extract, version: str) -> dict:
    """The output row of one document (see output_schema), built with ingest's row
    builders so the columns are exactly the store's."""
    from .runner import Failure, extract_or_failure  # noqa: PLC0415
    from .store.ingest import _claim_rows, _document_values, _mention_rows  # noqa: PLC0415
    result = extract_or_failure(extract, doc)
    if isinstance(result, Failure):
        return {"kind": "error", "error": {"path": doc.path, "doc_id": doc.doc_id,
                                           "stage": "extract",
                                           "reason": f"extraction failed: {result}"}}
    values = _document_values(doc, version, len(result.mentions), len(result.claims))
    return {
        "kind": "document",
        parquet.PARTITION: parquet.month_of(values["date"]),
        "document": values,
        "mentions": [_without_id(r) for r in _mention_rows(0, result)],
        "claims": [_without_id(r) for r in _claim_rows(0, result)],
    }


def _without_id(row: dict) -> dict:
    row.pop("document_id", None)
    return row


def extract_batches(batches):
    """Stage 2 (mapInArrow): articles sorted by hash within the partition -> one output
    row each; a text already seen (the same hash, so the row before) is a duplicate."""
    import pyarrow as pa  # noqa: PLC0415

    from .runner import default_extractor  # noqa: PLC0415
    extract, version = default_extractor()     # cached per Python worker
    schema = output_schema()
    last = None
    for batch in batches:
        rows = []
        for record in batch.to_pylist():
            if record["error"] is not None:
                rows.append({"kind": "error", "error": record["error"]})
            elif record["hash"] == last:
                rows.append({"kind": "duplicate"})
            else:
                last = record["hash"]
                doc = Document(**{name: record[name] for name in DOCUMENT_FIELDS})
                rows.append(extracted_row(doc, extract, version))
        yield pa.RecordBatch.from_pylist(rows, schema=schema)


# ------------------------------------------------------------------ driver side

def _require_spark():
    try:
        import pyarrow  # noqa: F401, PLC0415
        import pyspark  # noqa: F401, PLC0415
    except ImportError as exc:
        raise SparkUnavailable(f"{exc.name} is not installed: pip install 'blocwatch[spark]'") \
            from None
    if not os.environ.get("JAVA_HOME") and not _which("java"):
        raise SparkUnavailable("Java is not installed: Spark needs a Java 17 runtime "
                               "(Debian: apt-get install openjdk-17-jre-headless)")


def _which(name: str) -> str | None:
    import shutil  # noqa: PLC0415
    return shutil.which(name)


def session(master: str | None = None, app: str = "blocwatch spark-extract"):
    """A SparkSession for spark-extract (an existing one is reused, as spark-submit gives)."""
    _require_spark()
    from pyspark.sql import SparkSession  # noqa: PLC0415
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ     # started by spark-submit
    if master is None and not submitted:
        master = "local[*]"
    local = master is not None and master.startswith("local")
    if local and "PYSPARK_PYTHON" not in os.environ:
        # local workers run this interpreter, which has blocwatch and pyarrow
        os.environ["PYSPARK_PYTHON"] = sys.executable
    builder = SparkSession.builder.appName(app)
    if master:
        builder = builder.master(master)      # else the one spark-submit was given
    builder = (builder
               .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
               .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(ARROW_BATCH))
               .config("spark.sql.session.timeZone", "UTC")
               # articles are small files: count each as 256 KB when packing them into
               # read tasks (Spark's 4 MB default makes a task per 32 articles)
               .config("spark.sql.files.openCostInBytes", str(256 * 1024)))
    # each Python worker keeps the extractor (gazetteer, lexicons, model) for every batch
    # and task it is given: without reuse it would load them again per task
    builder = builder.config("spark.python.worker.reuse", "true")
    if local:
        for key, value in LOCAL_CONFIG.items():
            builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _is_parquet(path: str) -> bool:
    if path.rstrip("/").endswith(".parquet"):
        return True
    local = Path(_local_path(path))
    return local.is_dir() and next(local.rglob("*.parquet"), None) is not None


def read_inputs(spark, inputs: list[str]):
    """One DataFrame of input rows (see _input_schema) from files and Parquet inputs."""
    from pyspark.sql import functions as F  # noqa: PLC0415
    from pyspark.sql.utils import AnalysisException  # noqa: PLC0415
    frames = []
    files = [p for p in inputs if not _is_parquet(p)]
    for path in inputs:
        if "://" not in path and not path.startswith("file:") and not os.path.exists(path):
            raise InputError(f"{path}: no such file or directory")
    try:
        if files:
            raw = (spark.read.format("binaryFile").option("recursiveFileLookup", "true")
                   .option("pathGlobFilter", FILE_GLOB).load(files))
            frames.append(raw.select(
                "path", "content", *[F.lit(None).cast("string").alias(n) for n in RECORD_FIELDS]))
        for path in inputs:
            if path in files:
                continue
            table = spark.read.parquet(path)
            have = {name.lower(): name for name in table.columns}
            if "text" not in have and "html" not in have:
                raise InputError(f"{path}: Parquet without a 'text' or 'html' column "
                                 f"(columns: {', '.join(table.columns)})")
            aliases = {"id": ("id", "doc"), "outlet": ("outlet", "source")}
            cols = []
            for name in RECORD_FIELDS:
                found = next((have[a] for a in aliases.get(name, (name,)) if a in have), None)
                cols.append(F.col(found).cast("string").alias(name) if found
                            else F.lit(None).cast("string").alias(name))
            frames.append(table.select(F.input_file_name().alias("path"),
                                       F.lit(None).cast("binary").alias("content"), *cols))
    except AnalysisException as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"cannot read the input: {first}") from None
    frame = frames[0]
    for other in frames[1:]:
        frame = frame.unionByName(other)
    return frame


def spark_extract(inputs: list[str], out: str, master: str | None = None,
                  spark=None) -> SparkReport:
    """Read, extract and write every article under `inputs` to the Parquet layout at `out`
    (replaced if it exists)."""
    from pyspark import StorageLevel  # noqa: PLC0415
    from pyspark.sql import functions as F  # noqa: PLC0415
    from pyspark.sql.pandas.types import from_arrow_schema  # noqa: PLC0415

    from .runner import default_extractor  # noqa: PLC0415
    spark = spark or session(master)
    started = time.perf_counter()
    cores = spark.sparkContext.defaultParallelism
    # small inputs (thousands of articles) are still read in a few tasks per core, not
    # in 4 or 5 (Spark packs files into splits of total/cores bytes at least): the read
    # stage then has no long tail on one core; large inputs split as usual
    spark.conf.set("spark.sql.files.minPartitionNum", str(4 * cores))
    frame = read_inputs(spark, inputs)
    # stage 1 reads the articles where the input lies; the shuffle by content hash then
    # spreads them over the executors and brings copies of one text together, so stage 2
    # extracts each text once (the copy with the smallest path and id)
    articles = frame.mapInArrow(read_batches, from_arrow_schema(_read_schema()))
    articles = (articles.repartition(TASKS_PER_CORE * cores, "hash")
                .sortWithinPartitions("hash", "path", "doc_id"))
    rows = articles.mapInArrow(extract_batches, from_arrow_schema(output_schema()))
    # one month in one partition: each table gets a file per month, not one per month
    # and task (thousands of small files slow both the writing and the load)
    rows = rows.repartition(2 * cores, parquet.PARTITION)
    rows = rows.persist(StorageLevel.MEMORY_AND_DISK)   # extracted once, written 4 times
    try:
        docs = rows.where(F.col("kind") == "document")
        month = parquet.PARTITION
        key = F.col("document.hash").alias("document_hash")
        tables = {
            "documents": docs.select(month, "document.*"),
            "mentions": docs.select(month, key, F.explode("mentions").alias("m"))
                            .select(month, "document_hash", "m.*"),
            "claims": docs.select(month, key, F.explode("claims").alias("c"))
                          .select(month, "document_hash", "c.*"),
        }
        for name, table in tables.items():
            (table.select(month, *parquet.column_names(name)).write.mode("overwrite")
             .partitionBy(month).parquet(f"{out.rstrip('/')}/{name}"))
        (rows.where(F.col("kind") == "error").select("error.*").coalesce(1)
         .write.mode("overwrite").parquet(f"{out.rstrip('/')}/errors"))
        counts = {r["kind"]: r for r in rows.groupBy("kind").agg(
            F.count("*").alias("n"), F.sum(F.size("mentions")).alias("mentions"),
            F.sum(F.size("claims")).alias("claims")).collect()}
        done = counts.get("document")
        report = SparkReport(out=out, documents=done["n"] if done else 0,
                             mentions=done["mentions"] if done else 0,
                             claims=done["claims"] if done else 0,
                             duplicates=counts["duplicate"]["n"] if "duplicate" in counts else 0,
                             errors=counts["error"]["n"] if "error" in counts else 0,
                             extractor_version=default_extractor()[1],
                             seconds=round(time.perf_counter() - started, 3))
    finally:
        rows.unpersist()
    return report
