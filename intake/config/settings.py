"""The settings, and with them the declaration of every key of the config file.

Each section of the file is a frozen dataclass below, each key one of its fields: type,
constraints, meaning and default in one annotation (see :mod:`intake.config.keys`); the
class attribute ``about`` says what the section is for.
Checks that tie two keys together, and values made from others (the deadline in its time
zone, the port of a security mode), are in ``__post_init__``.
"""

from __future__ import annotations

import email.policy
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from email.headerregistry import Address
from pathlib import Path
from typing import Annotated, ClassVar, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from intake.config.criteria import Criteria, default_criteria
from intake.config.keys import Check, HostName, Invalid, Key, Number, Text, Whole, shown
from intake.errors import ConfigError, Phrase
from intake.language import N_

log = logging.getLogger(__name__)

DEFAULT_DATA_DIR = "intake-data"
DEFAULT_DATABASE = "intake.sqlite3"
DEFAULT_DATABASE_URL = f"sqlite:///{DEFAULT_DATA_DIR}/{DEFAULT_DATABASE}"

Security = Literal["tls", "starttls", "none"]
SECURITY_CHOICES: tuple[Security, ...] = ("tls", "starttls", "none")
DEFAULT_PORTS: dict[Security, int] = {"tls": 993, "starttls": 143, "none": 143}
SMTP_PORTS: dict[Security, int] = {"tls": 465, "starttls": 587, "none": 25}
Language = Literal["nl", "en"]
LANGUAGES: tuple[Language, ...] = ("nl", "en")


# --- values made from what the file says ------------------------------------------------


def _time_zone(value: object) -> ZoneInfo:
    if isinstance(value, ZoneInfo):
        return value
    if not isinstance(value, str) or not value.strip():
        raise Invalid(
            N_("expected a time zone such as {example}, got {got}"),
            example='"Europe/Amsterdam"',
            got=shown(value),
        )
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise Invalid(N_("unknown time zone {got}"), got=shown(value)) from exc


def _wall_time(value: object) -> datetime:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError as exc:
            raise Invalid(
                N_("not an ISO 8601 date-time such as {example}, got {got}"),
                example='"2017-06-01T17:00:00"',
                got=shown(value),
            ) from exc
    raise Invalid(
        N_("expected a date-time such as {example}, got {got}"),
        example='"2017-06-01T17:00:00"',
        got=shown(value),
    )


def _in_zone(wall: datetime, timezone: ZoneInfo) -> datetime:
    """The wall time ``wall`` in ``timezone``; refused when a DST change makes it a guess,
    or when it lies so near the ends of the calendar that it has no time in UTC."""
    try:
        if wall.tzinfo is not None:
            return wall.astimezone(timezone)
        first = wall.replace(tzinfo=timezone, fold=0)
        roundtrip = first.astimezone(ZoneInfo("UTC")).astimezone(timezone)
    except OverflowError as exc:
        raise Invalid(N_("{moment} is not a usable date"), moment=wall.isoformat()) from exc
    if roundtrip.replace(tzinfo=None) != wall:
        raise Invalid(
            N_("{moment} does not exist in {zone} (summer time starts)"),
            moment=wall.isoformat(),
            zone=timezone.key,
        )
    if first.utcoffset() != wall.replace(tzinfo=timezone, fold=1).utcoffset():
        raise Invalid(
            N_(
                "{moment} occurs twice in {zone} (summer time ends); give an explicit UTC "
                "offset, such as {example}"
            ),
            moment=wall.isoformat(),
            zone=timezone.key,
            example=wall.replace(tzinfo=timezone, fold=0).isoformat(),
        )
    return first


def parse_deadline(value: object, timezone: ZoneInfo) -> datetime:
    """Turn the configured deadline (wall time in ``timezone``) into an aware datetime.

    A wall time that does not exist (skipped by a DST change) or exists twice is refused:
    the deadline of a call must never be a guess.
    """
    try:
        return _in_zone(_wall_time(value), timezone)
    except Invalid as exc:
        raise ConfigError(exc.message, key="campaign.deadline", source=None, **exc.values) from exc


_NOT_IN_KEYWORDS = ' ()"\\%*]{'
"""Characters an IMAP keyword (an ``atom``, RFC 3501) may not hold."""


