"""One parser per document format, each a pure ``extract(data, limits) -> Extracted``.

``pdf`` (pdfminer.six), ``docx`` (python-docx), ``odt`` (the standard library's XML parser),
``text`` (plain text and HTML); ``safezip`` holds the zip-bomb and XML-entity guards the
ZIP-based formats share.
"""

from collections.abc import Callable

from parsers.documents import archive, doc, docx, msg, odt, pdf, rtf, text, tnef
from parsers.model import Extracted, Kind, Limits

Extractor = Callable[[bytes, Limits], Extracted]

EXTRACTORS: dict[Kind, Extractor] = {
    Kind.PDF: pdf.extract,
    Kind.DOCX: docx.extract,
    Kind.ODT: odt.extract,
    Kind.DOC: doc.extract,
    Kind.RTF: rtf.extract,
    Kind.TEXT: text.extract,
    Kind.HTML: text.extract_html,
    Kind.MSG: msg.extract,
    Kind.TNEF: tnef.extract,
    Kind.ZIP: archive.extract,
}
"""The parser for each kind of document; kinds not listed are not read."""
