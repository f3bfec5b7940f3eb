"""Polling a real Dovecot: filing, idempotence, UIDVALIDITY, dropped connections, TLS."""

from __future__ import annotations

from datetime import timedelta

import pytest

from intake.config import load_settings
from intake.errors import MailboxAuthError, MailboxError, MailboxSetupError
from intake.receiving.poll import poll_once
from store import MailboxPlace, Store
from tests.support.mail import (
    DEADLINE,
    PASSWORD_ENV,
    around_deadline,
    nomination,
    write_config,
)
from tests.support.proxy import TcpProxy

KEYWORD = b"$IntakeFiled"


@pytest.fixture
def password(imap_account, monkeypatch):
    monkeypatch.setenv(PASSWORD_ENV, imap_account.password)
    return imap_account.password


def configure(tmp_path, account, port=None, **kwargs):
    path = write_config(
        tmp_path,
        host=account.host,
        port=port or account.port,
        username=account.username,
        **kwargs,
    )
    return load_settings(path)


@pytest.fixture
def settings(tmp_path, imap_account, password):
    return configure(tmp_path, imap_account)


@pytest.fixture
def store(settings):
    with Store.open(settings.store.url) as opened:
        yield opened


def no_sleep(_seconds: float) -> None:
    pass


def seed(account, count):
    items = [(nomination(i), at) for i, at in enumerate(around_deadline(count))]
    return account.append_many(items)


def message_ids(store):
    return [m.message_id for m in store.list_messages()]


def test_a_poll_files_every_message_and_marks_it_on_the_server(imap_account, settings, store):
    uids = seed(imap_account, 7)
    report = poll_once(settings, store)
    assert report.filed == [f"KCO-{n:04d}" for n in range(1, 8)]
    assert len(set(message_ids(store))) == 7
    flags = imap_account.fetch_flags()
    assert sorted(flags) == uids  # nothing deleted
    assert all(KEYWORD in f for f in flags.values())
    assert all(b"\\Seen" not in f for f in flags.values())  # \Seen left alone
    assert (
        store.unmarked_uids(
            MailboxPlace(settings.mailbox.account, "INBOX", imap_account.uidvalidity())
        )
        == []
    )


def test_raw_bytes_and_internaldate_are_kept(imap_account, settings, store):
    raw = nomination(1)
    imap_account.append(raw, DEADLINE - timedelta(seconds=1))
    poll_once(settings, store)
    message = store.get_message("KCO-0001")
    assert store.raw_message("KCO-0001") == raw
    assert message.received_source == "imap-internaldate"
    assert message.internaldate == DEADLINE - timedelta(seconds=1)


def test_a_second_poll_files_nothing_and_fetches_nothing(imap_account, settings, store, tmp_path):
    seed(imap_account, 5)
    poll_once(settings, store)
    with TcpProxy(imap_account.host, imap_account.port) as proxy:
        proxied = configure(tmp_path, imap_account, port=proxy.port)
        report = poll_once(proxied, store)
    assert (report.filed, report.duplicates) == ([], 0)
    assert store.count_messages() == 5
    commands = b"\n".join(proxy.lines).upper()
    # STATUS answers it: no SELECT (whose cost grows with the folder), FETCH or SEARCH.
    assert b"STATUS" in commands
    assert b"SELECT" not in commands and b"FETCH" not in commands and b"SEARCH" not in commands


def test_only_new_mail_is_fetched(imap_account, settings, store, tmp_path):
    seed(imap_account, 3)
    poll_once(settings, store)
    imap_account.append(nomination(99), DEADLINE + timedelta(minutes=1))
    with TcpProxy(imap_account.host, imap_account.port) as proxy:
        proxied = configure(tmp_path, imap_account, port=proxy.port)
        report = poll_once(proxied, store)
    assert report.filed == ["KCO-0004"]
    fetches = [line for line in proxy.lines if b"BODY.PEEK" in line.upper()]
    assert len(fetches) == 1


