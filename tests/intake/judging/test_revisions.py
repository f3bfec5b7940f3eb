from datetime import UTC, datetime, timedelta

from intake.judging.revisions import DUPLICATE, NEW, SUPERSEDED, Submission, standings

T0 = datetime(2017, 6, 1, 12, 0, tzinfo=UTC)


def sub(
    ref,
    minutes,
    *,
    on_time=True,
    sender="wmo@zeist.nl",
    nominees=("GM0355",),
    content=None,
    nomination=True,
):
    return Submission(
        ref=ref,
        received_at=T0 + timedelta(minutes=minutes),
        on_time=on_time,
        is_nomination=nomination,
        sender=sender,
        nominees=frozenset(nominees),
        content_key=content or f"content-{ref}",
    )


def test_a_later_on_time_version_supersedes_the_earlier():
    result = standings([sub("A", 0), sub("B", 30)])
    assert (result["A"].status, result["A"].superseded_by) == (SUPERSEDED, "B")
    assert (result["B"].status, result["B"].supersedes) == (NEW, "A")


def test_chains_follow_receipt_time_not_filing_order():
    result = standings([sub("B", 30), sub("A", 0), sub("C", 60)])
    assert result["A"].superseded_by == "B" and result["B"].superseded_by == "C"
    assert result["C"].status == NEW


def test_a_late_revision_never_supersedes_an_on_time_version():
    result = standings([sub("A", 0), sub("L", 400, on_time=False)])
    assert result["A"].status == NEW and result["A"].superseded_by is None
    assert result["L"].late_revision_of == "A" and result["L"].supersedes is None


def test_identical_content_resent_is_a_duplicate():
    result = standings([sub("A", 0, content="same"), sub("B", 5, content="same")])
    assert (result["B"].status, result["B"].duplicate_of) == (DUPLICATE, "A")
    assert result["A"].status == NEW and result["A"].duplicates == ["B"]


def test_other_sender_or_other_nominee_is_another_nomination():
    result = standings(
        [
            sub("A", 0),
            sub("B", 5, sender="raad@zeist.nl"),
            sub("C", 10, nominees=("GM0344",)),
            sub("D", 15, sender="WMO@Zeist.nl"),
        ]
    )
    assert result["A"].superseded_by == "D"  # addresses compare without case
    assert result["B"].status == NEW and result["C"].status == NEW


def test_auto_replies_and_unknown_nominees_take_no_part():
    result = standings(
        [
            sub("A", 0, nominees=()),
            sub("B", 5, nominees=()),
            sub("R", 6, nomination=False, content="content-A"),
        ]
    )
    assert all(s.status == NEW for s in result.values())
