"""ODT extraction on LibreOffice's files, hand-made OpenDocument XML and the corpus."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers.documents.odt import extract
from parsers.model import Extracted, Limits, PagesSource, ProblemCode
from tests.support.paths import CORPUS, DOCS

NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)


def read(name: str, limits: Limits | None = None) -> Extracted:
    return extract((DOCS / name).read_bytes(), limits or Limits())


def codes(extracted: Extracted) -> list[ProblemCode]:
    return [problem.code for problem in extracted.problems]


def odt(body: str, *, meta: str = "", styles: str = "", kind: str = "text") -> bytes:
    """An ODT package as the specification lays it out, with ``body`` as its text."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NAMESPACES}>'
        f"<office:body><office:{kind}>{body}</office:{kind}></office:body>"
        "</office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", content)
        if meta:
            package.writestr(
                "meta.xml",
                f"<office:document-meta {NAMESPACES}><office:meta>{meta}"
                "</office:meta></office:document-meta>",
            )
        if styles:
            package.writestr(
                "styles.xml",
                f"<office:document-styles {NAMESPACES}>{styles}</office:document-styles>",
            )
    return buffer.getvalue()


def page_styles(width: str, height: str, header: str = "") -> str:
    return (
        '<office:automatic-styles><style:page-layout style:name="pm1">'
        f'<style:page-layout-properties fo:page-width="{width}" fo:page-height="{height}"/>'
        "</style:page-layout></office:automatic-styles><office:master-styles>"
        '<style:master-page style:name="Standard" style:page-layout-name="pm1">'
        f"{header}</style:master-page></office:master-styles>"
    )


# --- LibreOffice's files ----------------------------------------------------------------


def test_one_page_a4() -> None:
    extracted = read("nomination-1page-a4.odt")

    assert extracted.problems == ()
    assert extracted.pages == 1
    assert extracted.pages_source is PagesSource.RECORDED
    assert extracted.page_size is not None and extracted.page_size.is_a4
    assert "De gemeente Lochem draagt met overtuiging de gemeente Zutphen voor" in extracted.text
    assert extracted.words == 334  # as LibreOffice counted them (meta:word-count)


def test_two_pages() -> None:
    extracted = read("nomination-2pages-a4.odt")

    assert extracted.pages == 2
    assert extracted.words == 850
    assert extracted.text.endswith("namens de Wmo-adviesraad Deventer,\nA. Jansen, voorzitter")


def test_table_rows_and_the_header_and_footer() -> None:
    text = read("nomination-table-and-header.odt").text

    assert text.startswith("Gemeente Lochem – Nominatie Koplopers Cliëntondersteuning 2017\n\n")
    assert text.endswith("\n\nLochem, 30 mei 2017 – kenmerk SD/2017/0412")
    assert "Criterium | Toelichting\nCliëntondersteuning staat hoog op de agenda | " in text
    assert text.index("In de tabel hieronder") < text.index("Wij bevelen Zutphen")


# --- OpenDocument text rules ------------------------------------------------------------


def test_whitespace_spaces_tabs_and_line_breaks() -> None:
    data = odt(
        "<text:h>Nominatie\n   Zutphen</text:h>"
        "<text:p>a<text:s/>b<text:s text:c='3'/>c<text:tab/>d<text:line-break/>e "
        "<text:span>in  een</text:span> <text:a>link</text:a></text:p>"
    )

    assert extract(data, Limits()).text == "Nominatie Zutphen\n\na b   c\td\ne in een link"


def test_lists_tables_sections_and_text_boxes_in_order() -> None:
    data = odt(
        "<text:p>Voor<draw:frame><draw:text-box><text:p>In het kader</text:p>"
        "</draw:text-box></draw:frame></text:p>"
        "<text:list><text:list-item><text:p>Eerste punt</text:p></text:list-item>"
        "<text:list-item><text:list><text:list-item><text:p>Dieper</text:p></text:list-item>"
        "</text:list></text:list-item></text:list>"
        "<text:section><table:table><table:table-columns><table:table-column/>"
        "</table:table-columns><table:table-header-rows><table:table-row>"
        "<table:table-cell table:number-columns-spanned='2'><text:p>Kop</text:p>"
        "</table:table-cell><table:covered-table-cell/></table:table-row>"
        "</table:table-header-rows><table:table-row><table:table-cell><text:p>links</text:p>"
        "</table:table-cell><table:table-cell><text:p>rechts</text:p></table:table-cell>"
        "</table:table-row></table:table></text:section>"
        "<text:p>Na</text:p>"
    )

    text = extract(data, Limits()).text

    assert text == "Voor\n\nIn het kader\n\nEerste punt\n\nDieper\n\nKop\nlinks | rechts\n\nNa"


def test_notes_come_last_and_deletions_and_comments_are_left_out() -> None:
    data = odt(
        "<text:tracked-changes><text:changed-region><text:deletion>"
        "<text:p>Verwijderde tekst</text:p></text:deletion></text:changed-region>"
        "</text:tracked-changes>"
        "<text:p>Zutphen<text:note><text:note-citation>1</text:note-citation><text:note-body>"
        "<text:p>Zie het beleidsplan.</text:p></text:note-body></text:note> nomineren."
        "<office:annotation><dc:creator>A</dc:creator><text:p>Opmerking</text:p>"
        "</office:annotation></text:p>"
        "<text:p>Slot.</text:p>"
    )

    text = extract(data, Limits()).text

    assert text == "Zutphen nomineren.\n\nSlot.\n\nZie het beleidsplan."


