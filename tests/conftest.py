"""Shared pytest fixtures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.dovecot import Account, Dovecot
from tests.support.install import InstalledIntake

# --- IMAP server ---------------------------------------------------------------


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    """One throwaway Dovecot IMAP server (plain, STARTTLS, IMAPS) for the whole session."""
    with Dovecot() as server:
        yield server


@pytest.fixture
def imap_account(dovecot: Dovecot) -> Account:
    """A fresh user with an empty mailbox on the session's Dovecot."""
    return dovecot.add_user()


# --- the installed package -----------------------------------------------------


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> InstalledIntake:
    """intake as a user installs it: the wheel, in a fresh virtualenv (built once)."""
    return InstalledIntake.build(tmp_path_factory.mktemp("installed"))
