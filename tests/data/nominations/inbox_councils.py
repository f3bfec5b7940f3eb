"""Who nominates whom: councils on free mail, one municipality twice, one sender twice.

- 59, 60: an advisory board (hotmail.com) and a neighbouring municipality both nominate
  Purmerend; both stand.
- 61, 62: Maastricht nominates Meerssen and, in a second mail, Eijsden-Margraten; both
  stand, the second is no revision of the first.
- 63-67: advisory boards and client councils writing from gmail.com, ziggo.nl, planet.nl
  and xs4all.nl: a joint nomination of two municipalities, one in English, one above the
  quoted call, three lines from an iPhone, a plain-text list from webmail.
"""

from __future__ import annotations

from datetime import datetime
from email.headerregistry import Address
from email.utils import format_datetime

from bodies import quote_lines
from clients import (
    gmail_message,
    gmail_trace,
    outlook_com_message,
    outlook_com_trace,
    outlook_message,
    plain_message,
    roundcube_message,
    thunderbird_message,
)
from mailkit import (
    ALL3,
    CALL_MESSAGE_ID,
    CALL_SENT,
    CALL_SUBJECT,
    CALL_TEXT,
    OUR_ADDRESS,
    OUR_MX,
    Case,
    Hop,
    at,
    auth_results,
    deliver,
    dkim_signature,
    exchange_hops,
    hexid,
)

GMAIL_HOP = Hop("mail-wr0-f181.google.com", "mail-wr0-f181.google.com", "209.85.128.181")

# --- 59, 60: two senders, one nominee -------------------------------------------------

PURMEREND_WMORAAD = """\
Geachte heer/mevrouw,

Als Wmo-raad Purmerend dragen wij onze eigen gemeente voor als koploper \
cliëntondersteuning.

De reden is eenvoudig: nergens in de regio staat cliëntondersteuning zo vast op de agenda \
als in Purmerend. De gemeenteraad krijgt sinds 2016 ieder kwartaal cijfers over het aantal \
inwoners dat een onafhankelijke cliëntondersteuner heeft gehad, en de raadscommissie heeft er \
dit jaar al twee keer over gesproken. Het cliëntenoverleg en onze Wmo-raad worden bij elke \
wijziging vooraf om advies gevraagd, en de wethouder komt zelf naar onze vergadering om te \
vertellen wat er met ons advies is gedaan.

Met vriendelijke groet,

Wmo-raad Purmerend
Joke Kramer, voorzitter
"""

ZAANSTAD_BODY = """\
    Geachte jury,

    De gemeente Zaanstad draagt de gemeente Purmerend voor als koploper \
cliëntondersteuning. Wij werken in de regio Zaanstreek-Waterland samen in het sociaal domein \
en hebben de afgelopen jaren veel van Purmerend geleerd.

    # Samen ontwikkelen
    Purmerend heeft de cliëntondersteuning in 2016 opnieuw ingericht met een ontwerpteam van \
cliënten, mantelzorgers, vrijwilligers van de welzijnsorganisatie en professionals van de \
wijkteams. Het team gebruikte de ervaringen van cliënten als vertrekpunt en komt nog ieder \
kwartaal bijeen om de werkwijze bij te stellen.

    # Leren en vernieuwen
    - Signalen van ondersteuners worden per kwartaal besproken; zo is de wachttijd voor een \
eerste gesprek teruggebracht tot een week.
    - Er is een aparte ondersteuner voor laaggeletterde inwoners, die met beeldmateriaal \
werkt.
    - De cliëntervaring wordt gemeten met interviews door ervaringsdeskundigen; de \
uitkomsten zijn in het beleidsplan 2017 verwerkt.

    Met vriendelijke groet,

    Emre Yilmaz
    Beleidsadviseur Zorg
    Gemeente Zaanstad
    T 14 075
"""


