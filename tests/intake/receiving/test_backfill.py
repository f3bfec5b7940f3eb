import mailbox
import os
import shutil
from datetime import UTC, datetime

import pytest

from intake.reading.pending import read_pending
from intake.receiving import backfill
from intake.receiving.backfill import mbox_envelope_date
from store import Store
from tests.support.paths import MAIL
from tests.support.settings import call_settings


@pytest.fixture
def settings(tmp_path):
    return call_settings(tmp_path)


def import_paths(settings, store, paths):
    """File what is at ``paths`` and read it, as ``intake import`` does."""
    report = backfill.import_paths(settings, store, paths)
    read_pending(settings, store)
    return report


@pytest.fixture
def store(settings):
    with Store.open(settings.store.url) as opened:
        yield opened


def test_eml_receipt_time_from_topmost_received_header(settings, store):
    report = import_paths(settings, store, [MAIL / "nomination-plain.eml"])
    assert report.filed == ["KCO-0001"]
    message = store.get_message("KCO-0001")
    assert message.received_source == "received-header"
    assert message.received_at == datetime(2017, 6, 1, 14, 59, 59, tzinfo=UTC)


def test_mbox_receipt_time_from_envelope_line(settings, store):
    report = import_paths(settings, store, [MAIL / "backfill.mbox"])
    assert report.filed == ["KCO-0001", "KCO-0002"]
    first, second = store.list_messages()
    assert first.received_source == "mbox-envelope"
    assert first.received_at == datetime(2017, 6, 1, 14, 59, 59, tzinfo=UTC)
    assert second.received_at == datetime(2017, 6, 1, 15, 5, tzinfo=UTC)
    assert b">From hier af" in store.raw_message("KCO-0001")


def test_sender_clock_only_when_nothing_else(settings, store):
    import_paths(
        settings, store, [MAIL / "no-message-id-bad-date.eml", MAIL / "no-times-at-all.eml"]
    )
    first, second = store.list_messages()
    assert first.received_source is None and second.received_source is None
    codes = [problem.code for problem in store.get_analysis(first.ref).problems]
    assert "no-receipt-time" in codes


def test_maildir_delivery_time_and_dedupe_across_formats(settings, store, tmp_path):
    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    raw = (MAIL / "late-by-one-second.eml").read_bytes()
    without_received = raw.split(b"\n", 3)[3]  # drop the three-line Received header
    key = box.add(without_received)
    delivered = datetime(2017, 6, 1, 15, 0, 1, tzinfo=UTC).timestamp()
    path = tmp_path / "Maildir" / "new" / key
    os.utime(path, (delivered, delivered))
    report = import_paths(settings, store, [tmp_path / "Maildir"])
    assert report.filed == ["KCO-0001"]
    message = store.get_message("KCO-0001")
    assert message.received_source == "maildir-delivery"
    assert message.received_at == datetime(2017, 6, 1, 15, 0, 1, tzinfo=UTC)
    # The same message as .eml with a Received header: a hop header differs, content does not.
    again = import_paths(settings, store, [MAIL / "late-by-one-second.eml"])
    assert (again.filed, again.duplicates) == ([], 1)


def test_importing_twice_files_nothing_twice(settings, store, tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    for name in ("nomination-plain.eml", "late-by-one-second.eml"):
        shutil.copy(MAIL / name, folder / name)
    first = import_paths(settings, store, [folder, MAIL / "backfill.mbox"])
    second = import_paths(settings, store, [folder, MAIL / "backfill.mbox"])
    assert len(first.filed) == 4
    assert (second.filed, second.duplicates) == ([], 4)
    assert store.count_messages() == 4


def test_unreadable_paths_are_reported_and_the_rest_imported(settings, store, tmp_path):
    empty = tmp_path / "empty.eml"
    empty.write_bytes(b"")
    report = import_paths(
        settings, store, [tmp_path / "absent.eml", empty, MAIL / "nomination-plain.eml"]
    )
    assert report.filed == ["KCO-0001"]
    reasons = dict(report.unreadable)
    assert set(reasons) == {str(tmp_path / "absent.eml"), str(empty)}
    assert reasons[str(empty)] == "empty file"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("wmo@x.nl Thu Jun  1 14:59:59 2017", datetime(2017, 6, 1, 14, 59, 59, tzinfo=UTC)),
        ("a@b Thu Jun 01 15:05:00 +0000 2017", datetime(2017, 6, 1, 15, 5, tzinfo=UTC)),
        ("MAILER-DAEMON Thu Jun  1 16:59 2017", datetime(2017, 6, 1, 16, 59, tzinfo=UTC)),
        ("a@b nonsense", None),
    ],
)
def test_mbox_envelope_dates(line, expected):
    assert mbox_envelope_date(line) == expected
