"""Versions of one nomination: a forwarded resend, late and on-time revisions, a new partner.

- 50 → 51: the same nomination forwarded again "voor de zekerheid" (a duplicate).
- 52 → 53: a table in a DOCX, then a revised DOCX that arrives after the deadline.
- 54 → 55: a joint nomination of three municipalities, revised to add a fourth.
- 56 → 57 → 58: three versions; the third arrives two seconds after the deadline.
"""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage

from clients import apple_mail_message, notes_message, outlook_message, submission_hop
from documents import DOCX_TYPE, DocumentInfo, make_docx
from mailkit import ALL3, Case, Hop, at, deliver, exchange_hops, hexid

# --- 50, 51: IBM Notes, then the same text forwarded "voor de zekerheid" --------------

HULST_TEXT = """\
Geachte jury,

Namens het college van burgemeester en wethouders van Hulst draag ik de gemeente Sluis voor \
als koploper cliëntondersteuning.

Sluis is een uitgestrekte gemeente met veel kleine kernen en een vergrijzende bevolking. \
Juist daar is het moeilijk om iedereen te bereiken, en juist daar heeft Sluis de \
cliëntondersteuning samen met de inwoners opnieuw opgebouwd. In iedere kern zijn \
bijeenkomsten gehouden met cliënten, mantelzorgers, dorpsraden, vrijwillige \
ouderenadviseurs en de professionals van het Wmo-loket. Samen hebben zij bepaald waar en \
hoe de ondersteuning beschikbaar moet zijn, en die groep evalueert ieder jaar met de \
gemeente wat er is geleerd.

Vernieuwend vinden wij de manier waarop Sluis leert van de praktijk. Signalen van \
ondersteuners en dorpsraden worden per kwartaal besproken en leiden tot aanpassingen; zo \
rijdt er sinds dit jaar een spreekuurbus langs de kernen. Voor grensarbeiders en hun \
gezinnen is er een ondersteuner die de regels aan beide kanten van de grens kent, en de \
cliëntervaring wordt gemeten met telefonische gesprekken, waarvan de uitkomsten in het \
beleidsplan 2017 zijn verwerkt.

Met vriendelijke groet,

Willem de Kraker
Beleidsmedewerker Wmo
Gemeente Hulst
Postbus 49, 4560 AA Hulst
"""

HULST_FORWARD = """\
Geachte heer, mevrouw,

Voor de zekerheid stuur ik onze voordracht van 29 mei nogmaals door. Wij hebben geen \
ontvangstbevestiging gehad en willen er zeker van zijn dat hij vóór de deadline binnen is.

Met vriendelijke groet,

Willem de Kraker
Gemeente Hulst

----- Doorgestuurd door Willem de Kraker/Hulst op 01-06-2017 11:29 -----

Van:\tWillem de Kraker/Hulst
Aan:\tkoplopers@vng.example
Datum:\t29-05-2017 10:19
Onderwerp:\tVoordracht gemeente Sluis



"""


def hulst(case: Case, subject: str, sent: datetime, text: str) -> bytes:
    message = notes_message(
        seed=case.file,
        sender="Willem de Kraker <W.deKraker@gemeentehulst.nl>",
        subject=subject,
        sent=sent,
        text=text,
        domain="gemeentehulst.nl",
        router="NOTES02/SRV/Hulst",
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("mail.gemeentehulst.nl", "mail.gemeentehulst.nl", "203.0.113.50"),
        seed=case.file,
        return_path="W.deKraker@gemeentehulst.nl",
    )


def build_hulst(case: Case) -> bytes:
    return hulst(case, "Voordracht gemeente Sluis", at(5, 29, 10, 19, 52), HULST_TEXT)


def build_hulst_forward(case: Case) -> bytes:
    return hulst(
        case, "Fw: Voordracht gemeente Sluis", at(6, 1, 11, 29, 47), HULST_FORWARD + HULST_TEXT
    )


# --- 52, 53: a criteria table in a DOCX; the revision arrives late ------------------

HENGELO_SENDER = '"Kamps, Ruud" <r.kamps@hengelo.nl>'
HENGELO_SUBJECT = "Voordracht gemeente Borne"

