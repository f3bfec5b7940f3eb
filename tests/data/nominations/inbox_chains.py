"""Resends: a forgotten attachment sent after, a corrected document, a double click.

- 44 → 45: a cover note without its attachment (correspondence), then the resend with it.
- 46 → 47: a nomination in a DOCX, replying to our answer to 31; the corrected DOCX as a
  reply to the sender's own first mail.
- 48 → 49: the same webmail message sent twice, 42 seconds apart.
"""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage

from bodies import outlook_com_quote, outlook_quote
from clients import (
    open_xchange_message,
    outlook_com_message,
    outlook_com_trace,
    outlook_message,
)
from documents import DOCX_TYPE, DocumentInfo, make_docx
from inbox_questions import OSS_ANSWER, OSS_HOP, OSS_SENDER
from mailkit import (
    ALL3,
    DOCS,
    OUR_MX,
    OUR_SENDER,
    Case,
    Hop,
    at,
    auth_results,
    body_of,
    deliver,
    earlier,
    exchange_hops,
    hexid,
    sent_at,
    subject_of,
)

# --- 44, 45: "bijgaand", without the attachment; then with it ---------------------------

DEVENTER_SENDER = "Wmo-adviesraad Deventer <wmoadviesraad.deventer@outlook.com>"
DEVENTER_MAILBOX = "DB6PR0701MB2392"
DEVENTER_HOP = Hop(
    "EUR02-DB5-obe.outbound.protection.outlook.com",
    "mail-db5eur02olkn0644.outbound.protection.outlook.com",
    "203.0.113.144",
)

DEVENTER_COVER = """\
Geachte heer, mevrouw,

Bijgaand ontvangt u de voordracht van de Wmo-adviesraad Deventer voor de Koplopers \
Cliëntondersteuning 2017.

Met vriendelijke groet,

namens de Wmo-adviesraad Deventer,
A. Jansen, voorzitter
"""

DEVENTER_RESEND = """\
Geachte heer, mevrouw,

Excuses, in onze vorige mail ontbrak de bijlage. Hierbij alsnog onze voordracht als pdf.

Met vriendelijke groet,

A. Jansen, voorzitter Wmo-adviesraad Deventer
"""


def deventer_delivery(case: Case, message: EmailMessage, sent: datetime) -> bytes:
    return deliver(
        message,
        received=case.received,
        hop=DEVENTER_HOP,
        seed=case.file,
        return_path="wmoadviesraad.deventer@outlook.com",
        our_auth=auth_results(OUR_MX, "outlook.com", "pass"),
        sender_trace=outlook_com_trace(sent, case.file, "outlook.com", DEVENTER_MAILBOX),
    )


def build_deventer_without(case: Case) -> bytes:
    sent = at(5, 31, 20, 15, 18)
    message = outlook_com_message(
        seed=case.file,
        sender=DEVENTER_SENDER,
        subject="Voordracht gemeente Deventer",
        sent=sent,
        text=DEVENTER_COVER,
        mailbox=DEVENTER_MAILBOX,
    )
    return deventer_delivery(case, message, sent)


def build_deventer_with(case: Case) -> bytes:
    first = earlier("44-deventer-adviesraad-forgot-attachment.eml")
    sent = at(5, 31, 21, 1, 51)
    pdf = (DOCS / "nomination-2pages-a4.pdf").read_bytes()
    message = outlook_com_message(
        seed=case.file,
        sender=DEVENTER_SENDER,
        subject="RE: " + subject_of(first),
        sent=sent,
        text=DEVENTER_RESEND,
        mailbox=DEVENTER_MAILBOX,
        in_reply_to=str(first["Message-ID"]),
        quoted=outlook_com_quote(
            sender=DEVENTER_SENDER,
            sent=sent_at(first),
            subject=subject_of(first),
            text=body_of(first),
        ),
        attachments=[
            (pdf, "application", "pdf", "Voordracht Wmo-adviesraad Deventer.pdf"),
        ],
    )
    return deventer_delivery(case, message, sent)


# --- 46, 47: a DOCX nomination replying to our answer; the corrected DOCX --------------

