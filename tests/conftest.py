"""Shared pytest fixtures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.dovecot import Account, Dovecot

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
