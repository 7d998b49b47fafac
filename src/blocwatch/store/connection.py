"""Where the store lives and how to open it.

By default the store is one SQLite file, nothing to start:

- ``$BLOCWATCH_DB`` if set (a SQLAlchemy URL, or a plain file path), else
- ``<user data dir>/blocwatch/blocwatch.sqlite``, where the user data dir is
  ``$XDG_DATA_HOME`` or ``~/.local/share`` on Linux, ``~/Library/Application Support`` on
  macOS and ``%LOCALAPPDATA%`` on Windows.

PostgreSQL goes through the same code: pass ``postgresql+psycopg://user@host/db``.

SQLite is opened in WAL mode (readers keep reading while one process ingests), with
transactions that begin at the first statement, reads included (each sees one snapshot),
foreign keys enforced (so deleting a document takes its mentions and claims along) and a
busy timeout (a second writer waits instead of failing at once). A SQLite file on a
read-only mount is opened read-only (immutable). Faults of opening (not a database, disk
full, read-only, locked) raise faults.StoreError with a one-line message.
"""
from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from urllib.parse import quote, unquote

from sqlalchemy import (Connection, Engine, case, create_engine, event, insert, inspect, select,
                        text, update)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError,
                            OperationalError)
from sqlalchemy.orm import Session

from .facts import rebuild
from .faults import StoreError, explain
from .schema import (ADDED_COLUMNS, SCHEMA_VERSION, claims, metadata, store_generation,
                     store_meta)

ENV_VAR = "BLOCWATCH_DB"
FILE_NAME = "blocwatch.sqlite"


def user_data_dir() -> Path:
    """The platform's per-user data directory (without the blocwatch part)."""
    home = Path.home()
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
    if sys.platform == "darwin":
        return home / "Library" / "Application Support"
    return Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")


def default_url() -> str:
    """$BLOCWATCH_DB, or the SQLite file in the user data dir."""
    configured = os.environ.get(ENV_VAR)
    if configured:
        return resolve_url(configured)
    return "sqlite:///" + str(user_data_dir() / "blocwatch" / FILE_NAME)


def resolve_url(url_or_path: str | os.PathLike | None) -> str:
    """A SQLAlchemy URL from a URL, a file path (-> SQLite) or None (-> the default)."""
    if url_or_path is None or str(url_or_path) == "":
        return default_url()
    text = str(url_or_path)
    if "://" in text:
        return text
    return "sqlite:///" + str(Path(text).expanduser().absolute())


