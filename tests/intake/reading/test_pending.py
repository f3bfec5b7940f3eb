"""Reading what is filed, and storing it: one message that cannot be stored costs itself."""

from __future__ import annotations

from intake.reading.pending import read_pending
from intake.receiving.filing import build_record
from store import Store, StoreError
from tests.support.mail import nomination
from tests.support.settings import call_settings


class FlakyStore(Store):
    """A store that refuses to save the reading of one message, once."""

    refuse = "KCO-0001"

    def save_reading(self, ref, envelope, analysis):
        if ref == self.refuse:
            self.refuse = None
            raise StoreError("database write failed: a constraint refused the row")
        super().save_reading(ref, envelope, analysis)


def test_a_reading_that_cannot_be_stored_is_recorded_as_a_problem(tmp_path):
    settings = call_settings(tmp_path, parsing={"workers": 1})
    Store.open(settings.store.url).close()
    store = FlakyStore(Store.open(settings.store.url).engine)
    for number in (1, 2):
        record = build_record(nomination(number), origin="import", origin_detail=str(number))
        store.file_message(record, "KCO")

    report = read_pending(settings, store)

    assert report.read == ["KCO-0001", "KCO-0002"]
    assert report.attention == ["KCO-0001"]
    failed = store.get_analysis("KCO-0001")
    assert failed.failed and failed.judgement is None
    assert [p.code for p in failed.problems][-1] == "crashed"
    assert "storing what was read" in failed.problems[-1].detail
    other = store.get_analysis("KCO-0002")
    assert not other.failed and other.judgement.kind == "nomination"
    assert read_pending(settings, store).read == []  # both stored: nothing left to read
    store.close()


def test_a_reading_that_cannot_be_stored_keeps_the_header_facts_stored_before(tmp_path):
    settings = call_settings(tmp_path, parsing={"workers": 1})
    with Store.open(settings.store.url) as plain:
        record = build_record(nomination(1), origin="import", origin_detail="1")
        plain.file_message(record, "KCO")
        read_pending(settings, plain)
        before = plain.get_message("KCO-0001")
    store = FlakyStore(Store.open(settings.store.url).engine)

    report = read_pending(settings, store, ["KCO-0001"])

    assert report.attention == ["KCO-0001"]
    after = store.get_message("KCO-0001")
    assert after.subject == before.subject == "Voordracht koploper cliëntondersteuning nr. 1"
    assert (after.from_header, after.date_header_at) == (before.from_header, before.date_header_at)
    assert store.get_analysis("KCO-0001").failed
    store.close()