def _imap_keyword(value: str) -> str:
    if any(c in value for c in _NOT_IN_KEYWORDS) or not value.isascii() or not value.isprintable():
        raise Invalid(
            N_("not a valid IMAP keyword (no spaces, no {characters}), got {got}"),
            characters=" ".join(_NOT_IN_KEYWORDS.strip()),
            got=shown(value),
        )
    return value


def _no_control_characters(value: str) -> str:
    if any(ord(char) < 32 for char in value):
        raise Invalid(N_("a path may not hold control characters, got {got}"), got=shown(value))
    return value


def _file_beside_config(value: object, folder: Path) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise Invalid(N_("expected the path of a file, got {got}"), got=shown(value))
    path = (folder / _no_control_characters(value)).resolve()
    if not path.is_file():
        raise Invalid(N_("no such file: {path}"), path=str(path))
    return path


def _folder_beside_config(value: object, folder: Path) -> Path:
    if not isinstance(value, str | Path) or not str(value).strip():
        raise Invalid(N_("expected the path of a folder, got {got}"), got=shown(value))
    path = (folder / _no_control_characters(str(value))).resolve()
    if path.exists() and not path.is_dir():
        raise Invalid(N_("{path} is a file, not a folder"), path=str(path))
    return path


def _mail_address(value: str) -> str:
    """An address as a mail header holds it: ``name@example.nl`` or ``Name <name@example.nl>``."""
    if any(ord(char) < 32 or ord(char) == 127 for char in value):
        raise Invalid(N_("an address may not hold line breaks or control characters"))
    header = email.policy.default.header_factory("To", value)
    addresses: tuple[Address, ...] = getattr(header, "addresses", ())
    found = addresses[0] if len(addresses) == 1 else None
    if (
        header.defects
        or found is None
        or not found.username
        or "." not in found.domain
        or " " in found.addr_spec
    ):
        raise Invalid(
            N_("not a mail address such as {example}, got {got}"),
            example='"coordinator@example.nl"',
            got=shown(value),
        )
    return value.strip()


def why_unreadable(exc: OSError | UnicodeDecodeError) -> Phrase:
    """Why a file could not be read, in words for people (the system's own go to the log)."""
    if isinstance(exc, UnicodeDecodeError):
        return Phrase(N_("it is not UTF-8 text"))
    if isinstance(exc, FileNotFoundError):
        return Phrase(N_("there is no such file"))
    if isinstance(exc, IsADirectoryError):
        return Phrase(N_("it is a folder, not a file"))
    if isinstance(exc, PermissionError):
        return Phrase(N_("you may not read it"))
    return Phrase(N_("the system refused (details with -vv)"))


def resolve_sqlite_url(url: str, base: Path) -> str:
    """Make a relative SQLite path relative to the config file, not the working directory."""
    _no_control_characters(url)
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/"):
        rest = url[len(prefix) :]
        if rest and rest != ":memory:" and not rest.startswith("file:"):
            return prefix + str((base / rest).resolve())
    return url


TimeZone = Annotated[ZoneInfo, Check(_time_zone)]
WallTime = Annotated[datetime, Check(_wall_time)]
ImapKeyword = Annotated[Text, Check(_imap_keyword)]
FileBesideConfig = Annotated[Path, Check(_file_beside_config, beside_config=True)]
FolderBesideConfig = Annotated[Path, Check(_folder_beside_config, beside_config=True)]
MailAddress = Annotated[Text, Check(_mail_address)]
UrlBesideConfig = Annotated[Text, Check(resolve_sqlite_url, beside_config=True)]


