"""Telling nominations from auto-replies, bounces, list mail and empty test mails.

The messages below are written after the header sets real clients and servers produce
(Exchange in Dutch, Gmail, Postfix, Exim, Mailchimp, Mailman).  The corpus test runs
the classifier over every real email of the shared corpus.
"""

from __future__ import annotations

import csv
import email.utils
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake.judging.kinds import AUTO_REPLY, BOUNCE, BULK, KINDS, NOMINATION, OTHER
from intake.judging.kinds import classify as classify_read
from parsers.message import parse_message
from tests.support.paths import CORPUS

NOMINATION_TEXT = (
    "Geachte jury,\n\nHierbij dragen wij de gemeente Zwolle voor als koploper "
    "cliëntondersteuning. Cliëntondersteuning staat hoog op de agenda van de raad en "
    "de adviesraad sociaal domein, en wordt samen met inwoners ontwikkeld.\n\n"
    "Met vriendelijke groet,\nMarieke de Vries\nAdviesraad Sociaal Domein Zwolle\n"
)


def mail(headers: str, body: str = NOMINATION_TEXT) -> bytes:
    """A raw message from header lines (one per line, folding allowed) and a body."""
    lines = [line for line in headers.strip("\n").split("\n")]
    return ("\r\n".join(lines) + "\r\n\r\n" + body.replace("\n", "\r\n")).encode("utf-8")


def classify(raw: bytes, body: str, attachments: int):
    """Classify a raw message as the pipeline does: its header and structure read once."""
    parsed = parse_message(raw)
    return classify_read(parsed.header, parsed.structure, body, attachments)


def kind_of(raw: bytes, body: str | None = None, attachments: int = 0) -> tuple[str, str]:
    if body is None:
        body = raw.partition(b"\r\n\r\n")[2].decode("utf-8", "replace")
    result = classify(raw, body, attachments)
    return result.kind, result.reason


# --- real-world header sets ------------------------------------------------------

EXCHANGE_OOF_NL = mail(
    """
Received: from AM6PR09MB2345.eurprd09.prod.outlook.com (2603:10a6:20b:8d::14) by
 AM6PR09MB2345.eurprd09.prod.outlook.com with HTTPS; Thu, 1 Jun 2017 08:12:03 +0000
From: "Jansen, Pieter" <p.jansen@zwolle.nl>
To: Koplopers <koplopers@vng.example>
Subject: Automatisch antwoord: Voordracht Koplopers =?utf-8?Q?Cli=C3=ABntondersteuning?=
Thread-Topic: Voordracht Koplopers =?utf-8?Q?Cli=C3=ABntondersteuning?=
Thread-Index: AQHS2q0dK1rWk0SqQ0iEJv3Ui8rKhQ==
Date: Thu, 1 Jun 2017 08:12:03 +0000
Message-ID: <3c1f0b6e9d8a4c2f@AM6PR09MB2345.eurprd09.prod.outlook.com>
References: <20170601081158.4711@vng.example>
In-Reply-To: <20170601081158.4711@vng.example>
Accept-Language: nl-NL, en-US
Content-Language: nl-NL
X-MS-Has-Attach:
X-MS-Exchange-Organization-SCL: -1
X-MS-TNEF-Correlator:
X-MS-Exchange-Organization-RecordReviewCfmType: 0
X-Auto-Response-Suppress: All
Auto-Submitted: auto-generated
X-MS-Exchange-Inbox-Rules-Loop: p.jansen@zwolle.nl
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit
MIME-Version: 1.0
""",
    "Ik ben afwezig tot en met maandag 5 juni. Uw e-mail wordt niet doorgestuurd.\n"
    "Voor dringende zaken kunt u contact opnemen met het KCC via 14 038.\n",
)