OSS_COVER = """\
    Geachte heer, mevrouw,

    Dank voor uw antwoord van 8 mei. Hierbij ontvangt u de voordracht van de gemeente Oss \
voor de Koplopers Cliëntondersteuning; de toelichting staat in de bijlage.

    Met vriendelijke groet,

    Marloes van Dinther
    Beleidsadviseur Wmo
    Gemeente Oss
    T (0412) 12 34 56
"""

OSS_CORRECTION = """\
    Geachte heer, mevrouw,

    In de bijlage bij mijn mail van gisteren zat helaas een onjuiste versie: de naam van de \
adviesraad klopte niet en de paragraaf over vernieuwing ontbrak. Hierbij de gecorrigeerde \
versie van onze voordracht. Deze vervangt de vorige.

    Met vriendelijke groet,

    Marloes van Dinther
    Beleidsadviseur Wmo
    Gemeente Oss
    T (0412) 12 34 56
"""


def oss_document(corrected: bool) -> bytes:
    council = "Adviesraad Sociaal Domein Bernheze" if corrected else "Wmo-raad Bernheze"
    content = [
        ("title", "Voordracht Koplopers Cliëntondersteuning 2017 – gemeente Bernheze"),
        ("p", "Aan: de jury Koplopers Cliëntondersteuning"),
        ("p", "Van: het college van burgemeester en wethouders van Oss"),
        ("right", "Oss, 31 mei 2017" if corrected else "Oss, 30 mei 2017"),
        (
            "p",
            "Het college van Oss draagt de gemeente Bernheze voor als koploper "
            "cliëntondersteuning. Bernheze is onze buurgemeente; in Noordoost-Brabant trekken "
            "wij in het sociaal domein veel samen op, en wij zien hoe Bernheze met vijf kernen "
            "en een kleine organisatie de cliëntondersteuning dicht bij de inwoners heeft "
            "georganiseerd.",
        ),
        ("h", "Cliëntondersteuning staat hoog op de agenda"),
        (
            "p",
            "De gemeenteraad van Bernheze heeft cliëntondersteuning in 2016 tot een van de "
            "speerpunten van het beleidsplan Sociaal Domein gemaakt en bespreekt ieder jaar een "
            f"rapportage over het bereik. De {council} heeft er een vaste werkgroep voor, en "
            "het cliëntenoverleg wordt bij iedere wijziging vooraf om advies gevraagd.",
        ),
        ("h", "Gezamenlijk en lerend ontwikkelproces"),
        (
            "p",
            "De werkwijze is ontwikkeld met inwoners uit alle vijf kernen, mantelzorgers, "
            "vrijwilligers van de KBO en het steunpunt mantelzorg, en de professionals van de "
            "toegang. In keukentafelsessies vertelden cliënten wat zij nodig hadden; die "
            "inbreng is direct verwerkt, en dezelfde groep komt ieder half jaar terug om te "
            "bespreken wat er is geleerd.",
        ),
    ]
    if corrected:
        content += [
            ("h", "Lerend proces en innovatieve aanpakken"),
            (
                "p",
                "Signalen van cliëntondersteuners worden ieder kwartaal besproken met de "
                "beleidsmedewerkers; zo is de beschikking herschreven in eenvoudige taal. Voor "
                "jonge mantelzorgers en voor statushouders zijn er aparte ondersteuners, en de "
                "cliëntervaring wordt gemeten met korte gesprekken na afloop, waarvan de "
                "uitkomsten in het uitvoeringsplan 2017 zijn verwerkt.",
            ),
        ]
    content += [
        ("p", "Wij bevelen Bernheze van harte bij u aan."),
        ("p", "Namens het college van burgemeester en wethouders van Oss,"),
        ("p", "J. van den Heuvel, wethouder Zorg en Welzijn"),
    ]
    info = DocumentInfo(
        title="Voordracht Koplopers Cliëntondersteuning 2017",
        author="M. van Dinther",
        last_modified_by="M. van Dinther",
        company="Gemeente Oss",
        created=datetime(2017, 5, 29, 14, 2),
        modified=datetime(2017, 5, 31, 8, 55) if corrected else datetime(2017, 5, 30, 10, 48),
        revision=7 if corrected else 4,
    )
    return make_docx(content, info)


