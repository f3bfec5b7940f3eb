"""Telling correspondence (questions, follow-ups, thanks, forgotten attachments) from
nominations, by what a person goes by."""

from __future__ import annotations

import pytest

from intake.judging.correspondence import (
    Signals,
    about_the_call,
    correspondence_reason,
    speaks_of_enclosed_attachment,
)
from parsers.headers import Header


def header(subject: str = "Voordracht", **fields: str) -> Header:
    return Header((("subject", subject), *((k.replace("_", "-"), v) for k, v in fields.items())))


def judge(
    text: str,
    *,
    subject: str = "Voordracht",
    document: bool = False,
    nominating: bool = False,
    named: bool = False,
    in_subject_only: bool = False,
    evidence: bool = False,
    inferred: bool = False,
    criteria_met: int | None = None,
    **fields: str,
) -> str | None:
    signals = Signals(
        has_document=document,
        nominating_in_text=nominating,
        nominating_in_subject=False,
        named=named,
        evidence=evidence,
        named_in_text=named and not in_subject_only,
        inferred=inferred,
        criteria_met=int(evidence) if criteria_met is None else criteria_met,
    )
    return correspondence_reason(header(subject, **fields), text, signals)


@pytest.mark.parametrize(
    ("text", "subject", "mark"),
    [
        ("Hebben jullie onze voordracht goed ontvangen?", "Voordracht Zeist", "a question"),
        ("Dank voor de bevestiging!", "RE: Ontvangstbevestiging voordracht", "thanks"),
        ("Mogen wij ook een buurgemeente voordragen?", "Vraag over de oproep", "a question"),
        ("Hierbij onze voordracht, zie bijlage.", "Voordracht", "an attachment said"),
        ("Top, dank je wel.", "Re: Voordracht", "a reply"),
    ],
)
def test_a_short_mail_with_a_mark_of_correspondence_is_correspondence(text, subject, mark):
    reason = judge(text, subject=subject, nominating=True, named=True)
    assert reason is not None and mark in reason


def test_thanks_naming_the_nomination_it_is_about_is_still_correspondence():
    text = "Dank voor de bevestiging van onze voordracht voor de gemeente Zeist!"
    assert judge(text, nominating=True, named=True) is not None


def test_a_reply_with_substance_stays_a_nomination():
    reply = {"in_reply_to": "<oproep@vng.example>"}
    assert judge("Zie het document.", subject="RE: Oproep", document=True, **reply) is None
    nominating = {"nominating": True, "named": True, "evidence": True}
    assert judge("Wij dragen Zeist voor.", subject="RE: Oproep", **nominating, **reply) is None
    long_text = "Wij vertellen graag hoe de gemeenteraad werkt. " * 30
    assert judge(long_text, subject="RE: Oproep", named=True, evidence=True, **reply) is None


def test_a_reply_with_incidental_evidence_and_no_nomination_of_its_own_is_correspondence():
    text = "Dank voor uw bevestiging. Wij laten de wethouder en de adviesraad dat weten."
    subject = "RE: Ontvangstbevestiging voordracht Zeist"
    assert judge(text, subject=subject, evidence=True, named=True, in_subject_only=True)
    assert judge(text, subject=subject, evidence=True, inferred=True)


def test_a_letter_with_criteria_and_a_mark_in_passing_stays_a_nomination():
    letter = (
        "Geachte jury, graag melden wij onze gemeente aan als koploper. "
        + "De gemeenteraad bespreekt de monitor en inwoners ontvangen er ondersteuning. " * 5
        + "Alvast bedankt voor uw aandacht."
    )
    assert judge(letter, evidence=True, inferred=True) is None  # a self-nomination, thanks
    short = "Hierbij meldt de gemeente Zeist zich aan. De raad bespreekt het elk jaar."
    reply = {"subject": "RE: Oproep", "in_reply_to": "<oproep@vng.example>"}
    assert judge(short, evidence=True, inferred=True, criteria_met=2, **reply) is None
    assert judge(short, evidence=True, inferred=True, criteria_met=1, **reply) is not None


def test_a_short_nomination_without_marks_stays_a_nomination():
    assert judge("Wij dragen de gemeente Zeist voor.", nominating=True, named=True) is None
    assert judge("Hierbij dragen wij gemeente nummer 1 voor.") is None  # nominee not known


def test_a_mail_that_carries_nothing_is_correspondence():
    assert judge("Goedemiddag, met vriendelijke groet.") is not None


def test_an_attachment_said_to_be_enclosed_is_found_in_both_languages():
    assert speaks_of_enclosed_attachment("In de bijlage vindt u onze voordracht.")
    assert speaks_of_enclosed_attachment("Please find our nomination attached.")
    assert not speaks_of_enclosed_attachment("Wij dragen de gemeente Zeist voor.")
    assert not speaks_of_enclosed_attachment("Geldt de limiet ook voor de bijlage?")
    assert not speaks_of_enclosed_attachment("Dit bericht (inclusief eventuele bijlagen).")


def test_mail_about_neither_a_nomination_nor_the_call():
    mailbox = "Uw mailbox koplopers@vng.example heeft de opslaglimiet bereikt."
    assert not about_the_call(header("Uw mailbox is vol"), mailbox, {"clientondersteuning"})
    question = "Tot hoe laat kunnen wij insturen?"
    assert about_the_call(header("Vraag over de oproep"), question, set())