HENGELO_COVER = """\
    Geachte jury,

    Hierbij de voordracht van de gemeente Hengelo voor de Koplopers Cliëntondersteuning: wij \
dragen de gemeente Borne voor. De toelichting per criterium staat in de tabel in de bijlage.

    Met vriendelijke groet,

    Ruud Kamps
    Beleidsadviseur Maatschappelijke Ondersteuning
    Gemeente Hengelo
    T 14 074
"""

HENGELO_REVISION = """\
    Geachte jury,

    Hierbij een aangepaste versie van onze voordracht van de gemeente Borne. In de tabel van \
gisteren stond bij het tweede criterium een verkeerd jaartal, en wij hebben een regel \
toegevoegd over de ondersteuning van jongeren. Deze versie vervangt de vorige.

    Met vriendelijke groet,

    Ruud Kamps
    Beleidsadviseur Maatschappelijke Ondersteuning
    Gemeente Hengelo
    T 14 074
"""


def hengelo_document(revised: bool) -> bytes:
    youth = " Sinds dit jaar is er ook een ondersteuner voor jongeren die achttien worden." * (
        revised
    )
    rows = "\n".join(
        [
            "Criterium | Wat Borne doet",
            "1. Cliëntondersteuning staat hoog op de agenda | De gemeenteraad bespreekt elk "
            "half jaar de monitor cliëntondersteuning; de Wmo-raad heeft er een vaste commissie "
            "voor en adviseert ook ongevraagd.",
            "2. Gezamenlijk en lerend ontwikkelproces | Sinds "
            + ("2015" if revised else "2014")
            + " ontwikkelen cliënten, mantelzorgers, vrijwilligers en professionals van het "
            "Sociaal Team de werkwijze samen in een werkplaats die vier keer per jaar "
            "bijeenkomt en bijstelt wat niet werkt.",
            "3. Lerend proces en innovatieve aanpakken | Signalen uit de werkplaats en van de "
            "ondersteuners leiden tot aanpassingen, zoals een inloopspreekuur in het "
            "gezondheidscentrum. De cliëntervaring wordt jaarlijks gemeten en vertaald naar "
            "het uitvoeringsplan." + youth,
        ]
    )
    content = [
        ("title", "Voordracht Koplopers Cliëntondersteuning 2017"),
        (
            "p",
            "De gemeente Hengelo draagt de gemeente Borne voor als koploper "
            "cliëntondersteuning. Borne en Hengelo werken samen in de Twentse aanpak van het "
            "sociaal domein; hieronder per criterium wat Borne volgens ons tot een voorbeeld "
            "maakt.",
        ),
        ("table", rows),
        ("p", "Wij bevelen Borne van harte bij u aan."),
        ("p", "Namens het college van burgemeester en wethouders van Hengelo,"),
        ("p", "R. Kamps, beleidsadviseur"),
    ]
    info = DocumentInfo(
        title="Voordracht Borne",
        author="R. Kamps",
        last_modified_by="R. Kamps",
        company="Gemeente Hengelo",
        created=datetime(2017, 5, 30, 9, 15),
        modified=datetime(2017, 6, 1, 16, 58) if revised else datetime(2017, 5, 31, 14, 20),
        revision=5 if revised else 2,
    )
    return make_docx(content, info)


def hengelo(case: Case, subject: str, sent: datetime, markup: str, revised: bool) -> bytes:
    name = "Voordracht Borne - aangepast.docx" if revised else "Voordracht Borne.docx"
    message = outlook_message(
        seed=case.file,
        sender=HENGELO_SENDER,
        subject=subject,
        sent=sent,
        message_id=f"<{hexid(case.file, 32)}@HGLEXC01.hengelo.local>",
        markup=markup,
        attachments=[(hengelo_document(revised), *DOCX_TYPE, name)],
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("mail.hengelo.nl", "mail.hengelo.nl", "203.0.113.52"),
        seed=case.file,
        return_path="r.kamps@hengelo.nl",
        sender_trace=exchange_hops("HGLEXC01", "hengelo.local", sent, "15.0.1293.2"),
    )


def build_hengelo(case: Case) -> bytes:
    return hengelo(case, HENGELO_SUBJECT, at(5, 31, 14, 35, 4), HENGELO_COVER, False)


def build_hengelo_late(case: Case) -> bytes:
    subject = "Aangepaste versie: " + HENGELO_SUBJECT
    return hengelo(case, subject, at(6, 1, 17, 12, 18), HENGELO_REVISION, True)


# --- 54, 55: a joint nomination; a fourth municipality joins --------------------------

