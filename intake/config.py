"""Settings: one TOML file plus the environment, loaded once into frozen values.

The file is found by ``--config PATH``, else ``$INTAKE_CONFIG``, else ``./intake.toml``.
Every key is checked at start-up; an unknown, missing or invalid key raises
:class:`~intake.errors.ConfigError` naming the key and the file.  Secrets are never
read from the file: ``mailbox.password_env`` names the environment variable that
holds the password (or ``<NAME>_FILE``, a file holding it).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, TypeVar, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from intake.errors import ConfigError
from intake.judging.criteria import DEFAULT_CRITERIA, Criterion

DEFAULT_CONFIG_NAME = "intake.toml"
CONFIG_ENV = "INTAKE_CONFIG"
DEFAULT_DATA_DIR = "intake-data"
DEFAULT_DATABASE = "intake.sqlite3"

Security = Literal["tls", "starttls", "none"]
SECURITY_CHOICES: tuple[Security, ...] = ("tls", "starttls", "none")
DEFAULT_PORTS: dict[Security, int] = {"tls": 993, "starttls": 143, "none": 143}
LANGUAGES = ("nl", "en")


@dataclass(frozen=True, slots=True)
class CampaignSettings:
    """What makes one call for nominations: its name, deadline and limits."""

    name: str
    deadline: datetime
    """Aware datetime in :attr:`timezone`; a message received at or before it is on time."""
    timezone: ZoneInfo
    max_pages: int = 1
    words_per_page: int = 500
    """For estimating the pages of a text that records none (a mail body, a DOCX
    written by a program that does not count pages)."""
    reference_prefix: str = "KCO"
    language: str = "nl"
    grace_seconds: int = 0
    """Received this long after the deadline still counts as on time (recorded)."""
    skew_minutes: float = 10.0
    """A sender's clock this far from our receipt time is pointed out."""
    min_criteria: int = 2
    """A frontrunner meets at least this many criteria: a hint for the jury."""
    criteria: tuple[Criterion, ...] = DEFAULT_CRITERIA
    """The call's assessment criteria, with the terms that show a text addresses them."""


@dataclass(frozen=True, slots=True)
class TrustSettings:
    """Which headers were written by our own servers, and so can be believed."""

    receiving_hosts: tuple[str, ...] = ()
    """Host names in the ``by`` clause of our receiving server's ``Received:`` header;
    empty: the topmost ``Received:`` header is taken as ours."""
    authserv_ids: tuple[str, ...] = ()
    """The authserv-id of our server's ``Authentication-Results:`` header; empty: no
    such header is believed, so no sender is shown as verified."""


@dataclass(frozen=True, slots=True)
class MailboxSettings:
    """The IMAP mailbox the nominations arrive in."""

    host: str
    username: str
    password_env: str
    security: Security = "tls"
    port: int = 993
    folder: str = "INBOX"
    filed_keyword: str = "$IntakeFiled"
    move_to: str | None = None
    ca_file: Path | None = None
    timeout_seconds: float = 60.0
    batch_messages: int = 50
    batch_bytes: int = 25 * 1024 * 1024
    retries: int = 4
    retry_backoff_seconds: float = 2.0

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


@dataclass(frozen=True, slots=True)
class StoreSettings:
    """Where filed messages are kept."""

    url: str


@dataclass(frozen=True, slots=True)
class ScheduleSettings:
    """How often ``intake run`` polls."""

    poll_minutes: float = 5.0


