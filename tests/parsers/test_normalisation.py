"""Text leaves the parsers in NFC: the same words, however the sender's system wrote them.

macOS and some web mailers send decomposed Unicode (NFD: "e" + a combining diaeresis).
The parsers hand out every text normalised to NFC once — body, header values, file
names, document text — so nothing downstream (sentences, criteria, nominees) sees the
difference.
"""

from __future__ import annotations

import base64
import unicodedata
from email.message import EmailMessage

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.extract import extract_document
from parsers.message import parse_message
from parsers.model import Limits

WORDS = [
    "Cliëntondersteuning",
    "staat",
    "hoog",
    "op",
    "de",
    "agenda",
    "van",
    "gemeenteraad",
    "adviesraad",
    "İ",
    "ﬁ",
    "ß",
    "café",
    "één",
    "ervaringsdeskundigen",
    "samen",
    "met",
    "inwoners",
    "\n",
    "\n\n",
    "-",
    ".",
    "Zuidwest-Fryslân",
    "Súdwest-Fryslân",
    "co-creatie",
]
texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=60).map(" ".join)


def mail(body: str, subject: str, filename: str) -> bytes:
    """The subject as one RFC 2047 encoded word: the email package's own folding may
    split it between two non-ASCII words, and a decoder then rightly drops the space."""
    message = EmailMessage()
    message["From"] = "wmo@utrecht.nl"
    message["Subject"] = "SUBJECT"
    message.set_content(body)
    message.add_attachment(body.encode(), maintype="text", subtype="plain", filename=filename)
    encoded = base64.b64encode(subject.encode()).decode()
    return bytes(message).replace(b"Subject: SUBJECT", f"Subject: =?utf-8?b?{encoded}?=".encode())


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@settings(max_examples=60, deadline=None)
@given(texts)
def test_decomposed_text_is_read_as_composed(text):
    subject = "Voordracht " + " ".join(text.split())[:40]
    composed = parse_message(mail(text, subject, "één.txt"))
    decomposed = parse_message(mail(nfd(text), nfd(subject), nfd("één.txt")))
    assert decomposed.body_text == composed.body_text
    assert unicodedata.is_normalized("NFC", decomposed.body_text)
    assert decomposed.own_text == composed.own_text
    assert decomposed.header.first("subject") == composed.header.first("subject")
    assert decomposed.parts[0].filename == composed.parts[0].filename == "één.txt"


@settings(max_examples=60, deadline=None)
@given(texts)
def test_decomposed_document_text_is_composed(text):
    _, composed = extract_document(text.encode(), Limits())
    _, decomposed = extract_document(nfd(text).encode(), Limits())
    assert decomposed.text == composed.text
    assert unicodedata.is_normalized("NFC", decomposed.text)