def oss_delivery(case: Case, message: EmailMessage, sent: datetime) -> bytes:
    return deliver(
        message,
        received=case.received,
        hop=OSS_HOP,
        seed=case.file,
        return_path="m.vandinther@oss.nl",
        sender_trace=exchange_hops("OSSEXC01", "oss.local", sent, "15.1.845.34"),
    )


def build_oss_first(case: Case) -> bytes:
    question = earlier("31-oss-question-neighbour-municipality.eml")
    sent = at(5, 30, 11, 5, 30)
    message = outlook_message(
        seed=case.file,
        sender=OSS_SENDER,
        subject=OSS_ANSWER.subject,
        thread_topic=subject_of(question),
        sent=sent,
        message_id=f"<{hexid(case.file, 32)}@OSSEXC01.oss.local>",
        markup=OSS_COVER,
        in_reply_to=OSS_ANSWER.message_id,
        references=f"{question['Message-ID']} {OSS_ANSWER.message_id}",
        quoted=outlook_quote(
            sender=OUR_SENDER,
            sent=OSS_ANSWER.sent,
            to="Dinther, Marloes van",
            subject=OSS_ANSWER.subject,
            text=OSS_ANSWER.text,
            mailto=True,
        ),
        attachments=[(oss_document(False), *DOCX_TYPE, "Voordracht Bernheze.docx")],
    )
    return oss_delivery(case, message, sent)


def build_oss_corrected(case: Case) -> bytes:
    question = earlier("31-oss-question-neighbour-municipality.eml")
    first = earlier("46-oss-bernheze-docx-reply-to-answer.eml")
    sent = at(5, 31, 9, 11, 44)
    message = outlook_message(
        seed=case.file,
        sender=OSS_SENDER,
        subject=subject_of(first),
        thread_topic=subject_of(question),
        sent=sent,
        message_id=f"<{hexid(case.file, 32)}@OSSEXC01.oss.local>",
        markup=OSS_CORRECTION,
        in_reply_to=str(first["Message-ID"]),
        references=(f"{question['Message-ID']} {OSS_ANSWER.message_id} {first['Message-ID']}"),
        quoted=outlook_quote(
            sender=OSS_SENDER.replace('"', ""),
            sent=sent_at(first),
            to="koplopers@vng.example",
            subject=subject_of(first),
            text=body_of(first),
        ),
        attachments=[
            (oss_document(True), *DOCX_TYPE, "Voordracht Bernheze - gecorrigeerde versie.docx")
        ],
    )
    return oss_delivery(case, message, sent)


# --- 48, 49: sent twice from webmail -------------------------------------------------

ALKMAAR_TEXT = """\
Geachte jury,

De Cliëntenraad Sociaal Domein Alkmaar draagt de gemeente Alkmaar voor als koploper \
cliëntondersteuning.

Wij zijn een raad van inwoners die zelf ondersteuning krijgen of mantelzorger zijn. Wat ons \
betreft staat cliëntondersteuning in Alkmaar echt op de agenda. De gemeenteraad heeft vorig \
jaar op ons voorstel een motie aangenomen om iedere inwoner bij een melding schriftelijk te \
wijzen op onafhankelijke cliëntondersteuning, en laat zich jaarlijks informeren over hoeveel \
mensen er gebruik van maken. Wij bespreken het onderwerp elke maand met de \
beleidsmedewerkers en twee keer per jaar met de wethouder.

Ook werkt de gemeente echt samen met ons. Toen de folder en de brieven werden herschreven, \
zaten cliënten, mantelzorgers, vrijwilligers van de ouderenbonden en medewerkers van de \
wijkteams samen aan tafel, en er is pas iets verstuurd toen wij het begrepen. Die groep \
komt elk half jaar terug om te bekijken wat er beter kan, en de gemeente laat ons daarna \
weten wat zij met onze punten heeft gedaan.

Met vriendelijke groet,

Tineke Schouten
secretaris Cliëntenraad Sociaal Domein Alkmaar
"""


