"""``intake export``'s formats: every filed message, read back as other programs read it."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from intake.errors import OperationalError
from intake.language import Language
from intake.presenting.json_view import message_json
from intake.reporting.export import csv_separator, format_of, render, table, write_export
from tests.support.sheet_inbox import (
    HOSTILE_SENDER,
    HOSTILE_SUBJECT,
    read_inbox,
)

MADE = datetime(2017, 6, 2, 9, 0, tzinfo=UTC)
DUTCH = Language("nl")
ENGLISH = Language("en")


@pytest.fixture(scope="module")
def inbox(tmp_path_factory):
    return read_inbox(tmp_path_factory.mktemp("inbox"))


def csv_rows(data: bytes, separator: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=separator))


def by_subject(rows, subject_column, start):
    return next(row for row in rows if (row[subject_column] or "").startswith(start))


def test_every_filed_message_is_a_row_of_csv_in_dutch(inbox):
    settings, items = inbox
    data = render("csv", items, settings.campaign, DUTCH, made_at=MADE)
    assert data.startswith("\ufeff".encode()) and csv_separator(DUTCH) == ";"
    rows = csv_rows(data, ";")
    assert [row["Referentie"] for row in rows] == [item.ref for item in items]
    assert len(rows) == 9
    kinds = [row["Soort"] for row in rows]
    assert kinds.count("voordracht") == 7
    assert {"correspondentie", "automatisch antwoord"} <= set(kinds)
    soest = rows[4]
    assert soest["Ontvangen"] == "2017-06-01T10:41:55+02:00"
    assert (soest["Op tijd"], soest["Stand"], soest["Voorgedragen gemeente"]) == (
        "ja",
        "geldt",
        "Baarn",
    )
    assert rows[3]["Stand"] == "vervangen" and rows[3]["Reden van de stand"].startswith(
        "vervangen door KCO-0005"
    )
    assert soest["CBS-code"] == "GM0308" and soest["Organisatie afzender"] == "Gemeente Soest"
    assert soest["Adres afzender"] == "a.dijkstra@soest.nl"
    assert soest["Gemeente afzender"] == "Soest" and soest["CBS-code afzender"] == "GM0342"
    joint = rows[2]
    assert joint["Voorgedragen gemeente"] == "Bunnik; Houten; Wijk bij Duurstede"
    assert joint["CBS-code"] == "GM0312; GM0321; GM0352"
    late = rows[5]
    assert (late["Op tijd"], late["Te laat (seconden)"], late["Hoeveel te laat"]) == (
        "nee",
        "3792",
        "1 uur en 3 minuten",
    )
    assert late["Termijn"] == "te laat: 1 uur en 3 minuten"
    assert (soest["Pagina's"], soest["Binnen de paginagrens"]) == ("1", "ja")
    criteria = [f"Criterium: {c.title}" for c in settings.campaign.criteria]
    assert [rows[1][name] for name in criteria] == ["ja", "ja", "nee"]  # Zeist
    assert rows[6]["Soort"] == "correspondentie"
    assert rows[6]["Gaat over"] == "" and rows[6]["Stand"] == ""


def test_what_came_in_a_mail_is_defused_in_csv(inbox):
    settings, items = inbox
    rows = csv_rows(render("csv", items, settings.campaign, DUTCH, made_at=MADE), ";")
    hostile = by_subject(rows, "Onderwerp", "'=")
    assert hostile["Onderwerp"] == "'" + HOSTILE_SUBJECT  # and without the bell
    assert hostile["Naam afzender"] == "'" + HOSTILE_SENDER
    assert hostile["Organisatie afzender"] == "'" + HOSTILE_SENDER
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))
            assert "\x07" not in value


def test_csv_in_english_is_separated_by_commas(inbox):
    settings, items = inbox
    data = render("csv", items, settings.campaign, ENGLISH, made_at=MADE, bom=False)
    assert not data.startswith("\ufeff".encode()) and csv_separator(ENGLISH) == ","
    rows = csv_rows(data, ",")
    assert rows[5]["Late by"] == "1 hour and 3 minutes" and rows[5]["On time"] == "no"
    assert rows[0]["Kind"] == "nomination" and rows[0]["Standing"] == "counts"


def test_xlsx_has_the_same_columns_with_real_moments_and_text_that_stays_text(inbox):
    settings, items = inbox
    headers, _ = table(items, settings.campaign, DUTCH)
    data = render("xlsx", items, settings.campaign, DUTCH, made_at=MADE)
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    assert sheet.title == "Berichten"
    assert [cell.value for cell in sheet[1]] == headers
    assert sheet.max_row == len(items) + 1
    assert [sheet[f"A{row}"].value for row in range(2, 11)] == [item.ref for item in items]
    received = sheet.cell(row=6, column=headers.index("Ontvangen") + 1)
    assert received.value == datetime(2017, 6, 1, 10, 41, 55) and received.is_date
    assert sheet.cell(row=7, column=headers.index("Te laat (seconden)") + 1).value == 3792
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)
    subject = sheet.cell(row=10, column=headers.index("Onderwerp") + 1)
    assert (subject.value, subject.data_type, subject.quotePrefix) == (HOSTILE_SUBJECT, "s", True)
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref.startswith("A1:")
    assert sheet.page_setup.orientation == "landscape"


def test_json_is_what_list_json_gives(inbox):
    settings, items = inbox
    data = render("json", items, settings.campaign, DUTCH, made_at=MADE)
    expected = [message_json(item, settings.campaign, DUTCH) for item in items]
    assert json.loads(data) == expected
    assert b"\\u0007" in data  # escaped, never raw


def test_the_format_is_told_by_the_extension():
    assert [format_of(name) for name in ("a.xlsx", "B.CSV", "c.json", "d.txt", "-", "x")] == [
        "xlsx",
        "csv",
        "json",
        None,
        None,
        None,
    ]


def test_a_file_there_is_replaced_whole_and_an_unwritable_one_is_said_in_words(tmp_path, inbox):
    settings, items = inbox
    path = tmp_path / "berichten.csv"
    path.write_text("oud")
    report = write_export(path, "csv", items, settings.campaign, DUTCH, made_at=MADE)
    assert (report.path, report.format, report.count) == (path, "csv", 9)
    assert len(csv_rows(path.read_bytes(), ";")) == 9
    assert [p.name for p in tmp_path.iterdir()] == ["berichten.csv"]
    with pytest.raises(OperationalError) as caught:
        write_export(
            tmp_path / "nee" / "x.json", "json", items, settings.campaign, DUTCH, made_at=MADE
        )
    assert caught.value.told(DUTCH).endswith(
        "niet schrijven: de map waar het in moet, bestaat niet"
    )
    assert list(tmp_path.iterdir()) == [path]
