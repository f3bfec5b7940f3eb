"""``intake close`` as the coordinator runs it when the call has closed: the installed
command, real mail imported, the final digest mailed to a real SMTP server on loopback,
and every file it writes reopened."""

from __future__ import annotations

import io
import subprocess
from datetime import timedelta

import openpyxl
import pypdf
import pytest
from docx import Document

from tests.intake.reporting.test_digest import (
    HOSTILE_NAME,
    HOSTILE_SUBJECT,
    SMTP_ENV,
    first_batch,
    make_config,
)
from tests.support.inbox import arriving, write
from tests.support.mail import DEADLINE
from tests.support.smtp import SmtpServer


def docx_bytes(text: str) -> bytes:
    document = Document()
    for paragraph in text.split("\n\n"):
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def smtp():
    with SmtpServer() as server:
        yield server


def test_close_writes_the_final_digest_dossier_sheet_and_documents(tmp_path, smtp, installed):
    config = make_config(tmp_path, smtp)
    mail = tmp_path / "mail"
    letter = docx_bytes(
        "Voordracht gemeente Deventer als koploper cliëntondersteuning.\n\n"
        "Cliëntondersteuning staat hoog op de agenda van de gemeenteraad van Deventer.\n\n"
        "Samen met cliënten, vrijwilligers en professionals ontwikkeld."
    )
    files = [
        *first_batch(mail),
        write(
            mail,
            "deventer-docx",
            arriving(
                sender="wmo@deventer.nl",
                name="Wmo-raad Deventer",
                subject="Voordracht gemeente Deventer",
                body="Geachte jury,\n\nIn de bijlage onze voordracht van de gemeente Deventer.\n",
                received=DEADLINE - timedelta(hours=2),
                attachment=(
                    "../../voordracht Deventer.docx",
                    letter,
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                ),
            ),
        ),
        write(
            mail,
            "hostile",
            arriving(
                sender="wmo@utrecht.nl",
                name=HOSTILE_NAME,
                subject=HOSTILE_SUBJECT,
                body="Wij dragen de gemeente Amersfoort voor als koploper cliëntondersteuning. "
                "Cliëntondersteuning staat hoog op de agenda van de gemeenteraad.",
                received=DEADLINE - timedelta(hours=3),
            ),
        ),
    ]

    def intake(*args: object) -> subprocess.CompletedProcess[bytes]:
        return installed.run("--config", config, *args, env=SMTP_ENV)

    assert intake("import", *files).returncode == 0
    out = tmp_path / "gesloten"
    closed = intake("close", "--out", out, "--send")
    assert closed.returncode == 0, closed.stderr.decode()
    said = closed.stdout.decode()
    assert "Jurydossier:" in said and "Scoreformulier:" in said and "Slotoverzicht:" in said

    assert sorted(p.name for p in out.iterdir()) == [
        "documenten",
        "jurydossier.pdf",
        "scoreformulier.xlsx",
        "slotoverzicht.html",
        "slotoverzicht.txt",
    ]
    (document,) = (out / "documenten").iterdir()
    assert document.name.startswith("KCO-") and document.suffix == ".docx"
    assert document.read_bytes() == letter

    reader = pypdf.PdfReader(out / "jurydossier.pdf")
    outline = [entry.title for entry in reader.outline if not isinstance(entry, list)]
    text = "\n".join(page.extract_text() for page in reader.pages)
    for municipality in ("Amersfoort", "Deventer", "Utrecht", "Zeist"):
        assert any(municipality in title for title in outline), outline
    assert "Lochem" in text  # late: listed apart
    assert f"documenten/{document.name}" in text
    assert "<script>alert(1)</script>" in text

    sheet = openpyxl.load_workbook(out / "scoreformulier.xlsx").worksheets[0]
    refs = [row[0].value for row in sheet.iter_rows(min_row=2) if row[0].value]
    assert len(refs) == 5  # four that count, and the late one
    hostile = [c for row in sheet.iter_rows() for c in row if "onerror=alert(2)" in str(c.value)]
    assert hostile and all(c.data_type == "s" for c in hostile)  # the sender's name, as text

    (final,) = smtp.received
    assert final.message["Subject"].startswith("Slotoverzicht — Koplopers Cliëntondersteuning")
    assert "Slotoverzicht" in (out / "slotoverzicht.txt").read_text(encoding="utf-8")

    # Again, after a change: the files are replaced and the final digest was recorded.
    later = write(mail, "ede", first_batch(tmp_path / "more")[0].read_bytes())
    assert intake("import", later).returncode == 0
    again = intake("close", "--out", out)
    assert again.returncode == 0, again.stderr.decode()
    assert len(list((out / "documenten").iterdir())) == 1
    look = intake("digest").stdout.decode()
    assert "1 nieuw" in look.splitlines()[0]


def test_close_waits_for_the_deadline_unless_forced(tmp_path, smtp, installed):
    config = make_config(tmp_path, smtp, deadline="2099-06-01T17:00:00")
    files = first_batch(tmp_path / "mail")
    installed.run("--config", config, "import", *files)
    early = installed.run("--config", config, "close", "--out", tmp_path / "x")
    assert early.returncode == 2
    assert "de oproep is open tot" in early.stderr.decode()
    assert not (tmp_path / "x").exists()
    forced = installed.run(
        "--config", config, "--lang", "en", "close", "--force", "--out", tmp_path / "x"
    )
    assert forced.returncode == 0, forced.stderr.decode()
    assert (tmp_path / "x" / "jury-dossier.pdf").exists()
    assert (tmp_path / "x" / "scoring-sheet.xlsx").exists()
    assert (tmp_path / "x" / "final-digest.html").exists()

    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    refused = installed.run("--config", config, "close", "--force", "--out", blocked)
    assert refused.returncode == 3
    assert "Traceback" not in refused.stderr.decode()


def test_close_names_a_refused_recipient_and_exits_5(tmp_path, smtp, installed):
    config = make_config(tmp_path, smtp, recipients=("coordinator@vng.example", "gone@vng.example"))
    smtp.refuse_recipient("gone@vng.example")
    installed.run("--config", config, "import", *first_batch(tmp_path / "mail"))
    closed = installed.run("--config", config, "close", "--send", "--out", tmp_path / "x")
    assert closed.returncode == 5, closed.stderr.decode()
    assert "De mailserver weigerde gone@vng.example" in closed.stderr.decode()
    assert smtp.received[0].recipients == ["coordinator@vng.example"]
