"""``intake review`` as a coordinator uses it, through the installed ``intake``: a decision
kept with who and when, its history, shown by ``list``, ``show`` and the JSON, untouched by
reprocessing; Dutch by default, English with ``--lang en``."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest

from tests.support.paths import NOMINATIONS

INBOX = (
    "15-haarlem-165959.eml",  # KCO-0001: a nomination
    "24-exchange-out-of-office.eml",  # KCO-0002: an automatic reply
    "36-lochem-did-you-receive.eml",  # KCO-0003: a question about a nomination
)
MOMENT = r"\w+ \d{1,2} \w+ \d{4} \d{2}:\d{2}"
"""A moment in words: ``vrijdag 2 juni 2017 10:12``."""


@pytest.fixture
def archive(installed, tmp_path):
    """A fresh archive of three messages, filed by ``intake import``."""
    config = tmp_path / "intake.toml"
    config.write_text(
        f"""
[campaign]
name = "Koplopers Cliëntondersteuning"
deadline = "2017-06-01T17:00:00"
timezone = "Europe/Amsterdam"

[trust]
receiving_hosts = ["mx.vng.example"]

[store]
url = "sqlite:///{tmp_path / "intake.sqlite3"}"
""",
        encoding="utf-8",
    )
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in INBOX:
        (inbox / name).write_bytes((NOMINATIONS / name).read_bytes())
    imported = installed.run("--config", config, "import", inbox)
    assert imported.returncode == 0, imported.stderr
    return config


@pytest.fixture
def intake(installed, archive):
    """Run the installed ``intake`` on the archive; ``env`` adds to a clean environment."""

    def run(*args, env=None):
        return installed.run("--config", archive, *args, env={"COLUMNS": "160", **(env or {})})

    return run


def out(result) -> str:
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode()


def test_a_review_is_confirmed_and_shown_by_show_list_and_the_json(intake):
    said = out(
        intake("review", "kco-1", "--status", "aanvaard", "--note", "Sterk", "--by", "Marieke")
    )
    assert re.fullmatch(rf"KCO-0001: aanvaard \(door Marieke, {MOMENT}\)\n", said), said
    page = out(intake("show", "1"))
    block = page[page.index("\nBeoordeling:\n") + 1 :].splitlines()[1:]
    assert re.fullmatch(rf"  aanvaard, door Marieke, {MOMENT}", block[0]), block
    assert block[1:] == ["      “Sterk”"]
    listed = out(intake("list"))
    assert listed.splitlines()[0].split()[7] == "beoord."
    row = next(line for line in listed.splitlines() if line.startswith("KCO-0001"))
    assert "aanvaard" in row
    assert "  beoord.: wat een mens besliste (intake review REF zegt wie en wanneer)" in listed
    assert "1 beoordeeld (1 aanvaard)." in " ".join(listed.splitlines()[-2:])
    (first, *_) = json.loads(out(intake("list", "--json")))
    shown = json.loads(out(intake("show", "1", "--json")))
    assert first["review"] == shown["review"]
    assert shown["review"]["status"] == "accepted" and shown["review"]["status_text"] == "aanvaard"
    assert (shown["review"]["note"], shown["review"]["by"]) == ("Sterk", "Marieke")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00", shown["review"]["at"])
    assert shown["reviews"] == [shown["review"]]
    other = json.loads(out(intake("show", "2", "--json")))
    assert (other["review"], other["reviews"]) == (None, [])
    assert "  (nog niet beoordeeld)" in out(intake("show", "2")).splitlines()


def test_three_reviews_make_a_history_and_the_last_one_stands(intake):
    assert out(intake("review", "3")) == "KCO-0003 is nog niet beoordeeld.\n"
    for status, note, by in (
        ("informatie-nodig", "Welke voordracht bedoelt u?", "Jan"),
        ("afgewezen", None, "Piet"),
        ("dubbel", "Zelfde als KCO-0001", "Marieke"),
    ):
        options = ["--note", note] if note else []
        said = out(intake("review", "3", "--status", status, "--by", by, *options))
        assert said.startswith("KCO-0003 (correspondentie): ")  # not a nomination: said so
    history = out(intake("review", "3")).splitlines()
    assert history[0] == "Beoordelingen van KCO-0003, de geldende bovenaan:"
    assert [re.sub(MOMENT, "<moment>", line) for line in history[1:]] == [
        "  dubbel, door Marieke, <moment>",
        "      “Zelfde als KCO-0001”",
        "  eerder: afgewezen, door Piet, <moment>",
        "  eerder: informatie nodig, door Jan, <moment>",
        "      “Welke voordracht bedoelt u?”",
    ]
    assert out(intake("show", "3")).splitlines()[-5:] == history[1:]
    shown = json.loads(out(intake("show", "3", "--json")))
    assert [r["status"] for r in shown["reviews"]] == ["needs-info", "rejected", "duplicate"]
    assert shown["review"] == shown["reviews"][-1]
    listed = out(intake("list", "--json", "--review", "dubbel"))
    assert [row["ref"] for row in json.loads(listed)] == ["KCO-0003"]
    assert json.loads(out(intake("list", "--json", "--review", "rejected"))) == []
    unreviewed = json.loads(out(intake("list", "--json", "--unreviewed")))
    assert [row["ref"] for row in unreviewed] == ["KCO-0001", "KCO-0002"]


def test_who_reviews_comes_from_by_else_the_environment_else_the_login(intake):
    by = {"INTAKE_REVIEWER": "Jan de Vries", "LOGNAME": "mbakker", "USER": "mbakker"}
    assert "(door Els, " in out(
        intake("review", "1", "--status", "accepted", "--by", "Els", env=by)
    )
    assert "(door Jan de Vries, " in out(intake("review", "1", "--status", "accepted", env=by))
    login = {"LOGNAME": "mbakker", "USER": "mbakker"}
    assert "(door mbakker, " in out(intake("review", "1", "--status", "accepted", env=login))
    reviews = json.loads(out(intake("show", "1", "--json")))["reviews"]
    assert [r["by"] for r in reviews] == ["Els", "Jan de Vries", "mbakker"]
    empty = intake("review", "1", "--status", "accepted", "--by", " ")
    assert empty.returncode == 2 and "geef de naam van wie beslist" in empty.stderr.decode()


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("aanvaard", "accepted"),
        ("afgewezen", "rejected"),
        ("informatie nodig", "needs-info"),
        ("Informatie-Nodig", "needs-info"),
        ("dubbel", "duplicate"),
        ("needs information", "needs-info"),
    ],
)
def test_dutch_and_english_names_of_a_status_are_understood(intake, typed, code):
    out(intake("review", "1", "--status", typed, "--by", "Marieke"))
    assert json.loads(out(intake("show", "1", "--json")))["review"]["status"] == code


def test_mistakes_are_usage_errors_in_dutch_and_record_nothing(intake):
    wrong = intake("review", "1", "--status", "goedgekeurd", "--by", "Marieke")
    assert wrong.returncode == 2 and wrong.stdout == b""
    message = wrong.stderr.decode()
    assert "gebruik: intake review" in message
    assert (
        "intake review: fout: argument --status: onbekende status goedgekeurd; kies uit "
        "aanvaard, afgewezen, informatie-nodig, dubbel"
    ) in message
    alone = intake("review", "1", "--note", "Sterk")
    assert alone.returncode == 2
    assert "intake review: fout: --note en --by horen bij --status" in alone.stderr.decode()
    long = intake("review", "1", "--status", "aanvaard", "--by", "M", "--note", "x" * 2001)
    assert long.returncode == 2
    assert "de opmerking is 2.001 tekens lang; er worden er hoogstens 2.000 bewaard" in (
        long.stderr.decode()
    )
    assert json.loads(out(intake("show", "1", "--json")))["reviews"] == []


def test_an_unknown_reference_exits_4_as_show_does(intake):
    reviewed = intake("review", "KCO-0099", "--status", "aanvaard", "--by", "Marieke")
    shown = intake("show", "KCO-0099")
    assert (reviewed.returncode, shown.returncode) == (4, 4)
    assert reviewed.stderr == shown.stderr == b"Geen bericht KCO-0099.\n"
    assert intake("review", "99").returncode == 4


def test_review_never_makes_an_archive(installed, tmp_path):
    config = tmp_path / "intake.toml"
    config.write_text(
        '[campaign]\nname = "x"\ndeadline = "2017-06-01T17:00:00"\ntimezone = "Europe/Amsterdam"\n'
        f'[store]\nurl = "sqlite:///{tmp_path / "typo.sqlite3"}"\n',
        encoding="utf-8",
    )
    result = installed.run("--config", config, "review", "1", "--status", "aanvaard", "--by", "M")
    assert result.returncode == 3 and "nog geen archief" in result.stderr.decode()
    assert not (tmp_path / "typo.sqlite3").exists()


def test_reprocessing_leaves_every_review_and_its_history(intake, archive):
    for ref, status, by in (
        ("1", "needs-info", "Jan"),
        ("1", "accepted", "Marieke"),
        ("3", "dubbel", "Piet"),
    ):
        out(intake("review", ref, "--status", status, "--by", by, "--note", f"{status} door {by}"))
    database = archive.parent / "intake.sqlite3"

    def kept():
        with sqlite3.connect(database) as db:
            return db.execute("SELECT * FROM reviews ORDER BY id").fetchall()

    def shown():
        return [
            (row["ref"], row["review"], row["reviews"])
            for row in json.loads(out(intake("list", "--json")))
        ]

    rows, views = kept(), shown()
    assert len(rows) == 3
    with sqlite3.connect(database) as db:  # as an older version judged it: read again
        db.execute("UPDATE analyses SET kind = 'bulk'")
    assert out(intake("reprocess", "1")).startswith("KCO-0001  soort: ")
    assert "KCO-0003  soort: " in out(intake("reprocess", "--all"))
    assert kept() == rows
    assert shown() == views


def test_a_note_and_a_name_from_a_person_print_safely(intake):
    note = "<script>alert(1)</script> \x1b[2J weg\x07"
    out(intake("review", "1", "--status", "rejected", "--note", note, "--by", "Jan\x1b]0;x\x07"))
    for args in (("show", "1"), ("review", "1"), ("list",), ("show", "1", "--json")):
        printed = intake(*args).stdout
        assert b"\x1b" not in printed and b"\x07" not in printed, args
    page = out(intake("show", "1"))
    assert "“<script>alert(1)</script> ␛[2J weg␇”" in page
    assert "door Jan␛]0;x␇," in page
    shown = json.loads(out(intake("show", "1", "--json")))
    assert shown["review"]["note"] == note and shown["review"]["by"] == "Jan\x1b]0;x\x07"


def test_english_with_lang_en(intake):
    said = out(intake("--lang", "en", "review", "1", "--status", "needs-info", "--by", "Jan"))
    assert re.fullmatch(rf"KCO-0001: needs information \(by Jan, {MOMENT}\)\n", said), said
    said = out(intake("--lang", "en", "review", "2", "--status", "aanvaard", "--by", "Jan"))
    assert said.startswith("KCO-0002 (automatic reply): accepted (by Jan, ")
    page = out(intake("--lang", "en", "show", "1"))
    assert re.search(rf"\nReview:\n  needs information, by Jan, {MOMENT}\n", page)
    listed = out(intake("--lang", "en", "list"))
    assert listed.splitlines()[0].split()[7] == "review"
    assert "2 reviewed (1 accepted, 1 needs information)." in " ".join(listed.splitlines()[-2:])
    history = out(intake("--lang", "en", "review", "1"))
    assert history.startswith("Reviews of KCO-0001, the one that stands first:\n")
    wrong = intake("--lang", "en", "review", "1", "--status", "maybe")
    assert wrong.returncode == 2
    assert "unknown status maybe; one of accepted, rejected, needs-information, duplicate" in (
        wrong.stderr.decode()
    )
    assert (
        json.loads(out(intake("--lang", "en", "show", "1", "--json")))["review"]["status_text"]
        == "needs information"
    )
