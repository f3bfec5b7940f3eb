"""Regenerate the document test data in this folder (not run by the tests).

    .venv/bin/python tests/data/docs/make_docs.py

Needs, besides the project's virtualenv (python-docx):

- LibreOffice Writer (``apt-get install libreoffice-writer-nogui``) and ``python3-uno`` (the
  system Python's binding to it): LibreOffice converts the DOCX files python-docx writes into
  PDF, ODT, DOC and RTF, and its own ODT into DOCX, so that the page count is recorded by a
  program that lays pages out.  It is driven over UNO, not ``soffice --convert-to``: only so
  can it be made to lay out every page before saving (converted headless, a two-page text was
  recorded as one page), and to save with a password;
- qpdf (``apt-get install qpdf``): encrypts and rotates a PDF.

The content is reproducible (fixed texts, fixed seed, fixed ZIP timestamps); the bytes of
files LibreOffice and qpdf write are not (they stamp the time and a random document id).
See README.md for what each file tests.
"""

from __future__ import annotations

import json
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.shared import Mm, Pt

HERE = Path(__file__).resolve().parent
INVALID = HERE / "invalid"
PASSWORD = "geheim2017"
FIXED_TIME = (2017, 5, 31, 16, 59, 0)

# --- the texts -------------------------------------------------------------------------

TITLE = "Nominatie Koplopers Cliëntondersteuning 2017"

ONE_PAGE = [
    "Aan de jury van de Koplopers Cliëntondersteuning,",
    "De gemeente Lochem draagt met overtuiging de gemeente Zutphen voor als koploper "
    "cliëntondersteuning. Wij werken al jaren samen in de regio en zien van dichtbij hoe "
    "Zutphen cliëntondersteuning een vaste plek heeft gegeven in beleid en uitvoering. "
    "Hieronder lichten wij onze voordracht toe aan de hand van de drie criteria.",
    "## 1. Cliëntondersteuning staat hoog op de agenda",
    "De gemeenteraad van Zutphen bespreekt twee keer per jaar de voortgang van de "
    "onafhankelijke cliëntondersteuning. De Adviesraad Sociaal Domein heeft het onderwerp "
    "als vast agendapunt en brengt jaarlijks een ongevraagd advies uit. Het college heeft in "
    "het beleidsplan Sociaal Domein concrete doelen opgenomen, zoals het vergroten van de "
    "bekendheid van cliëntondersteuning onder inwoners met een laag inkomen en onder "
    "mantelzorgers. Ook in het cliëntenoverleg komt cliëntondersteuning elke vergadering "
    "terug, met cijfers over het aantal inwoners dat een onafhankelijke ondersteuner heeft "
    "gekregen.",
    "## 2. Gezamenlijk en lerend ontwikkelproces",
    "Zutphen ontwikkelt cliëntondersteuning samen met inwoners, professionals en "
    "vrijwilligers. In werkateliers schuiven cliënten, medewerkers van het sociaal wijkteam, "
    "vrijwillige ouderenadviseurs en de adviesraad aan tafel. Ervaringen van inwoners worden "
    "opgehaald met gesprekken achteraf en vormen de basis voor verbeteringen. Zo is de folder "
    "over cliëntondersteuning herschreven door een groep inwoners met lage taalvaardigheid. "
    "Vrijwilligers krijgen dezelfde training als professionals, en "
    "samen evalueren zij elk jaar wat beter kan.",
    "## 3. Lerend proces en innovatieve aanpakken",
    "Signalen uit de praktijk worden elk kwartaal besproken in een leertafel, waarna het "
    "beleid waar nodig wordt bijgesteld. Zutphen experimenteert met cliëntondersteuning voor "
    "specifieke doelgroepen, zoals jongeren die achttien worden, statushouders en mensen met "
    "een licht verstandelijke beperking. Professionals en vrijwilligers werken in duo's, zodat "
    "deskundigheid en ervaringskennis elkaar versterken. De gemeente meet de cliëntervaring "
    "met een korte vragenlijst en vertaalt de uitkomsten zichtbaar naar beleid.",
    "Wij zijn ervan overtuigd dat Zutphen aan alle drie de criteria voldoet en dat andere "
    "gemeenten veel van deze aanpak kunnen leren.",
    "Met vriendelijke groet,",
    "namens het college van burgemeester en wethouders van Lochem,\n"
    "J. de Vries, wethouder Sociaal Domein",
]