@dataclass(frozen=True, slots=True)
class ParsingSettings:
    """Limits on reading attachments: each runs in a worker process within them."""

    workers: int = 0
    """Worker processes; 0 means one per CPU core."""
    time_limit_seconds: float = 60.0
    memory_limit_mb: int = 1024
    max_document_mb: float = 50.0
    max_pages: int = 200
    max_depth: int = 4

    @property
    def processes(self) -> int:
        return self.workers or os.cpu_count() or 1


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything intake needs, loaded once and passed down."""

    campaign: CampaignSettings
    store: StoreSettings
    mailbox: MailboxSettings | None = None
    schedule: ScheduleSettings = field(default_factory=ScheduleSettings)
    parsing: ParsingSettings = field(default_factory=ParsingSettings)
    trust: TrustSettings = field(default_factory=TrustSettings)
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


def find_config(explicit: str | os.PathLike[str] | None, environ: Mapping[str, str]) -> Path:
    """The config path: explicit, else ``$INTAKE_CONFIG``, else ``./intake.toml``."""
    if explicit:
        return Path(explicit)
    if environ.get(CONFIG_ENV):
        return Path(environ[CONFIG_ENV])
    return Path(DEFAULT_CONFIG_NAME)


def load_settings(
    path: str | os.PathLike[str] | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """Find, read and validate the config file."""
    env = os.environ if environ is None else environ
    config_path = find_config(path, env)
    source = str(config_path)
    try:
        text = config_path.read_bytes().decode("utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(
            "config file not found (give --config PATH, set INTAKE_CONFIG, "
            "or write one with `intake init`)",
            source=source,
        ) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError("config file is not UTF-8", source=source) from exc
    except OSError as exc:
        raise ConfigError(f"cannot read config file: {exc.strerror}", source=source) from exc
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", source=source) from exc
    return settings_from_mapping(document, source=source, base_dir=config_path.parent)


T = TypeVar("T")


class _Table:
    """One TOML table being read: typed getters that name the key on error."""

    def __init__(self, data: Mapping[str, Any], name: str, source: str):
        self.data = data
        self.name = name
        self.source = source
        self.seen: set[str] = set()

    def key(self, key: str) -> str:
        return f"{self.name}.{key}"

    def error(self, key: str, message: str) -> ConfigError:
        return ConfigError(message, key=self.key(key), source=self.source)

    def get(
        self, key: str, kind: type[T], default: T | None = None, *, required: bool = False
    ) -> T:
        self.seen.add(key)
        if key not in self.data:
            if required or default is None:
                raise self.error(key, "required key is missing")
            return default
        value = self.data[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.error(key, f"expected {_kind_name(kind)}, got {_kind_name(type(value))}")
        return value

    def optional(self, key: str, kind: type[T]) -> T | None:
        if key not in self.data:
            self.seen.add(key)
            return None
        return self.get(key, kind)

    def text(self, key: str, default: str | None = None) -> str:
        value = self.get(key, str, default, required=default is None)
        if not value.strip():
            raise self.error(key, "must not be empty")
        return value

    def positive(self, key: str, kind: type[T], default: T) -> T:
        value = self.get(key, kind, default)
        if value <= 0:  # type: ignore[operator]
            raise self.error(key, f"must be greater than zero, got {value}")
        return value

    def names(self, key: str) -> tuple[str, ...]:
        """An optional array of non-empty strings (host names, identifiers)."""
        values = self.get(key, list, [])
        if not all(isinstance(v, str) and v.strip() for v in values):
            raise self.error(key, "expected an array of non-empty strings")
        return tuple(v.strip().lower() for v in values)

    def names_raw(self, key: str) -> tuple[str, ...]:
        """A required array of non-empty strings, kept as written."""
        self.seen.add(key)
        values = self.data.get(key)
        if not isinstance(values, list) or not values:
            raise self.error(key, "expected a non-empty array of strings")
        if not all(isinstance(v, str) and v.strip() for v in values):
            raise self.error(key, "expected a non-empty array of strings")
        return tuple(values)

    def finish(self) -> None:
        unknown = sorted(set(self.data) - self.seen)
        if unknown:
            raise self.error(unknown[0], "unknown key (check its spelling)")


def _kind_name(kind: type) -> str:
    return {
        str: "a string",
        int: "a whole number",
        float: "a number",
        bool: "true or false",
        dict: "a table",
        list: "an array",
        datetime: "a date-time",
    }.get(kind, kind.__name__)


def _section(document: Mapping[str, Any], name: str, source: str) -> _Table | None:
    if name not in document:
        return None
    value = document[name]
    if not isinstance(value, dict):
        raise ConfigError(f"expected a table [{name}]", key=name, source=source)
    return _Table(value, name, source)


def settings_from_mapping(
    document: Mapping[str, Any], *, source: str = "<defaults>", base_dir: Path | None = None
) -> Settings:
    """Validate a parsed TOML document into :class:`Settings`."""
    known = {"campaign", "mailbox", "store", "schedule", "parsing", "trust"}
    for name in sorted(set(document) - known):
        raise ConfigError("unknown section (check its spelling)", key=name, source=source)
    base = base_dir if base_dir is not None else Path.cwd()

    campaign_table = _section(document, "campaign", source)
    if campaign_table is None:
        raise ConfigError("section [campaign] is missing", key="campaign", source=source)
    campaign = _campaign(campaign_table)

    mailbox_table = _section(document, "mailbox", source)
    mailbox = _mailbox(mailbox_table, base) if mailbox_table is not None else None

    store_table = _section(document, "store", source) or _Table({}, "store", source)
    store = _store(store_table, base)

    schedule_table = _section(document, "schedule", source) or _Table({}, "schedule", source)
    schedule = ScheduleSettings(poll_minutes=schedule_table.positive("poll_minutes", float, 5.0))
    schedule_table.finish()

    parsing_table = _section(document, "parsing", source) or _Table({}, "parsing", source)
    parsing = _parsing(parsing_table)

    trust_table = _section(document, "trust", source) or _Table({}, "trust", source)
    trust = TrustSettings(
        receiving_hosts=trust_table.names("receiving_hosts"),
        authserv_ids=trust_table.names("authserv_ids"),
    )
    trust_table.finish()

    return Settings(
        campaign=campaign,
        mailbox=mailbox,
        store=store,
        schedule=schedule,
        parsing=parsing,
        trust=trust,
        source=source,
    )


def _parsing(table: _Table) -> ParsingSettings:
    workers = table.get("workers", int, 0)
    if workers < 0:
        raise table.error("workers", "must be 0 (one per core) or more")
    parsing = ParsingSettings(
        workers=workers,
        time_limit_seconds=table.positive("time_limit_seconds", float, 60.0),
        memory_limit_mb=table.positive("memory_limit_mb", int, 1024),
        max_document_mb=table.positive("max_document_mb", float, 50.0),
        max_pages=table.positive("max_pages", int, 200),
        max_depth=table.positive("max_depth", int, 4),
    )
    if parsing.memory_limit_mb < 256:
        raise table.error("memory_limit_mb", "at least 256 MB is needed to run a parser")
    table.finish()
    return parsing


def _campaign(table: _Table) -> CampaignSettings:
    name = table.text("name")
    tz_name = table.text("timezone")
    try:
        timezone = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise table.error("timezone", f"unknown time zone {tz_name!r}") from exc
    table.seen.add("deadline")
    if "deadline" not in table.data:
        raise table.error("deadline", "required key is missing")
    deadline = parse_deadline(table.data["deadline"], timezone, table.error)
    max_pages = table.positive("max_pages", int, 1)
    words_per_page = table.positive("words_per_page", int, 500)
    grace_seconds = table.get("grace_seconds", int, 0)
    if grace_seconds < 0:
        raise table.error("grace_seconds", "must be zero or more")
    skew_minutes = table.positive("skew_minutes", float, 10.0)
    criteria = _criteria(table)
    min_criteria = table.positive("min_criteria", int, 2)
    if min_criteria > len(criteria):
        raise table.error("min_criteria", f"more than the {len(criteria)} criteria configured")
    prefix = table.text("reference_prefix", "KCO")
    if not prefix.replace("_", "").isalnum() or not prefix.isascii():
        raise table.error("reference_prefix", "use letters, digits and _ only")
    language = table.text("language", "nl")
    if language not in LANGUAGES:
        raise table.error("language", f"must be one of {', '.join(LANGUAGES)}")
    table.finish()
    return CampaignSettings(
        name=name,
        deadline=deadline,
        timezone=timezone,
        max_pages=max_pages,
        words_per_page=words_per_page,
        grace_seconds=grace_seconds,
        skew_minutes=skew_minutes,
        min_criteria=min_criteria,
        criteria=criteria,
        reference_prefix=prefix,
        language=language,
    )


def _criteria(table: _Table) -> tuple[Criterion, ...]:
    """``[[campaign.criteria]]`` tables (id, title, description, terms); default: the 2017
    call's three criteria."""
    items = table.get("criteria", list, [])
    if not items:
        return DEFAULT_CRITERIA
    criteria = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise table.error("criteria", "expected [[campaign.criteria]] tables")
        entry = _Table(item, f"{table.name}.criteria[{number}]", table.source)
        terms = entry.names_raw("terms")
        try:
            criterion = Criterion(
                id=entry.text("id"),
                title=entry.text("title"),
                description=entry.get("description", str, ""),
                terms=terms,
            )
        except ValueError as exc:
            raise entry.error("terms", str(exc)) from exc
        entry.finish()
        criteria.append(criterion)
    ids = [c.id for c in criteria]
    if len(set(ids)) != len(ids):
        raise table.error("criteria", "two criteria have the same id")
    return tuple(criteria)


