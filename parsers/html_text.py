"""Readable text from the HTML of an email, roughly as a mail client would show it.

``html_to_text`` turns block elements into line breaks, lists into ``- item`` lines,
table rows into ``cell | cell`` lines, and keeps a link's address after its text.
Scripts, styles, the head, comments (Outlook's conditional comments included) and
elements hidden with ``display:none`` are dropped.  Outlook's Word HTML is read as
Outlook shows it: a ``MsoNormal`` paragraph is one line, an empty one a blank line.

It never raises and runs in linear time on hostile input.  Python 3.11's
``html.parser`` rescans to the end of the input for every construct that is never
closed (``<!--``, ``<a``, ``</x`` repeated: quadratic) and raises on ``<![<![``, so
:func:`_defuse` first rewrites the input, in one pass, into text and complete tags only:
comments, declarations and raw-text elements (``script``, ``style``) are removed there,
as are tags cut off by the end of the input (an unclosed comment or script hides the
rest of the document, as it does in a browser).  Open elements are kept on an explicit,
capped stack, so deep nesting costs neither recursion nor unbounded memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

# --- defusing ------------------------------------------------------------------

_TAG_NAME = re.compile(r"[a-zA-Z][^\t\n\r\f />\x00]*+")
_START_TAG = re.compile(
    r"""
    <[a-zA-Z][^\t\n\r\f />\x00]*+                 # tag name
    (?>
        [\s/]++                                   # separators
      | [^\s/>=][^\s/>=]*+                        # attribute name ...
        (?>\s*+=++\s*+(?>'[^']*+'|"[^"]*+"|(?!['"])[^>\s]*+))?+  # ... and value
    )*+
    >""",
    re.VERBOSE,
)
_COMMENT_END = re.compile(r"--!?>")
_RAW_TEXT_END = {
    name: re.compile(rf"</{name}[\t\n\f\r />]", re.IGNORECASE)
    for name in ("script", "style", "title", "xmp", "iframe", "noembed", "noframes")
}
_RCDATA = frozenset({"title"})
"""Raw-text elements whose start tag alone is dropped when they are never closed."""


class _Defuser:
    """One pass over the HTML that leaves only text and complete tags for html.parser."""

    def __init__(self, html: str) -> None:
        self._html = html
        self._gt = -1
        self._gt_exhausted = False
        self._raw_text_ends: dict[str, tuple[int, int]] = {}
        """Per raw-text element: (searched from, found at or -1), so no search repeats."""

    def run(self) -> str:
        html = self._html
        out: list[str] = []
        i = 0
        while i < len(html):
            j = html.find("<", i)
            if j < 0:
                out.append(html[i:])
                break
            out.append(html[i:j])
            i = self._markup(j, out)
        return "".join(out)

    def _next_gt(self, start: int) -> int:
        """The first ``>`` at or after ``start``, or -1; amortised linear over a pass."""
        if self._gt >= start:
            return self._gt
        if self._gt_exhausted:
            return -1
        self._gt = self._html.find(">", start)
        self._gt_exhausted = self._gt < 0
        return self._gt

    def _skip_to_gt(self, start: int) -> int:
        gt = self._next_gt(start)
        return gt + 1 if gt >= 0 else len(self._html)

    def _markup(self, j: int, out: list[str]) -> int:
        """Handle the ``<`` at ``j``; return where the text resumes."""
        html = self._html
        following = html[j + 1 : j + 2]
        if following.isascii() and following.isalpha():
            return self._start_tag(j, out)
        if following == "/":
            name = _TAG_NAME.match(html, j + 2)
            if name is not None and self._next_gt(j) >= 0:
                out.append(f"</{name.group().replace('<', '')}>")
            return self._skip_to_gt(j)
        if html.startswith("<!--", j):
            return self._comment_end(j)
        if following in ("!", "?"):
            return self._skip_to_gt(j)
        out.append("&lt;")
        return j + 1

    def _comment_end(self, j: int) -> int:
        html = self._html
        for empty in ("<!-->", "<!--->"):
            if html.startswith(empty, j):
                return j + len(empty)
        end = _COMMENT_END.search(html, j + 4)
        return end.end() if end else len(html)

    def _start_tag(self, j: int, out: list[str]) -> int:
        html = self._html
        match = _START_TAG.match(html, j)
        if match is not None:
            end = match.end()
            tag = match.group()
        else:
            # An attribute quote never closed: end at the first ">" and drop the quotes.
            gt = self._next_gt(j)
            if gt < 0:
                return len(html)
            end = gt + 1
            tag = html[j:end].replace('"', "").replace("'", "")
        name_match = _TAG_NAME.match(html, j + 1)
        name = name_match.group().lower() if name_match else ""
        closing = _RAW_TEXT_END.get(name)
        if closing is None:
            out.append(tag)
            return end
        close = self._raw_text_end(name, closing, end)
        if close >= 0:
            return self._skip_to_gt(close)
        return end if name in _RCDATA else len(html)

    def _raw_text_end(self, name: str, closing: re.Pattern[str], start: int) -> int:
        """Where ``</name`` next starts at or after ``start``, or -1; searched once per match."""
        searched_from, found = self._raw_text_ends.get(name, (len(self._html) + 1, -1))
        if searched_from <= start and (found < 0 or found >= start):
            return found
        match = closing.search(self._html, start)
        found = match.start() if match else -1
        self._raw_text_ends[name] = (start, found)
        return found


def _defuse(html: str) -> str:
    return _Defuser(html).run()


# --- writing text --------------------------------------------------------------


class _Writer:
    """Builds the text: collapses spaces, merges line breaks, keeps blank lines single."""

    def __init__(self) -> None:
        self._chunks: list[str] = []
        self._pending = 0
        """Newlines due before the next text."""
        self._trailing = 2
        """Newlines that end the text so far (the start counts as a paragraph break)."""
        self._space = False
        """A space is due before the next word on this line."""
        self._fresh = True
        """Nothing on this line yet, or just a marker: leading spaces are dropped."""
        self._suppress = False
        """Just after a list marker or at a cell's start: line breaks are swallowed."""
        self._separator = False
        """A cell has started: `` | `` is due if text follows on the same line."""

    def block(self, newlines: int) -> None:
        if not self._suppress:
            self._pending = max(self._pending, newlines)

    def line_break(self) -> None:
        if not self._suppress:
            self._pending = max(self._pending, self._trailing) + 1

    def _flush(self) -> None:
        need = self._pending - self._trailing
        self._pending = 0
        if need > 0 and self._chunks:
            self._chunks.append("\n" * need)
            self._trailing += need
            self._fresh = True
            self._space = False
        elif self._separator and self._trailing == 0 and self._chunks:
            self._chunks.append(" | ")
            self._fresh = True
            self._space = False
        self._separator = False

    def _append(self, text: str, *, marker: bool = False) -> None:
        self._chunks.append(text)
        self._trailing = 0
        self._fresh = marker
        self._suppress = marker
        self._space = False

    def words(self, text: str) -> None:
        """Write whitespace-collapsed text."""
        core = text.strip(" ")
        if not core:
            if text and not self._fresh:
                self._space = True
            return
        self._flush()
        if not self._fresh and (self._space or text[0] == " "):
            self._chunks.append(" ")
        self._append(core)
        self._space = text[-1] == " "

    def preformatted(self, text: str) -> None:
        """Write text as it is (inside ``<pre>``)."""
        if not text:
            return
        self._flush()
        trailing = self._trailing
        self._append(text)
        tail = len(text) - len(text.rstrip("\n"))
        self._trailing = trailing + tail if tail == len(text) else tail
        self._fresh = tail > 0

    def hold_line(self) -> None:
        """A line holding only a non-breaking space: at a line's start, keep it as blank."""
        if not self._suppress and (self._trailing > 0 or self._pending > self._trailing):
            self._flush()
            self._trailing = 0

    def marker(self, text: str) -> None:
        """Start a line with a list marker such as ``- `` or ``1. ``."""
        self._pending = max(self._pending, 1)
        self._flush()
        self._append(text, marker=True)

    def end_item(self) -> None:
        self._suppress = False

    def start_cell(self, *, first: bool) -> None:
        if first:
            self._flush()
        else:
            self._pending = 0
            self._separator = True
        self._fresh = True
        self._space = False
        self._suppress = True

    def end_cell(self) -> None:
        self._pending = 0
        self._suppress = False

    def mark(self) -> int:
        return len(self._chunks)

    def since(self, mark: int) -> str:
        return "".join(self._chunks[mark:])

    def text(self) -> str:
        lines: list[str] = []
        for raw in "".join(self._chunks).split("\n"):
            line = raw.rstrip()
            if line or (lines and lines[-1]):
                lines.append(line)
        while lines and not lines[-1]:
            lines.pop()
        return "\n".join(lines)


# --- reading HTML --------------------------------------------------------------

_BREAKS = {
    **dict.fromkeys(("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dl"), 2),
    **dict.fromkeys(("ul", "ol"), 2),
    **dict.fromkeys(
        (
            "div", "li", "tr", "table", "dt", "dd", "address", "article", "aside", "center",
            "details", "dialog", "fieldset", "figure", "figcaption", "footer", "form", "header",
            "main", "menu", "nav", "section", "summary", "caption", "body", "html",
        ),
        1,
    ),
}  # fmt: skip
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr", "basefont", "bgsound", "keygen"}
)
_HIDDEN_TAGS = frozenset({"head", "title", "script", "style", "template", "xml", "datalist"})
_HEADISH = frozenset({"head", "title"})
_HEAD_CONTENT = frozenset(
    {"head", "title", "meta", "link", "style", "script", "base", "noscript", "template", "xml"}
    | {"html", "basefont", "bgsound"}
)
_CLOSES_P = frozenset(_BREAKS) - {"li", "tr", "dt", "dd", "body", "html", "caption"}
_LISTS = frozenset({"ul", "ol"})
_CELLS = frozenset({"td", "th"})
_IMPLIED_ENDS = {
    "li": (frozenset({"li"}), _LISTS | {"table"}),
    "td": (_CELLS, frozenset({"tr", "table"})),
    "th": (_CELLS, frozenset({"tr", "table"})),
    "tr": (frozenset({"tr"}), frozenset({"table"})),
    "a": (frozenset({"a"}), frozenset()),
    "dt": (frozenset({"dt", "dd"}), frozenset({"dl"})),
    "dd": (frozenset({"dt", "dd"}), frozenset({"dl"})),
}
"""A start tag closes the nearest open element named first, unless the second comes first."""
_MAX_OPEN = 512
"""Open elements kept on the stack; deeper ones are counted, not tracked."""
_SEARCH_LIMIT = 32
"""How far down the stack an end tag looks for its element."""

