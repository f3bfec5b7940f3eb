"""The exception tree of intake.

::

    IntakeError                  everything intake raises on purpose
    ├── ConfigError              the configuration is missing, invalid or incomplete  (exit 2)
    ├── OperationalError         the run could not do its work                        (exit 3)
    │   ├── MailboxError         the IMAP server was unreachable or refused us
    │   │   ├── MailboxAuthError the server rejected the credentials
    │   │   └── ConnectionLost   the connection failed or dropped: worth a retry
    │   └── StoreUnavailable     the database could not be opened or written
    └── NotFound                 a reference named on the command line does not exist (exit 4)

Third-party errors are translated at the edge with ``raise ... from exc`` so the
command line can map each family to one exit code.
"""

from __future__ import annotations


class IntakeError(Exception):
    """Base class of every error intake raises on purpose."""

    exit_code = 1


class ConfigError(IntakeError):
    """The configuration is missing, invalid or incomplete.

    ``key`` is the dotted key at fault (``mailbox.host``), ``source`` the file it came from.
    """

    exit_code = 2

    def __init__(self, message: str, *, key: str | None = None, source: str | None = None):
        self.reason = message
        self.key = key
        self.source = source
        parts = []
        if source:
            parts.append(source)
        if key:
            parts.append(key)
        prefix = ": ".join(parts)
        super().__init__(f"{prefix}: {message}" if prefix else message)


class OperationalError(IntakeError):
    """The run could not do its work (server unreachable, database locked, ...)."""

    exit_code = 3


class MailboxError(OperationalError):
    """The IMAP server could not be reached or answered with an error."""


class MailboxAuthError(MailboxError):
    """The IMAP server rejected the credentials."""


class ConnectionLost(MailboxError):
    """The connection could not be made or was dropped; a retry may succeed."""


class StoreUnavailable(OperationalError):
    """The database could not be opened, migrated or written."""


class NotFound(IntakeError):
    """A reference named by the user does not exist."""

    exit_code = 4
