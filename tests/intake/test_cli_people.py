"""The command line as a coordinator meets it, through the installed ``intake``: one
language at a time, a list that fits and can be filtered, show, --save, pipes, terminal
safety, usage errors.

The Dutch and English outputs of ``list``, ``show`` and ``--help`` are held by golden
files under ``tests/data/golden``; ``INTAKE_GOLDEN=update pytest …`` writes them anew
(read the difference before committing it).
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest

from tests.support.mail import DEADLINE
from tests.support.paths import DATA, DOCS, NOMINATIONS

GOLDEN = DATA / "golden"
INBOX = (
    "01-utrecht-college-outlook.eml",
    "04-lochem-pdf-attachment.eml",
    "05-wageningen-docx-attachment.eml",
    "15-haarlem-165959.eml",
    "17-medemblik-170001.eml",
    "18-groningen-hour-late.eml",
    "19-soest-first-version.eml",
    "20-soest-revised-version.eml",
    "23-vught-duplicate-resend.eml",
    "24-exchange-out-of-office.eml",
    "25-postfix-bounce.eml",
    "36-lochem-did-you-receive.eml",
    "43-hoogeveen-zie-bijlage-forgotten.eml",
    "58-almere-zeewolde-apple-170002-late.eml",
)
COLUMNS = "120"
REVIEWS = (
    ("1", "informatie-nodig", "Welke gemeente draagt voor?", "2017-06-02 08:12:00.000000"),
    ("1", "aanvaard", "Utrechtse Heuvelrug, bevestigd per mail.", "2017-06-02 13:40:00.000000"),
    ("6", "afgewezen", "Ruim een uur te laat.", "2017-06-02 09:05:00.000000"),
    ("13", "informatie-nodig", "Bijlage vergeten; gevraagd.", "2017-06-02 09:30:00.000000"),
)
"""Decisions a coordinator took (``intake review``), at the moments they are pinned to."""


def built(number: int, subject: str, body: str, *documents: str) -> bytes:
    """A mail written here: fixed Message-ID, the sender's clock only (no Received)."""
    message = EmailMessage()
    message["From"] = f"Afdeling Wmo {number} <wmo@gemeente-voorbeeld.nl>"
    message["To"] = "koplopers@vng.example"
    message["Subject"] = subject
    message["Date"] = format_datetime(DEADLINE.replace(hour=12))
    message["Message-ID"] = f"<built-{number}@gemeente-voorbeeld.nl>"
    message.set_content(body)
    for name in documents:
        data = (DOCS / name).read_bytes()
        message.add_attachment(data, maintype="application", subtype="pdf", filename=name)
    return bytes(message)


