"""The store: one object over a SQLAlchemy engine, SQLite by default."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    RowMapping,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    union_all,
    update,
)
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url

from store import migrations
from store.records import (
    AnalysisRecord,
    AttachmentRecord,
    EnvelopeUpdate,
    FailedUid,
    Filing,
    MailboxPlace,
    MessageRecord,
    StoredMessage,
)
from store.schema import (
    analyses,
    attachments,
    counters,
    imap_checkpoints,
    imap_failures,
    imap_locations,
    messages,
    raw_messages,
)

log = logging.getLogger(__name__)

_WRITE = "intake_write"


class StoreError(Exception):
    """The database could not be opened, migrated, read or written."""


class Store:
    """Filed messages, their raw bytes and the IMAP checkpoints.

    Every write happens in one transaction; on SQLite a write transaction takes the
    write lock up front (``BEGIN IMMEDIATE``) so concurrent runs wait rather than fail.
    """

    def __init__(self, engine: Engine):
        self.engine = engine

    @classmethod
    def open(cls, url: str) -> Store:
        """Open (creating if needed) and migrate the database at ``url``."""
        try:
            parsed = make_url(url)
        except sa_exc.ArgumentError as exc:
            raise StoreError(f"not a database URL: {url!r}") from exc
        try:
            if parsed.get_backend_name() == "sqlite":
                engine = _sqlite_engine(parsed.database)
            else:
                engine = create_engine(parsed, pool_pre_ping=True)
        except (sa_exc.NoSuchModuleError, ImportError) as exc:
            raise StoreError(f"unsupported database URL {parsed!r}: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"cannot create the database folder for {parsed!r}: {exc}") from exc
        store = cls(engine)
        try:
            with store._write() as connection:
                applied = migrations.upgrade(connection)
        except migrations.SchemaTooNew as exc:
            engine.dispose()
            raise StoreError(str(exc)) from exc
        except sa_exc.SQLAlchemyError as exc:
            engine.dispose()
            raise StoreError(f"cannot open the database {parsed!r}: {_reason(exc)}") from exc
        if applied:
            log.info("store schema migrated to version %s", applied[-1])
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as connection:
                connection = connection.execution_options(**{_WRITE: True})
                with connection.begin():
                    yield connection
        except sa_exc.SQLAlchemyError as exc:
            raise StoreError(f"database write failed: {_reason(exc)}") from exc

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as connection, connection.begin():
                yield connection
        except sa_exc.SQLAlchemyError as exc:
            raise StoreError(f"database read failed: {_reason(exc)}") from exc

    # -- filing ---------------------------------------------------------------------------

    def file_message(self, record: MessageRecord, ref_prefix: str) -> Filing:
        """File one message (backfill) in its own transaction."""
        with self._write() as connection:
            _pk, filing = _file(connection, record, ref_prefix)
            return filing

    def file_imap_batch(
        self,
        place: MailboxPlace,
        items: Sequence[tuple[int, MessageRecord]],
        last_uid: int,
        ref_prefix: str,
    ) -> dict[int, Filing | str]:
        """File a batch fetched from one folder and advance its checkpoint, atomically.

        Returns, per UID, its :class:`Filing` or the reason it could not be filed; a UID
        that fails is recorded in ``imap_failures`` (in the same transaction) so the next
        poll fetches it again, while the rest of the batch is filed.
        """
        now = datetime.now(UTC)
        outcome: dict[int, Filing | str] = {}
        with self._write() as connection:
            for uid, record in items:
                try:
                    with connection.begin_nested():
                        known = _location_ref(connection, place, uid)
                        if known is not None:
                            # Filed already, e.g. by a concurrent poll of the same folder.
                            outcome[uid] = Filing(ref=known, duplicate=True)
                            continue
                        pk, filing = _file(connection, record, ref_prefix)
                        connection.execute(
                            insert(imap_locations).values(
                                **_place_values(place),
                                uid=uid,
                                message_pk=pk,
                                marked=False,
                                seen_at=now,
                            )
                        )
                except sa_exc.SQLAlchemyError as exc:
                    reason = _reason(exc)
                    log.error("cannot file UID %s of %s: %s", uid, place.folder, reason)
                    _record_failure(connection, place, uid, reason, now)
                    outcome[uid] = reason
                    continue
                connection.execute(
                    delete(imap_failures).where(
                        *_place_is(imap_failures, place), imap_failures.c.uid == uid
                    )
                )
                outcome[uid] = filing
            _advance_checkpoint(connection, place, last_uid, now)
        return outcome

    def record_failure(self, place: MailboxPlace, uid: int, reason: str) -> None:
        """Record that a UID could not be fetched or filed, to retry on the next poll."""
        with self._write() as connection:
            _record_failure(connection, place, uid, reason, datetime.now(UTC))

    def advance_checkpoint(self, place: MailboxPlace, last_uid: int) -> None:
        with self._write() as connection:
            _advance_checkpoint(connection, place, last_uid, datetime.now(UTC))

    # -- IMAP bookkeeping -----------------------------------------------------------------

    def checkpoint(self, place: MailboxPlace) -> int | None:
        """The highest UID filed in this folder at this UIDVALIDITY, or None if never polled."""
        with self._read() as connection:
            value = connection.execute(
                select(imap_checkpoints.c.last_uid).where(*_place_is(imap_checkpoints, place))
            ).scalar()
        return None if value is None else int(value)

    def has_other_uidvalidity(self, place: MailboxPlace) -> bool:
        """Whether this folder has a checkpoint under another UIDVALIDITY."""
        with self._read() as connection:
            row = connection.execute(
                select(imap_checkpoints.c.uidvalidity)
                .where(
                    imap_checkpoints.c.account == place.account,
                    imap_checkpoints.c.folder == place.folder,
                    imap_checkpoints.c.uidvalidity != place.uidvalidity,
                )
                .limit(1)
            ).first()
        return row is not None

    def unmarked_uids(self, place: MailboxPlace) -> list[int]:
        """UIDs filed but not yet marked on the server (a crash came between the two)."""
        with self._read() as connection:
            rows = connection.execute(
                select(imap_locations.c.uid)
                .where(*_place_is(imap_locations, place), imap_locations.c.marked.is_(False))
                .order_by(imap_locations.c.uid)
            )
            return [int(row.uid) for row in rows]

    def mark_uids(self, place: MailboxPlace, uids: Sequence[int]) -> None:
        """Note that these UIDs now carry the filed keyword on the server."""
        if not uids:
            return
        with self._write() as connection:
            for chunk in _chunks(list(uids), 500):
                connection.execute(
                    update(imap_locations)
                    .where(*_place_is(imap_locations, place), imap_locations.c.uid.in_(chunk))
                    .values(marked=True)
                )

    def failures(self, place: MailboxPlace) -> list[FailedUid]:
        with self._read() as connection:
            rows = connection.execute(
                select(imap_failures)
                .where(*_place_is(imap_failures, place))
                .order_by(imap_failures.c.uid)
            )
            return [
                FailedUid(
                    uid=row.uid,
                    error=row.error,
                    attempts=row.attempts,
                    first_failed_at=row.first_failed_at,
                    last_failed_at=row.last_failed_at,
                )
                for row in rows
            ]

    # -- queries --------------------------------------------------------------------------

    def list_messages(self) -> list[StoredMessage]:
        """Every filed message, in filing order."""
        with self._read() as connection:
            rows = connection.execute(select(*_LISTED).order_by(messages.c.id))
            return [_stored(row._mapping) for row in rows]

    def get_message(self, ref: str) -> StoredMessage | None:
        with self._read() as connection:
            row = connection.execute(select(*_LISTED).where(messages.c.ref == ref)).first()
        return None if row is None else _stored(row._mapping)

    def raw_message(self, ref: str) -> bytes | None:
        """The raw RFC 822 bytes of a filed message, exactly as received."""
        with self._read() as connection:
            value = connection.execute(
                select(raw_messages.c.raw)
                .join(messages, messages.c.raw_sha256 == raw_messages.c.sha256)
                .where(messages.c.ref == ref)
            ).scalar()
        return None if value is None else bytes(value)

    def count_messages(self) -> int:
        with self._read() as connection:
            return int(connection.execute(select(func.count()).select_from(messages)).scalar_one())

    # -- derived data ------------------------------------------------------------------

    def refs_to_analyse(self, version: int) -> list[str]:
        """References whose analysis is missing or older than ``version``, in filing order."""
        # Two index lookups rather than one OR, which would scan every message on every
        # poll: this query runs even when nothing is new.
        missing = select(messages.c.id, messages.c.ref).where(messages.c.analysis_version.is_(None))
        older = select(messages.c.id, messages.c.ref).where(messages.c.analysis_version < version)
        with self._read() as connection:
            rows = connection.execute(union_all(missing, older)).all()
        return [str(row.ref) for row in sorted(rows, key=lambda row: row.id)]

    def all_refs(self) -> list[str]:
        with self._read() as connection:
            return [
                str(r)
                for r in connection.execute(
                    select(messages.c.ref).order_by(messages.c.id)
                ).scalars()
            ]

    def save_analysis(self, ref: str, analysis: AnalysisRecord) -> None:
        """Replace the derived data of one message, in one transaction."""
        with self._write() as connection:
            pk = connection.execute(select(messages.c.id).where(messages.c.ref == ref)).scalar()
            if pk is None:
                raise StoreError(f"no message {ref}")
            connection.execute(delete(attachments).where(attachments.c.message_pk == pk))
            connection.execute(delete(analyses).where(analyses.c.message_pk == pk))
            values = {name: getattr(analysis, name) for name in _ANALYSIS_FIELDS}
            connection.execute(
                insert(analyses).values(
                    message_pk=pk,
                    problems=analysis.problems_json,
                    judgements=analysis.judgements_json,
                    **values,
                )
            )
            for item in analysis.attachments:
                fields = {name: getattr(item, name) for name in _ATTACHMENT_FIELDS}
                connection.execute(
                    insert(attachments).values(message_pk=pk, problems=item.problems_json, **fields)
                )
            connection.execute(
                update(messages)
                .where(messages.c.id == pk)
                .values(analysis_version=analysis.version)
            )

    def get_analysis(self, ref: str) -> AnalysisRecord | None:
        found = self.analyses([ref])
        return found.get(ref)

    def analyses(self, refs: Sequence[str] | None = None) -> dict[str, AnalysisRecord]:
        """The stored analyses by reference (of ``refs``, or of every message)."""
        with self._read() as connection:
            query = select(messages.c.ref, analyses).join(
                analyses, analyses.c.message_pk == messages.c.id
            )
            attachment_query = (
                select(messages.c.ref, attachments)
                .join(attachments, attachments.c.message_pk == messages.c.id)
                .order_by(attachments.c.message_pk, attachments.c.position)
            )
            if refs is not None:
                query = query.where(messages.c.ref.in_(list(refs)))
                attachment_query = attachment_query.where(messages.c.ref.in_(list(refs)))
            found_attachments: dict[str, list[AttachmentRecord]] = {}
            for row in connection.execute(attachment_query):
                values = row._mapping
                found_attachments.setdefault(values["ref"], []).append(
                    AttachmentRecord(
                        problems_json=values["problems"],
                        **{name: values[name] for name in _ATTACHMENT_FIELDS},
                    )
                )
            result = {}
            for row in connection.execute(query):
                values = row._mapping
                result[values["ref"]] = AnalysisRecord(
                    problems_json=values["problems"],
                    judgements_json=values["judgements"],
                    attachments=tuple(found_attachments.get(values["ref"], ())),
                    **{name: values[name] for name in _ANALYSIS_FIELDS},
                )
            return result

    def judgements_json(self) -> dict[str, str | None]:
        """The stored judgements of every analysed message, by reference (nothing else)."""
        with self._read() as connection:
            rows = connection.execute(
                select(messages.c.ref, analyses.c.judgements).join(
                    analyses, analyses.c.message_pk == messages.c.id
                )
            )
            return {str(row.ref): row.judgements for row in rows}

    def update_envelope(self, ref: str, envelope: EnvelopeUpdate) -> None:
        """Store header facts re-read from the raw message (reprocessing)."""
        with self._write() as connection:
            connection.execute(
                update(messages)
                .where(messages.c.ref == ref)
                .values(
                    message_id=envelope.message_id,
                    from_header=envelope.from_header,
                    subject=envelope.subject,
                    date_header=envelope.date_header,
                    date_header_at=envelope.date_header_at,
                    received_header_at=envelope.received_header_at,
                    received_at=envelope.received_at,
                    received_source=envelope.received_source,
                    problems=envelope.problems_json,
                )
            )

    def locations(self, ref: str) -> list[tuple[MailboxPlace, int, bool]]:
        """Where on the IMAP server this message was seen: (place, uid, marked)."""
        with self._read() as connection:
            rows = connection.execute(
                select(imap_locations)
                .join(messages, messages.c.id == imap_locations.c.message_pk)
                .where(messages.c.ref == ref)
                .order_by(imap_locations.c.seen_at)
            )
            return [
                (MailboxPlace(row.account, row.folder, row.uidvalidity), row.uid, row.marked)
                for row in rows
            ]


# -- helpers ------------------------------------------------------------------------------

_LISTED = (
    messages.c.ref,
    messages.c.raw_sha256,
    messages.c.size,
    messages.c.message_id,
    messages.c.from_header,
    messages.c.subject,
    messages.c.date_header,
    messages.c.date_header_at,
    messages.c.received_header_at,
    messages.c.internaldate,
    messages.c.envelope_at,
    messages.c.received_at,
    messages.c.received_source,
    messages.c.envelope_source,
    messages.c.origin,
    messages.c.origin_detail,
    messages.c.problems,
    messages.c.filed_at,
    messages.c.analysis_version,
)


_ANALYSIS_FIELDS = tuple(
    name
    for name in AnalysisRecord.__dataclass_fields__
    if name not in ("problems_json", "attachments", "judgements_json")
)
_ATTACHMENT_FIELDS = tuple(
    name for name in AttachmentRecord.__dataclass_fields__ if name != "problems_json"
)


def _stored(row: RowMapping) -> StoredMessage:
    values = dict(row)
    values["problems_json"] = values.pop("problems")
    return StoredMessage(**values)


def _file(connection: Connection, record: MessageRecord, ref_prefix: str) -> tuple[int, Filing]:
    existing = connection.execute(
        select(messages.c.id, messages.c.ref).where(messages.c.dedupe_key == record.dedupe_key)
    ).first()
    if existing is not None:
        return int(existing.id), Filing(ref=existing.ref, duplicate=True)
    has_raw = connection.execute(
        select(raw_messages.c.sha256).where(raw_messages.c.sha256 == record.raw_sha256)
    ).first()
    if has_raw is None:
        connection.execute(
            insert(raw_messages).values(
                sha256=record.raw_sha256, size=len(record.raw), raw=record.raw
            )
        )
    number = connection.execute(
        update(counters)
        .where(counters.c.name == "ref")
        .values(value=counters.c.value + 1)
        .returning(counters.c.value)
    ).scalar_one()
    ref = f"{ref_prefix}-{number:04d}"
    pk = connection.execute(
        insert(messages)
        .values(
            ref=ref,
            dedupe_key=record.dedupe_key,
            raw_sha256=record.raw_sha256,
            size=len(record.raw),
            message_id=record.message_id,
            from_header=record.from_header,
            subject=record.subject,
            date_header=record.date_header,
            date_header_at=record.date_header_at,
            received_header_at=record.received_header_at,
            internaldate=record.internaldate,
            envelope_at=record.envelope_at,
            received_at=record.received_at,
            received_source=record.received_source,
            envelope_source=record.envelope_source,
            origin=record.origin,
            origin_detail=record.origin_detail,
            problems=record.problems_json,
            filed_at=datetime.now(UTC),
        )
        .returning(messages.c.id)
    ).scalar_one()
    return int(pk), Filing(ref=ref, duplicate=False)


def _location_ref(connection: Connection, place: MailboxPlace, uid: int) -> str | None:
    value = connection.execute(
        select(messages.c.ref)
        .join(imap_locations, imap_locations.c.message_pk == messages.c.id)
        .where(*_place_is(imap_locations, place), imap_locations.c.uid == uid)
    ).scalar()
    return None if value is None else str(value)


def _place_values(place: MailboxPlace) -> dict[str, object]:
    return {"account": place.account, "folder": place.folder, "uidvalidity": place.uidvalidity}


def _place_is(table: Any, place: MailboxPlace) -> tuple[Any, ...]:
    return (
        table.c.account == place.account,
        table.c.folder == place.folder,
        table.c.uidvalidity == place.uidvalidity,
    )


def _advance_checkpoint(
    connection: Connection, place: MailboxPlace, last_uid: int, now: datetime
) -> None:
    current = connection.execute(
        select(imap_checkpoints.c.last_uid).where(*_place_is(imap_checkpoints, place))
    ).scalar()
    if current is None:
        connection.execute(
            insert(imap_checkpoints).values(
                **_place_values(place),
                last_uid=last_uid,
                updated_at=now,
            )
        )
    elif last_uid > current:
        connection.execute(
            update(imap_checkpoints)
            .where(*_place_is(imap_checkpoints, place))
            .values(last_uid=last_uid, updated_at=now)
        )


def _record_failure(
    connection: Connection, place: MailboxPlace, uid: int, reason: str, now: datetime
) -> None:
    updated = connection.execute(
        update(imap_failures)
        .where(*_place_is(imap_failures, place), imap_failures.c.uid == uid)
        .values(error=reason, attempts=imap_failures.c.attempts + 1, last_failed_at=now)
    ).rowcount
    if not updated:
        connection.execute(
            insert(imap_failures).values(
                **_place_values(place),
                uid=uid,
                error=reason,
                attempts=1,
                first_failed_at=now,
                last_failed_at=now,
            )
        )


def _chunks(values: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _reason(exc: BaseException) -> str:
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