def build_purmerend_wmoraad(case: Case) -> bytes:
    sent = at(5, 30, 22, 9, 47)
    mailbox = "VI1PR0701MB2830"
    message = outlook_com_message(
        seed=case.file,
        sender="Wmo-raad Purmerend <wmoraadpurmerend@hotmail.com>",
        subject="Voordracht Purmerend",
        sent=sent,
        text=PURMEREND_WMORAAD,
        mailbox=mailbox,
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop(
            "EUR02-VE1-obe.outbound.protection.outlook.com",
            "mail-ve1eur02olkn0259.outbound.protection.outlook.com",
            "203.0.113.159",
        ),
        seed=case.file,
        return_path="wmoraadpurmerend@hotmail.com",
        our_auth=auth_results(OUR_MX, "hotmail.com", "pass"),
        sender_trace=outlook_com_trace(sent, case.file, "hotmail.com", mailbox),
    )


def build_zaanstad(case: Case) -> bytes:
    sent = at(5, 31, 11, 17, 20)
    message = outlook_message(
        seed=case.file,
        sender='"Yilmaz, Emre" <e.yilmaz@zaanstad.nl>',
        subject="Voordracht gemeente Purmerend - koploper cliëntondersteuning",
        sent=sent,
        message_id=f"<{hexid(case.file, 32)}@ZSEXC01.zaanstad.local>",
        markup=ZAANSTAD_BODY,
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("mail.zaanstad.nl", "mail.zaanstad.nl", "203.0.113.60"),
        seed=case.file,
        return_path="e.yilmaz@zaanstad.nl",
        sender_trace=exchange_hops("ZSEXC01", "zaanstad.local", sent, "15.1.845.34"),
    )


# --- 61, 62: one sender, two nominees ------------------------------------------------

MEERSSEN_BODY = """\
    Geachte jury,

    Het college van burgemeester en wethouders van Maastricht draagt de gemeente Meerssen \
voor als koploper cliëntondersteuning.

    # Cliëntondersteuning staat hoog op de agenda
    De gemeenteraad van Meerssen bespreekt de cliëntondersteuning ieder voorjaar aan de hand \
van een jaarverslag van de ondersteuners, en de Wmo-raad heeft het onderwerp als vast \
agendapunt. Het cliëntenplatform is in 2016 gevraagd mee te schrijven aan de nieuwe nota.

    # Gezamenlijk en lerend ontwikkelproces
    Cliënten, mantelzorgers, vrijwilligers van de ouderenverenigingen en de professionals \
van het Sociaal Team hebben de werkwijze samen uitgewerkt en evalueren haar elk jaar.

    # Lerend proces en innovatieve aanpakken
    Signalen uit de kernen worden per kwartaal besproken en hebben geleid tot een \
huisbezoek binnen een week. Voor mensen met jonge dementie is er een eigen ondersteuner, en \
de cliëntervaring wordt gemeten met gesprekken na afloop die in het beleid terugkomen.

    Met vriendelijke groet,

    Anke Frissen
    Beleidsadviseur Sociaal Domein
    Gemeente Maastricht
    T 14 043
"""

EIJSDEN_BODY = """\
    Geachte jury,

    Vanochtend stuurden wij u onze voordracht van de gemeente Meerssen. Die voordracht \
blijft staan. Met deze mail dragen wij daarnaast de gemeente Eijsden-Margraten voor als \
koploper cliëntondersteuning: wij vinden dat beide gemeenten het verdienen.

    In Eijsden-Margraten staat cliëntondersteuning hoog op de agenda: de raad heeft er in \
2016 een motie over aangenomen en wordt halfjaarlijks geïnformeerd, en de adviesraad sociaal \
domein brengt er ieder jaar een ongevraagd advies over uit.

    Vernieuwend is dat de gemeente signalen van ondersteuners structureel gebruikt: zo zijn \
de spreekuren verplaatst naar de huisartsenpraktijken in de kernen. Ook is er een \
ondersteuner voor inwoners die over de grens in België werken, en meet de gemeente de \
cliëntervaring met een korte vragenlijst, waarvan de uitkomsten in het uitvoeringsplan \
terugkomen.

    Met vriendelijke groet,

    Anke Frissen
    Beleidsadviseur Sociaal Domein
    Gemeente Maastricht
    T 14 043
"""


