"""What a nomination's text does and does not address: the criteria traps.

- 70: the nomination sentence in the call's own words, and nothing else.
- 71: the call's criteria pasted as headings with bare claims under them.
- 76: the call's innovation examples, each with what the nominee does (criterion 3 only,
  "samenwerking tussen professionals en vrijwilligers" included).
- 77: one concrete agenda paragraph, then the same examples listed bare.
"""

from __future__ import annotations

from email.utils import format_datetime

from clients import plain_message
from inbox_styles import municipal_outlook
from mailkit import OUR_ADDRESS, Case, Hop, at, b64id, deliver, hexid

# --- 70, 71: the call's words, and nothing under them --------------------------------

BOXTEL_BODY = """\
    Geachte heer, mevrouw,

    Het college van burgemeester en wethouders van Boxtel draagt de gemeente Meierijstad \
voor als koplopergemeente cliëntondersteuning.

    Wij vertrouwen erop u hiermee voldoende te hebben geïnformeerd.

    Met vriendelijke groet,

    Frank Wijnen
    Bestuursadviseur
    Gemeente Boxtel
"""

HELMOND_BODY = """\
    Geachte jury,

    Hierbij draagt de gemeente Helmond de gemeente Geldrop-Mierlo voor als koploper \
cliëntondersteuning.

    # 1. Cliëntondersteuning staat hoog op de agenda: bij de gemeenteraad, in het \
cliëntenoverleg en bij de adviesraad.
    Ja, zeker.

    # 2. Er is sprake van een gezamenlijk en lerend ontwikkelproces: gemeente, cliënten, \
professionals en vrijwilligers ontwikkelen samen en gebruiken elkaars kennis.
    Dat is in Geldrop-Mierlo zeker het geval.

    # 3. Er is sprake van een lerend proces en innovatieve aanpakken.
    Geldrop-Mierlo is een zeer innovatieve gemeente.

    Met vriendelijke groet,

    Sandra van Bree
    Beleidsmedewerker Wmo
    Gemeente Helmond
"""


def build_boxtel(case: Case) -> bytes:
    return municipal_outlook(
        case,
        sender='"Wijnen, Frank" <f.wijnen@boxtel.nl>',
        subject="Voordracht koplopergemeente cliëntondersteuning",
        sent=at(6, 1, 15, 29, 48),
        markup=BOXTEL_BODY,
        server="BXTEXC01",
        ip="203.0.113.70",
    )


def build_helmond(case: Case) -> bytes:
    return municipal_outlook(
        case,
        sender='"Bree, Sandra van" <s.vanbree@helmond.nl>',
        subject="Voordracht Geldrop-Mierlo",
        sent=at(5, 31, 10, 14, 19),
        markup=HELMOND_BODY,
        server="HLMDEXC02",
        ip="203.0.113.71",
    )


# --- 76, 77: the call's innovation examples, described and bare ----------------------

VENRAY_BODY = """\
    Geachte jury,

    De gemeente Venray draagt de gemeente Venlo voor als koploper cliëntondersteuning. Wat \
ons betreft is Venlo vooral een voorbeeld in vernieuwing. Wij lichten dat toe aan de hand van \
de voorbeelden uit uw oproep.

    - Omgaan met verscheidenheid van doelgroepen: Venlo heeft ondersteuners voor \
arbeidsmigranten uit Midden- en Oost-Europa, die hun taal spreken, en voor jongeren die uit \
de jeugdhulp komen.
    - Integrale ondersteuning: een inwoner met vragen over zorg, werk en schulden houdt één \
ondersteuner, die ook meegaat naar de schuldhulpverlening.
    - De samenwerking tussen professionals en vrijwilligers: in vaste duo's pakt de \
professional de regelgeving op en blijft de vrijwilliger het vaste aanspreekpunt; zij volgen \
samen scholing.
    - Onafhankelijkheid: de ondersteuners zijn ondergebracht bij een stichting die los van de \
gemeente staat en een eigen klachtenregeling heeft.
    - Bekendheid en bereik: de ondersteuners houden spreekuur in de bibliotheek, bij de \
voedselbank en in de moskee; het aantal inwoners dat hen vond, is in een jaar verdubbeld.

    Met vriendelijke groet,

    Marco Peeters
    Beleidsadviseur Sociaal Domein
    Gemeente Venray
"""