# Exchange 2010 and older: no Auto-Submitted, only the subject and the request header.
EXCHANGE_2010_OOF_NL = mail(
    """
From: "Bakker, Anne" <a.bakker@deventer.nl>
To: <koplopers@vng.example>
Subject: Automatisch antwoord: Voordracht gemeente Deventer
Thread-Topic: Voordracht gemeente Deventer
Date: Wed, 31 May 2017 14:02:11 +0200
Message-ID: <9E2F0C1A8B7D4E41@EXCH01.deventer.local>
In-Reply-To: <20170531120158.2231@vng.example>
Content-Language: nl-NL
X-MS-Has-Attach:
X-MS-TNEF-Correlator:
x-auto-response-suppress: All
Content-Type: text/plain; charset="iso-8859-1"
MIME-Version: 1.0
""",
    "Ik ben tot 12 juni niet aanwezig.\n",
)

GMAIL_VACATION = mail(
    """
Return-Path: <m.devries@gmail.com>
Received: from mail-wr0-f171.google.com (mail-wr0-f171.google.com [209.85.128.171])
 by mx.vng.example (Postfix) with ESMTPS id 3wdYx81Lq7z9sBd
 for <koplopers@vng.example>; Thu, 1 Jun 2017 10:15:02 +0200 (CEST)
DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=gmail.com; s=20161025;
 h=mime-version:in-reply-to:references:from:date:message-id:subject:to;
 bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=dGVzdA==
MIME-Version: 1.0
In-Reply-To: <20170601081458.5120@vng.example>
References: <20170601081458.5120@vng.example>
Auto-Submitted: auto-replied
From: Marieke de Vries <m.devries@gmail.com>
Date: Thu, 1 Jun 2017 01:15:01 -0700
Message-ID: <CAKx3vacation5120@mail.gmail.com>
Subject: Afwezig
To: koplopers@vng.example
Content-Type: text/plain; charset="UTF-8"
""",
    "Ik ben op vakantie tot 14 juni en lees mijn mail niet.\n",
)

POSTFIX_BOUNCE = mail(
    """
Return-Path: <>
Received: by mx.vng.example (Postfix)
 id 3wdZ2K0b9Hz9sBf; Thu, 1 Jun 2017 10:20:01 +0200 (CEST)
Date: Thu, 1 Jun 2017 10:20:01 +0200 (CEST)
From: MAILER-DAEMON@mx.vng.example (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: koplopers@vng.example
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
 boundary="3wdZ2K0b9Hz9sBf.1496305201/mx.vng.example"
Message-Id: <20170601082001.3wdZ2K0b9Hz9sBf@mx.vng.example>
""",
    "--3wdZ2K0b9Hz9sBf.1496305201/mx.vng.example\n"
    "Content-Description: Notification\nContent-Type: text/plain; charset=us-ascii\n\n"
    "This is the mail system at host mx.vng.example.\n\n"
    "I'm sorry to have to inform you that your message could not\n"
    "be delivered to one or more recipients.\n\n"
    "<info@gemeente-zwolle.example>: host mail.gemeente-zwolle.example said:\n"
    "    550 5.1.1 User unknown\n\n"
    "--3wdZ2K0b9Hz9sBf.1496305201/mx.vng.example\n"
    "Content-Description: Delivery report\nContent-Type: message/delivery-status\n\n"
    "Reporting-MTA: dns; mx.vng.example\n\n"
    "Final-Recipient: rfc822; info@gemeente-zwolle.example\n"
    "Action: failed\nStatus: 5.1.1\n\n"
    "--3wdZ2K0b9Hz9sBf.1496305201/mx.vng.example--\n",
)

