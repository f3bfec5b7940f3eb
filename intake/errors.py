"""The exception tree of intake.

::

    IntakeError                   everything intake raises on purpose
    ├── ConfigError               the configuration is missing, invalid or incomplete  (exit 2)
    │   └── MailboxSetupError     the mailbox settings do not fit the server: the TLS mode
    │                             for the port, a folder that does not exist, a certificate
    │                             not trusted, a login refused for want of encryption
    ├── OperationalError          the run could not do its work                        (exit 3)
    │   ├── MailboxError          the IMAP server was unreachable or refused us
    │   │   ├── MailboxAuthError  the server refused the login
    │   │   └── ConnectionLost    passing: refused, reset, timed out, the server unavailable
    │   └── StoreUnavailable      the database could not be opened or written
    └── NotFound                  a reference named on the command line does not exist (exit 4)

Third-party errors are translated at the edge with ``raise ... from exc`` so the
command line can map each family to one exit code.

Only :class:`ConnectionLost` is worth a retry: a poll reconnects after it, ``intake run``
tries again at its next poll.  A :class:`MailboxSetupError` is never retried (retrying
cannot change the settings); its message names the key and the fix.  A
:class:`MailboxAuthError` is never retried within a poll, and ``intake run`` stops after a
few in a row rather than have the account locked.

The message of an error is for people: an English text marked for the catalog
(:func:`~intake.language.N_`) with ``{name}`` fields, and the values for them.  ``str()``
gives it in English; :meth:`IntakeError.told` in the reader's language.  A value that is
itself a text for people ("a whole number" in "expected {expected}, got 2.5") is a
:class:`Phrase`: it is translated too, before it is filled in.  A third-party error's own
words never go into it: they are for the log (``-vv``).
"""

from __future__ import annotations

import errno

from intake.language import N_, Language


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
        """The message in ``lang``; a value that is itself a text (a :class:`Phrase`) or an
        error is told in it too."""
        if not self.message:
            return ""
        values = {
            name: lang._(value)
            if isinstance(value, Phrase)
            else value.told(lang)
            if isinstance(value, IntakeError)
            else value
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

    def located(self, source: str) -> ConfigError:
        """This error naming ``source`` as its file, unless it names one already."""
        if self.source is None:
            self.source = source
            self.args = (self._prefixed(self.reason),)
        return self


class MailboxSetupError(ConfigError):
    """The mailbox settings do not fit the server; retrying cannot help.

    A TLS mode that the port does not speak, STARTTLS not offered, a certificate not
    trusted, a folder (or ``move_to``) that does not exist, a login refused over an
    unencrypted connection.  ``key`` names the setting to change.
    """


class OperationalError(IntakeError):
    """The run could not do its work (server unreachable, database locked, ...)."""

    exit_code = 3


class MailboxError(OperationalError):
    """The IMAP server could not be reached or answered with an error."""


class MailboxAuthError(MailboxError):
    """The IMAP server refused the login (user name or password)."""


class ConnectionLost(MailboxError):
    """The connection could not be made, timed out or dropped, or the server said it was
    unavailable for now: a passing failure, a retry may succeed."""


class SmtpSetupError(ConfigError):
    """The SMTP settings do not fit the server (a TLS mode its port does not speak, a
    certificate not trusted, a host that does not exist): retrying cannot help."""


class SmtpError(OperationalError):
    """Mail could not be sent: the SMTP server was unreachable after the retries, refused
    the login, or refused the message or its recipients."""


class SmtpPassing(SmtpError):
    """A passing failure (the connection refused, dropped or timed out, a 4xx answer):
    a later try may succeed."""


class StoreUnavailable(OperationalError):
    """The database could not be opened, migrated or written."""


class NotFound(IntakeError):
    """A reference named by the user does not exist."""

    exit_code = 4


def os_reason(exc: OSError) -> Phrase:
    """Why the system refused to write a file or folder, in words for people (its own
    words, in English, go to the log)."""
    if isinstance(exc, FileExistsError):
        return Phrase(N_("something of that name exists already"))
    if isinstance(exc, FileNotFoundError):
        return Phrase(N_("the folder it would go in does not exist"))
    if isinstance(exc, NotADirectoryError):
        return Phrase(N_("part of the path is a file, not a folder"))
    if isinstance(exc, IsADirectoryError):
        return Phrase(N_("it is a folder"))
    if isinstance(exc, PermissionError):
        return Phrase(N_("you may not write there"))
    if exc.errno == errno.ENOSPC:
        return Phrase(N_("the disk is full"))
    if exc.errno == errno.EROFS:
        return Phrase(N_("that file system is read-only"))
    return Phrase(N_("the system refused (details with -vv)"))
