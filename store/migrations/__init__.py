"""Versioned schema migrations, applied automatically when the store opens.

A new database is created from the current metadata and stamped with the newest
version.  An existing one gets, in order and each in its own transaction, every
migration newer than the version it records.  A database newer than this code is
refused rather than guessed at.

A migration describes the schema as of its version: when a later version changes a
table that an earlier migration creates, the earlier one keeps its own copy of the old
definition and the later one alters it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Index, MetaData, Table, insert, inspect, select, text

from store.schema import (
    counters,
    derived_tables,
    kept_tables,
    legacy_analysis_tables,
    metadata,
    schema_migrations,
)


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    upgrade: Callable[[Connection], None]


def _baseline(connection: Connection) -> None:
    metadata.create_all(connection)
    connection.execute(insert(counters).values(name="ref", value=0))


def _analyses(connection: Connection) -> None:
    connection.execute(text("ALTER TABLE messages ADD COLUMN envelope_source VARCHAR(40)"))
    connection.execute(text("ALTER TABLE messages ADD COLUMN analysis_version INTEGER"))
    target = MetaData()
    messages = Table("messages", target, autoload_with=connection)
    Index("ix_messages_analysis_version", messages.c.analysis_version).create(connection)
    analyses, attachments = legacy_analysis_tables(target)
    analyses.create(connection)
    attachments.create(connection)


def _judgements(connection: Connection) -> None:
    connection.execute(text("ALTER TABLE analyses ADD COLUMN judgements TEXT"))


def _typed_derived_data(connection: Connection) -> None:
    # Everything derived is rebuilt from the raw mail: the old JSON is not converted.
    connection.execute(text("DROP TABLE attachments"))
    connection.execute(text("DROP TABLE analyses"))
    connection.execute(text("ALTER TABLE messages DROP COLUMN problems"))
    connection.execute(text("UPDATE messages SET analysis_version = NULL"))
    target = MetaData()
    Table("messages", target, autoload_with=connection)
    for table in derived_tables(target):
        table.create(connection)


def _kept(connection: Connection) -> None:
    target = MetaData()
    Table("messages", target, autoload_with=connection)
    for table in kept_tables(target):
        table.create(connection)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "messages, raw archive, IMAP checkpoints, locations and failures", _baseline),
    Migration(2, "derived text, pages and problems per message and attachment", _analyses),
    Migration(3, "kind, sender, nominees and criteria per message", _judgements),
    Migration(
        4,
        "typed derived data: problems, nominees and criteria in tables, no JSON; read again",
        _typed_derived_data,
    ),
    Migration(5, "reviews by people, and the digests delivered with what each covered", _kept),
)
LATEST = MIGRATIONS[-1].version


class SchemaTooNew(Exception):
    """The database was written by a newer version of intake."""


def current_version(connection: Connection) -> int:
    if not inspect(connection).has_table(schema_migrations.name):
        return 0
    value = connection.execute(
        select(schema_migrations.c.version).order_by(schema_migrations.c.version.desc()).limit(1)
    ).scalar()
    return int(value or 0)


def pending(connection: Connection) -> list[int]:
    """The versions an upgrade would apply (all of them for a new database)."""
    version = current_version(connection)
    return [m.version for m in MIGRATIONS if m.version > version]


def upgrade(connection: Connection) -> list[int]:
    """Bring the schema up to :data:`LATEST`; return the versions applied.

    The caller owns the transaction; a failure rolls every step back.
    """
    version = current_version(connection)
    if version > LATEST:
        raise SchemaTooNew(
            f"the database has schema version {version}; this intake knows up to {LATEST}"
        )
    if version == 0:
        _baseline(connection)
        for migration in MIGRATIONS:
            _stamp(connection, migration)
        return [migration.version for migration in MIGRATIONS]
    applied = []
    for migration in MIGRATIONS:
        if migration.version > version:
            migration.upgrade(connection)
            _stamp(connection, migration)
            applied.append(migration.version)
    return applied


def _stamp(connection: Connection, migration: Migration) -> None:
    connection.execute(
        insert(schema_migrations).values(
            version=migration.version,
            description=migration.description,
            applied_at=datetime.now(UTC),
        )
    )
