"""Mail nobody wrote to the call: automatic replies, a bounce, a mailing list, spam, a test.

- 81: a Gmail vacation reply to our acknowledgement of 64.
- 82: a read receipt (MDN) for our acknowledgement of 52.
- 83: Exchange's non-delivery report for our acknowledgement of 60 (mailbox full).
- 84: a mailing-list post in which a council says whom it nominated (bulk).
- 85: phishing aimed at the call's mailbox; 86: a council testing its new address.
"""

from __future__ import annotations

from email.header import Header
from email.headerregistry import Address
from email.message import Message
from email.utils import format_datetime, formataddr

from clients import gmail_message, gmail_trace, html_only_message, plain_message, roundcube_message
from mailkit import (
    COMPAT32,
    OUR_ADDRESS,
    OUR_MX,
    Case,
    Hop,
    acknowledgement,
    at,
    auth_results,
    b64id,
    deliver,
    digest,
    dutch_date,
    earlier,
    exchange_date,
    exchange_hops,
    hexid,
    received_at,
    subject_of,
)

OUR_SENDER_ENCODED = formataddr(("Koplopers Cliëntondersteuning", OUR_ADDRESS), charset="utf-8")


def encoded(value: str) -> str:
    """A header value as a mail server writes it: RFC 2047 encoded words where not ASCII."""
    return Header(value, "utf-8").encode() if not value.isascii() else value


# --- 81: a vacation reply from Gmail ---------------------------------------------------

VACATION_TEXT = """\
Dank voor uw bericht. Het secretariaat van de Adviesraad Sociaal Domein Leiden is tot en met \
11 juni met vakantie. Uw bericht wordt na terugkomst behandeld.

Met vriendelijke groet,
Adviesraad Sociaal Domein Leiden
"""


def build_leiden_vacation(case: Case) -> bytes:
    nomination = earlier("64-leiden-adviesraad-english-gmail.eml")
    ack = acknowledgement("KCO-0058", subject_of(nomination), received_at(nomination))
    sent = at(5, 31, 22, 31, 38)
    message = gmail_message(
        seed=case.file,
        sender=Address("Adviesraad Sociaal Domein Leiden", addr_spec="asd.leiden@gmail.com"),
        subject="Re: " + ack.subject,
        sent=sent,
        text=VACATION_TEXT,
        in_reply_to=ack.message_id,
        extra_headers=[("Auto-Submitted", "auto-replied")],
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("mail-wr0-f181.google.com", "mail-wr0-f181.google.com", "209.85.128.181"),
        seed=case.file,
        return_path="asd.leiden@gmail.com",
        our_auth=auth_results(OUR_MX, "gmail.com", "pass"),
        sender_trace=gmail_trace(sent, case.file),
    )


# --- 82: a read receipt ---------------------------------------------------------------

OUTLOOK_ZONE = "(UTC+01:00) Amsterdam, Berlijn, Bern, Rome, Stockholm, Wenen"


def build_hengelo_read_receipt(case: Case) -> bytes:
    nomination = earlier("52-hengelo-borne-table-docx.eml")
    ack = acknowledgement("KCO-0047", subject_of(nomination), received_at(nomination))
    read = at(5, 31, 14, 51, 5)
    human = Message(policy=COMPAT32)
    human["Content-Type"] = 'text/plain; charset="utf-8"'
    human["Content-Transfer-Encoding"] = "8bit"
    human.set_payload(
        "Uw bericht\n\n"
        "  Aan: Kamps, Ruud\n"
        f"  Onderwerp: {ack.subject}\n"
        f"  Verzonden: {dutch_date(ack.sent, seconds=True)} {OUTLOOK_ZONE}\n\n"
        f"is gelezen op {dutch_date(read, seconds=True)} {OUTLOOK_ZONE}.\n"
    )
    notification = Message(policy=COMPAT32)
    notification["Content-Type"] = "message/disposition-notification"
    notification.set_payload(
        "Reporting-UA: HGLEXC01.hengelo.local; Microsoft Exchange Server\n"
        "Final-Recipient: rfc822; r.kamps@hengelo.nl\n"
        f"Original-Message-ID: {ack.message_id}\n"
        "Disposition: manual-action/MDN-sent-manually; displayed\n"
        f"X-MSExch-Correlation-Key: {b64id(case.file + '/key', 16)}\n"
        "X-Display-Name: Kamps, Ruud\n"
    )
    report = Message(policy=COMPAT32)
    report["From"] = '"Kamps, Ruud" <r.kamps@hengelo.nl>'
    report["To"] = OUR_SENDER_ENCODED
    report["Subject"] = "Gelezen: " + ack.subject
    report["Thread-Topic"] = ack.subject
    report["Thread-Index"] = b64id(case.file + "/thread", 27)
    report["Date"] = format_datetime(read)
    report["Message-ID"] = f"<{hexid(case.file, 32)}@HGLEXC01.hengelo.local>"
    report["References"] = ack.message_id
    report["In-Reply-To"] = ack.message_id
    report["Content-Language"] = "nl-NL"
    report["X-MS-Has-Attach"] = ""
    report["X-MS-TNEF-Correlator"] = ""
    report["MIME-Version"] = "1.0"
    boundary = f"_000_{hexid(case.file + '/b', 40)}_"
    report["Content-Type"] = (
        f'multipart/report; report-type=disposition-notification; boundary="{boundary}"'
    )
    report.set_payload([human, notification])
    return deliver(
        report,
        received=case.received,
        hop=Hop("mail.hengelo.nl", "mail.hengelo.nl", "203.0.113.52"),
        seed=case.file,
        return_path="r.kamps@hengelo.nl",
        sender_trace=exchange_hops("HGLEXC01", "hengelo.local", read, "15.0.1293.2"),
        write_policy=COMPAT32,
    )