def alkmaar(case: Case, sent: datetime) -> bytes:
    message = open_xchange_message(
        seed=case.file,
        sender="Cliëntenraad Sociaal Domein Alkmaar <clientenraad.alkmaar@ziggo.nl>",
        subject="Voordracht gemeente Alkmaar als koploper",
        sent=sent,
        text=ALKMAAR_TEXT,
        domain="webmail.ziggo.nl",
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("smtp.ziggo.nl", "smtpq2.tb.mail.iss.as9143.net", "203.0.113.148"),
        seed=case.file,
        return_path="clientenraad.alkmaar@ziggo.nl",
    )


def build_alkmaar_first(case: Case) -> bytes:
    return alkmaar(case, at(5, 31, 13, 44, 3))


def build_alkmaar_again(case: Case) -> bytes:
    return alkmaar(case, at(5, 31, 13, 44, 46))


CASES: tuple[Case, ...] = (
    Case(
        "44-deventer-adviesraad-forgot-attachment.eml",
        "correspondence",
        "Wmo-adviesraad Deventer",
        at(5, 31, 20, 15, 33),
        True,
        "'Bijgaand ontvangt u de voordracht' from outlook.com, with no attachment and no "
        "nomination text; the subject names Deventer. A cover note, not a nomination: the "
        "resend with the document (45) is the nomination it concerns.",
        build_deventer_without,
        sender_municipality="GM0150",
        concerns="45-deventer-adviesraad-resend-with-pdf.eml",
        missing_attachment=True,
        dmarc="pass",
    ),
    Case(
        "45-deventer-adviesraad-resend-with-pdf.eml",
        "nomination",
        "Wmo-adviesraad Deventer",
        at(5, 31, 21, 2, 10),
        True,
        "The resend with the forgotten attachment, as an Outlook.com reply to 44 (quoted): "
        "the nomination is the attached PDF (tests/data/docs/nomination-2pages-a4.pdf, two "
        "pages: over the one-page limit). Not a revision: 44 was no nomination.",
        build_deventer_with,
        sender_municipality="GM0150",
        nominees=("GM0150",),
        criteria_met=ALL3,
        dmarc="pass",
    ),
    Case(
        "46-oss-bernheze-docx-reply-to-answer.eml",
        "nomination",
        "Gemeente Oss",
        at(5, 30, 11, 5, 48),
        True,
        "A nomination as a reply to our answer to 31 ('RE: Vraag: …', References 31 and our "
        "answer, which is quoted); the nominee is named only in the attached DOCX, which "
        "addresses agenda and joint development. Superseded by the corrected DOCX in 47.",
        build_oss_first,
        sender_municipality="GM0828",
        nominees=("GM1721",),
        criteria_met=("agenda", "samenwerking"),
        status="superseded",
    ),
    Case(
        "47-oss-bernheze-corrected-docx-reply.eml",
        "nomination",
        "Gemeente Oss",
        at(5, 31, 9, 12, 3),
        True,
        "A corrected document as a reply to the sender's own 46 (In-Reply-To 46): 'deze "
        "vervangt de vorige'. The DOCX fixes the advisory board's name and adds the third "
        "criterion.",
        build_oss_corrected,
        sender_municipality="GM0828",
        nominees=("GM1721",),
        criteria_met=ALL3,
        revision_of="46-oss-bernheze-docx-reply-to-answer.eml",
    ),
    Case(
        "48-alkmaar-clientenraad-ziggo-first.eml",
        "nomination",
        "Cliëntenraad Sociaal Domein Alkmaar",
        at(5, 31, 13, 44, 10),
        True,
        "A client council nominates its own municipality from ziggo.nl (Open-Xchange "
        "webmail, plain and HTML). Agenda and joint development.",
        build_alkmaar_first,
        sender_municipality="GM0361",
        nominees=("GM0361",),
        criteria_met=("agenda", "samenwerking"),
    ),
    Case(
        "49-alkmaar-clientenraad-ziggo-double-click.eml",
        "nomination",
        "Cliëntenraad Sociaal Domein Alkmaar",
        at(5, 31, 13, 44, 52),
        True,
        "48 sent again 42 seconds later: same subject and text, new Message-ID and Date.",
        build_alkmaar_again,
        sender_municipality="GM0361",
        nominees=("GM0361",),
        criteria_met=("agenda", "samenwerking"),
        duplicate_of="48-alkmaar-clientenraad-ziggo-first.eml",
        status="duplicate",
    ),
)
