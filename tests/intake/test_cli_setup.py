"""Setup mistakes as a user meets them: the installed intake against a real Dovecot.

A mistake in the settings is found at once, said in Dutch with the fix, and never
retried; a passing failure is retried, each retry said; a server that hangs in the TLS
handshake fails within the connect timeout; ``intake run`` stops after a few refused
logins; a ``[trust] receiving_hosts`` that no Received header names is told once.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time

import pytest

from tests.support.mail import DEADLINE, PASSWORD_ENV, nomination, write_config
from tests.support.silent import SilentServer

SHORT = 3
"""The connect timeout against Dovecot: short, yet ample for a TLS handshake on loopback."""
BY_PROVIDER = (
    b"Received: from relay.example by mx1.provider.example; Thu, 1 Jun 2017 16:59:59 +0200\r\n"
)
RETRYING = "nieuwe poging over"


@pytest.fixture
def intake(installed):
    """Run the installed ``intake`` console script; it must end within ``timeout``."""

    def run(*args, config=None, env=None, timeout=120):
        options = ["--config", str(config)] if config is not None else []
        return installed.run(*options, *args, env=env, timeout=timeout)

    return run


@pytest.fixture
def env(imap_account):
    return {PASSWORD_ENV: imap_account.password}


def configure(
    tmp_path,
    account,
    *,
    port=None,
    security="none",
    connect_timeout=SHORT,
    extra_mailbox="",
    **kwargs,
):
    return write_config(
        tmp_path,
        host=account.host,
        port=port or account.port,
        username=account.username,
        security=security,
        extra_mailbox=(
            f"connect_timeout_seconds = {connect_timeout}\n"
            f'ca_file = "{account.ca_file}"\n{extra_mailbox}'
        ),
        **kwargs,
    )


def told(result):
    return result.stderr.decode()


def test_plain_imap_to_the_imaps_port_exits_2_with_the_fix_and_no_retries(
    tmp_path, imap_account, env, intake
):
    config = configure(tmp_path, imap_account, port=imap_account.ssl_port, security="starttls")
    started = time.monotonic()
    result = intake("poll", config=config, env=env)
    assert time.monotonic() - started < 60
    assert result.returncode == 2, told(result)
    assert told(result) == (
        f"Configuratiefout: {config}: mailbox.security: poort {imap_account.ssl_port} van "
        '127.0.0.1 spreekt IMAPS (TLS vanaf de eerste byte): zet security = "tls"\n'
    )
    english = intake("--lang", "en", "poll", config=config, env=env)
    assert 'speaks IMAPS (TLS from the first byte): set security = "tls"' in told(english)


def test_tls_to_the_plain_port_exits_2_with_the_fix(tmp_path, imap_account, env, intake):
    config = configure(tmp_path, imap_account, security="tls")
    result = intake("poll", config=config, env=env)
    assert result.returncode == 2, told(result)
    assert (
        f"poort {imap_account.port} van 127.0.0.1 spreekt gewone IMAP, geen TLS: zet security "
        '= "starttls"'
    ) in told(result)
    assert RETRYING not in told(result)


def test_an_untrusted_certificate_names_ca_file(tmp_path, imap_account, env, intake):
    config = write_config(
        tmp_path,
        host=imap_account.host,
        port=imap_account.ssl_port,
        username=imap_account.username,
        security="tls",
    )
    result = intake("poll", config=config, env=env)
    assert result.returncode == 2, told(result)
    assert "mailbox.ca_file: het certificaat van 127.0.0.1:" in told(result)
    assert "zet mailbox.ca_file dan op het certificaat" in told(result)
    assert "CERTIFICATE_VERIFY_FAILED" not in told(result)


def test_a_refused_login_is_told_plainly_and_not_retried(tmp_path, imap_account, intake):
    config = configure(tmp_path, imap_account)
    result = intake("poll", config=config, env={PASSWORD_ENV: "wrong"})
    assert result.returncode == 3
    assert told(result) == (
        f"Fout: de server weigerde de inlog voor {imap_account.username}; controleer "
        f"mailbox.username en het wachtwoord in ${PASSWORD_ENV}\n"
    )


def test_a_missing_folder_is_named_with_the_folders_the_server_has(
    tmp_path, imap_account, env, intake
):
    imap_account.create_folder("Archief")
    config = configure(tmp_path, imap_account, extra_mailbox='folder = "Voordrachten"')
    result = intake("poll", config=config, env=env)
    assert result.returncode == 2, told(result)
    assert (
        f'mailbox.folder: de map "Voordrachten" bestaat niet op 127.0.0.1:{imap_account.port}; '
        'zet mailbox.folder op een map die wel bestaat. De server heeft: "INBOX", "Archief"'
    ) in told(result)


def test_a_missing_move_to_folder_is_found_at_the_start_of_poll_and_run(
    tmp_path, imap_account, env, intake
):
    config = configure(tmp_path, imap_account, extra_mailbox='move_to = "Gearchiveerd"')
    expected = 'mailbox.move_to: de map "Gearchiveerd" waarnaar gearchiveerde mail wordt verplaatst'
    polled = intake("poll", config=config, env=env)  # the box is empty
    assert polled.returncode == 2, told(polled)
    assert expected in told(polled) and 'De server heeft: "INBOX"' in told(polled)
    ran = intake("run", config=config, env=env)  # stops by itself: no signal needed
    assert ran.returncode == 2, told(ran)
    assert expected in told(ran)
    assert "intake run stopt; start het opnieuw zodra de configuratie klopt." in told(ran)


def test_a_server_silent_in_the_tls_handshake_fails_within_the_connect_timeout(
    tmp_path, imap_account, env, intake
):
    with SilentServer() as silent:
        config = configure(
            tmp_path,
            imap_account,
            port=silent.port,
            security="tls",
            connect_timeout=1,
            timeout_seconds=300,  # used for the handshake, three attempts would take 15 min
            extra_mailbox="retries = 2",
        )
        started = time.monotonic()
        result = intake("poll", config=config, env=env, timeout=120)
        elapsed = time.monotonic() - started
    assert elapsed < 60
    assert result.returncode == 3, told(result)
    lines = told(result).splitlines()
    assert [line.count(RETRYING) for line in lines] == [1, 1, 0]
    assert lines[0].startswith(
        f"Verbindingsprobleem: 127.0.0.1:{silent.port} gaf geen antwoord binnen de toegestane "
        "tijd (1 s); nieuwe poging over"
    )
    assert lines[0].endswith("(poging 2 van 3).")
    assert lines[-1] == (
        f"Fout: 127.0.0.1:{silent.port} gaf geen antwoord binnen de toegestane tijd (1 s) "
        "(opgegeven na 3 pogingen)"
    )


def test_run_stops_after_three_refused_logins_in_a_row(tmp_path, imap_account, intake):
    config = configure(tmp_path, imap_account, extra="[schedule]\npoll_minutes = 0.01\n")
    result = intake("run", config=config, env={PASSWORD_ENV: "wrong"}, timeout=120)
    assert result.returncode == 3, told(result)
    lines = told(result).splitlines()
    assert len(lines) == 3
    refusal = f"de server weigerde de inlog voor {imap_account.username}"
    assert all(refusal in line for line in lines)
    assert lines[0].startswith("Ophalen mislukt: ")
    assert "na 3 geweigerde inlogpogingen achter elkaar stopt intake run" in lines[0]
    assert lines[2].startswith(
        "intake run stopt na 3 geweigerde inlogpogingen achter elkaar, zodat de server het "
        "account niet blokkeert: de server weigerde"
    )
    assert lines[2].endswith("Start daarna intake run opnieuw.")


def test_a_passing_failure_in_run_is_told_and_run_goes_on(tmp_path, imap_account, env, installed):
    with SilentServer() as silent:
        config = configure(
            tmp_path,
            imap_account,
            port=silent.port,
            connect_timeout=1,
            extra_mailbox="retries = 0",
            extra="[schedule]\npoll_minutes = 0.01\n",
        )
        process = subprocess.Popen(
            [str(installed.executable), "--config", str(config), "run"],
            env={**os.environ, **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            deadline = time.monotonic() + 120  # a hang guard: typically 5 s
            while silent.connections < 4 and time.monotonic() < deadline:
                time.sleep(0.2)
        finally:
            process.send_signal(signal.SIGTERM)
            _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    first = err.decode().splitlines()[0]
    assert first.startswith(f"Ophalen mislukt: 127.0.0.1:{silent.port} gaf geen antwoord")
    assert first.endswith("De volgende ophaalronde, over 0 seconden, probeert het opnieuw.")


def test_receiving_hosts_that_no_header_names_are_told_once_with_the_hosts_seen(
    tmp_path, imap_account, env, intake
):
    imap_account.append(BY_PROVIDER + nomination(1), DEADLINE)
    imap_account.append(BY_PROVIDER + nomination(2), DEADLINE)
    config = configure(
        tmp_path, imap_account, extra='[trust]\nreceiving_hosts = ["mx.example.nl"]\n'
    )
    result = intake("poll", config=config, env=env)
    assert result.returncode == 0, told(result)
    assert told(result) == (
        "Waarschuwing: geen van de 2 berichten met Received-koppen heeft er een van een host "
        "in [trust] receiving_hosts (mx.example.nl); de bovenste zijn van mx1.provider.example. "
        "Is een daarvan uw eigen mailserver, zet die dan in receiving_hosts: tot dan wordt geen "
        "ontvangsttijd uit een Received-kop gehaald.\n"
    )
    assert intake("poll", config=config, env=env).stderr == b""  # nothing new, nothing said


def test_run_tells_the_receiving_hosts_once(tmp_path, imap_account, env, intake, installed):
    config = configure(
        tmp_path,
        imap_account,
        extra='[trust]\nreceiving_hosts = ["mx.example.nl"]\n[schedule]\npoll_minutes = 0.01\n',
    )
    imap_account.append(BY_PROVIDER + nomination(1), DEADLINE)
    process = subprocess.Popen(
        [str(installed.executable), "--config", str(config), "run"],
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:

        def filed():
            return len(json.loads(intake("list", "--json", config=config).stdout or b"[]"))

        deadline = time.monotonic() + 120  # a hang guard: typically 5 s
        while filed() < 1 and time.monotonic() < deadline:
            time.sleep(0.2)
        imap_account.append(BY_PROVIDER + nomination(2), DEADLINE)
        while filed() < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert filed() == 2
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert b"KCO-0001" in out and b"KCO-0002" in out
    assert err.decode().count("mx1.provider.example") == 1


def test_an_unencrypted_login_to_another_computer_is_told_once_at_the_start(
    tmp_path, imap_account, env, intake
):
    config = write_config(
        tmp_path,
        host="192.0.2.1",  # TEST-NET-1: never a server; unreachable or silent
        port=143,
        username=imap_account.username,
        extra_mailbox="connect_timeout_seconds = 1\nretries = 1",
    )
    result = intake("poll", config=config, env=env)
    assert result.returncode == 3, told(result)
    lines = told(result).splitlines()
    assert lines[0] == (
        'Waarschuwing: mailbox.security is "none": het wachtwoord en de mail gaan '
        'onversleuteld over het netwerk naar 192.0.2.1. Zet security = "tls" of '
        '"starttls", tenzij de server op deze computer draait.'
    )
    assert sum("onversleuteld" in line for line in lines) == 1
    # On this computer it is no risk, and nothing is said.
    local = configure(tmp_path, imap_account)
    assert intake("poll", config=local, env=env).stderr == b""
