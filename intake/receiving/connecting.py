"""Reaching the IMAP server: connect, secure, greet and log in, and tell a passing failure
from settings that do not fit the server.

Every failure leaves as one of:

* :class:`~intake.errors.ConnectionLost`, passing: the connection refused, reset or timed
  out, the server turning us away or unavailable for now.  A poll reconnects after it.
* :class:`~intake.errors.MailboxSetupError`: the settings do not fit the server (a TLS
  mode the port does not speak, STARTTLS not offered, a certificate not trusted, a login
  refused over an unencrypted connection).  Never retried; the message names the fix.
* :class:`~intake.errors.MailboxAuthError`: the login refused.
* :class:`~intake.errors.MailboxError`: no TLS version or cipher in common, or another
  refusal that retrying does not change.

A TLS mode that does not fit the port shows as a hang (plain IMAP spoken to an IMAPS port:
each side waits for the other to speak first) or as a garbled handshake (TLS spoken to a
plain port, which greets in plain text).  Before either is called a mistake, one short
second connection confirms what the port speaks, so a slow or flaky server is never taken
for a wrong setting.  Over that probe nothing is sent but a TLS hello.

``connect_timeout_seconds`` bounds the TCP connect, the TLS handshake (STARTTLS's too) and
the greeting; ``timeout_seconds`` every command after.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import ssl
from collections.abc import Callable
from typing import Any

from imapclient import SocketTimeout
from imapclient.exceptions import (
    CapabilityError,
    IMAPClientAbortError,
    IMAPClientError,
    LoginError,
)

from intake.config import MailboxSettings
from intake.errors import ConnectionLost, MailboxAuthError, MailboxError, MailboxSetupError
from intake.language import N_

log = logging.getLogger(__name__)

ClientFactory = Callable[..., Any]
"""Makes the IMAP client: ``IMAPClient``'s signature (tests may wrap it)."""

_GREETINGS = (b"* OK", b"* PREAUTH", b"* BYE")
_PASSING_CODES = ("[UNAVAILABLE]", "[INUSE]")
"""RFC 5530 response codes of a temporary failure."""
_PRIVACY_REQUIRED = "[PRIVACYREQUIRED]"
# OpenSSL's X509_V_ERR_* codes, grouped by what the person can do about them.
_NOT_VALID_NOW = frozenset({9, 10})
_UNTRUSTED_ISSUER = frozenset({2, 18, 19, 20, 21})
_HOSTNAME_MISMATCH = 62
_LOOPBACK_NAMES = frozenset({"localhost", "localhost."})


def connect(settings: MailboxSettings, *, client_factory: ClientFactory) -> Any:
    """A client connected to the server and secured as ``settings`` say; not logged in."""
    context = tls_context(settings)
    implicit_tls = settings.security == "tls"
    try:
        client = client_factory(
            settings.host,
            port=settings.port,
            ssl=implicit_tls,
            ssl_context=context,
            timeout=SocketTimeout(
                connect=settings.connect_timeout_seconds, read=settings.timeout_seconds
            ),
        )
    except ssl.SSLCertVerificationError as exc:
        raise untrusted_certificate(settings, exc) from exc
    except (ssl.SSLEOFError, ssl.SSLZeroReturnError) as exc:  # closed in the handshake
        raise connection_lost(settings, exc) from exc
    except ssl.SSLError as exc:
        raise _no_tls_on_port(settings, exc) from exc
    except TimeoutError as exc:
        if not implicit_tls and _speaks_tls(settings):
            raise _imaps_port(settings) from exc
        raise connection_lost(settings, exc, seconds=settings.connect_timeout_seconds) from exc
    except (OSError, EOFError, IMAPClientError) as exc:
        raise connection_lost(settings, exc) from exc
    client.normalise_times = False
    if settings.security == "starttls":
        try:
            _starttls(client, settings, context)
        except BaseException:
            shutdown(client)
            raise
    return client


def log_in(client: Any, settings: MailboxSettings, password: str) -> None:
    """Log in; a refusal says whether the name or password, or the settings, are at fault."""
    try:
        client.login(settings.username, password)
    except LoginError as exc:
        raise _login_refused(client, settings, exc) from exc
    except (OSError, EOFError, IMAPClientError) as exc:
        raise connection_lost(settings, exc, during="LOGIN") from exc


def tls_context(settings: MailboxSettings) -> ssl.SSLContext | None:
    """A verifying TLS context (system trust, or ``mailbox.ca_file``); None without TLS."""
    if settings.security == "none":
        return None
    cafile = str(settings.ca_file) if settings.ca_file else None
    return ssl.create_default_context(cafile=cafile)


def crosses_network_unencrypted(settings: MailboxSettings) -> bool:
    """Whether the password goes over the network in the clear: ``security = "none"`` to
    a server that is not on this computer."""
    if settings.security != "none":
        return False
    host = settings.host.strip("[]").lower()
    if host in _LOOPBACK_NAMES:
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        return True


