"""Finding, reading and checking the config file."""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from intake.config.keys import read_settings, read_toml, sections
from intake.config.settings import Settings, why_unreadable
from intake.errors import ConfigError
from intake.language import N_

log = logging.getLogger(__name__)

DEFAULT_CONFIG_NAME = "intake.toml"
CONFIG_ENV = "INTAKE_CONFIG"


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
    """Find, read and check the config file."""
    env = os.environ if environ is None else environ
    config_path = find_config(path, env)
    source = str(config_path)
    try:
        text = config_path.read_bytes().decode("utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(
            N_(
                "config file not found (give --config PATH, set INTAKE_CONFIG, "
                "or write one with `intake init`)"
            ),
            source=source,
        ) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(
            N_("the config file is not UTF-8 text (line {line}); save it as UTF-8"),
            source=source,
            line=exc.object[: exc.start].count(b"\n") + 1,
        ) from exc
    except OSError as exc:
        log.debug("reading %s", source, exc_info=True)
        raise ConfigError(
            N_("cannot read the config file: {reason}"), source=source, reason=why_unreadable(exc)
        ) from exc
    document = read_toml(text, source=source)
    return settings_from_mapping(document, source=source, base_dir=config_path.parent)


def settings_from_mapping(
    document: Mapping[str, Any], *, source: str = "<defaults>", base_dir: Path | None = None
) -> Settings:
    """Check a parsed TOML document against the declaration and make :class:`Settings`.

    Relative paths in it (a SQLite database, a CA file) are relative to ``base_dir``,
    the config file's folder; default: the working directory.
    """
    known = {section.name for section in sections(Settings)}
    for name in sorted(set(document) - known):
        raise ConfigError(N_("unknown section (check its spelling)"), key=name, source=source)
    # An absent [store] is read as an empty one, so the default database lies beside the file.
    document = {"store": {}, **document}
    folder = base_dir if base_dir is not None else Path.cwd()
    settings = read_settings(Settings, document, source=source, folder=folder)
    return dataclasses.replace(settings, source=source)
