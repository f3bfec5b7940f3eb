"""The words and sentences of a text, as the criteria and the municipalities read them.

Text reaching this module is NFC (Unicode normalisation form C): the parsers normalise every
text where they hand it out, and nothing here normalises it again.  A letter with a
diacritic is then one character (``ë``, not ``e`` followed by a combining diaeresis): it
has one offset and its own case, and an initial such as ``É.`` is one letter before its
full stop.  Other text is read without error, but what is found in it is not promised.

Words
-----
:func:`fold` writes a text in lower case without diacritics (``Cliënt`` → ``client``,
``Súdwest-Fryslân`` → ``sudwest-fryslan``), character by character.  A character may fold
to more than one (``ß`` → ``ss``, ``ﬁ`` → ``fi``, ``½`` → ``1⁄2``) or to none (a combining
mark on its own), so the folded text keeps the way back to offsets in the original.  A
word (:data:`WORD`) is a run of letters and digits in the folded text: punctuation between
words does not count (``Wmo-raad`` = ``Wmo raad``).

Sentences
---------
:func:`sentences` cuts a text into sentences and says where each stands in it.
Paragraphs, bullet and numbered lines and table cells (``a | b``, as the document parsers
write tables) are units of their own; lines hard-wrapped by a mail client or a PDF are
joined again.  A line goes on with the one before when it starts in lower case, when the
one before ends with ``.``, ``!``, ``?`` or ``…`` (the sentence rules then decide), or when
the one before is long (:data:`WRAPPED_LINE_CHARS`, and most of its paragraph's width);
after a colon or a semicolon, or after a short line (a heading, a salutation, a
letterhead), a capital starts a new unit, and a bullet or a number always does.  A full
stop ends a sentence when the next word starts with a capital or a digit, unless it ends an
abbreviation (``o.a.``, ``bijv.``, ``m.b.t.``, ``t.b.v.``, ``dhr.``, ``mevr.``, initials
such as ``J.P.``) or is the ``1.`` of a numbered item.  ``etc.``, ``enz.``, ``e.d.`` and a
year (``Wmo 2015.``) may end a sentence.  A sentence without a letter or a digit is left out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

__all__ = [
    "LIST_LABEL",
    "WORD",
    "WRAPPED_LINE_CHARS",
    "Folded",
    "Sentence",
    "fold",
    "fold_words",
    "sentences",
    "split_sentences",
]

WORD = re.compile(r"[^\W_]+")
"""A word of a folded text: letters and digits."""
LIST_LABEL = re.compile(r"\d{1,2}|[a-z]|[ivx]{1,4}")
"""A folded word that labels a list item: ``1``, ``b``, ``ii``."""
WRAPPED_LINE_CHARS = 60
"""A line this long or longer may have been wrapped by a mail client or a PDF."""


# --- words ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Folded:
    """A text in lower case without diacritics, and the way back to the original."""

    text: str
    origin: tuple[int, ...] | None
    """For each character of :attr:`text` where it came from in the original, and the
    original's length after them; None when every character stays where it was."""

    def at(self, index: int) -> int:
        """The offset in the original of folded offset ``index`` (up to ``len(text)``)."""
        return index if self.origin is None else self.origin[index]


_ASCII = frozenset(chr(code) for code in range(128))


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold(text: str) -> Folded:
    """``text`` in lower case without diacritics: ``Cliënt`` → ``client``, ``ß`` → ``ss``."""
    if text.isascii():
        return Folded(text.lower(), None)
    table = {char: _fold_char(char) for char in set(text) - _ASCII}
    if all(len(folded) == 1 and folded.lower() == folded for folded in table.values()):
        for char, folded in table.items():  # one for one, and folding twice changes nothing
            text = text.replace(char, folded)
        return Folded(text.lower(), None)
    pieces = [table[char] if char in table else char.lower() for char in text]
    origin = [index for index, piece in enumerate(pieces) for _ in piece]
    origin.append(len(text))
    return Folded("".join(pieces), tuple(origin))


def fold_words(text: str) -> list[str]:
    """The folded words of ``text``: ``Wmo-raad Súdwest`` → ``wmo``, ``raad``, ``sudwest``."""
    return WORD.findall(fold(text).text)


NOMINATION_NOUNS = frozenset(
    {"voordracht", "voordrachten", "nominatie", "nominaties", "nomination", "nominations"}
)
"""Folded words that name a nomination: a sentence about one need not make one."""
NOMINATING_WORDS = NOMINATION_NOUNS | frozenset(
    {
        *("voordragen", "voorgedragen", "nomineer", "nomineert", "nomineren", "genomineerd"),
        *("koplopergemeente", "nominate", "nominates", "nominating", "nominated"),
    }
)
"""Folded words that nominate: "voordracht", "nomineren", "koplopergemeente" …"""
_DRAGEN = frozenset({"draag", "draagt", "dragen", "droeg", "droegen"})
_DRAGEN_OTHERWISE = frozenset({"zorg", "bij", "hart", "verantwoordelijkheid", "kosten"})
"""'draagt zorg voor', 'dragen bij aan … voor', 'een warm hart toedragen': not nominating."""