_SPACES = re.compile(r"[ \t\n\r\f\xa0]+")
_INVISIBLE = re.compile("[\x00\u00ad\u034f\u200b\u2060\ufeff]")
_DISPLAY_NONE = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_SPACED = re.compile(
    r"mso-margin-bottom-alt\s*:\s*auto|margin-bottom\s*:\s*(?:[1-9]|0?\.[5-9])", re.IGNORECASE
)
"""A Word paragraph style with space below it (``margin-bottom:12.0pt``)."""
_MSO_LIST_MARKER = re.compile(r"mso-list\s*:\s*ignore", re.IGNORECASE)
_BULLETS = frozenset("·•o§▪■□◦●○Øü➢►-–*\uf0a7\uf0b7\uf0d8\uf0fc\uf076")
_USELESS_ALT = re.compile(
    r"automatisch gegenereerde beschrijving|automatically generated|^(een )?afbeelding met\b"
    r"|^a picture containing\b|^cid:|^(beschrijving|description):"
    r"|\.(png|jpe?g|gif|bmp|svg|webp|tiff?)$",
    re.IGNORECASE,
)
_GENERIC_ALT = frozenset(
    {"image", "img", "logo", "afbeelding", "foto", "photo", "picture", "icon", "spacer"}
    | {"banner", "pixel", "signature", "handtekening", "plaatje"}
)