EXCHANGE_NDR_NL = mail(
    """
From: Microsoft Outlook <postmaster@deventer.nl>
To: <koplopers@vng.example>
Date: Thu, 1 Jun 2017 08:30:12 +0000
Content-Type: multipart/report; report-type=delivery-status;
	boundary="5c1f1a77-2e61-4c7e-9b0d-2a1b3c4d5e6f"
X-MS-Exchange-Message-Is-Ndr:
Content-Language: nl-NL
Message-ID: <5c1f1a77-2e61-4c7e-9b0d-2a1b3c4d5e6f@EXCH01.deventer.local>
In-Reply-To: <20170601083001.7788@vng.example>
Subject: Onbestelbaar: Ontvangstbevestiging voordracht
Auto-Submitted: auto-replied
MIME-Version: 1.0
""",
    "--5c1f1a77-2e61-4c7e-9b0d-2a1b3c4d5e6f\n"
    "Content-Type: text/plain; charset=utf-8\n\n"
    "Kan niet bezorgen bij de volgende geadresseerden: j.smit@deventer.nl\n\n"
    "--5c1f1a77-2e61-4c7e-9b0d-2a1b3c4d5e6f\n"
    "Content-Type: message/delivery-status\n\n"
    "Reporting-MTA: dns;EXCH01.deventer.local\n\n"
    "Final-recipient: RFC822; j.smit@deventer.nl\nAction: failed\nStatus: 5.1.10\n\n"
    "--5c1f1a77-2e61-4c7e-9b0d-2a1b3c4d5e6f--\n",
)

EXIM_BOUNCE = mail(
    """
Return-path: <>
Envelope-to: koplopers@vng.example
X-Failed-Recipients: wethouder@kampen.example
Auto-Submitted: auto-replied
From: Mail Delivery System <Mailer-Daemon@mail.vng.example>
To: koplopers@vng.example
Content-Type: text/plain; charset=us-ascii
Subject: Mail delivery failed: returning message to sender
Message-Id: <E1dGLdG-0003Xj-4x@mail.vng.example>
Date: Thu, 01 Jun 2017 10:41:02 +0200
""",
    "This message was created automatically by mail delivery software.\n\n"
    "A message that you sent could not be delivered to one or more of its\n"
    "recipients. This is a permanent error.\n",
)

MAILCHIMP_NEWSLETTER = mail(
    """
Return-Path: <bounce-mc.us15_51234567.1234567-koplopers=vng.example@mail123.suw15.mcdlv.net>
From: Movisie <nieuwsbrief@movisie.example>
Reply-To: Movisie <nieuwsbrief@movisie.example>
To: <koplopers@vng.example>
Subject: Nieuwsbrief juni: =?utf-8?Q?cli=C3=ABntondersteuning?= in de praktijk
Date: Thu, 1 Jun 2017 07:00:12 +0000
Message-ID: <a9b8c7d6e5f4a3b2c1d0e9f8.1234567.us15@mail123.suw15.mcdlv.net>
X-Mailer: MailChimp Mailer - **CIDa9b8c7d6e5f4a3b2c1d0**
X-Campaign: mailchimpa9b8c7d6e5f4a3b2c1d0e9f8.a1b2c3d4e5
X-campaignid: mailchimpa9b8c7d6e5f4a3b2c1d0e9f8.a1b2c3d4e5
X-Report-Abuse: Please report abuse for this campaign here:
 https://www.mailchimp.com/contact/abuse/?u=a9b8c7d6e5f4&id=a1b2c3d4e5
X-MC-User: a9b8c7d6e5f4a3b2c1d0e9f8
Feedback-ID: 1234567:1234567.9876543:us15:mc
List-ID: a9b8c7d6e5f4a3b2c1d0e9f8mc list <a9b8c7d6e5f4a3b2c1d0e9f8.123.list-id.mcsv.net>
List-Unsubscribe: <https://movisie.us15.list-manage.com/unsubscribe?u=a9b8c7&id=a1b2c3>
Content-Type: text/plain; charset="utf-8"
MIME-Version: 1.0
""",
    "Lees in deze nieuwsbrief hoe gemeenten cliëntondersteuning organiseren.\n",
)

