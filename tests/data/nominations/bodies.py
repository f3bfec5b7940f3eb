"""What goes inside a message: bodies as each client renders them, and quoted text.

Bodies are written in a small markup (see ``blocks``); ``plain`` renders it as a person
types it, ``outlook_plain`` and ``word_html`` as Outlook writes the two alternatives of one
message.  The quoting helpers write the text a reply or forward carries below it: "> "
lines, Outlook's "Van:/Verzonden:" block, Outlook.com's, format=flowed wrapping.
"""

from __future__ import annotations

import html
import struct
import textwrap
import zlib
from datetime import datetime

from mailkit import OUR_ADDRESS, dutch_date

# --- bodies ---------------------------------------------------------------------------
#
# Bodies are written in a small markup: blocks separated by blank lines; a line starting
# with "# " is a heading, "- " a bullet, "[logo]" the signature logo.  plain() renders it
# as a person types it; outlook_plain() and word_html() as Outlook writes the two
# alternatives of one message.

LOGO_CID = "image001.png@01D2D86A.4C3B2E10"


def blocks(markup: str) -> list[list[str]]:
    text = textwrap.dedent(markup).strip("\n")
    return [block.split("\n") for block in text.split("\n\n")]


def plain(markup: str) -> str:
    out = []
    for block in blocks(markup):
        lines = []
        for line in block:
            if line.startswith("# "):
                lines.append(line[2:])
            elif line == "[logo]":
                continue
            else:
                lines.append(line)
        out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


def outlook_plain(markup: str, disclaimer: str | None = None, quoted: str | None = None) -> str:
    out = []
    for block in blocks(markup):
        lines = []
        for line in block:
            if line.startswith("# "):
                lines.append(line[2:])
            elif line.startswith("- "):
                lines.append("·         " + line[2:])
            elif line == "[logo]":
                lines.append(f"[cid:{LOGO_CID}]")
            else:
                lines.append(line)
        out.append("\n".join(lines))
    text = "\n\n".join(out) + "\n"
    if quoted is not None:
        text += "\n" + quoted
    if disclaimer is not None:
        text += "\n" + disclaimer + "\n"
    return text


WORD_HEAD = """\
<html xmlns:v="urn:schemas-microsoft-com:vml" \
xmlns:o="urn:schemas-microsoft-com:office:office" \
xmlns:w="urn:schemas-microsoft-com:office:word" \
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" \
xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<meta name="Generator" content="Microsoft Word 15 (filtered medium)">
<!--[if !mso]><style>v\\:* {{behavior:url(#default#VML);}}
o\\:* {{behavior:url(#default#VML);}}
w\\:* {{behavior:url(#default#VML);}}
.shape {{behavior:url(#default#VML);}}
</style><![endif]--><style><!--
/* Font Definitions */
@font-face
\t{{font-family:Symbol;
\tpanose-1:5 5 1 2 1 7 6 2 5 7;}}
@font-face
\t{{font-family:"Cambria Math";
\tpanose-1:2 4 5 3 5 4 6 3 2 4;}}
@font-face
\t{{font-family:Calibri;
\tpanose-1:2 15 5 2 2 2 4 3 2 4;}}
/* Style Definitions */
p.MsoNormal, li.MsoNormal, div.MsoNormal
\t{{margin:0cm;
\tmargin-bottom:.0001pt;
\tfont-size:11.0pt;
\tfont-family:"Calibri",sans-serif;
\tmso-fareast-language:EN-US;}}
a:link, span.MsoHyperlink
\t{{mso-style-priority:99;
\tcolor:#0563C1;
\ttext-decoration:underline;}}
p.MsoListParagraph, li.MsoListParagraph, div.MsoListParagraph
\t{{mso-style-priority:34;
\tmargin-top:0cm;
\tmargin-right:0cm;
\tmargin-bottom:0cm;
\tmargin-left:36.0pt;
\tmargin-bottom:.0001pt;
\tfont-size:11.0pt;
\tfont-family:"Calibri",sans-serif;}}
span.E-mailStijl17
\t{{mso-style-type:personal-compose;
\tfont-family:"Calibri",sans-serif;
\tcolor:windowtext;}}
.MsoChpDefault
\t{{mso-style-type:export-only;
\tfont-family:"Calibri",sans-serif;
\tmso-fareast-language:EN-US;}}
@page WordSection1
\t{{size:612.0pt 792.0pt;
\tmargin:70.85pt 70.85pt 70.85pt 70.85pt;}}
div.WordSection1
\t{{page:WordSection1;}}
--></style><!--[if gte mso 9]><xml>
<o:shapedefaults v:ext="edit" spidmax="1026" />
</xml><![endif]--><!--[if gte mso 9]><xml>
<o:shapelayout v:ext="edit">
<o:idmap v:ext="edit" data="1" />
</o:shapelayout></xml><![endif]-->
</head>
<body lang="NL" link="#0563C1" vlink="#954F72">
<div class="WordSection1">
"""

