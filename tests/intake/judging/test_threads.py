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
