"""Correspondence about nominations already sent: follow-ups, replies to our acknowledgement.

Each concerns a nomination of its sender in the inbox, found by thread (In-Reply-To names
the nomination, or our acknowledgement of it) or by the sender alone.  Some quote the
whole nomination; they stay correspondence.
"""

from __future__ import annotations

from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from bodies import outlook_quote
from clients import (
    gmail_message,
    gmail_trace,
    outlook_message,
    plain_message,
)
from mailkit import (
    OUR_MX,
    OUR_SENDER,
    Case,
    Hop,
    acknowledgement,
    at,
    auth_results,
    body_of,
    deliver,
    dkim_signature,
    earlier,
    exchange_hops,
    hexid,
    received_at,
    sent_at,
    subject_of,
)

# --- 36: did you receive it? (by the same sender as 04, no thread fields) -------------

LOCHEM_FOLLOWUP = """\
    Goedemorgen,

    Op 31 mei hebben wij namens de gemeente Lochem onze voordracht van de gemeente Zutphen \
gestuurd, met de toelichting als pdf in de bijlage. Wij hebben nog geen ontvangstbevestiging \
gezien. Hebben jullie onze voordracht goed ontvangen? Wij horen het graag, zodat wij zo nodig \
vóór de deadline nog iets kunnen nasturen.

    Met vriendelijke groet,

    Anita Wolters
    Secretariaat Sociaal Domein
    Gemeente Lochem
    Postbus 17, 7240 AA Lochem
    T (0573) 12 34 56
"""


def build_lochem_followup(case: Case) -> bytes:
    sent = at(6, 1, 9, 39, 50)
    message = outlook_message(
        seed=case.file,
        sender='"Secretariaat Sociaal Domein" <sociaaldomein@lochem.nl>',
        subject="Voordracht Zutphen goed ontvangen?",
        sent=sent,
        message_id=f"<{hexid(case.file, 32)}@MBX01.lochem.local>",
        markup=LOCHEM_FOLLOWUP,
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("mail.lochem.nl", "mail.lochem.nl", "198.51.100.41"),
        seed=case.file,
        return_path="sociaaldomein@lochem.nl",
        sender_trace=exchange_hops("MBX01", "lochem.local", sent, "15.1.845.34"),
    )


# --- 37: a Gmail reply to the sender's own nomination (02), quoting all of it ----------

ZEIST_FOLLOWUP = """\
Beste mensen,

Gisteravond hebben wij onderstaande voordracht gestuurd. Wij hebben geen bevestiging \
gekregen en weten dus niet zeker of die is aangekomen. Kunt u laten weten of u hem heeft \
ontvangen?

Met vriendelijke groet,
Henk van Dijk
Adviesraad Sociaal Domein Zeist
"""


def gmail_attribution(original: EmailMessage) -> str:
    """The line Dutch Gmail writes above the text it quotes."""
    sent = sent_at(original)
    days = ("ma", "di", "wo", "do", "vr", "za", "zo")
    months = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
    return (
        f"Op {days[sent.weekday()]} {sent.day} {months[sent.month - 1]} {sent.year} om "
        f"{sent:%H:%M} schreef {original['From']}:"
    )


def build_zeist_followup(case: Case) -> bytes:
    original = earlier("02-zeist-adviesraad-gmail.eml")
    sent = at(5, 31, 19, 20, 31)
    message = gmail_message(
        seed=case.file,
        sender=Address("Adviesraad Sociaal Domein Zeist", addr_spec="asd.zeist@gmail.com"),
        subject="Re: " + subject_of(original),
        sent=sent,
        text=ZEIST_FOLLOWUP,
        in_reply_to=str(original["Message-ID"]),
        quoted=(gmail_attribution(original), body_of(original)),
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("mail-wr0-f176.google.com", "mail-wr0-f176.google.com", "209.85.128.176"),
        seed=case.file,
        return_path="asd.zeist@gmail.com",
        our_auth=auth_results(OUR_MX, "gmail.com", "pass"),
        sender_trace=gmail_trace(sent, case.file),
    )


# --- 38, 39: replies to our acknowledgement of 08 and 12 ------------------------------

EINDHOVEN_THANKS = """\
    Beste programmateam,

    Dank voor de bevestiging! Mocht de jury nog vragen hebben over de aanpak in Best, dan \
kunnen zij mij altijd bellen. Ook de Wmo-raad van Best heeft aangeboden een toelichting te \
geven.

    Met vriendelijke groet,

    Lotte Janssen
    Beleidsadviseur Wmo
    Gemeente Eindhoven
    T 14 040
"""

