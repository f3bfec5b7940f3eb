"""The sender's own text in a message body: the nomination without what came with it.

``own_text`` drops what is not the sender's nomination: the history below a
reply header ("Op ... schreef ...:", Outlook's "Van: ... Verzonden: ..."), ``>`` quotes,
the ``-- `` signature, legal disclaimers and "Verzonden vanaf mijn iPhone".  A forward
is different: the forwarded message may be the nomination, so it is kept (without its
header block), and the note above it too unless that is trivial ("Zie onderstaand").
Where in doubt it keeps text: a closing and signature stay, and a marker only counts
as one where a mail client would write it (a line of its own, with the fields or the
time and address that clients put there).  The body arrives as text: its bytes are
decoded by :func:`parsers.charset.decode`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_MAX_UNWRAP = 8
"""How many forwards inside forwards are unwrapped."""
_TRIVIAL_WORDS = 15
"""A note above a forward with fewer words (greeting and closing aside) says nothing."""
_LONGEST_MARKER = 300
"""Longer lines are never reply headers or closings; they are not even matched."""
_DISCLAIMER_WORDS = 400
"""A disclaimer is cut only when at most this many words follow its first line."""

_FORWARD_WORDS = r"forwarded message|doorgestuurd bericht|weitergeleitete nachricht"
_ORIGINAL_WORDS = (
    r"original message|oorspronkelijk (?:e-?mail)?bericht|origineel bericht"
    r"|urspr(?:ü|ue)ngliche nachricht|message d'origine"
)
_SEPARATOR = re.compile(
    rf"\s*-{{2,}}\s*(?:({_FORWARD_WORDS})|{_ORIGINAL_WORDS})\s*-{{2,}}\s*"
    rf"|\s*(?:(begin (?:forwarded message|doorgestuurd bericht)|{_FORWARD_WORDS})"
    rf"|{_ORIGINAL_WORDS})\s*:\s*",
    re.IGNORECASE,
)
_NOTES_FORWARD = re.compile(
    r"\s*-{2,}\s*(?:doorgestuurd door|forwarded by)\s.{1,160}?-{2,}\s*", re.IGNORECASE
)
"""IBM Notes: '----- Doorgestuurd door Willem de Kraker/Hulst op 01-06-2017 11:29 -----'."""
_FIELD = (
    r"van|from|verzonden|sent|datum|date|aan|to|cc|bcc|onderwerp|subject|reply-to"
    r"|antwoord aan|beantwoorden aan|bijlagen|attachments|belangrijkheid|importance"
)
_HEADER_LINE = re.compile(rf"\s*\*?({_FIELD})\*?\s*:", re.IGNORECASE)
_HEADER_ANYWHERE = re.compile(rf"(?:^|\s)\*?({_FIELD})\*?\s*:", re.IGNORECASE)
_FROM_LINE = re.compile(r"\s*\*?(van|from)\*?\s*:", re.IGNORECASE)
_UNDERSCORES = re.compile(r"\s*_{8,}\s*")
_FORWARD_SUBJECT = re.compile(
    r"\s*\*?(?:onderwerp|subject)\*?\s*:\s*(?:fwd?|doorst|tr|wg)\s*:", re.IGNORECASE
)
_ATTRIBUTION = re.compile(
    r"(?:on|op)\s.{1,200}\s(?:wrote|schreef|het volgende geschreven)\b.{0,160}:"
    r"|.{1,160}\s(?:wrote|schreef)\s+(?:on|op)\s.{1,120}:"
    r"|(?:quoting|citeren|citaat van)\s.{1,160}:",
    re.IGNORECASE,
)
_ATTRIBUTION_HINTS = ("wrote", "schreef", "geschreven", "quoting", "citeren", "citaat")
_ATTRIBUTION_SIGNAL = re.compile(r"\d{1,2}[:.]\d{2}|@")
_CLOSING = re.compile(
    r"(?:met\s+)?(?:(?:vriendelijke|hartelijke|beste|warme|zonnige|collegiale)\s+)?"
    r"groet(?:en|jes)?\b|m\.?v\.?g\b|gr\.?\s*,?$|(?:kind|best|warm|many)\s+regards\b"
    r"|regards\b|hoogachtend\b|cheers\b",
    re.IGNORECASE,
)
_SALUTATION = re.compile(
    r"(?:beste|geachte|hallo|hoi|hi|hey|dag|goedemorgen|goedemiddag|goedenavond|dear"
    r"|hello|l\.?s\.?)\b",
    re.IGNORECASE,
)
_MESSAGE_NL = r"(?:dit|deze) (?:e-?mail)?(?:bericht|e-?mail)"
_DISCLAIMER = re.compile(
    r"disclaimer\b"
    rf"|{_MESSAGE_NL}(?: en (?:de |alle )?(?:eventuele )?(?:bijlagen?|bijgevoegde"
    r" (?:bestanden|documenten|stukken)))?,? (?:is|zijn|kan|kunnen|bevat)"
    r"\s(?:.{0,30}\s)?(?:uitsluitend|alleen bestemd|vertrouwelijk|bestemd|persoonlijke)"
    rf"|de informatie (?:verzonden |opgenomen )?(?:in|met) {_MESSAGE_NL}"
    r".{0,60}\b(?:uitsluitend|vertrouwelijk|bestemd)"
    rf"|aan {_MESSAGE_NL} kunnen geen rechten"
    r"|denk aan het milieu\b.{0,80}\b(?:print|afdruk)"
    r"|please consider the environment before printing"
    r"|this (?:e-?mail|message|communication)(?: and any (?:files|attachments)\b.{0,40})?"
    r",? (?:is|are|may contain|contains) (?:confidential|intended|privileged|strictly)"
    r"|the information (?:contained |transmitted )?in this (?:e-?mail|message)"
    r"|(?:confidentiality|privacy) notice\b",
    re.IGNORECASE,
)
_DEVICE_FOOTER = re.compile(
    r"(?:verzonden|verstuurd|gestuurd|sent)\s+(?:vanaf|vanuit|van|met|via|from|with|using)"
    r"\s+(?:mijn\s+|my\s+|een\s+|an?\s+)?\S.{0,40}"
    r"|(?:(?:get|download) outlook for|outlook voor) (?:ios|android)(?: downloaden)?"
    r"(?:\s*<\S*>)?",
    re.IGNORECASE,
)
_DEVICE = re.compile(
    r"\b(?:iphone|ipad|android|samsung|galaxy|smartphone|mobiel|mobile|tablet|blackberry"
    r"|outlook|mail|huawei|pixel|nokia|windows|ios|telefoon|phone)\b",
    re.IGNORECASE,
)
_DEVICE_FOOTER_LINES = 3
"""A device footer is dropped only among the text's last few non-blank lines."""
_QUOTE_PREFIX = re.compile(r"> ?")


