"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives.

It speaks plain SMTP, STARTTLS or implicit TLS with a certificate issued by a
throwaway CA (``ca_file``) for ``localhost``/127.0.0.1, may require a login, and can be
told to answer the next N messages with a passing (``451``) or permanent (``550``)
refusal, so that retries and failures are tested against a real protocol peer.
"""

from __future__ import annotations

import socket
import ssl
import tempfile
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.support.dovecot import make_certificates

USERNAME = "digest@vng.example"
PASSWORD = "s3cret-smtp"


@dataclass
class Received:
    mail_from: str
    recipients: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        return message_from_bytes(self.data, policy=policy.default)  # type: ignore[return-value]


@dataclass
class _Handler:
    received: list[Received] = field(default_factory=list)
    refuse: list[str] = field(default_factory=list)
    """Answers for the next DATA commands, in order (``451 …``, ``550 …``)."""
    refuse_recipients: set[str] = field(default_factory=set)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address in self.refuse_recipients:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse:
            return self.refuse.pop(0)
        self.received.append(
            Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content)
        )
        return "250 Message accepted for delivery"


def _authenticator(
    server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
) -> AuthResult:
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login == USERNAME.encode()
        and auth_data.password == PASSWORD.encode()
    )
    return AuthResult(success=ok, handled=False)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class SmtpServer:
    """``with SmtpServer(security="starttls") as smtp: ...`` — ``smtp.received`` fills."""

    def __init__(self, *, security: str = "none", login: bool = False):
        self.security = security
        self.login = login
        self.handler = _Handler()
        self.host = "127.0.0.1"
        self.port = free_port()
        self._folder = tempfile.TemporaryDirectory(prefix="intake-smtp-")
        self.tls_dir = Path(self._folder.name) / "tls"
        self._controller: Controller | None = None

    @property
    def received(self) -> list[Received]:
        return self.handler.received

    @property
    def ca_file(self) -> Path:
        return self.tls_dir / "ca.pem"

    def refuse_next(self, *answers: str) -> None:
        self.handler.refuse.extend(answers)

    def refuse_recipient(self, address: str) -> None:
        self.handler.refuse_recipients.add(address)

    def __enter__(self) -> SmtpServer:
        context = None
        if self.security != "none":
            make_certificates(self.tls_dir)
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(self.tls_dir / "server.pem", self.tls_dir / "server.key")
        kwargs: dict[str, Any] = {}
        if self.login:
            kwargs.update(
                authenticator=_authenticator,
                auth_require_tls=self.security != "none",
                auth_exclude_mechanism=["LOGIN"],
            )
        if self.security == "starttls":
            kwargs.update(tls_context=context, require_starttls=True)
        self._controller = Controller(
            self.handler,
            hostname=self.host,
            port=self.port,
            ssl_context=context if self.security == "tls" else None,
            server_hostname="localhost",
            ready_timeout=10,
            **kwargs,
        )
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
        self._folder.cleanup()

    def config(
        self, *, recipients: tuple[str, ...] = ("coordinator@vng.example",), extra: str = ""
    ) -> str:
        """The ``[smtp]`` and ``[digest]`` sections for this server."""
        lines = [
            "[smtp]",
            f'host = "{"localhost" if self.security != "none" else self.host}"',
            f"port = {self.port}",
            f'security = "{self.security}"',
            'from = "Koplopers Cliëntondersteuning <koplopers@vng.example>"',
            "timeout_seconds = 10",
            "retries = 2",
            "retry_backoff_seconds = 0.05",
        ]
        if self.login:
            lines += [f'username = "{USERNAME}"', 'password_env = "INTAKE_TEST_SMTP_PASSWORD"']
        if self.security != "none":
            lines.append(f'ca_file = "{self.ca_file}"')
        lines += [
            extra,
            "",
            "[digest]",
            "recipients = [" + ", ".join(f'"{r}"' for r in recipients) + "]",
        ]
        return "\n" + "\n".join(lines) + "\n"
