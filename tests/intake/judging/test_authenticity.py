"""Reading DKIM, SPF and DMARC verdicts from our own servers' Authentication-Results.

The header blocks below follow what Postfix with OpenDKIM/OpenDMARC and Gmail write:
our fields on top (often below our own Received field), the sender's own fields, and
any forgeries, further down.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake.judging.authenticity import (
    Authentication,
    MethodResult,
    parse_authentication_results,
    read_authentication,
)
from parsers.headers import read_header

OURS = ("mx.vng.example",)
BODY = "Geachte jury,\r\n\r\nHierbij onze voordracht.\r\n"


def message(*header_lines: str, sender: str = "m.devries@zwolle.nl") -> bytes:
    lines = [
        *header_lines,
        f"From: Marieke de Vries <{sender}>",
        "To: koplopers@vng.example",
        "Subject: Voordracht gemeente Zwolle",
        "Date: Thu, 1 Jun 2017 16:59:02 +0200",
        "Message-ID: <DB6PR0901MB1234@zwolle.nl>",
        "Content-Type: text/plain; charset=utf-8",
    ]
    return ("\r\n".join(lines) + "\r\n\r\n" + BODY).encode("utf-8")


OUR_RECEIVED = (
    "Received: from mail.zwolle.nl (mail.zwolle.nl [192.0.2.25])\r\n"
    "\tby mx.vng.example (Postfix) with ESMTPS id 3wdYx81Lq7z9sBd\r\n"
    "\tfor <koplopers@vng.example>; Thu,  1 Jun 2017 16:59:05 +0200 (CEST)"
)
THEIR_RECEIVED = (
    "Received: from EXCH01.zwolle.local (10.1.2.3) by mail.zwolle.nl\r\n"
    " (10.1.2.4) with Microsoft SMTP Server; Thu, 1 Jun 2017 16:59:03 +0200"
)
OPENDMARC_PASS = (
    "Authentication-Results: mx.vng.example; dmarc=pass (p=none dis=none) header.from=zwolle.nl"
)
OPENDKIM_PASS = (
    "Authentication-Results: mx.vng.example;\r\n"
    "\tdkim=pass (2048-bit key; unprotected) header.d=zwolle.nl header.i=@zwolle.nl\r\n"
    '\theader.b="kP3Kz0Qy"; dkim-atps=neutral'
)
SPF_PASS = (
    "Authentication-Results: mx.vng.example; spf=pass (mailfrom)\r\n"
    " smtp.mailfrom=bounces@zwolle.nl (client-ip=192.0.2.25; helo=mail.zwolle.nl;\r\n"
    " envelope-from=bounces@zwolle.nl; receiver=<UNKNOWN>)"
)


def auth(raw: bytes, sender: str | None = "zwolle.nl", trusted=OURS) -> Authentication:
    return read_authentication(read_header(raw), trusted, sender)


# --- trusted results -------------------------------------------------------------


def test_postfix_with_opendkim_and_opendmarc_below_our_received_field() -> None:
    raw = message(OUR_RECEIVED, OPENDMARC_PASS, OPENDKIM_PASS, SPF_PASS, THEIR_RECEIVED)
    result = auth(raw)
    assert result == Authentication(
        authserv_id="mx.vng.example",
        dkim="pass",
        spf="pass",
        dmarc="pass",
        dkim_domains=("zwolle.nl",),
        spf_domain="zwolle.nl",
        verified=True,
        reason="dmarc=pass for zwolle.nl",
    )


def test_gmail_style_single_field_with_several_results() -> None:
    raw = message(
        "Delivered-To: koplopers.vng@gmail.com",
        "Received: by 10.37.22.2 with SMTP id 2csp1234; Thu, 1 Jun 2017 07:59:06 -0700",
        "Return-Path: <m.devries@zwolle.nl>",
        "Received: from mail.zwolle.nl (mail.zwolle.nl. [192.0.2.25]) by mx.google.com",
        "Received-SPF: pass (google.com: domain of m.devries@zwolle.nl designates 192.0.2.25)",
        "Authentication-Results: mx.google.com;\r\n"
        "       dkim=pass header.i=@zwolle.nl header.s=selector1 header.b=kP3Kz0Qy;\r\n"
        "       spf=pass (google.com: domain of m.devries@zwolle.nl designates 192.0.2.25"
        " as permitted sender) smtp.mailfrom=m.devries@zwolle.nl;\r\n"
        "       dmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from=zwolle.nl",
    )
    result = auth(raw, trusted=["mx.google.com"])
    assert result.verified
    assert (result.dkim, result.spf, result.dmarc) == ("pass", "pass", "pass")
    assert result.dkim_domains == ("zwolle.nl",)
    assert result.spf_domain == "zwolle.nl"


def test_authserv_id_is_matched_without_case_or_trailing_dot() -> None:
    raw = message("Authentication-Results: MX.VNG.Example.; dkim=pass header.d=zwolle.nl")
    assert auth(raw).verified


def test_authserv_id_with_version_and_quotes() -> None:
    raw = message('Authentication-Results: "mx.vng.example" 1; spf=pass smtp.mailfrom=zwolle.nl')
    assert auth(raw).verified


# --- forgeries -------------------------------------------------------------------


def test_a_field_from_an_untrusted_server_is_ignored() -> None:
    raw = message(
        "Authentication-Results: mail.zwolle.nl; dkim=pass header.d=zwolle.nl; dmarc=pass",
    )
    result = auth(raw)
    assert not result.verified
    assert result.authserv_id is None
    assert result.dkim is None
    assert "untrusted authserv-id 'mail.zwolle.nl'" in result.reason


def test_a_forged_field_with_our_id_below_a_foreign_one_is_ignored() -> None:
    raw = message(
        OUR_RECEIVED,
        "Authentication-Results: mx.vng.example; spf=fail smtp.mailfrom=zwolle.nl",
        THEIR_RECEIVED,
        "Authentication-Results: mail.attacker.example; spf=pass smtp.mailfrom=attacker.example",
        "Authentication-Results: mx.vng.example; dkim=pass header.d=zwolle.nl; dmarc=pass",
    )
    result = auth(raw)
    assert not result.verified
    assert result.dkim is None
    assert result.dmarc is None
    assert result.spf == "fail"


def test_our_results_below_a_foreign_field_on_top_are_ignored() -> None:
    raw = message(
        "Authentication-Results: relay.elsewhere.example; none",
        "Authentication-Results: mx.vng.example; dkim=pass header.d=zwolle.nl",
    )
    assert not auth(raw).verified


def test_exchange_online_fields_without_authserv_id_are_not_trusted() -> None:
    raw = message(
        "Authentication-Results: spf=pass (sender IP is 192.0.2.25)\r\n"
        " smtp.mailfrom=zwolle.nl; dkim=pass (signature was verified)\r\n"
        " header.d=zwolle.nl;dmarc=pass action=none header.from=zwolle.nl;compauth=pass reason=100"
    )
    result = auth(raw, trusted=["spf=pass", ""])
    assert not result.verified
    assert "without authserv-id" in result.reason


def test_no_trusted_ids_trusts_nothing() -> None:
    raw = message(OPENDMARC_PASS)
    assert not auth(raw, trusted=[]).verified


# --- alignment -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("signing_domain", "sender", "verified"),
    [
        ("zwolle.nl", "zwolle.nl", True),
        ("zwolle.nl", "mail.zwolle.nl", True),
        ("ZWOLLE.NL", "Mail.Zwolle.nl.", True),
        ("mail.zwolle.nl", "zwolle.nl", False),
        ("nl", "zwolle.nl", False),
        ("olle.nl", "zwolle.nl", False),
        ("evilzwolle.nl", "zwolle.nl", False),
        ("mcsv.net", "zwolle.nl", False),
    ],
)
def test_dkim_alignment(signing_domain: str, sender: str, verified: bool) -> None:
    raw = message(f"Authentication-Results: mx.vng.example; dkim=pass header.d={signing_domain}")
    assert auth(raw, sender=sender).verified is verified


def test_dkim_domain_from_the_identity_when_d_is_missing() -> None:
    raw = message("Authentication-Results: mx.vng.example; dkim=pass header.i=wethouder@zwolle.nl")
    result = auth(raw)
    assert result.dkim_domains == ("zwolle.nl",)
    assert result.verified


def test_a_failed_signature_from_the_sender_and_a_passing_one_from_a_provider() -> None:
    raw = message(
        "Authentication-Results: mx.vng.example;\r\n"
        ' dkim=fail reason="signature verification failed" header.d=zwolle.nl;\r\n'
        " dkim=pass header.d=mcsv.net header.s=k1; spf=pass smtp.mailfrom=bounce.mcsv.net;\r\n"
        " dmarc=fail (p=reject) header.from=zwolle.nl"
    )
    result = auth(raw)
    assert not result.verified
    assert result.dkim == "pass"
    assert result.dkim_domains == ("mcsv.net",)
    assert result.reason == (
        "not aligned with zwolle.nl: dmarc=fail for zwolle.nl; dkim=pass only for d=mcsv.net; "
        "spf=pass for bounce.mcsv.net"
    )


def test_an_internationalised_sender_domain_matches_its_a_labels() -> None:
    sender = "súdwest-fryslân.nl"
    a_label = sender.encode("idna").decode("ascii")
    raw = message(f"Authentication-Results: mx.vng.example; dkim=pass header.d={a_label}")
    assert auth(raw, sender=sender).verified


# --- DMARC and SPF ---------------------------------------------------------------


def test_dmarc_pass_verifies() -> None:
    raw = message(OPENDMARC_PASS)
    result = auth(raw)
    assert (result.verified, result.reason) == (True, "dmarc=pass for zwolle.nl")


def test_dmarc_pass_for_another_domain_does_not_verify_this_sender() -> None:
    raw = message("Authentication-Results: mx.vng.example; dmarc=pass header.from=kampen.nl")
    result = auth(raw)
    assert not result.verified
    assert result.reason == "not aligned with zwolle.nl: dmarc=pass for kampen.nl"


def test_dmarc_fail_does_not_verify() -> None:
    raw = message(
        "Authentication-Results: mx.vng.example; dmarc=fail (p=reject dis=reject)"
        " header.from=zwolle.nl"
    )
    result = auth(raw)
    assert (result.verified, result.dmarc) == (False, "fail")


def test_spf_only_pass_for_an_aligned_domain_verifies() -> None:
    raw = message(SPF_PASS)
    result = auth(raw)
    assert result.verified
    assert result.reason == "spf=pass for zwolle.nl, aligned with zwolle.nl"
    assert (result.dkim, result.dmarc) == (None, None)


def test_old_smtp_mail_property_is_read() -> None:
    raw = message("Authentication-Results: mx.vng.example; spf=pass smtp.mail=info@zwolle.nl")
    assert auth(raw).spf_domain == "zwolle.nl"


def test_spf_softfail_does_not_verify() -> None:
    raw = message("Authentication-Results: mx.vng.example; spf=softfail smtp.mailfrom=zwolle.nl")
    result = auth(raw)
    assert not result.verified
    assert result.reason == "not aligned with zwolle.nl: spf=softfail for zwolle.nl"


def test_none_result() -> None:
    raw = message("Authentication-Results: mx.vng.example 1; none")
    result = auth(raw)
    assert result.authserv_id == "mx.vng.example"
    assert not result.verified
    assert result.reason == "no DKIM, SPF or DMARC results for zwolle.nl"


def test_unknown_sender_domain_is_never_verified() -> None:
    raw = message(OPENDMARC_PASS)
    result = auth(raw, sender=None)
    assert not result.verified
    assert result.dmarc == "pass"
    assert result.reason == "the sender's domain is unknown"


def test_sender_given_as_an_address_is_reduced_to_its_domain() -> None:
    assert auth(message(OPENDMARC_PASS), sender="M.deVries@Zwolle.nl").verified


# --- no or broken fields ---------------------------------------------------------


def test_no_authentication_results() -> None:
    result = auth(message(OUR_RECEIVED))
    assert result == Authentication(
        None, None, None, None, (), None, False, "no Authentication-Results from a trusted server"
    )


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"no header here",
        b"Authentication-Results:\r\n\r\n",
        b"Authentication-Results: ;;;\r\n\r\n",
        b"Authentication-Results: mx.vng.example; ====\r\n\r\n",
        b"Authentication-Results: mx.vng.example; dkim=pass (unclosed header.d=zwolle.nl\r\n\r\n",
        b'Authentication-Results: mx.vng.example; dkim=pass header.d="zwolle.nl\r\n\r\n',
        b"Authentication-Results: mx.vng.example; dkim=pass header.d=\xff\xfe.nl\r\n\r\n",
        b"Authentication-Results: mx.vng.example; dkim=pass header.d=a..b\r\n\r\n",
        b"Authentication-Results: mx.vng.example; header.d=zwolle.nl\r\n\r\n",
        b"Authentication-Results: mx.vng.example; dkim=pass header.d=" + b"x" * 300 + b".nl\r\n",
        b" folded\r\nAuthentication-Results: mx.vng.example; )))\r\n\r\n",
    ],
)
def test_malformed_fields_never_raise_and_never_verify(raw: bytes) -> None:
    result = auth(raw)
    assert not result.verified


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.one_of(st.none(), st.text(max_size=30)))
def test_read_authentication_never_raises(value: str, sender: str | None) -> None:
    raw = f"Authentication-Results: {value}\r\n\r\n".encode("utf-8", "surrogateescape")
    result = read_authentication(read_header(raw), [*OURS, value[:20]], sender)
    assert isinstance(result.verified, bool)


# --- the parser ------------------------------------------------------------------


def test_parser_drops_comments_even_with_semicolons_and_nested_parentheses() -> None:
    field = parse_authentication_results(
        "mx.vng.example; dkim=pass (good (really; yes) signature) header.d=zwolle.nl;"
        " spf=pass (ip=192.0.2.25; helo=x) smtp.mailfrom=zwolle.nl"
    )
    assert field.authserv_id == "mx.vng.example"
    assert field.results == (
        MethodResult("dkim", "pass", (("header.d", "zwolle.nl"),)),
        MethodResult("spf", "pass", (("smtp.mailfrom", "zwolle.nl"),)),
    )


def test_parser_reads_versions_reasons_quoted_values_and_spacing() -> None:
    field = parse_authentication_results(
        'mx.vng.example 1; dkim/1 = FAIL reason="bad; sig" header . d = "zwolle.nl"'
    )
    assert field.results == (
        MethodResult("dkim", "fail", (("header.d", "zwolle.nl"),), reason="bad; sig"),
    )


def test_parser_on_a_field_without_authserv_id() -> None:
    field = parse_authentication_results("spf=pass smtp.mailfrom=zwolle.nl")
    assert field.authserv_id is None
    assert [r.method for r in field.results] == ["spf"]