@dataclass(frozen=True, slots=True)
class _History:
    """Where quoted or forwarded history starts, and where its content does."""

    start: int
    content: int
    forward: bool
    """Forwarded (the content may be the nomination), not replied to (history to cut)."""
    quoted: bool = False
    """Only the ``>`` lines below are history (a plain-text reply, maybe bottom-posted)."""


def own_text(body: str) -> str:
    """The sender's own text: no quoted history, signature delimiter or disclaimer."""
    note, content, _forwarded = _split_history(_lines(body))
    return _cut([*note, *content])


def forwarded_text(body: str) -> str | None:
    """The text of the message a body forwards (cut as :func:`own_text` cuts), without the
    note above it; None when the body forwards nothing."""
    _note, content, forwarded = _split_history(_lines(body))
    return _cut(content) if forwarded else None


def forward_note(body: str) -> str:
    """The note above a forwarded message ("Voor de zekerheid nogmaals."), cut as
    :func:`own_text` cuts; empty when the body forwards nothing or the note is trivial."""
    note, _content, forwarded = _split_history(_lines(body))
    return _cut(note) if forwarded else ""


def _lines(body: str) -> list[str]:
    return body.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _cut(lines: list[str]) -> str:
    lines = _without_quotes(lines)
    lines = _before_signature(lines)
    lines = _before_disclaimer(lines)
    lines = _without_device_footer(lines)
    return "\n".join(_single_blank_lines(lines)).strip()


