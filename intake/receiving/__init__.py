"""Receiving mail: the IMAP mailbox, polling, backfill from files, and filing raw bytes."""
