import shutil

from sqlalchemy import create_engine, inspect

from store import Store
from store.migrations import LATEST
from tests.support.paths import DATA

STORE_DATA = DATA / "store"


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
