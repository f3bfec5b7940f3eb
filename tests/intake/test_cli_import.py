"""``intake import`` as a user runs it: the installed console script, real files."""

from __future__ import annotations

import json
import mailbox
import shutil
from pathlib import Path

import pytest

from tests.support.mail import nomination, write_config
from tests.support.paths import DOCS, MAIL

INVALID = MAIL / "invalid"
PROGRAM = Path("/bin/true")


@pytest.fixture
def intake(installed):
    def run(*args, config=None, env=None, cwd=None):
        options = ["--config", str(config)] if config is not None else []
        return installed.run(*options, *args, env=env, cwd=cwd)

    return run


@pytest.fixture
def config(tmp_path):
    """A call's config; import needs no mailbox, so the one named is never reached."""
    return write_config(tmp_path, host="127.0.0.1", port=9, username="nobody")


@pytest.fixture
def export(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    return folder


def lines(result) -> list[str]:
    return result.stdout.decode().splitlines()


def listed(intake, config) -> list[dict]:
    result = intake("list", "--json", config=config)
    assert result.returncode == 0, result.stderr
    rows: list[dict] = json.loads(result.stdout)
    return rows


def test_what_is_not_mail_is_refused_with_a_clear_line(intake, config, export):
    files = {
        shutil.copy(INVALID / "random-bytes.eml", export): "binaire gegevens van onbekende soort",
        shutil.copy(DOCS / "nomination-1page-a4.pdf", export / "voordracht.eml"): (
            "een PDF-document"
        ),
        shutil.copy(INVALID / "junk-25-bytes.eml", export): "platte tekst zonder e-mailkop",
        shutil.copy(INVALID / "letter-without-headers.eml", export): (
            "platte tekst zonder e-mailkop"
        ),
        shutil.copy(DOCS / "nomination-1page-a4.docx", export / "voordracht.msg"): (
            "een Word-document"
        ),
    }
    program = export / "true.eml"
    program.write_bytes(PROGRAM.read_bytes()[:1024])
    files[str(program)] = "een programma"
    result = intake("import", *files, config=config)
    assert result.returncode == 5, result.stderr
    shown = lines(result)
    for path, looks in files.items():
        assert any(
            line.startswith(str(path))
            and line.endswith(f"→ overgeslagen: geen e-mailbericht: dit lijkt {looks}")
            for line in shown
        ), (path, shown)
    assert shown[-1] == "0 berichten geïmporteerd, 0 al bekend, 6 overgeslagen."
    assert "voordracht" not in result.stderr.decode()
    assert listed(intake, config) == []
    english = intake("--lang", "en", "import", str(program), config=config)
    assert lines(english)[0].endswith("→ skipped: not an e-mail message: this looks like a program")


def test_an_outlook_message_is_imported_with_its_subject_and_attachment(intake, config, export):
    shutil.copy(MAIL / "outlook-received-nomination.msg", export)
    shutil.copy(DOCS / "nomination-forwarded.msg", export)
    result = intake(
        "import",
        "export/outlook-received-nomination.msg",
        "export/nomination-forwarded.msg",
        config=config,
        cwd=export.parent,
    )
    assert result.returncode == 0, result.stderr
    assert lines(result) == [
        "export/outlook-received-nomination.msg → KCO-0001",
        "export/nomination-forwarded.msg        → KCO-0002",
        "2 berichten geïmporteerd, 0 al bekend, 0 overgeslagen.",
    ]
    first, second = listed(intake, config)
    assert first["subject"] == "Voordracht koploper cliëntondersteuning: gemeente Lochem"
    assert first["origin_detail"] == "export/outlook-received-nomination.msg"
    assert first["received_source"] == "received-header"
    assert first["received_at"] == "2017-06-01T16:58:30+02:00" and first["on_time"]
    assert [a["filename"] for a in first["attachments"]] == ["Voordracht Lochem.pdf"]
    assert first["attachments"][0]["pages"] == 1
    assert second["subject"] == "Nominatie Koplopers Cliëntondersteuning: gemeente Zutphen"
    assert "nomination-1page-a4.docx" in [a["filename"] for a in second["attachments"]]
    text = intake("show", "KCO-0002", "--text", config=config).stdout.decode()
    assert "dragen wij de gemeente Zutphen voor" in text


def test_an_outlook_message_that_loses_a_part_says_so(intake, config):
    result = intake("import", str(MAIL / "outlook-sent-reply.msg"), config=config)
    assert result.returncode == 0, result.stderr
    assert lines(result)[0].endswith(
        "→ KCO-0001 (1 onderdeel van het Outlook-bestand kon niet worden overgenomen)"
    )
    (row,) = listed(intake, config)
    assert row["subject"] == "RE: Vraag over de oproep koplopers"


def test_a_folder_in_any_letter_case_names_every_file_it_skipped(intake, config, export):
    shutil.copy(MAIL / "nomination-plain.eml", export / "VOORDRACHT.EML")
    shutil.copy(MAIL / "late-by-one-second.eml", export / "Te-Laat.Eml")
    (export / "outlook").mkdir()
    shutil.copy(MAIL / "outlook-received-nomination.msg", export / "outlook" / "LOCHEM.MSG")
    shutil.copy(DOCS / "nomination-1page-a4.pdf", export / "oproep.pdf")
    (export / "leeg.eml").write_bytes(b"")
    (export / "notities.txt").write_text("Nog nakijken: Lochem, Zutphen.\n")
    result = intake("import", "export", config=config, cwd=export.parent)
    assert result.returncode == 5, result.stderr
    assert lines(result) == [
        "export/leeg.eml           → overgeslagen: leeg bestand",
        "export/notities.txt       → overgeslagen: geen e-mailbericht: dit lijkt platte tekst "
        "zonder e-mailkop",
        "export/oproep.pdf         → overgeslagen: geen e-mailbericht: dit lijkt een PDF-document",
        "export/outlook/LOCHEM.MSG → KCO-0001",
        "export/Te-Laat.Eml        → KCO-0002",
        "export/VOORDRACHT.EML     → KCO-0003",
        "3 berichten geïmporteerd, 0 al bekend, 3 overgeslagen.",
    ]
    assert len(listed(intake, config)) == 3


def test_the_table_tells_what_was_known_already_and_each_mbox_message(intake, config, export):
    mails = [nomination(number) for number in range(1, 4)]
    box = mailbox.mbox(export / "archief.mbox")
    for mail in mails:
        box.add(mail)
    box.close()
    (export / "los.eml").write_bytes(mails[1])  # the second message, saved on its own too
    first = intake("import", "export/archief.mbox", config=config, cwd=export.parent)
    assert first.returncode == 0, first.stderr
    assert lines(first) == [
        "export/archief.mbox#1 → KCO-0001",
        "export/archief.mbox#2 → KCO-0002",
        "export/archief.mbox#3 → KCO-0003",
        "3 berichten geïmporteerd, 0 al bekend, 0 overgeslagen.",
    ]
    again = intake("import", "export", config=config, cwd=export.parent)
    assert again.returncode == 0, again.stderr
    assert lines(again) == [
        "export/archief.mbox#1 → al bekend: KCO-0001",
        "export/archief.mbox#2 → al bekend: KCO-0002",
        "export/archief.mbox#3 → al bekend: KCO-0003",
        "export/los.eml        → al bekend: KCO-0002",
        "0 berichten geïmporteerd, 4 al bekend, 0 overgeslagen.",
    ]


def test_a_large_import_stays_readable_and_quiet_prints_the_counts(intake, config, export):
    for number in range(1, 151):
        (export / f"voordracht-{number:03d}.eml").write_bytes(nomination(number))
    (export / "oproep.pdf").write_bytes((DOCS / "nomination-1page-a4.pdf").read_bytes())
    result = intake("import", "export", config=config, cwd=export.parent)
    assert result.returncode == 5, result.stderr
    shown = lines(result)
    assert len(shown) == 152
    assert shown[0].startswith("export/oproep.pdf         → overgeslagen: ")
    assert shown[1] == "export/voordracht-001.eml → KCO-0001"
    assert shown[150] == "export/voordracht-150.eml → KCO-0150"
    assert shown[-1] == "150 berichten geïmporteerd, 0 al bekend, 1 overgeslagen."
    quiet = intake("import", "-q", "export", config=config, cwd=export.parent)
    assert quiet.returncode == 5
    assert lines(quiet) == ["0 berichten geïmporteerd, 150 al bekend, 1 overgeslagen."]


def test_file_names_are_shown_safely(intake, config, export):
    hostile = export / "voordracht\x1b]0;gehackt\x07.eml"
    hostile.write_bytes(nomination(1))
    result = intake("import", "export", config=config, cwd=export.parent)
    assert result.returncode == 0, result.stderr
    assert b"\x1b" not in result.stdout and b"\x07" not in result.stdout
    assert lines(result)[0] == "export/voordracht␛]0;gehackt␇.eml → KCO-0001"


def test_a_path_that_does_not_exist_is_a_usage_error(intake, config, tmp_path):
    absent = tmp_path / "bestaat-niet.eml"
    result = intake("import", str(MAIL / "nomination-plain.eml"), str(absent), config=config)
    assert result.returncode == 2
    assert f"{absent}: dat bestand of die map bestaat niet" in result.stderr.decode()
    assert result.stdout == b""
    assert not (config.parent / "intake.sqlite3").exists()  # nothing was imported
