"""The database engine and its transactions: SQLite by default, any SQLAlchemy URL.

Writes take the write lock up front (``BEGIN IMMEDIATE`` on SQLite) so concurrent runs
wait rather than fail; reads start a plain transaction, which in WAL mode reads the last
committed state and never waits for a writer.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, make_url

_WRITE = "intake_write"


class StoreError(Exception):
    """The database could not be opened, migrated, read or written."""


class SchemaOutdated(StoreError):
    """The database has an older schema and was opened for reading only: it needs migrating."""


class NoStoreYet(StoreError):
    """Opened for reading only, there is no store yet: nothing has been filed."""


class NotADatabaseUrl(StoreError):
    """The URL names no database this store can use (a typing error, an unknown driver)."""


def missing_file(url: URL) -> str | None:
    """The path of a SQLite database file that does not exist (yet), else None."""
    database = url.database
    if url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if database.startswith("file:"):
        return None
    return None if Path(database).exists() else database


def parse_url(url: str) -> URL:
    try:
        return make_url(url)
    except sa_exc.ArgumentError as exc:
        raise NotADatabaseUrl(f"not a database URL: {url!r}") from exc


def create(url: URL) -> Engine:
    """An engine for ``url``; SQLite gets WAL, full fsync, foreign keys and a busy timeout."""
    try:
        if url.get_backend_name() == "sqlite":
            return _sqlite_engine(url.database)
        return create_engine(url, pool_pre_ping=True)
    except (sa_exc.NoSuchModuleError, ImportError) as exc:
        raise NotADatabaseUrl(f"unsupported database URL {url!r}: {exc}") from exc
    except (OSError, ValueError) as exc:
        raise StoreError(f"cannot create the database folder for {url!r}: {exc}") from exc


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction, holding the write lock from its start."""
    try:
        with engine.connect() as connection:
            connection = connection.execution_options(**{_WRITE: True})
            with connection.begin():
                yield connection
    except sa_exc.SQLAlchemyError as exc:
        raise StoreError(f"database write failed: {reason(exc)}") from exc


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """One read transaction: a consistent snapshot, never waiting for a writer."""
    try:
        with engine.connect() as connection, connection.begin():
            yield connection
    except sa_exc.SQLAlchemyError as exc:
        raise StoreError(f"database read failed: {reason(exc)}") from exc


def reason(exc: BaseException) -> str:
    """The database's own first line about what went wrong."""
    original = getattr(exc, "orig", None)
    return str(original or exc).splitlines()[0]


def _sqlite_engine(database: str | None) -> Engine:
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(f"sqlite:///{database or ':memory:'}")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's begin event decide how each transaction starts.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA busy_timeout = 30000")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        if connection.get_execution_options().get(_WRITE):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")

    return engine