# --- the sections -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class CampaignSettings:
    """The call for nominations: its name, deadline, limits and criteria."""

    about: ClassVar[str] = N_("The call for nominations: its name, deadline, limits and criteria.")

    name: Annotated[
        Text,
        Key(
            N_("The name of the call, shown in digests and acknowledgements."),
            example="Koplopers Cliëntondersteuning",
        ),
    ]
    timezone: Annotated[
        TimeZone,
        Key(
            N_("The time zone of the deadline; summer and winter time are taken care of."),
            example="Europe/Amsterdam",
        ),
    ]
    deadline: Annotated[
        WallTime,
        Key(
            N_(
                "Wall time in `timezone`; a message received at or before it is on time. A time "
                "that does not exist or occurs twice (DST change) is refused; an explicit UTC "
                "offset is accepted."
            ),
            example="2017-06-01T17:00:00",
        ),
    ]
    """Aware datetime in :attr:`timezone`; a message received at or before it is on time."""
    max_pages: Annotated[Whole, Key(N_("At most this many A4 pages per nomination."), gt=0)] = 1
    words_per_page: Annotated[
        Whole,
        Key(N_("Words on an A4 page, for estimating the pages of a text that records none."), gt=0),
    ] = 500
    grace_seconds: Annotated[
        Whole,
        Key(
            N_(
                "Received this many seconds after the deadline still counts as on time; "
                "recorded in every verdict."
            ),
            ge=0,
        ),
    ] = 0
    skew_minutes: Annotated[
        Number,
        Key(N_("A sender's clock further than this from our receipt time is pointed out."), gt=0),
    ] = 10.0
    min_criteria: Annotated[
        Whole,
        Key(
            N_("A frontrunner meets at least this many of the criteria: a hint for the jury."), gt=0
        ),
    ] = 2
    reference_prefix: Annotated[
        Text,
        Key(
            N_("Prefix of the references given to filed messages: KCO-0001, KCO-0002, …"),
            problem=N_("use letters, digits and _ only"),
            pattern=r"^[A-Za-z0-9_]+$",
        ),
    ] = "KCO"
    language: Annotated[Language, Key(N_("Language of the texts for people."))] = "nl"
    criteria: Annotated[
        Criteria,
        Key(
            N_(
                "The call's assessment criteria, one table each; after changing them, run "
                "`intake reprocess --all`."
            ),
            default_text=N_("the 2017 call's three"),
            problem=N_("name at least one criterion, or leave them out for the 2017 call's three"),
            commented=True,
            min_length=1,
        ),
    ] = field(default_factory=default_criteria)

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "deadline", _in_zone(self.deadline, self.timezone))
        except Invalid as exc:
            exc.path = ("deadline", *exc.path)
            raise
        if self.min_criteria > len(self.criteria):
            raise Invalid(
                N_("must be at most the number of criteria ({count}), got {got}"),
                "min_criteria",
                count=len(self.criteria),
                got=self.min_criteria,
            )


