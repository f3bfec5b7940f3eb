"""Realistic nomination messages and intake configs for tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from zoneinfo import ZoneInfo

AMS = ZoneInfo("Europe/Amsterdam")
DEADLINE = datetime(2017, 6, 1, 17, 0, 0, tzinfo=AMS)
PASSWORD_ENV = "INTAKE_TEST_IMAP_PASSWORD"


def nomination(
    number: int,
    *,
    sender: str = "wmo@gemeente-voorbeeld.nl",
    sent: datetime | None = None,
    subject: str | None = None,
    body: str | None = None,
) -> bytes:
    """A plain nomination as a mail client would send it (CRLF line endings)."""
    message = EmailMessage()
    message["From"] = f"Afdeling WMO {number} <{sender}>"
    message["To"] = "koplopers@vng.example"
    message["Subject"] = subject or f"Voordracht koploper cliëntondersteuning nr. {number}"
    message["Date"] = format_datetime(sent or DEADLINE - timedelta(minutes=5))
    message["Message-ID"] = make_msgid(f"n{number}", domain="gemeente-voorbeeld.nl")
    message.set_content(
        body
        or (
            f"Geachte jury,\n\nHierbij dragen wij gemeente nummer {number} voor.\n"
            "Cliëntondersteuning staat hoog op de agenda.\n\nMet vriendelijke groet,\nWMO\n"
        )
    )
    return bytes(message).replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def around_deadline(count: int) -> list[datetime]:
    """INTERNALDATEs spread over the minutes before and after the deadline."""
    start = DEADLINE.astimezone(UTC) - timedelta(seconds=count // 2)
    return [start + timedelta(seconds=i) for i in range(count)]


def write_config(
    directory: Path,
    *,
    host: str,
    port: int,
    username: str,
    security: str = "none",
    extra_mailbox: str = "",
    database: Path | None = None,
    timeout_seconds: float = 10,
    extra: str = "",
) -> Path:
    """An intake.toml for a test mailbox; the password comes from ``PASSWORD_ENV``.
    ``extra`` is appended: more sections (``[trust]``, ``[schedule]``)."""
    database = database or directory / "intake.sqlite3"
    path = directory / "intake.toml"
    path.write_text(
        f"""
[campaign]
name = "Koplopers Cliëntondersteuning"
deadline = "2017-06-01T17:00:00"
timezone = "Europe/Amsterdam"

[mailbox]
host = "{host}"
port = {port}
security = "{security}"
username = "{username}"
password_env = "{PASSWORD_ENV}"
timeout_seconds = {timeout_seconds}
retry_backoff_seconds = 0.05
{extra_mailbox}

[store]
url = "sqlite:///{database}"
{extra}
""",
        encoding="utf-8",
    )
    return path


from tests.support.paths import DOCS  # noqa: E402


def with_attachments(
    number: int, *names: str, body: str = "Zie de bijlage voor onze voordracht.\n"
) -> bytes:
    """A nomination mail with files from ``tests/data/docs`` attached."""
    message = EmailMessage()
    message["From"] = f"Afdeling WMO {number} <wmo@gemeente-voorbeeld.nl>"
    message["To"] = "koplopers@vng.example"
    message["Subject"] = f"Voordracht nr. {number}"
    message["Date"] = format_datetime(DEADLINE - timedelta(minutes=5))
    message["Message-ID"] = make_msgid(f"a{number}", domain="gemeente-voorbeeld.nl")
    message.set_content(body)
    for name in names:
        data = (DOCS / name).read_bytes()
        message.add_attachment(
            data, maintype="application", subtype="octet-stream", filename=Path(name).name
        )
    return bytes(message)