def parse_deadline(value: object, timezone: ZoneInfo, error: Any = None) -> datetime:
    """Turn the configured deadline (wall time in ``timezone``) into an aware datetime.

    A wall time that does not exist (skipped by a DST change) or exists twice is refused:
    the deadline of a call must never be a guess.
    """

    def fail(message: str) -> ConfigError:
        if error is not None:
            return cast(ConfigError, error("deadline", message))
        return ConfigError(message, key="campaign.deadline")

    if isinstance(value, datetime):
        wall = value
    elif isinstance(value, str):
        try:
            wall = datetime.fromisoformat(value)
        except ValueError as exc:
            raise fail(f"not an ISO 8601 date-time: {value!r}") from exc
    else:
        raise fail('expected a date-time such as "2017-06-01T17:00:00"')
    if wall.tzinfo is not None:
        return wall.astimezone(timezone)
    first = wall.replace(tzinfo=timezone, fold=0)
    roundtrip = first.astimezone(ZoneInfo("UTC")).astimezone(timezone)
    if roundtrip.replace(tzinfo=None) != wall:
        raise fail(f"{wall.isoformat()} does not exist in {timezone.key} (DST starts)")
    if first.utcoffset() != wall.replace(tzinfo=timezone, fold=1).utcoffset():
        raise fail(
            f"{wall.isoformat()} occurs twice in {timezone.key} (DST ends); "
            "give an explicit UTC offset"
        )
    return first


