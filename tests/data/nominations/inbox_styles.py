"""Ways of writing a nomination: in English, as a letter in a PDF, in HTML only, and more.

- 68, 69: English mail, and an English cover note with an English DOCX.
- 72: the nominee named only in the subject; 73: "zie ook de bijlage", and none attached.
- 74: a regional nomination of seven municipalities, HTML only; 75: a formal letter (PDF).

``municipal_outlook`` sends a message from a municipality's own Exchange server; the
criteria traps of ``inbox_criteria.py`` use it too.
"""

from __future__ import annotations

from datetime import datetime
from email.utils import format_datetime

from clients import html_only_message, outlook_message, plain_message
from documents import DOCX_TYPE, DocumentInfo, make_docx, make_pdf
from mailkit import (
    ALL3,
    OUR_ADDRESS,
    OUR_MX,
    Case,
    Hop,
    at,
    auth_results,
    b64id,
    deliver,
    dkim_signature,
    exchange_hops,
    hexid,
)


def municipal_outlook(
    case: Case,
    *,
    sender: str,
    subject: str,
    sent: datetime,
    markup: str,
    server: str,
    ip: str,
    attachments: tuple[tuple[bytes, str, str, str], ...] = (),
    dkim_selector: str | None = None,
) -> bytes:
    """An Outlook message from a municipality's own Exchange server."""
    address = sender.rpartition("<")[2].rstrip(">")
    domain = address.partition("@")[2]
    internal = domain.removesuffix(".nl") + ".local"
    message = outlook_message(
        seed=case.file,
        sender=sender,
        subject=subject,
        sent=sent,
        message_id=f"<{hexid(case.file, 32)}@{server}.{internal}>",
        markup=markup,
        attachments=attachments,
    )
    trace = exchange_hops(server, internal, sent, "15.1.845.34")
    if dkim_selector is not None:
        trace = [dkim_signature(domain, dkim_selector, sent, case.file), *trace]
    return deliver(
        message,
        received=case.received,
        hop=Hop(f"mail.{domain}", f"mail.{domain}", ip),
        seed=case.file,
        return_path=address,
        our_auth=auth_results(OUR_MX, domain, "pass") if dkim_selector else None,
        sender_trace=trace,
    )


# --- 68, 69: in English --------------------------------------------------------------

AMSTERDAM_BODY = """\
    Dear jury,

    On behalf of the Social Development department of the City of Amsterdam, we nominate \
the municipality of Amstelveen as a frontrunner in client support (koploper \
cliëntondersteuning). The colleague who drafted this nomination does not write Dutch, so we \
send it in English; we trust this is acceptable.

    # On the agenda
    In Amstelveen, client support is a standing item for the council, which receives a \
report on its reach and waiting times every six months. The Wmo advisory council has made \
independent client support one of its priorities for 2017 and is consulted before every \
policy change.

    # Learning and innovation
    - Signals from support workers are discussed every quarter and have led to changes, such \
as shorter decision letters.
    - There is dedicated support for the many international residents of Amstelveen and for \
older people with dementia who live at home.
    - Client experience is measured with short interviews after support ends, and the \
results were used to revise the 2017 implementation plan.

    We would be glad to tell the jury more.

    Kind regards,

    Thomas de Vries
    Senior Policy Adviser
    City of Amsterdam
"""

WASSENAAR_COVER = """\
    Dear Sir or Madam,

    Please find attached the nomination of the municipality of Voorschoten by the \
municipality of Wassenaar. The document is in English, as it was drafted by our \
international liaison officer.

    Kind regards,

    Katrin Möller
    International Liaison Officer
    Municipality of Wassenaar
"""

