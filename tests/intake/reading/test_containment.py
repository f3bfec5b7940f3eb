"""Every failure is contained to its message: the next message is still read and judged.

Each hostile message below aims at one step (parsing the MIME tree, the header, the
parts, decoding, extracting, judging, the process's memory and time); each is followed
by an ordinary nomination that must come out judged as ever.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from intake.reading.reader import MessageReader
from parsers.model import ProblemCode
from tests.support import hostile, workload
from tests.support.mail import nomination
from tests.support.settings import call_settings


def make_settings(tmp_path: Path, **parsing):
    return call_settings(tmp_path, parsing={"workers": 2, "max_document_mb": 5, **parsing})


ORDINARY = (
    "Geachte jury,\n\nHierbij dragen wij de gemeente Zeist voor als koploper "
    "cliëntondersteuning. Het staat hoog op de agenda van de gemeenteraad.\n\n"
    "Met vriendelijke groet,\nWmo-raad\n"
)


def read_pairs(reader, hostiles):
    """Read each hostile message followed by an ordinary one; the results by name."""
    messages = []
    for number, (name, raw) in enumerate(hostiles.items()):
        messages += [(name, raw), (f"after {name}", nomination(number, body=ORDINARY))]
    return dict(reader.read(messages))


def codes(problems):
    return {str(problem.code) for problem in problems}


def assert_every_ordinary_message_judged(results, names):
    for name in names:
        after = results[f"after {name}"]
        assert not after.failed, name
        assert after.judgements is not None and after.judgements.kind == "nomination", name
        assert [n.name for n in after.judgements.nominees] == ["Zeist"], name


@pytest.fixture(scope="module")
def hostile_results(tmp_path_factory):
    hostiles = {
        "deep-nesting": hostile.deep_nesting(),
        "many-parts": hostile.many_parts(),
        "huge-header": hostile.huge_header(),
        "malformed-header": hostile.malformed_header(),
        "undecodable-content": hostile.undecodable_content(),
        "not-what-it-says": hostile.not_what_it_says(),
        "big-attachment": hostile.big_attachment(6),
        "no-header-at-all": hostile.no_header_at_all(),
    }
    settings = make_settings(tmp_path_factory.mktemp("hostile"), time_limit_seconds=30)
    with MessageReader(settings) as reader:
        return hostiles, read_pairs(reader, hostiles)


def test_every_hostile_message_is_read_and_every_next_one_judged(hostile_results):
    hostiles, results = hostile_results
    assert set(results) == {*hostiles, *(f"after {name}" for name in hostiles)}
    assert_every_ordinary_message_judged(results, hostiles)
    for name in hostiles:
        assert results[name].judgements is not None, name


def test_a_tree_too_deep_to_walk_is_read_as_text_with_its_header(hostile_results):
    _, results = hostile_results
    read = results["deep-nesting"]
    assert ProblemCode.NESTED_TOO_DEEP in codes(read.reading.problems)
    assert read.reading.envelope.subject == "deep-nesting"
    assert read.judgements.sender.address == "wmo@utrecht.nl"


def test_parts_past_the_limit_are_counted_not_read(hostile_results):
    _, results = hostile_results
    read = results["many-parts"]
    assert ProblemCode.TOO_LARGE in codes(read.reading.problems)
    assert len(read.reading.attachments) == 1000


def test_broken_headers_become_problems(hostile_results):
    _, results = hostile_results
    read = results["malformed-header"]
    assert {"mime-defect", "bad-date-header"} <= codes(read.reading.problems)
    assert read.reading.envelope.date_header_at is None


def test_undecodable_text_and_broken_base64_are_problems_on_what_they_concern(hostile_results):
    _, results = hostile_results
    read = results["undecodable-content"]
    assert ProblemCode.CHARSET in codes(read.reading.problems)
    (pdf,) = read.reading.attachments
    assert ProblemCode.BAD_ENCODING in codes(pdf.extracted.problems)


def test_a_file_that_is_not_what_it_says_is_never_read_as_text(hostile_results):
    _, results = hostile_results
    read = results["not-what-it-says"]
    docx, pdf = read.reading.attachments
    for attachment in (docx, pdf):
        assert codes(attachment.extracted.problems) == {ProblemCode.NOT_AS_DECLARED}
        assert attachment.extracted.text == ""
    assert "gewone tekst" not in read.reading.nomination_text


def test_an_attachment_over_the_size_limit_is_not_read(hostile_results):
    _, results = hostile_results
    (big,) = results["big-attachment"].reading.attachments
    assert ProblemCode.TOO_LARGE in codes(big.extracted.problems)


def test_running_out_of_memory_costs_one_message_whose_header_is_still_read(tmp_path):
    settings = make_settings(tmp_path, workers=1, memory_limit_mb=256, max_document_mb=100)
    with MessageReader(settings) as reader:
        results = read_pairs(reader, {"big": hostile.big_attachment(40)})
    big = results["big"]
    assert big.failed
    assert ProblemCode.OUT_OF_MEMORY in codes(big.reading.problems)
    assert big.reading.envelope.subject == "big-attachment"
    assert big.judgements is None  # an unread body is no evidence of an empty mail
    assert_every_ordinary_message_judged(results, ["big"])


def test_judging_past_the_time_limit_costs_one_message(tmp_path):
    settings = make_settings(tmp_path, time_limit_seconds=2)
    with MessageReader(settings) as reader:
        results = read_pairs(reader, {"giant": hostile.giant_body(12)})
    giant = results["giant"]
    assert giant.failed and giant.judgements is None
    (problem,) = [p for p in giant.reading.problems if p.code is ProblemCode.TIMED_OUT]
    assert problem.detail.startswith("judging:")
    assert giant.reading.envelope.subject == "giant-body"
    assert_every_ordinary_message_judged(results, ["giant"])


@pytest.mark.parametrize(
    ("subject", "detail"),
    [
        ("raise", "judging: an unexpected error in the program (the log has the details)"),
        ("garbage", "judging: an unexpected error in the program (the log has the details)"),
    ],
)
def test_an_error_in_judging_or_in_handling_it_costs_one_message(tmp_path, subject, detail):
    settings = make_settings(tmp_path)
    with MessageReader(settings, judge=workload.judge_unless_told_not_to) as reader:
        results = read_pairs(reader, {subject: nomination(99, subject=f"please {subject}")})
    broken = results[subject]
    assert broken.failed and broken.judgements is None
    assert detail in [p.detail for p in broken.reading.problems]
    assert_every_ordinary_message_judged(results, [subject])