EMPTY_P = '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>'


def _bullet(text: str, position: str) -> str:
    return (
        f'<p class="MsoListParagraphCxSp{position}" '
        'style="text-indent:-18.0pt;mso-list:l0 level1 lfo1">'
        '<![if !supportLists]><span style="font-family:Symbol">'
        '<span style="mso-list:Ignore">·<span style="font:7.0pt &quot;Times New Roman&quot;">'
        "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>"
        f"{html.escape(text, quote=False)}<o:p></o:p></p>"
    )


def word_html(
    markup: str,
    *,
    charset: str = "utf-8",
    disclaimer: str | None = None,
    quoted_html: str | None = None,
) -> str:
    parts = [WORD_HEAD.format(charset=charset)]
    all_blocks = blocks(markup)
    for number, block in enumerate(all_blocks):
        bullets = [line for line in block if line.startswith("- ")]
        seen_bullets = 0
        for line in block:
            if line.startswith("# "):
                parts.append(
                    f'<p class="MsoNormal"><b>{html.escape(line[2:], quote=False)}'
                    "<o:p></o:p></b></p>"
                )
            elif line.startswith("- "):
                seen_bullets += 1
                if seen_bullets == 1:
                    position = "First"
                elif seen_bullets == len(bullets):
                    position = "Last"
                else:
                    position = "Middle"
                parts.append(_bullet(line[2:], position))
            elif line == "[logo]":
                parts.append(
                    '<p class="MsoNormal"><img width="132" height="44" '
                    f'id="Afbeelding_x0020_1" src="cid:{LOGO_CID}" alt="logo"><o:p></o:p></p>'
                )
            elif not line:
                parts.append(EMPTY_P)
            else:
                escaped = html.escape(line, quote=False)
                parts.append(f'<p class="MsoNormal">{escaped}<o:p></o:p></p>')
        if number < len(all_blocks) - 1:
            parts.append(EMPTY_P)
    if quoted_html is not None:
        parts.append(EMPTY_P)
        parts.append(quoted_html)
    parts.append("</div>")
    if disclaimer is not None:
        parts.append(
            '<p style="font-size:8pt;font-family:Arial,sans-serif;color:#808080">'
            f"{html.escape(disclaimer, quote=False)}</p>"
        )
    parts.append("</body>\n</html>\n")
    return "\n".join(parts)


