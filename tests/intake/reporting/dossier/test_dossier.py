"""The jury's dossier and the original documents beside it, made from real mail filed and
read by the library, and checked by reopening the PDF (pypdf) and rendering it (poppler)."""

from __future__ import annotations

import dataclasses
import email
import email.policy
import io
import os
import re
import shutil
import struct
import subprocess
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

import docx
import pypdf
import pytest

from intake.config import Settings
from intake.language import Language
from intake.presenting.nominations import load_nominations
from intake.reading.pending import read_pending
from intake.receiving.backfill import import_paths
from intake.reporting.dossier import DossierReport, copy_originals, write_dossier
from intake.reporting.dossier.pdf import settable
from store import ReviewRecord, Store
from tests.support.mail import AMS, DEADLINE
from tests.support.paths import DOCS, ROOT
from tests.support.settings import call_settings

ARTIFACTS = ROOT / "tests" / "artifacts"
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
MADE = datetime(2017, 6, 2, 9, 30, tzinfo=AMS)
A4 = (595.28, 841.89)
REVIEW_NOTE = "Sterke voordracht, <b>niet vet</b> & één vraag"

UTRECHT_V1 = (
    "Geachte jury,\n\nHierbij dragen wij de gemeente Utrecht voor als koploper "
    "cliëntondersteuning. Dit is onze eerste versie.\n\nMet vriendelijke groet,\nAfdeling Wmo"
)
UTRECHT_DOCX = [
    "Voordracht koploper cliëntondersteuning: gemeente Utrecht",
    "Cliëntondersteuning staat hoog op de agenda van de gemeenteraad, de cliëntenraad en de "
    "adviesraad sociaal domein; de raad bespreekt het elk kwartaal.",
    "Gemeente, inwoners, professionals en vrijwilligers ontwikkelen de ondersteuning samen "
    "en leren van elkaars kennis en ervaring.",
    "Signalen van cliënten gebruiken wij om te verbeteren; wij meten de cliëntervaring en "
    "vertalen die naar beleid.",
]
ZWOLLE = (
    "Geachte jury,\n\nHierbij dragen wij de gemeente Zwolle voor als koploper "
    "Cliëntondersteuning.\n\n"
    "Cliëntondersteuning staat hoog op de agenda: de gemeenteraad, de cliëntenraad en de "
    "adviesraad bespreken het geregeld.\n"
    "Dat doen wij al jaren, met één vast aanspreekpunt voor iedere inwoner.\n\n"
    "Samen met inwoners, professionals en vrijwilligers ontwikkelen wij de ondersteuning in "
    "een gezamenlijk en lerend proces.\n\n"
    "Met vriendelijke groet,\nAfdeling Wmo, gemeente Zwolle"
)
TILBURG = (
    "Geachte jury,\n\nHierbij dragen wij de gemeente Tilburg voor als koploper "
    "cliëntondersteuning. Zie de bijlage.\n\nMet vriendelijke groet,\nAfdeling Wmo"
)
FORTY_PARAGRAPHS = "\n\n".join(
    f"Alinea {n}: " + "cliëntondersteuning en één aanpak " * 20 for n in range(40)
)
HOSTILE = (
    f"Geachte jury,\n\nHierbij dragen wij de gemeente Groningen voor als koploper "
    f"cliëntondersteuning {SCRIPT}.\n\nOnze website: {IMG} &amp; meer.\n\n"
    "Met vriendelijke groet,\nAfdeling Wmo"
)


def mail(
    number: int,
    *,
    who: str,
    address: str,
    subject: str,
    body: str,
    received: datetime,
    attachments: tuple[tuple[str, bytes], ...] = (),
) -> bytes:
    """A nomination as our mail server delivered it: its Received header holds the
    receipt time."""
    domain = address.rsplit("@", 1)[1]
    message = EmailMessage()
    message["Received"] = (
        f"from smtp.{domain} (smtp.{domain} [192.0.2.{number}]) by mx.vng.example "
        f"with ESMTPS id m{number}; {format_datetime(received)}"
    )
    message["From"] = f'"{who}" <{address}>' if '"' not in who else f"{who} <{address}>"
    message["To"] = "koplopers@vng.example"
    message["Subject"] = subject
    message["Date"] = format_datetime(received - timedelta(seconds=20))
    message["Message-ID"] = make_msgid(f"n{number}", domain=domain)
    message.set_content(body)
    for name, data in attachments:
        message.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    return bytes(message)