MAILMAN_LIST = mail(
    """
From: Jan Smit <j.smit@kampen.example>
To: sociaal-domein@lists.vng.example
Subject: [sociaal-domein] Voordracht koplopers: wie doet mee?
Date: Tue, 30 May 2017 16:20:00 +0200
Message-ID: <5929F0A0.1020304@kampen.example>
Precedence: list
List-Id: Sociaal domein <sociaal-domein.lists.vng.example>
List-Post: <mailto:sociaal-domein@lists.vng.example>
List-Unsubscribe: <https://lists.vng.example/mailman/options/sociaal-domein>,
 <mailto:sociaal-domein-request@lists.vng.example?subject=unsubscribe>
Errors-To: sociaal-domein-bounces@lists.vng.example
Sender: "sociaal-domein" <sociaal-domein-bounces@lists.vng.example>
Content-Type: text/plain; charset="utf-8"
MIME-Version: 1.0
""",
    "Wie van jullie dient een voordracht in voor de koplopers? Wij twijfelen nog.\n",
)

EMPTY_TEST = mail(
    """
From: "Servicedesk ICT" <servicedesk@zwolle.nl>
To: koplopers@vng.example
Subject: test
Date: Mon, 29 May 2017 09:01:44 +0200
Message-ID: <000001d2d84e$0a1b2c30$1e518490$@zwolle.nl>
X-Mailer: Microsoft Outlook 16.0
Content-Type: text/plain; charset="us-ascii"
MIME-Version: 1.0
""",
    "test\n",
)

NOMINATION_AFWEZIG = mail(
    """
From: "Vries, M. de" <m.devries@zwolle.nl>
To: koplopers@vng.example
Subject: =?utf-8?Q?Voordracht_=E2=80=93_ik_ben_de_hele_week_afwezig?=
Date: Thu, 1 Jun 2017 16:59:02 +0200
Message-ID: <DB6PR0901MB1234ABCD@DB6PR0901MB1234.eurprd09.prod.outlook.com>
Content-Language: nl-NL
X-MS-Has-Attach: yes
Content-Type: text/plain; charset="utf-8"
MIME-Version: 1.0
""",
    NOMINATION_TEXT + "\nIk ben de hele week afwezig; mijn collega beantwoordt vragen.\n",
)


# --- rules -----------------------------------------------------------------------


def test_an_exchange_out_of_office_in_dutch_is_an_auto_reply() -> None:
    assert kind_of(EXCHANGE_OOF_NL) == (AUTO_REPLY, "Auto-Submitted: auto-generated")


def test_an_older_exchange_out_of_office_is_known_by_its_subject() -> None:
    kind, reason = kind_of(EXCHANGE_2010_OOF_NL)
    assert kind == AUTO_REPLY
    assert "Automatisch antwoord" in reason


def test_a_gmail_vacation_reply_is_an_auto_reply() -> None:
    assert kind_of(GMAIL_VACATION) == (AUTO_REPLY, "Auto-Submitted: auto-replied")


def test_a_postfix_bounce_is_a_bounce() -> None:
    assert kind_of(POSTFIX_BOUNCE) == (BOUNCE, "multipart/report; report-type=delivery-status")


def test_an_exchange_non_delivery_report_in_dutch_is_a_bounce() -> None:
    assert kind_of(EXCHANGE_NDR_NL)[0] == BOUNCE


def test_an_exim_bounce_without_a_report_is_known_by_x_failed_recipients() -> None:
    assert kind_of(EXIM_BOUNCE) == (BOUNCE, "X-Failed-Recipients header")


def test_a_mailchimp_newsletter_is_bulk() -> None:
    assert kind_of(MAILCHIMP_NEWSLETTER) == (BULK, "List-Id header")


def test_a_mailing_list_message_is_bulk_even_when_it_talks_about_nominations() -> None:
    assert kind_of(MAILMAN_LIST) == (BULK, "List-Id header")


def test_an_empty_test_mail_is_other() -> None:
    kind, reason = kind_of(EMPTY_TEST)
    assert kind == OTHER
    assert "test" in reason


