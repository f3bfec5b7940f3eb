"""Checks that the test infrastructure (throwaway Dovecot, fault-injecting proxy) works."""

from __future__ import annotations

import imaplib
import signal
import ssl
import subprocess
import sys
import textwrap
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from imapclient import IMAPClient
from imapclient.exceptions import LoginError

from tests.support import dovecot as dovecot_module
from tests.support.dovecot import Account, Dovecot
from tests.support.proxy import TcpProxy

BERLIN = ZoneInfo("Europe/Berlin")
JUNE_1_2017_CEST = datetime(2017, 6, 1, 17, 0, 5, tzinfo=BERLIN)


def message(subject: str, body: bytes = b"Hello.\r\n") -> bytes:
    return (
        b"From: Sender <sender@example.com>\r\n"
        b"To: intake@example.com\r\n"
        b"Subject: " + subject.encode() + b"\r\n"
        b"Date: Thu, 01 Jun 2017 17:00:00 +0200\r\n"
        b"\r\n" + body
    )


def internaldates(account: Account, folder: str = "INBOX") -> dict[int, datetime]:
    with account.connect() as client:
        client.normalise_times = False
        client.select_folder(folder, readonly=True)
        uids = client.search("ALL")
        response = client.fetch(uids, ["INTERNALDATE"]) if uids else {}
    return {uid: data[b"INTERNALDATE"] for uid, data in response.items()}


def plain_client(host: str, port: int) -> IMAPClient:
    return IMAPClient(host, port=port, ssl=False, timeout=10)


# --- Dovecot ---------------------------------------------------------------------


def test_users_have_isolated_mailboxes(dovecot: Dovecot, imap_account: Account) -> None:
    other = dovecot.add_user()

    imap_account.append(message("for the first user"), JUNE_1_2017_CEST)

    assert other.username != imap_account.username
    assert imap_account.count() == 1
    assert other.count() == 0


def test_wrong_credentials_fail_like_a_real_server(imap_account: Account) -> None:
    for username, password in [(imap_account.username, "wrong"), ("nobody", "secret")]:
        client = plain_client(imap_account.host, imap_account.port)
        with pytest.raises(LoginError, match="AUTHENTICATIONFAILED"):
            client.login(username, password)
        client.shutdown()


def test_append_round_trips_internaldate_and_flags(imap_account: Account) -> None:
    uid = imap_account.append(message("dated"), JUNE_1_2017_CEST, flags=[b"\\Flagged"])

    assert internaldates(imap_account) == {uid: JUNE_1_2017_CEST}
    assert imap_account.fetch_flags() == {uid: (b"\\Flagged",)}


def test_internaldate_offset_follows_server_timezone() -> None:
    with Dovecot(timezone="Europe/Berlin") as berlin_server:
        account = berlin_server.add_user()
        uid = account.append(message("dated"), JUNE_1_2017_CEST.astimezone(UTC))

        reported = internaldates(account)[uid]

    assert reported == JUNE_1_2017_CEST
    assert reported.utcoffset() == timedelta(hours=2)
    assert reported.hour == 17


def test_append_many_returns_uids_in_order(imap_account: Account) -> None:
    items = [(message(f"bulk {i}"), JUNE_1_2017_CEST + timedelta(minutes=i)) for i in range(30)]

    uids = imap_account.append_many(items, flags=[b"\\Seen"])

    assert uids == list(range(1, 31))
    assert imap_account.count() == 30
    assert set(imap_account.fetch_flags().values()) == {(b"\\Seen",)}
    dates = internaldates(imap_account)
    assert [dates[uid] for uid in uids] == [date for _, date in items]


def test_create_folder_and_append_into_it(imap_account: Account) -> None:
    imap_account.create_folder("Processed")

    uid = imap_account.append(message("filed"), JUNE_1_2017_CEST, folder="Processed")

    assert imap_account.fetch_flags("Processed") == {uid: ()}
    assert imap_account.count() == 0


