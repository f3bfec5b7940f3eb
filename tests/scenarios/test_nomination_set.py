"""Sanity checks of the labelled nomination e-mails in tests/data/nominations.

These test the data set, not intake: every message parses with the standard library,
files and labels match one to one, every CBS code existed on the day of the deadline,
receipt times agree with the labels and with the messages themselves, and the generator
still writes exactly the files that are checked in.  The matchers' own tests use the
labels; see tests/data/nominations/README.md.
"""

from __future__ import annotations

import csv
import email
import importlib.util
import sys
import tomllib
from datetime import date, datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.utils import parseaddr, parsedate_to_datetime
from pathlib import Path
from typing import Any

import pytest

from tests.support.paths import NOMINATIONS, SHARED

GEMEENTEN = SHARED / "data" / "gemeenten.csv"
DEADLINE = datetime.fromisoformat("2017-06-01T17:00:00+02:00")
DEADLINE_DAY = date(2017, 6, 1)
KINDS = {"nomination", "auto-reply", "bounce", "bulk", "other"}
CRITERIA = {"agenda", "samenwerking", "innovatie"}
REQUIRED = {"kind", "sender_organisation", "nominees", "criteria_met", "received", "on_time"}
OPTIONAL = {"sender_municipality", "revision_of", "duplicate_of", "dmarc", "notes"}

LABELS: dict[str, dict[str, Any]] = tomllib.loads(
    (NOMINATIONS / "labels.toml").read_text(encoding="utf-8")
)
FILES = sorted(path.name for path in NOMINATIONS.glob("*.eml"))


def message(name: str) -> EmailMessage:
    raw = (NOMINATIONS / name).read_bytes()
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def sender_address(name: str) -> str:
    return parseaddr(str(message(name)["From"]))[1].lower()


def body_text(name: str) -> str:
    body = message(name).get_body(preferencelist=("plain", "html"))
    assert body is not None, name
    return str(body.get_content())


def active_codes() -> dict[str, str]:
    """CBS code -> name of every municipality that existed on the deadline day."""
    if not GEMEENTEN.exists():
        pytest.fail(f"the municipality list is missing: {GEMEENTEN}")
    active = {}
    with GEMEENTEN.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            valid_from = date.fromisoformat(row["valid_from"])
            valid_to = date.fromisoformat(row["valid_to"]) if row["valid_to"] else None
            if valid_from <= DEADLINE_DAY and (valid_to is None or valid_to >= DEADLINE_DAY):
                active[row["code"]] = row["name"]
    return active


def test_every_file_is_labelled_and_every_label_has_a_file() -> None:
    assert 24 <= len(FILES) <= 30
    assert set(FILES) == set(LABELS)


@pytest.mark.parametrize("name", FILES)
def test_every_message_parses_without_defects(name: str) -> None:
    parsed = message(name)
    assert parsed["From"] is not None
    assert parsed["Message-ID"] is not None
    assert parsed["Date"] is not None
    for part in parsed.walk():
        assert not part.defects, (name, part.get_content_type(), part.defects)
        if not part.is_multipart() and part.get_content_maintype() != "message":
            part.get_content()  # decodes: transfer encoding and charset are sound


@pytest.mark.parametrize("name", sorted(LABELS))
def test_labels_have_the_documented_fields_and_values(name: str) -> None:
    label = LABELS[name]
    assert REQUIRED <= set(label) <= REQUIRED | OPTIONAL, name
    assert label["kind"] in KINDS
    assert isinstance(label["sender_organisation"], str) and label["sender_organisation"]
    assert isinstance(label["on_time"], bool)
    assert set(label["criteria_met"]) <= CRITERIA
    assert len(set(label["criteria_met"])) == len(label["criteria_met"])
    assert len(set(label["nominees"])) == len(label["nominees"])
    assert label.get("dmarc", "pass") in {"pass", "fail"}
    if label["kind"] == "nomination":
        assert label["nominees"], name
    else:
        assert not label["nominees"] and not label["criteria_met"], name
        assert "revision_of" not in label and "duplicate_of" not in label


def test_every_code_existed_on_the_deadline_day() -> None:
    active = active_codes()
    for name, label in LABELS.items():
        for code in label["nominees"]:
            assert code in active, (name, code)
        if "sender_municipality" in label:
            assert label["sender_municipality"] in active, name


@pytest.mark.parametrize("name", sorted(LABELS))
def test_received_agrees_with_the_deadline_and_the_message(name: str) -> None:
    label = LABELS[name]
    received = datetime.fromisoformat(label["received"])
    assert received.utcoffset() == timedelta(hours=2), "Dutch summer time, offset given"
    assert DEADLINE - timedelta(days=31) <= received <= DEADLINE + timedelta(hours=2)
    assert label["on_time"] == (received <= DEADLINE)
    topmost = str(message(name).get_all("Received")[0])
    assert "mx.vng.example" in topmost.split(";")[0], "the topmost hop is our server"
    assert parsedate_to_datetime(topmost.rpartition(";")[2].strip()) == received


def test_the_deadline_edges_are_covered() -> None:
    offsets = {
        datetime.fromisoformat(label["received"]) - DEADLINE
        for label in LABELS.values()
        if label["kind"] == "nomination"
    }
    for edge in (timedelta(seconds=-1), timedelta(0), timedelta(seconds=1)):
        assert edge in offsets
    assert any(offset >= timedelta(hours=1) for offset in offsets)


def test_message_ids_are_unique() -> None:
    ids = [str(message(name)["Message-ID"]).strip() for name in FILES]
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("name", sorted(n for n, label in LABELS.items() if "revision_of" in label))
def test_a_revision_follows_an_earlier_message_of_the_same_sender(name: str) -> None:
    label = LABELS[name]
    earlier = LABELS[label["revision_of"]]
    assert datetime.fromisoformat(earlier["received"]) < datetime.fromisoformat(label["received"])
    assert sender_address(name) == sender_address(label["revision_of"])
    assert set(label["nominees"]) == set(earlier["nominees"])
    assert "aangepaste versie" in str(message(name)["Subject"]).lower()
    assert body_text(name) != body_text(label["revision_of"])


@pytest.mark.parametrize(
    "name", sorted(n for n, label in LABELS.items() if "duplicate_of" in label)
)
def test_a_duplicate_repeats_the_content_under_a_new_message_id(name: str) -> None:
    original = LABELS[name]["duplicate_of"]
    assert datetime.fromisoformat(LABELS[original]["received"]) < datetime.fromisoformat(
        LABELS[name]["received"]
    )
    assert sender_address(name) == sender_address(original)
    assert str(message(name)["Subject"]) == str(message(original)["Subject"])
    assert body_text(name) == body_text(original)
    assert str(message(name)["Message-ID"]) != str(message(original)["Message-ID"])


def test_the_generator_writes_exactly_the_checked_in_files(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "make_nominations", NOMINATIONS / "make_nominations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
        written = module.write_all(tmp_path)
    finally:
        del sys.modules[spec.name]
    assert sorted(path.name for path in written) == sorted([*FILES, "labels.toml"])
    for path in written:
        assert path.read_bytes() == (NOMINATIONS / path.name).read_bytes(), (
            f"{path.name} differs: run tests/data/nominations/make_nominations.py"
        )