def server_of(settings: MailboxSettings) -> str:
    """``host:port``, as messages name the server."""
    return f"{settings.host}:{settings.port}"


def connection_lost(
    settings: MailboxSettings,
    exc: BaseException,
    *,
    during: str | None = None,
    seconds: float | None = None,
) -> ConnectionLost | MailboxSetupError:
    """A passing failure, told by what happened to the connection; a host name that does
    not exist at all is a setup mistake (a typo, or the example's placeholder)."""
    server = server_of(settings)
    log.info("connection to %s%s: %s", server, f" during {during}" if during else "", describe(exc))
    if isinstance(exc, ConnectionRefusedError):
        return ConnectionLost(N_("{server} refused the connection"), server=server)
    if isinstance(exc, TimeoutError):
        limit = settings.timeout_seconds if seconds is None else seconds
        return ConnectionLost(
            N_("{server} gave no answer within the time allowed ({seconds} s)"),
            server=server,
            seconds=f"{limit:g}",
        )
    if isinstance(exc, socket.gaierror) and exc.errno == socket.EAI_NONAME:
        return MailboxSetupError(
            N_(
                "there is no host named {host}: check mailbox.host (the example's "
                "placeholder, or a typing error?)"
            ),
            key="mailbox.host",
            host=settings.host,
        )
    if isinstance(exc, socket.gaierror):
        return ConnectionLost(
            N_("the name {host} (mailbox.host) could not be looked up"), host=settings.host
        )
    refused = isinstance(exc, IMAPClientError) and not isinstance(exc, IMAPClientAbortError)
    if refused and ("BYE" in str(exc) or any(code in str(exc) for code in _PASSING_CODES)):
        return ConnectionLost(
            N_("{server} turned the connection away (busy or unavailable for now)"),
            server=server,
        )
    if during is not None:
        return ConnectionLost(
            N_("the connection to {server} was lost during {command}"),
            server=server,
            command=during,
        )
    return ConnectionLost(N_("the connection to {server} was lost"), server=server)


def untrusted_certificate(
    settings: MailboxSettings, exc: ssl.SSLCertVerificationError
) -> MailboxSetupError:
    """A certificate that does not verify, told by what the person can do about it."""
    server = server_of(settings)
    log.info("certificate of %s not verified: %s", server, exc.verify_message)
    code = exc.verify_code
    if code in _NOT_VALID_NOW:
        return MailboxSetupError(
            N_(
                "the certificate of {server} has expired or is not valid yet; its "
                "administrator must renew it (or this computer's clock is wrong)"
            ),
            server=server,
        )
    if code == _HOSTNAME_MISMATCH:
        return MailboxSetupError(
            N_(
                "the certificate of {server} is not made out to {host}; set mailbox.host to "
                "the name the server's certificate gives"
            ),
            key="mailbox.host",
            server=server,
            host=settings.host,
        )
    if code in _UNTRUSTED_ISSUER and settings.ca_file is not None:
        return MailboxSetupError(
            N_(
                "the certificate of {server} is not issued by the authority in {path}; set "
                "mailbox.ca_file to the certificate of the authority that issued it"
            ),
            key="mailbox.ca_file",
            server=server,
            path=str(settings.ca_file),
        )
    if code in _UNTRUSTED_ISSUER:
        return MailboxSetupError(
            N_(
                "the certificate of {server} is issued by an authority this computer does "
                "not trust; if the server has a certificate of its own making, set "
                "mailbox.ca_file to the certificate of the authority that issued it"
            ),
            key="mailbox.ca_file",
            server=server,
        )
    return MailboxSetupError(
        N_("the certificate of {server} could not be verified; the details are in the log (-vv)"),
        key="mailbox.ca_file",
        server=server,
    )


def shutdown(client: Any) -> None:
    """Close the connection without a word to the server."""
    try:
        client.shutdown()
    except (IMAPClientError, OSError) as exc:
        log.debug("closing the connection failed: %s", exc)


def describe(exc: BaseException) -> str:
    """A third-party error in words, for the log only."""
    if isinstance(exc, TimeoutError):
        return "timed out"
    return str(exc) or type(exc).__name__


# --- the TLS mode and the port ---------------------------------------------------------


def _starttls(client: Any, settings: MailboxSettings, context: ssl.SSLContext | None) -> None:
    """Upgrade the plain connection; the handshake gets the connect timeout."""
    server = server_of(settings)
    client.socket().settimeout(settings.connect_timeout_seconds)
    try:
        client.starttls(context)
    except CapabilityError as exc:
        raise MailboxSetupError(
            N_(
                '{server} offers no STARTTLS: set security = "tls", with port set to the '
                "server's IMAPS port (usually 993)"
            ),
            key="mailbox.security",
            server=server,
        ) from exc
    except ssl.SSLCertVerificationError as exc:
        raise untrusted_certificate(settings, exc) from exc
    except (ssl.SSLEOFError, ssl.SSLZeroReturnError) as exc:
        raise connection_lost(settings, exc, during="STARTTLS") from exc
    except ssl.SSLError as exc:
        raise _no_common_tls(settings, exc) from exc
    except TimeoutError as exc:
        raise connection_lost(
            settings, exc, during="STARTTLS", seconds=settings.connect_timeout_seconds
        ) from exc
    except (OSError, EOFError, IMAPClientAbortError) as exc:
        raise connection_lost(settings, exc, during="STARTTLS") from exc
    except IMAPClientError as exc:
        log.warning("STARTTLS refused by %s: %s", server, exc)
        raise MailboxError(
            N_("{server} refused STARTTLS; the server's own words are in the log (-vv)"),
            server=server,
        ) from exc
    client.socket().settimeout(settings.timeout_seconds)


