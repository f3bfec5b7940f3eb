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

The message of an error is for people: an English text marked for the catalog
(:func:`~intake.language.N_`) with ``{name}`` fields, and the values for them.  ``str()``
gives it in English; :meth:`IntakeError.told` in the reader's language.  A value that is
itself a text for people ("a whole number" in "expected {expected}, got 2.5") is a
:class:`Phrase`: it is translated too, before it is filled in.  A third-party error's own
words never go into it: they are for the log (``-vv``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from intake.language import Language


class Phrase(str):
    """A value of a message that is itself an English text marked for the catalog
    (``Phrase(N_("a whole number"))``): told in the reader's language with the message."""

    __slots__ = ()


class IntakeError(Exception):
    """Base class of every error intake raises on purpose."""

    exit_code = 1

    def __init__(self, message: str = "", /, **values: object):
        self.message = message
        self.values = values
        super().__init__(_filled(message, values))

    def told(self, lang: Language) -> str:
        """The message in ``lang``."""
        if not self.message:
            return ""
        values = {
            name: lang._(value) if isinstance(value, Phrase) else value
            for name, value in self.values.items()
        }
        return lang._(self.message, **values)


def _filled(message: str, values: dict[str, object]) -> str:
    try:
        return message.format(**values) if values else message
    except (KeyError, IndexError, ValueError):
        return message


class ConfigError(IntakeError):
    """The configuration is missing, invalid or incomplete.

    ``key`` is the dotted key at fault (``mailbox.host``), ``source`` the file it came from.
    """

    exit_code = 2

    def __init__(
        self,
        message: str,
        /,
        *,
        key: str | None = None,
        source: str | None = None,
        **values: object,
    ):
        super().__init__(message, **values)
        self.key = key
        self.source = source
        self.args = (self._prefixed(str(self)),)

    def _prefixed(self, text: str) -> str:
        prefix = ": ".join(part for part in (self.source, self.key) if part)
        return f"{prefix}: {text}" if prefix else text

    @property
    def reason(self) -> str:
        """The message without the file and key, in English."""
        return _filled(self.message, self.values)

    def told(self, lang: Language) -> str:
        return self._prefixed(super().told(lang))


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