@pytest.mark.parametrize(
    ("width", "height", "name"),
    [
        ("21cm", "29.7cm", "A4"),
        ("210mm", "297mm", "A4"),
        ("8.5in", "11in", "Letter"),
        ("612pt", "792pt", "Letter"),
        ("29.7cm", "21cm", "A4"),
    ],
)
def test_page_size_units(width: str, height: str, name: str) -> None:
    extracted = extract(odt("<text:p>x</text:p>", styles=page_styles(width, height)), Limits())

    assert extracted.page_size is not None
    assert extracted.page_size.name == name


def test_unreadable_page_size_is_none() -> None:
    styles = page_styles("breed", "29.7cm")

    assert extract(odt("<text:p>x</text:p>", styles=styles), Limits()).page_size is None


@pytest.mark.parametrize(
    ("statistic", "expected"),
    [
        ('meta:page-count="2" meta:word-count="40"', 2),
        ('meta:page-count="2"', 2),
        ('meta:page-count="1" meta:word-count="0"', None),  # stale statistics
        ('meta:page-count="0" meta:word-count="40"', None),
        ('meta:word-count="40"', None),
    ],
)
def test_recorded_page_count(statistic: str, expected: int | None) -> None:
    body = "<text:p>" + "woord " * 40 + "</text:p>"
    meta = f"<meta:document-statistic {statistic}/>"

    extracted = extract(odt(body, meta=meta), Limits())

    assert extracted.pages == expected
    assert extracted.pages_source is (PagesSource.RECORDED if expected else None)


def test_header_on_the_master_page_comes_first() -> None:
    styles = page_styles(
        "21cm", "29.7cm", "<style:header><text:p>Gemeente Lochem</text:p></style:header>"
    )

    text = extract(odt("<text:p>Inhoud</text:p>", styles=styles), Limits()).text

    assert text == "Gemeente Lochem\n\nInhoud"


def test_a_picture_without_text_is_image_only() -> None:
    data = odt("<text:p><draw:frame><draw:image/></draw:frame></text:p>")

    extracted = extract(data, Limits())

    assert extracted.image_only
    assert codes(extracted) == [ProblemCode.IMAGE_ONLY]


def test_no_text_is_empty() -> None:
    assert codes(extract(odt("<text:p/>"), Limits())) == [ProblemCode.EMPTY]


def test_a_spreadsheet_is_not_a_text_document() -> None:
    extracted = extract(odt("", kind="spreadsheet"), Limits())

    assert codes(extracted) == [ProblemCode.UNSUPPORTED]
    assert "spreadsheet" in extracted.problems[0].detail


# --- bad input --------------------------------------------------------------------------


def test_password_protected_is_encrypted() -> None:
    assert codes(read("invalid/encrypted-password.odt")) == [ProblemCode.ENCRYPTED]


def test_truncated_is_corrupt() -> None:
    assert codes(read("invalid/corrupt.odt")) == [ProblemCode.CORRUPT]


def test_billion_laughs_is_refused() -> None:
    extracted = read("invalid/billion-laughs.odt")

    assert codes(extracted) == [ProblemCode.CORRUPT]
    assert "content.xml" in extracted.problems[0].detail


def test_missing_content_is_corrupt() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")

    extracted = extract(buffer.getvalue(), Limits())

    assert codes(extracted) == [ProblemCode.CORRUPT]
    assert "content.xml" in extracted.problems[0].detail


def test_too_large_is_not_parsed() -> None:
    assert codes(read("nomination-1page-a4.odt", Limits(max_bytes=100))) == [ProblemCode.TOO_LARGE]


def test_unpacking_too_much_is_refused() -> None:
    extracted = read("nomination-1page-a4.odt", Limits(max_unpacked_bytes=10_000))

    assert codes(extracted) == [ProblemCode.TOO_LARGE]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(at=st.floats(min_value=0, max_value=1), junk=st.binary(min_size=1, max_size=64))
def test_damaged_bytes_never_raise(at: float, junk: bytes) -> None:
    data = (DOCS / "nomination-table-and-header.odt").read_bytes()
    cut = int(at * len(data))

    extracted = extract(data[:cut] + junk + data[cut + len(junk) :], Limits())

    assert isinstance(extracted, Extracted)


# --- the third-party corpus -------------------------------------------------------------


def corpus_files() -> list[Path]:
    folder = CORPUS / "odt"
    return sorted(folder.rglob("*.odt")) if folder.is_dir() else []


@pytest.mark.skipif(not corpus_files(), reason="no corpus at ../shared/corpus")
@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: str(p.relative_to(CORPUS)))
def test_every_corpus_odt_gives_a_result(path: Path) -> None:
    extracted = extract(path.read_bytes(), Limits())

    assert isinstance(extracted, Extracted)
    assert extracted.text or extracted.problems


@pytest.mark.skipif(not corpus_files(), reason="no corpus at ../shared/corpus")
def test_corpus_nasty_odt_is_refused() -> None:
    extracted = extract((CORPUS / "odt/odfpy/nasty.odt").read_bytes(), Limits())

    assert codes(extracted) == [ProblemCode.CORRUPT]


@pytest.mark.parametrize("element", ["text:span", "text:section"])
def test_absurdly_deep_nesting_is_corrupt(element: str) -> None:
    depth = 20_000
    body = f"<{element}>" * depth + "<text:p>x</text:p>" + f"</{element}>" * depth
    if element == "text:span":
        body = f"<text:p>{body.replace('<text:p>x</text:p>', 'x')}</text:p>"

    extracted = extract(odt(body), Limits())

    assert codes(extracted) == [ProblemCode.CORRUPT]