# --- 83: Exchange returns our acknowledgement: the mailbox is full ---------------------

NDR_TEXT = """\
Kan niet bezorgen bij deze geadressee(r)den:

e.yilmaz@zaanstad.nl
De postbus van de ontvanger is vol. Het bericht kan momenteel niet worden bezorgd. Probeer \
het later opnieuw of neem rechtstreeks contact op met de ontvanger.

Diagnostische informatie voor beheerders:

Server genereren: ZSEXC01.zaanstad.local

e.yilmaz@zaanstad.nl
Remote Server returned '554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceeded'
"""


def build_zaanstad_ndr(case: Case) -> bytes:
    nomination = earlier("60-zaanstad-nominates-purmerend.eml")
    ack = acknowledgement("KCO-0044", subject_of(nomination), received_at(nomination))
    returned = at(5, 31, 11, 18, 12)
    explanation = Message(policy=COMPAT32)
    explanation["Content-Type"] = 'text/plain; charset="us-ascii"'
    explanation["Content-Transfer-Encoding"] = "7bit"
    explanation.set_payload(NDR_TEXT)
    per_message = Message(policy=COMPAT32)
    per_message["Reporting-MTA"] = "dns;ZSEXC01.zaanstad.local"
    per_message["Received-From-MTA"] = f"dns;{OUR_MX}"
    per_message["Arrival-Date"] = exchange_date(ack.sent)
    per_recipient = Message(policy=COMPAT32)
    per_recipient["Original-Recipient"] = "rfc822;e.yilmaz@zaanstad.nl"
    per_recipient["Final-Recipient"] = "rfc822;e.yilmaz@zaanstad.nl"
    per_recipient["Action"] = "failed"
    per_recipient["Status"] = "5.2.2"
    per_recipient["Diagnostic-Code"] = (
        "smtp;554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceeded"
    )
    status = Message(policy=COMPAT32)
    status["Content-Type"] = "message/delivery-status"
    status.set_payload([per_message, per_recipient])
    headers = Message(policy=COMPAT32)
    headers["Content-Type"] = "text/rfc822-headers"
    headers.set_payload(
        f"From: {OUR_SENDER_ENCODED}\n"
        "To: e.yilmaz@zaanstad.nl\n"
        f"Subject: {encoded(ack.subject)}\n"
        f"Date: {format_datetime(ack.sent)}\n"
        f"Message-ID: {ack.message_id}\n"
        "Auto-Submitted: auto-replied\n"
        "MIME-Version: 1.0\n"
    )
    report = Message(policy=COMPAT32)
    report["From"] = (
        "Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@zaanstad.nl>"
    )
    report["To"] = f"<{OUR_ADDRESS}>"
    report["Date"] = exchange_date(returned)
    report["Subject"] = encoded("Onbestelbaar: " + ack.subject)
    report["Message-ID"] = f"<{hexid(case.file, 32)}@ZSEXC01.zaanstad.local>"
    report["In-Reply-To"] = ack.message_id
    report["References"] = ack.message_id
    report["Content-Language"] = "nl-NL"
    report["Auto-Submitted"] = "auto-replied"
    report["X-MS-Exchange-Message-Is-Ndr"] = ""
    report["MIME-Version"] = "1.0"
    boundary = f"_000_{hexid(case.file + '/b', 40)}_"
    report["Content-Type"] = f'multipart/report; report-type=delivery-status; boundary="{boundary}"'
    report.set_payload([explanation, status, headers])
    return deliver(
        report,
        received=case.received,
        hop=Hop("mail.zaanstad.nl", "mail.zaanstad.nl", "203.0.113.60"),
        seed=case.file,
        return_path="",
        write_policy=COMPAT32,
    )


