from datetime import UTC, datetime

from intake.language import Language
from intake.presenting.json_view import message_json
from intake.presenting.nominations import nomination
from store import StoredMessage
from tests.support.settings import call_settings


def stored(sent, received):
    return StoredMessage(
        ref="KCO-0001",
        raw_sha256="0" * 64,
        size=10,
        message_id="<a@b>",
        from_header="a@b",
        subject="x",
        date_header="...",
        date_header_at=sent,
        received_header_at=None,
        internaldate=received,
        envelope_at=None,
        received_at=received,
        received_source="imap-internaldate",
        envelope_source=None,
        origin="imap",
        origin_detail="x",
        filed_at=received,
        analysis_version=None,
    )


def campaign(tmp_path, **extra):
    return call_settings(tmp_path, campaign=extra).campaign


def test_a_sender_clock_far_from_ours_is_pointed_out(tmp_path):
    sent = datetime(2017, 6, 1, 14, 39, 30, tzinfo=UTC)  # 16:39:30 CEST
    received = datetime(2017, 6, 1, 15, 0, 40, tzinfo=UTC)  # 17:00:40 CEST
    settings = campaign(tmp_path)
    row = message_json(nomination(stored(sent, received), None, settings), settings, Language("en"))
    assert row["receipt_evidence"]["skew_seconds"] == 1270
    assert row["receipt_evidence"]["skew_flagged"] is True
    assert (
        "Sent at Thursday 1 June 2017 16:39:30 by the sender's clock, "
        "received by us at Thursday 1 June 2017 17:00:40."
    ) in [problem["message"] for problem in row["problems"] if problem["code"] == "clock-skew"]


def test_a_small_skew_is_recorded_but_not_flagged_and_grace_is_shown(tmp_path):
    sent = datetime(2017, 6, 1, 14, 59, 58, tzinfo=UTC)
    received = datetime(2017, 6, 1, 15, 0, 1, tzinfo=UTC)
    settings = campaign(tmp_path, grace_seconds=5)
    row = message_json(nomination(stored(sent, received), None, settings), settings, Language("en"))
    evidence = row["receipt_evidence"]
    assert (evidence["skew_seconds"], evidence["skew_flagged"], evidence["grace_seconds"]) == (
        3,
        False,
        5,
    )
    assert (row["on_time"], row["late_by_seconds"]) == (True, 1)
    assert row["problems"] == []