WASSENAAR_DOCUMENT = [
    ("title", "Nomination – Frontrunners in Client Support 2017"),
    ("p", "To: the jury of the Koplopers Cliëntondersteuning"),
    ("p", "From: the Municipal Executive of Wassenaar"),
    (
        "p",
        "The municipality of Wassenaar nominates the municipality of Voorschoten as a "
        "frontrunner in client support. Our two municipalities share many services, and we "
        "have seen at close range how Voorschoten has given independent client support a "
        "firm place in its policy.",
    ),
    ("h", "On the agenda"),
    (
        "p",
        "The council of Voorschoten discusses a report on client support every year, and the "
        "Wmo advisory council has a working group on the subject that advises the Executive, "
        "solicited and unsolicited. The client platform is consulted before every change.",
    ),
    ("h", "Developed together"),
    (
        "p",
        "The current approach was designed in 2016 by a working group of clients, informal "
        "carers, volunteers from the senior citizens' associations and professionals from the "
        "social team. The group used the experience of clients as its starting point and "
        "still meets twice a year to review the approach together with the municipality.",
    ),
    ("p", "On behalf of the Municipal Executive of Wassenaar,"),
    ("p", "K. Möller, International Liaison Officer"),
]


def build_amsterdam(case: Case) -> bytes:
    return municipal_outlook(
        case,
        sender='"Vries, Thomas de" <t.devries@amsterdam.nl>',
        subject="Nomination: municipality of Amstelveen as frontrunner in client support",
        sent=at(5, 30, 16, 11, 52),
        markup=AMSTERDAM_BODY,
        server="AMSEXC07",
        ip="192.0.2.68",
        dkim_selector="amsterdam2017",
    )


def build_wassenaar(case: Case) -> bytes:
    info = DocumentInfo(
        title="Nomination Voorschoten",
        author="K. Möller",
        last_modified_by="K. Möller",
        company="Gemeente Wassenaar",
        created=datetime(2017, 5, 29, 13, 30),
        modified=datetime(2017, 5, 31, 12, 20),
    )
    document = make_docx(WASSENAAR_DOCUMENT, info)
    return municipal_outlook(
        case,
        sender='"Möller, Katrin" <k.moller@wassenaar.nl>',
        subject="Nomination Koplopers Cliëntondersteuning: Voorschoten",
        sent=at(5, 31, 12, 44, 30),
        markup=WASSENAAR_COVER,
        server="WSNEXC01",
        ip="203.0.113.69",
        attachments=((document, *DOCX_TYPE, "Nomination Voorschoten.docx"),),
    )


# --- 72: the nominee only in the subject (GroupWise) ---------------------------------

WAALWIJK_TEXT = """\
Geachte jury,

Hierbij dragen wij, de gemeente Waalwijk, onze buurgemeente voor als koploper \
cliëntondersteuning.

De gemeenteraad daar laat zich twee keer per jaar informeren over het bereik van de \
onafhankelijke cliëntondersteuning, en de Wmo-raad heeft er dit jaar een ongevraagd advies \
over uitgebracht dat vrijwel volledig is overgenomen.

Ook ontwikkelt deze gemeente haar aanpak samen met inwoners: cliënten, mantelzorgers, \
vrijwilligers van de KBO en professionals van het sociaal team hebben samen de werkwijze \
opgesteld, en zij evalueren die ieder jaar met elkaar.

Met vriendelijke groet,

Monique Sterk
Beleidsmedewerker Maatschappelijke Ondersteuning
Gemeente Waalwijk
"""


def build_waalwijk(case: Case) -> bytes:
    sent = at(5, 30, 9, 25, 31)
    message = plain_message(
        seed=case.file,
        headers=[
            (
                "Message-Id",
                f"<{hexid(case.file, 8)}020000A1000B{hexid(case.file + 'g', 4)}@gw.waalwijk.nl>",
            ),
            ("X-Mailer", "Novell GroupWise Internet Agent 14.2.1"),
            ("Date", format_datetime(sent)),
            ("From", '"Monique Sterk" <m.sterk@waalwijk.nl>'),
            ("To", f"<{OUR_ADDRESS}>"),
            ("Subject", "Voordracht gemeente Heusden"),
            ("Mime-Version", "1.0"),
        ],
        text=WAALWIJK_TEXT,
        charset="iso-8859-1",
        tail_headers=[("Content-Disposition", "inline")],
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("gw.waalwijk.nl", "gw.waalwijk.nl", "203.0.113.72"),
        seed=case.file,
        return_path="m.sterk@waalwijk.nl",
    )