@dataclass(frozen=True, slots=True, kw_only=True)
class MailboxSettings:
    """The IMAP mailbox the nominations arrive in; `poll` and `run` need it."""

    about: ClassVar[str] = N_(
        "The IMAP mailbox the nominations arrive in; `poll` and `run` need it."
    )

    host: Annotated[
        Text, Key(N_("The IMAP server the nominations are sent to."), example="imap.example.nl")
    ]
    security: Annotated[
        Security,
        Key(
            N_(
                "Implicit TLS (port 993), STARTTLS (port 143) or none (loopback only); "
                "certificates are verified."
            )
        ),
    ] = "tls"
    port: Annotated[
        Whole,
        Key(
            N_("The IMAP server's port."),
            example=993,
            default_text=N_("993 for tls, else 143"),
            problem=N_("not a TCP port (1 to 65535)"),
            ge=1,
            le=65535,
        ),
    ] = 0
    """0 when not given: the usual port of :attr:`security`."""
    username: Annotated[
        Text, Key(N_("The account the nominations are sent to."), example="koplopers@example.nl")
    ]
    password_env: Annotated[
        Text,
        Key(
            N_(
                "The environment variable holding the password, or `<NAME>_FILE` naming a file "
                "that holds it; the password itself never goes in the config file."
            ),
            problem=N_("must be the name of an environment variable"),
            pattern=r"^[A-Za-z_][A-Za-z0-9_]*$",
        ),
    ] = "INTAKE_IMAP_PASSWORD"  # noqa: S105 (the name of a variable, not a password)
    folder: Annotated[Text, Key(N_("The folder the nominations arrive in."))] = "INBOX"
    filed_keyword: Annotated[
        ImapKeyword,
        Key(
            N_(
                "Keyword set on each message once it is safely filed. Mail is never deleted and "
                "`\\Seen` is never read or changed, so reading the inbox in a mail client is "
                "harmless."
            )
        ),
    ] = "$IntakeFiled"
    move_to: Annotated[
        Text | None,
        Key(
            N_(
                "Move filed messages to this existing folder (the server must support MOVE); "
                "left out, they stay where they are."
            ),
            example="Gearchiveerd",
            default_text=N_("not set"),
            commented=True,
        ),
    ] = None
    ca_file: Annotated[
        FileBesideConfig | None,
        Key(
            N_(
                "A CA bundle to trust instead of the system's, for a server with a private "
                "certificate; relative to the config file."
            ),
            example="imap-ca.pem",
            default_text=N_("the system's"),
            commented=True,
        ),
    ] = None
    connect_timeout_seconds: Annotated[
        Number,
        Key(
            N_(
                "Time allowed to connect, set up TLS and receive the server's greeting, in "
                "seconds; a server that hangs there fails this fast, and is tried again."
            ),
            gt=0,
        ),
    ] = 10.0
    timeout_seconds: Annotated[
        Number,
        Key(N_("Network timeout per operation once connected, in seconds."), gt=0),
    ] = 60.0
    batch_messages: Annotated[Whole, Key(N_("Messages fetched per round trip."), gt=0)] = 50
    batch_bytes: Annotated[
        Whole,
        Key(
            N_("The most bytes fetched in one round trip."),
            default_text=N_("`{default}` (25 MiB)"),
            gt=0,
        ),
    ] = 25 * 1024 * 1024
    retries: Annotated[
        Whole, Key(N_("Reconnect this many times when the connection drops."), ge=0)
    ] = 4
    retry_backoff_seconds: Annotated[
        Number,
        Key(
            N_("Wait this long before the first reconnect, twice as long before each next one."),
            gt=0,
        ),
    ] = 2.0

    def __post_init__(self) -> None:
        if self.port == 0:
            object.__setattr__(self, "port", DEFAULT_PORTS[self.security])
        if self.move_to is not None and self.move_to == self.folder:
            raise Invalid(
                N_("must name a folder other than {folder}"), "move_to", folder=shown(self.folder)
            )

    @property
    def account(self) -> str:
        """The mailbox's name for checkpoints: ``user@host`` (the port or TLS mode may change)."""
        return f"{self.username}@{self.host}"

    def password(self, environ: Mapping[str, str] | None = None) -> str:
        """Read the password from the environment variable, or the file ``<NAME>_FILE`` names."""
        return secret(self.password_env, "mailbox.password_env", environ)