def test_a_nomination_saying_its_sender_is_away_is_a_nomination() -> None:
    assert kind_of(NOMINATION_AFWEZIG) == (NOMINATION, "no automatic-mail markers")


# --- auto-reply details ----------------------------------------------------------


def plain(subject: str, *extra: str, sender: str = "m.devries@zwolle.nl") -> bytes:
    headers = "\n".join(
        (
            f"From: {sender}",
            "To: koplopers@vng.example",
            f"Subject: {subject}",
            "Date: Thu, 1 Jun 2017 10:00:00 +0200",
            f"Message-ID: {email.utils.make_msgid(domain='zwolle.nl')}",
            *extra,
            "Content-Type: text/plain; charset=utf-8",
        )
    )
    return mail(headers)


@pytest.mark.parametrize(
    "subject",
    [
        "Afwezig",
        "RE: Afwezig",
        "Re: AW: afwezig",
        "Afwezig tot 6 juni",
        "Afwezig: Voordracht gemeente Zwolle",
        "Ik ben afwezig",
        "Niet aanwezig",
        "Niet aanwezig tot en met 12 juni",
        "Automatisch antwoord: Voordracht",
        "Automatisch beantwoorden: Voordracht",
        "Automatische reactie: uw bericht",
        "[EXTERN] Automatisch antwoord: Voordracht",
        "Antw: Automatisch antwoord: Voordracht",
        "Out of Office: Nomination",
        "Out of the office",
        "Automatic reply: Nomination",
        "Autoreply: Voordracht",
        "Auto-Reply: Voordracht",
        "AUTO REPLY",
        "Abwesenheitsnotiz: Voordracht",
        "Automatische Antwort: Voordracht",
        "Absence",
        "Réponse automatique : Voordracht",
    ],
)
def test_auto_reply_subjects(subject: str) -> None:
    assert kind_of(plain(subject))[0] == AUTO_REPLY


@pytest.mark.parametrize(
    "subject",
    [
        "Voordracht – ik ben de hele week afwezig",
        "Voordracht; contactpersoon afwezig tot 6 juni",
        "Afwezigheid van cliëntondersteuning in het beleid? Niet in Zwolle!",
        "Niet aanwezig bij de bijeenkomst, wel een voordracht",
        "Absent minded? Nee: voordracht gemeente Zwolle",
        "FW: Automatisch antwoord: Voordracht",
        "Fwd: Onbestelbaar: Voordracht gemeente Zwolle",
        "Doorst: Undelivered Mail Returned to Sender",
        "Voordracht (out of office hours support)",
    ],
)
def test_nomination_subjects_that_merely_mention_absence(subject: str) -> None:
    assert kind_of(plain(subject))[0] == NOMINATION


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Auto-Submitted: auto-replied", "Auto-Submitted: auto-replied"),
        ("Auto-Submitted: Auto-Generated (failure)", "Auto-Submitted: auto-generated"),
        ("Auto-Submitted: auto-notified", "Auto-Submitted: auto-notified"),
        ("X-Autoreply: yes", "X-Autoreply: yes"),
        ("X-Autorespond: Voordracht", "X-Autorespond: Voordracht"),
        ("X-AutoReply-From: m.devries@zwolle.nl", "X-AutoReply-From: m.devries@zwolle.nl"),
        ("X-Autogenerated: Reply", "X-Autogenerated: Reply"),
        ("Precedence: auto_reply", "Precedence: auto_reply"),
        ("Return-Path: <>", "Return-Path <> (notification sender)"),
    ],
)
def test_auto_reply_headers(header: str, expected: str) -> None:
    assert kind_of(plain("Voordracht", header)) == (AUTO_REPLY, expected)