PARKSTAD_INTRO = """\
    Geachte jury,

{revision}    Namens de colleges van {partners} dragen wij onze {count} gemeenten gezamenlijk voor \
als koploper cliëntondersteuning. Sinds 2016 hebben wij de onafhankelijke cliëntondersteuning \
in Parkstad Limburg samen ingericht, met één werkwijze en één pool van ondersteuners.

    # Op de agenda
    De gemeenteraden bespreken ieder jaar een gezamenlijke rapportage over het bereik en de \
wachttijden van de cliëntondersteuning. De adviesraden sociaal domein van onze gemeenten \
vergaderen twee keer per jaar samen over het onderwerp en brengen een gezamenlijk advies uit, \
dat de colleges tot nu toe steeds hebben overgenomen.

    # Samen ontwikkeld
    De werkwijze is ontworpen door een werkgroep van cliënten, ervaringsdeskundigen, \
mantelzorgers, vrijwilligers van de ouderenbonden en professionals van de sociale teams. \
Zij gebruikten elkaars kennis: cliënten vertelden waar zij vastliepen, professionals wat er \
binnen de regels mogelijk was. De werkgroep bestaat nog en bespreekt elk half jaar wat er \
beter kan.
{innovation}
    Met vriendelijke groet,

    Ingrid Lemmens
    Regisseur Sociaal Domein Parkstad
    Gemeente Heerlen
    T 14 045
"""

PARKSTAD_REVISION = """\
    Op 29 mei stuurden wij u onze gezamenlijke voordracht namens Heerlen, Kerkrade en \
Landgraaf. Inmiddels heeft ook het college van Brunssum besloten zich bij de voordracht aan te \
sluiten. Hierbij de aangepaste versie, die de vorige vervangt.

"""

PARKSTAD_INNOVATION = """
    # Lerend en vernieuwend
    Signalen van ondersteuners en cliënten worden in een gezamenlijk logboek bijgehouden en \
per kwartaal besproken; zo zijn de brieven van de vier gemeenten gelijkgetrokken en in \
eenvoudige taal herschreven. Nieuw is de ondersteuning voor oud-mijnwerkers en hun \
weduwen, en het meten van de cliëntervaring door getrainde ervaringsdeskundigen, waarvan de \
uitkomsten in het regionale uitvoeringsplan zijn verwerkt.
"""


def parkstad(case: Case, subject: str, sent: datetime, with_brunssum: bool) -> bytes:
    markup = PARKSTAD_INTRO.format(
        revision=PARKSTAD_REVISION if with_brunssum else "",
        partners=(
            "Brunssum, Heerlen, Kerkrade en Landgraaf"
            if with_brunssum
            else "Heerlen, Kerkrade en Landgraaf"
        ),
        count="vier" if with_brunssum else "drie",
        innovation=PARKSTAD_INNOVATION if with_brunssum else "",
    )
    message = outlook_message(
        seed=case.file,
        sender='"Lemmens, Ingrid" <i.lemmens@heerlen.nl>',
        subject=subject,
        sent=sent,
        message_id=f"<{hexid(case.file, 32)}@HRLEXC02.heerlen.local>",
        markup=markup,
    )
    message["Cc"] = (
        "wmo@brunssum.nl, sociaaldomein@kerkrade.nl, wmo@landgraaf.nl"
        if with_brunssum
        else "sociaaldomein@kerkrade.nl, wmo@landgraaf.nl"
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("mail.heerlen.nl", "mail.heerlen.nl", "203.0.113.54"),
        seed=case.file,
        return_path="i.lemmens@heerlen.nl",
        sender_trace=exchange_hops("HRLEXC02", "heerlen.local", sent, "15.1.845.34"),
    )


def build_parkstad(case: Case) -> bytes:
    subject = "Gezamenlijke voordracht Parkstad: Heerlen, Kerkrade en Landgraaf"
    return parkstad(case, subject, at(5, 29, 9, 48, 31), False)


def build_parkstad_with_brunssum(case: Case) -> bytes:
    subject = "Aangepaste versie: gezamenlijke voordracht Parkstad, nu ook met Brunssum"
    return parkstad(case, subject, at(5, 31, 16, 22, 9), True)


# --- 56, 57, 58: three versions from Apple Mail; the third is late ---------------------

