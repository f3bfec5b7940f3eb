"""``intake digest`` as a coordinator's administrator runs it: the installed command, a
real SMTP server on loopback (aiosmtpd), the received MIME taken apart."""

from __future__ import annotations

import re
from datetime import timedelta
from email.message import EmailMessage
from html.parser import HTMLParser

import pytest

from tests.support.inbox import TRUST, arriving, nomination_mail, write
from tests.support.mail import DEADLINE
from tests.support.smtp import PASSWORD, SmtpServer

HOSTILE_SUBJECT = '<script>alert(1)</script> "><img src=x onerror=alert(1)> & Co'
HOSTILE_NAME = '"><img src=x onerror=alert(2)>'
SMTP_ENV = {"INTAKE_TEST_SMTP_PASSWORD": PASSWORD}


@pytest.fixture
def intake(installed):
    def run(*args, config=None, env=None):
        options = ["--config", str(config)] if config is not None else []
        return installed.run(*options, *args, env={**SMTP_ENV, **(env or {})})

    return run


@pytest.fixture
def smtp():
    with SmtpServer(security="starttls", login=True) as server:
        yield server


def make_config(tmp_path, smtp_server, *, deadline="2017-06-01T17:00:00", recipients=None):
    path = tmp_path / "intake.toml"
    sections = smtp_server.config(**({"recipients": recipients} if recipients else {}))
    path.write_text(
        f"""
[campaign]
name = "Koplopers Cliëntondersteuning"
deadline = "{deadline}"
timezone = "Europe/Amsterdam"

[store]
url = "sqlite:///{tmp_path / "intake.sqlite3"}"
{TRUST}
{sections}
""",
        encoding="utf-8",
    )
    return path


def first_batch(folder):
    return [
        write(folder, "utrecht", nomination_mail("Utrecht", sender="wmo@utrecht.nl")),
        write(
            folder,
            "zeist",
            nomination_mail("Zeist", sender="asd@zeist.nl", received=DEADLINE - timedelta(days=1)),
        ),
        write(
            folder,
            "late",
            nomination_mail(
                "Lochem", sender="raad@lochem.nl", received=DEADLINE + timedelta(hours=40)
            ),
        ),
        write(
            folder,
            "autoreply",
            arriving(
                sender="m.bakker@apeldoorn.nl",
                name="Bakker, Marieke",
                subject="Automatisch antwoord: afwezig",
                body="Ik ben afwezig tot en met 6 juni.",
                received=DEADLINE - timedelta(days=3),
                headers={"Auto-Submitted": "auto-replied"},
            ),
        ),
    ]


def parts(message: EmailMessage) -> tuple[str, str]:
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text is not None and html is not None
    return (
        text.get_content().replace("\r\n", "\n"),
        html.get_content().replace("\r\n", "\n"),
    )


def test_the_digest_is_mailed_as_html_with_a_text_alternative(tmp_path, smtp, intake):
    config = make_config(tmp_path, smtp, recipients=("coordinator@vng.example", "jury@vng.example"))
    assert intake("import", *first_batch(tmp_path / "mail"), config=config).returncode == 0

    result = intake("digest", "--send", config=config)

    assert result.returncode == 0, result.stderr.decode()
    assert "Verstuurd aan coordinator@vng.example en jury@vng.example" in result.stdout.decode()
    (received,) = smtp.received
    assert received.mail_from == "koplopers@vng.example"
    assert received.recipients == ["coordinator@vng.example", "jury@vng.example"]
    message = received.message
    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    for part in message.iter_parts():
        assert part.get_content_charset() == "utf-8"
        assert part["Content-Transfer-Encoding"] == "quoted-printable"
    assert message["Subject"] == (
        "Koplopers Cliëntondersteuning: 3 voordrachten, 4 nieuw, gesloten sinds 1 jun 2017 17:00"
    )
    assert "=?utf-8?" in received.data.decode("ascii").split("\r\n\r\n")[0]  # encoded header
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["From"] == "Koplopers Cliëntondersteuning <koplopers@vng.example>"
    assert message["To"] == "coordinator@vng.example, jury@vng.example"
    assert re.fullmatch(r"<[^@>]+\.digest@vng\.example>", message["Message-ID"])
    assert message["Content-Language"] == "nl"
    text, html = parts(message)
    for shown in (text, html):
        assert "Gesloten sinds donderdag 1 juni 2017 17:00." in shown
        assert "Vraagt uw aandacht" in shown
        assert "ontvangen na de sluitingstermijn" in shown
        assert "Automatisch antwoord: afwezig" in shown
        for municipality in ("Utrecht", "Zeist", "Lochem"):
            assert municipality in shown
    assert re.search(r"^\s+3\s+voordrachten$", text, re.MULTILINE)
    assert re.search(r"^\s+1\s+te laat$", text, re.MULTILINE)
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert "http://" not in html and "https://" not in html
    assert 'style="' in html  # the CSS is inlined onto the elements
    assert "max-width: 640px" in html