TWO_PAGES = [
    "Aan de jury van de Koplopers Cliëntondersteuning,",
    "De Wmo-adviesraad Deventer draagt de gemeente Deventer voor als koploper "
    "cliëntondersteuning. Als adviesraad volgen wij het beleid al sinds de decentralisaties "
    "van 2015 op de voet. Wij zien een gemeente die cliëntondersteuning niet als verplicht "
    "nummer behandelt, maar als de sleutel tot goede zorg en ondersteuning voor alle inwoners. "
    "In deze voordracht beschrijven wij per criterium wat Deventer doet, wat wij daar als "
    "adviesraad van merken en waarom wij denken dat andere gemeenten ervan kunnen leren.",
    "## 1. Cliëntondersteuning staat hoog op de agenda",
    "In Deventer staat cliëntondersteuning op de agenda van de gemeenteraad, van het "
    "cliëntenoverleg en van onze adviesraad. De raad heeft in 2016 een motie aangenomen die "
    "het college vraagt jaarlijks te rapporteren over het bereik en de kwaliteit van de "
    "onafhankelijke cliëntondersteuning. Die rapportage verschijnt inmiddels voor de tweede "
    "keer en wordt in een openbare commissievergadering besproken, waarbij ook inwoners het "
    "woord krijgen.",
    "De wethouder voert twee keer per jaar een open gesprek met de adviesraad en met "
    "vertegenwoordigers van cliëntenorganisaties. Daarin komen knelpunten aan de orde, zoals "
    "wachttijden bij het sociaal team of de vraag of inwoners bij het eerste gesprek al weten "
    "dat zij recht hebben op een onafhankelijke ondersteuner. De afspraken uit deze gesprekken "
    "worden vastgelegd en bij het volgende overleg nagelopen.",
    "Ook in de begroting is cliëntondersteuning zichtbaar: er is een apart budget voor "
    "deskundigheidsbevordering van vrijwillige cliëntondersteuners en voor voorlichting in "
    "wijken waar het gebruik van ondersteuning achterblijft. De gemeente heeft bovendien "
    "afgesproken dat iedere nieuwe beleidsnota in het sociaal domein een paragraaf bevat "
    "over de gevolgen voor cliëntondersteuning. Zo blijft het onderwerp ook zichtbaar bij "
    "besluiten over jeugdhulp, participatie en schuldhulpverlening, en niet alleen bij de Wmo.",
    "## 2. Gezamenlijk en lerend ontwikkelproces",
    "De gemeente ontwikkelt het beleid niet achter het bureau. Bij de herinrichting van de "
    "toegang tot ondersteuning zijn inwoners, professionals en vrijwilligers vanaf het begin "
    "betrokken. In drie wijken zijn ontwerpsessies gehouden waarin cliënten vertelden hoe zij "
    "de weg naar ondersteuning hadden ervaren. Professionals van de wijkteams, de "
    "ouderenadviseurs van de welzijnsorganisatie en vrijwilligers van het "
    "mantelzorgsteunpunt dachten mee over oplossingen.",
    "Een concreet resultaat is het gezamenlijke keukentafelprotocol. Daarin staat dat iedere "
    "inwoner voorafgaand aan een gesprek schriftelijk en mondeling wordt gewezen op de "
    "mogelijkheid van onafhankelijke cliëntondersteuning, in eenvoudige taal en zo nodig in "
    "een andere taal. Het protocol is opgesteld door een werkgroep waarin twee "
    "ervaringsdeskundigen zitting hadden; zij toetsen ook de teksten die de gemeente naar "
    "inwoners stuurt.",
    "Het ontwikkelproces is lerend van opzet. Elk half jaar komt een breed samengestelde "
    "leergroep bijeen die bespreekt wat goed gaat en wat beter kan. De adviesraad neemt daar "
    "aan deel en ziet dat voorstellen uit de groep daadwerkelijk worden overgenomen, "
    "bijvoorbeeld het idee om cliëntondersteuners spreekuren te laten houden in de bibliotheek "
    "en in buurthuizen.",
    "Wat ons als adviesraad vooral opvalt, is de open houding van de ambtelijke organisatie. "
    "Beleidsmedewerkers komen zelf naar bijeenkomsten van cliëntenorganisaties, vragen door "
    "en laten later weten wat er met de inbreng is gedaan. Ook wanneer een voorstel niet "
    "wordt overgenomen, wordt uitgelegd waarom. Dat geeft vertrouwen en maakt dat inwoners "
    "bereid blijven om mee te denken. Vrijwilligers en professionals leren op deze manier "
    "van elkaar, en de gemeente leert van beiden.",
    "## 3. Lerend proces en innovatieve aanpakken",
    "Deventer gebruikt signalen uit de praktijk structureel om de ondersteuning te "
    "verbeteren. Klachten, bezwaarschriften en signalen van vrijwilligers worden per kwartaal "
    "geanalyseerd. Toen bleek dat jongeren die achttien worden vaak tussen wal en schip "
    "vallen, is samen met het jongerenwerk een speciale cliëntondersteuner voor jongeren "
    "aangesteld. Voor statushouders werkt de gemeente met vrijwilligers die dezelfde taal "
    "spreken en zelf de weg in Nederland hebben gevonden.",
    "Daarnaast zet Deventer in op integrale ondersteuning. Een inwoner met vragen over "
    "schulden, zorg en werk heeft één vaste cliëntondersteuner, die helpt de verschillende "
    "loketten met elkaar te verbinden. Professionals en vrijwilligers werken in vaste koppels: "
    "de professional brengt kennis van wet- en regelgeving, de vrijwilliger tijd, geduld en "
    "ervaringskennis. Beide volgen dezelfde scholing, zodat zij elkaar goed kunnen aanvullen.",
    "De gemeente werkt actief aan de zelfstandigheid van de cliëntondersteuning. De "
    "ondersteuners zijn ondergebracht bij een onafhankelijke stichting, die zelf haar "
    "werkwijze bepaalt en rechtstreeks aan de raad rapporteert. Om de bekendheid te vergroten "
    "zijn korte filmpjes gemaakt waarin inwoners vertellen wat een cliëntondersteuner voor "
    "hen heeft betekend; deze worden getoond in wachtruimtes en via sociale media verspreid.",
    "Tot slot meet Deventer de cliëntervaring op een vernieuwende manier. Naast het verplichte "
    "cliëntervaringsonderzoek voert een groep getrainde ervaringsdeskundigen jaarlijks "
    "vijftig gesprekken met inwoners die ondersteuning hebben gehad. De uitkomsten worden in "
    "een openbare bijeenkomst besproken en vertaald in concrete verbeterpunten, die de "
    "gemeente vervolgens in haar uitvoeringsplan opneemt. Zo is de terugkoppeling naar "
    "inwoners verbeterd en worden brieven nu standaard in begrijpelijke taal geschreven.",
    "## Tot besluit",
    "Deventer voldoet naar ons oordeel aan alle drie de criteria. De gemeente zet "
    "cliëntondersteuning hoog op de agenda, ontwikkelt samen met inwoners, professionals en "
    "vrijwilligers en durft te vernieuwen. Wij zien Deventer daarom graag als koploper, zodat "
    "andere gemeenten van deze ervaringen kunnen leren.",
    "Met vriendelijke groet,",
    "namens de Wmo-adviesraad Deventer,\nA. Jansen, voorzitter",
]

