from datetime import UTC, datetime

import pytest

from parsers.envelope import (
    content_fingerprint,
    dedupe_key,
    envelope_of,
    identify,
    is_trusted_host,
    received_hosts,
)
from parsers.headers import read_header
from tests.support.paths import MAIL


def read_envelope(raw, trusted_hosts=()):
    return envelope_of(read_header(raw), trusted_hosts)


def test_plain_nomination_envelope():
    envelope = read_envelope((MAIL / "nomination-plain.eml").read_bytes())
    assert envelope.message_id == "<20170601145940.12345@mail.gemeente-voorbeeld.nl>"
    assert envelope.from_header == "Afdeling WMO <wmo@gemeente-voorbeeld.nl>"
    assert envelope.subject == "Voordracht koploper cliëntondersteuning"
    assert envelope.date_header == "Thu, 1 Jun 2017 16:59:40 +0200"
    assert envelope.date_header_at == datetime(2017, 6, 1, 14, 59, 40, tzinfo=UTC)
    # The topmost Received header is our own server's: 16:59:59 CEST.
    assert envelope.received_header_at == datetime(2017, 6, 1, 14, 59, 59, tzinfo=UTC)
    assert envelope.problems == ()


def test_broken_headers_become_problems_not_exceptions():
    envelope = read_envelope((MAIL / "no-message-id-bad-date.eml").read_bytes())
    assert envelope.message_id is None
    assert envelope.from_header == "José de Vries <jose@example.nl>"
    assert envelope.subject == "Voordracht gemeente één"  # raw 8-bit latin-1
    assert envelope.date_header_at is None
    codes = [problem.code for problem in envelope.problems]
    assert codes == ["no-message-id", "bad-date-header"]


def test_garbage_is_still_read_without_raising():
    for raw in (b"", b"\x00\xff\xfe", b"Subject: =?x-unknown?q?abc?=\n\nbody", b":\n:\n\n"):
        envelope = read_envelope(raw)
        assert envelope.message_id is None


def test_a_date_with_no_utc_time_is_unreadable_not_an_error():
    envelope = read_envelope(b"Date: Fri, 31 Dec 9999 23:00:00 -0500\n\nx")
    assert envelope.date_header_at is None
    assert [p.code for p in envelope.problems][-1] == "bad-date-header"


def test_zone_less_date_is_read_as_utc():
    envelope = read_envelope(b"Date: Thu, 1 Jun 2017 15:00:00 -0000\n\nx")
    assert envelope.date_header_at == datetime(2017, 6, 1, 15, tzinfo=UTC)


def test_fingerprint_ignores_trace_headers_and_line_endings():
    raw = (MAIL / "nomination-plain.eml").read_bytes()
    head, _, body = raw.partition(b"\n\n")
    relayed = b"Received: from another.hop by x; Fri, 2 Jun 2017 09:00:00 +0200\n" + raw
    crlf = raw.replace(b"\n", b"\r\n")
    assert content_fingerprint(relayed) == content_fingerprint(raw)
    assert content_fingerprint(crlf) == content_fingerprint(raw)
    assert content_fingerprint(b"From x Thu Jun  1 14:59:59 2017\n" + raw) == content_fingerprint(
        raw
    )
    changed = head + b"\n\n" + body.replace(b"Voorbeeld", b"Anders")
    assert content_fingerprint(changed) != content_fingerprint(raw)


def test_dedupe_key_needs_message_id_and_content_to_match():
    raw = (MAIL / "nomination-plain.eml").read_bytes()
    resent = raw.replace(b"Message-ID: <2017", b"Message-ID: <2018")
    assert dedupe_key(raw, "<a@x>") == dedupe_key(raw, "<a@x>")
    assert dedupe_key(raw, "<a@x>") != dedupe_key(raw, "<b@x>")
    assert dedupe_key(raw, "<a@x>") != dedupe_key(resent, "<a@x>")


