"""The mail clients of the labelled inbox: how each one writes the message it sends.

Bodies are written in a small markup (see ``blocks``) and rendered as the client would;
each writer returns an ``EmailMessage`` that ``mailkit.deliver`` puts our border server's
trace fields on.  The first writers (Outlook/Exchange, a plain one, Gmail) are those the
first thirty messages were written with; the later ones (Apple Mail, Outlook.com,
webmail, Thunderbird, HTML-only, quoted replies and forwards, report messages) serve the
messages of the ``inbox_*.py`` modules.
"""

from __future__ import annotations

import html
import struct
import textwrap
import zlib
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from mailkit import (
    OUR_ADDRESS,
    POLICY,
    b64id,
    digest,
    dkim_signature,
    dutch_date,
    hexid,
    set_boundaries,
)

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


# --- message writers per client -------------------------------------------------------


def outlook_message(
    *,
    seed: str,
    sender: str,
    subject: str,
    sent: datetime,
    message_id: str,
    markup: str,
    charset: str = "utf-8",
    disclaimer: str | None = None,
    logo: bytes | None = None,
    attachments: Sequence[tuple[bytes, str, str, str]] = (),
    thread_topic: str | None = None,
    in_reply_to: str | None = None,
    quoted: tuple[str, str] | None = None,
    originating_ip: str = "[10.20.30.41]",
    references: str | None = None,
) -> EmailMessage:
    """A message as Outlook 2016 on an on-premises Exchange server sends it (no X-Mailer)."""
    message = EmailMessage(policy=POLICY)
    message["From"] = sender
    message["To"] = f'"{OUR_ADDRESS}" <{OUR_ADDRESS}>'
    message["Subject"] = subject
    message["Thread-Topic"] = thread_topic or subject
    message["Thread-Index"] = b64id(seed + "/thread", 22 if in_reply_to is None else 27)
    message["Date"] = format_datetime(sent)
    message["Message-ID"] = message_id
    if in_reply_to is not None:
        message["References"] = references or in_reply_to
        message["In-Reply-To"] = in_reply_to
    message["Accept-Language"] = "nl-NL, en-US"
    message["X-MS-Has-Attach"] = "yes" if attachments else ""
    message["X-MS-TNEF-Correlator"] = ""
    message["x-ms-exchange-transport-fromentityheader"] = "Hosted"
    message["x-originating-ip"] = originating_ip
    text = outlook_plain(markup, disclaimer, quoted[0] if quoted else None)
    message.set_content(text, charset=charset, cte="quoted-printable")
    body_html = word_html(
        markup,
        charset=charset,
        disclaimer=disclaimer,
        quoted_html=quoted[1] if quoted else None,
    )
    message.add_alternative(body_html, subtype="html", charset=charset, cte="quoted-printable")
    if logo is not None:
        html_part = message.get_payload()[1]
        html_part.add_related(
            logo, maintype="image", subtype="png", cid=f"<{LOGO_CID}>", filename="image001.png"
        )
        related = message.get_payload()[1]
        related.get_payload()[1].replace_header(
            "Content-Disposition", 'inline; filename="image001.png"'
        )
        related.get_payload()[1]["Content-Description"] = "image001.png"
    for data, maintype, subtype, filename in attachments:
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
        part = message.get_payload()[-1]
        part["Content-Description"] = filename
        part.set_param("size", str(len(data)), header="Content-Disposition")
        stamp = format_datetime(sent - timedelta(minutes=3))
        part.set_param("creation-date", stamp, header="Content-Disposition")
        part.set_param("modification-date", stamp, header="Content-Disposition")
    message["Content-Language"] = "nl-NL"
    set_boundaries(message, seed, "outlook")
    return message


def plain_message(
    *,
    seed: str,
    headers: Sequence[tuple[str, str]],
    text: str,
    charset: str = "utf-8",
    cte: str = "quoted-printable",
    params: dict[str, str] | None = None,
    tail_headers: Sequence[tuple[str, str]] = (),
) -> EmailMessage:
    """A single text/plain message with the given header fields, in that order."""
    message = EmailMessage(policy=POLICY)
    for name, value in headers:
        if not name.lower().startswith("content-"):
            message[name] = value
    message.set_content(text, charset=charset, cte=cte, params=params or {})
    for name, value in [*headers, *tail_headers]:
        if name.lower().startswith("content-") or (name, value) in tail_headers:
            message[name] = value
    set_boundaries(message, seed, "plain")
    return message


