"""The catalogs are complete and compiled, and dates, durations and sizes read as people
write them."""

from __future__ import annotations

import argparse
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from intake.language import LOCALE_DIR, Language

ROOT = Path(__file__).resolve().parents[2]
PO = LOCALE_DIR / "nl" / "LC_MESSAGES" / "intake.po"
MO = PO.with_suffix(".mo")
METHODS = [("**/templates/**.j2", "jinja2"), ("**.py", "python")]
"""How the catalog's texts are found: as ``make catalogs`` finds them
(``intake/locale/babel.cfg``)."""
_FIELDS = re.compile(r"\{[a-z_]+\}|%\([a-z_]+\)[sr]|%[sr]")


def _extracted() -> set[str | tuple[str, str]]:
    found: set[str | tuple[str, str]] = set()
    for folder in ("intake", "parsers", "store"):
        for _, _, message, _, _ in extract_from_dir(ROOT / folder, method_map=METHODS):
            found.add(message if isinstance(message, str) else tuple(message[:2]))
    for _, message, _, _ in extract_from_file("python", ROOT / "scheduler.py"):
        found.add(message if isinstance(message, str) else tuple(message[:2]))
    return found


def _argparse_texts() -> set[str | tuple[str, str]]:
    found: set[str | tuple[str, str]] = set()
    for _, message, _, _ in extract_from_file("python", argparse.__file__):
        found.add(message if isinstance(message, str) else tuple(message[:2]))
    return found


@pytest.fixture(scope="module")
def catalog():
    with PO.open("rb") as handle:
        return read_po(handle, locale="nl")


def test_every_text_in_the_code_and_in_argparse_has_a_dutch_translation(catalog):
    wanted = _extracted() | _argparse_texts()
    assert len(wanted) > 200
    missing = []
    for message in wanted:
        key = message if isinstance(message, str) else message[0]
        entry = catalog.get(key)
        if (
            entry is None
            or entry.fuzzy
            or not all(entry.string if isinstance(entry.string, tuple) else (entry.string,))
        ):
            missing.append(message)
    assert missing == [], "run `make catalogs` and translate these"


def test_a_translation_keeps_every_placeholder(catalog):
    for entry in catalog:
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        wanted = set(_FIELDS.findall(ids[-1]))
        for string in strings:
            assert set(_FIELDS.findall(string)) <= wanted | set(_FIELDS.findall(ids[0]))
            assert set(_FIELDS.findall(ids[0])) - {"{count}", "%s"} <= set(
                _FIELDS.findall(string)
            ), entry.id


def test_the_shipped_compiled_catalog_is_the_translated_one(catalog):
    with MO.open("rb") as handle:
        compiled = read_mo(handle)

    def table(entries):
        return {_key(entry.id): _key(entry.string) for entry in entries if entry.id}

    source, shipped = table(catalog), table(compiled)
    assert shipped == source, "run `make catalogs` to compile the .mo"


def _key(value):
    return value if isinstance(value, str) else tuple(value)


@pytest.mark.parametrize(
    ("seconds", "dutch", "english"),
    [
        (0, "0 seconden", "0 seconds"),
        (1, "1 seconde", "1 second"),
        (200, "3 minuten en 20 seconden", "3 minutes and 20 seconds"),
        (3600, "1 uur", "1 hour"),
        (144_000, "1 dag en 16 uur", "1 day and 16 hours"),
        (2 * 86400 + 59, "2 dagen", "2 days"),
    ],
)
def test_a_duration_reads_as_people_say_it(seconds, dutch, english):
    assert Language("nl").duration(seconds) == dutch
    assert Language("en").duration(seconds) == english


def test_dates_sizes_and_numbers_as_people_write_them():
    deadline = datetime(2017, 6, 1, 15, 0, tzinfo=UTC)
    assert Language("nl").datetime(deadline) == "donderdag 1 juni 2017 17:00"
    assert Language("en").datetime(deadline) == "Thursday 1 June 2017 17:00"
    assert Language("nl").short_datetime(deadline) == "1 jun 2017 17:00"
    assert Language("nl").size(2_400_000) == "2,4 MB"
    assert Language("en").size(2_400_000) == "2.4 MB"
    assert Language("nl").size(512) == "512 bytes"
    assert Language("nl").size(1) == "1 byte"
    assert Language("nl").size(830_000) == "830 kB"
    assert Language("nl").number(1234) == "1.234"
    assert Language("nl").join(["Utrecht", "Zeist", "Bunnik"]) == "Utrecht, Zeist en Bunnik"
    assert Language("nl").short_duration(144_000) == "1d 16u"


def test_an_unknown_language_is_dutch():
    assert Language("fr").code == "nl"
