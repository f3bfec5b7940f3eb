"""One entry point for any attached file: sniff its kind, run that format's parser.

``extract_document`` is what the extraction workers run for every attachment (and
every member of a container, in turn).
"""

from __future__ import annotations

from parsers.documents import EXTRACTORS
from parsers.message import parse_message
from parsers.model import Extracted, Kind, Limits, Problem, ProblemCode
from parsers.sniff import sniff


def extract_document(data: bytes, limits: Limits) -> tuple[Kind, Extracted]:
    """The kind of ``data`` and what could be read from it; never raises on bad input."""
    if not data:
        return Kind.UNKNOWN, Extracted(problems=(Problem(ProblemCode.EMPTY, "0 bytes"),))
    kind = sniff(data)
    if len(data) > limits.max_bytes:
        detail = f"{len(data)} bytes, more than the limit of {limits.max_bytes}"
        return kind, Extracted(problems=(Problem(ProblemCode.TOO_LARGE, detail),))
    if kind is Kind.MESSAGE:
        return kind, _attached_message(data, limits)
    if kind is Kind.IMAGE:
        return kind, Extracted(
            image_only=True, problems=(Problem(ProblemCode.IMAGE_ONLY, "a picture"),)
        )
    extractor = EXTRACTORS.get(kind)
    if extractor is None:
        return kind, Extracted(
            problems=(Problem(ProblemCode.UNSUPPORTED, f"not a known document type ({kind})"),)
        )
    return kind, extractor(data, limits)


def _attached_message(data: bytes, limits: Limits) -> Extracted:
    parsed = parse_message(data, limits)
    return Extracted(text=parsed.body_text, problems=parsed.problems, children=parsed.parts)
