"""The settings, and with them the declaration of every key of the config file.

Each section of the file is a frozen dataclass below, each key one of its fields: type,
constraints, meaning and default in one annotation (see :mod:`intake.config.keys`).
Checks that tie two keys together, and values made from others (the deadline in its time
zone, the port of a security mode), are in ``__post_init__``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from intake.config.criteria import Criteria, default_criteria
from intake.config.keys import Check, HostName, Invalid, Key, Number, Text, Whole, shown
from intake.errors import ConfigError

DEFAULT_DATA_DIR = "intake-data"
DEFAULT_DATABASE = "intake.sqlite3"
DEFAULT_DATABASE_URL = f"sqlite:///{DEFAULT_DATA_DIR}/{DEFAULT_DATABASE}"

Security = Literal["tls", "starttls", "none"]
SECURITY_CHOICES: tuple[Security, ...] = ("tls", "starttls", "none")
DEFAULT_PORTS: dict[Security, int] = {"tls": 993, "starttls": 143, "none": 143}
Language = Literal["nl", "en"]
LANGUAGES: tuple[Language, ...] = ("nl", "en")


# --- values made from what the file says ------------------------------------------------


def _time_zone(value: object) -> ZoneInfo:
    if isinstance(value, ZoneInfo):
        return value
    if not isinstance(value, str) or not value.strip():
        raise Invalid(f'expected a time zone such as "Europe/Amsterdam", got {shown(value)}')
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise Invalid(f"unknown time zone {shown(value)}") from exc


def _wall_time(value: object) -> datetime:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError as exc:
            raise Invalid(f"not an ISO 8601 date-time: {shown(value)}") from exc
    raise Invalid(f'expected a date-time such as "2017-06-01T17:00:00", got {shown(value)}')


def _in_zone(wall: datetime, timezone: ZoneInfo) -> datetime:
    """The wall time ``wall`` in ``timezone``; refused when a DST change makes it a guess,
    or when it lies so near the ends of the calendar that it has no time in UTC."""
    try:
        if wall.tzinfo is not None:
            return wall.astimezone(timezone)
        first = wall.replace(tzinfo=timezone, fold=0)
        roundtrip = first.astimezone(ZoneInfo("UTC")).astimezone(timezone)
    except OverflowError as exc:
        raise Invalid(f"{wall.isoformat()} is not a usable date") from exc
    if roundtrip.replace(tzinfo=None) != wall:
        raise Invalid(f"{wall.isoformat()} does not exist in {timezone.key} (DST starts)")
    if first.utcoffset() != wall.replace(tzinfo=timezone, fold=1).utcoffset():
        raise Invalid(
            f"{wall.isoformat()} occurs twice in {timezone.key} (DST ends); "
            "give an explicit UTC offset"
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
        raise ConfigError(str(exc), key="campaign.deadline") from exc


def _imap_keyword(value: str) -> str:
    if any(c in value for c in ' ()"\\%*]{') or not value.isascii() or not value.isprintable():
        raise Invalid(
            f'not a valid IMAP keyword (no spaces, no ( ) " \\ % * ] {{), got {shown(value)}'
        )
    return value


def _no_control_characters(value: str) -> str:
    if any(ord(char) < 32 for char in value):
        raise Invalid(f"a path may not hold control characters, got {shown(value)}")
    return value


def _file_beside_config(value: object, folder: Path) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise Invalid(f"expected the path of a file, got {shown(value)}")
    path = (folder / _no_control_characters(value)).resolve()
    if not path.is_file():
        raise Invalid(f"no such file: {path}")
    return path


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
UrlBesideConfig = Annotated[Text, Check(resolve_sqlite_url, beside_config=True)]


# --- the sections -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class CampaignSettings:
    """The call for nominations: its name, deadline, limits and criteria."""

    name: Annotated[
        Text,
        Key(
            "The name of the call, shown in digests and acknowledgements.",
            example="Koplopers Cliëntondersteuning",
        ),
    ]
    timezone: Annotated[
        TimeZone,
        Key(
            "The time zone of the deadline; summer and winter time are taken care of.",
            example="Europe/Amsterdam",
        ),
    ]
    deadline: Annotated[
        WallTime,
        Key(
            "Wall time in `timezone`; a message received at or before it is on time. A time "
            "that does not exist or occurs twice (DST change) is refused; an explicit UTC "
            "offset is accepted.",
            example="2017-06-01T17:00:00",
        ),
    ]
    """Aware datetime in :attr:`timezone`; a message received at or before it is on time."""
    max_pages: Annotated[Whole, Key("At most this many A4 pages per nomination.", gt=0)] = 1
    words_per_page: Annotated[
        Whole,
        Key("Words on an A4 page, for estimating the pages of a text that records none.", gt=0),
    ] = 500
    grace_seconds: Annotated[
        Whole,
        Key(
            "Received this many seconds after the deadline still counts as on time; "
            "recorded in every verdict.",
            ge=0,
        ),
    ] = 0
    skew_minutes: Annotated[
        Number,
        Key("A sender's clock further than this from our receipt time is pointed out.", gt=0),
    ] = 10.0
    min_criteria: Annotated[
        Whole,
        Key("A frontrunner meets at least this many of the criteria: a hint for the jury.", gt=0),
    ] = 2
    reference_prefix: Annotated[
        Text,
        Key(
            "Prefix of the references given to filed messages: KCO-0001, KCO-0002, …",
            problem="use letters, digits and _ only",
            pattern=r"^[A-Za-z0-9_]+$",
        ),
    ] = "KCO"
    language: Annotated[Language, Key("Language of the texts for people.")] = "nl"
    criteria: Annotated[
        Criteria,
        Key(
            "The call's assessment criteria, one table each; after changing them, run "
            "`intake reprocess --all`.",
            default_text="the 2017 call's three",
            problem="name at least one criterion, or leave them out for the 2017 call's three",
            commented=True,
            min_length=1,
        ),
    ] = field(default_factory=default_criteria)

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "deadline", _in_zone(self.deadline, self.timezone))
        except Invalid as exc:
            raise Invalid(str(exc), "deadline") from exc
        if self.min_criteria > len(self.criteria):
            raise Invalid(f"more than the {len(self.criteria)} criteria configured", "min_criteria")


@dataclass(frozen=True, slots=True, kw_only=True)
class MailboxSettings:
    """The IMAP mailbox the nominations arrive in; `poll` and `run` need it."""

    host: Annotated[
        Text, Key("The IMAP server the nominations are sent to.", example="imap.example.nl")
    ]
    security: Annotated[
        Security,
        Key(
            "Implicit TLS (port 993), STARTTLS (port 143) or none (loopback only); "
            "certificates are verified."
        ),
    ] = "tls"
    port: Annotated[
        Whole,
        Key(
            "The IMAP server's port.",
            example=993,
            default_text="993 for tls, else 143",
            problem="not a TCP port (1 to 65535)",
            ge=1,
            le=65535,
        ),
    ] = 0
    """0 when not given: the usual port of :attr:`security`."""
    username: Annotated[
        Text, Key("The account the nominations are sent to.", example="koplopers@example.nl")
    ]
    password_env: Annotated[
        Text,
        Key(
            "The environment variable holding the password, or `<NAME>_FILE` naming a file "
            "that holds it; the password itself never goes in the config file.",
            problem="must be the name of an environment variable",
            pattern=r"^[A-Za-z_][A-Za-z0-9_]*$",
        ),
    ] = "INTAKE_IMAP_PASSWORD"  # noqa: S105 (the name of a variable, not a password)
    folder: Annotated[Text, Key("The folder the nominations arrive in.")] = "INBOX"
    filed_keyword: Annotated[
        ImapKeyword,
        Key(
            "Keyword set on each message once it is safely filed. Mail is never deleted and "
            "`\\Seen` is never read or changed, so reading the inbox in a mail client is "
            "harmless."
        ),
    ] = "$IntakeFiled"
    move_to: Annotated[
        Text | None,
        Key(
            "Move filed messages to this existing folder (the server must support MOVE); "
            "left out, they stay where they are.",
            example="Gearchiveerd",
            default_text="not set",
            commented=True,
        ),
    ] = None
    ca_file: Annotated[
        FileBesideConfig | None,
        Key(
            "A CA bundle to trust instead of the system's, for a server with a private "
            "certificate; relative to the config file.",
            example="imap-ca.pem",
            default_text="the system's",
            commented=True,
        ),
    ] = None
    connect_timeout_seconds: Annotated[
        Number,
        Key(
            "Time allowed to connect, set up TLS and receive the server's greeting, in "
            "seconds; a server that hangs there fails this fast, and is tried again.",
            gt=0,
        ),
    ] = 10.0
    timeout_seconds: Annotated[
        Number,
        Key("Network timeout per operation once connected, in seconds.", gt=0),
    ] = 60.0
    batch_messages: Annotated[Whole, Key("Messages fetched per round trip.", gt=0)] = 50
    batch_bytes: Annotated[
        Whole,
        Key("The most bytes fetched in one round trip.", default_text="`26214400` (25 MiB)", gt=0),
    ] = 25 * 1024 * 1024
    retries: Annotated[Whole, Key("Reconnect this many times when the connection drops.", ge=0)] = 4
    retry_backoff_seconds: Annotated[
        Number,
        Key("Wait this long before the first reconnect, twice as long before each next one.", gt=0),
    ] = 2.0

    def __post_init__(self) -> None:
        if self.port == 0:
            object.__setattr__(self, "port", DEFAULT_PORTS[self.security])
        if self.move_to is not None and self.move_to == self.folder:
            raise Invalid(f"must name a folder other than {shown(self.folder)}", "move_to")

    @property
    def account(self) -> str:
        """The mailbox's name for checkpoints: ``user@host`` (the port or TLS mode may change)."""
        return f"{self.username}@{self.host}"

    def password(self, environ: Mapping[str, str] | None = None) -> str:
        """Read the password from the environment variable, or the file ``<NAME>_FILE`` names."""
        env = os.environ if environ is None else environ
        value = env.get(self.password_env)
        if value:
            return value
        file_var = f"{self.password_env}_FILE"
        path = env.get(file_var)
        if path:
            try:
                return Path(path).read_text(encoding="utf-8").rstrip("\r\n")
            except OSError as exc:
                raise ConfigError(
                    f"cannot read the password file that {file_var} names ({path}): {exc.strerror}",
                    key="mailbox.password_env",
                ) from exc
        raise ConfigError(
            f"environment variable {self.password_env} (or {file_var}) is not set",
            key="mailbox.password_env",
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class StoreSettings:
    """Where filed messages are kept."""

    url: Annotated[
        UrlBesideConfig,
        Key(
            "SQLAlchemy database URL; a relative SQLite path is relative to the config file.",
            default_text=f"`{DEFAULT_DATABASE_URL}` beside the config file",
            commented=True,
        ),
    ] = DEFAULT_DATABASE_URL


@dataclass(frozen=True, slots=True, kw_only=True)
class TrustSettings:
    """Which headers were written by our own receiving mail server, and so can be believed."""

    receiving_hosts: Annotated[
        tuple[HostName, ...],
        Key(
            "The host names your own mail server writes in `Received: … by HOST` headers; "
            "the receipt time of imported mail comes from the topmost header by one of them. "
            "Left empty, the topmost Received header counts. Never put a placeholder here: a "
            "name no header holds leaves imported mail with its file's date or, for a single "
            ".eml, the sender's clock. Poll and import name the hosts they saw when none "
            "matches."
        ),
    ] = ()
    authserv_ids: Annotated[
        tuple[HostName, ...],
        Key(
            "The authserv-id it writes in `Authentication-Results` headers; only those "
            "headers are believed (none given: no sender is shown as verified).",
            example=("mx.example.nl",),
        ),
    ] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsingSettings:
    """Limits on reading attachments: each is read in a worker process, within them."""

    workers: Annotated[
        Whole, Key("Worker processes reading attachments; 0 is one per CPU core.", ge=0)
    ] = 0
    time_limit_seconds: Annotated[
        Number,
        Key(
            "Wall time each step may take: reading a message, reading one attachment, or "
            "judging a message; in seconds.",
            gt=0,
            le=86_400,
        ),
    ] = 60.0
    memory_limit_mb: Annotated[
        Whole,
        Key(
            "Address space of one worker, in MB.",
            problem="from 256 MB (what a parser needs) to 1048576 MB (1 TB)",
            ge=256,
            le=1_048_576,
        ),
    ] = 1024
    max_document_mb: Annotated[
        Number, Key("Larger files are not read (the problem `too-large`).", gt=0)
    ] = 50.0
    max_pages: Annotated[
        Whole, Key("Text is read from at most this many pages of one PDF.", gt=0)
    ] = 200
    max_depth: Annotated[
        Whole,
        Key("How deep containers may nest (a ZIP in a forwarded message in a message …).", gt=0),
    ] = 4

    @property
    def processes(self) -> int:
        return self.workers or os.cpu_count() or 1


@dataclass(frozen=True, slots=True, kw_only=True)
class ScheduleSettings:
    """When `intake run` does its work."""

    poll_minutes: Annotated[
        Number, Key("How often `intake run` polls the mailbox, in minutes.", gt=0)
    ] = 5.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """Everything intake needs, loaded once and passed down."""

    campaign: CampaignSettings
    mailbox: MailboxSettings | None = None
    store: StoreSettings = field(default_factory=StoreSettings)
    trust: TrustSettings = field(default_factory=TrustSettings)
    parsing: ParsingSettings = field(default_factory=ParsingSettings)
    schedule: ScheduleSettings = field(default_factory=ScheduleSettings)
    source: str = "<defaults>"
    """The file the settings came from, for messages."""

    def require_mailbox(self) -> MailboxSettings:
        if self.mailbox is None:
            raise ConfigError("section [mailbox] is missing", key="mailbox", source=self.source)
        return self.mailbox

    def mailbox_password(self, environ: Mapping[str, str] | None = None) -> str:
        """The IMAP password from the environment; a clear error naming the key if unset."""
        try:
            return self.require_mailbox().password(environ)
        except ConfigError as exc:
            if exc.source is not None:
                raise
            raise ConfigError(exc.reason, key=exc.key, source=self.source) from exc


__all__ = [
    "DEFAULT_DATABASE",
    "DEFAULT_DATABASE_URL",
    "DEFAULT_DATA_DIR",
    "DEFAULT_PORTS",
    "LANGUAGES",
    "SECURITY_CHOICES",
    "CampaignSettings",
    "Language",
    "MailboxSettings",
    "ParsingSettings",
    "ScheduleSettings",
    "Security",
    "Settings",
    "StoreSettings",
    "TrustSettings",
    "parse_deadline",
    "resolve_sqlite_url",
]
