"""Setup mistakes told from passing failures, against a real Dovecot and a silent server."""

from __future__ import annotations

import time

import pytest

from intake.config import load_settings, settings_from_mapping
from intake.errors import ConnectionLost, MailboxAuthError, MailboxSetupError
from intake.receiving.connecting import crosses_network_unencrypted
from intake.receiving.poll import poll_once
from store import Store
from tests.support.mail import DEADLINE, PASSWORD_ENV, nomination, write_config
from tests.support.silent import SilentServer

SHORT = 3
"""The connect timeout against Dovecot: short, yet ample for a TLS handshake on loopback."""


@pytest.fixture
def password(imap_account, monkeypatch):
    monkeypatch.setenv(PASSWORD_ENV, imap_account.password)
    return imap_account.password


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
    path = write_config(
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
    return load_settings(path)


def poll(settings, **kwargs):
    with Store.open(settings.store.url) as store:
        return poll_once(settings, store, **kwargs)


@pytest.mark.parametrize("security", ["starttls", "none"])
def test_plain_imap_spoken_to_the_imaps_port_is_a_setup_mistake(
    imap_account, tmp_path, password, security
):
    settings = configure(tmp_path, imap_account, port=imap_account.ssl_port, security=security)
    started = time.monotonic()
    with pytest.raises(MailboxSetupError) as caught:
        poll(settings, sleep=pytest.fail)  # never retried
    assert time.monotonic() - started < 30  # a connect timeout and a probe, not more
    assert caught.value.key == "mailbox.security"
    assert caught.value.source == settings.source
    assert f"port {imap_account.ssl_port} of 127.0.0.1 speaks IMAPS" in str(caught.value)
    assert 'set security = "tls"' in str(caught.value)


def test_tls_spoken_to_the_plain_port_is_a_setup_mistake(imap_account, tmp_path, password):
    settings = configure(tmp_path, imap_account, security="tls")
    with pytest.raises(MailboxSetupError) as caught:
        poll(settings, sleep=pytest.fail)
    assert caught.value.key == "mailbox.security"
    assert f"port {imap_account.port} of 127.0.0.1 speaks plain IMAP" in str(caught.value)
    assert 'set security = "starttls"' in str(caught.value)


def test_the_right_modes_still_work(imap_account, tmp_path, password):
    imap_account.append(nomination(1), DEADLINE)
    imaps = configure(tmp_path, imap_account, port=imap_account.ssl_port, security="tls")
    assert poll(imaps).filed == ["KCO-0001"]
    starttls = configure(tmp_path, imap_account, security="starttls")
    assert poll(starttls).filed == []


def test_a_server_silent_in_the_tls_handshake_fails_within_the_connect_timeout(
    imap_account, tmp_path, password
):
    retries = []
    with SilentServer() as silent:
        settings = configure(
            tmp_path,
            imap_account,
            port=silent.port,
            security="tls",
            connect_timeout=1,
            timeout_seconds=600,  # were it used for the handshake, this would take 30 min
            extra_mailbox="retries = 2",
        )
        started = time.monotonic()
        with pytest.raises(ConnectionLost) as caught:
            poll(settings, on_retry=retries.append)
        elapsed = time.monotonic() - started
    assert elapsed < 60
    assert silent.connections == 3
    assert [(r.attempt, r.attempts) for r in retries] == [(2, 3), (3, 3)]
    assert "gave no answer within the time allowed (1 s)" in str(caught.value)
    assert "gave up after 3 attempts" in str(caught.value)


def test_a_server_silent_before_its_greeting_is_passing_not_a_wrong_tls_mode(
    imap_account, tmp_path, password
):
    with SilentServer() as silent:
        settings = configure(
            tmp_path,
            imap_account,
            port=silent.port,
            security="starttls",
            connect_timeout=1,
            timeout_seconds=600,
            extra_mailbox="retries = 0",
        )
        with pytest.raises(ConnectionLost, match="gave no answer"):
            poll(settings)
    assert silent.connections == 2  # the attempt, and the probe for TLS


def test_a_refused_login_names_the_user_and_the_variable_and_is_not_retried(
    imap_account, tmp_path, monkeypatch
):
    monkeypatch.setenv(PASSWORD_ENV, "wrong")
    settings = configure(tmp_path, imap_account)
    with pytest.raises(MailboxAuthError) as caught:
        poll(settings, sleep=pytest.fail)
    assert str(caught.value) == (
        f"the server refused the login for {imap_account.username}; check mailbox.username "
        f"and the password in ${PASSWORD_ENV}"
    )


def test_a_missing_folder_is_named_with_the_folders_the_server_has(
    imap_account, tmp_path, password
):
    imap_account.create_folder("Archief")
    settings = configure(tmp_path, imap_account, extra_mailbox='folder = "Voordrachten"')
    with pytest.raises(MailboxSetupError) as caught:
        poll(settings, sleep=pytest.fail)
    assert caught.value.key == "mailbox.folder"
    assert '"Voordrachten" does not exist' in str(caught.value)
    assert str(caught.value).endswith('The server has: "INBOX", "Archief"')


def test_a_missing_move_to_folder_is_found_with_no_mail_in_the_box(
    imap_account, tmp_path, password
):
    settings = configure(tmp_path, imap_account, extra_mailbox='move_to = "Gearchiveerd"')
    with pytest.raises(MailboxSetupError) as caught:
        poll(settings, sleep=pytest.fail)
    assert caught.value.key == "mailbox.move_to"
    assert '"Gearchiveerd"' in str(caught.value) and '"INBOX"' in str(caught.value)
    imap_account.create_folder("Gearchiveerd")
    assert poll(settings).filed == []


class LoginAnswer:
    """A real IMAPClient whose server answers LOGIN with ``answer`` (a server in another
    state than the test Dovecot can be put in)."""

    answer = ""

    def __init__(self, *args, **kwargs):
        from imapclient import IMAPClient

        object.__setattr__(self, "_client", IMAPClient(*args, **kwargs))

    def __getattr__(self, name):
        return getattr(self._client, name)

    def __setattr__(self, name, value):
        setattr(self._client, name, value)

    def login(self, username, password):
        from imapclient.exceptions import LoginError

        try:
            raise self._client.Error(f"login failed: {self.answer}")
        except self._client.Error as exc:
            raise LoginError(str(exc)) from None


def test_a_login_refused_for_want_of_encryption_names_the_security_key(
    imap_account, tmp_path, password
):
    LoginAnswer.answer = "b'[PRIVACYREQUIRED] Plaintext authentication disallowed'"
    settings = configure(tmp_path, imap_account)
    with pytest.raises(MailboxSetupError) as caught:
        poll(settings, client_factory=LoginAnswer, sleep=pytest.fail)
    assert caught.value.key == "mailbox.security"
    assert "unencrypted connection" in str(caught.value)


def test_a_server_unavailable_at_login_is_passing(imap_account, tmp_path, password):
    LoginAnswer.answer = "b'[UNAVAILABLE] Temporary authentication failure'"
    settings = configure(tmp_path, imap_account, extra_mailbox="retries = 1")
    delays = []
    with pytest.raises(ConnectionLost, match="unavailable for now"):
        poll(settings, client_factory=LoginAnswer, sleep=delays.append)
    assert delays == [0.05]


@pytest.mark.parametrize(
    ("host", "security", "crosses"),
    [
        ("imap.example.nl", "none", True),
        ("192.0.2.7", "none", True),
        ("127.0.0.1", "none", False),
        ("127.0.0.2", "none", False),
        ("::1", "none", False),
        ("[::1]", "none", False),
        ("LocalHost", "none", False),
        ("imap.example.nl", "starttls", False),
        ("imap.example.nl", "tls", False),
    ],
)
def test_only_a_password_to_another_computer_crosses_the_network_unencrypted(
    tmp_path, host, security, crosses
):
    settings = settings_from_mapping(
        {
            "campaign": {
                "name": "x",
                "deadline": "2017-06-01T17:00:00",
                "timezone": "Europe/Amsterdam",
            },
            "mailbox": {"host": host, "username": "u", "security": security},
        },
        base_dir=tmp_path,
    )
    assert crosses_network_unencrypted(settings.mailbox) is crosses


def test_a_host_name_that_does_not_exist_is_a_setup_mistake_and_a_lookup_failure_passes(
    imap_account, tmp_path
):
    import socket

    from intake.receiving.connecting import connection_lost

    mailbox = configure(tmp_path, imap_account).require_mailbox()
    unknown = connection_lost(mailbox, socket.gaierror(socket.EAI_NONAME, "Name unknown"))
    assert isinstance(unknown, MailboxSetupError) and unknown.key == "mailbox.host"
    passing = connection_lost(mailbox, socket.gaierror(socket.EAI_AGAIN, "Try again"))
    assert isinstance(passing, ConnectionLost)
