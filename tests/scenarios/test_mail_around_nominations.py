"""The mail around nominations, imported and listed by the installed ``intake``: the cases
where a person sees at once what a mail is, and a rule of thumb would not.

Each test sends a short exchange through ``intake import`` and reads ``list --json``.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest

from tests.support.mail import write_config

CEST = timezone(timedelta(hours=2))
EVIDENCE = (
    " De gemeenteraad bespreekt cliëntondersteuning elk half jaar en de Wmo-raad heeft er een"
    " vast agendapunt van gemaakt. De werkwijze is ontwikkeld samen met inwoners,"
    " mantelzorgers en ervaringsdeskundigen."
)
INNOVATION = (
    " Met een klantreis is de cliëntervaring gemeten; naar aanleiding daarvan is een"
    " inloopspreekuur in de bibliotheek gestart."
)
# a 1×1 PNG: the kind of logo a mail client in plain-text mode attaches
LOGO = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


@pytest.fixture
def exchange(tmp_path, installed):
    """Import mails (sent in this order, an hour apart) and list them as JSON rows."""
    config = write_config(tmp_path, host="127.0.0.1", port=9, username="intake")
    with config.open("a", encoding="utf-8") as handle:
        handle.write('\n[trust]\nreceiving_hosts = ["mx.vng.example"]\n')

    def run(*mails: EmailMessage) -> list[dict[str, Any]]:
        paths = []
        for number, mail in enumerate(mails):
            received = datetime(2017, 5, 20, 9, 0, tzinfo=CEST) + timedelta(hours=number)
            mail["Received"] = f"from relay.example by mx.vng.example; {format_datetime(received)}"
            mail["Date"] = format_datetime(received - timedelta(seconds=30))
            path = Path(tmp_path) / f"{number:02d}.eml"
            path.write_bytes(bytes(mail))
            paths.append(str(path))
        imported = installed.run("--config", str(config), "import", *paths)
        assert imported.returncode == 0, imported.stderr
        listed = installed.run("--config", str(config), "list", "--json")
        assert listed.returncode == 0, listed.stderr
        return json.loads(listed.stdout)

    return run


def mail(sender: str, subject: str, body: str, **headers: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "koplopers@vng.example"
    message["Subject"] = subject
    message["Message-ID"] = f"<{abs(hash((sender, subject, body)))}@test.example>"
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    return message


def nominees(row: dict[str, Any]) -> list[str]:
    return [nominee["name"] for nominee in row["nominees"]]


def test_a_self_nomination_that_ends_with_thanks_is_a_nomination(exchange):
    letter = (
        "Geachte jury,\n\nZeist laat graag zien waarom wij koploper cliëntondersteuning zijn."
        + EVIDENCE
        + INNOVATION
        + "\n\nAlvast bedankt voor uw aandacht.\n\nMet vriendelijke groet,\nAns de Wit\n"
        "Gemeente Zeist"
    )
    (row,) = exchange(mail("Ans de Wit <a.dewit@zeist.nl>", "Koplopers", letter))
    assert (row["kind"], row["status"], nominees(row)) == ("nomination", "current", ["Zeist"])


def test_a_short_thanks_with_a_council_in_it_stays_correspondence(exchange):
    nomination = mail(
        "Ans <ans@zeist.nl>", "Voordracht Zeist", "Wij dragen de gemeente Zeist voor." + EVIDENCE
    )
    thanks = mail(
        "Ans <ans@zeist.nl>",
        "RE: Voordracht Zeist",
        "Dank voor uw bevestiging. Wij laten de wethouder en de adviesraad dat weten.",
        In_Reply_To=nomination["Message-ID"],
    )
    first, second = exchange(nomination, thanks)
    assert (second["kind"], second["concerns"]) == ("correspondence", first["ref"])
    assert first["status"] == "current"


def test_a_reply_nominating_another_municipality_replaces_nothing(exchange):
    sender = "Wmo-raad Drechtsteden <wmoraad.drechtsteden@gmail.com>"
    first = mail(
        sender, "Voordracht Dordrecht", "Wij dragen de gemeente Dordrecht voor." + EVIDENCE
    )
    second = mail(
        sender,
        "RE: Voordracht Dordrecht",
        "Hierbij ook onze tweede voordracht: wij dragen de gemeente Zwijndrecht voor." + EVIDENCE,
        In_Reply_To=first["Message-ID"],
    )
    one, two = exchange(first, second)
    assert (one["status"], nominees(one)) == ("current", ["Dordrecht"])
    assert (two["status"], nominees(two)) == ("current", ["Zwijndrecht"])


def test_a_forward_with_a_note_that_adds_a_criterion_is_a_new_version(exchange):
    sender = "Piet <p.jansen@utrecht.nl>"
    original = "Wij dragen de gemeente Zeist voor als koploper." + EVIDENCE
    forward = (
        "Nu met een aanvulling op het derde criterium." + INNOVATION + "\n\n"
        "---------- Forwarded message ---------\nFrom: Piet <p.jansen@utrecht.nl>\n"
        "Subject: Voordracht Zeist\n\n" + original
    )
    again = "Voor de zekerheid nogmaals.\n\n---------- Forwarded message ---------\n" + (
        "From: Piet <p.jansen@utrecht.nl>\nSubject: Voordracht Zeist\n\n" + original
    )
    one, two, three = exchange(
        mail(sender, "Voordracht Zeist", original),
        mail(sender, "Fwd: Voordracht Zeist", forward),
        mail(sender, "Fwd: Voordracht Zeist", again),
    )
    assert (one["status"], two["status"]) == ("superseded", "current")
    assert [c["id"] for c in two["criteria"] if c["met"]] == ["agenda", "samenwerking", "innovatie"]
    assert (three["status"], three["duplicate_of"]) == ("duplicate", one["ref"])


def test_a_follow_up_with_a_logo_attached_is_correspondence(exchange):
    nomination = mail("Ans <ans@zeist.nl>", "Voordracht", "Wij dragen Zeist voor." + EVIDENCE)
    follow_up = mail(
        "Ans <ans@zeist.nl>",
        "Voordracht",
        "Hebben jullie onze voordracht voor de gemeente Zeist goed ontvangen?",
    )
    follow_up.add_attachment(LOGO, maintype="image", subtype="png", filename="image001.png")
    first, second = exchange(nomination, follow_up)
    assert (first["kind"], first["status"]) == ("nomination", "current")
    assert (second["kind"], second["concerns"]) == ("correspondence", first["ref"])


def test_a_disclaimer_is_no_attachment_spoken_of(exchange):
    body = (
        "Geachte jury,\n\nWij dragen de gemeente Tiel voor als koploper." + EVIDENCE + "\n\n"
        "Met vriendelijke groet,\nWmo-raad Tiel\n\n"
        "Dit bericht en eventuele bijgevoegde bestanden zijn uitsluitend bestemd voor de "
        "geadresseerde. Bent u niet de geadresseerde, verwijder het bericht dan."
    )
    (row,) = exchange(mail("Wmo-raad Tiel <wmoraadtiel@gmail.com>", "Voordracht", body))
    assert row["kind"] == "nomination"
    assert "missing-attachment" not in [problem["code"] for problem in row["problems"]]
    assert row["sender"]["municipality"]["name"] == "Tiel"


def test_the_supporters_of_a_nomination_are_no_nominees(exchange):
    body = (
        "Geachte jury,\n\nDe Wmo-raad draagt de gemeente Tiel voor als koploper."
        + EVIDENCE
        + "\n\nDeze voordracht wordt ondersteund door:\n- gemeente Culemborg\n"
        "- gemeente Buren\n\nMet vriendelijke groet,\nWmo-raad Tiel"
    )
    (row,) = exchange(mail("Wmo-raad Tiel <wmoraadtiel@gmail.com>", "Voordracht", body))
    assert [n["name"] for n in row["nominees"] if n["confidence"] >= 0.5] == ["Tiel"]