def _no_tls_on_port(
    settings: MailboxSettings, exc: ssl.SSLError
) -> MailboxError | MailboxSetupError:
    """The TLS handshake failed: a plain IMAP port, or no TLS in common."""
    if _greets_in_plain(settings):
        return _plain_port(settings)
    return _no_common_tls(settings, exc)


def _plain_port(settings: MailboxSettings) -> MailboxSetupError:
    return MailboxSetupError(
        N_(
            'port {port} of {host} speaks plain IMAP, not TLS: set security = "starttls", '
            "or set port to the server's IMAPS port (usually 993)"
        ),
        key="mailbox.security",
        port=settings.port,
        host=settings.host,
    )


def _imaps_port(settings: MailboxSettings) -> MailboxSetupError:
    return MailboxSetupError(
        N_('port {port} of {host} speaks IMAPS (TLS from the first byte): set security = "tls"'),
        key="mailbox.security",
        port=settings.port,
        host=settings.host,
    )


def _no_common_tls(settings: MailboxSettings, exc: ssl.SSLError) -> MailboxError:
    server = server_of(settings)
    log.warning("TLS with %s failed: %s", server, exc)
    return MailboxError(
        N_(
            "no secure connection could be made with {server}: the server and intake have no "
            "TLS version or cipher in common; the details are in the log (-vv)"
        ),
        server=server,
    )


def _speaks_tls(settings: MailboxSettings) -> bool:
    """Whether the port completes a TLS handshake.  Only the hello is sent, and nothing
    after it, so the certificate need not be checked to know the port speaks TLS."""
    probe = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    probe.check_hostname = False
    probe.verify_mode = ssl.CERT_NONE
    try:
        with (
            socket.create_connection(
                (settings.host, settings.port), timeout=settings.connect_timeout_seconds
            ) as raw,
            probe.wrap_socket(raw, server_hostname=settings.host),
        ):
            return True
    except (OSError, ValueError) as exc:
        log.debug("no TLS on %s: %s", server_of(settings), describe(exc))
        return False


def _greets_in_plain(settings: MailboxSettings) -> bool:
    """Whether the port greets in plain IMAP (``* OK``) the moment one connects."""
    greeting = b""
    try:
        with socket.create_connection(
            (settings.host, settings.port), timeout=settings.connect_timeout_seconds
        ) as sock:
            while b"\n" not in greeting and len(greeting) < 64:
                chunk = sock.recv(64)
                if not chunk:
                    break
                greeting += chunk
    except OSError as exc:
        log.debug("no plain greeting on %s: %s", server_of(settings), describe(exc))
        return False
    return greeting.startswith(_GREETINGS)


# --- the login --------------------------------------------------------------------------


def _login_refused(
    client: Any, settings: MailboxSettings, exc: LoginError
) -> MailboxError | MailboxSetupError:
    cause = exc.__context__  # imapclient turns every failure at login into a LoginError
    if isinstance(cause, OSError | EOFError | IMAPClientAbortError):
        return connection_lost(settings, cause, during="LOGIN")
    text = str(exc)
    log.info("login as %s refused: %s", settings.username, text)
    if any(code in text for code in _PASSING_CODES):
        return ConnectionLost(
            N_("{server} is unavailable for now (it said so at the login)"),
            server=server_of(settings),
        )
    if _PRIVACY_REQUIRED in text or (
        settings.security == "none" and _has_capability(client, "LOGINDISABLED")
    ):
        return MailboxSetupError(
            N_(
                "{server} refuses a login over an unencrypted connection: set security = "
                '"starttls", or "tls" with the server\'s IMAPS port (usually 993)'
            ),
            key="mailbox.security",
            server=server_of(settings),
        )
    return MailboxAuthError(
        N_(
            "the server refused the login for {username}; check mailbox.username and the "
            "password in ${variable}"
        ),
        username=settings.username,
        variable=settings.password_env,
    )


def _has_capability(client: Any, capability: str) -> bool:
    try:
        return bool(client.has_capability(capability))
    except (IMAPClientError, OSError):
        return False


__all__ = [
    "ClientFactory",
    "connect",
    "connection_lost",
    "crosses_network_unencrypted",
    "describe",
    "log_in",
    "server_of",
    "shutdown",
    "tls_context",
    "untrusted_certificate",
]