def nominating(words: Sequence[str], *, nouns: bool = True) -> bool:
    """Whether folded words nominate: a nominating word, or "draagt … voor" (not "draagt
    zorg voor", "dragen bij"); with ``nouns=False`` a sentence that only speaks of a
    nomination ("de voordracht is besproken met …") does not."""
    for index, word in enumerate(words):
        if word in NOMINATING_WORDS and (nouns or word not in NOMINATION_NOUNS):
            return True
        if word in _DRAGEN:
            following = words[index + 1 : index + 16]
            if "voor" not in following:
                continue
            between = following[: following.index("voor")]
            if _DRAGEN_OTHERWISE.isdisjoint(between):
                return True
    return False


FUNCTION_WORDS = frozenset(
    {
        # Dutch: articles, pronouns, prepositions, conjunctions, auxiliaries, fillers
        *("de", "het", "een", "en", "of", "maar", "dat", "die", "dit", "deze", "wat"),
        *("wie", "er", "is", "zijn", "was", "waren", "wordt", "worden", "werd", "werden"),
        *("heeft", "hebben", "had", "kan", "kunnen", "zal", "zullen", "moet", "moeten"),
        *("van", "in", "op", "aan", "bij", "met", "voor", "naar", "over", "om", "tot"),
        *("uit", "door", "onder", "tussen", "tegen", "zonder", "als", "dan", "ook", "nog"),
        *("al", "wel", "niet", "geen", "zeer", "heel", "erg", "veel", "meer", "zo", "te"),
        *("we", "ons", "onze", "u", "uw", "zij", "ze", "hun", "hij", "haar", "welke"),
        *("hen", "elkaar", "elkaars", "daarvan", "daarin", "daarmee", "daarbij", "hierbij"),
        *("hiervan", "waar", "hoe", "sprake", "zeker", "ja", "nee", "daarnaast", "bovendien"),
        *("gebied", "vlak", "betreft", "zowel", "wij", "jullie", "je", "ik", "mijn"),
        # English
        *("the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for"),
        *("with", "from", "as", "is", "are", "was", "were", "be", "been", "has", "have"),
        *("it", "its", "this", "that", "these", "there", "we", "our", "they", "their"),
        *("very", "also", "both", "well", "not", "no", "yes", "area", "field", "i", "my"),
    }
)
"""Folded words that carry no content of their own: what is left of a sentence without
them says what it is about."""


# --- sentences --------------------------------------------------------------------------


class Sentence(NamedTuple):
    """Where a sentence stands in its text: from ``start`` to ``end``, its first character
    to its last, a list marker left out; ``bullet`` when it is a bullet item."""

    start: int
    end: int
    bullet: bool


def sentences(text: str) -> list[Sentence]:
    """The sentences of ``text``, in order (see the module documentation)."""
    found: list[Sentence] = []
    for unit_start, unit_end in _units(text):
        start, bullet = _after_marker(text, unit_start, unit_end)
        for first, last in _cut(text, start, unit_end):
            if text[first].isalnum() or _LETTER_OR_DIGIT.search(text, first, last):
                found.append(Sentence(first, last, bullet))
    return found


def split_sentences(text: str) -> tuple[str, ...]:
    """The sentences of ``text``, whitespace collapsed, list markers dropped.

    Each sentence is a substring of ``" ".join(text.split())``.
    """
    return tuple(" ".join(text[s.start : s.end].split()) for s in sentences(text))


