"""Mail as it arrives at the call's address, written to ``.eml`` files for ``intake import``:
each with the Received header of the receiving server (``mx.vng.example``), so that its
receipt time is known, and an Authentication-Results header of that server."""

from __future__ import annotations

from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from tests.support.mail import DEADLINE

TRUST = '\n[trust]\nreceiving_hosts = ["mx.vng.example"]\nauthserv_ids = ["mx.vng.example"]\n'
"""The ``[trust]`` section that makes these mails' receipt times and senders count."""


def arriving(
    *,
    sender: str,
    name: str,
    subject: str,
    body: str,
    received: datetime,
    attachment: tuple[str, bytes, str] | None = None,
    headers: dict[str, str] | None = None,
) -> bytes:
    """One mail as our server stored it."""
    message = EmailMessage()
    message["Received"] = (
        f"from mail.example.nl (mail.example.nl [192.0.2.7]) by mx.vng.example (Postfix) "
        f"with ESMTPS id 4X2; {format_datetime(received)}"
    )
    domain = sender.rpartition("@")[2]
    message["Authentication-Results"] = (
        f"mx.vng.example; dkim=pass header.d={domain}; spf=pass smtp.mailfrom={domain}"
    )
    message["From"] = f"{name} <{sender}>"
    message["To"] = "koplopers@vng.example"
    message["Subject"] = subject
    message["Date"] = format_datetime(received - timedelta(seconds=20))
    message["Message-ID"] = make_msgid("m", domain=domain)
    for key, value in (headers or {}).items():
        message[key] = value
    message.set_content(body)
    if attachment is not None:
        filename, data, content_type = attachment
        main, sub = content_type.split("/")
        message.add_attachment(data, maintype=main, subtype=sub, filename=filename)
    return bytes(message)


def nomination_mail(
    nominee: str,
    *,
    sender: str,
    name: str = "Wmo-adviesraad",
    received: datetime | None = None,
    subject: str | None = None,
    extra: str = "",
) -> bytes:
    """A nomination of ``nominee`` that addresses two of the 2017 call's criteria."""
    body = (
        "Geachte jury,\n\n"
        f"Namens de Wmo-adviesraad dragen wij de gemeente {nominee} voor als koploper "
        "cliëntondersteuning.\n\n"
        f"Cliëntondersteuning staat hoog op de agenda van de gemeenteraad van {nominee}: "
        "de raad bespreekt ieder jaar de monitor cliëntondersteuning.\n"
        "De werkwijze is samen met cliënten, mantelzorgers, vrijwilligers en professionals "
        "ontwikkeld in vier ontwerpsessies.\n"
        f"{extra}\n"
        f"Met vriendelijke groet,\n{name}\n"
    )
    return arriving(
        sender=sender,
        name=name,
        subject=subject or f"Voordracht gemeente {nominee}",
        body=body,
        received=received or DEADLINE - timedelta(days=2),
    )


def write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.eml"
    path.write_bytes(data)
    return path