def test_batches_respect_the_configured_size(imap_account, tmp_path, password):
    seed(imap_account, 7)
    settings = configure(tmp_path, imap_account, extra_mailbox="batch_messages = 3")
    with (
        Store.open(settings.store.url) as store,
        TcpProxy(imap_account.host, imap_account.port) as proxy,
    ):
        proxied = configure(
            tmp_path, imap_account, port=proxy.port, extra_mailbox="batch_messages = 3"
        )
        report = poll_once(proxied, store)
    assert len(report.filed) == 7
    fetches = [line for line in proxy.lines if b"BODY.PEEK" in line.upper()]
    assert len(fetches) == 3  # 3 + 3 + 1


def test_uidvalidity_reset_files_nothing_twice(imap_account, settings, store):
    seed(imap_account, 4)
    poll_once(settings, store)
    imap_account.set_uidvalidity(imap_account.uidvalidity() + 1000)
    imap_account.append(nomination(50), DEADLINE)
    report = poll_once(settings, store)
    assert report.uidvalidity_changed
    assert (report.filed, report.duplicates) == (["KCO-0005"], 4)
    assert store.count_messages() == 5
    assert all(KEYWORD in f for f in imap_account.fetch_flags().values())
    assert poll_once(settings, store).filed == []


def test_same_message_delivered_twice_is_filed_once(imap_account, settings, store):
    raw = nomination(1)
    imap_account.append(raw, DEADLINE)
    imap_account.append(
        b"Received: from relay2 by mx; Thu, 1 Jun 2017 17:00:00 +0200\r\n" + raw, DEADLINE
    )
    report = poll_once(settings, store)
    assert (len(report.filed), report.duplicates) == (1, 1)
    assert all(KEYWORD in f for f in imap_account.fetch_flags().values())


def test_a_connection_dropped_mid_fetch_completes_on_retry(imap_account, tmp_path, password):
    seed(imap_account, 6)
    with TcpProxy(imap_account.host, imap_account.port) as proxy:
        settings = configure(tmp_path, imap_account, port=proxy.port)
        # Enough for the greeting, login and select, then the connection dies mid-body.
        proxy.drop_after_bytes(3000, connections=1)
        with Store.open(settings.store.url) as store:
            report = poll_once(settings, store, sleep=no_sleep)
            assert report.retries == 1
            assert len(report.filed) == 6
            assert len(set(message_ids(store))) == 6
    assert proxy.connections >= 2


def test_an_unreachable_server_fails_after_the_configured_retries(imap_account, tmp_path, password):
    with TcpProxy(imap_account.host, imap_account.port) as proxy:
        port = proxy.port
    settings = configure(tmp_path, imap_account, port=port, extra_mailbox="retries = 2")
    delays: list[float] = []
    with Store.open(settings.store.url) as store, pytest.raises(MailboxError) as caught:
        poll_once(settings, store, sleep=delays.append)
    assert "3 attempts" in str(caught.value)
    assert delays == [0.05, 0.1]


def test_wrong_password_is_an_auth_error_without_retries(
    imap_account, settings, store, monkeypatch
):
    monkeypatch.setenv(PASSWORD_ENV, "wrong")
    with pytest.raises(MailboxAuthError) as caught:
        poll_once(settings, store, sleep=pytest.fail)
    assert "wrong" not in str(caught.value)


def test_implicit_tls_verifies_the_certificate(imap_account, tmp_path, password):
    imap_account.append(nomination(1), DEADLINE)
    trusted = configure(
        tmp_path,
        imap_account,
        port=imap_account.ssl_port,
        security="tls",
        extra_mailbox=f'ca_file = "{imap_account.ca_file}"',
    )
    with Store.open(trusted.store.url) as store:
        assert poll_once(trusted, store).filed == ["KCO-0001"]
    untrusted = configure(tmp_path, imap_account, port=imap_account.ssl_port, security="tls")
    with Store.open(untrusted.store.url) as store, pytest.raises(MailboxSetupError) as caught:
        poll_once(untrusted, store, sleep=pytest.fail)
    assert caught.value.key == "mailbox.ca_file"
    assert "authority this computer does not trust" in str(caught.value)


