"""Sanity checks of the labelled inbox in tests/data/nominations.

These test the data set, not intake: every message parses with the standard library,
files and labels match one to one, every CBS code existed on the day of the deadline,
receipt times agree with the labels and with the messages themselves, the labels of
revisions, duplicates and correspondence hold together, and the generator still writes
exactly the files that are checked in.  The matchers' own tests use the labels; see
tests/data/nominations/README.md.
"""

from __future__ import annotations

import csv
import email
import importlib.util
import re
import sys
import tomllib
from collections import Counter
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
KINDS = {"nomination", "correspondence", "auto-reply", "bounce", "bulk", "other"}
STATUSES = {"current", "superseded", "duplicate", "late-revision"}
CRITERIA = {"agenda", "samenwerking", "innovatie"}
REQUIRED = {"kind", "sender_organisation", "nominees", "criteria_met", "received", "on_time"}
OPTIONAL = {
    "sender_municipality",
    "status",
    "revision_of",
    "duplicate_of",
    "concerns",
    "missing_attachment",
    "language",
    "dmarc",
    "notes",
}
VERSION_FIELDS = {"status", "revision_of", "duplicate_of"}

LABELS: dict[str, dict[str, Any]] = tomllib.loads(
    (NOMINATIONS / "labels.toml").read_text(encoding="utf-8")
)
FILES = sorted(path.name for path in NOMINATIONS.glob("*.eml"))
NOMINATIONS_LABELLED = sorted(n for n, label in LABELS.items() if label["kind"] == "nomination")


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


def flat(text: str) -> str:
    return " ".join(text.split())


def attachments(name: str) -> list[bytes]:
    """The decoded bytes of every attached file (a part with a file name)."""
    found = []
    for part in message(name).walk():
        if part.is_multipart() or part.get_filename() is None:
            continue
        if part.get_content_disposition() == "inline" and part.get_content_maintype() == "image":
            continue  # a signature logo
        payload = part.get_payload(decode=True)
        assert isinstance(payload, bytes)
        found.append(payload)
    return found


def message_id(name: str) -> str:
    return str(message(name)["Message-ID"]).strip()


def thread_ids(name: str) -> set[str]:
    """The Message-IDs a message names in In-Reply-To and References."""
    parsed = message(name)
    fields = " ".join(str(parsed[field] or "") for field in ("In-Reply-To", "References"))
    return set(re.findall(r"<[^<>\s]+>", fields))


def received(name: str) -> datetime:
    return datetime.fromisoformat(LABELS[name]["received"])


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
    assert len(FILES) >= 80
    assert set(FILES) == set(LABELS)


def test_every_file_has_a_line_in_the_readme() -> None:
    readme = (NOMINATIONS / "README.md").read_text(encoding="utf-8")
    for name in FILES:
        assert f"| `{name}` |" in readme, name


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
    assert label.get("missing_attachment", True) is True, "given only when true"
    assert label.get("language", "en") == "en"
    if label["kind"] == "nomination":
        assert label["nominees"], name
        assert label["status"] in STATUSES, name
    else:
        assert not label["nominees"] and not label["criteria_met"], name
        assert not VERSION_FIELDS & set(label), name
    if "concerns" in label:
        assert label["kind"] == "correspondence", name


def test_every_kind_status_and_flag_is_there_several_times() -> None:
    kinds = Counter(label["kind"] for label in LABELS.values())
    assert set(kinds) == KINDS
    assert kinds["correspondence"] >= 10
    statuses = Counter(LABELS[name]["status"] for name in NOMINATIONS_LABELLED)
    assert set(statuses) == STATUSES
    assert min(statuses.values()) >= 2
    flagged = Counter(flag for label in LABELS.values() for flag in label if flag in OPTIONAL)
    assert flagged["concerns"] >= 5
    assert flagged["missing_attachment"] >= 3
    english = Counter(label["kind"] for label in LABELS.values() if "language" in label)
    assert english["nomination"] >= 2 and english["correspondence"] >= 1
    criteria = Counter(len(LABELS[name]["criteria_met"]) for name in NOMINATIONS_LABELLED)
    assert all(criteria[count] >= 2 for count in range(4)), "none, one, two and all three"


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
    when = received(name)
    assert when.utcoffset() == timedelta(hours=2), "Dutch summer time, offset given"
    assert DEADLINE - timedelta(days=31) <= when <= DEADLINE + timedelta(hours=2)
    assert label["on_time"] == (when <= DEADLINE)
    topmost = str(message(name).get_all("Received")[0])
    assert "mx.vng.example" in topmost.split(";")[0], "the topmost hop is our server"
    assert parsedate_to_datetime(topmost.rpartition(";")[2].strip()) == when


def test_the_deadline_edges_are_covered() -> None:
    offsets = {received(name) - DEADLINE for name in NOMINATIONS_LABELLED}
    for edge in (timedelta(seconds=-1), timedelta(0), timedelta(seconds=1)):
        assert edge in offsets
    assert any(offset >= timedelta(hours=1) for offset in offsets)