def secret(variable: str, key: str, environ: Mapping[str, str] | None = None) -> str:
    """The value of the environment variable ``variable``, or of the file ``<NAME>_FILE``
    names; a clear error naming the config ``key`` when neither is set."""
    env = os.environ if environ is None else environ
    value = env.get(variable)
    if value:
        return value
    file_var = f"{variable}_FILE"
    path = env.get(file_var)
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").rstrip("\r\n")
        except (OSError, UnicodeDecodeError) as exc:
            log.debug("reading the password file %s", path, exc_info=True)
            raise ConfigError(
                N_("cannot read the password file that {variable} names ({path}): {reason}"),
                key=key,
                variable=file_var,
                path=path,
                reason=why_unreadable(exc),
            ) from exc
    raise ConfigError(
        N_("the environment variable {variable} (or {file_variable}) is not set"),
        key=key,
        variable=variable,
        file_variable=file_var,
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class StoreSettings:
    """Where filed messages are kept."""

    about: ClassVar[str] = N_("Where filed messages are kept.")

    url: Annotated[
        UrlBesideConfig,
        Key(
            N_("SQLAlchemy database URL; a relative SQLite path is relative to the config file."),
            default_text=N_("`{default}` beside the config file"),
            commented=True,
        ),
    ] = DEFAULT_DATABASE_URL


@dataclass(frozen=True, slots=True, kw_only=True)
class TrustSettings:
    """Which headers were written by our own receiving mail server, and so can be believed."""

    about: ClassVar[str] = N_(
        "Which headers were written by our own receiving mail server, and so can be believed."
    )

    receiving_hosts: Annotated[
        tuple[HostName, ...],
        Key(
            N_(
                "The host names your own mail server writes in `Received: … by HOST` headers; "
                "the receipt time of imported mail comes from the topmost header by one of "
                "them. Left empty, the topmost Received header counts. Never put a placeholder "
                "here: a name no header holds leaves imported mail with its file's date or, "
                "for a single .eml, the sender's clock. Poll and import name the hosts they "
                "saw when none matches."
            ),
        ),
    ] = ()
    authserv_ids: Annotated[
        tuple[HostName, ...],
        Key(
            N_(
                "The authserv-id your own mail server writes in `Authentication-Results` "
                "headers; only those headers are believed. Left empty, no sender is shown as "
                "verified. Never put a placeholder here: anyone can write a header with it."
            ),
        ),
    ] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsingSettings:
    """Limits on reading attachments: each is read in a worker process, within them."""

    about: ClassVar[str] = N_(
        "Limits on reading attachments: each is read in a worker process, within them."
    )

    workers: Annotated[
        Whole, Key(N_("Worker processes reading attachments; 0 is one per CPU core."), ge=0)
    ] = 0
    time_limit_seconds: Annotated[
        Number,
        Key(
            N_(
                "Wall time each step may take: reading a message, reading one attachment, or "
                "judging a message; in seconds."
            ),
            gt=0,
            le=86_400,
        ),
    ] = 60.0
    memory_limit_mb: Annotated[
        Whole,
        Key(
            N_("Address space of one worker, in MB."),
            problem=N_("from 256 MB (what a parser needs) to 1048576 MB (1 TB)"),
            ge=256,
            le=1_048_576,
        ),
    ] = 1024
    max_document_mb: Annotated[
        Number, Key(N_("Larger files are not read (the problem `too-large`)."), gt=0)
    ] = 50.0
    max_pages: Annotated[
        Whole, Key(N_("Text is read from at most this many pages of one PDF."), gt=0)
    ] = 200
    max_depth: Annotated[
        Whole,
        Key(
            N_("How deep containers may nest (a ZIP in a forwarded message in a message …)."), gt=0
        ),
    ] = 4

    @property
    def processes(self) -> int:
        return self.workers or os.cpu_count() or 1


@dataclass(frozen=True, slots=True, kw_only=True)
class ScheduleSettings:
    """When `intake run` does its work."""

    about: ClassVar[str] = N_("When `intake run` does its work.")

    poll_minutes: Annotated[
        Number, Key(N_("How often `intake run` polls the mailbox, in minutes."), gt=0)
    ] = 5.0


@dataclass(frozen=True, slots=True, kw_only=True)
class SmtpSettings:
    """The mail server digests are sent through; `intake digest --send` needs it."""

    about: ClassVar[str] = N_(
        "The mail server digests are sent through; `intake digest --send` needs it."
    )

    host: Annotated[Text, Key(N_("The SMTP server for outgoing mail."), example="smtp.example.nl")]
    security: Annotated[
        Security,
        Key(
            N_(
                "Implicit TLS (port 465), STARTTLS (port 587) or none (loopback only); "
                "certificates are verified."
            )
        ),
    ] = "starttls"
    port: Annotated[
        Whole,
        Key(
            N_("The SMTP server's port."),
            example=587,
            default_text=N_("465 for tls, 587 for starttls, 25 for none"),
            problem=N_("not a TCP port (1 to 65535)"),
            ge=1,
            le=65535,
        ),
    ] = 0
    """0 when not given: the usual port of :attr:`security`."""
    username: Annotated[
        Text | None,
        Key(
            N_("The account to log in with."),
            example="koplopers@example.nl",
            default_text=N_("no login: mail is sent without logging in"),
        ),
    ] = None
    password_env: Annotated[
        Text,
        Key(
            N_(
                "The environment variable holding the SMTP password, or `<NAME>_FILE` naming "
                "a file that holds it."
            ),
            problem=N_("must be the name of an environment variable"),
            pattern=r"^[A-Za-z_][A-Za-z0-9_]*$",
        ),
    ] = "INTAKE_SMTP_PASSWORD"  # noqa: S105 (the name of a variable, not a password)
    sender: Annotated[
        MailAddress,
        Key(
            N_("The sender of what intake mails: an address, optionally with a name."),
            example="Koplopers Cliëntondersteuning <koplopers@example.nl>",
            name="from",
        ),
    ]
    ca_file: Annotated[
        FileBesideConfig | None,
        Key(
            N_(
                "A CA bundle to trust instead of the system's, for a server with a private "
                "certificate; relative to the config file."
            ),
            example="smtp-ca.pem",
            default_text=N_("the system's"),
            commented=True,
        ),
    ] = None
    timeout_seconds: Annotated[
        Number, Key(N_("Network timeout per step of sending, in seconds."), gt=0)
    ] = 30.0
    retries: Annotated[
        Whole, Key(N_("Try again this many times when sending fails for a passing reason."), ge=0)
    ] = 3
    retry_backoff_seconds: Annotated[
        Number,
        Key(
            N_("Wait this long before the first new try, twice as long before each next one."),
            gt=0,
        ),
    ] = 5.0

    def __post_init__(self) -> None:
        if self.port == 0:
            object.__setattr__(self, "port", SMTP_PORTS[self.security])

    def password(self, environ: Mapping[str, str] | None = None) -> str | None:
        """The SMTP password from the environment; None when no login is configured."""
        if self.username is None:
            return None
        return secret(self.password_env, "smtp.password_env", environ)


@dataclass(frozen=True, slots=True, kw_only=True)
class DigestSettings:
    """The coordinator's digest: who receives it."""

    about: ClassVar[str] = N_("The coordinator's digest: who receives it.")

    recipients: Annotated[
        tuple[MailAddress, ...],
        Key(
            N_("The addresses `intake digest --send` mails the digest to."),
            example=("coordinator@example.nl",),
        ),
    ] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class CloseSettings:
    """What `intake close` writes when the call has closed."""

    about: ClassVar[str] = N_("What `intake close` writes when the call has closed.")

    folder: Annotated[
        FolderBesideConfig,
        Key(
            N_(
                "The folder for the final digest, the jury dossier, the scoring sheet and the "
                "nominations' original documents; relative to the config file."
            ),
            default_text=N_("`{default}` beside the config file"),
            commented=True,
        ),
    ] = Path(DEFAULT_DATA_DIR) / "close"


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """Everything intake needs, loaded once and passed down."""

    campaign: CampaignSettings
    mailbox: MailboxSettings | None = None
    store: StoreSettings = field(default_factory=StoreSettings)
    trust: TrustSettings = field(default_factory=TrustSettings)
    parsing: ParsingSettings = field(default_factory=ParsingSettings)
    schedule: ScheduleSettings = field(default_factory=ScheduleSettings)
    smtp: SmtpSettings | None = None
    digest: DigestSettings = field(default_factory=DigestSettings)
    close: CloseSettings = field(default_factory=CloseSettings)
    source: str = "<defaults>"
    """The file the settings came from, for messages."""

    def require_mailbox(self) -> MailboxSettings:
        if self.mailbox is None:
            raise ConfigError(
                N_("section [{name}] is missing"), key="mailbox", source=self.source, name="mailbox"
            )
        return self.mailbox

    def require_smtp(self) -> SmtpSettings:
        if self.smtp is None:
            raise ConfigError(
                N_("section [{name}] is missing"), key="smtp", source=self.source, name="smtp"
            )
        return self.smtp

    def mailbox_password(self, environ: Mapping[str, str] | None = None) -> str:
        """The IMAP password from the environment; a clear error naming the key if unset."""
        try:
            return self.require_mailbox().password(environ)
        except ConfigError as exc:
            exc.located(self.source)
            raise

    def smtp_password(self, environ: Mapping[str, str] | None = None) -> str | None:
        """The SMTP password from the environment (None: no login); a clear error naming
        the key if unset."""
        try:
            return self.require_smtp().password(environ)
        except ConfigError as exc:
            exc.located(self.source)
            raise


__all__ = [
    "DEFAULT_DATABASE",
    "DEFAULT_DATABASE_URL",
    "DEFAULT_DATA_DIR",
    "DEFAULT_PORTS",
    "LANGUAGES",
    "SECURITY_CHOICES",
    "SMTP_PORTS",
    "CampaignSettings",
    "CloseSettings",
    "DigestSettings",
    "Language",
    "MailboxSettings",
    "ParsingSettings",
    "ScheduleSettings",
    "Security",
    "Settings",
    "SmtpSettings",
    "StoreSettings",
    "TrustSettings",
    "parse_deadline",
    "resolve_sqlite_url",
    "secret",
]