@pytest.mark.parametrize(
    "header",
    [
        "Auto-Submitted: no",
        "Auto-Submitted:",
        "X-Autoreply: no",
        "X-Autogenerated: Forward",
        "X-Auto-Response-Suppress: All",
        "X-Auto-Response-Suppress: DR, RN, NRN, OOF, AutoReply",
        "Feedback-ID: 123:zwolle:ses",
        "Disposition-Notification-To: m.devries@zwolle.nl",
        "Return-Path: <m.devries@zwolle.nl>",
    ],
)
def test_headers_that_do_not_make_a_nomination_automatic(header: str) -> None:
    assert kind_of(plain("Voordracht gemeente Zwolle", header))[0] == NOMINATION


def test_x_auto_response_suppress_is_named_in_a_nominations_reason() -> None:
    raw = plain("Voordracht", "X-Auto-Response-Suppress: All")
    assert kind_of(raw) == (
        NOMINATION,
        "no automatic-mail markers; asks for no auto-replies (X-Auto-Response-Suppress: All)",
    )


def test_a_nomination_sent_through_a_crm_with_provider_headers_is_a_nomination() -> None:
    raw = mail(
        """
Return-Path: <0102015c62a1b2c3-aaaa-bbbb@eu-west-1.amazonses.com>
From: Gemeente Kampen <noreply@kampen.example>
Reply-To: Team Sociaal Domein <sociaaldomein@kampen.example>
To: koplopers@vng.example
Subject: Voordracht Koplopers =?utf-8?Q?Cli=C3=ABntondersteuning?= - gemeente Kampen
Date: Thu, 1 Jun 2017 11:00:00 +0000
Message-ID: <0102015c62a1b2c3-aaaa-bbbb@eu-west-1.amazonses.com>
X-Mailer: Zaaksysteem 3.2
X-Auto-Response-Suppress: OOF, AutoReply
Feedback-ID: 1.eu-west-1.abcdefghijk=:AmazonSES
Content-Type: text/plain; charset=utf-8
MIME-Version: 1.0
"""
    )
    assert kind_of(raw, attachments=1)[0] == NOMINATION


def test_a_read_receipt_is_an_auto_reply() -> None:
    raw = mail(
        """
From: "Jansen, Pieter" <p.jansen@zwolle.nl>
To: koplopers@vng.example
Subject: Gelezen: Ontvangstbevestiging voordracht
Date: Thu, 1 Jun 2017 12:00:00 +0200
Message-ID: <mdn-4711@zwolle.nl>
Content-Type: multipart/report; report-type=disposition-notification;
	boundary="----=_mdn"
MIME-Version: 1.0
""",
        "------=_mdn\nContent-Type: text/plain\n\nUw bericht is gelezen.\n\n"
        "------=_mdn\nContent-Type: message/disposition-notification\n\n"
        "Final-Recipient: rfc822;p.jansen@zwolle.nl\n"
        "Disposition: manual-action/MDN-sent-manually; displayed\n\n------=_mdn--\n",
    )
    kind, reason = kind_of(raw)
    assert kind == AUTO_REPLY
    assert "disposition-notification" in reason


# --- bounce details --------------------------------------------------------------


@pytest.mark.parametrize(
    "subject",
    [
        "Undelivered Mail Returned to Sender",
        "Delivery Status Notification (Failure)",
        "Onbestelbaar: Voordracht",
        "Niet bezorgd: Voordracht",
        "Mail delivery failed: returning message to sender",
        "Undeliverable: Voordracht",
        "[EXTERN] Onbestelbaar: Voordracht",
    ],
)
def test_bounce_subjects(subject: str) -> None:
    assert kind_of(plain(subject))[0] == BOUNCE


def test_a_mailer_daemon_sender_is_a_bounce() -> None:
    raw = plain("failure notice", sender="MAILER-DAEMON@mail.kampen.example")
    assert kind_of(raw) == (BOUNCE, "sent by MAILER-DAEMON@mail.kampen.example")