def gmail_message(
    *,
    seed: str,
    sender: Address,
    subject: str,
    sent: datetime,
    text: str,
    in_reply_to: str | None = None,
    references: str | None = None,
    quoted: tuple[str, str] | None = None,
    attachments: Sequence[tuple[bytes, str, str, str]] = (),
    extra_headers: Sequence[tuple[str, str]] = (),
) -> EmailMessage:
    """A message as the Gmail web client sends it: plain and a div-per-line HTML part.

    A reply gives ``in_reply_to`` and ``quoted`` (the attribution line and the text it
    quotes), which Gmail puts below the reply as "> " lines and a gmail_quote blockquote.
    """
    message = EmailMessage(policy=POLICY)
    message["MIME-Version"] = "1.0"
    if in_reply_to is not None:
        message["References"] = references or in_reply_to
        message["In-Reply-To"] = in_reply_to
    for name, value in extra_headers:
        message[name] = value
    message["From"] = sender
    message["Date"] = format_datetime(sent)
    message["Message-ID"] = f"<CA{b64id(seed + '/mid', 45).replace('/', '_')}@mail.gmail.com>"
    message["Subject"] = subject
    message["To"] = OUR_ADDRESS
    body = text
    if quoted is not None:
        attribution, original = quoted
        body = text + "\n" + attribution + "\n\n" + quote_lines(original) + "\n"
    message.set_content(body, charset="utf-8", cte="quoted-printable")
    rendered = _gmail_divs(text)
    if quoted is not None:
        rendered += (
            '<div class="gmail_extra"><br><div class="gmail_quote">'
            f"{html.escape(attribution, quote=False)}<br>"
            '<blockquote class="gmail_quote" style="margin:0 0 0 .8ex;'
            'border-left:1px #ccc solid;padding-left:1ex">'
            f'<div dir="ltr">{_gmail_divs(original)}</div></blockquote></div><br></div>'
        )
    message.add_alternative(
        f'<div dir="ltr">{rendered}</div>\n',
        subtype="html",
        charset="utf-8",
        cte="quoted-printable",
    )
    for data, maintype, subtype, filename in attachments:
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
        message.get_payload()[-1]["X-Attachment-Id"] = f"f_{hexid(seed + filename, 9, False)}"
    set_boundaries(message, seed, "gmail")
    return message


def _gmail_divs(text: str) -> str:
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


def gmail_trace(sent: datetime, seed: str) -> list[str]:
    pacific = format_datetime(sent.astimezone(timezone(-timedelta(hours=7))))
    return [
        f"Received: by mail-wr0-f176.google.com with SMTP id {hexid(seed + '/gid', 8, False)}"
        "so2481230wrb.0\n"
        f"        for <{OUR_ADDRESS}>; {pacific} (PDT)",
        dkim_signature("gmail.com", "20161025", sent, seed),
        "X-Google-DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;\n"
        "        d=1e100.net; s=20161025;\n"
        "        h=x-gm-message-state:mime-version:from:date:message-id:subject:to;\n"
        f"        bh={b64id(seed + '/bh', 32)};\n"
        f"        b={b64id(seed + '/gb', 60)}",
        f"X-Gm-Message-State: AODbwc{b64id(seed + '/state', 40)}",
        f"X-Received: by 10.223.130.1 with SMTP id 1mr{hexid(seed + '/xr', 10, False)}wrb.0;\n"
        f"        {pacific} (PDT)",
    ]


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


# --- more clients: the rest of the inbox ----------------------------------------------


def submission_hop(server: str, client_ip: str, sent: datetime, seed: str) -> str:
    """The Received field a sender's own mail server writes when a desktop client submits."""
    queue_id = "3w" + b64id(seed + "/sub", 9).replace("+", "").replace("/", "")[:10]
    return (
        f"Received: from [{client_ip}] (unknown [{client_ip}])\n"
        f"\tby {server} (Postfix) with ESMTPSA id {queue_id}\n"
        f"\tfor <{OUR_ADDRESS}>; {format_datetime(sent + timedelta(seconds=1))}"
    )


