"""Submit a message over SMTP: implicit TLS, STARTTLS or (on loopback) none, with the
certificate verified and every step under a timeout.

A passing failure (the connection refused, dropped or timed out, a ``4xx`` answer) is
tried again after a pause that doubles each time, ``[smtp] retries`` times; a setup
mistake (a TLS mode the port does not speak, a certificate not trusted, a host that
does not exist) and a permanent refusal (``5xx``: a recipient or sender refused, a
login refused) are not.  The server's own words go to the log, never to a person.
"""

from __future__ import annotations

import logging
import smtplib
import socket
import ssl
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import getaddresses

from intake.config import SmtpSettings
from intake.errors import SmtpError, SmtpPassing, SmtpSetupError
from intake.language import N_

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Retry:
    """A passing failure, and when the next try comes."""

    error: SmtpPassing
    attempt: int
    attempts: int
    delay_seconds: float


@dataclass(frozen=True, slots=True)
class Submitted:
    attempts: int
    refused: tuple[str, ...]
    """Recipients the server refused while it accepted the others."""


class Failed(SmtpError):
    """Sending failed for good; ``attempts`` says how often it was tried."""

    def __init__(self, cause: SmtpError, attempts: int):
        super().__init__(cause.message, **cause.values)
        self.cause = cause
        self.attempts = attempts
        self.exit_code = cause.exit_code


def address_of(text: str) -> str:
    """The bare address of ``Name <name@example.nl>``."""
    found = getaddresses([text])
    return found[0][1] if found else text


def submit(
    message: EmailMessage,
    recipients: Sequence[str],
    settings: SmtpSettings,
    password: str | None,
    *,
    on_retry: Callable[[Retry], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Submitted:
    """Send ``message`` to ``recipients``; :class:`Failed` when it could not be, with the
    number of tries (a setup mistake: :class:`~intake.errors.SmtpSetupError`)."""
    attempts = settings.retries + 1
    delay = settings.retry_backoff_seconds
    for attempt in range(1, attempts + 1):
        try:
            refused = _submit_once(message, recipients, settings, password)
            return Submitted(attempt, tuple(sorted(refused)))
        except SmtpPassing as exc:
            if attempt == attempts:
                raise Failed(exc, attempt) from exc
            if on_retry is not None:
                on_retry(Retry(exc, attempt, attempts, delay))
            sleep(delay)
            delay *= 2
        except SmtpSetupError:
            raise
        except SmtpError as exc:
            raise Failed(exc, attempt) from exc
    raise AssertionError("unreachable")  # pragma: no cover


def _submit_once(
    message: EmailMessage, recipients: Sequence[str], settings: SmtpSettings, password: str | None
) -> dict[str, tuple[int, bytes]]:
    server = f"{settings.host}:{settings.port}"
    context = _tls_context(settings)
    client: smtplib.SMTP | None = None
    try:
        # The host given to the constructor is the name the certificate is checked against.
        if settings.security == "tls":
            client = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=settings.timeout_seconds, context=context
            )
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout_seconds)
        client.ehlo()
        if settings.security == "starttls":
            if not client.has_extn("starttls"):
                raise SmtpSetupError(
                    N_(
                        "{server} does not offer STARTTLS; set smtp.security to "
                        '"tls" if the port speaks TLS from the start'
                    ),
                    key="smtp.security",
                    server=server,
                )
            client.starttls(context=context)
            client.ehlo()
        if settings.username is not None:
            client.login(settings.username, password or "")
        return client.send_message(
            message, from_addr=address_of(settings.sender), to_addrs=list(recipients)
        )
    except (smtplib.SMTPException, OSError) as exc:
        raise _told(exc, settings, server) from exc
    finally:
        if client is not None:
            try:
                client.quit()
            except (smtplib.SMTPException, OSError):
                client.close()


def _tls_context(settings: SmtpSettings) -> ssl.SSLContext | None:
    if settings.security == "none":
        return None
    cafile = str(settings.ca_file) if settings.ca_file else None
    return ssl.create_default_context(cafile=cafile)


