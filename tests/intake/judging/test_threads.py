"""Which nomination a piece of correspondence concerns: by thread, else by sender."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from intake.judging.threads import Message, concerns

T0 = datetime(2017, 5, 20, 12, tzinfo=UTC)


def mail(
    ref, minutes, kind="nomination", *, sender="wmo@zeist.nl", nominees=(), refs=(), counts=True
):
    return Message(
        ref=ref,
        message_id=f"<{ref}@x>",
        received_at=T0 + timedelta(minutes=minutes),
        kind=kind,
        sender=sender,
        nominees=frozenset(nominees),
        references=tuple(f"<{r}@x>" for r in refs),
        counts=counts,
    )


def linked(*messages):
    return concerns(messages, nomination="nomination", correspondence="correspondence")


def test_a_reply_concerns_the_nomination_it_replies_to_even_from_another_address():
    found = linked(mail("N", 0), mail("Q", 10, "correspondence", sender="x@y.nl", refs=("N",)))
    assert found == {"Q": "N"}


def test_a_reply_to_a_reply_follows_the_thread():
    found = linked(
        mail("N", 0),
        mail("Q", 10, "correspondence", refs=("N",)),
        mail("T", 20, "correspondence", sender="z@z.nl", refs=("Q",)),
    )
    assert found == {"Q": "N", "T": "N"}


def test_without_a_thread_the_sender_s_nomination_that_counts():
    found = linked(
        mail("OLD", 0, counts=False),
        mail("NEW", 5),
        mail("Q", 10, "correspondence", sender="WMO@zeist.nl"),
    )
    assert found == {"Q": "NEW"}


def test_a_sender_with_two_nominations_the_one_the_mail_names():
    found = linked(
        mail("A", 0, nominees=("GM0355",)),
        mail("B", 5, nominees=("GM0344",)),
        mail("Q", 10, "correspondence", nominees=("GM0355",)),
    )
    assert found == {"Q": "A"}


def test_a_question_from_someone_who_nominated_nothing_concerns_none():
    assert linked(mail("N", 0), mail("Q", 10, "correspondence", sender="other@x.nl")) == {}


def test_a_cover_note_whose_document_was_forgotten_concerns_the_resend_after_it():
    note = Message(
        ref="C",
        message_id="<C@x>",
        received_at=T0,
        kind="correspondence",
        sender="raad@deventer.nl",
        nominees=frozenset(),
        references=(),
        cover_note=True,
    )
    resend = mail("R", 30, sender="raad@deventer.nl", refs=("C",))
    assert linked(note, resend) == {"C": "R"}


def test_a_question_before_the_sender_nominated_concerns_none():
    assert linked(mail("Q", 0, "correspondence"), mail("N", 60)) == {}


def test_a_council_thanking_for_the_one_nomination_of_its_municipality():
    found = linked(
        mail("N", 0, sender="wmo@apeldoorn.nl", nominees=("GM0200",)),
        mail("T", 60, "correspondence", sender="raad@gmail.com", nominees=("GM0200",)),
    )
    assert found == {"T": "N"}