def maastricht(case: Case, subject: str, sent: datetime, markup: str) -> bytes:
    message = outlook_message(
        seed=case.file,
        sender='"Frissen, Anke" <a.frissen@gemeentemaastricht.nl>',
        subject=subject,
        sent=sent,
        message_id=f"<{hexid(case.file, 32)}@MSTEXC01.gemeentemaastricht.local>",
        markup=markup,
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("mx.gemeentemaastricht.nl", "mx.gemeentemaastricht.nl", "192.0.2.161"),
        seed=case.file,
        return_path="a.frissen@gemeentemaastricht.nl",
        our_auth=auth_results(OUR_MX, "gemeentemaastricht.nl", "pass"),
        sender_trace=[
            dkim_signature("gemeentemaastricht.nl", "selector1", sent, case.file),
            *exchange_hops("MSTEXC01", "gemeentemaastricht.local", sent, "15.0.1293.2"),
        ],
    )


def build_meerssen(case: Case) -> bytes:
    subject = "Voordracht gemeente Meerssen - Koplopers Cliëntondersteuning"
    return maastricht(case, subject, at(5, 30, 10, 31, 2), MEERSSEN_BODY)


def build_eijsden(case: Case) -> bytes:
    subject = "Tweede voordracht: gemeente Eijsden-Margraten"
    return maastricht(case, subject, at(5, 30, 10, 57, 44), EIJSDEN_BODY)


# --- 63, 64: councils on gmail.com: a joint nomination, an English one -----------------

NOORDWIJK_TEXT = """\
Geachte jury,

De Wmo-raden van Noordwijk en Noordwijkerhout dragen samen de gemeenten Noordwijk en \
Noordwijkerhout voor als koplopers cliëntondersteuning. Onze gemeenten bereiden een fusie \
voor en werken in het sociaal domein al sinds 2015 met één team; de cliëntondersteuning is \
in beide gemeenten dezelfde.

Cliëntondersteuning staat in beide gemeenteraden vast op de agenda: ieder jaar bespreken \
zij samen een rapportage over het bereik, en onze Wmo-raden vergaderen daar vooraf samen \
over. Het college vraagt ons bij iedere wijziging vooraf om advies.

De werkwijze is samen ontwikkeld. Cliënten, mantelzorgers, vrijwilligers van de \
ouderenbonden en de professionals van het gezamenlijke team hebben haar in een reeks \
bijeenkomsten uitgewerkt, en die groep komt twee keer per jaar terug om te bespreken wat er \
is geleerd.

Met vriendelijke groet,

namens de Wmo-raden van Noordwijk en Noordwijkerhout,
Bert van der Zwet
"""

LEIDEN_TEXT = """\
Dear members of the jury,

The Social Domain Advisory Board of Leiden (Adviesraad Sociaal Domein Leiden) would like to \
nominate the municipality of Leiden as a frontrunner in client support (koploper \
cliëntondersteuning). We write in English because several of our members, who came to \
Leiden from abroad, took part in drafting this letter.

Leiden did not design its client support behind a desk. In 2016 the municipality organised a \
series of workshops in which clients, informal carers, professionals from the neighbourhood \
teams and volunteers worked out together how independent support should be offered. The \
knowledge of clients counted as much as that of the professionals, and the same group meets \
twice a year to review what has been learned.

Leiden also innovates. Signals from support workers are collected every month and have led \
to concrete changes, such as letters in plain language and a call-back guarantee. There is \
dedicated support for international students and for refugees with a residence permit, and \
clients with questions about care, income and housing keep one support worker. Client \
experience is measured through interviews by experts by experience, and the results are \
translated into the annual policy plan.

Kind regards,

On behalf of the Adviesraad Sociaal Domein Leiden,
Priya Raman, secretary
"""