def apple_uuid(seed: str) -> str:
    token = hexid(seed + "/apple", 32)
    return f"{token[:8]}-{token[8:12]}-{token[12:16]}-{token[16:20]}-{token[20:32]}"


def apple_mail_message(
    *,
    seed: str,
    sender: str,
    subject: str,
    sent: datetime,
    text: str,
    domain: str,
    attachments: Sequence[tuple[bytes, str, str, str]] = (),
    in_reply_to: str | None = None,
) -> EmailMessage:
    """A message as Apple Mail 10.3 (macOS Sierra) sends it: plain and a div-per-line HTML."""
    message = EmailMessage(policy=POLICY)
    message["From"] = sender
    message["Message-Id"] = f"<{apple_uuid(seed)}@{domain}>"
    message["Mime-Version"] = "1.0 (Mac OS X Mail 10.3 \\(3273\\))"
    message["Subject"] = subject
    message["Date"] = format_datetime(sent)
    if in_reply_to is not None:
        message["References"] = in_reply_to
        message["In-Reply-To"] = in_reply_to
    message["To"] = OUR_ADDRESS
    message["X-Mailer"] = "Apple Mail (2.3273)"
    message.set_content(text, charset="utf-8", cte="quoted-printable")
    lines = "".join(
        f'<div class="">{html.escape(line, quote=False)}</div>'
        if line
        else '<div class=""><br class=""></div>'
        for line in text.rstrip("\n").split("\n")
    )
    message.add_alternative(
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>'
        '<body style="word-wrap: break-word; -webkit-nbsp-mode: space; '
        f'-webkit-line-break: after-white-space;" class="">{lines}</body></html>',
        subtype="html",
        charset="utf-8",
        cte="quoted-printable",
    )
    for data, maintype, subtype, filename in attachments:
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    set_boundaries(message, seed, "apple")
    return message


def outlook_com_message(
    *,
    seed: str,
    sender: str,
    subject: str,
    sent: datetime,
    text: str,
    mailbox: str = "HE1PR0701MB2650",
    attachments: Sequence[tuple[bytes, str, str, str]] = (),
    in_reply_to: str | None = None,
    quoted: tuple[str, str] | None = None,
) -> EmailMessage:
    """A message as Outlook.com (hotmail.com, outlook.com) sent it from the browser in 2017.

    ``quoted`` is the plain and HTML form of the message replied to (``outlook_quote``).
    """
    message = EmailMessage(policy=POLICY)
    message["From"] = sender
    message["To"] = f'"{OUR_ADDRESS}" <{OUR_ADDRESS}>'
    message["Subject"] = subject
    message["Thread-Topic"] = subject.removeprefix("RE: ").removeprefix("Re: ")
    message["Thread-Index"] = b64id(seed + "/thread", 22 if in_reply_to is None else 27)
    message["Date"] = format_datetime(sent)
    message["Message-ID"] = f"<{mailbox}{hexid(seed, 20)}@{mailbox}.eurprd07.prod.outlook.com>"
    if in_reply_to is not None:
        message["References"] = in_reply_to
        message["In-Reply-To"] = in_reply_to
    message["Accept-Language"] = "nl-NL, en-US"
    message["Content-Language"] = "nl-NL"
    message["X-MS-Has-Attach"] = "yes" if attachments else ""
    message["X-MS-TNEF-Correlator"] = ""
    message["x-ms-exchange-transport-fromentityheader"] = "Hosted"
    plain_text = text if quoted is None else text + "\n" + "_" * 32 + "\n" + quoted[0]
    message.set_content(plain_text, charset="utf-8", cte="quoted-printable")
    paragraphs = "".join(
        f"<p>{'<br>'.join(html.escape(line, quote=False) for line in block.split(chr(10)))}</p>"
        "\n<p><br>\n</p>\n"
        for block in text.strip("\n").split("\n\n")
    )
    quoted_html = ""
    if quoted is not None:
        quoted_html = (
            '<hr style="display:inline-block;width:98%" tabindex="-1">\n'
            '<div id="divRplyFwdMsg" dir="ltr">' + quoted[1] + "</div>\n"
        )
    message.add_alternative(
        '<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
        '<style type="text/css" style="display:none;"><!-- P {margin-top:0;margin-bottom:0;} '
        '--></style>\n</head>\n<body dir="ltr">\n'
        '<div id="divtagdefaultwrapper" style="font-size:12pt;color:#000000;'
        'font-family:Calibri,Helvetica,sans-serif;" dir="ltr">\n'
        f"{paragraphs}</div>\n{quoted_html}</body>\n</html>\n",
        subtype="html",
        charset="utf-8",
        cte="quoted-printable",
    )
    for data, maintype, subtype, filename in attachments:
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
        message.get_payload()[-1]["Content-Description"] = filename
    set_boundaries(message, seed, "outlook")
    return message