# --- 73: "zie ook de bijlage", but there is none -------------------------------------

GOUDA_BODY = """\
    Geachte heer, mevrouw,

    De gemeente Gouda draagt de gemeente Waddinxveen voor als koploper cliëntondersteuning.

    In Waddinxveen staat cliëntondersteuning hoog op de agenda. De raad heeft er in 2016 een \
motie over aangenomen en krijgt halfjaarlijks een voortgangsrapportage; de adviesraad \
sociaal domein heeft cliëntondersteuning als vast agendapunt.

    Waddinxveen vernieuwt ook: er is een aparte ondersteuner voor jongeren die achttien \
worden en voor inwoners met schulden, signalen van ondersteuners worden maandelijks besproken \
en hebben geleid tot eenvoudiger brieven, en de cliëntervaring wordt gemeten met korte \
gesprekken na afloop, waarvan de uitkomsten in het beleid worden verwerkt.

    Zie ook de bijlage voor de cijfers over bereik en wachttijden.

    Met vriendelijke groet,

    Linda Verbeek
    Beleidsadviseur Sociaal Domein
    Gemeente Gouda
"""


def build_gouda(case: Case) -> bytes:
    return municipal_outlook(
        case,
        sender='"Verbeek, Linda" <l.verbeek@gouda.nl>',
        subject="Voordracht Waddinxveen koploper cliëntondersteuning",
        sent=at(6, 1, 14, 18, 1),
        markup=GOUDA_BODY,
        server="GDEXC01",
        ip="203.0.113.73",
    )


# --- 74: a regional nomination in HTML only ------------------------------------------

DRECHTSTEDEN = (
    "Alblasserdam",
    "Dordrecht",
    "Hardinxveld-Giessendam",
    "Hendrik-Ido-Ambacht",
    "Papendrecht",
    "Sliedrecht",
    "Zwijndrecht",
)

DORDRECHT_HTML = f"""\
<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Voordracht Drechtsteden</title>
</head>
<body style="font-family: Arial, sans-serif; font-size: 10pt;">
<p>Geachte jury,</p>
<p>Namens de colleges van de zeven Drechtsteden dragen wij gezamenlijk voor als koploper \
cliëntondersteuning:</p>
<ul>
{"".join(f"<li>gemeente {name}</li>{chr(10)}" for name in DRECHTSTEDEN)}</ul>
<p>De Drechtsteden hebben hun sociale dienst en de cliëntondersteuning sinds 2015 samen \
georganiseerd. Onze aanpak is alleen als geheel te beoordelen.</p>
<h3 style="font-size: 11pt;">Op de agenda</h3>
<p>De Drechtraad, waarin raadsleden van alle zeven gemeenten zitten, bespreekt ieder jaar de \
monitor cliëntondersteuning. De adviesraden van de zeven gemeenten hebben een gezamenlijke \
werkgroep die het bestuur gevraagd en ongevraagd adviseert.</p>
<h3 style="font-size: 11pt;">Samen ontwikkeld</h3>
<p>Cliënten, mantelzorgers, vrijwilligers van de ouderenbonden en professionals van de \
sociale wijkteams hebben de werkwijze in 2016 samen ontworpen in vier ontwerpsessies. Zij \
komen twee keer per jaar terug om te bespreken wat er beter kan.</p>
<h3 style="font-size: 11pt;">Leren en vernieuwen</h3>
<p>Signalen uit de wijkteams worden per kwartaal gebundeld en leiden tot aanpassingen, zoals \
een vast aanspreekpunt voor inwoners met schulden. Er is ondersteuning voor laaggeletterden \
en voor statushouders, en de cliëntervaring wordt jaarlijks gemeten en vertaald in een \
verbeterplan dat het Drechtstedenbestuur vaststelt.</p>
<p>Met vriendelijke groet,</p>
<p>Nadia Bouzid<br>Programmasecretaris Sociaal Domein Drechtsteden<br>Gemeente Dordrecht</p>
</body>
</html>
"""


