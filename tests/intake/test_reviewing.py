"""What ``intake review`` keeps: the status a word names, who decides, a one-line note."""

from datetime import UTC, datetime

import pytest

from intake.errors import NotFound
from intake.receiving.filing import build_record
from intake.reviewing import one_line, record, reviewer, status_code
from store import Store
from tests.support.paths import MAIL


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("accepted", "accepted"),
        ("aanvaard", "accepted"),
        ("Aanvaard", "accepted"),
        ("afgewezen", "rejected"),
        ("REJECTED", "rejected"),
        ("needs-info", "needs-info"),
        ("needs_info", "needs-info"),
        ("needs information", "needs-info"),
        ("needs-information", "needs-info"),
        ("informatie nodig", "needs-info"),
        ("informatie-nodig", "needs-info"),
        (" info  nodig ", "needs-info"),
        ("dubbel", "duplicate"),
        ("duplicate", "duplicate"),
    ],
)
def test_a_status_is_named_by_its_code_or_its_name_in_either_language(typed, code):
    assert status_code(typed) == code


@pytest.mark.parametrize("typed", ["", "ok", "aanvaarden", "informatie", "current", "1"])
def test_a_word_that_names_no_status_names_none(typed):
    assert status_code(typed) is None


def test_a_note_is_kept_on_one_line():
    assert one_line("  Goed\r\nmaar\tkort \u2028 ") == "Goed maar kort"
    assert one_line("\x1b[31m rood") == "\x1b[31m rood"  # shown as a sign, never sent raw
    assert one_line(" \n ") == ""


def no_login():
    raise OSError("no login name")


def test_who_reviews_comes_from_by_then_the_environment_then_the_login():
    environ = {"INTAKE_REVIEWER": " Jan de Vries "}
    assert reviewer("Marieke", environ, login=lambda: "mbakker") == "Marieke"
    assert reviewer(None, environ, login=lambda: "mbakker") == "Jan de Vries"
    assert reviewer(None, {"INTAKE_REVIEWER": " "}, login=lambda: "mbakker") == "mbakker"
    assert reviewer(None, {}, login=lambda: "mbakker") == "mbakker"
    assert reviewer(None, {}, login=no_login) is None
    assert reviewer(None, {}, login=lambda: "") is None


def test_a_review_is_kept_now_in_utc_and_of_a_filed_message_only(tmp_path):
    with Store.open(f"sqlite:///{tmp_path / 'intake.sqlite3'}") as store:
        raw = (MAIL / "nomination-plain.eml").read_bytes()
        store.file_message(build_record(raw, origin="import", origin_detail="a.eml"), "KCO")
        before = datetime.now(UTC).replace(microsecond=0)
        kept = record(store, "KCO-0001", "accepted", by="Marieke", note="Sterk")
        assert kept.at.tzinfo is UTC and kept.at.microsecond == 0
        assert before <= kept.at <= datetime.now(UTC)
        (stored,) = store.reviews()["KCO-0001"]
        assert (stored.status, stored.note, stored.reviewer, stored.reviewed_at) == (
            "accepted",
            "Sterk",
            "Marieke",
            kept.at,
        )
        with pytest.raises(NotFound):
            record(store, "KCO-0002", "accepted", by="Marieke")
        with pytest.raises(ValueError, match="unknown review status"):
            record(store, "KCO-0001", "maybe", by="Marieke")
        assert len(store.reviews()["KCO-0001"]) == 1
