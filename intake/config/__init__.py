"""Settings: one TOML file plus the environment, loaded once into frozen values.

The file is found by ``--config PATH``, else ``$INTAKE_CONFIG``, else ``./intake.toml``.
Every key is declared once, in :mod:`intake.config.settings`: its type, constraints,
default and meaning.  From that declaration come the checks at start-up (an unknown,
missing or invalid key raises :class:`~intake.errors.ConfigError` naming the key and the
file), the example that ``intake init`` writes (:func:`example_config`) and the README's
key tables (:func:`reference_markdown`).  Secrets are never read from the file:
``mailbox.password_env`` names the environment variable that holds the password (or
``<NAME>_FILE``, a file holding it).
"""

from intake.config.criteria import CRITERIA_FILE, CriterionTable, default_criteria
from intake.config.loading import (
    CONFIG_ENV,
    DEFAULT_CONFIG_NAME,
    find_config,
    load_settings,
    settings_from_mapping,
)
from intake.config.rendering import example_config, reference_markdown, with_reference
from intake.config.settings import (
    DEFAULT_DATA_DIR,
    DEFAULT_DATABASE,
    DEFAULT_DATABASE_URL,
    DEFAULT_PORTS,
    LANGUAGES,
    SECURITY_CHOICES,
    SMTP_PORTS,
    CampaignSettings,
    CloseSettings,
    DigestSettings,
    Language,
    MailboxSettings,
    ParsingSettings,
    ScheduleSettings,
    Security,
    Settings,
    SmtpSettings,
    StoreSettings,
    TrustSettings,
    parse_deadline,
    resolve_sqlite_url,
)

__all__ = [
    "CONFIG_ENV",
    "CRITERIA_FILE",
    "DEFAULT_CONFIG_NAME",
    "DEFAULT_DATABASE",
    "DEFAULT_DATABASE_URL",
    "DEFAULT_DATA_DIR",
    "DEFAULT_PORTS",
    "LANGUAGES",
    "SECURITY_CHOICES",
    "SMTP_PORTS",
    "CampaignSettings",
    "CloseSettings",
    "CriterionTable",
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
    "default_criteria",
    "example_config",
    "find_config",
    "load_settings",
    "parse_deadline",
    "reference_markdown",
    "resolve_sqlite_url",
    "settings_from_mapping",
    "with_reference",
]