_HOSTNAME_MISMATCH = 62
"""OpenSSL's X509_V_ERR_HOSTNAME_MISMATCH."""


def _told(exc: BaseException, settings: SmtpSettings, server: str) -> SmtpError | SmtpSetupError:
    """What went wrong, in words a person can act on (the server's own in the log)."""
    log.info("SMTP with %s: %r", server, exc)
    if isinstance(exc, SmtpError | SmtpSetupError):
        return exc
    if isinstance(exc, ssl.SSLCertVerificationError):
        if exc.verify_code == _HOSTNAME_MISMATCH:
            return SmtpSetupError(
                N_(
                    "the certificate of {server} is not made out to {host}; set smtp.host to "
                    "the name the server's certificate gives"
                ),
                key="smtp.host",
                server=server,
                host=settings.host,
            )
        return SmtpSetupError(
            N_(
                "the certificate of {server} could not be verified; if the server has a "
                "certificate of its own making, set smtp.ca_file to the certificate of the "
                "authority that issued it"
            ),
            key="smtp.ca_file",
            server=server,
        )
    if isinstance(exc, ssl.SSLError):
        return SmtpSetupError(
            N_(
                "{server} does not speak TLS the way smtp.security ({security}) says; use "
                '"tls" for port 465 and "starttls" for port 587'
            ),
            key="smtp.security",
            server=server,
            security=settings.security,
        )
    if isinstance(exc, socket.gaierror) and exc.errno == socket.EAI_NONAME:
        return SmtpSetupError(
            N_("there is no host named {host}: check smtp.host"),
            key="smtp.host",
            host=settings.host,
        )
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return SmtpError(
            N_(
                "{server} refused the login of {user}: check smtp.username and the password "
                "in the environment variable smtp.password_env names"
            ),
            server=server,
            user=settings.username or "",
        )
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return SmtpSetupError(
            N_("{server} does not support what intake asked of it (a login or STARTTLS)"),
            key="smtp.security",
            server=server,
        )
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        addresses = ", ".join(sorted(exc.recipients))
        if codes and all(400 <= code < 500 for code in codes):
            return SmtpPassing(
                N_("{server} cannot take mail for {addresses} now (a passing refusal)"),
                server=server,
                addresses=addresses,
            )
        return SmtpError(
            N_("{server} refused the recipients {addresses} (code {codes})"),
            server=server,
            addresses=addresses,
            codes=", ".join(str(code) for code in sorted(set(codes))),
        )
    if isinstance(exc, smtplib.SMTPResponseException) and 400 <= exc.smtp_code < 500:
        return SmtpPassing(
            N_("{server} cannot take mail now (code {code})"), server=server, code=exc.smtp_code
        )
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return SmtpError(
            N_("{server} refused the sender {sender} (code {code}): check smtp.from"),
            server=server,
            sender=address_of(settings.sender),
            code=exc.smtp_code,
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        return SmtpError(
            N_("{server} refused the message (code {code})"), server=server, code=exc.smtp_code
        )
    if isinstance(exc, ConnectionRefusedError):
        return SmtpPassing(N_("{server} refused the connection"), server=server)
    # smtplib tells a read that timed out as a lost connection; the cause says which.
    timed_out = isinstance(exc, smtplib.SMTPServerDisconnected) and isinstance(
        exc.__context__, TimeoutError
    )
    if isinstance(exc, TimeoutError) or timed_out:
        return SmtpPassing(
            N_("{server} gave no answer within the time allowed ({seconds} s)"),
            server=server,
            seconds=f"{settings.timeout_seconds:g}",
        )
    if isinstance(exc, socket.gaierror):
        return SmtpPassing(
            N_("the name {host} (smtp.host) could not be looked up"), host=settings.host
        )
    return SmtpPassing(N_("the connection to {server} was lost"), server=server)