def council_on_gmail(case: Case, display: str, address: str, subject: str, text: str) -> bytes:
    sent = case.received.replace(second=0)
    message = gmail_message(
        seed=case.file,
        sender=Address(display, addr_spec=address),
        subject=subject,
        sent=sent,
        text=text,
    )
    return deliver(
        message,
        received=case.received,
        hop=GMAIL_HOP,
        seed=case.file,
        return_path=address,
        our_auth=auth_results(OUR_MX, "gmail.com", "pass"),
        sender_trace=gmail_trace(sent, case.file),
    )


def build_noordwijk(case: Case) -> bytes:
    return council_on_gmail(
        case,
        "Wmo-raad Noordwijk",
        "wmoraad.noordwijk@gmail.com",
        "Gezamenlijke voordracht Noordwijk en Noordwijkerhout",
        NOORDWIJK_TEXT,
    )


def build_leiden_english(case: Case) -> bytes:
    return council_on_gmail(
        case,
        "Adviesraad Sociaal Domein Leiden",
        "asd.leiden@gmail.com",
        "Nomination: Leiden as frontrunner in client support",
        LEIDEN_TEXT,
    )


# --- 65: a nomination above the quoted call (Thunderbird, ziggo.nl) -------------------

HOORN_TEXT = """\
Geachte heer, mevrouw,

Naar aanleiding van uw oproep hieronder draagt de Cliëntenraad Hoorn de gemeente Hoorn voor \
als koploper cliëntondersteuning.

Cliëntondersteuning staat in Hoorn hoog op de agenda: de gemeenteraad bespreekt ieder jaar \
een rapportage over het bereik, en onze cliëntenraad en de Wmo-adviesraad worden bij elk \
voorstel vooraf gehoord. Daarnaast ontwikkelt de gemeente samen: in de klankbordgroep \
cliëntondersteuning zitten cliënten, mantelzorgers, vrijwilligers en professionals van de \
wijkteams, en zij hebben samen de nieuwe werkwijze uitgewerkt die sinds januari wordt \
gebruikt en die zij elk half jaar bijstellen.

Met vriendelijke groet,

namens de Cliëntenraad Hoorn,
Kees Bakker, voorzitter
"""


def build_hoorn(case: Case) -> bytes:
    sent = at(6, 1, 13, 7, 31)
    attribution = (
        f"Op {CALL_SENT:%d-%m-%y} om {CALL_SENT:%H:%M} schreef Koplopers Cliëntondersteuning:"
    )
    message = thunderbird_message(
        seed=case.file,
        sender="Cliëntenraad Hoorn <clientenraad.hoorn@ziggo.nl>",
        subject="Re: " + CALL_SUBJECT,
        sent=sent,
        text=HOORN_TEXT + "\n" + attribution + "\n" + quote_lines(CALL_TEXT, width=70) + "\n",
        domain="ziggo.nl",
        in_reply_to=CALL_MESSAGE_ID,
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("smtp.ziggo.nl", "smtpq3.tb.mail.iss.as9143.net", "203.0.113.165"),
        seed=case.file,
        return_path="clientenraad.hoorn@ziggo.nl",
        sender_trace=[
            "Received: from [192.168.1.12] ([198.51.100.165])\n"
            "\tby smtp.ziggo.nl with ESMTPA\n"
            f"\tid {hexid(case.file, 10, False)}; {format_datetime(sent)}"
        ],
    )


# --- 66: three lines from an iPhone ---------------------------------------------------

TYNAARLO_TEXT = """\
Wij dragen de gemeente Tynaarlo voor als koploper cliëntondersteuning. De gemeenteraad \
bespreekt cliëntondersteuning elk kwartaal en vraagt onze Wmo-raad steeds vooraf om advies.
Groet, Jan Bos, voorzitter Wmo-raad Tynaarlo

Verstuurd vanaf mijn iPhone
"""