def display_url(url: str) -> str:
    """The URL as safe to print: passwords hidden; a SQLite file opened read-only (a
    "file:" URI) shown as the plain file."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and (parsed.database or "").startswith("file:"):
        return "sqlite:///" + unquote(parsed.database.removeprefix("file:").split("?")[0])
    return parsed.render_as_string(hide_password=True)


def _on_sqlite_connect(dbapi_connection, _record) -> None:
    # Python's sqlite3 starts transactions only before writes, so a reader's queries each
    # see another moment of the store. Take BEGIN into our own hands (see _on_sqlite_begin)
    # so every transaction, reads included, sees one snapshot.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # NORMAL is durable across application crashes in WAL mode (only an OS crash can lose
    # the last commits) and makes one commit per document cheap.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _on_read_only_sqlite_connect(dbapi_connection, _record) -> None:
    # a store on a read-only mount: no journal mode to set, nothing to write
    dbapi_connection.isolation_level = None


def _on_sqlite_begin(connection) -> None:
    # "BEGIN IMMEDIATE" (execution option sqlite_begin) takes the write lock at once: a
    # transaction that reads and then writes cannot fail half-way on a lock another
    # writer took in between (SQLite's busy wait does not cover that case)
    mode = connection.get_execution_options().get("sqlite_begin", "")
    connection.exec_driver_sql(f"BEGIN {mode}".strip())


def _read_only_file(database: str) -> bool:
    """Is the SQLite file (or its folder, where the WAL files go) not writable: a
    read-only mount or a copy without write permission?"""
    path = Path(database)
    return path.is_file() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def create_store_engine(url: str | None = None, *, create: bool = True) -> Engine:
    """An Engine for the store at `url` (default: see module doc), tables created.

    A SQLite store on a read-only mount is opened read-only (reading works, writing
    fails with a StoreError that says so). A file that is not a store, a full disk and
    every other fault of opening raise a StoreError with a one-line message.
    """
    url = resolve_url(url)
    where = display_url(url)
    parsed = make_url(url)
    read_only = False
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        plain_file = bool(database) and database != ":memory:" and not database.startswith("file:")
        if plain_file and _read_only_file(database):
            read_only = True
            engine = create_engine(
                "sqlite:///file:" + quote(str(Path(database).absolute()))
                + "?mode=ro&immutable=1&uri=true", connect_args={"timeout": 30})
            event.listen(engine, "connect", _on_read_only_sqlite_connect)
        else:
            if plain_file:
                try:
                    Path(database).parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise StoreError(f"store {where} cannot be created: {exc.strerror or exc}"
                                     ": pass a writable place with --db") from None
            engine = create_engine(url, connect_args={"timeout": 30})
            event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
    else:
        # REPEATABLE READ: an analysis that runs several queries sees one snapshot, as on
        # SQLite; writers only insert new rows or replace their own document's rows.
        engine = create_engine(url, pool_pre_ping=True, isolation_level="REPEATABLE READ")
    try:
        if read_only:
            _check_schema(engine, where)
        elif create:
            ensure_schema(engine)
        else:
            with engine.connect():
                pass
    except DBAPIError as exc:
        engine.dispose()
        raise explain(exc, where) from None
    except StoreError:
        engine.dispose()
        raise
    return engine


def _schema_complete(conn: Connection) -> bool:
    """Does the store have every table and index of this version, and its version row?"""
    inspector = inspect(conn)
    tables = set(inspector.get_table_names())
    if not set(metadata.tables) <= tables:
        return False
    for table in metadata.sorted_tables:
        have = {ix["name"] for ix in inspector.get_indexes(table.name)}
        if any(index.name not in have for index in table.indexes):
            return False
    known = conn.execute(select(store_meta.c.value)
                         .where(store_meta.c.key == "schema_version")).scalar()
    return (known is not None and int(known) >= SCHEMA_VERSION
            and conn.execute(select(store_generation.c.id)).first() is not None)


def _check_schema(engine: Engine, where: str) -> None:
    with engine.connect() as conn:
        if not _schema_complete(conn):
            raise StoreError(f"store {where} is read-only and is not a complete blocwatch "
                             "store of this version: open it once where it can be written")


def ensure_schema(engine: Engine) -> None:
    """Create missing tables, record the schema version, upgrade older stores.

    Version 1 stores had no facts tables: they are created empty by create_all and filled
    from the claims here, once. Columns later versions added to existing tables are added
    by _upgrade (schema.ADDED_COLUMNS). Several processes may open a new store at once (two
    ingests): the work is one transaction that holds the write lock from its start
    (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock), so they take turns; a store
    that is complete already is only read.
    """
    with engine.connect() as conn:
        if _schema_complete(conn):
            return
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn = conn.execution_options(sqlite_begin="IMMEDIATE")
        elif engine.dialect.name == "postgresql":
            # READ COMMITTED: after the lock, see the tables the process before us made
            conn = conn.execution_options(isolation_level="READ COMMITTED")
        with conn.begin():
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SCHEMA_LOCK})
            metadata.create_all(conn)
            for table in metadata.sorted_tables:   # indexes added to tables an older
                for index in table.indexes:        # version created
                    index.create(conn, checkfirst=True)
            known = conn.execute(select(store_meta.c.value)
                                 .where(store_meta.c.key == "schema_version")).scalar()
            if known is None:
                conn.execute(insert(store_meta).values(key="schema_version",
                                                       value=str(SCHEMA_VERSION)))
            elif int(known) < SCHEMA_VERSION:
                _upgrade(conn, int(known))
                conn.execute(update(store_meta).where(store_meta.c.key == "schema_version")
                             .values(value=str(SCHEMA_VERSION)))
            if conn.execute(select(store_generation.c.id)).first() is None:
                conn.execute(insert(store_generation).values(id=1, generation=0))


_SCHEMA_LOCK = 0x626C6F63   # "bloc": the advisory lock key of schema creation on PostgreSQL


# what `postgresql://` and `postgres://` mean here: the driver blocwatch installs
_DEFAULT_DRIVERS = {"postgresql": "postgresql+psycopg", "postgres": "postgresql+psycopg"}


def open_store(url: str | None = None, *, must_exist: bool = False) -> Engine:
    """create_store_engine for a user's URL: every way it can fail becomes a StoreError.

    With `must_exist` (read-only commands) a SQLite store that is not there is an error,
    not a new empty file: asking a question must not create a store. A URL without a
    driver (``postgresql://``) uses psycopg, the driver blocwatch depends on.
    """
    url = resolve_url(url)
    scheme, sep, rest = url.partition("://")
    if sep and scheme in _DEFAULT_DRIVERS:
        url = f"{_DEFAULT_DRIVERS[scheme]}://{rest}"
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"not a store URL: {url!r} (give a file path, sqlite:///PATH or "
                         f"postgresql://USER@HOST/DB)") from None
    shown = display_url(url)
    if parsed.get_backend_name() == "sqlite" and must_exist:
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:") \
                and not Path(database).exists():
            raise StoreError(f"no store at {database}: create one with "
                             f"`blocwatch ingest PATH... --db {database}`")
    try:
        return create_store_engine(url)
    except NoSuchModuleError:
        raise StoreError(f"unknown database {parsed.drivername!r} in {shown}: blocwatch "
                         f"stores are sqlite:///PATH or postgresql://USER@HOST/DB") from None
    except ImportError as exc:
        raise StoreError(f"{shown} needs the Python driver {exc.name or exc}: "
                         f"pip install 'blocwatch[postgres]'") from None
    except OperationalError as exc:
        reason = str(exc.orig or exc).strip().splitlines()
        raise StoreError(f"cannot open the store at {shown}: "
                         f"{reason[0] if reason else type(exc).__name__}") from None


def _add_columns(conn: Connection, version: int) -> None:
    """ALTER TABLE ... ADD COLUMN for each column `version` added (schema.ADDED_COLUMNS)
    that the table does not have yet."""
    for table_name, column_name in ADDED_COLUMNS.get(version, []):
        have = {c["name"] for c in inspect(conn).get_columns(table_name)}
        if column_name in have:
            continue
        column = metadata.tables[table_name].c[column_name]
        kind = column.type.compile(dialect=conn.dialect)
        conn.exec_driver_sql(f"ALTER TABLE {table_name} ADD COLUMN {column_name} {kind}")


def _upgrade(conn: Connection, known: int) -> None:
    """Bring a store of schema version `known` to SCHEMA_VERSION, in one transaction.

    Columns first (every later step reads the tables whole), then each version's data:
    2 fills the facts from the claims; 3 says where the stored times came from as far as
    the old rows tell (a time the publication date gave is inferred; any other time was
    stated). Re-extraction (`blocwatch reextract`) sets the basis exactly. 4 computes the
    facts anew (origin weights; confidence from the claims' probabilities).
    """
    for version in range(known + 1, SCHEMA_VERSION + 1):
        _add_columns(conn, version)
    if known < 4:
        rebuild(conn)
    if known < 3:
        conn.execute(update(claims).where(claims.c.time_basis.is_(None),
                                          claims.c.when_start.is_not(None))
                     .values(time_basis=case((claims.c.time_inferred, "published"),
                                             else_="stated")))


@contextlib.contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction for writing documents.

    On PostgreSQL at READ COMMITTED: the engine's REPEATABLE READ gives readers one
    snapshot, but a writer there fails ("could not serialize") whenever another writer
    updated a fact it updates, which documents about the same actors do all the time.
    store/facts.py locks the facts it updates (FOR UPDATE, in key order) instead, so
    writers wait for each other rather than fail. SQLite has one writer at a time.
    """
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="READ COMMITTED")
        with conn.begin():
            yield conn


def open_session(url: str | Engine | None = None) -> Session:
    """A Session on the store: what the analysis functions take."""
    engine = url if isinstance(url, Engine) else create_store_engine(url)
    return Session(engine)