ALMERE_AGENDA = """\
Zeewolde is een kleine gemeente, maar cliëntondersteuning staat er hoog op de agenda. De \
gemeenteraad heeft in 2016 een themavergadering gehouden over onafhankelijke \
cliëntondersteuning, en de adviesraad sociaal domein heeft er een eigen werkgroep voor. Het \
college bespreekt de cijfers over het gebruik twee keer per jaar met die adviesraad.
"""

ALMERE_INNOVATION = """\
Zeewolde leert ook van de praktijk. Signalen van ondersteuners worden maandelijks besproken \
en hebben geleid tot een vast spreekuur in het dorpshuis en tot kortere brieven. Voor \
agrarische gezinnen en voor jonge mantelzorgers zijn er aparte ondersteuners, en de \
cliëntervaring wordt na afloop telefonisch gevraagd; de uitkomsten staan in het \
uitvoeringsplan.
"""

ALMERE_PROCESS = """\
Tot slot is de werkwijze samen ontwikkeld: cliënten, mantelzorgers, vrijwilligers van de \
kerken en de professionals van het sociaal team hebben haar in drie bijeenkomsten \
uitgewerkt, en zij evalueren elk jaar met de gemeente wat er beter kan.
"""

ALMERE_SIGNATURE = """\
Met vriendelijke groet,

Mirjam de Groot
Beleidsadviseur Zorg
Gemeente Almere
"""

ALMERE_VERSIONS = (
    "Beste jury,\n\nDe gemeente Almere draagt de gemeente Zeewolde voor als koploper "
    "cliëntondersteuning.\n\n"
    + ALMERE_AGENDA
    + "\nWij vullen deze voordracht mogelijk nog aan.\n\n"
    + ALMERE_SIGNATURE,
    "Beste jury,\n\nHierbij een aangepaste versie van onze voordracht van 24 mei; deze versie "
    "vervangt de eerdere.\n\nDe gemeente Almere draagt de gemeente Zeewolde voor als koploper "
    "cliëntondersteuning.\n\n" + ALMERE_AGENDA + "\n" + ALMERE_INNOVATION + "\n" + ALMERE_SIGNATURE,
    "Beste jury,\n\nNog net op tijd, hopen wij: een laatste aanvulling op onze voordracht, nu "
    "ook met het tweede criterium. Deze versie vervangt die van vanochtend.\n\nDe gemeente "
    "Almere draagt de gemeente Zeewolde voor als koploper cliëntondersteuning.\n\n"
    + ALMERE_AGENDA
    + "\n"
    + ALMERE_INNOVATION
    + "\n"
    + ALMERE_PROCESS
    + "\n"
    + ALMERE_SIGNATURE,
)


def almere(case: Case, subject: str, sent: datetime, version: int) -> bytes:
    message: EmailMessage = apple_mail_message(
        seed=case.file,
        sender="Mirjam de Groot <m.degroot@almere.nl>",
        subject=subject,
        sent=sent,
        text=ALMERE_VERSIONS[version],
        domain="almere.nl",
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("smtp.almere.nl", "smtp.almere.nl", "203.0.113.56"),
        seed=case.file,
        return_path="m.degroot@almere.nl",
        sender_trace=[submission_hop("smtp.almere.nl", "10.40.2.17", sent, case.file)],
    )


def build_almere_first(case: Case) -> bytes:
    return almere(case, "Voordracht Zeewolde", at(5, 24, 15, 5, 1), 0)


def build_almere_revised(case: Case) -> bytes:
    return almere(case, "Aangepaste versie: voordracht Zeewolde", at(6, 1, 10, 2, 29), 1)


def build_almere_late(case: Case) -> bytes:
    return almere(case, "Laatste aanvulling: voordracht Zeewolde", at(6, 1, 16, 59, 49), 2)