NIJMEGEN_QUESTION = """\
    Geachte heer, mevrouw,

    Dank voor uw ontvangstbevestiging. Mag ik vragen wanneer de jury de koplopers bekendmaakt? \
Wij willen onze wethouder en de adviesraad graag laten weten wanneer zij een reactie kunnen \
verwachten.

    Met vriendelijke groet,

    Hans Peters
    Programmamanager Sociaal Domein
    Gemeente Nijmegen
"""


def reply_to_acknowledgement(
    case: Case,
    *,
    nomination: str,
    reference: str,
    sender: str,
    to_name: str,
    markup: str,
    sent: tuple[int, int, int, int, int],
    server: str,
    internal: str,
    hop: Hop,
    selector: str,
) -> bytes:
    """An Outlook reply to our acknowledgement of ``nomination``, which it quotes."""
    original = earlier(nomination)
    ack = acknowledgement(reference, subject_of(original), received_at(original))
    when = at(*sent)
    address = sender.rpartition("<")[2].rstrip(">")
    domain = address.partition("@")[2]
    message = outlook_message(
        seed=case.file,
        sender=sender,
        subject="RE: " + ack.subject,
        thread_topic=ack.subject,
        sent=when,
        message_id=f"<{hexid(case.file, 32)}@{server}.{internal}>",
        markup=markup,
        in_reply_to=ack.message_id,
        quoted=outlook_quote(
            sender=OUR_SENDER,
            sent=ack.sent,
            to=to_name,
            subject=ack.subject,
            text=ack.text,
            mailto=True,
        ),
    )
    return deliver(
        message,
        received=case.received,
        hop=hop,
        seed=case.file,
        return_path=address,
        our_auth=auth_results(OUR_MX, domain, "pass"),
        sender_trace=[
            dkim_signature(domain, selector, when, case.file),
            *exchange_hops(server, internal, when, "15.1.669.32"),
        ],
    )


def build_eindhoven_thanks(case: Case) -> bytes:
    return reply_to_acknowledgement(
        case,
        nomination="08-eindhoven-nominates-best.eml",
        reference="KCO-0012",
        sender='"Janssen, Lotte" <l.janssen@eindhoven.nl>',
        to_name="Janssen, Lotte",
        markup=EINDHOVEN_THANKS,
        sent=(5, 30, 14, 2, 10),
        server="SRVEXC03",
        internal="gemeente.eindhoven.local",
        hop=Hop("mail2.eindhoven.nl", "mail2.eindhoven.nl", "192.0.2.61"),
        selector="mail2017",
    )


def build_nijmegen_question(case: Case) -> bytes:
    return reply_to_acknowledgement(
        case,
        nomination="12-nijmegen-self-nomination.eml",
        reference="KCO-0015",
        sender='"Peters, Hans" <h.peters@nijmegen.nl>',
        to_name="Peters, Hans",
        markup=NIJMEGEN_QUESTION,
        sent=(5, 31, 15, 48, 1),
        server="NIJEXC11",
        internal="nijmegen.local",
        hop=Hop("mx2.nijmegen.nl", "mx2.nijmegen.nl", "192.0.2.133"),
        selector="s2016",
    )


# --- 40: after a late nomination (18): will it still count? ---------------------------

GRONINGEN_QUESTION = """\
Geachte heer, mevrouw,

Vanavond om 18.03 uur stuurden wij onze voordracht van de gemeente Haren, helaas na de \
sluitingstijd van 17.00 uur. De vertraging kwam door een storing in ons documentsysteem. \
Kunt u ons laten weten of de voordracht nog wordt meegenomen, of moeten wij ervan uitgaan \
dat de jury hem niet beoordeelt?

Met vriendelijke groet,

Rob Smit
Beleidsadviseur Zorg
Gemeente Groningen
T 14 050
"""


def build_groningen_question(case: Case) -> bytes:
    sent = at(6, 1, 18, 25, 17)
    message = plain_message(
        seed=case.file,
        headers=[
            (
                "Message-Id",
                f"<{hexid(case.file, 8)}020000A1000B{hexid(case.file + 'g', 4)}@gwia.groningen.nl>",
            ),
            ("X-Mailer", "Novell GroupWise Internet Agent 14.2.1"),
            ("Date", format_datetime(sent)),
            ("From", '"Rob Smit" <r.smit@groningen.nl>'),
            ("To", "<koplopers@vng.example>"),
            ("Subject", "Vraag: wordt onze voordracht (Haren) nog meegenomen?"),
            ("Mime-Version", "1.0"),
        ],
        text=GRONINGEN_QUESTION,
        charset="iso-8859-1",
        tail_headers=[("Content-Disposition", "inline")],
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("gwia.groningen.nl", "gwia.groningen.nl", "198.51.100.190"),
        seed=case.file,
        return_path="r.smit@groningen.nl",
    )


# --- 41: thanks from the council whose nomination a municipality forwarded (13) -------

