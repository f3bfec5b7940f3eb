"""The store: one object over a SQLAlchemy engine, SQLite by default.

The :class:`Store` is the facade the application uses; each concern lives in a module
of its own (:mod:`store.filing`, :mod:`store.imap`, :mod:`store.messages`,
:mod:`store.analyses`), on a connection the facade opens in one transaction.

Opened for writing, the store brings its schema up to date first (each migration in its
transaction), creating the database if need be.  Opened for reading only
(``write=False``), it never writes, never takes the write lock and never waits behind a
writer: a database that still needs migrating is refused with
:class:`~store.engine.SchemaOutdated`, and one that does not exist yet with
:class:`~store.engine.NoStoreYet`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy import exc as sa_exc

from store import analyses, filing, imap, kept, migrations
from store import messages as message_rows
from store.engine import (
    NoStoreYet,
    SchemaOutdated,
    StoreError,
    create,
    missing_file,
    parse_url,
    reading,
    reason,
    writing,
)
from store.records import (
    AnalysisRecord,
    DigestRecord,
    EnvelopeUpdate,
    FailedUid,
    Filing,
    MailboxPlace,
    MessageRecord,
    ReviewRecord,
    StoredMessage,
)

log = logging.getLogger(__name__)


class Store:
    """Filed messages, their raw bytes, what was derived from them, and the IMAP checkpoints."""

    def __init__(self, engine: Engine):
        self.engine = engine

    @classmethod
    def open(cls, url: str, *, write: bool = True) -> Store:
        """Open the database at ``url`` (creating it if new); migrate it if ``write``."""
        parsed = parse_url(url)
        missing = missing_file(parsed)
        if missing is not None and not write:
            _must_be_creatable(Path(missing))
            raise NoStoreYet(f"there is no database at {missing} yet: nothing has been filed")
        store = cls(create(parsed))
        try:
            with reading(store.engine) as connection:
                version = migrations.current_version(connection)
            if version > migrations.LATEST:
                raise StoreError(
                    f"the database has schema version {version}; "
                    f"this intake knows up to {migrations.LATEST}"
                )
            if version == 0 and not write:
                raise NoStoreYet(f"the database {parsed!r} holds no store yet: nothing is filed")
            if version < migrations.LATEST and write:
                store.migrate()
            elif version < migrations.LATEST:
                raise SchemaOutdated(
                    f"the database has schema version {version} and needs migrating to "
                    f"{migrations.LATEST}: run `intake migrate` (or any command that files "
                    "or reads mail)"
                )
        except StoreError:
            store.close()
            raise
        except (sa_exc.SQLAlchemyError, ValueError) as exc:  # ValueError: a NUL in the path
            store.close()
            raise StoreError(f"cannot open the database {parsed!r}: {reason(exc)}") from exc
        return store

    def migrate(self) -> list[int]:
        """Bring the schema up to date; the versions applied (none when it was)."""
        try:
            with writing(self.engine) as connection:
                applied = migrations.upgrade(connection)
        except migrations.SchemaTooNew as exc:
            raise StoreError(str(exc)) from exc
        if applied:
            log.info("store schema migrated to version %s", applied[-1])
        return applied

    def schema_version(self) -> int:
        with reading(self.engine) as connection:
            return migrations.current_version(connection)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- filing ---------------------------------------------------------------------------

    def file_message(self, record: MessageRecord, ref_prefix: str) -> Filing:
        """File one message (backfill) in its own transaction."""
        with writing(self.engine) as connection:
            return filing.file_message(connection, record, ref_prefix)

    def file_imap_batch(
        self,
        place: MailboxPlace,
        items: Sequence[tuple[int, MessageRecord]],
        last_uid: int,
        ref_prefix: str,
    ) -> dict[int, Filing | str]:
        """File a batch fetched from one folder and advance its checkpoint, atomically."""
        with writing(self.engine) as connection:
            return filing.file_imap_batch(connection, place, items, last_uid, ref_prefix)

    # -- IMAP bookkeeping -----------------------------------------------------------------

    def record_failure(self, place: MailboxPlace, uid: int, why: str) -> None:
        """Record that a UID could not be fetched or filed, to retry on the next poll."""
        with writing(self.engine) as connection:
            imap.record_failure(connection, place, uid, why, datetime.now(UTC))

    def checkpoint(self, place: MailboxPlace) -> int | None:
        with reading(self.engine) as connection:
            return imap.checkpoint(connection, place)

    def has_other_uidvalidity(self, place: MailboxPlace) -> bool:
        with reading(self.engine) as connection:
            return imap.has_other_uidvalidity(connection, place)

    def unmarked_uids(self, place: MailboxPlace) -> list[int]:
        with reading(self.engine) as connection:
            return imap.unmarked_uids(connection, place)

    def mark_uids(self, place: MailboxPlace, uids: Sequence[int]) -> None:
        if uids:
            with writing(self.engine) as connection:
                imap.mark_uids(connection, place, uids)

    def failures(self, place: MailboxPlace) -> list[FailedUid]:
        with reading(self.engine) as connection:
            return imap.failures(connection, place)

    def locations(self, ref: str) -> list[tuple[MailboxPlace, int, bool]]:
        with reading(self.engine) as connection:
            return imap.locations(connection, ref)

    # -- messages -------------------------------------------------------------------------

    def list_messages(self) -> list[StoredMessage]:
        with reading(self.engine) as connection:
            return message_rows.list_messages(connection)

    def get_message(self, ref: str) -> StoredMessage | None:
        with reading(self.engine) as connection:
            return message_rows.get_message(connection, ref)

    def raw_message(self, ref: str) -> bytes | None:
        with reading(self.engine) as connection:
            return message_rows.raw_message(connection, ref)

    def count_messages(self) -> int:
        with reading(self.engine) as connection:
            return message_rows.count_messages(connection)

    def refs_to_analyse(self, version: int) -> list[str]:
        with reading(self.engine) as connection:
            return message_rows.refs_to_analyse(connection, version)

    def all_refs(self) -> list[str]:
        with reading(self.engine) as connection:
            return message_rows.all_refs(connection)

    # -- derived data ---------------------------------------------------------------------

    def save_reading(
        self, ref: str, envelope: EnvelopeUpdate | None, analysis: AnalysisRecord
    ) -> None:
        """Store what was read and judged of one message, its header facts included (None:
        keep those stored), in one transaction."""
        with writing(self.engine) as connection:
            pk = message_rows.message_pk(connection, ref)
            if pk is None:
                raise StoreError(f"no message {ref}")
            if envelope is not None:
                message_rows.update_envelope(connection, pk, envelope)
            analyses.save(connection, pk, analysis)

    def analyses(
        self, refs: Sequence[str] | None = None, *, texts: bool = False
    ) -> dict[str, AnalysisRecord]:
        """The stored analyses by reference (of ``refs``, or of every message), with the
        texts only when asked for."""
        with reading(self.engine) as connection:
            return analyses.load(connection, refs, texts=texts)

    def get_analysis(self, ref: str, *, texts: bool = False) -> AnalysisRecord | None:
        return self.analyses([ref], texts=texts).get(ref)

    # -- what people decided and what was sent to them -----------------------------------

    def add_review(self, review: ReviewRecord) -> None:
        """Record a person's decision on a message (:class:`~store.kept.UnknownMessage`
        when its reference names none)."""
        with writing(self.engine) as connection:
            kept.add_review(connection, review)

    def reviews(self, refs: Sequence[str] | None = None) -> dict[str, list[ReviewRecord]]:
        """Each message's reviews (of ``refs``, or of every message), oldest first."""
        with reading(self.engine) as connection:
            return kept.load_reviews(connection, refs)

    def start_digest(
        self,
        *,
        channel: str,
        final: bool,
        destination: str,
        subject: str,
        covered: Sequence[str],
        made_at: datetime | None = None,
    ) -> int:
        """Record a digest about to be delivered, with the messages it covers; its id."""
        with writing(self.engine) as connection:
            return kept.start_digest(
                connection,
                channel=channel,
                final=final,
                made_at=made_at or datetime.now(UTC),
                destination=destination,
                subject=subject,
                covered=covered,
            )

    def digest_attempted(
        self,
        digest_id: int,
        *,
        attempts: int,
        delivered_at: datetime | None = None,
        message_id: str | None = None,
        error: str | None = None,
    ) -> None:
        """Record how delivering a digest went: delivered (``delivered_at``) or not yet."""
        with writing(self.engine) as connection:
            kept.digest_attempted(
                connection,
                digest_id,
                attempts=attempts,
                delivered_at=delivered_at,
                message_id=message_id,
                error=error,
            )

    def last_delivered_digest(self, channel: str) -> DigestRecord | None:
        with reading(self.engine) as connection:
            return kept.last_delivered(connection, channel)


def _must_be_creatable(path: Path) -> None:
    """Refuse a database path that writing could never create (a file where a folder is)."""
    for folder in path.parents:
        if folder.exists():
            if not folder.is_dir():
                raise StoreError(f"cannot create the database {path}: {folder} is not a folder")
            return


__all__ = ["NoStoreYet", "SchemaOutdated", "Store", "StoreError"]