CASES: tuple[Case, ...] = (
    Case(
        "50-hulst-sluis-notes.eml",
        "nomination",
        "Gemeente Hulst",
        at(5, 29, 10, 20, 6),
        True,
        "IBM Notes, ISO-8859-1, mixed-case address. Joint development and innovation; no "
        "council or advisory board.",
        build_hulst,
        sender_municipality="GM0677",
        nominees=("GM1714",),
        criteria_met=("samenwerking", "innovatie"),
    ),
    Case(
        "51-hulst-forward-for-safety.eml",
        "nomination",
        "Gemeente Hulst",
        at(6, 1, 11, 30, 2),
        True,
        "50 forwarded again 'voor de zekerheid' with a Notes forward header ('----- "
        "Doorgestuurd door …'): the nomination text repeated under a new subject and "
        "Message-ID, with a covering note asking for a receipt. A duplicate of 50.",
        build_hulst_forward,
        sender_municipality="GM0677",
        nominees=("GM1714",),
        criteria_met=("samenwerking", "innovatie"),
        duplicate_of="50-hulst-sluis-notes.eml",
        status="duplicate",
    ),
    Case(
        "52-hengelo-borne-table-docx.eml",
        "nomination",
        "Gemeente Hengelo",
        at(5, 31, 14, 35, 27),
        True,
        "Nomination as a DOCX with a criteria table (python-docx 'Table Grid'): the left "
        "column repeats the call's criteria, the right one says what Borne does. Stays the "
        "version that counts: its revision (53) is late.",
        build_hengelo,
        sender_municipality="GM0164",
        nominees=("GM0147",),
        criteria_met=ALL3,
    ),
    Case(
        "53-hengelo-borne-late-revision-docx.eml",
        "nomination",
        "Gemeente Hengelo",
        at(6, 1, 17, 12, 40),
        False,
        "'Aangepaste versie' of 52 with a revised DOCX, received 17:12:40: a late revision "
        "that must not replace 52.",
        build_hengelo_late,
        sender_municipality="GM0164",
        nominees=("GM0147",),
        criteria_met=ALL3,
        revision_of="52-hengelo-borne-table-docx.eml",
        status="late-revision",
    ),
    Case(
        "54-heerlen-parkstad-joint.eml",
        "nomination",
        "Gemeente Heerlen (namens Heerlen, Kerkrade en Landgraaf)",
        at(5, 29, 9, 49, 5),
        True,
        "Joint regional nomination of three municipalities, the sender among them; Cc to the "
        "partners. Agenda and joint development. Superseded by 55.",
        build_parkstad,
        sender_municipality="GM0917",
        nominees=("GM0917", "GM0928", "GM0882"),
        criteria_met=("agenda", "samenwerking"),
        status="superseded",
    ),
    Case(
        "55-heerlen-parkstad-joint-adds-brunssum.eml",
        "nomination",
        "Gemeente Heerlen (namens Brunssum, Heerlen, Kerkrade en Landgraaf)",
        at(5, 31, 16, 22, 30),
        True,
        "The joint nomination revised to add a partner (Brunssum) and an innovation section; "
        "it replaces 54 although its nominees are not the same.",
        build_parkstad_with_brunssum,
        sender_municipality="GM0917",
        nominees=("GM0899", "GM0917", "GM0928", "GM0882"),
        criteria_met=ALL3,
        revision_of="54-heerlen-parkstad-joint.eml",
    ),
    Case(
        "56-almere-zeewolde-apple-first.eml",
        "nomination",
        "Gemeente Almere",
        at(5, 24, 15, 5, 18),
        True,
        "Apple Mail. First of three versions; only the agenda criterion, 'wij vullen deze "
        "voordracht mogelijk nog aan'. Superseded by 57.",
        build_almere_first,
        sender_municipality="GM0034",
        nominees=("GM0050",),
        criteria_met=("agenda",),
        status="superseded",
    ),
    Case(
        "57-almere-zeewolde-apple-revised.eml",
        "nomination",
        "Gemeente Almere",
        at(6, 1, 10, 2, 44),
        True,
        "On-time revision of 56 (adds innovation). Stays the version that counts: the third "
        "version (58) is late.",
        build_almere_revised,
        sender_municipality="GM0034",
        nominees=("GM0050",),
        criteria_met=("agenda", "innovatie"),
        revision_of="56-almere-zeewolde-apple-first.eml",
    ),
    Case(
        "58-almere-zeewolde-apple-170002-late.eml",
        "nomination",
        "Gemeente Almere",
        at(6, 1, 17, 0, 2),
        False,
        "Third version, received 17:00:02 (Date 16:59:49): late by two seconds, a late "
        "revision of 57 that adds the second criterion.",
        build_almere_late,
        sender_municipality="GM0034",
        nominees=("GM0050",),
        criteria_met=ALL3,
        revision_of="57-almere-zeewolde-apple-revised.eml",
        status="late-revision",
    ),
)
