"""The jury's scoring sheet, reopened as a spreadsheet program reads it."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from intake.errors import OperationalError
from intake.judging.receipt import Timeliness
from intake.language import Language
from intake.presenting.nominations import Review
from intake.reporting.scoring_sheet import write_scoring_sheet
from tests.support.formulas import evaluate
from tests.support.settings import call_settings
from tests.support.sheet_inbox import (
    HOSTILE_SCRIPT,
    HOSTILE_SENDER,
    HOSTILE_SUBJECT,
    read_inbox,
)

MADE = datetime(2017, 6, 2, 9, 0, tzinfo=UTC)
DUTCH = Language("nl")
ENGLISH = Language("en")
CRITERIA = ("agenda", "samenwerking", "innovatie")
# Columns of the 2017 call's three criteria.
JURY = ("F", "G", "H")
COUNT, MEETS, REMARKS = "I", "J", "K"
FIRST_HINT, LAST = 12, 19  # L … S


@pytest.fixture(scope="module")
def inbox(tmp_path_factory):
    """The settings and the read model of an inbox filed and read as intake import does."""
    return read_inbox(tmp_path_factory.mktemp("inbox"))


def sheet_of(tmp_path, inbox, lang=DUTCH, campaign=None):
    settings, items = inbox
    path = tmp_path / "beoordeling.xlsx"
    report = write_scoring_sheet(path, items, campaign or settings.campaign, lang, made_at=MADE)
    workbook = load_workbook(path)
    return report, workbook, workbook.worksheets[0]


def column(sheet, letter):
    return [sheet[f"{letter}{row}"].value for row in range(2, sheet.max_row + 1)]


def test_a_row_per_nomination_that_stands_in_the_jury_s_order_then_the_late_one(tmp_path, inbox):
    report, _, sheet = sheet_of(tmp_path, inbox)
    refs = {item.subject: item.ref for item in inbox[1]}
    assert len(report.rows) == 6 and report.path == tmp_path / "beoordeling.xlsx"
    assert column(sheet, "A") == list(report.rows)
    assert column(sheet, "B") == [
        "Baarn (GM0308)",
        "Bunnik (GM0312)\nHouten (GM0321)\nWijk bij Duurstede (GM0352)",
        "Ede (GM0228)",
        "Utrechtse Heuvelrug (GM1581)",
        "Zeist (GM0355)",
        "Haren (GM0017)",
    ]
    superseded = refs["Voordracht gemeente Baarn - Koplopers Cliëntondersteuning"]
    assert superseded not in report.rows
    assert refs["Vraag over voordracht koplopers"] not in report.rows
    assert column(sheet, "C")[0] == "Gemeente Soest"
    assert column(sheet, "E") == ["op tijd"] * 5 + ["te laat: 1 uur en 3 minuten"]
    late = sheet["E7"]
    assert late.font.b and late.fill.fgColor.rgb.endswith("F8CBAD")
    received = sheet["D2"]
    assert received.value == datetime(2017, 6, 1, 10, 41, 55)  # wall time in Amsterdam
    assert received.is_date and received.number_format == "d-m-yyyy hh:mm"
    assert sheet["D7"].value == datetime(2017, 6, 1, 18, 3, 12)


def test_the_headers_name_the_criteria_and_the_rule_of_the_call(tmp_path, inbox):
    settings, _ = inbox
    _, _, sheet = sheet_of(tmp_path, inbox)
    headers = [cell.value for cell in sheet[1]]
    titles = [criterion.title for criterion in settings.campaign.criteria]
    assert headers[:5] == [
        "Referentie",
        "Voorgedragen gemeente",
        "Afzender",
        "Ontvangen",
        "Op tijd",
    ]
    assert headers[5:8] == titles
    assert headers[8:11] == ["aantal ja", "voldoet (≥ 2 van 3)", "opmerkingen jury"]
    for letter, criterion in zip(JURY, settings.campaign.criteria, strict=True):
        comment = sheet[f"{letter}1"].comment.text
        assert comment.startswith(criterion.title)
        assert " ".join(criterion.description.split()) in comment


def test_the_formulas_count_the_jury_s_yeses_against_the_minimum(tmp_path, inbox):
    _, _, sheet = sheet_of(tmp_path, inbox)
    assert sheet["I2"].value == '=COUNTIF(F2:H2,"ja")'
    assert evaluate(sheet, "I2") == 0 and evaluate(sheet, "J2") == ""  # not filled in yet
    for answers, count, meets in (
        (("ja", "nee", "ja"), 2, "ja"),
        (("nee", "nee", "ja"), 1, "nee"),
        (("ja", "ja", "ja"), 3, "ja"),
        (("nee", None, None), 0, "nee"),
    ):
        for letter, answer in zip(JURY, answers, strict=True):
            sheet[f"{letter}3"] = answer
        assert (evaluate(sheet, "I3"), evaluate(sheet, "J3")) == (count, meets), answers
    for row in range(2, sheet.max_row + 1):
        assert sheet[f"{COUNT}{row}"].value == f'=COUNTIF(F{row}:H{row},"ja")'
    formulas = {
        cell.coordinate for row in sheet.iter_rows() for cell in row if cell.data_type == "f"
    }
    assert formulas == {f"{c}{row}" for c in (COUNT, MEETS) for row in range(2, 8)}


def test_four_criteria_and_a_minimum_of_three_move_the_columns_and_the_rule(tmp_path, inbox):
    settings, _ = inbox
    criteria = [
        {"id": c.id, "title": c.title, "description": c.description, "terms": list(c.terms)}
        for c in settings.campaign.criteria
    ]
    criteria.append({"id": "bereik", "title": "Bereik en bekendheid", "terms": ["bereik"]})
    four = call_settings(tmp_path, campaign={"criteria": criteria, "min_criteria": 3})
    _, _, sheet = sheet_of(tmp_path, inbox, campaign=four.campaign)
    assert sheet["I1"].value == "Bereik en bekendheid"
    assert (sheet["J1"].value, sheet["K1"].value) == ("aantal ja", "voldoet (≥ 3 van 4)")
    assert sheet["J2"].value == '=COUNTIF(F2:I2,"ja")'
    for answers, count, meets in (
        (("ja", "nee", "ja", "nee"), 2, "nee"),
        (("ja", "ja", "nee", "ja"), 3, "ja"),
    ):
        for letter, answer in zip("FGHI", answers, strict=True):
            sheet[f"{letter}2"] = answer
        assert (evaluate(sheet, "J2"), evaluate(sheet, "K2")) == (count, meets)
    (validation,) = sheet.data_validations.dataValidation
    assert str(validation.sqref) == "F2:I7"
    assert sheet["P1"].value == "Hint: Bereik en bekendheid"
    assert sheet["P2"].value == "nog niet beoordeeld (intake reprocess --all doet dat)"


def test_the_jury_columns_take_yes_or_no_from_a_list(tmp_path, inbox):
    _, _, sheet = sheet_of(tmp_path, inbox)
    (validation,) = sheet.data_validations.dataValidation
    assert (validation.type, validation.formula1) == ("list", '"ja,nee"')
    assert validation.allow_blank and validation.showErrorMessage
    for row in range(2, sheet.max_row + 1):
        for letter in JURY:
            assert f"{letter}{row}" in validation.sqref
        for letter in ("E", COUNT, MEETS, REMARKS):
            assert f"{letter}{row}" not in validation.sqref
    assert "F8" not in validation.sqref
    assert sheet["F2"].fill.fgColor.rgb.endswith("FFF2CC")


def test_the_hints_are_grey_labelled_and_say_what_was_found(tmp_path, inbox):
    _, _, sheet = sheet_of(tmp_path, inbox)
    hints = [sheet.cell(row=1, column=c) for c in range(FIRST_HINT, LAST + 1)]
    assert all(cell.value.startswith("Hint: ") for cell in hints)
    assert [cell.value for cell in hints[3:]] == [
        "Hint: pagina's en papierformaat",
        "Hint: problemen",
        "Hint: beoordeling",
        "Hint: stand",
        "Hint: onderwerp van de mail",
    ]
    for row in range(1, sheet.max_row + 1):
        for number in range(FIRST_HINT, LAST + 1):
            cell = sheet.cell(row=row, column=number)
            assert cell.fill.fgColor.rgb.endswith(("F2F2F2", "D9D9D9")), cell.coordinate
            assert cell.font.i and cell.font.color.rgb.endswith("595959"), cell.coordinate
    assert sheet["L2"].value == (
        "gevonden: “In Baarn is cliëntondersteuning een vast onderwerp in de gemeenteraad.”"
    )
    assert sheet["N6"].value == "niet gevonden"  # Zeist: no innovation
    assert sheet["O2"].value.startswith("1 pagina")
    assert sheet["R2"].value.startswith("vervangt KCO-0004")
    assert sheet["A1"].font.b and sheet["F1"].alignment.wrap_text


def test_frozen_filtered_and_printed_on_landscape_a4(tmp_path, inbox):
    _, workbook, sheet = sheet_of(tmp_path, inbox)
    assert workbook.sheetnames == ["Beoordeling", "Toelichting"]
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref == "A1:S7"
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4) == 9
    assert int(sheet.page_setup.fitToWidth) == 1 and int(sheet.page_setup.fitToHeight) == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$1"
    assert "Koplopers Cliëntondersteuning" in sheet.oddHeader.left.text
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["A"].width
    assert all(sheet.cell(row=2, column=c).alignment.wrap_text for c in range(1, LAST + 1))


def test_the_explanation_gives_the_rule_and_the_criteria_in_full(tmp_path, inbox):
    settings, _ = inbox
    _, workbook, _ = sheet_of(tmp_path, inbox)
    text = "\n".join(str(cell.value) for row in workbook["Toelichting"].iter_rows() for cell in row)
    assert "ten minste 2 van de 3 criteria" in text
    for criterion in settings.campaign.criteria:
        assert criterion.title in text
        assert " ".join(criterion.description.split()) in text


def test_what_came_in_a_mail_stays_text(tmp_path, inbox):
    report, _, sheet = sheet_of(tmp_path, inbox)
    row = report.rows.index(next(i.ref for i in inbox[1] if i.subject.startswith("=H"))) + 2
    subject = sheet.cell(row=row, column=LAST)
    assert subject.value == HOSTILE_SUBJECT  # the bell (\x07) left out
    assert subject.data_type == "s" and subject.quotePrefix
    sender = sheet[f"C{row}"]
    assert (sender.value, sender.data_type, sender.quotePrefix) == (HOSTILE_SENDER, "s", True)
    quote = sheet.cell(row=row, column=FIRST_HINT).value
    assert quote.startswith(f"gevonden: “{HOSTILE_SCRIPT} In Ede")
    assert "\x07" not in quote
    with zipfile.ZipFile(report.path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "HYPERLINK" in xml and "<f>HYPERLINK" not in xml and "<f>SUM" not in xml
    assert "&lt;script&gt;" in xml and "<script>" not in xml


def test_in_english(tmp_path, inbox):
    _, workbook, sheet = sheet_of(tmp_path, inbox, ENGLISH)
    assert workbook.sheetnames == ["Scoring sheet", "Explanation"]
    assert [sheet[f"{c}1"].value for c in ("A", COUNT, MEETS, REMARKS)] == [
        "Reference",
        "number yes",
        "meets (≥ 2 of 3)",
        "jury's remarks",
    ]
    assert sheet.data_validations.dataValidation[0].formula1 == '"yes,no"'
    assert sheet["J2"].value == '=IF(COUNTA(F2:H2)=0,"",IF(I2>=2,"yes","no"))'
    assert sheet["E7"].value == "late: 1 hour and 3 minutes"
    assert sheet["D2"].number_format == "yyyy-mm-dd hh:mm"


def test_no_nominations_make_a_sheet_of_headers(tmp_path, inbox):
    settings, _ = inbox
    path = tmp_path / "leeg.xlsx"
    report = write_scoring_sheet(path, [], settings.campaign, DUTCH, made_at=MADE)
    sheet = load_workbook(path).worksheets[0]
    assert report.rows == () and sheet.max_row == 1
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(LAST)}1"
    assert sheet.data_validations.dataValidation == []


def test_a_sheet_there_is_replaced_and_one_that_cannot_be_written_is_said_in_words(tmp_path, inbox):
    settings, items = inbox
    path = tmp_path / "beoordeling.xlsx"
    path.write_bytes(b"an older sheet")
    write_scoring_sheet(path, items, settings.campaign, DUTCH, made_at=MADE)
    assert load_workbook(path).worksheets[0]["A2"].value == "KCO-0005"
    assert [p.name for p in tmp_path.iterdir()] == ["beoordeling.xlsx"]
    with pytest.raises(OperationalError) as caught:
        write_scoring_sheet(
            tmp_path / "weg" / "sheet.xlsx", items, settings.campaign, DUTCH, made_at=MADE
        )
    assert caught.value.exit_code == 3
    assert caught.value.told(DUTCH) == (
        f"kan {tmp_path}/weg/sheet.xlsx niet schrijven: de map waar het in moet, bestaat niet"
    )
    with pytest.raises(OperationalError) as caught:
        write_scoring_sheet(tmp_path, items, settings.campaign, DUTCH, made_at=MADE)
    assert caught.value.told(ENGLISH).endswith(": it is a folder")


def test_a_receipt_time_not_known_comes_last_and_a_review_is_a_hint(tmp_path, inbox):
    settings, items = inbox
    zeist = next(item for item in items if item.nominees and item.nominees[0].name == "Zeist")
    unknown = replace(
        zeist,
        ref="KCO-0099",
        timeliness=Timeliness(None, None, settings.campaign.deadline, None, None),
    )
    reviewed = replace(
        zeist,
        reviews=(Review("accepted", "=sterk verhaal", "jan", datetime(2017, 6, 2, 8, tzinfo=UTC)),),
    )
    others = [item for item in items if item.ref != zeist.ref]
    path = tmp_path / "beoordeling.xlsx"
    report = write_scoring_sheet(
        path, [*others, reviewed, unknown], settings.campaign, DUTCH, made_at=MADE
    )
    sheet = load_workbook(path).worksheets[0]
    assert report.rows[-2:] == (inbox[1][5].ref, "KCO-0099")  # the late one, then this
    assert (sheet["D8"].value, sheet["E8"].value) == ("onbekend", "ontvangsttijd onbekend")
    assert sheet["E8"].font.b
    review = sheet.cell(row=report.rows.index(zeist.ref) + 2, column=LAST - 2)
    assert review.value == "aanvaard (door jan, 2 jun 2017 10:00)\n=sterk verhaal"
    assert review.data_type == "s"