def test_login_over_plain_starttls_and_imaps(imap_account: Account) -> None:
    with imap_account.connect(login=False) as client:
        assert b"STARTTLS" in client.capabilities()
        client.login(imap_account.username, imap_account.password)
        assert not isinstance(client.socket(), ssl.SSLSocket)
    with imap_account.connect(starttls=True) as client:
        assert isinstance(client.socket(), ssl.SSLSocket)
        client.select_folder("INBOX")
    with imap_account.connect(implicit_tls=True) as client:
        assert isinstance(client.socket(), ssl.SSLSocket)
        client.select_folder("INBOX")
    with IMAPClient(
        "localhost", port=imap_account.ssl_port, ssl_context=imap_account.ssl_context()
    ) as client:
        client.login(imap_account.username, imap_account.password)


def test_tls_verification_fails_without_the_test_ca(imap_account: Account) -> None:
    with pytest.raises(ssl.SSLCertVerificationError):
        IMAPClient(
            imap_account.host,
            port=imap_account.ssl_port,
            ssl_context=ssl.create_default_context(),
            timeout=10,
        )
    client = plain_client(imap_account.host, imap_account.port)
    with pytest.raises(ssl.SSLCertVerificationError):
        client.starttls(ssl.create_default_context())


def test_set_uidvalidity_changes_what_select_reports(imap_account: Account) -> None:
    uid = imap_account.append(message("kept"), JUNE_1_2017_CEST)
    before = imap_account.uidvalidity()

    imap_account.set_uidvalidity(before + 1000)

    assert imap_account.uidvalidity() == before + 1000
    with imap_account.connect() as client:
        assert client.select_folder("INBOX")[b"UIDVALIDITY"] == before + 1000
        assert client.search("ALL") == [uid]


def test_maildir_seeding_is_visible_with_exact_internaldates(imap_account: Account) -> None:
    start = datetime(2017, 6, 1, 0, 0, tzinfo=UTC)
    items = [
        (message(f"seeded {i}"), start + timedelta(minutes=(i * 7919) % 2000)) for i in range(2000)
    ]

    written = imap_account.write_maildir_messages(items, flags=[b"\\Seen"])

    assert written == 2000
    assert imap_account.count() == 2000
    dates = internaldates(imap_account)
    assert [dates[uid] for uid in sorted(dates)] == [date for _, date in items]
    assert set(imap_account.fetch_flags().values()) == {(b"\\Seen",)}
    with imap_account.connect() as client:
        client.select_folder("INBOX", readonly=True)
        first, last = client.fetch([1, 2000], ["BODY.PEEK[HEADER.FIELDS (SUBJECT)]"]).values()
    assert b"seeded 0\r\n" in first[b"BODY[HEADER.FIELDS (SUBJECT)]"]
    assert b"seeded 1999\r\n" in last[b"BODY[HEADER.FIELDS (SUBJECT)]"]


def test_maildir_seeding_into_a_new_folder(imap_account: Account) -> None:
    imap_account.write_maildir_messages([(message("archived"), JUNE_1_2017_CEST)], folder="Archiv")

    assert imap_account.count("Archiv") == 1


def test_missing_dovecot_explains_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(dovecot_module, "DOVECOT_BIN", tmp_path / "no-dovecot")

    with pytest.raises(RuntimeError, match="dovecot-imapd"):
        Dovecot().start()


# --- TcpProxy --------------------------------------------------------------------


def test_proxy_forwards_and_records_client_lines(imap_account: Account) -> None:
    body = b"a1 UID FETCH 1:* (FLAGS)\r\n" * 100
    with (
        TcpProxy(imap_account.host, imap_account.port) as proxy,
        plain_client(proxy.host, proxy.port) as client,
    ):
        client.login(imap_account.username, imap_account.password)
        client.append("INBOX", message("through the proxy", body))
        client.select_folder("INBOX")
        client.fetch([1], ["FLAGS"])
        client.fetch([1], ["RFC822.SIZE"])

    assert proxy.connections == 1
    assert len(proxy.matching_lines(rb"^\S+ UID FETCH ")) == 2
    assert any(b"APPEND" in line for line in proxy.lines)
    assert imap_account.count() == 1


def test_proxy_passes_starttls_through(imap_account: Account) -> None:
    with (
        TcpProxy(imap_account.host, imap_account.port) as proxy,
        plain_client(proxy.host, proxy.port) as client,
    ):
        client.starttls(imap_account.ssl_context())
        client.login(imap_account.username, imap_account.password)
        client.select_folder("INBOX")

    assert len(proxy.matching_lines(rb"STARTTLS")) == 1
    assert not proxy.matching_lines(rb"LOGIN")