def test_message_ids_are_unique() -> None:
    ids = [message_id(name) for name in FILES]
    assert len(set(ids)) == len(ids)


# --- versions: revisions and duplicates -----------------------------------------------


@pytest.mark.parametrize("name", sorted(n for n, label in LABELS.items() if "revision_of" in label))
def test_a_revision_replaces_an_earlier_nomination_of_the_same_sender(name: str) -> None:
    label = LABELS[name]
    earlier = label["revision_of"]
    assert LABELS[earlier]["kind"] == "nomination"
    assert received(earlier) < received(name)
    assert sender_address(name) == sender_address(earlier)
    assert set(LABELS[earlier]["nominees"]) <= set(label["nominees"]), "a partner may join"
    assert (body_text(name), attachments(name)) != (body_text(earlier), attachments(earlier))
    if label["on_time"]:
        assert label["status"] in {"current", "superseded"}
        assert LABELS[earlier]["status"] == "superseded"
    else:
        assert label["status"] == "late-revision"


@pytest.mark.parametrize("name", NOMINATIONS_LABELLED)
def test_the_status_follows_from_the_versions(name: str) -> None:
    label = LABELS[name]
    replaced_by = [
        other
        for other in NOMINATIONS_LABELLED
        if LABELS[other].get("revision_of") == name and LABELS[other]["on_time"]
    ]
    if label["status"] == "superseded":
        assert len(replaced_by) == 1, "one on-time revision replaces it"
        assert label["on_time"]
    else:
        assert not replaced_by
    assert (label["status"] == "duplicate") == ("duplicate_of" in label)
    late_revision = "revision_of" in label and not label["on_time"]
    assert (label["status"] == "late-revision") == late_revision
    assert not ("revision_of" in label and "duplicate_of" in label)


@pytest.mark.parametrize(
    "name", sorted(n for n, label in LABELS.items() if "duplicate_of" in label)
)
def test_a_duplicate_repeats_the_content_under_a_new_message_id(name: str) -> None:
    original = LABELS[name]["duplicate_of"]
    assert LABELS[original]["kind"] == "nomination"
    assert received(original) < received(name)
    assert sender_address(name) == sender_address(original)
    assert set(LABELS[name]["nominees"]) == set(LABELS[original]["nominees"])
    assert message_id(name) != message_id(original)
    if attachments(original):
        assert attachments(name) == attachments(original)
    else:
        assert flat(body_text(original)) in flat(body_text(name))


# --- correspondence and attachments ---------------------------------------------------


@pytest.mark.parametrize("name", sorted(n for n, label in LABELS.items() if "concerns" in label))
def test_correspondence_concerns_a_nomination_it_is_linked_to(name: str) -> None:
    concerned = LABELS[name]["concerns"]
    assert LABELS[concerned]["kind"] == "nomination"
    address = sender_address(name)
    linked = (
        address == sender_address(concerned)
        or message_id(concerned) in thread_ids(name)
        or address.encode() in (NOMINATIONS / concerned).read_bytes().lower()
    )
    assert linked, "by thread, by sender, or as the author of a forwarded nomination"


@pytest.mark.parametrize(
    "name", sorted(n for n, label in LABELS.items() if label["kind"] == "correspondence")
)
def test_a_reply_in_a_nominations_thread_concerns_it(name: str) -> None:
    ids = {message_id(other): other for other in NOMINATIONS_LABELLED}
    threaded = [ids[i] for i in thread_ids(name) if i in ids]
    if threaded:
        assert LABELS[name].get("concerns") in threaded


@pytest.mark.parametrize(
    "name", sorted(n for n, label in LABELS.items() if label.get("missing_attachment"))
)
def test_a_missing_attachment_is_mentioned_and_missing(name: str) -> None:
    mentions = re.search(r"bijlage|bijgevoegd|bijgaand|attach", body_text(name), re.IGNORECASE)
    assert mentions, "the mail mentions an attachment"
    assert not attachments(name), "and carries none"


@pytest.mark.parametrize("name", sorted(n for n, label in LABELS.items() if "language" in label))
def test_english_mail_is_english(name: str) -> None:
    assert " the " in flat(body_text(name)).lower()


# --- the generator --------------------------------------------------------------------


def test_the_generator_writes_exactly_the_checked_in_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The generator imports its sibling modules, as it does when run as a script.
    monkeypatch.syspath_prepend(str(NOMINATIONS))
    before = set(sys.modules)
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
        for loaded in set(sys.modules) - before:
            origin = getattr(sys.modules[loaded], "__file__", None) or ""
            if loaded == spec.name or Path(origin).parent == NOMINATIONS:
                del sys.modules[loaded]
    assert sorted(path.name for path in written) == sorted([*FILES, "labels.toml"])
    for path in written:
        assert path.read_bytes() == (NOMINATIONS / path.name).read_bytes(), (
            f"{path.name} differs: run tests/data/nominations/make_nominations.py"
        )
