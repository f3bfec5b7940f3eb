"""The mail clients of the labelled inbox: how each one writes the message it sends.

Each writer returns an ``EmailMessage`` as the named client would have put it together
(its header fields and their order, its MIME structure and boundaries, its Message-ID);
``mailkit.deliver`` then puts our border server's trace fields on top.  The first writers
(Outlook/Exchange, a plain one, Gmail) are those the first thirty messages were written
with; the later ones (Apple Mail, Outlook.com, Thunderbird, Roundcube, Open-Xchange, IBM
Notes, HTML only) serve the ``inbox_*.py`` modules.  The bodies they carry are rendered
by ``bodies.py``.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from bodies import (
    LOGO_CID,
    flowed,
    gmail_divs,
    outlook_plain,
    quote_lines,
    word_html,
)
from mailkit import (
    OUR_ADDRESS,
    POLICY,
    b64id,
    digest,
    dkim_signature,
    hexid,
    set_boundaries,
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
    rendered = gmail_divs(text)
    if quoted is not None:
        rendered += (
            '<div class="gmail_extra"><br><div class="gmail_quote">'
            f"{html.escape(attribution, quote=False)}<br>"
            '<blockquote class="gmail_quote" style="margin:0 0 0 .8ex;'
            'border-left:1px #ccc solid;padding-left:1ex">'
            f'<div dir="ltr">{gmail_divs(original)}</div></blockquote></div><br></div>'
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
    references: str | None = None,
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
        message["References"] = references or in_reply_to
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
        (
            "Message-ID",
            f"<{token[:8]}-{token[8:12]}-{token[12:16]}-{token[16:20]}-{token[20:32]}@{domain}>",
        ),
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
    message["Date"] = format_datetime(sent)
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
