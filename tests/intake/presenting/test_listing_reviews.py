"""The review that stands in ``list``: a column once anything is reviewed, its legend, the
count line and the filters."""

from dataclasses import replace
from datetime import UTC, datetime

from intake.language import Language
from intake.presenting.listing import Selection, list_lines
from intake.presenting.nominations import Review, nomination
from tests.intake.presenting.test_json_view import campaign, stored

RECEIVED = datetime(2017, 6, 1, 10, 0, tzinfo=UTC)
DECIDED = datetime(2017, 6, 2, 8, 12, tzinfo=UTC)


def items(tmp_path, *reviews):
    settings = campaign(tmp_path)
    return [
        nomination(replace(stored(RECEIVED, RECEIVED), ref=f"KCO-000{n + 1}"), None, settings)
        if decided is None
        else nomination(
            replace(stored(RECEIVED, RECEIVED), ref=f"KCO-000{n + 1}"),
            None,
            settings,
            reviews=decided,
        )
        for n, decided in enumerate(reviews)
    ]


def column(lines, title):
    """The cells under ``title`` in a table whose columns are two spaces apart."""
    start = lines[0].index(title)
    end = start + len(title)
    while end < len(lines[0]) and lines[0][end] == " ":
        end += 1
    return [line[start:end].strip() for line in lines[1:] if line.startswith("KCO-")]


def test_no_review_column_until_something_is_reviewed(tmp_path):
    lines = list_lines(items(tmp_path, None, None), Language("en"), columns=120)
    assert "review" not in lines[0].split()
    assert not any(line.startswith("  review:") for line in lines)
    assert lines[-1].endswith("; 0 reviewed.")
    assert not any("Left out" in line for line in lines)


def test_the_review_that_stands_is_shown_explained_and_counted(tmp_path):
    first = Review("needs-info", "Bijlage?", "Jan", DECIDED)
    last = Review("accepted", None, "Marieke", DECIDED.replace(hour=13))
    shown = items(tmp_path, (first, last), None, (first,))
    english = list_lines(shown, Language("en"), columns=120)
    assert english[0].split()[:8][-1] == "review"
    assert column(english, "review") == ["accepted", "", "needs info"]
    assert "  review: what a person decided (intake review REF says who and when)" in english
    assert "; 2 reviewed (1 accepted, 1 needs information)." in " ".join(english)
    dutch = list_lines(shown, Language("nl"), columns=120)
    assert "beoord." in dutch[0].split()
    assert column(dutch, "beoord.") == ["aanvaard", "", "info nodig"]
    assert "2 beoordeeld (1 aanvaard, 1 informatie nodig)." in " ".join(dutch)


def test_the_filters_choose_by_the_review_that_stands(tmp_path):
    first = Review("needs-info", None, "Jan", DECIDED)
    last = Review("accepted", None, "Marieke", DECIDED.replace(hour=13))
    shown = items(tmp_path, (first, last), None, (first,))
    refs = lambda selection: [item.ref for item in shown if selection(item)]  # noqa: E731
    assert refs(Selection(review="accepted")) == ["KCO-0001"]
    assert refs(Selection(review="needs-info")) == ["KCO-0003"]  # not KCO-0001's earlier one
    assert refs(Selection(unreviewed=True)) == ["KCO-0002"]
    assert Selection(unreviewed=True).active and Selection(review="rejected").active


def test_on_a_narrow_terminal_the_review_goes_after_the_sender_and_subject(tmp_path):
    shown = items(tmp_path, (Review("rejected", None, "Jan", DECIDED),), None)
    lines = list_lines(shown, Language("en"), columns=70)
    assert max(len(line) for line in lines if line.startswith(("ref", "KCO-"))) <= 70
    assert "review" not in lines[0].split() and "status" in lines[0].split()
    assert "Left out for lack of room: review, from, subject (a wider window shows them)." in (
        " ".join(lines)
    )
    assert not any(line.startswith("  review:") for line in lines)
    assert "; 1 reviewed (1 rejected)." in " ".join(lines)  # still counted