_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
_BULLET = re.compile(r"(?:[-•·–—▪◦►➢✓]+|[*o](?=\s))\s*")
_NUMBER = re.compile(
    r"(?:\(?\d{1,2}(?:\.\d{1,2})*[.)]|\d{1,2}(?:\.\d{1,2})+|\(?[a-z][.)]|[A-Z]\)|#{1,6})(?=\s)\s*"
)
_CELL_SEPARATOR = re.compile(r"\s+[|•▪]\s+")
_CELL_CHARS = "|•▪"
_END = re.compile(r"([.!?…]+)[\"'”’)\]]*(\s+)")
_OPENING = "\"'“‘(["
_INITIALS = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")
_NO_END_AFTER = frozenset(
    {
        # titles and references, followed by a name or a number
        *("dhr", "hr", "mevr", "mw", "mr", "dr", "drs", "ir", "ing", "prof", "ds", "st"),
        *("jr", "sr", "nr", "nrs", "blz", "pag", "art", "tel", "afd", "gem", "vs"),
        # mid-sentence abbreviations
        *("bijv", "bv", "ca", "incl", "excl", "resp", "evt", "zgn", "vgl", "max", "min"),
        # months: "1 jan. 2017"
        *("jan", "feb", "mrt", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec"),
    }
)
_MAY_END_AFTER = frozenset(["etc", "enz", "e.d", "e.a", "jl", "mln", "mld", "mrd"])

_Span = tuple[int, int]


def _units(text: str) -> Iterator[_Span]:
    """Paragraph lines joined again, each bullet item, numbered item and table cell apart."""
    tables = any(separator in text for separator in _CELL_CHARS)
    for block in _blocks(text):
        width = max(end - start for start, end in block)
        unit_start: int | None = None
        previous = (0, 0)  # the last line of the unit being gathered
        for start, end in block:
            cells = _cells(text, start, end) if tables else None
            if unit_start is not None and (
                cells is not None
                or not _continues(text[previous[0] : previous[1]], text[start:end], width)
            ):
                yield unit_start, previous[1]
                unit_start = None
            if cells is None:
                unit_start = start if unit_start is None else unit_start
                previous = (start, end)
            else:
                yield from cells
        if unit_start is not None:
            yield unit_start, previous[1]


def _blocks(text: str) -> Iterator[list[_Span]]:
    """Runs of non-blank lines, each without the white space around it."""
    block: list[_Span] = []
    offset = 0
    for raw in text.splitlines(keepends=True):
        body = raw.strip()
        if body:
            start = offset + len(raw) - len(raw.lstrip())
            block.append((start, start + len(body)))
        elif block:
            yield block
            block = []
        offset += len(raw)
    if block:
        yield block


def _cells(text: str, start: int, end: int) -> list[_Span] | None:
    """The cells of a table row (``a | b``, ``| a |``), or None for a line of text."""
    if text[start] == "|" or text[end - 1] == "|":
        while start < end and text[start] == "|":
            start += 1
        while end > start and text[end - 1] == "|":
            end -= 1
        start, end = _strip(text, start, end)
    elif not _CELL_SEPARATOR.search(text, start, end):
        return None
    cells = []
    for separator in _CELL_SEPARATOR.finditer(text, start, end):
        cells.append(_strip(text, start, separator.start()))
        start = separator.end()
    cells.append(_strip(text, start, end))
    return [(first, last) for first, last in cells if first < last]


def _strip(text: str, start: int, end: int) -> _Span:
    """The span without the white space at its ends."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _continues(previous: str, line: str, width: int) -> bool:
    """Whether ``line`` goes on with the sentence of ``previous`` (a wrapped line).

    A bullet or number starts a new item; a line starting in lower case continues; after a
    full stop the lines are joined and the sentence rules decide; after a colon or
    semicolon, or a short line (a heading, a salutation), a capital starts a new unit.
    """
    if _BULLET.match(line) or _NUMBER.match(line):
        return False
    if line[0].islower():
        return True
    if previous[-1] in ".!?…":
        return True
    if previous[-1] in ":;":
        return False
    return len(previous) >= WRAPPED_LINE_CHARS and len(previous) >= 0.6 * width


def _after_marker(text: str, start: int, end: int) -> tuple[int, bool]:
    """Where the unit starts after its bullet or list numbers, and whether it had a bullet."""
    bullet = False
    while True:
        marker = _BULLET.match(text, start, end)
        is_bullet = marker is not None
        marker = marker or _NUMBER.match(text, start, end)
        if marker is None or marker.end() == end:
            return start, bullet
        bullet = bullet or is_bullet
        start = marker.end()


def _cut(text: str, start: int, end: int) -> Iterator[_Span]:
    """The sentences of the unit from ``start`` to ``end``."""
    for stop in _END.finditer(text, start, end):
        if _ends_sentence(text, start, stop, end):
            yield start, stop.start(2)
            start = stop.end()
    yield start, end


def _ends_sentence(text: str, start: int, stop: re.Match[str], end: int) -> bool:
    """Whether the punctuation ``stop`` closes the sentence begun at ``start``."""
    following = stop.end()
    while following < end and text[following] in _OPENING:
        following += 1
    if following == end or not (text[following].isupper() or text[following].isdigit()):
        return False
    if stop.group(1) != ".":
        return True
    before = text[start : stop.start()].rsplit(maxsplit=1)
    if not before:
        return False
    word = before[-1].lstrip(_OPENING)
    lower = word.lower()
    if len(before) == 1 and LIST_LABEL.fullmatch(lower):
        return False
    if lower in _MAY_END_AFTER:
        return True
    if lower in _NO_END_AFTER:
        return False
    return lower == "u" or not _INITIALS.fullmatch(word)