def build_tynaarlo(case: Case) -> bytes:
    sent = at(6, 1, 8, 1, 58)
    token = hexid(case.file, 32)
    message = plain_message(
        seed=case.file,
        headers=[
            ("From", "Jan Bos <wmoraad.tynaarlo@planet.nl>"),
            ("Mime-Version", "1.0 (1.0)"),
            ("Subject", "Voordracht"),
            (
                "Message-Id",
                f"<{token[:8]}-{token[8:12]}-{token[12:16]}-{token[16:20]}-{token[20:32]}"
                "@planet.nl>",
            ),
            ("Date", format_datetime(sent)),
            ("To", OUR_ADDRESS),
            ("X-Mailer", "iPhone Mail (14E304)"),
        ],
        text=TYNAARLO_TEXT,
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("smtp.kpnmail.nl", "cpsmtpb-ews03.kpnxchange.com", "203.0.113.166"),
        seed=case.file,
        return_path="wmoraad.tynaarlo@planet.nl",
    )


# --- 67: a plain-text list from Roundcube (xs4all.nl) ---------------------------------

RHEDEN_TEXT = """\
Geachte jury,

De Adviesraad Sociaal Domein Rheden draagt de gemeente Rheden voor als koploper \
cliëntondersteuning. Wij zetten onze redenen op een rij.

Op de agenda:
* De gemeenteraad heeft cliëntondersteuning in 2016 tot prioriteit gemaakt en krijgt ieder \
half jaar een voortgangsrapportage.
* Onze adviesraad en het cliëntenoverleg worden bij elke wijziging vooraf om advies gevraagd.

Samen ontwikkeld:
* De werkwijze is in 2015 opgesteld door cliënten, mantelzorgers, vrijwilligers van \
Humanitas en de professionals van de sociale teams, en wordt ieder jaar met hen geëvalueerd.

Leren en vernieuwen:
* Signalen van ondersteuners worden per kwartaal besproken; zo kwam er een spreekuur in de \
bibliotheek van Dieren.
* Er is ondersteuning voor mensen met een verstandelijke beperking en voor jonge \
mantelzorgers.
* De cliëntervaring wordt jaarlijks gemeten en de gemeente laat zien wat zij ermee doet.

Met vriendelijke groet,

namens de Adviesraad Sociaal Domein Rheden,
Margriet Evers, secretaris
"""


def build_rheden(case: Case) -> bytes:
    sent = at(5, 31, 17, 31, 36)
    message = roundcube_message(
        seed=case.file,
        sender="Adviesraad Sociaal Domein Rheden <asd.rheden@xs4all.nl>",
        subject="Voordracht gemeente Rheden",
        sent=sent,
        text=RHEDEN_TEXT,
        domain="xs4all.nl",
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("smtp-cloud8.xs4all.net", "smtp-cloud8.xs4all.net", "203.0.113.167"),
        seed=case.file,
        return_path="asd.rheden@xs4all.nl",
    )


