"""DOCX extraction on real files (LibreOffice's, python-docx's, the corpus) and hostile ones."""

from __future__ import annotations

import io
import struct
import time
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.shared import Mm
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers.documents.docx import extract, recorded_pages
from parsers.model import Extracted, Limits, PagesSource, ProblemCode
from tests.support.paths import CORPUS, DOCS

NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def read(name: str, limits: Limits | None = None) -> Extracted:
    return extract((DOCS / name).read_bytes(), limits or Limits())


def codes(extracted: Extracted) -> list[ProblemCode]:
    return [problem.code for problem in extracted.problems]


def saved(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_with_body(xml: str) -> bytes:
    """A python-docx document whose body holds ``xml`` (WordprocessingML as Word writes it)."""
    document = docx.Document()
    body = document.element.body
    section = body[-1]
    for child in list(parse_xml(f"<w:body {NAMESPACES}>{xml}</w:body>")):
        section.addprevious(child)
    return saved(document)


def paragraph(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


# --- what a nomination looks like ------------------------------------------------------


def test_one_page_a4_as_libreoffice_saved_it() -> None:
    extracted = read("nomination-1page-a4.docx")

    assert extracted.problems == ()
    assert extracted.pages == 1
    assert extracted.pages_source is PagesSource.RECORDED
    assert extracted.page_size is not None and extracted.page_size.is_a4
    assert "De gemeente Lochem draagt met overtuiging de gemeente Zutphen voor" in extracted.text
    assert extracted.words == 334  # as LibreOffice counted them (<Words>)


def test_two_pages_are_recorded_as_two() -> None:
    extracted = read("nomination-2pages-a4.docx")

    assert extracted.pages == 2
    assert extracted.pages_source is PagesSource.RECORDED
    assert extracted.text.endswith("namens de Wmo-adviesraad Deventer,\nA. Jansen, voorzitter")


def test_paragraphs_are_separated_by_a_blank_line() -> None:
    paragraphs = read("nomination-1page-a4.docx").text.split("\n\n")

    assert paragraphs[:2] == [
        "Nominatie Koplopers Cliëntondersteuning 2017",
        "Aan de jury van de Koplopers Cliëntondersteuning,",
    ]


def test_python_docx_stale_page_count_is_not_trusted() -> None:
    # python-docx copies its template's app.xml: <Pages>1</Pages> and <Words>0</Words>.
    extracted = read("nomination-2pages-stale-app-xml.docx")

    assert extracted.pages is None
    assert extracted.pages_source is None
    assert extracted.words == 850
    assert extracted.page_size is not None and extracted.page_size.is_a4


def test_without_app_xml_pages_are_left_to_the_caller() -> None:
    extracted = read("nomination-docx-no-app-xml.docx")

    assert extracted.pages is None
    assert extracted.problems == ()
    assert extracted.words == 850


def test_table_rows_and_the_header_and_footer() -> None:
    text = read("nomination-table-and-header.docx").text

    assert text.startswith("Gemeente Lochem – Nominatie Koplopers Cliëntondersteuning 2017\n\n")
    assert text.endswith("\n\nLochem, 30 mei 2017 – kenmerk SD/2017/0412")
    assert "Criterium | Toelichting\nCliëntondersteuning staat hoog op de agenda | " in text
    intro, table, closing = (
        text.index("In de tabel hieronder"),
        text.index("Innovatieve aanpakken |"),
        text.index("Wij bevelen Zutphen"),
    )
    assert intro < table < closing


def test_a_header_repeated_by_sections_is_read_once() -> None:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Gemeente Lochem"
    document.add_paragraph("Eerste sectie.")
    second = document.add_section()
    second.header.is_linked_to_previous = False
    second.header.paragraphs[0].text = "Gemeente Lochem"
    document.add_paragraph("Tweede sectie.")

    text = extract(saved(document), Limits()).text

    assert text.count("Gemeente Lochem") == 1
    assert text.index("Eerste sectie.") < text.index("Tweede sectie.")


def test_landscape_page_size() -> None:
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(297), Mm(210)
    document.add_paragraph("Liggend.")

    size = extract(saved(document), Limits()).page_size

    assert size is not None and size.is_a4
    assert size.width_mm == pytest.approx(297, abs=0.1)


# --- what python-docx's Paragraph.text would miss ---------------------------------------


def test_text_box_is_read_once_after_its_paragraph() -> None:
    box = "<w:txbxContent><w:p><w:r><w:t>Tekst in een tekstvak</w:t></w:r></w:p></w:txbxContent>"
    data = docx_with_body(
        "<w:p><w:r><w:t>Voor het tekstvak.</w:t></w:r><w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
        f"<wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:rect><v:textbox>{box}</v:textbox></v:rect></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r></w:p>" + paragraph("Na het tekstvak.")
    )

    text = extract(data, Limits()).text

    assert text == "Voor het tekstvak.\n\nTekst in een tekstvak\n\nNa het tekstvak."


def test_tracked_changes_read_as_accepted() -> None:
    data = docx_with_body(
        '<w:p><w:r><w:t xml:space="preserve">Wij nomineren </w:t></w:r>'
        '<w:ins w:id="1" w:author="A"><w:r><w:t>Zutphen</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="A"><w:r><w:delText>Deventer</w:delText></w:r></w:del>'
        "<w:r><w:t>.</w:t></w:r></w:p>"
    )

    assert extract(data, Limits()).text == "Wij nomineren Zutphen."


def test_content_controls_and_fields_read_as_shown() -> None:
    data = docx_with_body(
        '<w:sdt><w:sdtPr><w:alias w:val="Gemeente"/></w:sdtPr><w:sdtContent>'
        + paragraph("Gemeente Zutphen")
        + "</w:sdtContent></w:sdt>"
        '<w:p><w:r><w:t xml:space="preserve">Datum: </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> DATE \\@ "d MMMM yyyy" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>30 mei 2017</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        '<w:p><w:fldSimple w:instr=" AUTHOR "><w:r><w:t>J. de Vries</w:t></w:r></w:fldSimple>'
        '<w:sdt><w:sdtContent><w:r><w:t xml:space="preserve">, wethouder</w:t></w:r>'
        "</w:sdtContent></w:sdt></w:p>"
    )

    text = extract(data, Limits()).text

    assert text == "Gemeente Zutphen\n\nDatum: 30 mei 2017\n\nJ. de Vries, wethouder"


def test_tabs_breaks_and_merged_cells() -> None:
    data = docx_with_body(
        "<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r></w:p>"
        '<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>'
        + paragraph("Kop over twee kolommen")
        + "</w:tc></w:tr><w:tr><w:tc>"
        + paragraph("links")
        + "</w:tc><w:tc>"
        + paragraph("rechts")
        + "</w:tc></w:tr></w:tbl>"
    )

    text = extract(data, Limits()).text

    assert text == "a\tb\nc\n\nKop over twee kolommen\nlinks | rechts"


def test_a_picture_without_text_is_image_only() -> None:
    document = docx.Document()
    document.add_picture(io.BytesIO(tiny_png()))

    extracted = extract(saved(document), Limits())

    assert extracted.image_only
    assert codes(extracted) == [ProblemCode.IMAGE_ONLY]


def test_no_text_at_all_is_empty() -> None:
    assert codes(extract(saved(docx.Document()), Limits())) == [ProblemCode.EMPTY]


def tiny_png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x80"))
        + chunk(b"IEND", b"")
    )


# --- the recorded page count ------------------------------------------------------------

APP = (
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
)


@pytest.mark.parametrize(
    ("properties", "body_words", "expected"),
    [
        ("<Pages>2</Pages><Words>850</Words>", 850, 2),
        ("<Pages>2</Pages>", 850, 2),  # no word count: nothing says it is stale
        ("<Pages>1</Pages><Words>0</Words>", 850, None),  # a template's statistics
        ("<Pages>1</Pages><Words>300</Words>", 850, None),  # counted for another text
        ("<Pages>1</Pages><Words>0</Words>", 5, 1),  # too few words to tell
        ("<Pages>0</Pages><Words>850</Words>", 850, None),
        ("<Pages>twee</Pages>", 850, None),
        ("<Words>850</Words>", 850, None),
        ("<Pages>99999999999999999999999</Pages>", 850, None),  # more than any program lays out
    ],
)
def test_recorded_pages(properties: str, body_words: int, expected: int | None) -> None:
    app_xml = f"{APP}{properties}</Properties>".encode()

    assert recorded_pages(app_xml, body_words) == expected


def test_recorded_pages_refuses_a_dtd() -> None:
    app_xml = b'<!DOCTYPE p [<!ENTITY n "2">]>' + f"{APP}<Pages>&n;</Pages></Properties>".encode()

    assert recorded_pages(app_xml, 850) is None


# --- bad input --------------------------------------------------------------------------


def test_password_protected_is_encrypted() -> None:
    assert codes(read("invalid/encrypted-password.docx")) == [ProblemCode.ENCRYPTED]


def test_a_word_97_doc_is_not_a_docx() -> None:
    assert codes(read("nomination-1page-a4.doc")) == [ProblemCode.UNSUPPORTED]


def test_not_a_zip_is_corrupt() -> None:
    extracted = read("invalid/not-a-zip.docx")

    assert codes(extracted) == [ProblemCode.CORRUPT]
    assert "ZIP" in extracted.problems[0].detail


def test_a_zip_bomb_is_refused_fast_without_inflating() -> None:
    data = (DOCS / "invalid/zip-bomb.docx").read_bytes()
    tracemalloc.start()
    started = time.monotonic()

    extracted = extract(data, Limits())

    elapsed = time.monotonic() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert codes(extracted) == [ProblemCode.TOO_LARGE]
    assert "1073" in extracted.problems[0].detail  # the 1 GiB it declares
    assert elapsed < 10  # a hang guard: unpacking the bomb would take far longer
    assert peak < 5 * 1024 * 1024
    assert len(data) < 20_000


def test_billion_laughs_is_refused_before_any_entity_expands() -> None:
    tracemalloc.start()

    extracted = read("invalid/billion-laughs.docx")

    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert codes(extracted) == [ProblemCode.CORRUPT]
    assert "word/document.xml" in extracted.problems[0].detail
    assert "document type" in extracted.problems[0].detail
    assert peak < 20 * 1024 * 1024


def test_missing_document_part_is_corrupt() -> None:
    source = (DOCS / "nomination-1page-a4.docx").read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(buffer, "w") as new:
        for member in old.infolist():
            if member.filename != "word/document.xml":
                new.writestr(member, old.read(member))

    assert codes(extract(buffer.getvalue(), Limits())) == [ProblemCode.CORRUPT]


def test_too_many_members() -> None:
    extracted = read("nomination-1page-a4.docx", Limits(max_members=5))

    assert codes(extracted) == [ProblemCode.TOO_LARGE]


def test_too_large_is_not_parsed() -> None:
    assert codes(read("nomination-1page-a4.docx", Limits(max_bytes=100))) == [ProblemCode.TOO_LARGE]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(at=st.floats(min_value=0, max_value=1), junk=st.binary(min_size=1, max_size=64))
def test_damaged_bytes_never_raise(at: float, junk: bytes) -> None:
    data = (DOCS / "nomination-table-and-header.docx").read_bytes()
    cut = int(at * len(data))

    extracted = extract(data[:cut] + junk + data[cut + len(junk) :], Limits())

    assert isinstance(extracted, Extracted)


# --- the third-party corpus -------------------------------------------------------------


def corpus_files() -> list[Path]:
    folder = CORPUS / "docx"
    return sorted(folder.rglob("*.docx")) if folder.is_dir() else []


@pytest.mark.skipif(not corpus_files(), reason="no corpus at ../shared/corpus")
@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: str(p.relative_to(CORPUS)))
def test_every_corpus_docx_gives_a_result(path: Path) -> None:
    extracted = extract(path.read_bytes(), Limits())

    assert isinstance(extracted, Extracted)
    assert extracted.text or extracted.problems


@pytest.mark.skipif(not corpus_files(), reason="no corpus at ../shared/corpus")
def test_corpus_header_and_footer_file() -> None:
    path = CORPUS / "docx/python-docx/hdr-header-footer.docx"

    extracted = extract(path.read_bytes(), Limits())

    assert extracted.problems == ()
    assert extracted.text


def test_absurdly_deep_nesting_is_corrupt() -> None:
    source = (DOCS / "nomination-1page-a4.docx").read_bytes()
    depth = 5_000
    deep = (
        f"<w:document {NAMESPACES}><w:body>"
        + "<w:sdt><w:sdtContent>" * depth
        + paragraph("diep")
        + "</w:sdtContent></w:sdt>" * depth
        + "</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(buffer, "w") as new:
        for member in old.infolist():
            content = deep.encode() if member.filename == "word/document.xml" else old.read(member)
            new.writestr(member, content)

    extracted = extract(buffer.getvalue(), Limits())

    assert codes(extracted) == [ProblemCode.CORRUPT]
