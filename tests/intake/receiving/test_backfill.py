import io
import mailbox
import os
import random
import shutil
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from intake.language import Language
from intake.reading.pending import read_pending
from intake.receiving import backfill
from intake.receiving.backfill import LOOKS, mbox_envelope_date
from parsers.mailfile import HEAD_BYTES, Looks
from store import Store
from tests.support.paths import DOCS, MAIL
from tests.support.settings import call_settings

ENGLISH = Language("en")
NOT_A_FILE = "not a regular file (a device, a pipe or a link to nothing)"


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
    assert reasons(report) == {
        str(tmp_path / "absent.eml"): NOT_A_FILE,
        str(empty): "empty file",
    }


def reasons(report, lang=ENGLISH):
    """Each skipped file and why, as a person reads it."""
    return {entry.source: entry.skipped.told(lang) for entry in report.skipped}


def not_mail(looks):
    return f"not an e-mail message: this looks like {LOOKS[looks]}"


def write(folder, name, data):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.fixture
def not_mail_files(tmp_path):
    """Files that are no mail, each as a user might have saved it by mistake."""
    folder = tmp_path / "not-mail"
    invalid = MAIL / "invalid"
    files = {
        "random.eml": ((invalid / "random-bytes.eml").read_bytes(), Looks.BINARY),
        "oproep.pdf.eml": ((DOCS / "nomination-1page-a4.pdf").read_bytes(), Looks.PDF),
        "true.eml": (Path("/bin/true").read_bytes()[:1024], Looks.PROGRAM),
        "junk.eml": ((invalid / "junk-25-bytes.eml").read_bytes(), Looks.TEXT),
        "voordracht.docx": ((DOCS / "nomination-1page-a4.docx").read_bytes(), Looks.DOCX),
        "letter.txt": ((invalid / "letter-without-headers.eml").read_bytes(), Looks.TEXT),
        "logo.png": (b"\x89PNG\r\n\x1a\n" + bytes(64), Looks.IMAGE),
    }
    return {write(folder, name, data): looks for name, (data, looks) in files.items()}


def test_what_is_not_mail_is_refused_and_named_never_filed(settings, store, not_mail_files):
    report = import_paths(settings, store, list(not_mail_files))
    assert report.filed == [] and store.count_messages() == 0
    assert reasons(report) == {str(path): not_mail(looks) for path, looks in not_mail_files.items()}
    dutch = reasons(report, Language("nl"))
    pdf = next(path for path, looks in not_mail_files.items() if looks is Looks.PDF)
    assert dutch[str(pdf)] == "geen e-mailbericht: dit lijkt een PDF-document"


def test_a_folder_names_every_file_it_skipped(settings, store, tmp_path, not_mail_files):
    folder = tmp_path / "not-mail"
    write(folder, "sub/VOORDRACHT.EML", (MAIL / "nomination-plain.eml").read_bytes())
    write(folder, "sub/Late.Eml", (MAIL / "late-by-one-second.eml").read_bytes())
    write(folder, "leeg.eml", b"  \r\n")
    shutil.copy(MAIL / "outlook-received-nomination.msg", folder / "sub" / "OUTLOOK.MSG")
    (folder / "nowhere.eml").symlink_to(tmp_path / "gone.eml")
    os.mkfifo(folder / "pipe.eml")
    report = import_paths(settings, store, [folder])
    assert [entry.source for entry in report.entries] == sorted(
        (entry.source for entry in report.entries), key=str.casefold
    )
    assert len(report.filed) == 3
    assert {entry.source for entry in report.entries if entry.ref} == {
        str(folder / "sub" / name) for name in ("VOORDRACHT.EML", "Late.Eml", "OUTLOOK.MSG")
    }
    assert reasons(report) == {
        **{str(path): not_mail(looks) for path, looks in not_mail_files.items()},
        str(folder / "leeg.eml"): "empty file",
        str(folder / "nowhere.eml"): NOT_A_FILE,
        str(folder / "pipe.eml"): NOT_A_FILE,
    }


def test_an_empty_folder_is_said_to_be_empty(settings, store, tmp_path):
    (tmp_path / "export" / "sub").mkdir(parents=True)
    report = import_paths(settings, store, [tmp_path / "export"])
    assert reasons(report) == {str(tmp_path / "export"): "no files in this folder"}


def test_an_unreadable_file_is_named_with_why(settings, store, tmp_path):
    # /proc/self/mem is a file that exists and cannot be read from its start (EIO).
    report = import_paths(settings, store, [Path("/proc/self/mem")])
    assert reasons(report) == {
        "/proc/self/mem": "cannot be read: the disk or network gave a read error"
    }