TABLE_INTRO = (
    "De gemeente Lochem nomineert de gemeente Zutphen als koploper cliëntondersteuning. "
    "In de tabel hieronder staat per criterium onze toelichting."
)
TABLE_ROWS = [
    ("Criterium", "Toelichting"),
    (
        "Cliëntondersteuning staat hoog op de agenda",
        "De gemeenteraad bespreekt twee keer per jaar de voortgang; de adviesraad heeft het "
        "onderwerp als vast agendapunt.",
    ),
    (
        "Gezamenlijk en lerend ontwikkelproces",
        "Werkateliers met cliënten, professionals en vrijwilligers; de folder is herschreven "
        "door inwoners.",
    ),
    (
        "Innovatieve aanpakken",
        "Cliëntondersteuning voor jongeren en statushouders; duo's van professionals en "
        "vrijwilligers.",
    ),
]
TABLE_CLOSING = "Wij bevelen Zutphen van harte aan bij de jury."
HEADER_TEXT = "Gemeente Lochem – Nominatie Koplopers Cliëntondersteuning 2017"
FOOTER_TEXT = "Lochem, 30 mei 2017 – kenmerk SD/2017/0412"

# --- python-docx: the source documents ------------------------------------------------


def new_document(width_mm: float, height_mm: float) -> DocumentObject:
    """An empty document with the page size, 2.5 cm margins and Liberation Sans 11 pt."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(width_mm), Mm(height_mm)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(25))
    normal = document.styles["Normal"]
    normal.font.name = "Liberation Sans"
    normal.font.size = Pt(11)
    return document


def write_letter(document: DocumentObject, paragraphs: list[str]) -> None:
    """The title, then the paragraphs; ``## `` marks a bold criterion heading."""
    title = document.add_paragraph().add_run(TITLE)
    title.bold, title.font.size = True, Pt(14)
    for text in paragraphs:
        if text.startswith("## "):
            document.add_paragraph().add_run(text[3:]).bold = True
        else:
            document.add_paragraph(text)


