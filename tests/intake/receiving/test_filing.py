"""Whose Received headers the mail carries, against [trust] receiving_hosts."""

from __future__ import annotations

import pytest

from intake.config import load_settings
from intake.receiving import backfill
from intake.receiving.filing import ReceivingHosts
from intake.receiving.poll import poll_once
from store import Store
from tests.support.mail import DEADLINE, PASSWORD_ENV, nomination, write_config
from tests.support.paths import MAIL
from tests.support.settings import call_settings

BY_PROVIDER = (
    b"Received: from relay.example by mx1.provider.example; Thu, 1 Jun 2017 16:59:59 +0200\r\n"
)
BY_OURS = b"Received: from relay.example by MX.example.nl; Thu, 1 Jun 2017 16:59:59 +0200\r\n"
BELOW = b"Received: from pc by smtp.gemeente.example; Thu, 1 Jun 2017 16:59:50 +0200\r\n"


def noted(configured, *messages):
    hosts = ReceivingHosts(configured)
    for raw in messages:
        hosts.note(raw)
    return hosts


def test_hosts_seen_are_named_when_no_header_is_by_a_receiving_host():
    hosts = noted(
        ("mx.example.nl",),
        BY_PROVIDER + BELOW + nomination(1),
        BY_PROVIDER + nomination(2),
        b"Received: from a by mx2.provider.example; Thu, 1 Jun 2017 17:00:00 +0200\r\n"
        + nomination(3),
        nomination(4),  # no Received header: says nothing either way
    )
    assert hosts.seen_instead == ("mx1.provider.example", "mx2.provider.example")
    assert hosts.messages_unmatched == 3


def test_one_message_by_a_receiving_host_is_enough():
    hosts = noted(("mx.example.nl",), BY_PROVIDER + nomination(1), BELOW + BY_OURS + nomination(2))
    assert hosts.matched == 1 and hosts.seen_instead == ()


def test_a_subdomain_of_a_receiving_host_matches():
    assert noted(("example.nl",), BY_OURS + nomination(1)).seen_instead == ()


def test_nothing_to_say_without_receiving_hosts_or_received_headers():
    assert noted((), BY_PROVIDER + nomination(1)).seen_instead == ()
    assert noted(("mx.example.nl",), nomination(1)).seen_instead == ()


def test_a_few_hosts_are_named_most_frequent_first():
    messages = [
        f"Received: from a by mx{n}.example; x\r\n".encode() + nomination(n) for n in range(8)
    ]
    hosts = noted(("mx.example.nl",), *messages, messages[7], messages[7])
    assert hosts.seen_instead[0] == "mx7.example" and len(hosts.seen_instead) == 5


def test_an_import_reports_the_hosts_it_saw(tmp_path):
    settings = call_settings(tmp_path, trust={"receiving_hosts": ["mx.example.nl"]})
    with Store.open(settings.store.url) as store:
        report = backfill.import_paths(
            settings, store, [MAIL / "nomination-plain.eml", MAIL / "late-by-one-second.eml"]
        )
    assert report.receiving_hosts.seen_instead == ("mx.vng.example",)
    (tmp_path / "b").mkdir()
    matching = call_settings(tmp_path / "b", trust={"receiving_hosts": ["mx.vng.example"]})
    with Store.open(matching.store.url) as store:
        report = backfill.import_paths(matching, store, [MAIL / "nomination-plain.eml"])
    assert report.receiving_hosts.seen_instead == ()


@pytest.fixture
def password(imap_account, monkeypatch):
    monkeypatch.setenv(PASSWORD_ENV, imap_account.password)


def test_a_poll_reports_the_hosts_it_saw(imap_account, tmp_path, password):
    imap_account.append(BY_PROVIDER + nomination(1), DEADLINE)
    imap_account.append(BY_PROVIDER + nomination(2), DEADLINE)
    path = write_config(
        tmp_path,
        host=imap_account.host,
        port=imap_account.port,
        username=imap_account.username,
        extra='[trust]\nreceiving_hosts = ["mx.example.nl"]\n',
    )
    settings = load_settings(path)
    with Store.open(settings.store.url) as store:
        report = poll_once(settings, store)
        assert report.receiving_hosts.seen_instead == ("mx1.provider.example",)
        assert report.receiving_hosts.messages_unmatched == 2
        assert poll_once(settings, store).receiving_hosts.seen_instead == ()  # nothing new
