"""kill -9 of a running poll at many points, then a re-poll: every message filed exactly once.

The poll runs as a real ``intake poll`` process talking to Dovecot through a proxy that
watches its IMAP commands; at a chosen command the process is killed with SIGKILL before
the command reaches the server.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import time
from collections import Counter

import pytest

from intake.config import load_settings
from intake.receiving.poll import poll_once
from parsers.envelope import identify
from store import Store
from tests.support.mail import PASSWORD_ENV, around_deadline, nomination, write_config
from tests.support.proxy import TcpProxy

KEYWORD = b"$IntakeFiled"
MESSAGES = 9
BATCH = 2

pytestmark = pytest.mark.slow


def start_poll(installed, config, password):
    env = {**os.environ, PASSWORD_ENV: password}
    return subprocess.Popen(
        [str(installed.executable), "--config", str(config), "poll"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def assert_filed_exactly_once(account, config, expected_ids):
    settings = load_settings(config)
    with Store.open(settings.store.url) as store:
        report = poll_once(settings, store)
        filed = Counter(m.message_id for m in store.list_messages())
        refs = [m.ref for m in store.list_messages()]
    assert filed == Counter(expected_ids), report
    assert refs == [f"KCO-{n:04d}" for n in range(1, len(expected_ids) + 1)]
    flags = account.fetch_flags()
    assert len(flags) == len(expected_ids)  # nothing deleted on the server
    assert all(KEYWORD in f for f in flags.values())


@pytest.fixture
def seeded(imap_account):
    raws = [nomination(i) for i in range(MESSAGES)]
    imap_account.append_many(zip(raws, around_deadline(MESSAGES), strict=True))
    return [identify(raw).message_id for raw in raws]


@pytest.mark.parametrize(
    ("pattern", "nth", "what"),
    [
        (rb"UID FETCH .*BODY\.PEEK", 1, "before anything is fetched"),
        (rb"UID STORE", 1, "after the first batch is filed, before it is marked"),
        (rb"UID FETCH .*BODY\.PEEK", 2, "after the first batch is filed and marked"),
        (rb"UID STORE", 3, "in the middle, filed but not marked"),
        (rb"LOGOUT", 1, "after everything, before logging out"),
    ],
)
def test_kill_at_a_command_then_repoll(
    installed, imap_account, seeded, tmp_path, monkeypatch, pattern, nth, what
):
    with TcpProxy(imap_account.host, imap_account.port) as proxy:
        config = write_config(
            tmp_path,
            host=proxy.host,
            port=proxy.port,
            username=imap_account.username,
            extra_mailbox=f"batch_messages = {BATCH}",
        )
        process = start_poll(installed, config, imap_account.password)
        proxy.on_client_line(pattern, lambda: process.send_signal(signal.SIGKILL), nth=nth)
        process.wait(timeout=60)
        assert process.returncode == -signal.SIGKILL, (what, process.stderr.read())
    direct = write_config(
        tmp_path,
        host=imap_account.host,
        port=imap_account.port,
        username=imap_account.username,
    )
    monkeypatch.setenv(PASSWORD_ENV, imap_account.password)
    assert_filed_exactly_once(imap_account, direct, seeded)


def test_kill_at_random_moments_until_done(installed, imap_account, tmp_path, monkeypatch):
    """Kill the poll once filing has reached a random point, again and again, then finish."""
    count = 400
    raws = [nomination(i) for i in range(count)]
    imap_account.append_many(zip(raws, around_deadline(count), strict=True))
    expected = [identify(raw).message_id for raw in raws]
    config = write_config(
        tmp_path,
        host=imap_account.host,
        port=imap_account.port,
        username=imap_account.username,
        extra_mailbox="batch_messages = 5",
    )
    database = tmp_path / "intake.sqlite3"
    rng = random.Random(20170601)
    interrupted = 0
    while interrupted < 4:
        before = count_filed(database)
        # Four steps of at most 60 stay far below 400: every kill lands mid-filing.
        target = rng.randint(before + 1, before + 60)
        process = start_poll(installed, config, imap_account.password)
        give_up = time.monotonic() + 60
        while process.poll() is None and time.monotonic() < give_up:
            if count_filed(database) >= target:
                process.send_signal(signal.SIGKILL)
                break
            time.sleep(0.005)
        process.wait(timeout=60)
        assert process.returncode == -signal.SIGKILL, process.stderr.read()
        if before < count_filed(database) < count:
            interrupted += 1
    monkeypatch.setenv(PASSWORD_ENV, imap_account.password)
    assert_filed_exactly_once(imap_account, config, expected)


def count_filed(database):
    """Filed messages, read as any other reader would while the poll writes (WAL)."""
    if not database.exists():
        return 0
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5)
    try:
        return connection.execute("SELECT count(*) FROM messages").fetchone()[0]
    except sqlite3.OperationalError:
        return 0  # the schema is not there yet
    finally:
        connection.close()
