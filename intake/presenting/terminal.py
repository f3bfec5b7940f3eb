"""Text from a mail, made safe and fitting for a terminal.

A subject, a name or a document's text can hold terminal control sequences (an escape
that clears the screen, retitles the window or hides the rest of the line) and Unicode
marks that reverse the order of what follows.  Nothing from a mail is written raw: a
control character is shown as its visible picture (``␛`` for ESC) instead.
"""

from __future__ import annotations

import json
import shutil
import unicodedata

_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_REPLACEMENT = "\ufffd"


def _picture(char: str, keep_lines: bool) -> str:
    code = ord(char)
    if keep_lines and char in "\n\t":
        return char
    if char in "\r\n\t" and not keep_lines:
        return " "
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    if 0x80 <= code < 0xA0 or char in _BIDI_CONTROLS:
        return _REPLACEMENT
    return char


def printable(text: str, *, keep_lines: bool = False) -> str:
    """``text`` with every control character shown as a visible sign; line breaks kept
    only with ``keep_lines`` (else a space)."""
    if text.isprintable() and not any(char in _BIDI_CONTROLS for char in text):
        return text
    return "".join(_picture(char, keep_lines) if _is_control(char) else char for char in text)


def _is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc" or char in _BIDI_CONTROLS


def safe_json(value: object) -> str:
    """``value`` as indented JSON, every control and direction mark escaped (``\\u202e``),
    so that printing it cannot steer a terminal."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return "".join(
        f"\\u{ord(char):04x}" if _is_control(char) and char not in "\n" else char for char in text
    )


def width(default: int = 100) -> int:
    """The terminal's width in columns; ``default`` when output goes elsewhere."""
    return shutil.get_terminal_size((default, 24)).columns


def _columns(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Columns ``text`` takes: wide (East Asian) characters take two, marks none."""
    return sum(map(_columns, text))


def fit(text: str, columns: int) -> str:
    """``text`` cut to ``columns`` with an ellipsis, padded to exactly that width."""
    text = printable(text)
    if display_width(text) <= columns:
        return text + " " * (columns - display_width(text))
    out, used = [], 0
    for char in text:
        step = (
            0
            if unicodedata.combining(char)
            else 2
            if unicodedata.east_asian_width(char) in ("W", "F")
            else 1
        )
        if used + step > columns - 1:
            break
        out.append(char)
        used += step
    return "".join(out) + "…" + " " * (columns - 1 - used)
