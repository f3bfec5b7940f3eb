"""The parts of a letter that say who writes it: the letterhead, the signature, a council.

The letterhead is the first few lines; the signature the lines after the closing ("Met
vriendelijke groet"), or the last few when there is none. There, "Gemeente X" alone on a
line or "het college van burgemeester en wethouders van X" names the sending municipality.
Anywhere, "Wmo-raad X" or "de cliëntenraad van de gemeente X" names the council's own
municipality: on the sending side, but not the sender itself.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from intake.judging.municipalities.reader import COUNCIL, Hit, Reader, word_spans

__all__ = ["read_councils", "read_zone_line", "zones"]

_CLOSING_RE = re.compile(
    r"^\s*(?:met\s+)?(?:vriendelijke|hartelijke|collegiale)\s+groet|^\s*hoogachtend|"
    r"^\s*(?:met\s+)?groet(?:en)?\s*,?\s*$|^\s*mvg\b"
)
_SALUTATION_RE = re.compile(
    r"^\s*(?:geachte|beste|hallo|hoi|dear|goede(?:morgen|middag|navond)|l\.\s?s\.|aan de jury)\b"
)
_OFFICE_RE = re.compile(
    r"\b(?:college van (?:burgemeester en wethouders|b\s*(?:&|en)\s*w)|burgemeester)"
    r"(?: van(?: de gemeente)?| der gemeente)\s+"
)
_COUNCILS = frozenset(
    {"adviesraad", "clientenraad", "clientraad", "wmoraad", "participatieraad", "adviesgroep"}
)
_COUNCIL_FILLER = frozenset(
    {"sociaal", "domein", "wmo", "van", "de", "het", "gemeente", "participatie", "en", "jeugd"}
)
_LETTERHEAD_LINES = 4
_SIGNATURE_LINES = 8
_SIGNATURE_FALLBACK = 5


def zones(folded: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The letterhead lines (the first few, before any salutation) and the signature lines
    (after the closing, or the last few)."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", folded) if m.group().strip()]
    closings = [n for n, (s, e) in enumerate(lines) if _CLOSING_RE.search(folded[s:e])]
    if closings:
        signature = lines[closings[-1] : closings[-1] + _SIGNATURE_LINES]
    else:
        signature = lines[-_SIGNATURE_FALLBACK:]
    letterhead = lines[:_LETTERHEAD_LINES]
    for number, (start, end) in enumerate(letterhead):
        if _SALUTATION_RE.search(folded[start:end]):
            letterhead = letterhead[:number]  # what follows "Geachte jury," is the letter
            break
    return letterhead, signature


def read_zone_line(reader: Reader, start: int, end: int, rank: int) -> None:
    """'Gemeente X' alone on a line, 'college van B&W van X': who writes."""
    spans = word_spans(reader.text.starts, [(start, end)])
    if not spans:
        return
    first, last = spans[0]
    tokens = reader.text.tokens
    for group in reader.groups(first, last):
        tail = reader.text.folded[tokens[group.end - 1].end : end].strip()
        if group.cue == first and (not tail or tail[0] in ",|-–/(:"):
            for hit in group.hits:
                reader.sender(hit, rank, first)
    for found in _OFFICE_RE.finditer(reader.text.folded, start, end):
        index = bisect_left(reader.text.starts, found.end())
        named = _name_after_filler(reader, index, last)
        if named is not None:
            reader.sender(named, rank, first)


def read_councils(reader: Reader, first: int, last: int) -> set[int]:
    """'Wmo-raad Tiel', 'de cliëntenraad van de gemeente Zeist': the council's municipality
    is on the sending side; returns the words those names take."""
    found: set[int] = set()
    tokens = reader.text.tokens
    for index in range(first, last):
        word, previous = tokens[index].word, tokens[index - 1].word if index else ""
        if word in _COUNCILS or (word == "raad" and previous in {"wmo", "clienten", "client"}):
            named = _name_after_filler(reader, index + 1, last)
            if named is not None:
                reader.sender(named, COUNCIL, first)
                found.update(range(named.first, named.last))
    return found


def _name_after_filler(reader: Reader, index: int, last: int) -> Hit | None:
    """The first name after words like 'Sociaal Domein', within the line."""
    while index < last:
        hit = reader.name_at(index, cued=True)
        if hit is not None and hit.last <= last:
            return hit
        if reader.text.tokens[index].word not in _COUNCIL_FILLER:
            return None
        index += 1
    return None
