from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from intake.config import parse_deadline
from intake.judging.receipt import (
    Receipt,
    ReceiptCandidates,
    ReceivedSource,
    choose_receipt,
    judge_timeliness,
)

AMS = ZoneInfo("Europe/Amsterdam")
DEADLINE = datetime(2017, 6, 1, 17, 0, 0, tzinfo=AMS)


def verdict_at(hour, minute, second, tz=AMS):
    at = datetime(2017, 6, 1, hour, minute, second, tzinfo=tz)
    return judge_timeliness(Receipt(at, ReceivedSource.IMAP_INTERNALDATE), DEADLINE, AMS)


def test_one_second_before_the_deadline_is_on_time():
    verdict = verdict_at(16, 59, 59)
    assert (verdict.on_time, verdict.late_by_seconds) == (True, 0)


def test_exactly_at_the_deadline_is_on_time():
    verdict = verdict_at(17, 0, 0)
    assert (verdict.on_time, verdict.late_by_seconds) == (True, 0)


def test_one_second_after_the_deadline_is_late_by_one_second():
    verdict = verdict_at(17, 0, 1)
    assert (verdict.on_time, verdict.late_by_seconds) == (False, 1)


def test_utc_receipt_is_judged_in_the_campaign_zone():
    # 15:00:01 UTC is 17:00:01 CEST.
    verdict = verdict_at(15, 0, 1, tz=UTC)
    assert verdict.on_time is False
    assert verdict.received_at.isoformat() == "2017-06-01T17:00:01+02:00"


def test_fraction_of_a_second_late_rounds_up():
    at = DEADLINE + timedelta(milliseconds=1)
    verdict = judge_timeliness(Receipt(at, ReceivedSource.RECEIVED_HEADER), DEADLINE, AMS)
    assert (verdict.on_time, verdict.late_by_seconds) == (False, 1)


def test_no_receipt_time_is_not_guessed():
    verdict = judge_timeliness(Receipt(None, None), DEADLINE, AMS)
    assert (verdict.on_time, verdict.late_by_seconds, verdict.received_at) == (None, None, None)


def test_precedence_of_receipt_sources():
    t = [datetime(2017, 6, 1, 15, m, tzinfo=UTC) for m in range(4)]
    full = ReceiptCandidates(t[0], t[1], t[2], ReceivedSource.MBOX_ENVELOPE, t[3])
    assert choose_receipt(full) == Receipt(t[0], ReceivedSource.IMAP_INTERNALDATE)
    no_imap = ReceiptCandidates(None, t[1], t[2], ReceivedSource.MBOX_ENVELOPE, t[3])
    assert choose_receipt(no_imap) == Receipt(t[1], ReceivedSource.RECEIVED_HEADER)
    envelope = ReceiptCandidates(None, None, t[2], ReceivedSource.MAILDIR_DELIVERY, t[3])
    assert choose_receipt(envelope) == Receipt(t[2], ReceivedSource.MAILDIR_DELIVERY)
    sender = ReceiptCandidates(date_header=t[3])
    assert choose_receipt(sender) == Receipt(t[3], ReceivedSource.DATE_HEADER)
    assert choose_receipt(ReceiptCandidates()) == Receipt(None, None)


instants = st.datetimes(
    min_value=datetime(2016, 1, 1), max_value=datetime(2019, 12, 31), timezones=st.just(UTC)
)
wall_times = st.datetimes(min_value=datetime(2016, 1, 1), max_value=datetime(2019, 12, 31))


@given(received=instants, wall=wall_times)
def test_verdict_agrees_with_utc_arithmetic(received, wall):
    try:
        deadline = parse_deadline(wall.replace(microsecond=0), AMS)
    except Exception:
        return  # a wall time in a DST gap or overlap; refused by config, tested above
    verdict = judge_timeliness(Receipt(received, ReceivedSource.IMAP_INTERNALDATE), deadline, AMS)
    delta = (received - deadline.astimezone(UTC)).total_seconds()
    assert verdict.on_time is (delta <= 0)
    if delta > 0:
        assert verdict.late_by_seconds >= delta > verdict.late_by_seconds - 1
    assert verdict.received_at == received
    assert verdict.received_at.tzinfo == AMS


@given(offset=st.integers(min_value=-7200, max_value=7200))
def test_deadline_next_to_dst_change_counts_real_seconds(offset):
    # The night summer time ends, 02:00 CEST becomes 02:00 CET again: 03:30 local is
    # 1h30 after 02:00 wall time on the clock, but 2h30 of real time.
    deadline = parse_deadline("2017-10-29T03:30:00", AMS)
    received = deadline + timedelta(seconds=offset)
    verdict = judge_timeliness(Receipt(received, ReceivedSource.IMAP_INTERNALDATE), deadline, AMS)
    assert verdict.on_time is (offset <= 0)
    assert verdict.late_by_seconds == max(offset, 0)
    assert deadline.astimezone(UTC) == datetime(2017, 10, 29, 2, 30, tzinfo=UTC)


def test_grace_period_keeps_a_late_message_on_time_and_records_how_late():
    at = DEADLINE + timedelta(seconds=90)
    verdict = judge_timeliness(Receipt(at, ReceivedSource.IMAP_INTERNALDATE), DEADLINE, AMS, 120)
    assert (verdict.on_time, verdict.late_by_seconds, verdict.grace_seconds) == (True, 90, 120)
    later = judge_timeliness(
        Receipt(DEADLINE + timedelta(seconds=121), ReceivedSource.IMAP_INTERNALDATE),
        DEADLINE,
        AMS,
        120,
    )
    assert (later.on_time, later.late_by_seconds) == (False, 121)


def test_clock_skew_is_receipt_minus_sender_clock():
    from intake.judging.receipt import clock_skew_seconds

    sent = datetime(2017, 6, 1, 16, 59, 30, tzinfo=AMS)
    received = datetime(2017, 6, 1, 15, 0, 40, tzinfo=UTC)
    assert clock_skew_seconds(sent, received) == 70
    assert clock_skew_seconds(None, received) is None