def docx_file(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    document.add_heading(paragraphs[0], level=1)
    for paragraph in paragraphs[1:]:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@dataclasses.dataclass
class Filed:
    settings: Settings
    store: Store
    folder: Path
    sent: dict[str, list[bytes]]
    """The documents attached to each message, as sent."""


@pytest.fixture(scope="module")
def filed(tmp_path_factory):
    """A store with two nominations on time for two municipalities, an earlier version
    superseded, a late one and a hostile one, filed with ``import`` and read."""
    folder = tmp_path_factory.mktemp("dossier")
    settings = call_settings(
        folder, parsing={"workers": 1}, trust={"receiving_hosts": ["mx.vng.example"]}
    )
    hostile_docx = docx_file(
        [f"Voordracht gemeente Groningen {SCRIPT}", f"Cliëntondersteuning {IMG} &amp; meer."]
    )
    second_docx = docx_file(["Bijlage bij de voordracht", "Groningen, cliëntondersteuning."])
    utrecht_docx = docx_file(UTRECHT_DOCX)
    late_pdf = (DOCS / "nomination-1page-a4.pdf").read_bytes()
    messages = [
        mail(
            1,
            who="Afdeling Wmo Utrecht",
            address="wmo@utrecht.nl",
            subject="Voordracht koploper cliëntondersteuning",
            body=UTRECHT_V1,
            received=DEADLINE - timedelta(days=2),
        ),
        mail(
            2,
            who="Afdeling Wmo Zwolle",
            address="wmo@zwolle.nl",
            subject="Voordracht Zwolle",
            body=ZWOLLE,
            received=DEADLINE - timedelta(days=1, hours=5),
        ),
        mail(
            3,
            who="Afdeling Wmo Utrecht",
            address="wmo@utrecht.nl",
            subject="Voordracht koploper cliëntondersteuning (nieuwe versie)",
            body="Geachte jury,\n\nIn de bijlage onze voordracht van de gemeente Utrecht; "
            "deze vervangt de vorige.\n\nMet vriendelijke groet,\nAfdeling Wmo",
            received=DEADLINE - timedelta(seconds=30),
            attachments=(("Voordracht Utrecht.docx", utrecht_docx),),
        ),
        mail(
            4,
            who="Afdeling Wmo Tilburg",
            address="wmo@tilburg.nl",
            subject="Voordracht Tilburg",
            body=TILBURG,
            received=DEADLINE + timedelta(hours=16, minutes=5),
            attachments=(("voordracht.pdf", late_pdf),),
        ),
        mail(
            5,
            who=f"{SCRIPT} {IMG}",
            address="wmo@groningen.nl",
            subject=f"Voordracht {SCRIPT} {IMG} &amp; Groningen",
            body=HOSTILE,
            received=DEADLINE - timedelta(hours=3),
            attachments=((f"{IMG}.docx", hostile_docx), ("../../etc/passwd.docx", second_docx)),
        ),
    ]
    inbox = folder / "inbox"
    inbox.mkdir()
    for number, raw in enumerate(messages, start=1):
        (inbox / f"{number:02d}.eml").write_bytes(raw)
    with Store.open(settings.store.url) as store:
        report = import_paths(settings, store, [inbox])
        assert report.filed == [f"KCO-000{n}" for n in range(1, 6)]
        assert read_pending(settings, store).attention == []
        store.add_review(ReviewRecord("KCO-0003", "accepted", REVIEW_NOTE, "Petra de Vries", MADE))
    store = Store.open(settings.store.url)
    sent = {
        "KCO-0003": [utrecht_docx],
        "KCO-0004": [late_pdf],
        "KCO-0005": [hostile_docx, second_docx],
    }
    yield Filed(settings, store, folder, sent)
    store.close()


@pytest.fixture(scope="module")
def nominations(filed):
    return load_nominations(filed.store, filed.settings.campaign, texts=True)


@pytest.fixture(scope="module")
def originals(filed, nominations):
    folder = filed.folder / "close" / "originals"
    return folder, copy_originals(folder, nominations, filed.store)


@pytest.fixture(scope="module")
def dossier(filed, nominations, originals):
    path = filed.folder / "close" / "jurydossier.pdf"
    report = write_dossier(
        path,
        nominations,
        filed.settings.campaign,
        Language("nl"),
        made_at=MADE,
        documents=originals[1],
    )
    return report, pypdf.PdfReader(path)


def page_text(reader: pypdf.PdfReader, index: int) -> str:
    """A page's text with its whitespace made single spaces (lines wrap anywhere)."""
    return " ".join(reader.pages[index].extract_text().split())


def test_the_mail_reads_as_the_dossier_needs_it(nominations):
    by_ref = {item.ref: item for item in nominations}
    assert by_ref["KCO-0001"].standing.status == "superseded"
    assert by_ref["KCO-0003"].standing.status == "current"
    assert by_ref["KCO-0004"].timeliness.on_time is False
    assert [n.name for n in by_ref["KCO-0002"].nominees] == ["Zwolle"]
    assert [n.name for n in by_ref["KCO-0005"].nominees] == ["Groningen"]


def test_a_section_per_nomination_that_counts_in_the_jury_order(dossier):
    report, reader = dossier
    assert isinstance(report, DossierReport)
    assert report.sections == ("KCO-0005", "KCO-0003", "KCO-0002")
    assert report.apart == ("KCO-0004",)
    # cover, contents, three sections and the list apart, each on a page of its own
    assert report.pages == len(reader.pages) == 6
    headings = [page_text(reader, index) for index in range(2, 6)]
    assert "KCO-0005 — Groningen" in headings[0]
    assert "KCO-0003 — Utrecht" in headings[1]
    assert "KCO-0002 — Zwolle" in headings[2]
    assert "Apart vermeld: te laat of zonder ontvangsttijd" in headings[3]
    every_page = " ".join(page_text(reader, i) for i in range(len(reader.pages)))
    assert "KCO-0001 —" not in every_page  # the earlier version has no section
    assert "vervangt KCO-0001" in every_page


def test_the_outline_and_the_contents_list_every_section_in_order(dossier):
    _, reader = dossier
    entries = [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]
    assert entries == [
        ("Inhoud", 1),
        ("KCO-0005 — Groningen", 2),
        ("KCO-0003 — Utrecht", 3),
        ("KCO-0002 — Zwolle", 4),
        ("Apart vermeld: te laat of zonder ontvangsttijd", 5),
    ]
    lines = reader.pages[1].extract_text(extraction_mode="layout").splitlines()
    listed = [re.fullmatch(r"\s*(.*?)[\s.]*\.\s*(\d+)", line) for line in lines]
    assert [(m[1], int(m[2])) for m in listed if m] == [
        ("KCO-0005 — Groningen", 3),
        ("KCO-0003 — Utrecht", 4),
        ("KCO-0002 — Zwolle", 5),
        ("Apart vermeld: te laat of zonder ontvangsttijd", 6),
    ]


def test_the_cover_says_what_the_dossier_is(dossier):
    _, reader = dossier
    cover = page_text(reader, 0)
    for said in (
        "Koplopers Cliëntondersteuning",
        "Jurydossier",
        "donderdag 1 juni 2017 17:00",
        "vrijdag 2 juni 2017 09:30",
        "3 voordrachten die meetellen",
        "1 te laat of zonder ontvangsttijd",
        "ten minste 2 van de 3 criteria",
        "Cliëntondersteuning staat hoog op de agenda",
    ):
        assert said in cover, said


def test_every_page_is_numbered_and_names_the_call(dossier):
    _, reader = dossier
    for index in range(len(reader.pages)):
        text = page_text(reader, index)
        assert f"pagina {index + 1} van 6" in text
        assert "Koplopers Cliëntondersteuning" in text


def test_a_section_gives_the_facts_the_hints_and_the_whole_text(dossier):
    _, reader = dossier
    zwolle = page_text(reader, 4)
    for said in (
        "Referentie",
        "KCO-0002",
        "Voorgedragen",
        "wmo@zwolle.nl",
        "Hints van het programma — geen oordeel",
        "Tekst van de voordracht",
        "op tijd",
        "de tekst van de mail",
        "nog geen besluit van een persoon",
    ):
        assert said in zwolle, said
    assert " ".join(ZWOLLE.split()) in zwolle  # the whole text, diacritics and all
    assert "één vast aanspreekpunt" in zwolle
    utrecht = page_text(reader, 3)
    assert "Voordracht Utrecht.docx" in utrecht
    assert "KCO-0003.docx" in utrecht
    assert " ".join(UTRECHT_DOCX[1].split()) in utrecht
    assert "vervangt KCO-0001" in utrecht
    assert "aanvaard door Petra de Vries op vrijdag 2 juni 2017 09:30" in utrecht
    assert REVIEW_NOTE in utrecht


def test_the_late_nomination_is_listed_apart_with_its_lateness(dossier):
    _, reader = dossier
    apart = page_text(reader, 5)
    assert "KCO-0004" in apart and "Tilburg" in apart
    assert "te laat: 16 uur en 5 minuten" in apart
    assert "vrijdag 2 juni 2017 09:05" in apart
    assert "Geachte jury" not in apart  # no text of its own


def test_hostile_text_is_literal_text_in_the_dossier(dossier):
    _, reader = dossier
    groningen = page_text(reader, 2)
    assert groningen.count(SCRIPT) >= 3  # subject, sender, text
    assert groningen.count(IMG) >= 3  # subject, attachment name, text
    assert f"{IMG} &amp; meer." in groningen
    assert f"Voordracht {SCRIPT} {IMG} &amp; Groningen" in groningen
    assert f"{IMG}.docx (Word-document, " in groningen
    assert "../../etc/passwd.docx (Word-document, " in groningen


def test_every_font_is_embedded_and_every_page_is_a4(dossier):
    _, reader = dossier
    fonts = {}
    for page in reader.pages:
        assert abs(float(page.mediabox.width) - A4[0]) < 1
        assert abs(float(page.mediabox.height) - A4[1]) < 1
        for name, font in page["/Resources"]["/Font"].items():
            font = font.get_object()
            if font["/Subtype"] == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            fonts[(name, font["/BaseFont"])] = font["/FontDescriptor"].get_object()
    assert fonts
    for (_, base), descriptor in fonts.items():
        assert "/FontFile2" in descriptor, base
        assert "Helvetica" not in base and "Times" not in base, base


def test_the_original_documents_are_named_by_reference(filed, originals):
    folder, written = originals
    assert written == {
        "KCO-0003": ["KCO-0003.docx"],
        "KCO-0005": ["KCO-0005-1.docx", "KCO-0005-2.docx"],
    }
    assert sorted(p.name for p in folder.iterdir()) == [
        "KCO-0003.docx",
        "KCO-0005-1.docx",
        "KCO-0005-2.docx",
    ]
    for ref, names in written.items():
        assert [(folder / name).read_bytes() for name in names] == filed.sent[ref]
    assert not list(filed.folder.rglob("passwd*"))  # the sender's name is no path


def test_copying_again_replaces_its_own_files(filed, nominations, tmp_path):
    folder = tmp_path / "originals"
    folder.mkdir()
    (folder / "KCO-0003-2.pdf").write_bytes(b"from an earlier run")
    (folder / "KCO-0003.docx").write_bytes(b"from an earlier run")
    (folder / "README.txt").write_bytes(b"the coordinator's")
    first = copy_originals(folder, nominations, filed.store)
    again = copy_originals(folder, nominations, filed.store)
    assert first == again
    assert sorted(p.name for p in folder.iterdir()) == [
        "KCO-0003.docx",
        "KCO-0005-1.docx",
        "KCO-0005-2.docx",
        "README.txt",
    ]
    assert (folder / "KCO-0003.docx").read_bytes() == filed.sent["KCO-0003"][0]


def dossier_with_zwolle_text(filed, nominations, folder: Path, text: str):
    """The dossier made again with another text for KCO-0002 (Zwolle)."""
    changed = [
        dataclasses.replace(item, text=text) if item.ref == "KCO-0002" else item
        for item in nominations
    ]
    path = folder / "dossier.pdf"
    report = write_dossier(path, changed, filed.settings.campaign, Language("nl"), made_at=MADE)
    reader = pypdf.PdfReader(path)
    assert report.pages == len(reader.pages)
    assert reader.outline[3].title == "KCO-0002 — Zwolle"
    texts = [page_text(reader, index) for index in range(len(reader.pages))]
    for number, text in enumerate(texts, start=1):
        assert f"pagina {number} van {report.pages}" in text
    return report, texts


def test_a_token_of_5000_characters_is_wrapped_not_lost(filed, nominations, tmp_path):
    token = "https://example.org/" + "x" * 5000
    _, texts = dossier_with_zwolle_text(
        filed, nominations, tmp_path, f"Geachte jury,\n\n{token}\n\nMet vriendelijke groet"
    )
    zwolle = " ".join(texts[4:-1])
    assert sum(len(run) for run in re.findall(r"x{50,}", zwolle)) == 5000
    assert "Met vriendelijke groet" in zwolle


def test_a_nomination_without_text_points_at_the_original(filed, nominations, tmp_path):
    report, texts = dossier_with_zwolle_text(filed, nominations, tmp_path, "")
    assert report.pages == 6
    assert (
        "Het programma vond geen leesbare tekst in deze voordracht (een scan of een "
        "afbeelding, of een lege mail). Vraag de coördinator om de oorspronkelijke mail."
    ) in texts[4]


def test_a_long_nomination_runs_over_several_pages(filed, nominations, tmp_path):
    report, texts = dossier_with_zwolle_text(filed, nominations, tmp_path, FORTY_PARAGRAPHS)
    assert report.pages >= 9  # the section of KCO-0002 takes four pages or more
    zwolle = " ".join(texts[4:-1])
    assert all(f"Alinea {n}: " in zwolle for n in range(40))
    assert all("KCO-0002 — Zwolle" in text for text in texts[4:-1])  # the running head
    assert "één aanpak" in texts[-2]


def test_in_english_too(filed, nominations, tmp_path):
    path = tmp_path / "dossier.pdf"
    write_dossier(path, nominations, filed.settings.campaign, Language("en"), made_at=MADE)
    reader = pypdf.PdfReader(path)
    assert "Jury dossier" in page_text(reader, 0)
    assert "Hints from the program — not a judgement" in page_text(reader, 2)
    assert "page 3 of 6" in page_text(reader, 2)


def test_characters_the_font_lacks_are_replaced_not_boxes():
    assert settable("Ĳsselstein → ĳs, Győr\u200b\u202e") == "IJsselstein -> ijs, Gyor"
    assert settable("a\tb\r\nc\x00\x1b") == "a b\nc"
    assert settable("\udcff") == "?"


# --- rendering ---------------------------------------------------------------------------


def pdftoppm() -> str:
    found = shutil.which("pdftoppm")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pdftoppm (poppler-utils) is missing: `make system-packages` installs it")
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    return found


def render(pdf: Path, page: int, target: Path, *options: str) -> None:
    subprocess.run(
        [pdftoppm(), *options, "-f", str(page), "-l", str(page), "-singlefile", pdf, target],
        check=True,
        capture_output=True,
        timeout=60,
    )


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def gray_pixels(path: Path) -> bytes:
    """The pixels of a binary PGM (P5, 8 bits)."""
    data = path.read_bytes()
    fields = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert fields is not None and int(fields[3]) == 255
    width, height = int(fields[1]), int(fields[2])
    pixels = data[fields.end() :]
    assert len(pixels) == width * height
    return pixels


@pytest.mark.parametrize(("page", "name"), [(1, "dossier-cover"), (3, "dossier-page-1")])
def test_pages_render_as_a4_with_ink_on_them(dossier, filed, page, name):
    report, _ = dossier
    ARTIFACTS.mkdir(exist_ok=True)
    render(report.path, page, ARTIFACTS / name, "-png", "-r", "60")
    png = ARTIFACTS / f"{name}.png"
    width, height = png_size(png)
    assert abs(height / width - 297 / 210) < 0.01
    gray = filed.folder / f"{name}-gray"
    render(report.path, page, gray, "-gray", "-r", "20")
    pixels = gray_pixels(gray.with_suffix(".pgm"))
    dark = sum(1 for value in pixels if value < 128)
    assert min(pixels) < 100 and max(pixels) == 255
    assert 0.002 < dark / len(pixels) < 0.5


def test_a_document_in_a_forwarded_mail_is_copied_too(tmp_path):
    settings = call_settings(tmp_path, parsing={"workers": 1})
    document = docx_file(UTRECHT_DOCX)
    inner = EmailMessage()
    inner["From"] = "Afdeling Wmo Utrecht <wmo@utrecht.nl>"
    inner["To"] = "griffie@utrecht.nl"
    inner["Subject"] = "Voordracht koploper cliëntondersteuning"
    inner.set_content("Hierbij onze voordracht van de gemeente Utrecht, zie de bijlage.")
    inner.add_attachment(
        document, maintype="application", subtype="octet-stream", filename="voordracht.docx"
    )
    raw = mail(
        6,
        who="Griffie Utrecht",
        address="griffie@utrecht.nl",
        subject="Fwd: Voordracht koploper cliëntondersteuning",
        body="Geachte jury,\n\nHierbij sturen wij de voordracht van de gemeente Utrecht door.",
        received=DEADLINE - timedelta(hours=1),
    )
    outer = email.message_from_bytes(raw, policy=email.policy.default)
    outer.add_attachment(inner)
    (tmp_path / "forwarded.eml").write_bytes(bytes(outer))
    with Store.open(settings.store.url) as store:
        import_paths(settings, store, [tmp_path / "forwarded.eml"])
        read_pending(settings, store)
        items = load_nominations(store, settings.campaign)
        assert [(a.depth, a.kind) for a in items[0].attachments] == [(1, "message"), (2, "docx")]
        written = copy_originals(tmp_path / "originals", items, store)
    assert written == {"KCO-0001": ["KCO-0001.docx"]}
    assert (tmp_path / "originals" / "KCO-0001.docx").read_bytes() == document
