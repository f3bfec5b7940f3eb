"""Text in the PDFs intake writes: embedded fonts that cover Dutch, and text from a mail
made safe to set.

The fonts are reportlab's own Bitstream Vera (regular, bold, italic, bold italic),
TrueType, so they are embedded (subsetted) in every PDF; the base-14 fonts are never used
because a reader's substitute may lack a character.  A character Vera has no glyph for
would come out as a black box: :func:`settable` replaces it by what it decomposes to
(``ő`` → ``o``, ``ĳ`` → ``ij``), a plain equivalent (``→`` → ``->``), or ``?``.

Everything from a mail is hostile: :func:`markup` makes a text literal for reportlab's
Paragraph mini-markup (``<b>``, ``&amp;``, ``<img>`` stay text), drops control and
formatting characters, and keeps line breaks.  A word longer than a line is split by
reportlab itself (``splitLongWords``); texts that must fit a table cell are cut with
:func:`cut` first, since a table row cannot be split over two pages.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from dataclasses import dataclass
from xml.sax.saxutils import escape

import reportlab
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_FOLDER = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
_FACES = {
    "IntakeVera": ("Vera.ttf", False, False),
    "IntakeVera-Bold": ("VeraBd.ttf", True, False),
    "IntakeVera-Italic": ("VeraIt.ttf", False, True),
    "IntakeVera-BoldItalic": ("VeraBI.ttf", True, True),
}
_PLAIN = {
    "\u2192": "->",
    "\u2190": "<-",
    "\u21d2": "=>",
    "\u2212": "-",
    "\u2010": "-",
    "\u2011": "-",
    "\u25aa": "-",
    "\u25cf": "•",
    "\u25e6": "-",
    "\u2713": "v",
    "\u2714": "v",
    "\u2717": "x",
    "\ufffd": "?",
}
"""Plain equivalents of characters Vera lacks that do not decompose into ones it has."""
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")
ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class Fonts:
    """The names the fonts are registered under."""

    regular: str
    bold: str
    italic: str
    bold_italic: str
    covered: frozenset[int]
    """The characters every one of the four has a glyph for."""


@functools.cache
def fonts() -> Fonts:
    """Register the four Vera faces (once) as one family, so ``<b>`` and ``<i>`` work."""
    covered: frozenset[int] | None = None
    for name, (file, is_bold, is_italic) in _FACES.items():
        font = TTFont(name, os.path.join(FONT_FOLDER, file))
        pdfmetrics.registerFont(font)
        addMapping("IntakeVera", int(is_bold), int(is_italic), name)
        glyphs = frozenset(font.face.charToGlyph)
        covered = glyphs if covered is None else covered & glyphs
    assert covered is not None
    regular, bold, italic, bold_italic = _FACES
    return Fonts(regular, bold, italic, bold_italic, covered)


def settable(text: str) -> str:
    """``text`` in NFC with every character the fonts can set: control and formatting
    characters dropped (tabs become spaces, line breaks ``\\n``), the others replaced."""
    text = _LINE_BREAKS.sub("\n", unicodedata.normalize("NFC", text)).replace("\t", " ")
    covered = fonts().covered
    if all(ord(char) in covered or char == "\n" for char in text):
        return text
    return "".join(_replacement_of(char) for char in text)


@functools.lru_cache(maxsize=4096)
def _replacement_of(char: str) -> str:
    return _replacement(char, fonts().covered)


def _replacement(char: str, covered: frozenset[int]) -> str:
    if ord(char) in covered or char == "\n":
        return char
    category = unicodedata.category(char)
    if category in ("Cc", "Cf"):
        return ""
    if char in _PLAIN:
        return _PLAIN[char]
    if category == "Zs":
        return " "
    if category != "Cs":
        plain = "".join(
            part for part in unicodedata.normalize("NFKD", char) if not unicodedata.combining(part)
        )
        if plain and all(ord(part) in covered for part in plain):
            return plain
    return "?"


def cut(text: str, limit: int) -> str:
    """At most ``limit`` characters, a cut marked with "…"."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS


def markup(text: str, limit: int | None = None) -> str:
    """``text`` as literal Paragraph markup: settable, escaped, line breaks kept; cut to
    ``limit`` characters when given."""
    safe = settable(text).strip()
    if limit is not None:
        safe = cut(safe, limit)
    return escape(safe).replace("\n", "<br/>")


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a text (blank lines between), each as literal markup with its
    line breaks kept."""
    safe = settable(text)
    return [
        escape(block.strip()).replace("\n", "<br/>")
        for block in _BLANK_LINES.split(safe)
        if block.strip()
    ]


def fitted(text: str, font: str, size: float, width: float) -> str:
    """A one-line text for the canvas (no markup) cut to ``width`` points."""
    line = " ".join(settable(text[:400]).split())
    if pdfmetrics.stringWidth(line, font, size) <= width:
        return line
    while line and pdfmetrics.stringWidth(line + ELLIPSIS, font, size) > width:
        line = line[:-1]
    return line.rstrip() + ELLIPSIS