def test_new_since_the_previous_digest_across_three_digests(tmp_path, smtp, intake):
    config = make_config(tmp_path, smtp)
    mail = tmp_path / "mail"
    intake("import", *first_batch(mail), config=config)
    assert intake("digest", "--send", config=config).returncode == 0
    second = [
        write(mail, "deventer", nomination_mail("Deventer", sender="wmo@deventer.nl")),
        write(mail, "ede", nomination_mail("Ede", sender="wmo@ede.nl")),
    ]
    intake("import", *second, config=config)
    assert intake("digest", "--send", config=config).returncode == 0
    assert intake("digest", "--send", config=config).returncode == 0

    first, then, last = (parts(r.message)[0] for r in smtp.received)
    subjects = [r.message["Subject"] for r in smtp.received]
    assert "4 nieuw" in subjects[0] and "2 nieuw" in subjects[1] and "0 nieuw" in subjects[2]
    assert "Dit is het eerste overzicht: alles erin is nieuw." in first
    new_part = section(then, "Nieuw sinds het vorige overzicht")
    assert re.findall(r"^- (KCO-\d+)", new_part, re.MULTILINE) == ["KCO-0005", "KCO-0006"]
    assert "Het vorige overzicht is gemaakt op" in new_part
    assert "Niets nieuws." in section(last, "Nieuw sinds het vorige overzicht")
    assert "[nieuw]" in then and "[nieuw]" not in last


def section(text: str, heading: str) -> str:
    start = text.index(f"== {heading} ==")
    end = text.find("\n== ", start + 1)
    return text[start : end if end != -1 else None]


def test_a_send_that_keeps_failing_is_retried_and_never_counts(tmp_path, smtp, intake):
    config = make_config(tmp_path, smtp)
    intake("import", *first_batch(tmp_path / "mail"), config=config)

    smtp.refuse_next("451 4.3.0 Try again later")
    retried = intake("digest", "--send", config=config)
    assert retried.returncode == 0, retried.stderr.decode()
    assert "Verzenden mislukt" in retried.stderr.decode()
    assert "poging 1 van 3" in retried.stderr.decode()
    assert len(smtp.received) == 1

    write(tmp_path / "mail", "ede", nomination_mail("Ede", sender="wmo@ede.nl"))
    intake("import", tmp_path / "mail" / "ede.eml", config=config)
    smtp.refuse_next(*["451 4.3.0 Try again later"] * 3)
    failed = intake("digest", "--send", config=config)
    assert failed.returncode == 3
    told = failed.stderr.decode()
    assert "kan nu geen mail aannemen (code 451)" in told
    assert "Traceback" not in told and "SMTP" not in told.replace("[smtp]", "")

    smtp.refuse_next("550 5.7.1 Message refused")
    refused = intake("digest", "--send", config=config)
    assert refused.returncode == 3
    assert "weigerde het bericht (code 550)" in refused.stderr.decode()
    assert len(smtp.received) == 1  # a permanent refusal is not tried again

    assert intake("digest", "--send", config=config).returncode == 0
    subject = smtp.received[-1].message["Subject"]
    assert "1 nieuw" in subject  # what the failed digests would have said is still new


def test_a_refused_recipient_is_named_and_the_others_get_it(tmp_path, smtp, intake):
    config = make_config(tmp_path, smtp, recipients=("coordinator@vng.example", "gone@vng.example"))
    smtp.refuse_recipient("gone@vng.example")
    result = intake("digest", "--send", config=config)
    assert result.returncode == 5
    assert "De mailserver weigerde gone@vng.example" in result.stderr.decode()
    assert smtp.received[0].recipients == ["coordinator@vng.example"]