BERGEN_OP_ZOOM_TEXT = """\
Geachte heer, mevrouw,

Hierbij draagt de gemeente Bergen op Zoom de gemeente Roosendaal voor als koploper \
cliëntondersteuning.

In Roosendaal wordt cliëntondersteuning elk jaar in de gemeenteraad besproken aan de hand \
van een rapportage over bereik en tevredenheid, en de Wmo-raad heeft het onderwerp als vast \
agendapunt.

Roosendaal is daarnaast vernieuwend op het gebied van:
- omgaan met verscheidenheid van doelgroepen;
- integrale ondersteuning;
- onafhankelijkheid;
- bekendheid en bereik;
- het meten van de cliëntervaring en het vertalen daarvan naar beleid.

Met vriendelijke groet,

Ilse Bosters
Gemeente Bergen op Zoom
"""


def build_venray(case: Case) -> bytes:
    return municipal_outlook(
        case,
        sender='"Peeters, Marco" <m.peeters@venray.nl>',
        subject="Voordracht gemeente Venlo",
        sent=at(5, 31, 13, 28, 59),
        markup=VENRAY_BODY,
        server="VNRYEXC01",
        ip="203.0.113.76",
    )


def build_bergen_op_zoom(case: Case) -> bytes:
    sent = at(6, 1, 11, 55, 22)
    message = plain_message(
        seed=case.file,
        headers=[
            ("From", '"Bosters, Ilse" <i.bosters@bergenopzoom.nl>'),
            ("To", f"<{OUR_ADDRESS}>"),
            ("Subject", "Voordracht Roosendaal"),
            ("Date", format_datetime(sent)),
            (
                "Message-ID",
                f"<001201d2dac0${hexid(case.file, 8, False)}$a1b2c3d4$@bergenopzoom.nl>",
            ),
            ("MIME-Version", "1.0"),
            ("X-Mailer", "Microsoft Outlook 15.0"),
            ("Thread-Index", b64id(case.file + "/thread", 22)),
            ("Content-Language", "nl"),
        ],
        text=BERGEN_OP_ZOOM_TEXT,
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("mail.bergenopzoom.nl", "mail.bergenopzoom.nl", "203.0.113.77"),
        seed=case.file,
        return_path="i.bosters@bergenopzoom.nl",
    )


CASES: tuple[Case, ...] = (
    Case(
        "70-boxtel-call-words-only.eml",
        "nomination",
        "Gemeente Boxtel",
        at(6, 1, 15, 30, 5),
        True,
        "The nomination sentence in the call's own words ('draagt de gemeente Meierijstad "
        "voor als koplopergemeente cliëntondersteuning') and nothing else: no criterion.",
        build_boxtel,
        sender_municipality="GM0757",
        nominees=("GM1948",),
    ),
    Case(
        "71-helmond-pasted-criteria-headings.eml",
        "nomination",
        "Gemeente Helmond",
        at(5, 31, 10, 14, 36),
        True,
        "The call's three criteria pasted as headings, each with a bare claim under it ('Ja, "
        "zeker.'): the pasted text does not count, and the claims say nothing: no criterion.",
        build_helmond,
        sender_municipality="GM0794",
        nominees=("GM1771",),
    ),
    Case(
        "76-venray-venlo-innovation-examples.eml",
        "nomination",
        "Gemeente Venray",
        at(5, 31, 13, 29, 17),
        True,
        "The call's innovation examples used as headings of Venlo's own practice, each "
        "with what is done. All of it is criterion 3: 'de samenwerking tussen professionals "
        "en vrijwilligers' is the call's example of innovation, not the joint development "
        "of criterion 2.",
        build_venray,
        sender_municipality="GM0984",
        nominees=("GM0983",),
        criteria_met=("innovatie",),
    ),
    Case(
        "77-bergenopzoom-roosendaal-bare-example-list.eml",
        "nomination",
        "Gemeente Bergen op Zoom",
        at(6, 1, 11, 55, 40),
        True,
        "One concrete paragraph on council and Wmo-raad (agenda), then the call's innovation "
        "examples listed bare ('vernieuwend op het gebied van: …'), which say nothing about "
        "what Roosendaal does: innovation not addressed. Outlook plain text.",
        build_bergen_op_zoom,
        sender_municipality="GM0748",
        nominees=("GM1674",),
        criteria_met=("agenda",),
    ),
)