def test_a_postmaster_with_a_null_return_path_is_a_bounce() -> None:
    raw = plain("Bericht", "Return-Path: <>", sender="postmaster@kampen.example")
    assert kind_of(raw)[0] == BOUNCE


def test_a_postmaster_writing_as_a_person_is_not_a_bounce() -> None:
    raw = plain("Voordracht gemeente Kampen", sender="postmaster@kampen.example")
    assert kind_of(raw)[0] == NOMINATION


def test_a_forwarded_bounce_with_the_nomination_is_a_nomination() -> None:
    raw = mail(
        """
From: "Vries, M. de" <m.devries@zwolle.nl>
To: koplopers@vng.example
Subject: Fwd: Undelivered Mail Returned to Sender
Date: Thu, 1 Jun 2017 16:40:00 +0200
Message-ID: <fwd-4711@zwolle.nl>
Content-Type: multipart/mixed; boundary="fwd"
MIME-Version: 1.0
""",
        "--fwd\nContent-Type: text/plain; charset=utf-8\n\n"
        + NOMINATION_TEXT
        + "\n--fwd\nContent-Type: message/rfc822\n\n"
        "From: MAILER-DAEMON@mx.zwolle.nl\nSubject: Undelivered Mail Returned to Sender\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="in"\n\n'
        "--in\nContent-Type: message/delivery-status\n\nAction: failed\n\n--in--\n\n--fwd--\n",
    )
    assert kind_of(raw, NOMINATION_TEXT)[0] == NOMINATION


def test_a_delivery_status_part_under_multipart_mixed_is_a_bounce() -> None:
    raw = mail(
        """
From: Mail Administrator <mailadmin@kampen.example>
To: koplopers@vng.example
Subject: Bericht
Content-Type: multipart/mixed; boundary="b"
MIME-Version: 1.0
""",
        "--b\nContent-Type: text/plain\n\nNot delivered.\n\n"
        "--b\nContent-Type: message/delivery-status\n\nAction: failed\n\n--b--\n",
    )
    assert kind_of(raw) == (BOUNCE, "message/delivery-status part")


# --- bulk details ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Precedence: bulk", "Precedence: bulk"),
        ("Precedence: junk", "Precedence: junk"),
        ("Precedence: list", "Precedence: list"),
        ("List-Unsubscribe: <mailto:leave@lists.example>", "List-Unsubscribe header"),
        ("X-Campaign: mailchimp1234.5678", "X-Campaign header"),
        ("X-Mailer: MailChimp Mailer - **CID1234**", "X-Mailer: MailChimp"),
    ],
)
def test_bulk_headers(header: str, expected: str) -> None:
    assert kind_of(plain("Nieuwsbrief", header)) == (BULK, expected)


# --- other -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "body", ["", "   \n", "test", "Test test 123", "Testbericht.", "Zie bijlage."]
)
def test_empty_and_test_mails_without_attachments_are_other(body: str) -> None:
    assert kind_of(plain("test"), body)[0] == OTHER


def test_a_test_subject_with_an_attachment_is_a_nomination() -> None:
    assert kind_of(plain("test"), "", attachments=1)[0] == NOMINATION


def test_a_short_body_with_a_real_text_is_a_nomination() -> None:
    body = "Hierbij onze voordracht: Zwolle organiseert cliëntondersteuning samen met inwoners."
    assert kind_of(plain("Voordracht"), body)[0] == NOMINATION


# --- precedence ------------------------------------------------------------------


def test_a_bounce_with_auto_submitted_and_precedence_bulk_is_a_bounce() -> None:
    raw = POSTFIX_BOUNCE.replace(b"MIME-Version", b"Precedence: bulk\r\nMIME-Version", 1)
    assert kind_of(raw)[0] == BOUNCE


def test_an_auto_reply_from_a_list_is_an_auto_reply() -> None:
    raw = plain("Out of office", "List-Id: <sociaal-domein.lists.vng.example>", "Precedence: bulk")
    assert kind_of(raw)[0] == AUTO_REPLY


