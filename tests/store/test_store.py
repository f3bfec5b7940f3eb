import shutil
import sqlite3
import time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text

from intake.receiving.filing import build_record
from store import (
    AnalysisRecord,
    AttachmentRecord,
    CriterionRecord,
    EnvelopeUpdate,
    JudgementRecord,
    MailboxPlace,
    NomineeRecord,
    NoStoreYet,
    ProblemRecord,
    SchemaOutdated,
    Store,
    StoreError,
    TextsRecord,
)
from store.migrations import LATEST
from tests.support.paths import DATA, MAIL

PLACE = MailboxPlace("user@host:993", "INBOX", 1234)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def store(tmp_path):
    with Store.open(f"sqlite:///{tmp_path / 'db' / 'intake.sqlite3'}") as opened:
        yield opened


def record(name="nomination-plain.eml", **kwargs):
    raw = (MAIL / name).read_bytes()
    return build_record(raw, origin="import", origin_detail=name, **kwargs)


def test_open_creates_the_database_with_wal_and_foreign_keys(tmp_path):
    path = tmp_path / "new" / "intake.sqlite3"
    with Store.open(f"sqlite:///{path}") as store, store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        versions = connection.execute(text("SELECT version FROM schema_migrations")).scalars()
        assert max(versions) == LATEST
    assert path.exists()


def test_reopening_applies_no_migration_twice(tmp_path):
    url = f"sqlite:///{tmp_path / 'intake.sqlite3'}"
    Store.open(url).close()
    with Store.open(url) as store, store.engine.connect() as connection:
        count = connection.execute(text("SELECT count(*) FROM schema_migrations")).scalar()
        assert count == LATEST


def test_a_newer_schema_is_refused(tmp_path):
    url = f"sqlite:///{tmp_path / 'intake.sqlite3'}"
    with Store.open(url) as store, store.engine.begin() as connection:
        connection.execute(
            text("INSERT INTO schema_migrations VALUES (999, 'future', '2030-01-01 00:00:00')")
        )
    with pytest.raises(StoreError, match="schema version 999"):
        Store.open(url)


def test_unusable_url_is_a_store_error(tmp_path):
    with pytest.raises(StoreError):
        Store.open("nosuchdb://x/y")
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(StoreError, match="cannot create the database folder"):
        Store.open(f"sqlite:///{blocker / 'sub' / 'db.sqlite3'}")


def test_raw_bytes_are_kept_verbatim(store):
    rec = record(internaldate=datetime(2017, 6, 1, 16, 59, 59, tzinfo=AMSTERDAM))
    filing = store.file_message(rec, "KCO")
    assert filing.ref == "KCO-0001" and not filing.duplicate
    assert store.raw_message("KCO-0001") == (MAIL / "nomination-plain.eml").read_bytes()
    stored = store.get_message("KCO-0001")
    assert stored.raw_sha256 == rec.raw_sha256
    assert stored.message_id == "<20170601145940.12345@mail.gemeente-voorbeeld.nl>"
    assert stored.received_at == datetime(2017, 6, 1, 14, 59, 59, tzinfo=UTC)
    assert stored.received_at.tzinfo is UTC


def test_same_message_twice_is_filed_once(store):
    assert not store.file_message(record(), "KCO").duplicate
    again = store.file_message(record(), "KCO")
    assert again == type(again)(ref="KCO-0001", duplicate=True)
    assert store.count_messages() == 1


def test_references_count_up_without_gaps(store):
    names = ["nomination-plain.eml", "late-by-one-second.eml", "no-times-at-all.eml"]
    refs = [store.file_message(record(n), "KCO").ref for n in names]
    assert refs == ["KCO-0001", "KCO-0002", "KCO-0003"]


def test_imap_batch_files_and_advances_checkpoint_atomically(store):
    assert store.checkpoint(PLACE) is None
    items = [(7, record()), (9, record("late-by-one-second.eml"))]
    outcome = store.file_imap_batch(PLACE, items, last_uid=9, ref_prefix="KCO")
    assert [f.ref for f in outcome.values()] == ["KCO-0001", "KCO-0002"]
    assert store.checkpoint(PLACE) == 9
    assert store.unmarked_uids(PLACE) == [7, 9]
    store.mark_uids(PLACE, [7])
    assert store.unmarked_uids(PLACE) == [9]
    # The checkpoint never goes backwards.
    store.file_imap_batch(PLACE, [], last_uid=3, ref_prefix="KCO")
    assert store.checkpoint(PLACE) == 9


def test_a_uid_that_cannot_be_filed_is_recorded_and_the_rest_filed(store, monkeypatch):
    bad = record("late-by-one-second.eml")
    # A message the database refuses: its raw bytes reference no archive row.
    from dataclasses import replace

    broken = replace(bad, raw_sha256=None)
    outcome = store.file_imap_batch(PLACE, [(1, record()), (2, broken)], 2, "KCO")
    assert outcome[1].ref == "KCO-0001"
    assert isinstance(outcome[2], str)
    failures = store.failures(PLACE)
    assert [(f.uid, f.attempts) for f in failures] == [(2, 1)]
    assert store.checkpoint(PLACE) == 2
    # Filed on a later try, the failure is cleared; the reference has no gap.
    outcome = store.file_imap_batch(PLACE, [(2, bad)], 2, "KCO")
    assert outcome[2].ref == "KCO-0002"
    assert store.failures(PLACE) == []