def test_tls_is_verified_and_setup_mistakes_name_the_key(tmp_path, intake):
    with SmtpServer(security="tls") as tls:
        config = make_config(tmp_path, tls)
        assert intake("digest", "--send", config=config).returncode == 0
        assert len(tls.received) == 1
        untrusted = config.read_text().replace(f'ca_file = "{tls.ca_file}"', "")
        config.write_text(untrusted)
        result = intake("digest", "--send", config=config)
        assert result.returncode == 2
        assert "smtp.ca_file" in result.stderr.decode()
        # STARTTLS to a port that speaks TLS at once: each side waits for the other.
        config.write_text(
            untrusted.replace('security = "tls"', 'security = "starttls"')
            .replace("timeout_seconds = 10", "timeout_seconds = 1")
            .replace("retries = 2", "retries = 0")
        )
        wrong_mode = intake("digest", "--send", config=config)
        assert wrong_mode.returncode == 3, wrong_mode.stderr.decode()
        assert "gaf geen antwoord binnen de toegestane tijd (1 s)" in wrong_mode.stderr.decode()
        assert len(tls.received) == 1
    tls.stop()
    config.write_text(config.read_text().replace('security = "starttls"', 'security = "tls"'))
    gone = intake("digest", "--send", config=config)
    assert gone.returncode == 3
    assert "weigerde de verbinding" in gone.stderr.decode()


def test_a_wrong_password_and_missing_settings_are_told(tmp_path, smtp, intake):
    config = make_config(tmp_path, smtp)
    wrong = intake("digest", "--send", config=config, env={"INTAKE_TEST_SMTP_PASSWORD": "nope"})
    assert wrong.returncode == 3
    assert "weigerde de login van digest@vng.example" in wrong.stderr.decode()
    assert smtp.received == []

    no_password = make_config(tmp_path, smtp)
    unset = installed_without_password(intake, no_password)
    assert unset.returncode == 2
    assert "INTAKE_TEST_SMTP_PASSWORD" in unset.stderr.decode()

    bare = tmp_path / "bare.toml"
    bare.write_text(config.read_text().split("[smtp]")[0], encoding="utf-8")
    missing = intake("digest", "--send", config=bare)
    assert missing.returncode == 2
    assert "sectie [smtp] ontbreekt" in missing.stderr.decode()


def installed_without_password(intake, config):
    return intake("digest", "--send", config=config, env={"INTAKE_TEST_SMTP_PASSWORD": ""})


def test_out_writes_html_and_text_and_a_look_records_nothing(tmp_path, smtp, intake):
    config = make_config(tmp_path, smtp, deadline="2099-06-01T17:00:00")
    intake("import", *first_batch(tmp_path / "mail"), config=config)

    look = intake("digest", config=config)
    assert look.returncode == 0
    printed = look.stdout.decode()
    assert printed.startswith("Onderwerp: Koplopers Cliëntondersteuning: 3 voordrachten, 4 nieuw")
    assert "Sluit over" in printed

    out = tmp_path / "digest.html"
    written = intake("digest", "--out", out, config=config)
    assert written.returncode == 0, written.stderr.decode()
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    text = (tmp_path / "digest.txt").read_text(encoding="utf-8")
    assert "Dit is het eerste overzicht" in text  # the look before was not recorded
    again = intake("digest", "--out", out, config=config)
    assert again.returncode == 0
    assert "Niets nieuws." in (tmp_path / "digest.txt").read_text(encoding="utf-8")

    # A look counts what is new against the last digest mailed: none was.
    english = intake("digest", "--lang", "en", config=config)
    assert "Subject: Koplopers Cliëntondersteuning: 3 nominations, 4 new, closes in" in (
        english.stdout.decode()
    )

    nowhere = intake("digest", "--out", tmp_path / "absent" / "digest.html", config=config)
    assert nowhere.returncode == 3
    assert "kan " in nowhere.stderr.decode() and "Traceback" not in nowhere.stderr.decode()


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]

    def handle_data(self, data):
        self.text.append(data)


def test_hostile_text_in_every_field_shows_as_text(tmp_path, smtp, intake):
    config = make_config(tmp_path, smtp)
    hostile = arriving(
        sender="wmo@utrecht.nl",
        name=HOSTILE_NAME,
        subject=HOSTILE_SUBJECT,
        body=(
            "Namens de adviesraad dragen wij de gemeente Utrecht voor als koploper.\n"
            "Cliëntondersteuning staat hoog op de agenda van de gemeenteraad <b>echt</b> "
            "</td></tr></table><script>alert(3)</script>.\n"
        ),
        received=DEADLINE - timedelta(days=1),
        attachment=("<script>alert(4)</script>.txt", b"bijlage", "text/plain"),
    )
    intake("import", write(tmp_path / "mail", "hostile", hostile), config=config)
    assert intake("digest", "--send", config=config).returncode == 0
    text, html = parts(smtp.received[0].message)

    tags = _Tags()
    tags.feed(html)
    assert "script" not in tags.tags and "img" not in tags.tags and "b" not in tags.tags
    assert not [name for name in tags.attributes if name.startswith("on")]
    shown = "".join(tags.text)
    assert "<script>alert(1)</script>" in shown
    assert "<img src=x onerror=alert(2)>" in shown  # the sender's name
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert HOSTILE_SUBJECT in text
