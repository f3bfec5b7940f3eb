"""The intake command as a user runs it: real processes, real Dovecot, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import timedelta

import pytest

from tests.support.mail import DEADLINE, PASSWORD_ENV, nomination, write_config


@pytest.fixture
def intake(installed):
    """Run the installed ``intake`` console script."""

    def run(*args, config=None, env=None, cwd=None):
        options = ["--config", str(config)] if config is not None else []
        return installed.run(*options, *args, env=env, cwd=cwd)

    return run


@pytest.fixture
def config(tmp_path, imap_account):
    return write_config(
        tmp_path,
        host=imap_account.host,
        port=imap_account.port,
        username=imap_account.username,
    )


@pytest.fixture
def env(imap_account):
    return {PASSWORD_ENV: imap_account.password}


def test_deadline_boundaries_through_poll_and_list(imap_account, config, env, intake):
    for second, number in ((-1, 1), (0, 2), (1, 3)):
        imap_account.append(nomination(number), DEADLINE + timedelta(seconds=second))
    polled = intake("poll", config=config, env=env)
    assert polled.returncode == 0, polled.stderr
    assert b"KCO-0001, KCO-0002, KCO-0003" in polled.stdout
    listed = intake("list", "--json", config=config)
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [(r["received_at"], r["on_time"], r["late_by_seconds"]) for r in rows] == [
        ("2017-06-01T16:59:59+02:00", True, 0),
        ("2017-06-01T17:00:00+02:00", True, 0),
        ("2017-06-01T17:00:01+02:00", False, 1),
    ]
    first = rows[0]
    assert first["ref"] == "KCO-0001"
    assert first["received_source"] == "imap-internaldate"
    assert first["subject"] == "Voordracht koploper cliëntondersteuning nr. 1"
    assert first["from"] == "Afdeling WMO 1 <wmo@gemeente-voorbeeld.nl>"
    assert first["message_id"].startswith("<") and first["date_header"]


def test_list_and_show_for_people(imap_account, config, env, intake):
    sent = nomination(1)
    imap_account.append(sent, DEADLINE + timedelta(minutes=3, seconds=20))
    assert intake("poll", config=config, env=env).returncode == 0
    listed = intake("list", config=config).stdout.decode()
    assert "KCO-0001" in listed and "te laat 3m 20s" in listed
    shown = intake("show", "KCO-0001", config=config).stdout.decode()
    assert "te laat: 3 minuten en 20 seconden" in shown
    assert "donderdag 1 juni 2017 17:03:20 (ontvangsttijd van onze IMAP-server)" in shown
    english = intake("--lang", "en", "show", "kco-0001", config=config).stdout.decode()
    assert (
        intake("show", "1", config=config).stdout.decode()
        == intake("show", "KCO-0001", config=config).stdout.decode()
    )
    assert "late: 3 minutes and 20 seconds" in english
    assert "receipt time from our IMAP server" in english
    shown = json.loads(intake("show", "KCO-0001", "--json", config=config).stdout)
    assert shown["late_by_seconds"] == 200
    assert intake("show", "KCO-0001", "--raw", config=config).stdout == sent


def test_show_unknown_reference_exits_4(config, intake):
    assert intake("migrate", config=config).returncode == 0
    result = intake("show", "KCO-9999", config=config)
    assert result.returncode == 4
    assert b"KCO-9999" in result.stderr
    for odd in ("²", "١", "9" * 5000):  # digits Python's int() refuses or chokes on
        result = intake("show", odd, config=config)
        assert (result.returncode, result.stdout) == (4, b""), result.stderr
        assert b"Interne fout" not in result.stderr


def test_invalid_config_exits_2_naming_the_key_and_file(tmp_path, intake):
    path = tmp_path / "intake.toml"
    path.write_text(
        '[campaign]\nname = "x"\ndeadline = "2017-06-01T17:00:00"\ntimezone = "Mars/Olympus"\n'
    )
    result = intake("list", config=path)
    assert result.returncode == 2
    message = result.stderr.decode()
    assert "campaign.timezone" in message and str(path) in message
    assert "Traceback" not in message


def test_missing_password_exits_2(config, intake):
    result = intake("poll", config=config, env={PASSWORD_ENV: ""})
    assert result.returncode == 2
    assert PASSWORD_ENV in result.stderr.decode()


def test_unreachable_server_exits_3(tmp_path, imap_account, env, intake):
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = write_config(
        tmp_path,
        host="127.0.0.1",
        port=port,
        username="x",
        extra_mailbox="retries = 1",
    )
    result = intake("poll", config=config, env=env)
    assert result.returncode == 3
    assert "Traceback" not in result.stderr.decode()
    assert str(port) in result.stderr.decode()


def test_init_writes_a_working_example_and_refuses_to_overwrite(tmp_path, intake):
    result = intake("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "intake.toml").exists()
    assert (tmp_path / "intake-data").is_dir()  # init makes the archive the config names
    listed = intake("list", cwd=tmp_path)
    assert listed.returncode == 0
    assert listed.stdout.decode().strip() == "Nog geen berichten gearchiveerd."
    assert intake("list", "--json", cwd=tmp_path).stdout.strip() == b"[]"
    assert intake("show", "KCO-0001", cwd=tmp_path).returncode == 4
    again = intake("init", cwd=tmp_path)
    assert again.returncode == 2


def test_config_from_environment_variable(tmp_path, config, intake):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    environment = {"INTAKE_CONFIG": str(config)}
    assert intake("migrate", env=environment, cwd=elsewhere).returncode == 0
    result = intake("list", "--json", env=environment, cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_reading_commands_say_there_is_no_archive_and_name_the_key(config, intake):
    for command in (("list",), ("list", "--json"), ("show", "1")):
        result = intake(*command, config=config)
        assert (result.returncode, result.stdout) == (3, b""), result.stderr
        message = result.stderr.decode()
        assert "nog geen archief" in message and "[store] url" in message
        assert str(config) in message
    assert not (config.parent / "intake.sqlite3").exists()  # reading creates no database


def test_import_then_poll_recognises_the_same_message(imap_account, config, env, tmp_path, intake):
    raw = nomination(1)
    eml = tmp_path / "saved.eml"
    eml.write_bytes(raw)
    imported = intake("import", str(eml), config=config)
    assert imported.returncode == 0, imported.stderr
    imap_account.append(raw, DEADLINE)
    polled = intake("poll", config=config, env=env)
    assert polled.returncode == 0
    rows = json.loads(intake("list", "--json", config=config).stdout)
    assert len(rows) == 1


def test_run_polls_on_a_schedule_until_terminated(imap_account, tmp_path, env, intake, installed):
    import signal
    import time

    config = write_config(
        tmp_path,
        host=imap_account.host,
        port=imap_account.port,
        username=imap_account.username,
    )
    with config.open("a") as handle:
        handle.write("\n[schedule]\npoll_minutes = 0.01\n")
    imap_account.append(nomination(1), DEADLINE)
    environment = {**os.environ, **env}
    process = subprocess.Popen(
        [str(installed.executable), "--config", str(config), "run"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:

        def filed():
            listed = intake("list", "--json", config=config)
            return len(json.loads(listed.stdout)) if listed.returncode == 0 else 0

        deadline = time.monotonic() + 120  # a hang guard: typically 5 s
        while filed() < 1 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert filed() == 1
        imap_account.append(nomination(2), DEADLINE)
        while filed() < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert filed() == 2
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert b"KCO-0001" in out and b"KCO-0002" in out


def test_unusable_store_exits_3(tmp_path, intake):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    path = tmp_path / "intake.toml"
    path.write_text(
        '[campaign]\nname = "x"\ndeadline = "2017-06-01T17:00:00"\n'
        'timezone = "Europe/Amsterdam"\n'
        f'[store]\nurl = "sqlite:///{blocker}/sub/intake.sqlite3"\n'
    )
    result = intake("list", config=path)
    assert result.returncode == 3
    assert "Traceback" not in result.stderr.decode()


def test_a_store_url_that_names_no_database_is_a_configuration_error(tmp_path, intake):
    path = tmp_path / "intake.toml"
    path.write_text(
        '[campaign]\nname = "x"\ndeadline = "2017-06-01T17:00:00"\n'
        'timezone = "Europe/Amsterdam"\n[store]\nurl = "nonsense"\n'
    )
    for command in ("list", "poll", "reprocess"):
        result = intake(command, config=path)
        assert result.returncode == 2, command
        message = result.stderr.decode()
        assert "store.url" in message and str(path) in message and "nonsense" in message


def test_an_old_database_is_migrated_by_writing_commands_only(tmp_path, intake):
    import shutil

    from store.migrations import LATEST
    from tests.support.paths import DATA

    shutil.copy(DATA / "store" / "schema-v1.sqlite3", tmp_path / "old.sqlite3")
    path = tmp_path / "intake.toml"
    path.write_text(
        '[campaign]\nname = "x"\ndeadline = "2017-06-01T17:00:00"\n'
        'timezone = "Europe/Amsterdam"\n[store]\nurl = "sqlite:///old.sqlite3"\n'
    )
    listed = intake("list", config=path)
    assert listed.returncode == 3
    assert "intake migrate" in listed.stderr.decode()
    migrated = intake("migrate", config=path)
    assert migrated.returncode == 0, migrated.stderr.decode()
    assert f"schemaversie {LATEST}" in migrated.stdout.decode()
    rows = json.loads(intake("list", "--json", config=path).stdout)
    assert [(r["ref"], r["analysed"]) for r in rows] == [("KCO-0001", False)]
    assert intake("reprocess", config=path).returncode == 0
    rows = json.loads(intake("list", "--json", config=path).stdout)
    assert rows[0]["analysed"] and rows[0]["kind"] == "nomination"


def test_poll_reads_attachments_and_list_shows_length(imap_account, config, env, intake):
    from tests.support.mail import with_attachments

    imap_account.append(with_attachments(1, "nomination-2pages-a4.pdf"), DEADLINE)
    imap_account.append(with_attachments(2, "nomination-1page-letter.pdf"), DEADLINE)
    imap_account.append(with_attachments(3, "invalid/encrypted-password.docx"), DEADLINE)
    assert intake("poll", config=config, env=env).returncode == 0
    rows = {r["ref"]: r for r in json.loads(intake("list", "--json", config=config).stdout)}
    two = rows["KCO-0001"]
    assert (two["pages"], two["pages_measured"], two["page_size"], two["length_ok"]) == (
        2,
        True,
        "A4",
        False,
    )
    assert two["document"] == "nomination-2pages-a4.pdf"
    (attachment,) = two["attachments"]
    assert attachment["filename"] == "nomination-2pages-a4.pdf"
    assert attachment["pages"] == 2 and attachment["page_size"] == "A4"
    assert attachment["bytes"] > 0 and len(attachment["sha256"]) == 64
    assert attachment["text_chars"] > 1000 and attachment["problem"] is None
    letter = rows["KCO-0002"]
    assert (letter["pages"], letter["length_ok"], letter["page_size"]) == (1, True, "Letter")
    assert "not-a4" in [p["code"] for p in letter["problems"]]
    encrypted = rows["KCO-0003"]
    assert encrypted["attachments"][0]["problem"]["code"] == "encrypted"
    assert any(
        "encrypted-password.docx: Versleuteld" in p["message"] for p in encrypted["problems"]
    )
    text = intake("show", "KCO-0001", "--text", config=config).stdout.decode()
    assert "koploper" in text.lower() and len(text.split()) > 500
    # The text shown is the text judged: the mail's own words, then the document's.
    assert text.startswith("Zie de bijlage voor onze voordracht.")
    shown = json.loads(intake("show", "KCO-0001", "--json", config=config).stdout)
    flat = " ".join(text.split())
    evidence = [e.strip("…") for c in shown["criteria"] for e in c["evidence"]]
    assert evidence and all(" ".join(e.split()) in flat for e in evidence)
    from_text = [n for n in shown["nominees"] if n["reason"] != "subject"]
    assert all(" ".join(n["evidence"].split()).strip("…") in flat for n in from_text)


def test_reprocess_rebuilds_from_the_stored_mail(imap_account, config, env, intake):
    from tests.support.mail import with_attachments

    imap_account.append(with_attachments(1, "nomination-1page-a4.docx"), DEADLINE)
    assert intake("poll", config=config, env=env).returncode == 0
    before = json.loads(intake("show", "KCO-0001", "--json", config=config).stdout)
    assert before["pages"] == 1
    import sqlite3

    database = sqlite3.connect(config.parent / "intake.sqlite3")
    with database:
        database.execute("UPDATE analyses SET pages = 99, words = 0")
        database.execute("UPDATE messages SET subject = 'tampered'")
    database.close()
    assert json.loads(intake("show", "KCO-0001", "--json", config=config).stdout)["pages"] == 99
    result = intake("reprocess", "--all", config=config)
    assert result.returncode == 0, result.stderr
    assert b"1 " in result.stdout
    after = json.loads(intake("show", "KCO-0001", "--json", config=config).stdout)
    assert after == before
    assert intake("reprocess", "KCO-0042", config=config).returncode == 4


def test_judgements_and_revision_chain_through_poll_and_list(imap_account, config, env, intake):
    letter = (
        "Geachte jury,\n\nHet college van Utrecht draagt de gemeente Zeist voor als koploper "
        "cliëntondersteuning. De gemeenteraad bespreekt cliëntondersteuning elk jaar en de "
        "cliëntenraad adviseert erover. Wij ontwikkelen samen met ervaringsdeskundigen en "
        "vrijwilligers.\n"
    )
    first = nomination(1, sender="wmo@utrecht.nl", body=letter)
    revised = nomination(2, sender="wmo@utrecht.nl", body=letter + "\nAangepaste versie.\n")
    resent = nomination(3, sender="wmo@utrecht.nl", body=letter + "\nAangepaste versie.\n")
    late = nomination(4, sender="wmo@utrecht.nl", body=letter + "\nNog een aanvulling.\n")
    away = (
        b"From: Jan <jan@zeist.nl>\r\nTo: koplopers@vng.example\r\n"
        b"Subject: Automatisch antwoord: Oproep koplopers\r\nAuto-Submitted: auto-replied\r\n"
        b"Message-ID: <away@zeist.nl>\r\n\r\nIk ben afwezig tot en met 6 juni.\r\n"
    )
    imap_account.append(first, DEADLINE - timedelta(hours=3))
    imap_account.append(revised, DEADLINE - timedelta(hours=2))
    imap_account.append(resent, DEADLINE - timedelta(hours=1))
    imap_account.append(late, DEADLINE + timedelta(hours=1))
    imap_account.append(away, DEADLINE - timedelta(minutes=30))
    assert intake("poll", config=config, env=env).returncode == 0
    rows = {r["ref"]: r for r in json.loads(intake("list", "--json", config=config).stdout)}
    one, two, three, four, five = (rows[f"KCO-000{n}"] for n in range(1, 6))
    assert one["kind"] == "nomination"
    assert one["sender"]["municipality"] == {"code": "GM0344", "name": "Utrecht"}
    assert one["sender"]["authenticated"] is False  # no trusted Authentication-Results
    assert [n["code"] for n in one["nominees"]] == ["GM0355"]
    assert [c["id"] for c in one["criteria"] if c["met"]][:2] == ["agenda", "samenwerking"]
    assert one["meets_min_criteria"] is True
    assert (one["status"], one["superseded_by"]) == ("superseded", "KCO-0002")
    assert (two["status"], two["supersedes"]) == ("current", "KCO-0001")
    assert two["status_reason"] == (
        "vervangt KCO-0001: zelfde afzender, zelfde gemeente, later en op tijd"
    )
    assert (three["status"], three["duplicate_of"]) == ("duplicate", "KCO-0002")
    assert (four["on_time"], four["late_revision_of"], four["status"]) == (
        False,
        "KCO-0002",
        "late-revision",
    )
    assert five["kind"] == "auto-reply" and five["status"] is None
    assert five["status_reason"] is None
    page = intake("show", "KCO-0001", config=config).stdout.decode()
    assert "vervangen door KCO-0002" in page and "Zeist (GM0355" in page
    english = json.loads(intake("--lang", "en", "show", "2", "--json", config=config).stdout)
    assert english["status_reason"].startswith("supersedes KCO-0001: same sender")
