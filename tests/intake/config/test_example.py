"""The example config that ``intake init`` writes, made from the declaration, in the
reader's language."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from intake.config import (
    Settings,
    default_criteria,
    example_config,
    load_settings,
    resolve_sqlite_url,
)
from intake.config.keys import Declared, about, keys_of, sections
from intake.config.rendering import WIDTH
from intake.judging.criteria import Criterion
from intake.language import Language, catalog_messages

AMS = ZoneInfo("Europe/Amsterdam")
LANGUAGES = [Language("nl"), Language("en")]
both_languages = pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)


def switched_on(text: str) -> str:
    """The example with its commented-out keys and criterion switched on, as a coordinator
    does it: one ``# `` less before each (descriptions stay comments)."""
    return re.sub(r"(?m)^# (?=\[\[[\w.]+\]\]$|# |\w+ = )", "", text)


def read_back(declared: Declared, written: object, base: Path, section: str = "") -> object:
    """What the settings hold for the key ``declared`` written as ``written``."""
    if written is None:
        return None
    match declared.name:
        case "language" if isinstance(written, str):
            return written
        case "timezone":
            return ZoneInfo(str(written))
        case "deadline":
            return datetime.fromisoformat(str(written)).replace(tzinfo=AMS)
        case "ca_file":
            return (base / str(written)).resolve()
        case "folder" if section == "close":
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
            yield section.name, declared, getattr(values, declared.field)


def declared_example(declared: Declared, lang: Language) -> object:
    """The value the example writes for ``declared``: its example; the language key says
    the language the example is written in."""
    return lang.code if declared.name == "language" else declared.example


def load(text: str, folder: Path) -> Settings:
    path = folder / "intake.toml"
    path.write_text(text, encoding="utf-8")
    return load_settings(path, environ={})


@both_languages
def test_the_example_is_the_2017_call(tmp_path, lang):
    settings = load(example_config(lang), tmp_path)
    assert settings.campaign.name == "Koplopers Cliëntondersteuning"
    assert settings.campaign.deadline == datetime(2017, 6, 1, 17, tzinfo=AMS)
    assert settings.campaign.criteria == default_criteria()
    mailbox = settings.require_mailbox()
    assert (mailbox.host, mailbox.username) == ("imap.example.nl", "koplopers@example.nl")
    assert settings.campaign.language == lang.code


def test_the_example_in_either_language_is_the_same_call(tmp_path):
    dutch = load(example_config(Language("nl")), tmp_path)
    english = load(example_config(Language("en")), tmp_path)
    assert (dutch.campaign.language, english.campaign.language) == ("nl", "en")
    campaign = dataclasses.replace(english.campaign, language="nl")
    assert dataclasses.replace(english, campaign=campaign) == dutch


def test_the_example_is_dutch_unless_asked_otherwise():
    assert example_config() == example_config(Language("nl")) != example_config(Language("en"))


@both_languages
def test_every_key_written_in_the_example_reads_back_as_declared(tmp_path, lang):
    text = example_config(lang)
    settings = load(text, tmp_path)
    document = tomllib.loads(text)
    for section, declared, value in every_key(settings):
        if declared.name in document[section]:
            written = document[section][declared.name]
            assert read_back(declared, written, tmp_path, section) == read_back(
                declared, declared_example(declared, lang), tmp_path, section
            ), (section, declared.name)
        else:
            assert declared.key.commented, f"{section}.{declared.name} is not in the example"
            written = declared.default
        assert value == read_back(declared, written, tmp_path, section), (section, declared.name)


@both_languages
def test_switched_on_every_key_is_there_and_reads_back(tmp_path, lang):
    for name in ("imap-ca.pem", "smtp-ca.pem"):
        (tmp_path / name).write_text("-----BEGIN CERTIFICATE-----\n", encoding="utf-8")
    text = switched_on(example_config(lang)).replace("min_criteria = 2", "min_criteria = 1")
    settings = load(text, tmp_path)
    document = tomllib.loads(text)
    for section, declared, value in every_key(settings):
        written = document[section][declared.name]
        assert value == read_back(declared, written, tmp_path, section), (section, declared.name)
        if declared.table is not None:
            (table,) = written
            assert list(table) == [key.name for key in keys_of(declared.table)]


@both_languages
def test_each_key_has_its_description_above_it(lang):
    lines = switched_on(example_config(lang)).splitlines()
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
            assert lang._(key.key.description) in " ".join(above), (section.name, key.name)


@both_languages
def test_each_section_has_its_description_above_it(lang):
    text = example_config(lang)
    for section in sections(Settings):
        above = text[: text.index(f"\n[{section.name}]\n")].rsplit("\n\n", 1)[-1]
        assert " ".join(line.removeprefix("# ") for line in above.splitlines()) == lang._(
            section.description
        )


@both_languages
def test_comments_are_wrapped_without_splitting_code(lang):
    for line in example_config(lang).splitlines():
        assert len(line) <= WIDTH, line
        if line.startswith("#"):
            assert line.count("`") % 2 == 0, line


def english_texts() -> list[str]:
    """Every English sentence the example is written from."""
    texts = [section.description for section in sections(Settings)]
    for section in sections(Settings):
        for declared in keys_of(section.cls):
            texts.append(declared.key.description)
            if declared.table is not None:
                texts += [key.key.description for key in keys_of(declared.table)]
    return texts


def test_the_dutch_example_holds_no_english_sentence():
    dutch = " ".join(
        line.lstrip("# ") for line in example_config(Language("nl")).splitlines() if line
    )
    english = " ".join(
        line.lstrip("# ") for line in example_config(Language("en")).splitlines() if line
    )
    for text in english_texts():
        assert text in english
        assert text not in dutch
    for words in ("Left out:", "One of", "To set your own", "Every key below", " the "):
        assert words in english
        assert words not in dutch
    assert "Niet opgegeven: de drie van de oproep van 2017." in dutch
    assert 'Een van "tls", "starttls", "none".' in dutch
    assert "Niet opgegeven: 993 bij tls, anders 143." in dutch


def test_every_text_of_the_declaration_has_a_dutch_translation():
    dutch = catalog_messages("nl")
    texts = []
    for section in sections(Settings):
        texts.append(section.description)
        for declared in keys_of(section.cls):
            keys = [declared, *(keys_of(declared.table) if declared.table else ())]
            for key in keys:
                texts += [key.key.description, key.key.default_text, key.key.problem]
            if declared.table is not None:
                texts.append(about(declared.table))
    texts = [text for text in texts if text is not None]
    assert len(texts) > 50
    for text in texts:
        assert dutch.get(text), text