def _mailbox(table: _Table, base: Path) -> MailboxSettings:
    host = table.text("host")
    security_value = table.text("security", "tls")
    if security_value not in SECURITY_CHOICES:
        raise table.error("security", f"must be one of {', '.join(SECURITY_CHOICES)}")
    security: Security = security_value
    port = table.get("port", int, DEFAULT_PORTS[security])
    if not 0 < port < 65536:
        raise table.error("port", f"not a TCP port: {port}")
    username = table.text("username")
    password_env = table.text("password_env", "INTAKE_IMAP_PASSWORD")
    if not password_env.replace("_", "").isalnum():
        raise table.error("password_env", "must be the name of an environment variable")
    folder = table.text("folder", "INBOX")
    keyword = table.text("filed_keyword", "$IntakeFiled")
    if any(c in keyword for c in ' ()"\\%*]{') or not keyword.isascii():
        raise table.error("filed_keyword", "not a valid IMAP keyword")
    move_to = table.optional("move_to", str)
    if move_to is not None and (not move_to.strip() or move_to == folder):
        raise table.error("move_to", "must name another folder")
    ca_value = table.optional("ca_file", str)
    ca_file = None
    if ca_value is not None:
        ca_file = (base / ca_value).resolve()
        if not ca_file.is_file():
            raise table.error("ca_file", f"no such file: {ca_file}")
    mailbox = MailboxSettings(
        host=host,
        port=port,
        security=security,
        username=username,
        password_env=password_env,
        folder=folder,
        filed_keyword=keyword,
        move_to=move_to,
        ca_file=ca_file,
        timeout_seconds=table.positive("timeout_seconds", float, 60.0),
        batch_messages=table.positive("batch_messages", int, 50),
        batch_bytes=table.positive("batch_bytes", int, 25 * 1024 * 1024),
        retries=table.get("retries", int, 4),
        retry_backoff_seconds=table.positive("retry_backoff_seconds", float, 2.0),
    )
    if mailbox.retries < 0:
        raise table.error("retries", "must be zero or more")
    table.finish()
    return mailbox


def _store(table: _Table, base: Path) -> StoreSettings:
    url = table.optional("url", str)
    table.finish()
    if url is None:
        return StoreSettings(
            url=f"sqlite:///{(base / DEFAULT_DATA_DIR / DEFAULT_DATABASE).resolve()}"
        )
    if not url.strip():
        raise table.error("url", "must not be empty")
    return StoreSettings(url=resolve_sqlite_url(url, base))


def resolve_sqlite_url(url: str, base: Path) -> str:
    """Make a relative SQLite path relative to the config file, not the working directory."""
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/"):
        rest = url[len(prefix) :]
        if rest and rest != ":memory:" and not rest.startswith("file:"):
            return prefix + str((base / rest).resolve())
    return url
