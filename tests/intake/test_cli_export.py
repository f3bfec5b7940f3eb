"""``intake export`` as a user runs it: the installed console script, real files."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from tests.support.mail import write_config
from tests.support.sheet_inbox import HOSTILE_SENDER, HOSTILE_SUBJECT, write_inbox


@pytest.fixture
def intake(installed):
    def run(*args, config=None, env=None, cwd=None):
        options = ["--config", str(config)] if config is not None else []
        return installed.run(*options, *args, env=env, cwd=cwd)

    return run


@pytest.fixture
def config(tmp_path, intake):
    """A call's config and an archive holding the inbox, filed by ``intake import``."""
    path = write_config(tmp_path, host="127.0.0.1", port=9, username="nobody")
    imported = intake("import", *write_inbox(tmp_path / "mail"), config=path)
    assert imported.returncode == 0, imported.stderr
    return path


def listed(intake, config) -> list[dict]:
    result = intake("list", "--json", config=config)
    assert result.returncode == 0, result.stderr
    rows: list[dict] = json.loads(result.stdout)
    return rows


def csv_rows(data: bytes, separator: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=separator))


def test_export_writes_every_filed_message_as_csv_xlsx_and_json(tmp_path, intake, config):
    refs = [row["ref"] for row in listed(intake, config)]
    assert len(refs) == 9
    out = tmp_path / "berichten.csv"
    result = intake("export", "--out", out, config=config)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == f"9 berichten geschreven naar {out}.\n"
    data = out.read_bytes()
    assert data.startswith("\ufeff".encode())
    rows = csv_rows(data, ";")
    assert [row["Referentie"] for row in rows] == refs
    hostile = next(row for row in rows if row["Onderwerp"].startswith("'="))
    assert hostile["Onderwerp"] == "'" + HOSTILE_SUBJECT
    assert hostile["Naam afzender"] == "'" + HOSTILE_SENDER
    assert {row["Soort"] for row in rows} == {
        "voordracht",
        "correspondentie",
        "automatisch antwoord",
    }

    out.write_text("een oudere export")  # exported again: replaced, no question asked
    again = intake("export", "--out", out, "-q", config=config)
    assert again.returncode == 0, again.stderr
    assert out.read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []

    workbook = tmp_path / "berichten.xlsx"
    assert intake("export", "--out", workbook, config=config).returncode == 0
    sheet = load_workbook(workbook).worksheets[0]
    assert [sheet[f"A{row}"].value for row in range(2, sheet.max_row + 1)] == refs
    assert [cell.value for cell in sheet[1]] == list(rows[0])
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)

    objects = tmp_path / "berichten.data"
    result = intake("export", "--format", "json", "--out", objects, config=config)
    assert result.returncode == 0, result.stderr
    assert json.loads(objects.read_bytes()) == listed(intake, config)


def test_export_to_standard_output(intake, config):
    result = intake("export", "--format", "csv", "--out", "-", config=config)
    assert result.returncode == 0, result.stderr
    assert not result.stdout.startswith("\ufeff".encode())
    assert len(csv_rows(result.stdout, ";")) == 9
    result = intake("export", "--format", "json", "--out", "-", config=config)
    assert json.loads(result.stdout) == listed(intake, config)

    refused = intake("export", "--format", "xlsx", "--out", "-", config=config)
    assert (refused.returncode, refused.stdout) == (2, b"")
    assert refused.stderr.decode() == (
        "Een xlsx-bestand kan niet naar de standaarduitvoer; geef een bestand op, zoals "
        "--out berichten.xlsx, of kies --format csv of json.\n"
    )
    unnamed = intake("export", "--out", "-", config=config)
    assert unnamed.returncode == 2
    assert "--format" in unnamed.stderr.decode()


def test_a_file_that_cannot_be_written_is_said_in_words(tmp_path, intake, config):
    missing = tmp_path / "bestaat-niet" / "berichten.csv"
    result = intake("export", "--out", missing, config=config)
    assert (result.returncode, result.stdout) == (3, b"")
    assert result.stderr.decode() == (
        f"Fout: kan {missing} niet schrijven: de map waar het in moet, bestaat niet\n"
    )
    folder = intake("--lang", "en", "export", "--format", "csv", "--out", tmp_path, config=config)
    assert folder.returncode == 3
    assert folder.stderr.decode() == f"Error: cannot write {tmp_path}: it is a folder\n"
    assert b"Traceback" not in result.stderr + folder.stderr


def test_in_english_csv_is_separated_by_commas_and_the_help_says_so(tmp_path, intake, config):
    out = tmp_path / "messages.csv"
    result = intake("--lang", "en", "export", "--out", out, config=config)
    assert result.stdout.decode() == f"9 messages written to {out}.\n"
    rows = csv_rows(out.read_bytes(), ",")
    assert rows[0]["Reference"] == "KCO-0001" and rows[0]["Kind"] == "nomination"
    dutch = " ".join(intake("export", "--help").stdout.decode().split())
    assert "in het Nederlands gescheiden door ; (zoals een Nederlandse Excel verwacht)" in dutch
    assert "een bestaand bestand wordt vervangen" in dutch
