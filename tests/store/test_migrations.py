import shutil
from datetime import UTC, datetime

from sqlalchemy import create_engine, inspect

from store import ReviewRecord, Store
from store.migrations import LATEST
from tests.support.paths import DATA

STORE_DATA = DATA / "store"
MOMENT = datetime(2017, 6, 2, 8, 12, tzinfo=UTC)


def schema_of(url):
    engine = create_engine(url)
    try:
        inspector = inspect(engine)
        return {
            table: (
                sorted(
                    (c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns(table)
                ),
                sorted(tuple(i["column_names"]) for i in inspector.get_indexes(table)),
            )
            for table in inspector.get_table_names()
        }
    finally:
        engine.dispose()


def test_a_version_1_database_is_migrated_to_the_fresh_schema(tmp_path):
    # schema-v1.sqlite3 was written by intake with schema version 1 and one filed message.
    old = tmp_path / "old.sqlite3"
    shutil.copy(STORE_DATA / "schema-v1.sqlite3", old)
    with Store.open(f"sqlite:///{old}") as store:
        assert [m.ref for m in store.list_messages()] == ["KCO-0001"]
        assert store.refs_to_analyse(1) == ["KCO-0001"]
        assert store.raw_message("KCO-0001").startswith(b"Return-Path:")
    fresh = tmp_path / "fresh.sqlite3"
    Store.open(f"sqlite:///{fresh}").close()
    assert schema_of(f"sqlite:///{old}") == schema_of(f"sqlite:///{fresh}")
    with Store.open(f"sqlite:///{old}") as store, store.engine.connect() as connection:
        versions = connection.exec_driver_sql("SELECT version FROM schema_migrations").scalars()
        assert sorted(versions) == list(range(1, LATEST + 1))


def test_a_version_4_database_gets_a_table_for_reviews_and_keeps_its_mail(tmp_path):
    # schema-v4.sqlite3 was written by intake with schema version 4: two messages
    # imported, read and judged (a nomination and a question about another one).
    old = tmp_path / "old.sqlite3"
    shutil.copy(STORE_DATA / "schema-v4.sqlite3", old)
    url = f"sqlite:///{old}"
    with Store.open(url) as store:
        assert [m.ref for m in store.list_messages()] == ["KCO-0001", "KCO-0002"]
        assert store.get_analysis("KCO-0001").judgement.kind == "nomination"
        assert store.reviews() == {}
        store.add_review(ReviewRecord("KCO-0001", "accepted", None, "Marieke Bakker", MOMENT))
    fresh = tmp_path / "fresh.sqlite3"
    Store.open(f"sqlite:///{fresh}").close()
    assert schema_of(url) == schema_of(f"sqlite:///{fresh}")
    with Store.open(url) as store:
        assert store.reviews() == {
            "KCO-0001": [ReviewRecord("KCO-0001", "accepted", None, "Marieke Bakker", MOMENT)]
        }


def test_reviews_written_at_version_5_survive_every_later_migration(tmp_path):
    # schema-v5-reviews.sqlite3 was written by intake with schema version 5: the two
    # messages above, and three reviews (one message reviewed twice: the history).
    old = tmp_path / "old.sqlite3"
    shutil.copy(STORE_DATA / "schema-v5-reviews.sqlite3", old)
    with Store.open(f"sqlite:///{old}") as store:
        assert store.schema_version() == LATEST
        assert store.reviews() == {
            "KCO-0001": [
                ReviewRecord(
                    "KCO-0001",
                    "needs-info",
                    "Welke gemeente draagt voor? Graag bevestigen.",
                    "Marieke Bakker",
                    datetime(2017, 6, 2, 8, 12, tzinfo=UTC),
                ),
                ReviewRecord(
                    "KCO-0001",
                    "accepted",
                    "Bevestigd per telefoon; Heemstede is de voorgedragen gemeente.",
                    "Marieke Bakker",
                    datetime(2017, 6, 2, 13, 40, tzinfo=UTC),
                ),
            ],
            "KCO-0002": [
                ReviewRecord(
                    "KCO-0002", "duplicate", None, "jvdberg", datetime(2017, 6, 2, 9, 5, tzinfo=UTC)
                )
            ],
        }
    fresh = tmp_path / "fresh.sqlite3"
    Store.open(f"sqlite:///{fresh}").close()
    assert schema_of(f"sqlite:///{old}") == schema_of(f"sqlite:///{fresh}")
