from hypothesis import given
from hypothesis import strategies as st

from parsers.envelope import NO_ENVELOPE
from parsers.headers import Header
from parsers.message import Structure
from parsers.model import Extracted, Kind, PageSize, PagesSource, Problem, ProblemCode
from parsers.reading import (
    MIN_SCAN_BYTES,
    Attachment,
    Found,
    assemble,
    choose_document,
    measure,
)

A4 = PageSize(210.0, 297.0)
LETTER = PageSize(215.9, 279.4)


def attachment(
    position,
    kind,
    *,
    words=0,
    pages=None,
    source=None,
    size=None,
    inline=False,
    name=None,
    nbytes=100,
):
    return Attachment(
        position=position,
        parent=None,
        depth=1,
        filename=name or f"file{position}",
        content_type=None,
        kind=kind,
        size=nbytes,
        sha256="0" * 64,
        inline=inline,
        extracted=Extracted(
            text=" ".join(["woord"] * words), pages=pages, pages_source=source, page_size=size
        ),
    )


def test_body_only_is_estimated_from_words():
    length = measure(body_words=1200, attachments=[], words_per_page=500)
    assert (length.document, length.pages, length.pages_source) == (None, 3, PagesSource.ESTIMATED)
    assert not length.measured


def test_a_two_page_a4_pdf_is_counted():
    pdf = attachment(0, Kind.PDF, words=700, pages=2, source=PagesSource.COUNTED, size=A4)
    length = measure(body_words=20, attachments=[pdf], words_per_page=500)
    assert (length.document, length.pages, length.measured) == (0, 2, True)
    assert length.problems == ()


def test_a_one_page_letter_pdf_is_flagged_not_a4():
    pdf = attachment(0, Kind.PDF, words=300, pages=1, source=PagesSource.COUNTED, size=LETTER)
    length = measure(body_words=0, attachments=[pdf], words_per_page=500)
    assert length.pages == 1
    assert [p.code for p in length.problems] == [ProblemCode.NOT_A4]
    assert "Letter" in length.problems[0].detail


def test_docx_without_recorded_pages_is_estimated():
    docx = attachment(0, Kind.DOCX, words=501)
    length = measure(body_words=0, attachments=[docx], words_per_page=500)
    assert (length.pages, length.pages_source) == (2, PagesSource.ESTIMATED)


def test_inline_logo_is_not_the_nomination():
    logo = attachment(0, Kind.IMAGE, inline=True)
    chosen, _ = choose_document([logo])
    assert chosen is None


def test_a_scan_attached_is_the_nomination():
    scan = attachment(0, Kind.IMAGE, nbytes=MIN_SCAN_BYTES)
    chosen, _ = choose_document([scan, attachment(1, Kind.IMAGE, inline=True)])
    assert chosen is scan


def test_a_small_picture_attached_is_a_logo_not_a_scan():
    logo = attachment(0, Kind.IMAGE, nbytes=MIN_SCAN_BYTES - 1, name="image001.png")
    chosen, _ = choose_document([logo])
    assert chosen is None


def test_a_document_beats_a_text_file_and_several_documents_are_flagged():
    text = attachment(0, Kind.TEXT, words=400)
    short = attachment(1, Kind.PDF, words=100, pages=1, source=PagesSource.COUNTED, size=A4)
    long = attachment(
        2, Kind.DOCX, words=450, pages=1, source=PagesSource.RECORDED, name="voordracht.docx"
    )
    chosen, problems = choose_document([text, short, long])
    assert chosen is long
    assert [p.code for p in problems] == [ProblemCode.SEVERAL_DOCUMENTS]
    assert "measured: voordracht.docx" in problems[0].detail


def test_a_forwarded_message_with_text_counts_when_nothing_else_does():
    forwarded = attachment(0, Kind.MESSAGE, words=300)
    stub = attachment(1, Kind.MESSAGE, words=3)
    chosen, _ = choose_document([stub, forwarded])
    assert chosen is forwarded


def test_no_words_anywhere_means_no_pages():
    length = measure(body_words=0, attachments=[], words_per_page=500)
    assert (length.pages, length.pages_source) == (None, None)


# --- assembling: positions in tree order, whatever order the extractions finished in ---


def found(path, kind=Kind.PDF, words=10):
    return Found(
        path=path,
        filename="/".join(map(str, path)),
        content_type=None,
        inline=False,
        kind=kind,
        size=1,
        sha256="0" * 64,
        extracted=Extracted(text=" ".join(["woord"] * words)),
    )


TREE = [
    found((0,), Kind.ZIP),
    found((0, 0)),
    found((0, 1)),
    found((1,), Kind.MESSAGE),
    found((1, 0)),
    found((1, 0, 0)),
    found((2,)),
]


def assembled(pieces):
    return assemble(
        header=Header(),
        envelope=NO_ENVELOPE,
        structure=Structure(),
        body_text="",
        body_source=None,
        own_text="",
        found=pieces,
        problems=(),
        words_per_page=500,
    )


@given(st.permutations(TREE))
def test_positions_do_not_depend_on_the_order_extractions_finish(order):
    attachments = assembled(order).attachments
    assert attachments == assembled(TREE).attachments
    by_name = {a.filename: a for a in attachments}
    assert [a.filename for a in attachments] == ["0", "1", "2", "0/0", "0/1", "1/0", "1/0/0"]
    assert by_name["0/1"].parent == by_name["0"].position
    assert by_name["1/0/0"].parent == by_name["1/0"].position and by_name["1/0/0"].depth == 3


def test_a_logo_or_inline_picture_is_no_problem_but_a_scan_is():
    def picture(index, size, inline=False):
        image_only = Extracted(image_only=True, problems=(Problem(ProblemCode.IMAGE_ONLY),))
        return Found((index,), f"p{index}", "image/png", inline, Kind.IMAGE, size, "", image_only)

    pieces = [
        picture(0, 145),
        picture(1, MIN_SCAN_BYTES * 10, inline=True),
        picture(2, MIN_SCAN_BYTES),
    ]
    codes = {
        a.filename: [p.code for p in a.extracted.problems] for a in assembled(pieces).attachments
    }
    assert codes == {"p0": [], "p1": [], "p2": [ProblemCode.IMAGE_ONLY]}