def test_an_empty_list_message_is_bulk() -> None:
    assert kind_of(plain("x", "List-Id: <l.example>"), "")[0] == BULK


# --- hostile input ---------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\r\n\r\n",
        b"no header at all, just text",
        b"Subject: =?utf-8?Q?unterminated\r\nContent-Type: multipart/report; report-type\r\n\r\nx",
        b"Content-Type: multipart/report; report-type*=''%FF%FE\r\n\r\n",
        b"Content-Type: multipart/report; report-type*0*=utf-8''delivery;"
        b" report-type*1=-status\r\n",
        b"From: \xff\xfe <@>\r\nAuto-Submitted: (comment only)\r\nSubject: \x00\x01\r\n\r\n",
        b"Content-Type: multipart/mixed\r\n\r\n--\r\n--\r\n",
        b" folded first line\r\nFrom: MAILER-DAEMON\r\n\r\n",
        b"From: =?bogus?Q?x?= <a@b>\r\nReturn-Path: \r\n\r\nbody",
    ],
)
def test_malformed_messages_do_not_raise(raw: bytes) -> None:
    assert classify(raw, "", 0).kind in KINDS


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600), st.text(max_size=80), st.integers(min_value=0, max_value=3))
def test_classify_never_raises(raw: bytes, body: str, attachments: int) -> None:
    assert classify(raw, body, attachments).kind in KINDS


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Auto-Submitted",
                "Content-Type",
                "Subject",
                "From",
                "Return-Path",
                "Precedence",
                "List-Id",
                "X-Autoreply",
            ]
        ).flatmap(lambda name: st.text(max_size=40).map(lambda value: f"{name}: {value}")),
        max_size=6,
    )
)
def test_classify_never_raises_on_odd_header_values(lines: list[str]) -> None:
    raw = ("\r\n".join(lines) + "\r\n\r\nbody").encode("utf-8", "surrogateescape")
    assert classify(raw, "body", 0).kind in KINDS


# --- the shared corpus -----------------------------------------------------------


def corpus_emails() -> list[tuple[str, str]]:
    manifest = CORPUS / "MANIFEST.tsv"
    if not manifest.exists():
        pytest.fail(f"the shared corpus is missing: {manifest}")
    with manifest.open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return [(row["relpath"], row["notes"]) for row in rows if row["category"] == "email"]


def body_and_attachments(raw: bytes) -> tuple[str, int]:
    """The text and attachment count the pipeline would pass; ("", 0) if parsing fails."""
    try:
        parsed = parse_message(raw)
    except Exception:  # the parsers' own corpus tests own that failure; classify must cope
        return "", 0
    return parsed.own_text, sum(1 for part in parsed.parts if not part.inline)


def features(notes: str) -> set[str]:
    _, _, listed = notes.partition("features:")
    return {item.strip() for item in listed.split("|")[0].split(",") if item.strip()}


def test_every_corpus_email_is_classified_and_every_delivery_report_is_a_bounce() -> None:
    emails = corpus_emails()
    assert len(emails) > 500
    counts: Counter[str] = Counter()
    missed: list[str] = []
    for relpath, notes in emails:
        raw = (CORPUS / relpath).read_bytes()
        result = classify(raw, *body_and_attachments(raw))
        counts[result.kind] += 1
        wanted = features(notes)
        if "report:delivery-status" in wanted and result.kind != BOUNCE:
            missed.append(f"{relpath}: {result.kind} ({result.reason})")
        if "report:disposition-notification" in wanted:
            assert result.kind == AUTO_REPLY, relpath
    print(f"corpus kinds: {dict(sorted(counts.items()))}")
    assert sum(counts.values()) == len(emails)
    assert not missed, "delivery-status reports not seen as bounces:\n" + "\n".join(missed)
    assert counts[BOUNCE] >= 23
