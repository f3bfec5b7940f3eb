"""The labelled inbox, end to end: seeded into Dovecot, polled and listed by the installed
``intake``, and held to what a careful coordinator concluded of each message.

Kind, timeliness, the sender's municipality, the nominees, which version counts, which
nomination a piece of correspondence concerns and a missing attachment must agree with the
labels exactly; the criteria, a hint for the jury, on at least 95 % of the checks.
``bench/labelled_set.py`` prints the same comparison as figures.
"""

from __future__ import annotations

import json
import os
import subprocess
from datetime import datetime
from typing import Any

import pytest

from tests.support.labelled import LABELS, expected_status, score
from tests.support.mail import PASSWORD_ENV, write_config
from tests.support.paths import NOMINATIONS

CRITERIA_AGREEMENT = 0.95
EXACT = ("kind", "on time", "sender municipality", "nominees", "status", "concerns")


@pytest.fixture(scope="module")
def listed(tmp_path_factory, dovecot, installed) -> dict[str, dict[str, Any]]:
    account = dovecot.add_user()
    for name, label in LABELS.items():
        received = datetime.fromisoformat(label["received"])
        account.append((NOMINATIONS / name).read_bytes(), received)
    directory = tmp_path_factory.mktemp("labelled")
    config = write_config(
        directory, host=account.host, port=account.port, username=account.username
    )
    with config.open("a", encoding="utf-8") as handle:
        handle.write(
            '\n[trust]\nreceiving_hosts = ["mx.vng.example"]\nauthserv_ids = ["mx.vng.example"]\n'
        )
    env = {**os.environ, PASSWORD_ENV: account.password}
    run = [str(installed.executable), "--config", str(config)]
    polled = subprocess.run([*run, "poll"], env=env, capture_output=True, timeout=300)
    assert polled.returncode == 0, polled.stderr
    listing = subprocess.run([*run, "list", "--json"], env=env, capture_output=True, timeout=120)
    assert listing.returncode == 0, listing.stderr
    rows = json.loads(listing.stdout)
    return dict(zip(LABELS, rows, strict=True))  # appended, polled and filed in this order


@pytest.mark.parametrize("name", list(LABELS))
def test_each_message_is_judged_as_labelled(listed, name):
    label, row = LABELS[name], listed[name]
    refs = {row["ref"]: other for other, row in listed.items()}
    said = row["sender"]["municipality"] if row["sender"] else None
    assert {
        "kind": row["kind"],
        "on_time": row["on_time"],
        "sender_municipality": said["code"] if said else None,
        "nominees": sorted(n["code"] for n in row["nominees"])
        if label["kind"] == "nomination"
        else None,
        "status": row["status"],
        "concerns": refs.get(row["concerns"]) if row["concerns"] else None,
        "missing_attachment": "missing-attachment" in [p["code"] for p in row["problems"]],
    } == {
        "kind": label["kind"],
        "on_time": label["on_time"],
        "sender_municipality": label.get("sender_municipality"),
        "nominees": sorted(label["nominees"]) if label["kind"] == "nomination" else None,
        "status": expected_status(name),
        "concerns": label.get("concerns"),
        "missing_attachment": bool(label.get("missing_attachment")),
    }, (row["kind_reason"], row["status_reason"])
    assert row["received_source"] == "imap-internaldate"


def test_every_standing_has_its_reason_and_every_link_goes_both_ways(listed):
    by_ref = {row["ref"]: row for row in listed.values()}
    for name, row in listed.items():
        if row["kind"] == "nomination":
            assert row["status_reason"], name
        else:
            assert (row["status"], row["status_reason"], row["correspondence"]) == (
                None,
                None,
                [],
            ), name
        if row["concerns"]:
            assert row["ref"] in by_ref[row["concerns"]]["correspondence"], name
        for ref in row["correspondence"]:
            assert by_ref[ref]["concerns"] == row["ref"], name


def test_no_correspondence_counts_as_a_current_nomination(listed):
    for name, row in listed.items():
        if LABELS[name]["kind"] != "nomination":
            assert row["status"] != "current", name


def test_a_substantive_nomination_is_superseded_only_by_a_later_on_time_one_for_its_nominee(
    listed,
):
    by_ref = {row["ref"]: row for row in listed.values()}
    superseded = [row for row in listed.values() if row["status"] == "superseded"]
    assert superseded, "the labelled set has revision chains"
    for row in superseded:
        later = by_ref[row["superseded_by"]]
        assert later["kind"] == "nomination" and later["on_time"], row["ref"]
        received = datetime.fromisoformat(later["received_at"])
        assert received > datetime.fromisoformat(row["received_at"]), row["ref"]
        named = {n["code"] for n in later["nominees"] if n["named"]}
        assert named & {n["code"] for n in row["nominees"]}, row["ref"]


def test_revisions_duplicates_and_late_revisions_point_at_their_original(listed):
    refs = {name: row["ref"] for name, row in listed.items()}
    for name, label in LABELS.items():
        row = listed[name]
        if "duplicate_of" in label:
            assert row["duplicate_of"] == refs[label["duplicate_of"]], name
        elif "revision_of" in label and label["on_time"]:
            assert row["supersedes"] == refs[label["revision_of"]], name
            assert listed[label["revision_of"]]["superseded_by"] == row["ref"], name
        elif "revision_of" in label:
            assert row["late_revision_of"] == refs[label["revision_of"]], name
            assert listed[label["revision_of"]]["status"] == "current", name


def test_authentication_believes_only_our_own_server(listed):
    for name, label in LABELS.items():
        row = listed[name]
        if "dmarc" in label and row["sender"]:
            assert row["sender"]["authenticated"] is (label["dmarc"] == "pass"), name


def test_the_scores_hold_exact_labels_and_criteria_agree_on_most(listed):
    result = score(listed)
    for judgement in EXACT:
        assert result.rate(judgement) == 1.0, result.differ.get(judgement)
    assert result.rate("missing attachment") == 1.0, result.differ.get("missing attachment")
    assert result.rate("criteria") >= CRITERIA_AGREEMENT, result.differ.get("criteria")