def _words(lines: Sequence[str]) -> int:
    return sum(len(line.split()) for line in lines)


def _short(line: str) -> str | None:
    """The stripped line if short enough to be a marker, greeting or footer."""
    return line.strip() if len(line) <= _LONGEST_MARKER else None


# history: replies and forwards


def _split_history(lines: list[str]) -> tuple[list[str], list[str], bool]:
    """Cut reply history; unwrap forwards, keeping the notes above them unless trivial.

    Returns the notes kept, the innermost content (the forwarded message's own lines, or
    the whole text when nothing is forwarded), and whether a forward was unwrapped.
    """
    kept: list[str] = []
    forwarded = False
    for _ in range(_MAX_UNWRAP):
        history = _find_history(lines)
        if history is None:
            break
        before = lines[: history.start]
        if history.quoted:  # own text may follow or interleave the quotes: keep it
            lines = before + [line for line in lines[history.content :] if line[:1] != ">"]
            continue
        content = _skip_header_block(lines[history.content :])
        if not history.forward or not _words(content):
            return kept, before, forwarded
        if not _is_trivial(before):
            kept += [*before, ""]
        lines, forwarded = content, True
    return kept, lines, forwarded


def _find_history(lines: Sequence[str]) -> _History | None:
    for index, line in enumerate(lines):
        short = _short(line)
        if not short:
            continue
        if _NOTES_FORWARD.fullmatch(short):
            return _History(index, index + 1, forward=True)
        separator = _SEPARATOR.fullmatch(short)
        if separator is not None:
            forward = bool(separator.group(1) or separator.group(2))
            forward = forward or _is_forward_header(lines, index + 1)
            return _History(index, index + 1, forward)
        if _FROM_LINE.match(short) and _is_reply_header(lines, index):
            start = index - 1 if index and _UNDERSCORES.fullmatch(lines[index - 1]) else index
            return _History(start, index, _is_forward_header(lines, index))
        span = _attribution_span(lines, index)
        if span:
            quoted = _quote_follows(lines, index + span)
            return _History(index, index + span, forward=False, quoted=quoted)
    return None


def _header_window(lines: Sequence[str], start: int) -> list[str]:
    return [line for line in lines[start : start + 8] if len(line) <= _LONGEST_MARKER * 2]


def _is_reply_header(lines: Sequence[str], index: int) -> bool:
    """An Outlook-style block: ``Van:``, then ``Verzonden:`` (or a date and an address)."""
    window = _header_window(lines, index)
    fields = {match.group(1).lower() for match in _HEADER_ANYWHERE.finditer(window[0])}
    for line in window[1:]:
        match = _HEADER_LINE.match(line)
        if match:
            fields.add(match.group(1).lower())
    addressed = bool(fields & {"aan", "to", "onderwerp", "subject"})
    if fields & {"verzonden", "sent"}:
        return addressed
    return addressed and bool(fields & {"datum", "date"}) and "@" in window[0]


def _is_forward_header(lines: Sequence[str], start: int) -> bool:
    """Whether the header block at ``start`` has a ``FW:``/``Doorst:`` subject."""
    return any(_FORWARD_SUBJECT.match(line) for line in _header_window(lines, start))


def _attribution_span(lines: Sequence[str], index: int) -> int:
    """1 or 2 when an "On ... wrote:" line (maybe wrapped) starts at ``index``, else 0."""
    first = _short(lines[index])
    if not first:
        return 0
    candidates = [(first, 1)]
    if index + 1 < len(lines) and not first.endswith(":"):
        second = _short(lines[index + 1])
        if second:
            candidates.append((f"{first} {second}", 2))
    for text, span in candidates:
        lowered = text.lower()
        if not any(hint in lowered for hint in _ATTRIBUTION_HINTS):
            continue
        signal = _ATTRIBUTION_SIGNAL.search(text) or _quote_follows(lines, index + span)
        if signal and _ATTRIBUTION.fullmatch(text):
            return span
    return 0