@dataclass(slots=True)
class _Open:
    """An element still open, with what its end tag must undo or finish."""

    tag: str
    visible: bool
    hidden: bool = False
    pre: bool = False
    marker: bool = False
    breaks: int = 0
    count: int = 0
    """Items seen in a list, or cells in a table row."""
    ordered: bool = False
    href: str | None = None
    mark: int = 0


def _attributes(attrs: list[tuple[str, str | None]]) -> dict[str, str]:
    """Attributes by name, the first of duplicates winning, valueless ones as ``""``."""
    found: dict[str, str] = {}
    for name, value in attrs:
        found.setdefault(name, value or "")
    return found


def _is_hidden(attributes: dict[str, str]) -> bool:
    return "hidden" in attributes or bool(_DISPLAY_NONE.search(attributes.get("style", "")))


def _paragraph_breaks(attributes: dict[str, str]) -> int:
    """A paragraph ends with a blank line, except Word's: Outlook gives those no margin."""
    word = any(name.lower().startswith("mso") for name in attributes.get("class", "").split())
    return 1 if word and not _SPACED.search(attributes.get("style", "")) else 2


def _alt_text(attributes: dict[str, str]) -> str | None:
    """An image's alt text if it says something, not a file name or generated caption."""
    alt = _SPACES.sub(" ", attributes.get("alt", "")).strip()
    if alt.lower() in _GENERIC_ALT or _USELESS_ALT.search(alt):
        return None
    return alt if any(ch.isalnum() for ch in alt) else None


