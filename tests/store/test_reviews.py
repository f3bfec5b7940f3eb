"""Reviews are kept apart from what is derived: a history per message, never rebuilt."""

from datetime import UTC, datetime, timedelta

import pytest

from intake.receiving.filing import build_record
from store import AnalysisRecord, ReviewRecord, Store, TextsRecord, UnknownMessage
from tests.support.paths import MAIL

MORNING = datetime(2017, 6, 2, 8, 12, tzinfo=UTC)


@pytest.fixture
def store(tmp_path):
    with Store.open(f"sqlite:///{tmp_path / 'intake.sqlite3'}") as opened:
        raw = (MAIL / "nomination-plain.eml").read_bytes()
        opened.file_message(build_record(raw, origin="import", origin_detail="a.eml"), "KCO")
        raw = (MAIL / "late-by-one-second.eml").read_bytes()
        opened.file_message(build_record(raw, origin="import", origin_detail="b.eml"), "KCO")
        yield opened


def review(ref, status, at, by="Marieke Bakker", note=None):
    return ReviewRecord(ref=ref, status=status, note=note, reviewer=by, reviewed_at=at)


def test_a_review_of_a_reference_that_names_no_message_is_refused(store):
    with pytest.raises(UnknownMessage):
        store.add_review(review("KCO-0099", "accepted", MORNING))
    assert store.reviews() == {}


def test_the_history_comes_back_oldest_first_per_message(store):
    later = MORNING + timedelta(hours=2)
    store.add_review(review("KCO-0001", "accepted", later, note="Sterk"))
    store.add_review(review("KCO-0002", "rejected", MORNING))
    store.add_review(review("KCO-0001", "needs-info", MORNING, by="Jan"))
    store.add_review(review("KCO-0001", "rejected", later, by="Piet"))  # same moment: in order
    assert [(r.status, r.reviewer) for r in store.reviews()["KCO-0001"]] == [
        ("needs-info", "Jan"),
        ("accepted", "Marieke Bakker"),
        ("rejected", "Piet"),
    ]
    assert store.reviews(["KCO-0002"]) == {"KCO-0002": [review("KCO-0002", "rejected", MORNING)]}
    assert store.reviews()["KCO-0001"][1].reviewed_at == later  # aware, UTC


def test_reading_a_message_again_leaves_its_reviews(store):
    store.add_review(review("KCO-0001", "accepted", MORNING, note="Sterk"))
    before = store.reviews()
    for version in (1, 2):
        store.save_reading(
            "KCO-0001",
            None,
            AnalysisRecord(
                version=version,
                analysed_at=MORNING + timedelta(days=version),
                failed=False,
                body_source="text/plain",
                document_position=None,
                pages=1,
                pages_source="estimated",
                page_width_mm=None,
                page_height_mm=None,
                words=100,
                texts=TextsRecord("Wij dragen Zeist voor.", "", ""),
            ),
        )
    assert store.reviews() == before
