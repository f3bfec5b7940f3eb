"""A message's bytes are parsed once on their way from filing to judgement.

The reader runs these task functions in its workers; here they run in this process, so
every parse of an RFC 822 message (the email package's feed parser, under mail-parser
and the header parser alike) can be counted.
"""

from __future__ import annotations

import email.feedparser

import pytest

from intake.reading import tasks
from intake.reading.reader import judging_context, limits_for
from intake.receiving.filing import build_record
from parsers.reading import Found, assemble
from tests.support.mail import with_attachments
from tests.support.settings import call_settings


@pytest.fixture
def parses(monkeypatch):
    """How many times a message has been parsed since the test began."""
    count = [0]
    original = email.feedparser.FeedParser.__init__

    def counting(self, *args, **kwargs):
        count[0] += 1
        original(self, *args, **kwargs)

    monkeypatch.setattr(email.feedparser.FeedParser, "__init__", counting)
    return count


def test_filing_reading_and_judging_parse_the_bytes_once(parses, tmp_path):
    settings = call_settings(tmp_path)
    raw = with_attachments(1, "nomination-1page-a4.pdf", "nomination-1page-a4.docx")

    record = build_record(raw, origin="import", origin_detail="test")
    assert record.message_id and parses[0] == 0  # filing reads no MIME

    parsed, envelope = tasks.read_message(raw, limits_for(settings), ())
    assert parses[0] == 1
    found = []
    for index, part in enumerate(parsed.parts):
        read = tasks.read_part(part, limits_for(settings))
        found.append(
            Found(
                (index,),
                part.filename,
                part.content_type,
                part.inline,
                read.kind,
                read.size,
                read.sha256,
                read.extracted,
            )
        )
    reading = assemble(
        header=parsed.header,
        envelope=envelope,
        structure=parsed.structure,
        body_text=parsed.body_text,
        body_source=parsed.body_source,
        own_text=parsed.own_text,
        found=found,
        problems=parsed.problems,
        words_per_page=500,
    )
    judgements = tasks.judge_reading(reading, judging_context(settings))
    assert parses[0] == 1  # the attachments and the judgements read the one value
    assert judgements.kind == "nomination" and len(reading.attachments) == 2
    assert reading.envelope.subject == "Voordracht nr. 1"