# --- 84: a mailing-list post -----------------------------------------------------------

LIST_POST = """\
Beste collega's,

Vanochtend hebben wij als Wmo-raad Tynaarlo onze eigen gemeente voorgedragen voor de \
Koplopers Cliëntondersteuning (inzenden kan nog tot vanmiddag 17.00 uur bij \
koplopers@vng.example). Wie dragen jullie voor? Misschien is het leuk om na afloop ervaringen \
uit te wisselen.

Groet,
Jan Bos
Wmo-raad Tynaarlo
_______________________________________________
Wmo-raden mailing list
wmoraden@lists.wmoraden.example
https://lists.wmoraden.example/mailman/listinfo/wmoraden
"""

LIST = "lists.wmoraden.example"


def build_list_post(case: Case) -> bytes:
    sent = at(6, 1, 9, 11, 40)
    token = hexid(case.file, 32)
    message = plain_message(
        seed=case.file,
        headers=[
            ("From", "Jan Bos <wmoraad.tynaarlo@planet.nl>"),
            ("Mime-Version", "1.0 (1.0)"),
            ("Date", format_datetime(sent)),
            (
                "Message-Id",
                f"<{token[:8]}-{token[8:12]}-{token[12:16]}-{token[16:20]}-{token[20:32]}"
                "@planet.nl>",
            ),
            ("To", f"wmoraden@{LIST}"),
            ("X-Mailer", "iPhone Mail (14E304)"),
            ("Subject", "[Wmo-raden] Koplopers: wie dragen jullie voor?"),
            ("X-BeenThere", f"wmoraden@{LIST}"),
            ("X-Mailman-Version", "2.1.23"),
            ("Precedence", "list"),
            ("List-Id", f"Netwerk Wmo-raden <wmoraden.{LIST}>"),
            (
                "List-Unsubscribe",
                f"<https://{LIST}/mailman/options/wmoraden>, "
                f"<mailto:wmoraden-request@{LIST}?subject=unsubscribe>",
            ),
            ("List-Archive", f"<https://{LIST}/pipermail/wmoraden/>"),
            ("List-Post", f"<mailto:wmoraden@{LIST}>"),
            ("List-Help", f"<mailto:wmoraden-request@{LIST}?subject=help>"),
            (
                "List-Subscribe",
                f"<https://{LIST}/mailman/listinfo/wmoraden>, "
                f"<mailto:wmoraden-request@{LIST}?subject=subscribe>",
            ),
            ("Errors-To", f"wmoraden-bounces@{LIST}"),
            ("Sender", f'"Wmo-raden" <wmoraden-bounces@{LIST}>'),
        ],
        text=LIST_POST,
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop(f"mail.{LIST}", f"mail.{LIST}", "203.0.113.84"),
        seed=case.file,
        return_path=f"wmoraden-bounces@{LIST}",
        our_auth=(
            f"Authentication-Results: {OUR_MX};\n\tdkim=none;\n"
            f"\tspf=pass smtp.mailfrom={LIST};\n\tdmarc=fail (p=none) header.from=planet.nl"
        ),
    )


# --- 85: phishing; 86: a test -----------------------------------------------------------

PHISHING_HTML = f"""\
<html><body style="font-family:Tahoma,sans-serif;font-size:13px">
<p>Beste gebruiker,</p>
<p>Uw mailbox <b>{OUR_ADDRESS}</b> heeft 98% van de opslaglimiet bereikt. Nieuwe berichten \
worden binnen 24 uur geweigerd.</p>
<p>Klik hieronder om uw mailbox te valideren en extra opslag te ontvangen:</p>
<p><a href="http://mailbox-beheer.example/validate?u=koplopers" \
style="background:#0072c6;color:#fff;padding:8px 16px;text-decoration:none">Mailbox \
valideren</a></p>
<p>Met vriendelijke groet,<br>Webmail Beheer</p>
</body></html>
"""


