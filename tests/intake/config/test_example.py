"""The example config that ``intake init`` writes, made from the declaration."""

from __future__ import annotations

import re
import tomllib
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from intake.config import (
    Settings,
    default_criteria,
    example_config,
    load_settings,
    resolve_sqlite_url,
)
from intake.config.keys import Declared, keys_of, sections
from intake.judging.criteria import Criterion

AMS = ZoneInfo("Europe/Amsterdam")


def switched_on(text: str) -> str:
    """The example with its commented-out keys and criterion switched on, as a coordinator
    does it: one ``# `` less before each (descriptions stay comments)."""
    return re.sub(r"(?m)^# (?=\[\[[\w.]+\]\]$|# |\w+ = )", "", text)


def read_back(declared: Declared, written: object, base: Path) -> object:
    """What the settings hold for the key ``declared`` written as ``written``."""
    if written is None:
        return None
    match declared.name:
        case "timezone":
            return ZoneInfo(str(written))
        case "deadline":
            return datetime.fromisoformat(str(written)).replace(tzinfo=AMS)
        case "ca_file":
            return (base / str(written)).resolve()
        case "url":
            return resolve_sqlite_url(str(written), base)
        case "criteria" if isinstance(written, list):
            return tuple(
                Criterion(**{**table, "terms": tuple(table["terms"])}) for table in written
            )
    return tuple(written) if isinstance(written, list) else written


def every_key(settings: Settings):
    for section in sections(Settings):
        values = getattr(settings, section.name)
        for declared in keys_of(section.cls):
            yield section.name, declared, getattr(values, declared.name)


def test_the_example_is_the_2017_call(tmp_path):
    path = tmp_path / "intake.toml"
    path.write_text(example_config(), encoding="utf-8")
    settings = load_settings(path, environ={})
    assert settings.campaign.name == "Koplopers Cliëntondersteuning"
    assert settings.campaign.deadline == datetime(2017, 6, 1, 17, tzinfo=AMS)
    assert settings.campaign.criteria == default_criteria()
    mailbox = settings.require_mailbox()
    assert (mailbox.host, mailbox.username) == ("imap.example.nl", "koplopers@example.nl")


def test_every_key_written_in_the_example_reads_back_as_declared(tmp_path):
    text = example_config()
    path = tmp_path / "intake.toml"
    path.write_text(text, encoding="utf-8")
    settings = load_settings(path, environ={})
    document = tomllib.loads(text)
    for section, declared, value in every_key(settings):
        if declared.name in document[section]:
            written = document[section][declared.name]
            assert read_back(declared, written, tmp_path) == read_back(
                declared, declared.example, tmp_path
            ), (section, declared.name)
        else:
            assert declared.key.commented, f"{section}.{declared.name} is not in the example"
            written = declared.default
        assert value == read_back(declared, written, tmp_path), (section, declared.name)


def test_switched_on_every_key_is_there_and_reads_back(tmp_path):
    (tmp_path / "imap-ca.pem").write_text("-----BEGIN CERTIFICATE-----\n", encoding="utf-8")
    text = switched_on(example_config()).replace("min_criteria = 2", "min_criteria = 1")
    path = tmp_path / "intake.toml"
    path.write_text(text, encoding="utf-8")
    settings = load_settings(path, environ={})
    document = tomllib.loads(text)
    for section, declared, value in every_key(settings):
        written = document[section][declared.name]
        assert value == read_back(declared, written, tmp_path), (section, declared.name)
        if declared.table is not None:
            (table,) = written
            assert list(table) == [key.name for key in keys_of(declared.table)]


def test_each_key_has_its_description_above_it():
    lines = switched_on(example_config()).splitlines()
    for section in sections(Settings):
        start = lines.index(f"[{section.name}]")
        declared = list(keys_of(section.cls))
        declared += [k for d in declared if d.table is not None for k in keys_of(d.table)]
        for key in declared:
            if key.table is not None:
                continue
            at = next(n for n in range(start, len(lines)) if lines[n].startswith(f"{key.name} = "))
            above: list[str] = []
            for line in reversed(lines[:at]):
                if not line.startswith("# "):
                    break
                above.insert(0, line[2:])
            assert key.key.description in " ".join(above), (section.name, key.name)