def test_starttls(imap_account, tmp_path, password):
    imap_account.append(nomination(1), DEADLINE)
    settings = configure(
        tmp_path,
        imap_account,
        security="starttls",
        extra_mailbox=f'ca_file = "{imap_account.ca_file}"',
    )
    with Store.open(settings.store.url) as store:
        assert poll_once(settings, store).filed == ["KCO-0001"]


def test_move_to_moves_filed_mail_and_deletes_nothing(imap_account, tmp_path, password):
    seed(imap_account, 3)
    imap_account.create_folder("Gearchiveerd")
    settings = configure(tmp_path, imap_account, extra_mailbox='move_to = "Gearchiveerd"')
    with Store.open(settings.store.url) as store:
        assert len(poll_once(settings, store).filed) == 3
        assert poll_once(settings, store).filed == []
    assert imap_account.count("INBOX") == 0
    moved = imap_account.fetch_flags("Gearchiveerd")
    assert len(moved) == 3 and all(KEYWORD in f for f in moved.values())


def test_move_to_a_missing_folder_stops_before_filing(imap_account, tmp_path, password):
    seed(imap_account, 1)
    settings = configure(tmp_path, imap_account, extra_mailbox='move_to = "Bestaat niet"')
    with Store.open(settings.store.url) as store:
        with pytest.raises(MailboxSetupError, match="does not exist") as caught:
            poll_once(settings, store, sleep=pytest.fail)
        assert caught.value.key == "mailbox.move_to"
        assert store.count_messages() == 0


def test_a_recorded_failure_is_retried_and_cleared(imap_account, settings, store):
    uid = imap_account.append(nomination(1), DEADLINE)
    place = MailboxPlace(settings.mailbox.account, "INBOX", imap_account.uidvalidity())
    store.file_imap_batch(place, [], uid, "KCO")  # the checkpoint passed it, unfiled
    store.record_failure(place, uid, "disk full")
    report = poll_once(settings, store)
    assert report.filed == ["KCO-0001"]
    assert store.failures(place) == []
    assert KEYWORD in imap_account.fetch_flags()[uid]


class RefusingClient:
    """A real IMAPClient whose server refuses the body of one UID (a damaged message)."""

    refused_uid = 0

    def __init__(self, *args, **kwargs):
        from imapclient import IMAPClient

        self._client = IMAPClient(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._client, name)

    def __setattr__(self, name, value):
        if name == "_client":
            object.__setattr__(self, name, value)
        else:
            setattr(self._client, name, value)

    def fetch(self, uids, items):
        from imapclient.exceptions import IMAPClientError

        if "BODY.PEEK[]" in items and self.refused_uid in uids:
            raise IMAPClientError("FETCH failed: message is broken")
        return self._client.fetch(uids, items)


def test_a_message_the_server_will_not_give_is_recorded_and_the_rest_filed(
    imap_account, settings, store
):
    uids = seed(imap_account, 4)
    RefusingClient.refused_uid = uids[2]
    report = poll_once(settings, store, client_factory=RefusingClient)
    assert len(report.filed) == 3 and report.failed == [uids[2]] and report.vanished == []
    place = MailboxPlace(settings.mailbox.account, "INBOX", imap_account.uidvalidity())
    assert [f.uid for f in store.failures(place)] == [uids[2]]
    assert "broken" in store.failures(place)[0].error
    # Once the server gives it, the next poll files it and clears the failure.
    retried = poll_once(settings, store)
    assert len(retried.filed) == 1 and store.failures(place) == []
    assert all(KEYWORD in f for f in imap_account.fetch_flags().values())