def outlook_com_trace(sent: datetime, seed: str, domain: str, mailbox: str) -> list[str]:
    local = format_datetime(sent + timedelta(seconds=1))
    return [
        dkim_signature(domain, "selector1", sent, seed),
        f"Received: from {mailbox}.eurprd07.prod.outlook.com (2603:10a6:3:2f::19) by\n"
        f" {mailbox}.eurprd07.prod.outlook.com (2603:10a6:3:2f::19) with Microsoft SMTP\n"
        " Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384_P384) id\n"
        f" 15.1.1101.14; {local}",
    ]


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


def outlook_com_quote(*, sender: str, sent: datetime, subject: str, text: str) -> tuple[str, str]:
    """The plain and HTML form of a message quoted below an Outlook.com reply."""
    plain_text = (
        f"Van: {sender}\nVerzonden: {dutch_date(sent)}\nAan: {OUR_ADDRESS}\n"
        f"Onderwerp: {subject}\n\n{text}"
    )
    quoted_html = (
        '<font face="Calibri, sans-serif" style="font-size:11pt" color="#000000">'
        f"<b>Van:</b> {html.escape(sender, quote=False)}<br>\n"
        f"<b>Verzonden:</b> {dutch_date(sent)}<br>\n<b>Aan:</b> {OUR_ADDRESS}<br>\n"
        f"<b>Onderwerp:</b> {html.escape(subject, quote=False)}</font>\n<div>&nbsp;</div>\n"
        + "".join(
            f"<div>{'<br>'.join(html.escape(line, quote=False) for line in block.split(chr(10)))}"
            "</div>\n<div><br></div>\n"
            for block in text.strip("\n").split("\n\n")
        )
    )
    return plain_text, quoted_html


def thunderbird_message(
    *,
    seed: str,
    sender: str,
    subject: str,
    sent: datetime,
    text: str,
    domain: str,
    in_reply_to: str | None = None,
    references: str | None = None,
) -> EmailMessage:
    """A plain format=flowed message as Thunderbird 52 sends it."""
    token = digest(seed)
    headers = [("Subject", subject)]
    if in_reply_to is not None:
        headers.append(("References", references or in_reply_to))
    headers += [
        ("To", OUR_ADDRESS),
        ("From", sender),
        ("Message-ID", f"<{token[:8]}-{token[8:12]}-{token[12:16]}-{token[16:28]}@{domain}>"),
        ("Date", format_datetime(sent)),
        (
            "User-Agent",
            "Mozilla/5.0 (Windows NT 10.0; WOW64; rv:52.0) Gecko/20100101 Thunderbird/52.1.1",
        ),
    ]
    if in_reply_to is not None:
        headers.append(("In-Reply-To", in_reply_to))
    headers.append(("MIME-Version", "1.0"))
    return plain_message(
        seed=seed,
        headers=headers,
        text=flowed(text) + "\n",
        cte="8bit",
        params={"format": "flowed"},
        tail_headers=[("Content-Language", "nl")],
    )


