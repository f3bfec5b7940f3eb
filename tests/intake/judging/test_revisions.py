from datetime import UTC, datetime, timedelta

from intake.judging.revisions import (
    CURRENT,
    DUPLICATE,
    LATE_REVISION,
    SUPERSEDED,
    Submission,
    standings,
)

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
    substantive=True,
):
    return Submission(
        ref=ref,
        received_at=T0 + timedelta(minutes=minutes),
        on_time=on_time,
        is_nomination=nomination,
        sender=sender,
        nominees=frozenset(nominees),
        content_key=content or f"content-{ref}",
        substantive=substantive,
    )


def test_a_later_on_time_version_supersedes_the_earlier():
    result = standings([sub("A", 0), sub("B", 30)])
    assert (result["A"].status, result["A"].superseded_by) == (SUPERSEDED, "B")
    assert (result["B"].status, result["B"].supersedes) == (CURRENT, "A")


def test_chains_follow_receipt_time_not_filing_order():
    result = standings([sub("B", 30), sub("A", 0), sub("C", 60)])
    assert result["A"].superseded_by == "B" and result["B"].superseded_by == "C"
    assert result["C"].status == CURRENT


def test_a_late_revision_never_supersedes_an_on_time_version():
    result = standings([sub("A", 0), sub("L", 400, on_time=False)])
    assert result["A"].status == CURRENT and result["A"].superseded_by is None
    assert (result["L"].status, result["L"].reason) == (LATE_REVISION, "late-revision-of")
    assert result["L"].late_revision_of == "A" and result["L"].supersedes is None


def test_identical_content_resent_is_a_duplicate():
    result = standings([sub("A", 0, content="same"), sub("B", 5, content="same")])
    assert (result["B"].status, result["B"].duplicate_of) == (DUPLICATE, "A")
    assert result["A"].status == CURRENT and result["A"].duplicates == ["B"]


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
    assert result["B"].status == CURRENT and result["C"].status == CURRENT


def test_auto_replies_and_unknown_nominees_take_no_part():
    result = standings(
        [
            sub("A", 0, nominees=()),
            sub("B", 5, nominees=()),
            sub("R", 6, nomination=False, content="content-A"),
        ]
    )
    assert result["A"].status == CURRENT and result["A"].reason == "no-nominee"
    assert result["B"].status == CURRENT
    assert (result["R"].status, result["R"].reason) == (None, None)  # not a nomination


def test_every_standing_says_why():
    result = standings([sub("A", 0), sub("B", 30), sub("C", 40, content="content-B")])
    assert (result["A"].reason, result["A"].reason_ref) == ("superseded-by", "B")
    assert (result["B"].reason, result["B"].reason_ref) == ("supersedes", "A")
    assert (result["C"].reason, result["C"].reason_ref) == ("duplicate-of", "B")
    assert standings([sub("X", 0)])["X"].reason == "first"


def test_a_mail_without_substance_replaces_nothing_and_goes_with_what_replaces_it():
    # 1. the nomination; 2. "and here is the attachment I forgot?" (no substance);
    # 3. the corrected document.
    result = standings([sub("A", 0), sub("B", 10, substantive=False), sub("C", 20)])
    assert result["C"].supersedes == "A"
    assert (result["A"].status, result["A"].superseded_by) == (SUPERSEDED, "C")
    assert (result["B"].status, result["B"].superseded_by) == (SUPERSEDED, "C")
    only_thin = standings([sub("A", 0), sub("B", 10, substantive=False)])
    assert only_thin["A"].status == CURRENT and only_thin["B"].status == CURRENT
    assert (only_thin["B"].reason, only_thin["B"].reason_ref) == ("not-substantive", "A")


def test_a_first_version_without_substance_is_replaced_by_the_resend_with_it():
    result = standings([sub("A", 0, substantive=False), sub("B", 10)])
    assert (result["A"].status, result["B"].supersedes) == (SUPERSEDED, "A")


def test_two_nominees_from_one_sender_and_one_nominee_from_two_senders_all_stand():
    result = standings(
        [
            sub("A", 0, nominees=("GM0355",)),
            sub("B", 10, nominees=("GM0344",)),
            sub("C", 20, sender="raad@example.nl", nominees=("GM0355",)),
        ]
    )
    assert all(s.status == CURRENT for s in result.values())


def test_a_joint_nomination_replaces_the_version_that_named_one_of_its_nominees():
    result = standings(
        [
            sub("A", 0, nominees=("GM0312", "GM0321")),
            sub("B", 10, nominees=("GM0312", "GM0321", "GM0352")),
        ]
    )
    assert result["A"].superseded_by == "B" and result["B"].supersedes == "A"


def test_an_earlier_nomination_forwarded_again_with_a_note_is_a_duplicate():
    first = sub("A", 0, content="text-a")
    forwarded = Submission(
        ref="B",
        received_at=T0 + timedelta(minutes=90),
        on_time=True,
        is_nomination=True,
        sender="wmo@zeist.nl",
        nominees=frozenset({"GM0355"}),
        content_key="note-and-text-a",
        forwarded_key="text-a",
    )
    result = standings([first, forwarded])
    assert (result["B"].status, result["B"].duplicate_of) == (DUPLICATE, "A")
    assert result["A"].status == CURRENT