@pytest.mark.parametrize("reset", [False, True], ids=["fin", "rst"])
def test_proxy_drops_connection_mid_fetch(imap_account: Account, reset: bool) -> None:
    uid = imap_account.append(message("big", (b"x" * 76 + b"\r\n") * 3000), JUNE_1_2017_CEST)
    with TcpProxy(imap_account.host, imap_account.port) as proxy:
        proxy.drop_after_bytes(50_000, reset=reset)
        client = plain_client(proxy.host, proxy.port)
        client.login(imap_account.username, imap_account.password)
        client.select_folder("INBOX")
        with pytest.raises((imaplib.IMAP4.abort, OSError)):
            client.fetch([uid], ["BODY.PEEK[]"])
        client.shutdown()

        with plain_client(proxy.host, proxy.port) as retry:
            retry.login(imap_account.username, imap_account.password)
            retry.select_folder("INBOX")
            assert len(retry.fetch([uid], ["BODY.PEEK[]"])[uid][b"BODY[]"]) > 200_000

    assert proxy.connections == 2


def test_proxy_calls_back_before_forwarding_a_line(imap_account: Account) -> None:
    uid = imap_account.append(message("unread"), JUNE_1_2017_CEST)
    seen_by_server_at_callback: list[tuple[bytes, ...]] = []
    with TcpProxy(imap_account.host, imap_account.port) as proxy:
        proxy.on_client_line(
            rb"UID STORE .*\\Seen",
            lambda: seen_by_server_at_callback.append(imap_account.fetch_flags()[uid]),
        )
        with plain_client(proxy.host, proxy.port) as client:
            client.login(imap_account.username, imap_account.password)
            client.select_folder("INBOX")
            client.add_flags([uid], [b"\\Seen"])

    assert seen_by_server_at_callback == [()]
    assert imap_account.fetch_flags() == {uid: (b"\\Seen",)}


def test_proxy_can_drop_the_matching_line(imap_account: Account) -> None:
    uid = imap_account.append(message("unread"), JUNE_1_2017_CEST)
    fired = threading.Event()
    with TcpProxy(imap_account.host, imap_account.port) as proxy:
        proxy.on_client_line(rb"UID STORE", fired.set, drop=True)
        client = plain_client(proxy.host, proxy.port)
        client.login(imap_account.username, imap_account.password)
        client.select_folder("INBOX")
        with pytest.raises((imaplib.IMAP4.abort, OSError)):
            client.add_flags([uid], [b"\\Seen"])
        client.shutdown()

    assert fired.is_set()
    assert imap_account.fetch_flags() == {uid: ()}


def test_proxy_callback_can_kill_the_client_process(imap_account: Account) -> None:
    uid = imap_account.append(message("unread"), JUNE_1_2017_CEST)
    children: list[subprocess.Popen[bytes]] = []

    def kill_child() -> None:
        children[0].kill()
        children[0].wait()

    with TcpProxy(imap_account.host, imap_account.port) as proxy:
        proxy.on_client_line(rb"UID STORE", kill_child)
        script = textwrap.dedent(
            f"""
            from imapclient import IMAPClient
            client = IMAPClient("{proxy.host}", port={proxy.port}, ssl=False)
            client.login("{imap_account.username}", "{imap_account.password}")
            client.select_folder("INBOX")
            client.add_flags([{uid}], [b"\\\\Seen"])
            """
        )
        children.append(subprocess.Popen([sys.executable, "-c", script]))
        assert children[0].wait(timeout=30) == -signal.SIGKILL

    assert imap_account.fetch_flags() == {uid: ()}
    assert proxy.matching_lines(rb"UID STORE")


# --- SilentServer ----------------------------------------------------------------


def test_silent_server_accepts_and_never_answers() -> None:
    import socket

    from tests.support.silent import SilentServer

    with SilentServer() as server:
        with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
            sock.sendall(b"a LOGIN x y\r\n")
            sock.settimeout(0.5)
            with pytest.raises(TimeoutError):
                sock.recv(1)
        with (
            socket.create_connection(("127.0.0.1", server.port), timeout=5) as raw,
            pytest.raises(TimeoutError),
        ):
            raw.settimeout(0.5)
            ssl.create_default_context().wrap_socket(raw, server_hostname="localhost")
    assert server.connections == 2