def test_outlook_msg_is_imported_as_the_mail_it_holds(settings, store):
    report = import_paths(settings, store, [MAIL / "outlook-received-nomination.msg"])
    assert report.filed == ["KCO-0001"]
    message = store.get_message("KCO-0001")
    assert message.origin_detail == str(MAIL / "outlook-received-nomination.msg")
    assert message.message_id == "<A1B2C3D4E5F6@LOCHEM-EX01.gemeente-lochem.local>"
    # The receipt time is our server's, from the Received header Outlook kept.
    assert message.received_source == "received-header"
    assert message.received_at == datetime(2017, 6, 1, 14, 58, 30, tzinfo=UTC)
    analysis = store.get_analysis("KCO-0001")
    assert [a.filename for a in analysis.attachments] == ["Voordracht Lochem.pdf"]
    again = import_paths(settings, store, [MAIL / "outlook-received-nomination.msg"])
    assert (again.filed, again.duplicates) == ([], 1)
    assert again.entries[0].ref == "KCO-0001"


def test_outlook_msg_that_loses_a_part_says_so(settings, store):
    report = import_paths(settings, store, [MAIL / "outlook-sent-reply.msg"])
    (entry,) = report.entries
    assert (entry.ref, entry.left_out) == ("KCO-0001", 1)


def test_a_damaged_outlook_file_is_skipped(settings, store, tmp_path):
    cut = write(tmp_path, "cut.msg", (MAIL / "outlook-received-nomination.msg").read_bytes()[:5000])
    report = import_paths(settings, store, [cut])
    assert reasons(report) == {str(cut): not_mail(Looks.OUTLOOK_MESSAGE)}


def test_a_msg_file_that_is_a_plain_mail_is_filed_as_it_is(settings, store, tmp_path):
    raw = (MAIL / "nomination-plain.eml").read_bytes()
    saved = write(tmp_path, "saved.msg", raw)
    assert import_paths(settings, store, [saved]).filed == ["KCO-0001"]
    assert store.raw_message("KCO-0001") == raw


def test_mbox_messages_that_are_not_mail_are_named_by_number(settings, store, tmp_path):
    box = mailbox.mbox(tmp_path / "export.mbox")
    box.add((MAIL / "nomination-plain.eml").read_bytes())
    box.add(b"Geachte jury,\n\nalleen tekst, geen kop.\n")
    box.add((MAIL / "late-by-one-second.eml").read_bytes())
    box.close()
    report = import_paths(settings, store, [tmp_path / "export.mbox"])
    path = tmp_path / "export.mbox"
    assert [(e.source, e.ref) for e in report.entries] == [
        (f"{path}#1", "KCO-0001"),
        (f"{path}#2", None),
        (f"{path}#3", "KCO-0002"),
    ]
    assert reasons(report) == {f"{path}#2": not_mail(Looks.TEXT)}


def test_a_text_starting_with_from_is_no_mbox(settings, store, tmp_path):
    letter = write(tmp_path, "brief.txt", b"From the council of Lochem, greetings.\nDear jury,\n")
    report = import_paths(settings, store, [letter])
    assert reasons(report) == {str(letter): not_mail(Looks.TEXT)}


def test_maildir_files_that_are_not_mail_are_named(settings, store, tmp_path):
    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    box.add((MAIL / "nomination-plain.eml").read_bytes())
    junk = tmp_path / "Maildir" / "cur" / "1496329199.junk:2,S"
    junk.write_bytes(b"\x00\x01\x02 not a mail")
    report = import_paths(settings, store, [tmp_path / "Maildir"])
    assert report.filed == ["KCO-0001"]
    assert reasons(report) == {str(junk): not_mail(Looks.BINARY)}


def test_maildirs_inside_a_folder_are_read_as_maildirs(settings, store, tmp_path):
    (tmp_path / "backup").mkdir()
    box = mailbox.Maildir(tmp_path / "backup" / "Inbox", create=True)
    box.add((MAIL / "nomination-plain.eml").read_bytes())
    report = import_paths(settings, store, [tmp_path / "backup"])
    assert report.filed == ["KCO-0001"] and report.skipped == []
    assert store.get_message("KCO-0001").received_source == "received-header"


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


def test_a_large_word_document_is_named_as_one(settings, store, tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as docx:
        docx.writestr("word/document.xml", "<w:document/>")
        docx.writestr("word/media/image1.png", random.Random(1).randbytes(HEAD_BYTES * 2))
    large = write(tmp_path, "voordracht.eml", buffer.getvalue())
    report = import_paths(settings, store, [large])
    assert reasons(report) == {str(large): not_mail(Looks.DOCX)}
