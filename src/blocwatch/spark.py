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
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from .model import Document, ReadError
from .store import parquet

FILE_GLOB = "*.{txt,text,html,htm,jsonl}"
RECORD_FIELDS = ("id", "text", "html", "url", "title", "date", "outlet")
ARROW_BATCH = 64          # articles per Arrow batch handed to a Python worker


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

    def to_dict(self) -> dict:
        return asdict(self)


# ------------------------------------------------------------------ executor side

def _input_schema():
    import pyarrow as pa  # noqa: PLC0415
    return pa.schema([pa.field("path", pa.string()), pa.field("content", pa.binary()),
                      *[pa.field(name, pa.string()) for name in RECORD_FIELDS]])


def output_schema():
    """One row per article read: its month, document, mentions and claims, or its error."""
    import pyarrow as pa  # noqa: PLC0415
    row = {name: [f for f in parquet.arrow_fields(name) if f.name != parquet.KEY[name]]
           for name in ("mentions", "claims")}
    return pa.schema([
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


def extracted_row(item: Document | ReadError, extract, version: str) -> dict:
    """The output row of one article (see output_schema), built with ingest's row
    builders so the columns are exactly the store's."""
    from .runner import Failure, extract_or_failure  # noqa: PLC0415
    from .store.ingest import _claim_rows, _document_values, _mention_rows  # noqa: PLC0415
    empty = {parquet.PARTITION: None, "document": None, "mentions": None, "claims": None,
             "error": None}
    if isinstance(item, ReadError):
        return {**empty, "error": {"path": item.path, "doc_id": None, "stage": "read",
                                   "reason": item.reason}}
    result = extract_or_failure(extract, item)
    if isinstance(result, Failure):
        return {**empty, "error": {"path": item.path, "doc_id": item.doc_id,
                                   "stage": "extract",
                                   "reason": f"extraction failed: {result}"}}
    doc = result.document
    drop = ("document_id",)
    return {
        parquet.PARTITION: parquet.month_of(_normal_date(doc.date)),
        "document": _document_values(doc, version, len(result.mentions), len(result.claims)),
        "mentions": [{k: v for k, v in r.items() if k not in drop}
                     for r in _mention_rows(0, result)],
        "claims": [{k: v for k, v in r.items() if k not in drop}
                   for r in _claim_rows(0, result)],
        "error": None,
    }


def _normal_date(date: str | None) -> str | None:
    from .store.periods import normalise  # noqa: PLC0415
    return normalise(date)


def extract_batches(batches):
    """The mapInArrow function: input rows -> output rows (one per article)."""
    import pyarrow as pa  # noqa: PLC0415

    from .runner import default_extractor  # noqa: PLC0415
    extract, version = default_extractor()     # cached per Python worker
    schema = output_schema()
    for batch in batches:
        rows = [extracted_row(item, extract, version)
                for record in batch.to_pylist() for item in documents_of(record)]
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
    local = master is None or master.startswith("local")
    if local and "PYSPARK_PYTHON" not in os.environ:
        # local workers run this interpreter, which has blocwatch and pyarrow
        os.environ["PYSPARK_PYTHON"] = sys.executable
    builder = SparkSession.builder.appName(app)
    if master:
        builder = builder.master(master)
    elif local:
        builder = builder.master("local[*]")
    builder = (builder
               .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
               .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(ARROW_BATCH))
               .config("spark.sql.session.timeZone", "UTC"))
    if local:
        builder = (builder.config("spark.ui.enabled", "false")
                   .config("spark.sql.shuffle.partitions", "8"))
    if local:
        builder = builder.config("spark.ui.showConsoleProgress", "false")
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
    from pyspark.sql import Window  # noqa: PLC0415
    from pyspark.sql import functions as F  # noqa: PLC0415
    from pyspark.sql.pandas.types import from_arrow_schema  # noqa: PLC0415

    from .runner import default_extractor  # noqa: PLC0415
    spark = spark or session(master)
    frame = read_inputs(spark, inputs)
    wanted = 4 * spark.sparkContext.defaultParallelism
    if frame.rdd.getNumPartitions() < wanted:
        frame = frame.repartition(wanted)      # a few large inputs: spread the articles
    rows = frame.mapInArrow(extract_batches, from_arrow_schema(output_schema()))
    rows = rows.persist(StorageLevel.MEMORY_AND_DISK)   # extracted once, written 4 times
    try:
        docs = rows.where(F.col("document").isNotNull())
        first = Window.partitionBy("document.hash").orderBy("document.path", "document.doc_id")
        kept = (docs.withColumn("_n", F.row_number().over(first)).where("_n = 1").drop("_n")
                .persist(StorageLevel.MEMORY_AND_DISK))
        month = parquet.PARTITION
        tables = {
            "documents": kept.select(month, "document.*"),
            "mentions": kept.select(month, F.col("document.hash").alias("document_hash"),
                                    F.explode("mentions").alias("m")).select(
                month, "document_hash", "m.*"),
            "claims": kept.select(month, F.col("document.hash").alias("document_hash"),
                                  F.explode("claims").alias("c")).select(
                month, "document_hash", "c.*"),
        }
        for name, table in tables.items():
            (table.select(month, *parquet.column_names(name)).write.mode("overwrite")
             .partitionBy(month).parquet(f"{out.rstrip('/')}/{name}"))
        errors = rows.where(F.col("error").isNotNull()).select("error.*")
        errors.coalesce(1).write.mode("overwrite").parquet(f"{out.rstrip('/')}/errors")
        counts = kept.agg(F.count("*").alias("documents"),
                          F.sum(F.size("mentions")).alias("mentions"),
                          F.sum(F.size("claims")).alias("claims")).first()
        report = SparkReport(out=out, documents=counts["documents"] or 0,
                             mentions=counts["mentions"] or 0, claims=counts["claims"] or 0,
                             duplicates=docs.count() - (counts["documents"] or 0),
                             errors=errors.count(),
                             extractor_version=default_extractor()[1])
        kept.unpersist()
    finally:
        rows.unpersist()
    return report