def build_phishing(case: Case) -> bytes:
    sent = at(5, 24, 3, 12, 31)
    message = html_only_message(
        seed=case.file,
        headers=[
            ("From", '"Webmail Beheer" <no-reply@mailbox-beheer.example>'),
            ("To", OUR_ADDRESS),
            ("Subject", "Uw mailbox heeft de opslaglimiet bereikt"),
            ("Date", format_datetime(sent)),
            ("Message-ID", f"<{digest(case.file)[:20]}@mailbox-beheer.example>"),
            ("X-Priority", "1 (Highest)"),
            ("MIME-Version", "1.0"),
        ],
        body_html=PHISHING_HTML,
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("vps1187.hosting.example", "vps1187.hosting.example", "203.0.113.201", tls=False),
        seed=case.file,
        return_path="no-reply@mailbox-beheer.example",
    )


def build_aalten_test(case: Case) -> bytes:
    sent = at(5, 15, 19, 1, 52)
    message = roundcube_message(
        seed=case.file,
        sender="Wmo-raad Aalten <wmoraad.aalten@kpnmail.nl>",
        subject="test nieuw mailadres",
        sent=sent,
        text="Test\n\n-- \nWmo-raad Aalten\n",
        domain="kpnmail.nl",
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("smtp.kpnmail.nl", "cpsmtpb-ews05.kpnxchange.com", "203.0.113.86"),
        seed=case.file,
        return_path="wmoraad.aalten@kpnmail.nl",
    )


CASES: tuple[Case, ...] = (
    Case(
        "81-leiden-adviesraad-gmail-vacation-reply.eml",
        "auto-reply",
        "Adviesraad Sociaal Domein Leiden",
        at(5, 31, 22, 31, 45),
        True,
        "Gmail vacation reply (Auto-Submitted: auto-replied, 'Re: Ontvangstbevestiging: …') "
        "to our acknowledgement of 64, seconds after it; otherwise an ordinary Gmail message.",
        build_leiden_vacation,
        sender_municipality="GM0546",
        dmarc="pass",
    ),
    Case(
        "82-hengelo-read-receipt.eml",
        "auto-reply",
        "Gemeente Hengelo",
        at(5, 31, 14, 51, 12),
        True,
        "An Outlook read receipt for our acknowledgement of 52: 'Gelezen: …', multipart/report "
        "with message/disposition-notification. Generated by the client, written by nobody.",
        build_hengelo_read_receipt,
        sender_municipality="GM0164",
    ),
    Case(
        "83-zaanstad-exchange-ndr.eml",
        "bounce",
        "Microsoft Exchange (zaanstad.nl)",
        at(5, 31, 11, 18, 30),
        True,
        "Exchange's non-delivery report for our acknowledgement of 60 (mailbox full): "
        "'Onbestelbaar: …', multipart/report delivery-status with the returned headers, "
        "Return-Path <>. Names Purmerend in its subject.",
        build_zaanstad_ndr,
        sender_municipality="GM0479",
    ),
    Case(
        "84-wmoraden-mailing-list-post.eml",
        "bulk",
        "Mailinglijst Netwerk Wmo-raden (bericht van Wmo-raad Tynaarlo)",
        at(6, 1, 9, 12, 30),
        True,
        "A Mailman list post to which our address is subscribed (List-Id, Precedence: list); "
        "the author of 66 tells the list whom his council nominated. Not a nomination and not "
        "correspondence to us. Our A-R: dmarc=fail, as lists break alignment.",
        build_list_post,
        sender_municipality="GM1730",
        dmarc="fail",
    ),
    Case(
        "85-phishing-mailbox-quota.eml",
        "other",
        "Onbekend (phishing)",
        at(5, 24, 3, 12, 44),
        True,
        "Phishing aimed at the call's mailbox, HTML only, at night from a VPS; not about the "
        "call at all.",
        build_phishing,
    ),
    Case(
        "86-aalten-wmoraad-test-new-address.eml",
        "other",
        "Wmo-raad Aalten",
        at(5, 15, 19, 2, 11),
        True,
        "'test nieuw mailadres' with 'Test' and a signature (Roundcube, kpnmail.nl): a test mail.",
        build_aalten_test,
        sender_municipality="GM0197",
    ),
)