def write_config(folder: Path) -> Path:
    path = folder / "intake.toml"
    path.write_text(
        f"""
[campaign]
name = "Koplopers Cliëntondersteuning"
deadline = "2017-06-01T17:00:00"
timezone = "Europe/Amsterdam"

[trust]
receiving_hosts = ["mx.vng.example"]
authserv_ids = ["mx.vng.example"]

[store]
url = "sqlite:///{folder / "intake.sqlite3"}"
""",
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def archive(installed, tmp_path_factory):
    """An archive of the labelled inbox's variety, filed by ``intake import``."""
    folder = tmp_path_factory.mktemp("people")
    config = write_config(folder)
    inbox = folder / "inbox"
    inbox.mkdir()
    for name in INBOX:
        (inbox / name).write_bytes((NOMINATIONS / name).read_bytes())
    extra = {
        "90-two-pages.eml": built(
            90,
            "Voordracht Houten",
            "Wij dragen Houten voor, zie de bijlage.",
            "nomination-2pages-a4.pdf",
        ),
        "91-scan.eml": built(
            91,
            "Voordracht Bunnik (scan)",
            "Hierbij onze voordracht van Bunnik, als scan.",
            "scan-image-only.pdf",
        ),
        "92-terminal.eml": built(
            92,
            "Voordracht \x1b[2J\x1b]0;pwned\x07Zeist\u202e",
            "Wij dragen de gemeente Zeist voor.\x1b[31m rood \x1b[0m",
        ),
    }
    for name, raw in extra.items():
        (inbox / name).write_bytes(raw)
    result = installed.run("--config", config, "import", inbox, env={"COLUMNS": COLUMNS})
    assert result.returncode == 0, result.stderr
    for ref, status, note, _ in REVIEWS:
        reviewed = installed.run(
            "--config", config, "review", ref, "--status", status, "--note", note, "--by", "Marieke"
        )
        assert reviewed.returncode == 0, reviewed.stderr
    with sqlite3.connect(folder / "intake.sqlite3") as db:  # so the golden files hold still
        for number, (*_, moment) in enumerate(REVIEWS, start=1):
            db.execute("UPDATE reviews SET reviewed_at = ? WHERE id = ?", (moment, number))
    return config


def run(installed, config, *args, lang=None, columns=COLUMNS):
    options = ["--lang", lang] if lang else []
    return installed.run(*options, "--config", config, *args, env={"COLUMNS": columns})


def _stable(text: str, config: Path) -> str:
    return text.replace(str(config.parent), "<archive>")


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("INTAKE_GOLDEN") == "update":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {name}: run with INTAKE_GOLDEN=update"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_list_and_show_match_their_golden_files(installed, archive, lang):
    listed = run(installed, archive, "list", lang=lang)
    assert listed.returncode == 0, listed.stderr
    check_golden(f"list.{lang}.txt", _stable(listed.stdout.decode(), archive))
    refs = re.findall(r"^(KCO-\d{4})", listed.stdout.decode(), re.MULTILINE)
    assert len(refs) == len(INBOX) + 3
    pages = []
    for ref in refs:
        shown = run(installed, archive, "show", ref, lang=lang)
        assert shown.returncode == 0, shown.stderr
        pages.append(_stable(shown.stdout.decode(), archive))
    check_golden(f"show.{lang}.txt", "\n".join(pages))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_help_matches_its_golden_file(installed, lang):
    pages = []
    for command in ((), ("list",), ("show",), ("import",), ("reprocess",), ("review",)):
        result = installed.run("--lang", lang, *command, "--help", env={"COLUMNS": "88"})
        assert result.returncode == 0, result.stderr
        pages.append(result.stdout.decode())
    check_golden(f"help.{lang}.txt", "\n".join(pages))


ENGLISH_WORDS = re.compile(
    r"\b(the|received|nomination|receipt|deadline|pages?|problems?|kind|from|"
    r"subject|none|unknown|sender|criteria addressed|show|usage|options|error)\b"
)


def test_dutch_output_holds_no_english_of_the_program(installed, archive):
    """Dutch through and through: the program's words, never the senders' (stripped)."""
    texts = [run(installed, archive, "list").stdout.decode()]
    for ref in ("1", "4", "11", "16"):
        page = run(installed, archive, "show", ref).stdout.decode()
        # Keep the program's words: labels and verdicts, not subjects, names, quotes.
        texts.append(
            "\n".join(
                line.split(":", 1)[0] if ":" in line and not line.startswith(" ") else ""
                for line in page.splitlines()
            )
        )
    texts.append(installed.run("--help").stdout.decode())
    texts.append(installed.run("list", "--help").stdout.decode())
    found = {m.group(0) for text in texts for m in ENGLISH_WORDS.finditer(_labels(text))}
    assert found == set()


def _labels(text: str) -> str:
    """The program's words: the table's header, legend and counts, a page's labels, the
    help without option and command names (which are the same in every language)."""
    text = re.sub(
        r"--?[a-z][a-z-]*|\b(init|poll|run|import|list|show|reprocess|migrate|review)\b", "", text
    )
    return "\n".join(
        line
        for line in text.splitlines()
        if not line.startswith("KCO-") and "“" not in line and "@" not in line
    )


def test_no_terminal_control_character_from_a_mail_reaches_the_terminal(installed, archive):
    listed = run(installed, archive, "list", columns="250").stdout
    rows = [row for row in listed.decode().splitlines() if "Zeist" in row]
    assert rows and "␛[2J" in rows[0]
    for args in (("list",), ("show", "17"), ("show", "17", "--text"), ("list", "--json")):
        output = run(installed, archive, *args).stdout
        assert b"\x1b" not in output and b"\x07" not in output, args
        assert "\u202e".encode() not in output, args


def test_list_fits_the_terminal_and_says_what_its_signs_mean(installed, archive):
    for columns in ("60", "80", "120", "200"):
        lines = run(installed, archive, "list", columns=columns).stdout.decode().splitlines()
        table = [line for line in lines if line.startswith(("KCO-", "ref"))]
        assert max(len(line) for line in table) <= int(columns), columns
    for columns in ("80", "100"):  # an ordinary terminal, and a pipe's default
        lines = run(installed, archive, "list", columns=columns).stdout.decode().splitlines()
        assert lines[0].split()[:7] == [
            "ref",
            "ontvangen",
            "soort",
            "termijn",
            "lengte",
            "stand",
            "probl.",
        ], columns
        assert any(line.startswith("Weggelaten wegens ruimtegebrek: ") for line in lines)
        assert any("vervangen" in line for line in lines if line.startswith("KCO-0007"))
    listed = run(installed, archive, "list").stdout.decode()
    assert "  *  ontvangsttijd van de klok van de afzender" in listed  # the built mails
    assert "  !  langer dan de oproep toestaat" in listed
    summary = _summary(listed)
    assert summary.startswith("17 berichten: ") and "te laat" in summary
    # 13 nominations: 3 late and 1 superseded do not count.
    assert "13 voordrachten (9 tellen mee (de laatste versie, op tijd), 10 op tijd" in summary


def _summary(listed: str) -> str:
    """The count line at the end of a list, wrapped to the terminal: joined again."""
    lines = listed.splitlines()
    start = max(i for i, line in enumerate(lines) if re.match(r"\d+ (van \d+ )?berichten", line))
    return " ".join(lines[start:])


def test_list_filters(installed, archive):
    def refs(*args):
        result = run(installed, archive, "list", "--json", *args)
        assert result.returncode == 0, result.stderr
        return [row["ref"] for row in json.loads(result.stdout)]

    everything = json.loads(run(installed, archive, "list", "--json").stdout)
    late = refs("--late")
    assert late and all(row["on_time"] is False for row in everything if row["ref"] in late)
    assert set(late) == {row["ref"] for row in everything if row["on_time"] is False}
    assert refs("--too-long") == [
        row["ref"] for row in everything if row["length_ok"] is False and row["kind"]
    ]
    assert set(refs("--kind", "bounce")) == {r["ref"] for r in everything if r["kind"] == "bounce"}
    assert refs("--kind", "onbestelbaar") == refs("--kind", "bounce")
    assert set(refs("--problems")) == {r["ref"] for r in everything if r["problems"]}
    baarn = [r["ref"] for r in everything if "Baarn" in [n["name"] for n in r["nominees"]]]
    assert len(baarn) == 2  # Soest's first version and its revision
    assert refs("--nominee", "baarn") == refs("--nominee", "GM0308") == baarn
    assert refs("--nominee", "BAARN") == refs("--nominee", "0308") == baarn
    assert refs("--nominee", "sudwest") == []  # only the bounce's text names it
    assert refs("--since", "2017-06-01 17:00") == [
        r["ref"] for r in everything if r["received_at"] and r["received_at"] >= "2017-06-01T17:00"
    ]
    human = run(installed, archive, "list", "--late").stdout.decode()
    assert re.search(r"^\d+ van 17 berichten: ", _summary(human))
    wrong = run(installed, archive, "list", "--kind", "brief")
    assert wrong.returncode == 2 and "onbekende soort brief" in wrong.stderr.decode()
    wrong = run(installed, archive, "list", "--since", "gisteren")
    assert wrong.returncode == 2 and "geen datum" in wrong.stderr.decode()


def test_output_into_a_pipe_that_closes_early_ends_quietly(installed, archive):
    process = subprocess.Popen(
        [str(installed.executable), "--config", str(archive), "show", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdout.readline()
    process.stdout.close()  # like `| head -1` exiting
    stderr = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=60) == 0
    assert stderr == b""
    shell = subprocess.run(
        f"'{installed.executable}' --config '{archive}' list --json | head -c 10; "
        "exit ${PIPESTATUS[0]}",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        check=False,
    )
    assert (shell.returncode, shell.stderr) == (0, b"")


def test_global_options_work_after_the_command_too(installed, archive):
    before = installed.run("--config", archive, "--lang", "en", "list", env={"COLUMNS": "120"})
    after = installed.run("list", "--config", archive, "--lang", "en", env={"COLUMNS": "120"})
    assert after.returncode == 0, after.stderr
    assert after.stdout == before.stdout and b"messages:" in after.stdout
    quiet = installed.run("reprocess", "--config", archive, "-q", "1")
    assert quiet.returncode == 0 and len(quiet.stdout.decode().splitlines()) == 1


def test_usage_errors_exit_2_in_dutch(installed, archive):
    for args, words in (
        (("list", "--bogus"), "onbekende argumenten"),
        (("show",), "deze argumenten zijn nodig"),
        (("frobnicate",), "ongeldige keuze"),
        (("import", "/no/such/file.eml"), "bestaat niet"),
        (("reprocess", "--all", "1"), "niet toegestaan samen met argument --all"),
    ):
        result = installed.run("--config", archive, *args)
        assert result.returncode == 2, args
        message = result.stderr.decode()
        assert words in message and "gebruik: intake" in message, message
        assert "Traceback" not in message and "Interne fout" not in message


def test_show_is_written_for_the_kind_of_mail(installed, archive):
    everything = json.loads(run(installed, archive, "list", "--json").stdout)
    by_kind = {row["kind"]: row["ref"] for row in everything}
    bounce = run(installed, archive, "show", by_kind["bounce"]).stdout.decode()
    auto = run(installed, archive, "show", by_kind["auto-reply"]).stdout.decode()
    for page in (bounce, auto):
        assert "Termijn:" not in page and "Criteria:" not in page and "Ontvangen:" in page
    nomination = run(installed, archive, "show", "1").stdout.decode()
    assert "Termijn:" in nomination and "Criteria:" in nomination
    assert re.search(r"^Van: +\S.* <.+@.+> — ", nomination, re.MULTILINE)  # name, organisation
    assert (
        run(installed, archive, "show", "1").stdout
        == run(installed, archive, "show", "KCO-0001").stdout
    )


def test_show_text_says_why_it_is_empty(installed, archive):
    everything = json.loads(run(installed, archive, "list", "--json").stdout)
    scan = next(row["ref"] for row in everything if row["subject"] == "Voordracht Bunnik (scan)")
    result = run(installed, archive, "show", scan, "--text")
    assert result.returncode == 0
    if result.stdout.strip():  # the mail's own sentence is the text; the scan adds none
        assert b"Bunnik" in result.stdout
    page = run(installed, archive, "show", scan).stdout.decode()
    assert "Alleen beeld (scan of foto)" in page


def test_show_save_writes_the_attachments_named_safely(installed, archive, tmp_path):
    everything = json.loads(run(installed, archive, "list", "--json").stdout)
    two = next(row["ref"] for row in everything if row["subject"] == "Voordracht Houten")
    target = tmp_path / "bijlagen"
    result = run(installed, archive, "show", two, "--save", target)
    assert result.returncode == 0, result.stderr
    assert [p.name for p in target.iterdir()] == ["nomination-2pages-a4.pdf"]
    assert (target / "nomination-2pages-a4.pdf").read_bytes() == (
        DOCS / "nomination-2pages-a4.pdf"
    ).read_bytes()
    again = run(installed, archive, "show", two, "--save", target)
    assert again.returncode == 0
    assert sorted(p.name for p in target.iterdir()) == [
        "nomination-2pages-a4 (2).pdf",
        "nomination-2pages-a4.pdf",
    ]
    assert "1 bijlage van" in again.stdout.decode()


def test_reprocess_reports_every_verdict_that_changed(installed, tmp_path):
    config = write_config(tmp_path)
    mail = tmp_path / "vraag.eml"
    mail.write_bytes((NOMINATIONS / "36-lochem-did-you-receive.eml").read_bytes())
    assert installed.run("--config", config, "import", mail).returncode == 0
    # As an older version judged it: a nomination, nominating Utrecht.
    with sqlite3.connect(tmp_path / "intake.sqlite3") as db:
        db.execute("UPDATE analyses SET kind = 'nomination'")
    result = installed.run("--config", config, "reprocess", "--all")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().splitlines()
    assert lines[:2] == [
        "KCO-0001  soort: voordracht → correspondentie",
        "KCO-0001  stand: geldt → —",
    ]
    assert lines[-1] == "1 bericht opnieuw gelezen uit de bewaarde mail; 2 oordelen veranderd."
    english = installed.run("--config", config, "--lang", "en", "reprocess", "--all")
    assert english.stdout.decode().splitlines() == [
        "1 message read again from the stored mail; 0 verdicts changed."
    ]


def test_a_date_header_far_from_every_receipt_fact_is_flagged(installed, tmp_path):
    config = write_config(tmp_path)
    far = tmp_path / "toekomst.eml"
    far.write_bytes(
        b"From: Afdeling Wmo <wmo@gemeente-voorbeeld.nl>\r\n"
        b"To: koplopers@vng.example\r\n"
        b"Subject: Voordracht Zeist\r\n"
        b"Date: Mon, 01 Jun 3609 12:00:00 +0200\r\n"
        b"Message-ID: <far-future@gemeente-voorbeeld.nl>\r\n\r\n"
        b"Wij dragen de gemeente Zeist voor als koploper.\r\n"
    )
    assert installed.run("--config", config, "import", far).returncode == 0
    page = installed.run("--config", config, "show", "1").stdout.decode()
    assert "De Date-kop (maandag 1 juni 3609 12:00:00) ligt ver van elke andere" in page
    row = json.loads(installed.run("--config", config, "show", "1", "--json").stdout)
    assert "far-date-header" in [problem["code"] for problem in row["problems"]]


def test_closing_the_pipe_early_does_not_stop_an_import(installed, tmp_path):
    config = write_config(tmp_path)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in INBOX:
        (inbox / name).write_bytes((NOMINATIONS / name).read_bytes())
    (inbox / "notes.txt").write_text("geen mail\n")
    piped = subprocess.run(
        f"'{installed.executable}' --config '{config}' import '{inbox}' | head -1; "
        "exit ${PIPESTATUS[0]}",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        check=False,
    )
    assert piped.returncode == 5  # a file was skipped, and that is still said by the code
    rows = json.loads(installed.run("--config", config, "list", "--json").stdout)
    assert len(rows) == len(INBOX) and all(row["analysed"] for row in rows)


def test_show_raw_to_a_terminal_never_sends_a_control_sequence(installed, archive):
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [str(installed.executable), "--config", str(archive), "show", "17", "--raw"],
        stdout=follower,
        stderr=subprocess.PIPE,
    )
    os.close(follower)
    received = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        received += chunk
    os.close(leader)
    assert process.wait(timeout=60) == 0
    assert b"Subject:" in received and b"\x1b" not in received and b"\x07" not in received
    raw = run(installed, archive, "show", "17", "--raw").stdout  # into a pipe: as received
    assert b"\x1b" in raw


def test_mistakes_around_files_and_references_are_told_in_dutch(installed, archive, tmp_path):
    result = installed.run("init", "/proc/niet-hier/intake.toml")
    assert result.returncode == 3
    assert "kan /proc/niet-hier/intake.toml niet schrijven" in result.stderr.decode()
    a_file = tmp_path / "bestand"
    a_file.write_text("x")
    result = run(installed, archive, "show", "15", "--save", a_file)
    assert result.returncode == 3
    assert "er bestaat al iets met die naam" in result.stderr.decode()
    assert (
        run(installed, archive, "show", "KCO-1").stdout
        == run(installed, archive, "show", "1").stdout
    )
    missing = write_config(tmp_path)
    result = installed.run("--config", missing, "reprocess", "--all")
    assert result.returncode == 3 and "nog geen archief" in result.stderr.decode()
    assert not (tmp_path / "intake.sqlite3").exists()
    for outcome in (result,):
        assert "Interne fout" not in outcome.stderr.decode()


def test_the_init_template_trusts_no_placeholder(installed, tmp_path):
    assert installed.run("init", cwd=tmp_path).returncode == 0
    template = (tmp_path / "intake.toml").read_text(encoding="utf-8")
    assert "\nreceiving_hosts = []\n" in template and "\nauthserv_ids = []\n" in template


def test_mail_about_nothing_of_the_call_is_no_nomination(installed, tmp_path):
    """Long spam, or a letter with a document, that names no municipality, addresses no
    criterion and speaks neither of nominating nor of the call is `overig`; a scan that
    could not be read stays a nomination for a person to open."""
    config = write_config(tmp_path)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    spam = " ".join(["Dear friend, we offer the best prices for software licences."] * 20)
    (inbox / "spam.eml").write_bytes(built(93, "Special offer for you", spam))
    (inbox / "scan.eml").write_bytes(
        built(94, "Bijgaand", "Met vriendelijke groet.", "scan-image-only.pdf")
    )
    assert installed.run("--config", config, "import", inbox).returncode == 0
    rows = {
        row["subject"]: row
        for row in json.loads(installed.run("--config", config, "list", "--json").stdout)
    }
    assert rows["Special offer for you"]["kind"] == "other"
    assert rows["Bijgaand"]["kind"] == "nomination"