def tiny_png(rgb: tuple[int, int, int], width: int = 132, height: int = 44) -> bytes:
    """A plain-coloured PNG: a stand-in for a municipal logo in an e-mail signature."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    row = b"\x00" + bytes(rgb) * width
    raw = row * height
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def gmail_divs(text: str) -> str:
    paragraphs = text.strip("\n").split("\n\n")
    return "<div><br></div>".join(
        "<div>" + "<br>".join(html.escape(line, quote=False) for line in p.split("\n")) + "</div>"
        for p in paragraphs
    )


def quote_lines(text: str, width: int = 0) -> str:
    """Text quoted with "> " before every line, as mail clients quote in a reply.

    With a ``width`` the long lines are wrapped first (Thunderbird, format=flowed).
    """
    lines = text.strip("\n").split("\n")
    if width:
        lines = [
            piece
            for line in lines
            for piece in (textwrap.wrap(line, width, break_on_hyphens=False) or [""])
        ]
    return "\n".join(("> " + line) if line else ">" for line in lines)


def flowed(text: str, width: int = 72) -> str:
    """Wrap text as format=flowed: soft line breaks end in a space (RFC 3676)."""
    out = []
    for line in text.split("\n"):
        if len(line) <= width or line == "-- ":
            out.append(line.rstrip(" ") if line != "-- " else line)
            continue
        pieces = textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False)
        out.extend(piece + " " for piece in pieces[:-1])
        out.append(pieces[-1])
    return "\n".join(out)


def outlook_quote(
    *, sender: str, sent: datetime, to: str, subject: str, text: str, mailto: bool = False
) -> tuple[str, str]:
    """The plain and HTML form of a message Outlook quotes below a reply or forward."""
    shown = html.escape(sender, quote=False)
    if mailto:
        name, _, address = sender.partition(" <")
        sender = f"{name} [mailto:{address.rstrip('>')}] "
        shown = html.escape(sender, quote=False)
    plain_text = (
        f"Van: {sender}\nVerzonden: {dutch_date(sent)}\nAan: {to}\nOnderwerp: {subject}\n\n" + text
    )
    paragraphs = "\n".join(
        '<p class="MsoNormal">'
        + "<br>\n".join(html.escape(line, quote=False) for line in block.split("\n"))
        + "<o:p></o:p></p>\n"
        + EMPTY_P
        for block in text.strip("\n").split("\n\n")
    )
    quoted_html = (
        '<div>\n<div style="border:none;border-top:solid #E1E1E1 1.0pt;'
        'padding:3.0pt 0cm 0cm 0cm">\n<p class="MsoNormal"><b><span lang="NL">Van:</span></b>'
        f'<span lang="NL"> {shown}<br>\n'
        f"<b>Verzonden:</b> {dutch_date(sent)}<br>\n"
        f"<b>Aan:</b> {html.escape(to, quote=False)}<br>\n"
        f"<b>Onderwerp:</b> {html.escape(subject, quote=False)}<o:p></o:p></span></p>\n"
        "</div>\n</div>\n" + EMPTY_P + "\n" + paragraphs
    )
    return plain_text, quoted_html


def outlook_com_quote(
    *, sender: str, sent: datetime, subject: str, text: str, to: str = OUR_ADDRESS
) -> tuple[str, str]:
    """The plain and HTML form of a message quoted below an Outlook.com reply."""
    plain_text = (
        f"Van: {sender}\nVerzonden: {dutch_date(sent)}\nAan: {to}\nOnderwerp: {subject}\n\n{text}"
    )
    quoted_html = (
        '<font face="Calibri, sans-serif" style="font-size:11pt" color="#000000">'
        f"<b>Van:</b> {html.escape(sender, quote=False)}<br>\n"
        f"<b>Verzonden:</b> {dutch_date(sent)}<br>\n"
        f"<b>Aan:</b> {html.escape(to, quote=False)}<br>\n"
        f"<b>Onderwerp:</b> {html.escape(subject, quote=False)}</font>\n<div>&nbsp;</div>\n"
        + "".join(
            f"<div>{'<br>'.join(html.escape(line, quote=False) for line in block.split(chr(10)))}"
            "</div>\n<div><br></div>\n"
            for block in text.strip("\n").split("\n\n")
        )
    )
    return plain_text, quoted_html