def roundcube_message(
    *, seed: str, sender: str, subject: str, sent: datetime, text: str, domain: str
) -> EmailMessage:
    """A plain format=flowed message from Roundcube webmail (xs4all, kpnmail, providers)."""
    address = sender.rpartition("<")[2].rstrip(">")
    return plain_message(
        seed=seed,
        headers=[
            ("MIME-Version", "1.0"),
            ("Date", format_datetime(sent)),
            ("From", sender),
            ("To", OUR_ADDRESS),
            ("Subject", subject),
            ("Message-ID", f"<{hexid(seed, 32, False)}@{domain}>"),
            ("X-Sender", address),
            ("User-Agent", "Roundcube Webmail/1.2.4"),
        ],
        text=flowed(text) + "\n",
        cte="8bit",
        params={"format": "flowed"},
    )


def open_xchange_message(
    *, seed: str, sender: str, subject: str, sent: datetime, text: str, domain: str
) -> EmailMessage:
    """A message from the Open-Xchange App Suite webmail (ziggo.nl): plain and HTML."""
    stamp = int(sent.timestamp() * 1000)
    message = EmailMessage(policy=POLICY)
    message["Date"] = format_datetime(sent).replace("+0200", "+0200 (CEST)")
    message["From"] = sender
    message["To"] = OUR_ADDRESS
    message["Message-ID"] = (
        f"<{int(hexid(seed, 8), 16) % 2_000_000_000}.{int(hexid(seed + 'x', 5), 16)}."
        f"{stamp}@{domain}>"
    )
    message["Subject"] = subject
    message["MIME-Version"] = "1.0"
    message.set_content(text, charset="utf-8", cte="quoted-printable")
    paragraphs = "".join(
        f"<div>{html.escape(line, quote=False) or '<br>'}</div>\n"
        for line in text.rstrip("\n").split("\n")
    )
    message.add_alternative(
        '<!doctype html>\n<html>\n <head> \n  <meta charset="UTF-8"> \n </head>\n <body>\n'
        f"{paragraphs} </body>\n</html>\n",
        subtype="html",
        charset="utf-8",
        cte="quoted-printable",
    )
    message["X-Priority"] = "3"
    message["Importance"] = "Medium"
    message["X-Mailer"] = "Open-Xchange Mailer v7.8.3-Rev27"
    message["X-Originating-Client"] = "open-xchange-appsuite"
    set_boundaries(message, seed, "plain")
    return message


def html_only_message(
    *, seed: str, headers: Sequence[tuple[str, str]], body_html: str
) -> EmailMessage:
    """A message whose only body is text/html, as some webmail and mailing tools send."""
    message = EmailMessage(policy=POLICY)
    for name, value in headers:
        message[name] = value
    message.set_content(body_html, subtype="html", charset="utf-8", cte="quoted-printable")
    set_boundaries(message, seed, "plain")
    return message


def notes_message(
    *,
    seed: str,
    sender: str,
    subject: str,
    sent: datetime,
    text: str,
    domain: str,
    router: str,
) -> EmailMessage:
    """A message as IBM Notes 9 sends it: ISO-8859-1 plain and a <font> HTML alternative."""
    notes_id = f"OF{hexid(seed, 8)}.{hexid(seed + 'x', 8)}-ONC1258131.0034A1B2"
    message = EmailMessage(policy=POLICY)
    message["To"] = OUR_ADDRESS
    message["MIME-Version"] = "1.0"
    message["Subject"] = subject
    message["X-KeepSent"] = f"{hexid(seed + 'k', 8)}:{hexid(seed + 'l', 8)}-C1258131:0034A1B2;"
    message["X-Mailer"] = "IBM Notes Release 9.0.1FP8 April 25, 2017"
    message["Message-ID"] = f"<{notes_id}-C1258131.0034B3C4@{domain}>"
    message["From"] = sender
    message["Date"] = format_datetime(sent)
    message["X-MIMETrack"] = (
        f"Serialize by Router on {router}(Release 9.0.1FP8|April 25, 2017) at "
        f"{sent:%d-%m-%Y %H:%M:%S}"
    )
    message.set_content(text, charset="iso-8859-1", cte="quoted-printable")
    rendered = "<br>\n".join(html.escape(line, quote=False) for line in text.split("\n"))
    message.add_alternative(
        f'<font size=2 face="sans-serif">{rendered}</font>\n',
        subtype="html",
        charset="iso-8859-1",
        cte="quoted-printable",
    )
    set_boundaries(message, seed, "notes")
    return message
