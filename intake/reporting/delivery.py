"""Making a digest and delivering it: written to a file, mailed to the recipients, or both.

Every digest delivered is recorded with the messages it covered, on its channel (``mail``
when it is sent, ``file`` when it is only written), so that the next one on that channel
says exactly what is new since.  The record is made before delivery and marked delivered
only after: a digest that could not be sent (after the retries) never counts as the
previous one, so nothing it would have announced is lost.
"""

from __future__ import annotations

import email.policy
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from intake.config import Settings, SmtpSettings
from intake.errors import ConfigError, OperationalError
from intake.language import N_, Language
from intake.presenting.nominations import Nomination, load_nominations
from intake.reporting.digest import Digest, render_digest
from intake.reporting.files import save_atomically
from intake.reporting.overview import Overview, build_overview
from intake.sending.smtp import Failed, Retry, address_of, submit
from store import Store

MAIL = "mail"
FILE = "file"


@dataclass(frozen=True, slots=True)
class Delivered:
    """What became of one digest."""

    subject: str
    written: tuple[Path, ...]
    recipients: tuple[str, ...]
    """Those it was sent to (none when only written)."""
    refused: tuple[str, ...]


def make_digest(
    store: Store,
    settings: Settings,
    lang: Language,
    *,
    now: datetime,
    channel: str | None,
    final: bool = False,
    items: Sequence[Nomination] | None = None,
) -> tuple[Overview, Digest]:
    """The digest as it stands at ``now``; new is what the last digest delivered on
    ``channel`` did not cover (None: a preview, new against the last one mailed)."""
    listed = list(items) if items is not None else load_nominations(store, settings.campaign)
    previous = store.last_delivered_digest(channel or MAIL)
    overview = build_overview(listed, settings, now=now, previous=previous, final=final)
    return overview, render_digest(overview, lang)


def deliver_digest(
    store: Store,
    settings: Settings,
    lang: Language,
    *,
    out: Path | None,
    send: bool,
    final: bool = False,
    now: datetime | None = None,
    items: Sequence[Nomination] | None = None,
    on_retry: Callable[[Retry], None] | None = None,
) -> Delivered:
    """Make the digest, write it to ``out`` (and a ``.txt`` beside it) and/or mail it to
    ``[digest] recipients``, and record it."""
    moment = now or datetime.now(UTC)
    recipients: tuple[str, ...] = ()
    smtp: SmtpSettings | None = None
    password: str | None = None
    if send:
        smtp = settings.require_smtp()
        recipients = settings.digest.recipients
        if not recipients:
            raise ConfigError(
                N_("no one to send the digest to: name the addresses in digest.recipients"),
                key="digest.recipients",
                source=settings.source,
            )
        password = settings.smtp_password()
    channel = MAIL if send else FILE
    overview, digest = make_digest(
        store, settings, lang, now=moment, channel=channel, final=final, items=items
    )
    destination = ", ".join(recipients) if send else str(out)
    digest_id = store.start_digest(
        channel=channel,
        final=final,
        destination=destination,
        subject=digest.subject,
        covered=sorted(overview.covered),
        made_at=moment,
    )
    written: tuple[Path, ...] = ()
    if out is not None:
        try:
            written = write_digest(digest, out)
        except OperationalError as exc:
            store.digest_attempted(digest_id, attempts=1, error=str(exc))
            raise
    if not send:
        store.digest_attempted(digest_id, attempts=1, delivered_at=moment)
        return Delivered(digest.subject, written, (), ())
    assert smtp is not None
    message = compose(digest, smtp, recipients, now=moment, lang=lang)
    try:
        submitted = submit(message, recipients, smtp, password, on_retry=on_retry)
    except Failed as exc:
        store.digest_attempted(digest_id, attempts=exc.attempts, error=str(exc))
        raise
    except ConfigError as exc:
        store.digest_attempted(digest_id, attempts=1, error=str(exc))
        exc.located(settings.source)
        raise
    store.digest_attempted(
        digest_id,
        attempts=submitted.attempts,
        delivered_at=datetime.now(UTC) if now is None else moment,
        message_id=str(message["Message-ID"]),
    )
    sent_to = tuple(r for r in recipients if address_of(r) not in submitted.refused)
    return Delivered(digest.subject, written, sent_to, submitted.refused)


def compose(
    digest: Digest,
    smtp: SmtpSettings,
    recipients: Sequence[str],
    *,
    now: datetime,
    lang: Language,
) -> EmailMessage:
    """The digest as a mail: a plain-text part and its HTML alternative, both UTF-8."""
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = smtp.sender
    message["To"] = ", ".join(recipients)
    message["Subject"] = digest.subject
    message["Date"] = format_datetime(now.astimezone(UTC))
    domain = address_of(smtp.sender).rpartition("@")[2] or None
    message["Message-ID"] = make_msgid("digest", domain=domain)
    # Made by a program, not a person (RFC 3834): no auto-reply should answer it.
    message["Auto-Submitted"] = "auto-generated"
    message["X-Auto-Response-Suppress"] = "All"
    message.set_content(digest.text, cte="quoted-printable")
    message.add_alternative(digest.html, subtype="html", cte="quoted-printable")
    message["Content-Language"] = lang.code
    return message


def text_path(html_path: Path) -> Path:
    """Where the plain text goes beside the HTML: ``digest.html`` → ``digest.txt``."""
    if html_path.suffix.lower() in (".html", ".htm"):
        return html_path.with_suffix(".txt")
    return html_path.with_name(html_path.name + ".txt")


def write_digest(digest: Digest, path: Path) -> tuple[Path, Path]:
    """Write the HTML to ``path`` and the text beside it, each whole or not at all."""
    beside = text_path(path)
    for target, content in ((path, digest.html), (beside, digest.text)):
        save_atomically(target, content.encode("utf-8"))
    return path, beside