def _quote_follows(lines: Sequence[str], start: int) -> bool:
    for line in lines[start : start + 3]:
        if line.strip():
            return line.startswith(">")
    return False


def _skip_header_block(lines: list[str]) -> list[str]:
    """Drop the ``From:``/``Van:`` ... lines that open a forwarded or quoted message."""
    index = _skip_blank(lines, 0)
    in_block = False
    while index < len(lines):
        line = lines[index]
        if len(line) <= _LONGEST_MARKER * 2 and _HEADER_LINE.match(line):
            in_block = True
        elif not (in_block and line.strip() and ("@" in line or line.rstrip().endswith(";"))):
            break
        index += 1
    return lines[_skip_blank(lines, index) if in_block else index :]


def _skip_blank(lines: Sequence[str], index: int) -> int:
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index


def _is_trivial(lines: Sequence[str]) -> bool:
    """Whether a note says next to nothing, once its greeting and closing are set aside."""
    core = [line for line in lines if line.strip()]
    if core and (short := _short(core[0])) and _SALUTATION.match(short) and len(short) < 60:
        core = core[1:]
    for index, line in enumerate(core):
        short = _short(line)
        if short and len(short) < 60 and _CLOSING.match(short):
            core = core[:index]
            break
    return _words(core) < _TRIVIAL_WORDS


# quotes, signature, disclaimer, footer


def _without_quotes(lines: list[str]) -> list[str]:
    """Drop ``>`` quoted lines; a body of nothing but quotes is kept, unquoted."""
    if not any(line.startswith(">") for line in lines):
        return lines
    own = [line for line in lines if not line.startswith(">")]
    if not _words(own):
        return [_QUOTE_PREFIX.sub("", line, count=1) for line in lines]
    return own


def _words_after(lines: Sequence[str]) -> list[int]:
    """For each index, how many words the lines from there on hold."""
    after = [0] * (len(lines) + 1)
    for index in range(len(lines) - 1, -1, -1):
        after[index] = after[index + 1] + len(lines[index].split())
    return after


def _before_signature(lines: list[str]) -> list[str]:
    """Cut at ``-- `` (RFC 3676); at a bare ``--`` only when a signature-sized tail follows."""
    words_after = _words_after(lines)
    lines_after = [0] * (len(lines) + 1)
    for index in range(len(lines) - 1, -1, -1):
        lines_after[index] = lines_after[index + 1] + bool(lines[index].strip())
    for index, line in enumerate(lines):
        if line.rstrip() != "--" or words_after[0] == words_after[index]:
            continue
        small_tail = lines_after[index + 1] <= 12 and words_after[index + 1] <= 120
        if line != "--" or small_tail:
            return lines[:index]
    return lines


def _before_disclaimer(lines: list[str]) -> list[str]:
    """Cut a legal disclaimer (or "Denk aan het milieu") that ends the text."""
    words_after = _words_after(lines)
    for index, line in enumerate(lines):
        short = _short(line)
        if (
            short
            and words_after[0] > words_after[index]
            and words_after[index] <= _DISCLAIMER_WORDS
            and _DISCLAIMER.match(short)
        ):
            return lines[:index]
    return lines


def _without_device_footer(lines: list[str]) -> list[str]:
    """Drop "Verzonden vanaf mijn iPhone" and the like among the last lines."""
    kept = list(lines)
    seen = 0
    for index in range(len(kept) - 1, -1, -1):
        short = _short(kept[index])
        if not short:
            continue
        if len(short) <= 60 and _DEVICE_FOOTER.fullmatch(short) and _DEVICE.search(short):
            del kept[index]
        seen += 1
        if seen >= _DEVICE_FOOTER_LINES:
            break
    return kept


def _single_blank_lines(lines: Sequence[str]) -> list[str]:
    result: list[str] = []
    for line in lines:
        stripped = line.rstrip()
        if stripped or (result and result[-1]):
            result.append(stripped)
    return result