def test_uidvalidity_change_is_noticed(store):
    store.file_imap_batch(PLACE, [(1, record())], 1, "KCO")
    other = MailboxPlace(PLACE.account, PLACE.folder, PLACE.uidvalidity + 1)
    assert store.has_other_uidvalidity(other)
    assert not store.has_other_uidvalidity(PLACE)
    outcome = store.file_imap_batch(other, [(1, record())], 1, "KCO")
    assert outcome[1].duplicate
    assert store.count_messages() == 1
    assert [(p.uidvalidity, uid) for p, uid, _ in store.locations("KCO-0001")] == [
        (PLACE.uidvalidity, 1),
        (other.uidvalidity, 1),
    ]


def test_reading_never_waits_for_a_writer(tmp_path):
    path = tmp_path / "intake.sqlite3"
    with Store.open(f"sqlite:///{path}") as writer:
        writer.file_message(record(), "KCO")
    other = sqlite3.connect(path, isolation_level=None)  # a poll, or a migration, writing
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE counters SET value = value + 1")
        started = time.monotonic()
        with Store.open(f"sqlite:///{path}", write=False) as reader:
            assert [m.ref for m in reader.list_messages()] == ["KCO-0001"]
        assert time.monotonic() - started < 15  # a hang guard: waiting would take 30 s
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_an_outdated_schema_is_migrated_for_writing_and_refused_for_reading(tmp_path):
    old = tmp_path / "old.sqlite3"
    shutil.copy(DATA / "store" / "schema-v1.sqlite3", old)
    url = f"sqlite:///{old}"
    with pytest.raises(SchemaOutdated, match="intake migrate"):
        Store.open(url, write=False)
    with Store.open(url) as store:
        assert store.schema_version() == LATEST
    with Store.open(url, write=False) as store:
        assert [m.ref for m in store.list_messages()] == ["KCO-0001"]


def test_reading_creates_no_database(tmp_path):
    path = tmp_path / "new.sqlite3"
    with pytest.raises(NoStoreYet, match="nothing has been filed"):
        Store.open(f"sqlite:///{path}", write=False)
    assert not path.exists()
    path.touch()  # an empty file, as a mistyped path to another database could be
    with pytest.raises(NoStoreYet):
        Store.open(f"sqlite:///{path}", write=False)
    with Store.open(f"sqlite:///{path}") as store:
        assert store.list_messages() == [] and store.schema_version() == LATEST


def test_what_was_read_comes_back_as_typed_values(store):
    store.file_message(record(), "KCO")
    analysis = AnalysisRecord(
        version=3,
        analysed_at=datetime(2017, 6, 1, 15, 0, tzinfo=UTC),
        failed=False,
        body_source="text/plain",
        document_position=0,
        pages=1,
        pages_source="counted",
        page_width_mm=210.0,
        page_height_mm=297.0,
        words=321,
        problems=(ProblemRecord("charset", "replaced 1 character"),),
        attachments=(
            AttachmentRecord(
                position=0,
                parent_position=None,
                depth=1,
                filename="voordracht.pdf",
                content_type="application/pdf",
                kind="pdf",
                size=1000,
                sha256="a" * 64,
                inline=False,
                pages=1,
                pages_source="counted",
                page_width_mm=210.0,
                page_height_mm=297.0,
                image_only=False,
                text_chars=2000,
                words=321,
                problems=(ProblemRecord("not-a4", "x"),),
                text="De tekst.",
            ),
        ),
        judgement=JudgementRecord(
            kind="nomination",
            kind_reason="no automatic-mail markers",
            sender_address="wmo@utrecht.nl",
            sender_name="Wmo",
            sender_organisation="Gemeente Utrecht",
            sender_code="GM0344",
            sender_municipality="Utrecht",
            sender_reason="sender-domain",
            sender_confidence=0.9,
            sender_authenticated=True,
            sender_authentication="dmarc=pass",
            meets_min_criteria=True,
            content_key="c" * 64,
            nominees=(
                NomineeRecord("GM0355", "Zeist", "nomination-phrase", 0.9, "de gemeente Zeist"),
            ),
            criteria=(
                CriterionRecord(
                    "agenda", "Op de agenda", True, ("Zin één.", "Zin twee."), ("agenda",)
                ),
                CriterionRecord("samenwerking", "Samen", False),
            ),
        ),
        texts=TextsRecord("body", "own", "own\n\nDe tekst."),
    )
    envelope = EnvelopeUpdate(
        message_id="<x@y>",
        from_header="Wmo <wmo@utrecht.nl>",
        subject="Voordracht",
        date_header=None,
        date_header_at=None,
        received_header_at=None,
        received_at=datetime(2017, 6, 1, 14, 59, tzinfo=UTC),
        received_source="received-header",
    )
    store.save_reading("KCO-0001", envelope, analysis)
    assert store.get_analysis("KCO-0001", texts=True) == analysis
    without_texts = store.get_analysis("KCO-0001")
    assert without_texts.texts is None and without_texts.attachments[0].text is None
    assert store.get_message("KCO-0001").subject == "Voordracht"
    store.save_reading("KCO-0001", envelope, analysis)  # reading again replaces, never adds
    assert store.get_analysis("KCO-0001", texts=True) == analysis