def _link_target(href: str) -> str | None:
    """A web address worth showing after a link's text; Outlook SafeLinks unwrapped."""
    href = href.strip()
    try:
        parts = urlsplit(href)
    except ValueError:
        return None
    if parts.hostname and parts.hostname.endswith("safelinks.protection.outlook.com"):
        wrapped = parse_qs(parts.query).get("url")
        if wrapped:
            return _link_target(wrapped[0])
    if parts.scheme.lower() in ("http", "https", "ftp"):
        return href
    return href if not parts.scheme and href.lower().startswith("www.") else None


def _bare(address: str) -> str:
    address = address.strip().lower().removeprefix("http://").removeprefix("https://")
    return address.removeprefix("www.").rstrip("/")


class _Extractor(HTMLParser):
    """Receives html.parser's events and writes the text a reader would see."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.writer = _Writer()
        self._stack: list[_Open] = []
        self._overflow = 0
        self._hidden = 0
        self._pre = 0
        self._lists = 0
        self._headish = 0
        self._marker_depth = 0
        self._marker_text: list[str] = []

    # html.parser events

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._headish and tag not in _HEAD_CONTENT and ":" not in tag:
            self._close_head()
        attributes = _attributes(attrs)
        if tag in _VOID:
            self._void(tag, attributes)
        elif len(self._stack) >= _MAX_OPEN:
            self._overflow += 1
        else:
            self._close_implied(tag)
            self._open(tag, attributes)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":
            self._void(tag, {})
        elif tag in _VOID or tag in ("html", "body"):
            return
        elif self._overflow:
            self._overflow -= 1
        else:
            index = self._find(frozenset({tag}))
            if index is not None:
                self._close_to(index)
            elif tag == "p" and not self._hidden:
                self.writer.block(2)  # a stray </p> is an empty paragraph to browsers

    def handle_data(self, data: str) -> None:
        if self._headish and self._stack[-1].tag == "head" and data.strip():
            self._close_head()
        if self._hidden:
            return
        data = _INVISIBLE.sub("", data)
        if self._marker_depth:
            self._marker_text.append(data)
        elif self._pre:
            self.writer.preformatted(data.replace("\r\n", "\n").replace("\r", "\n"))
        else:
            if "\xa0" in data and not data.strip(" \t\n\r\f\xa0"):
                self.writer.hold_line()
            self.writer.words(_SPACES.sub(" ", data))

    def finish(self) -> str:
        self.close()
        self._close_to(0)
        return self.writer.text()

    # the stack

    def _find(self, names: frozenset[str], stop: frozenset[str] = frozenset()) -> int | None:
        """The stack index of the nearest open element named in ``names``, not past ``stop``."""
        lowest = max(0, len(self._stack) - _SEARCH_LIMIT)
        for index in range(len(self._stack) - 1, lowest - 1, -1):
            name = self._stack[index].tag
            if name in names:
                return index
            if name in stop:
                return None
        return None

    def _close_to(self, index: int) -> None:
        while len(self._stack) > index:
            self._close(self._stack.pop())

    def _close_implied(self, tag: str) -> None:
        """Close what a new ``tag`` ends implicitly, as browsers do."""
        if tag in _CLOSES_P and self._stack and self._stack[-1].tag == "p":
            self._close_to(len(self._stack) - 1)
        rule = _IMPLIED_ENDS.get(tag)
        if rule is not None:
            index = self._find(*rule)
            if index is not None:
                self._close_to(index)

    def _close_head(self) -> None:
        for name in ("head", "title"):
            index = self._find(frozenset({name}))
            if index is not None:
                self._close_to(index)
                return

    def _open(self, tag: str, attributes: dict[str, str]) -> None:
        hidden = tag in _HIDDEN_TAGS or _is_hidden(attributes)
        element = _Open(tag, visible=not (hidden or self._hidden), hidden=hidden)
        element.pre = tag in ("pre", "listing", "plaintext")
        element.ordered = tag == "ol"
        if tag == "ol":
            start = attributes.get("start", "1").strip()
            element.count = int(start) - 1 if start.isdigit() and len(start) < 7 else 0
        element.marker = tag == "span" and bool(
            _MSO_LIST_MARKER.search(attributes.get("style", ""))
        )
        if element.visible:
            self._show_start(element, attributes)
        self._stack.append(element)
        self._count(element, 1)

    def _count(self, element: _Open, step: int) -> None:
        self._hidden += step * element.hidden
        self._pre += step * element.pre
        self._marker_depth += step * element.marker
        self._lists += step * (element.tag in ("ul", "ol"))
        self._headish += step * (element.tag in _HEADISH)

    def _show_start(self, element: _Open, attributes: dict[str, str]) -> None:
        tag = element.tag
        element.breaks = _BREAKS.get(tag, 0)
        if tag == "p":
            element.breaks = _paragraph_breaks(attributes)
        elif tag in _LISTS and self._lists:
            element.breaks = 1
        if element.breaks:
            self.writer.block(element.breaks)
        if tag == "li":
            self._list_item()
        elif tag in _CELLS:
            self._cell()
        elif tag == "a":
            element.href = _link_target(attributes.get("href", ""))
            element.mark = self.writer.mark()
        elif element.marker:
            self._marker_text = []

    def _list_item(self) -> None:
        index = self._find(_LISTS, frozenset({"table"}))
        bullet = "- "
        if index is not None and self._stack[index].ordered:
            self._stack[index].count += 1
            bullet = f"{self._stack[index].count}. "
        self.writer.marker("  " * max(0, self._lists - 1) + bullet)

    def _cell(self) -> None:
        index = self._find(frozenset({"tr"}), frozenset({"table"}))
        first = True
        if index is not None:
            row = self._stack[index]
            first = row.count == 0
            row.count += 1
        self.writer.start_cell(first=first)

    def _close(self, element: _Open) -> None:
        self._count(element, -1)
        if not element.visible:
            return
        if element.marker:
            self._write_marker()
        if element.href:
            self._write_link(element.href, element.mark)
        if element.tag in _CELLS:
            self.writer.end_cell()
        elif element.tag == "li":
            self.writer.end_item()
        if element.breaks:
            self.writer.block(element.breaks)

    def _write_marker(self) -> None:
        """Word's list bullet (``mso-list:Ignore``) as ``- `` or its number."""
        text = _SPACES.sub(" ", "".join(self._marker_text)).strip()
        if text:
            self.writer.marker("- " if text in _BULLETS else f"{text} ")

    def _write_link(self, href: str, mark: int) -> None:
        label = _SPACES.sub(" ", self.writer.since(mark)).strip()
        if label and _bare(label) != _bare(href):
            self.writer.words(f" ({href})")

    def _void(self, tag: str, attributes: dict[str, str]) -> None:
        if self._hidden or _is_hidden(attributes):
            return
        if tag == "br":
            self.writer.line_break()
        elif tag == "hr":
            self.writer.block(2)
        elif tag == "img":
            alt = _alt_text(attributes)
            if alt:
                self.writer.words(f" {alt} ")


def html_to_text(html: str) -> str:
    """The text of an HTML document as a reader sees it; never raises, linear time."""
    extractor = _Extractor()
    extractor.feed(_defuse(html))
    return extractor.finish()