APELDOORN_THANKS = """\
Geachte heer, mevrouw,

Mevrouw Mulder van de gemeente Apeldoorn heeft vanochtend onze voordracht voor de Koplopers \
Cliëntondersteuning aan u doorgestuurd, omdat wij het mailadres van de oproep niet hadden. \
Zij liet ons weten dat u de voordracht heeft ontvangen. Hartelijk dank daarvoor, en voor het \
organiseren van deze oproep. Als cliëntenraad vinden wij het belangrijk dat goede voorbeelden \
zichtbaar worden.

Met vriendelijke groet,

namens de Cliëntenraad Apeldoorn,
Gerrit Brouwer, secretaris
"""


def build_apeldoorn_thanks(case: Case) -> bytes:
    sent = at(5, 31, 21, 9, 47)
    message = gmail_message(
        seed=case.file,
        sender=Address("Cliëntenraad Apeldoorn", addr_spec="clientenraad.apeldoorn@gmail.com"),
        subject="Dank voor het doorsturen van onze voordracht",
        sent=sent,
        text=APELDOORN_THANKS,
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("mail-wr0-f193.google.com", "mail-wr0-f193.google.com", "209.85.128.193"),
        seed=case.file,
        return_path="clientenraad.apeldoorn@gmail.com",
        our_auth=auth_results(OUR_MX, "gmail.com", "pass"),
        sender_trace=gmail_trace(sent, case.file),
    )


CASES: tuple[Case, ...] = (
    Case(
        "36-lochem-did-you-receive.eml",
        "correspondence",
        "Gemeente Lochem",
        at(6, 1, 9, 40, 12),
        True,
        "'Hebben jullie onze voordracht goed ontvangen?' from the address that sent 04, with "
        "no thread fields: linked by the sender. Mentions 'de pdf in de bijlage' of the earlier "
        "mail; it does not claim to carry one, so no missing attachment.",
        build_lochem_followup,
        sender_municipality="GM0262",
        concerns="04-lochem-pdf-attachment.eml",
    ),
    Case(
        "37-zeist-adviesraad-gmail-followup-own-thread.eml",
        "correspondence",
        "Adviesraad Sociaal Domein Zeist",
        at(5, 31, 19, 20, 44),
        True,
        "Gmail reply to its own nomination 02 (In-Reply-To its Message-ID) asking whether it "
        "arrived; the whole nomination is quoted below ('> ' lines and a gmail_quote), which "
        "does not make it a nomination or a duplicate.",
        build_zeist_followup,
        sender_municipality="GM0355",
        concerns="02-zeist-adviesraad-gmail.eml",
        dmarc="pass",
    ),
    Case(
        "38-eindhoven-thanks-for-acknowledgement.eml",
        "correspondence",
        "Gemeente Eindhoven",
        at(5, 30, 14, 2, 31),
        True,
        "'RE: Ontvangstbevestiging: …' — 'Dank voor de bevestiging!' In-Reply-To our "
        "acknowledgement of 08 (<ack-KCO-0012@vng.example>, not in the inbox), which is quoted. "
        "Names Best twice.",
        build_eindhoven_thanks,
        sender_municipality="GM0772",
        concerns="08-eindhoven-nominates-best.eml",
        dmarc="pass",
    ),
    Case(
        "39-nijmegen-reply-to-acknowledgement-question.eml",
        "correspondence",
        "Gemeente Nijmegen",
        at(5, 31, 15, 48, 20),
        True,
        "A question (when does the jury decide?) as a reply to our acknowledgement of 12: "
        "by thread it concerns that nomination, though the question is about the call.",
        build_nijmegen_question,
        sender_municipality="GM0268",
        concerns="12-nijmegen-self-nomination.eml",
        dmarc="pass",
    ),
    Case(
        "40-groningen-late-will-it-count.eml",
        "correspondence",
        "Gemeente Groningen",
        at(6, 1, 18, 25, 40),
        False,
        "After its late nomination 18, Groningen asks whether it will still be considered. "
        "Correspondence received after the deadline; GroupWise, no thread fields.",
        build_groningen_question,
        sender_municipality="GM0014",
        concerns="18-groningen-hour-late.eml",
    ),
    Case(
        "41-apeldoorn-clientenraad-thanks-gmail.eml",
        "correspondence",
        "Cliëntenraad Apeldoorn",
        at(5, 31, 21, 10, 5),
        True,
        "Thanks from the client council whose nomination the municipality forwarded in 13: a "
        "different address from 13's sender, but the author of the forwarded nomination "
        "(its address is in 13's forward header).",
        build_apeldoorn_thanks,
        sender_municipality="GM0200",
        concerns="13-apeldoorn-forwarded.eml",
        dmarc="pass",
    ),
)