def letter_docx(paragraphs: list[str], width_mm: float, height_mm: float) -> DocumentObject:
    document = new_document(width_mm, height_mm)
    write_letter(document, paragraphs)
    return document


def table_docx() -> DocumentObject:
    document = new_document(210, 297)
    section = document.sections[0]
    section.header.paragraphs[0].text = HEADER_TEXT
    section.footer.paragraphs[0].text = FOOTER_TEXT
    title = document.add_paragraph().add_run(TITLE)
    title.bold, title.font.size = True, Pt(14)
    document.add_paragraph(TABLE_INTRO)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for criterion, explanation in TABLE_ROWS:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = criterion, explanation
    document.add_paragraph(TABLE_CLOSING)
    return document


def scan_docx(picture: Path) -> DocumentObject:
    """A page holding nothing but a picture of a page, as a scanner makes."""
    document = new_document(210, 297)
    section = document.sections[0]
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(5))
    document.add_picture(str(picture), width=Mm(200))
    return document


# --- a picture of a typed page, as a scan -----------------------------------------------


def scan_png(width: int = 620, height: int = 877, seed: int = 2017) -> bytes:
    """A grey-scale PNG of a page of 'typed lines' (dark bars for words), no text in it."""
    rng = random.Random(seed)
    white = bytes([250]) * width
    rows: list[bytes] = []
    y = 0
    while y < height:
        if 60 <= y < height - 80 and (y - 60) % 18 == 0 and rng.random() > 0.1:
            line = _typed_line(width, rng)
            rows.extend([line] * 9)
            rows.extend([white] * 9)
            y += 18
        else:
            rows.append(white)
            y += 1
    return _png(width, rows[:height])


def _typed_line(width: int, rng: random.Random) -> bytes:
    pixels = bytearray([250]) * width
    x, end = 60, width - 60 - rng.randrange(0, 200)
    while x < end:
        word = rng.randrange(12, 60)
        pixels[x : min(x + word, end)] = bytes([40]) * (min(x + word, end) - x)
        x += word + 8
    return bytes(pixels)


def _png(width: int, rows: list[bytes]) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, len(rows), 8, 0, 0, 0, 0)
    raw = b"".join(b"\x00" + row for row in rows)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


# --- LibreOffice ------------------------------------------------------------------------

_UNO_OFFICE = """
import json, subprocess, sys, time
import uno
from com.sun.star.beans import NamedValue, PropertyValue

jobs, profile, password = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3]
pipe = "intake-make-docs"
office = subprocess.Popen(["soffice", "-env:UserInstallation=" + profile, "--headless",
                           "--norestore", "--accept=pipe,name=%s;urp;" % pipe])

def prop(name, value):
    return PropertyValue(name, 0, value, 0)

def store(document, target, filter_name, encrypted):
    props = [prop("FilterName", filter_name)]
    if encrypted and filter_name == "writer8":
        props.append(prop("Password", password))
    elif encrypted:  # OOXML: an OLE file holding an "EncryptedPackage" stream
        data = (NamedValue("OOXPassword", password), NamedValue("CryptoType", "Standard"))
        props.append(prop("EncryptionData", uno.Any("[]com.sun.star.beans.NamedValue", data)))
    uno.invoke(document, "storeToURL", (uno.systemPathToFileUrl(target), tuple(props)))

try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    for attempt in range(150):
        try:
            context = resolver.resolve(
                "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            time.sleep(0.2)
    desktop = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.Desktop", context)
    for source, targets in jobs:
        document = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(source), "_blank", 0, (prop("Hidden", True),))
        # Lay every page out, so that the statistics written (page count) are true.
        document.getCurrentController().getViewCursor().jumpToLastPage()
        for target, filter_name, encrypted in targets:
            store(document, target, filter_name, encrypted)
        document.close(True)
    desktop.terminate()
finally:
    time.sleep(1)
    office.kill()
"""

FILTERS = {
    "odt": "writer8",
    "pdf": "writer_pdf_Export",
    "doc": "MS Word 97",
    "rtf": "Rich Text Format",
    "docx": "MS Word 2007 XML",
}