def test_received_header_of_our_own_server_is_chosen_by_host():
    raw = (
        b"Received: from mx.vng.example by imap.vng.example; Thu, 1 Jun 2017 17:02:00 +0200\n"
        b"Received: from mail.zeist.nl by MX.vng.example with ESMTPS; Thu, 1 Jun 2017 "
        b"16:59:58 +0200\n"
        b"Received: from pc by mail.zeist.nl; Thu, 1 Jun 2017 16:59:50 +0200\n"
        b"Subject: x\n\nbody"
    )
    ours = read_envelope(raw, trusted_hosts=["mx.vng.example"])
    assert ours.received_header_at == datetime(2017, 6, 1, 14, 59, 58, tzinfo=UTC)
    topmost = read_envelope(raw)
    assert topmost.received_header_at == datetime(2017, 6, 1, 15, 2, tzinfo=UTC)
    foreign = read_envelope(raw, trusted_hosts=["mx.elders.example"])
    assert foreign.received_header_at is None
    assert [p.code for p in foreign.problems][-1] == "no-trusted-received-header"


def test_identity_reads_the_message_id_as_the_header_does_without_parsing_mime():
    raw = (MAIL / "nomination-plain.eml").read_bytes()
    identity = identify(raw)
    assert identity.message_id == read_envelope(raw).message_id
    assert identity.dedupe_key == dedupe_key(raw, identity.message_id)
    folded = b"Subject: x\nMessage-ID:\n <folded@example.nl>\n\nbody"
    assert identify(folded).message_id == "<folded@example.nl>"


@pytest.mark.parametrize(
    "raw",
    [
        b"Subject: x\rMessage-ID: <cr@x>\r\rbody",  # old Mac line ends
        b"Subject: x\nMessage-ID:\r <folded@x>\n\nbody",
        b"Subject: x\nFrom someone Thu Jun 1\nMessage-ID: <m@x>\n\nbody",  # misplaced envelope
        b"From someone Thu Jun 1\nMessage-ID: <f@x>\n\nbody",
        b"Subject: x\n: no name\nMessage-ID: <c@x>\n\nbody",
        b" a continuation first\nMessage-ID: <k@x>\n\nbody",
        b"Subject: x\nMessage-ID: <n@x>",
        b"Message-ID: <a@x>\nMessage-ID: <b@x>\n\nbody",
        b"Subject: x\nnot a field\nMessage-ID: <late@x>\n\nbody",
    ],
)
def test_identity_finds_the_message_id_the_email_package_finds(raw):
    # The dedupe key of mail filed by earlier versions came from the email package's
    # reading: a different Message-ID would file the same message again.
    assert identify(raw).message_id == read_envelope(raw).message_id


def test_identity_stops_where_the_email_package_stops_reading_the_header():
    raw = b"Subject: x\nnot a field line\nMessage-ID: <late@example.nl>\n\nbody"
    assert read_envelope(raw).message_id is None
    assert identify(raw).message_id is None
    leading = b"   \nMessage-ID: <ok@example.nl>\n\nbody"  # a stray continuation first
    assert identify(leading).message_id == read_envelope(leading).message_id


def test_received_hosts_are_read_from_the_header_lines_topmost_first():
    raw = (
        b"Received: from mx.vng.example by imap.vng.example; Thu, 1 Jun 2017 17:02:00 +0200\n"
        b"Subject: x\n"
        b"Received: from mail.zeist.nl\n\tby MX.vng.example. with ESMTPS; Thu, 1 Jun 2017\n"
        b"Received: from pc (unknown [10.0.0.1]); Thu, 1 Jun 2017 16:59:50 +0200\n"
        b"\nReceived: by body.example; not a header\n"
    )
    assert received_hosts(raw) == ("imap.vng.example", "mx.vng.example")
    assert received_hosts(b"Subject: x\n\nbody") == ()
    assert received_hosts(b"\x00\xff Received: by x\n") == ()


def test_a_receiving_host_matches_itself_and_its_subdomains_only():
    assert is_trusted_host("MX.vng.example.", ["mx.vng.example"])
    assert is_trusted_host("in.mx.vng.example", ["mx.vng.example"])
    assert not is_trusted_host("evilmx.vng.example", ["mx.vng.example"])
    assert not is_trusted_host("mx.vng.example", [])