def build_dordrecht(case: Case) -> bytes:
    sent = at(5, 26, 11, 2, 14)
    message = html_only_message(
        seed=case.file,
        headers=[
            ("From", '"Sociaal Domein Drechtsteden" <sociaaldomein@dordrecht.nl>'),
            ("To", OUR_ADDRESS),
            ("Cc", "wmo@zwijndrecht.nl, wmo@papendrecht.nl"),
            ("Subject", "Gezamenlijke voordracht van de zeven Drechtsteden"),
            ("Date", format_datetime(sent)),
            ("Message-ID", f"<{hexid(case.file, 24, False)}.{b64id(case.file, 6)}@dordrecht.nl>"),
            ("MIME-Version", "1.0"),
        ],
        body_html=DORDRECHT_HTML,
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("mail.dordrecht.nl", "mail.dordrecht.nl", "203.0.113.74"),
        seed=case.file,
        return_path="sociaaldomein@dordrecht.nl",
    )


# --- 75: a formal letter as PDF -------------------------------------------------------

EMMEN_COVER = """\
    Geachte heer, mevrouw,

    Bijgaand treft u de brief aan van het college van burgemeester en wethouders van Emmen \
over de Koplopers Cliëntondersteuning.

    Met vriendelijke groet,

    Wim Hospers
    Bestuurssecretariaat
    Gemeente Emmen
"""

EMMEN_LETTER = [
    ("title", "Gemeente Emmen"),
    ("p", "Aan de jury Koplopers Cliëntondersteuning"),
    ("p", "per e-mail: koplopers@vng.example"),
    ("right", "Emmen, 31 mei 2017"),
    ("p", "Ons kenmerk: 17/04127"),
    ("p", "Onderwerp: voordracht Koplopers Cliëntondersteuning 2017"),
    ("p", "Geachte leden van de jury,"),
    (
        "p",
        "Hierbij draagt het college van burgemeester en wethouders van Emmen de gemeente Emmen "
        "voor als koploper cliëntondersteuning. Wij doen dat niet uit onbescheidenheid, maar "
        "omdat wij denken dat onze ervaringen in een grote plattelandsgemeente met veel "
        "dorpen voor anderen bruikbaar zijn.",
    ),
    (
        "p",
        "Cliëntondersteuning staat in Emmen hoog op de agenda. De gemeenteraad heeft in 2016 "
        "het beleidskader Sociaal Domein vastgesteld met onafhankelijke cliëntondersteuning "
        "als een van de vijf pijlers, en laat zich ieder halfjaar informeren over het bereik. "
        "De Wmo-adviesraad en het cliëntenplatform worden vooraf betrokken bij ieder voorstel "
        "en krijgen schriftelijk terug wat er met hun advies is gedaan.",
    ),
    (
        "p",
        "De aanpak is samen met inwoners ontwikkeld. In twaalf dorpen zijn bijeenkomsten "
        "gehouden met cliënten, mantelzorgers, dorpsverenigingen, vrijwillige "
        "ouderenadviseurs en de professionals van de sociale teams. Hun ervaringen vormden de "
        "basis van de werkwijze, en dezelfde deelnemers beoordelen jaarlijks met ons wat er "
        "beter kan.",
    ),
    ("p", "Wij zien uw oordeel met belangstelling tegemoet."),
    ("p", "Hoogachtend,"),
    ("p", "burgemeester en wethouders van Emmen,"),
    ("p", "de secretaris,                                        de burgemeester,"),
]