Job = tuple[str, list[tuple[str, str, bool]]]


def job(source: Path, targets: list[Path], encrypted: bool = False) -> Job:
    """Open ``source`` once in LibreOffice and save it as each of ``targets``."""
    return str(source), [(str(t), FILTERS[t.suffix[1:]], encrypted) for t in targets]


def libreoffice(jobs: list[Job], profile: Path) -> None:
    """Run the jobs in one headless LibreOffice, driven over UNO by the system Python."""
    subprocess.run(
        ["/usr/bin/python3", "-c", _UNO_OFFICE, json.dumps(jobs), profile.as_uri(), PASSWORD],
        check=True,
        timeout=600,
    )


# --- hostile files ----------------------------------------------------------------------


def rewrite_zip(source: Path, target: Path, replace: dict[str, bytes], drop: set[str]) -> None:
    """Copy a ZIP package, replacing some members' bytes and leaving others out."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for member in old.infolist():
            if member.filename in drop:
                continue
            info = zipfile.ZipInfo(member.filename, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            new.writestr(info, replace.get(member.filename, old.read(member)))


def without_app_xml(source: Path, target: Path) -> None:
    """The package minus ``docProps/app.xml`` and every reference to it."""
    with zipfile.ZipFile(source) as old:
        rels = old.read("_rels/.rels").decode()
        types = old.read("[Content_Types].xml").decode()
    rels = _drop_element(rels, "<Relationship ", "docProps/app.xml")
    types = _drop_element(types, "<Override ", "/docProps/app.xml")
    rewrite_zip(
        source,
        target,
        {"_rels/.rels": rels.encode(), "[Content_Types].xml": types.encode()},
        {"docProps/app.xml"},
    )


def _drop_element(xml: str, opening: str, mentioning: str) -> str:
    """``xml`` without the one empty element that starts with ``opening`` and names a path."""
    at = xml.index(mentioning)
    start = xml.rindex(opening, 0, at)
    end = xml.index("/>", at) + 2
    return xml[:start] + xml[end:]


LAUGHS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<!DOCTYPE w:document [\n  <!ENTITY lol "lol">\n'
    + "".join(
        f'  <!ENTITY lol{level} "{("&lol" + (str(level - 1) if level > 1 else "") + ";") * 10}">\n'
        for level in range(1, 10)
    )
    + "]>\n"
)


def billion_laughs_docx(source: Path, target: Path) -> None:
    """document.xml declares nine levels of tenfold entities and uses the last (10⁹ 'lol')."""
    with zipfile.ZipFile(source) as package:
        document = package.read("word/document.xml").decode()
    body_at = document.index("<w:body>") + len("<w:body>")
    root_at = document.index("<w:document")
    attack = (
        LAUGHS
        + document[root_at:body_at]
        + "<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>"
        + document[body_at:]
    )
    rewrite_zip(source, target, {"word/document.xml": attack.encode()}, set())


def billion_laughs_odt(source: Path, target: Path) -> None:
    """content.xml declares the same entities and uses the last one in a paragraph."""
    with zipfile.ZipFile(source) as package:
        content = package.read("content.xml").decode()
    root_at = content.index("<office:document-content")
    text_at = content.index("<office:text>") + len("<office:text>")
    attack = (
        LAUGHS.replace("w:document", "office:document-content")
        + content[root_at:text_at]
        + "<text:p>&lol9;</text:p>"
        + content[text_at:]
    )
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for member in old.infolist():
            data = attack.encode() if member.filename == "content.xml" else old.read(member)
            kind = zipfile.ZIP_STORED if member.filename == "mimetype" else zipfile.ZIP_DEFLATED
            info = zipfile.ZipInfo(member.filename, date_time=FIXED_TIME)
            info.compress_type = kind
            new.writestr(info, data)


BOMB_GIB = 1


def zip_bomb_docx(source: Path, target: Path) -> None:
    """A real bomb: document.xml is 1 GiB of XML (nearly all spaces) in under 1 kB (bzip2).

    Its declared sizes are honest, so a reader that trusts ``zipfile`` really inflates 1 GiB.
    """
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for member in old.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=FIXED_TIME)
            if member.filename != "word/document.xml":
                info.compress_type = zipfile.ZIP_DEFLATED
                new.writestr(info, old.read(member))
                continue
            document = old.read(member).decode()
            split = document.index("</w:body>")
            info.compress_type = zipfile.ZIP_BZIP2
            with new.open(info, "w") as stream:
                stream.write(document[:split].encode())
                spaces = b" " * (1 << 20)
                for _ in range(BOMB_GIB << 10):
                    stream.write(spaces)
                stream.write(document[split:].encode())


def truncated(source: Path, target: Path, keep: float) -> None:
    """The first ``keep`` share of the file, as an interrupted download leaves it."""
    data = source.read_bytes()
    target.write_bytes(data[: int(len(data) * keep)])


# --- the whole set ----------------------------------------------------------------------


def main() -> None:
    if shutil.which("soffice") is None or shutil.which("qpdf") is None:
        sys.exit("needs LibreOffice (soffice) and qpdf on PATH")
    INVALID.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="make-docs-") as scratch_name:
        scratch = Path(scratch_name)
        profile = scratch / "lo-profile"
        build(scratch, profile)


def build(scratch: Path, profile: Path) -> None:
    sources = scratch / "sources"
    sources.mkdir()

    def source(name: str, document: DocumentObject) -> Path:
        path = sources / name
        document.save(str(path))
        return path

    one = source("nomination-1page-a4.docx", letter_docx(ONE_PAGE, 210, 297))
    two = source("nomination-2pages-a4.docx", letter_docx(TWO_PAGES, 210, 297))
    letter = source("nomination-1page-letter.docx", letter_docx(ONE_PAGE, 215.9, 279.4))
    table = source("nomination-table-and-header.docx", table_docx())
    picture = scratch / "scan.png"
    picture.write_bytes(scan_png())
    scan = source("scan-image-only.docx", scan_docx(picture))

    def here(path: Path, suffix: str) -> Path:
        return HERE / f"{path.stem}.{suffix}"

    # First pass: from python-docx's files.  Second pass: from LibreOffice's own ODT, whose
    # statistics (page and word counts) it then writes into docProps/app.xml.  (From a DOCX
    # it would copy python-docx's stale app.xml, see below.)
    libreoffice(
        [
            job(one, [here(one, s) for s in ("odt", "pdf", "doc", "rtf")]),
            job(two, [here(two, "odt"), here(two, "pdf")]),
            job(letter, [here(letter, "pdf")]),
            job(table, [here(table, "odt")]),
            job(scan, [here(scan, "pdf")]),
        ],
        profile,
    )
    libreoffice(
        [
            job(here(one, "odt"), [here(one, "docx")]),
            job(here(two, "odt"), [here(two, "docx")]),
            job(here(table, "odt"), [here(table, "docx")]),
            job(here(one, "odt"), [INVALID / "encrypted-password.docx"], encrypted=True),
            job(here(one, "odt"), [INVALID / "encrypted-password.odt"], encrypted=True),
        ],
        profile,
    )

    # Turned a quarter (/Rotate 90): a landscape view of an A4 portrait page.
    subprocess.run(
        [
            "qpdf",
            "--rotate=+90:1",
            "--",
            str(HERE / "nomination-1page-a4.pdf"),
            str(HERE / "nomination-1page-a4-rotated.pdf"),
        ],
        check=True,
    )

    # python-docx copies its template's app.xml: <Pages>1</Pages>, <Words>0</Words>.
    stale = source("nomination-2pages-stale-app-xml.docx", letter_docx(TWO_PAGES, 210, 297))
    shutil.copy(stale, HERE / stale.name)
    without_app_xml(stale, HERE / "nomination-docx-no-app-xml.docx")
    make_invalid()


def make_invalid() -> None:
    subprocess.run(
        [
            "qpdf",
            "--encrypt",
            PASSWORD,
            PASSWORD + "-owner",
            "256",
            "--",
            str(HERE / "nomination-1page-a4.pdf"),
            str(INVALID / "encrypted-password.pdf"),
        ],
        check=True,
    )
    truncated(HERE / "nomination-2pages-a4.pdf", INVALID / "truncated.pdf", 0.6)
    truncated(HERE / "nomination-1page-a4.odt", INVALID / "corrupt.odt", 0.5)
    zip_bomb_docx(HERE / "nomination-1page-a4.docx", INVALID / "zip-bomb.docx")
    billion_laughs_docx(HERE / "nomination-1page-a4.docx", INVALID / "billion-laughs.docx")
    billion_laughs_odt(HERE / "nomination-1page-a4.odt", INVALID / "billion-laughs.odt")
    (INVALID / "not-a-zip.docx").write_text(
        "Dit is geen Word-document, maar platte tekst met de extensie .docx.\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