CASES: tuple[Case, ...] = (
    Case(
        "59-purmerend-wmoraad-hotmail-own.eml",
        "nomination",
        "Wmo-raad Purmerend",
        at(5, 30, 22, 10, 5),
        True,
        "An advisory board on hotmail.com (Outlook.com) nominates its own municipality; only "
        "the agenda criterion. One of two nominations of Purmerend (see 60).",
        build_purmerend_wmoraad,
        sender_municipality="GM0439",
        nominees=("GM0439",),
        criteria_met=("agenda",),
        dmarc="pass",
    ),
    Case(
        "60-zaanstad-nominates-purmerend.eml",
        "nomination",
        "Gemeente Zaanstad",
        at(5, 31, 11, 17, 39),
        True,
        "A second, independent nomination of Purmerend by another sender: both stand. Joint "
        "development and innovation (Word bullets).",
        build_zaanstad,
        sender_municipality="GM0479",
        nominees=("GM0439",),
        criteria_met=("samenwerking", "innovatie"),
    ),
    Case(
        "61-maastricht-nominates-meerssen.eml",
        "nomination",
        "Gemeente Maastricht",
        at(5, 30, 10, 31, 20),
        True,
        "Maastricht's first nomination (Meerssen), headed per criterion; the sender domain "
        "is gemeentemaastricht.nl.",
        build_meerssen,
        sender_municipality="GM0935",
        nominees=("GM0938",),
        criteria_met=ALL3,
        dmarc="pass",
    ),
    Case(
        "62-maastricht-also-nominates-eijsden-margraten.eml",
        "nomination",
        "Gemeente Maastricht",
        at(5, 30, 10, 58, 2),
        True,
        "Same sender, 27 minutes later, a different nominee: 'Die voordracht blijft staan'. A "
        "second nomination, not a revision of 61; Meerssen is named in passing.",
        build_eijsden,
        sender_municipality="GM0935",
        nominees=("GM1903",),
        criteria_met=("agenda", "innovatie"),
        dmarc="pass",
    ),
    Case(
        "63-noordwijk-wmoraden-joint-gmail.eml",
        "nomination",
        "Wmo-raad Noordwijk (mede namens Wmo-raad Noordwijkerhout)",
        at(5, 28, 17, 45, 12),
        True,
        "Two advisory boards jointly nominate both their municipalities from one gmail.com "
        "address: two nominees, 'Noordwijk' inside 'Noordwijkerhout'.",
        build_noordwijk,
        sender_municipality="GM0575",
        nominees=("GM0575", "GM0576"),
        criteria_met=("agenda", "samenwerking"),
        dmarc="pass",
    ),
    Case(
        "64-leiden-adviesraad-english-gmail.eml",
        "nomination",
        "Adviesraad Sociaal Domein Leiden",
        at(5, 31, 22, 31, 9),
        True,
        "A nomination in English from an advisory board on gmail.com, of its own municipality; "
        "a second nominator of Leiden (see 16). Joint development and innovation.",
        build_leiden_english,
        sender_municipality="GM0546",
        nominees=("GM0546",),
        criteria_met=("samenwerking", "innovatie"),
        dmarc="pass",
        language="en",
    ),
    Case(
        "65-hoorn-clientenraad-above-quoted-call.eml",
        "nomination",
        "Cliëntenraad Hoorn",
        at(6, 1, 13, 7, 55),
        True,
        "A nomination written above the quoted call (Thunderbird, ziggo.nl, format=flowed, "
        "In-Reply-To the call). Its own text covers agenda and joint development; the quoted "
        "criteria do not count.",
        build_hoorn,
        sender_municipality="GM0405",
        nominees=("GM0405",),
        criteria_met=("agenda", "samenwerking"),
    ),
    Case(
        "66-tynaarlo-wmoraad-iphone-three-lines.eml",
        "nomination",
        "Wmo-raad Tynaarlo",
        at(6, 1, 8, 2, 20),
        True,
        "Three lines from an iPhone (planet.nl): the nomination sentence and one concrete "
        "sentence on the council and the advisory board, which addresses the agenda.",
        build_tynaarlo,
        sender_municipality="GM1730",
        nominees=("GM1730",),
        criteria_met=("agenda",),
    ),
    Case(
        "67-rheden-adviesraad-xs4all-roundcube.eml",
        "nomination",
        "Adviesraad Sociaal Domein Rheden",
        at(5, 31, 17, 32, 4),
        True,
        "Roundcube webmail (xs4all.nl), plain format=flowed with '*' lists under its own "
        "headings; all three criteria. 'Dieren' is a village of Rheden, not a municipality.",
        build_rheden,
        sender_municipality="GM0275",
        nominees=("GM0275",),
        criteria_met=ALL3,
    ),
)