def build_emmen(case: Case) -> bytes:
    info = DocumentInfo(
        title="Voordracht Koplopers Cliëntondersteuning 2017",
        author="Bestuurssecretariaat Gemeente Emmen",
        last_modified_by="W. Hospers",
        company="Gemeente Emmen",
        created=at(5, 31, 8, 40, 0),
        modified=at(5, 31, 8, 52, 0),
    )
    letter = make_pdf(EMMEN_LETTER, info)
    return municipal_outlook(
        case,
        sender='"Hospers, Wim" <w.hospers@emmen.nl>',
        subject="Brief college Emmen: Koplopers Cliëntondersteuning",
        sent=at(5, 31, 9, 3, 20),
        markup=EMMEN_COVER,
        server="EMNEXC01",
        ip="203.0.113.75",
        attachments=((letter, "application", "pdf", "2017-05-31 Brief Koplopers.pdf"),),
    )


CASES: tuple[Case, ...] = (
    Case(
        "68-amsterdam-english-amstelveen.eml",
        "nomination",
        "Gemeente Amsterdam",
        at(5, 30, 16, 12, 9),
        True,
        "A nomination in English from a municipality (Outlook), headed 'On the agenda' and "
        "'Learning and innovation'. 'Amsterdam' is the sender, 'Amstelveen' the nominee.",
        build_amsterdam,
        sender_municipality="GM0363",
        nominees=("GM0362",),
        criteria_met=("agenda", "innovatie"),
        dmarc="pass",
        language="en",
    ),
    Case(
        "69-wassenaar-english-docx.eml",
        "nomination",
        "Gemeente Wassenaar",
        at(5, 31, 12, 44, 51),
        True,
        "An English cover note and an English DOCX; the nominee is in the subject and the "
        "document. Agenda and joint development.",
        build_wassenaar,
        sender_municipality="GM0629",
        nominees=("GM0626",),
        criteria_met=("agenda", "samenwerking"),
        language="en",
    ),
    Case(
        "72-waalwijk-nominee-only-in-subject.eml",
        "nomination",
        "Gemeente Waalwijk",
        at(5, 30, 9, 25, 50),
        True,
        "The nominee (Heusden) is named only in the subject; the body says 'onze "
        "buurgemeente'. GroupWise, ISO-8859-1. Agenda and joint development.",
        build_waalwijk,
        sender_municipality="GM0867",
        nominees=("GM0797",),
        criteria_met=("agenda", "samenwerking"),
    ),
    Case(
        "73-gouda-zie-ook-bijlage-without-attachment.eml",
        "nomination",
        "Gemeente Gouda",
        at(6, 1, 14, 18, 22),
        True,
        "'Zie ook de bijlage' and nothing attached, but the body itself nominates and "
        "explains: a nomination with a missing attachment. Agenda and innovation.",
        build_gouda,
        sender_municipality="GM0513",
        nominees=("GM0627",),
        criteria_met=("agenda", "innovatie"),
        missing_attachment=True,
    ),
    Case(
        "74-dordrecht-drechtsteden-html-only.eml",
        "nomination",
        "Gemeente Dordrecht (namens de zeven Drechtsteden)",
        at(5, 26, 11, 2, 36),
        True,
        "HTML only (no text/plain part): a regional nomination of seven municipalities as a "
        "<ul> list, the sender among them, then a heading per criterion. 'Drechtraad' and "
        "'Drechtstedenbestuur' are no municipalities.",
        build_dordrecht,
        sender_municipality="GM0505",
        nominees=("GM0482", "GM0505", "GM0523", "GM0531", "GM0590", "GM0610", "GM0642"),
        criteria_met=ALL3,
    ),
    Case(
        "75-emmen-formal-letter-pdf.eml",
        "nomination",
        "Gemeente Emmen",
        at(5, 31, 9, 3, 44),
        True,
        "A self-nomination as a formal letter in an attached one-page PDF (kenmerk, "
        "onderwerp, 'Hoogachtend'); the cover note only announces the letter of the college "
        "of Emmen. Agenda and joint development.",
        build_emmen,
        sender_municipality="GM0114",
        nominees=("GM0114",),
        criteria_met=("agenda", "samenwerking"),
    ),
)
