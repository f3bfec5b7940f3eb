"""Regenerate the test data in this folder that make_docs.py does not make (not run by tests).

    python -m venv /tmp/forge && /tmp/forge/bin/pip install msgforge olefile
    /tmp/forge/bin/python tests/data/docs/make_more.py

- ``nomination-forwarded.msg``, ``nomination-forwarded-as-attachment.msg``: there is no
  Outlook here, so msgforge (PyPI), a pure-Python writer of compound files and MS-OXMSG
  messages, writes them.  It has no API for a message attached to a message (attach method
  5), so the second file is put together with its compound-file writer (an internal class):
  the first message copied into the attachment's ``__substg1.0_3701000D`` storage.
  msgforge stamps the current time in the files, so their bytes differ per run.
- ``nomination-2pages-a4.doc``, ``invalid/encrypted-password.doc``: LibreOffice saves
  make_docs.py's two-page ODT, and its one-page .doc with a password, as "MS Word 97",
  driven over UNO by the system Python (``python3-uno``).
- ``invalid/encrypted-member.zip``: Info-ZIP's ``zip`` (``apt-get install zip``), one member
  plain and one added with ``-P``.

Run make_docs.py first: these are made from its files.  See README.md for what each tests.
"""

from __future__ import annotations

import os
import struct
import subprocess
import tempfile
from pathlib import Path

import olefile
from msgforge import Message
from msgforge._builder import _MSG_CLSID, _build_msg, _OleWriter

HERE = Path(__file__).resolve().parent
INVALID = HERE / "invalid"
PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
TOP_LEVEL_HEADER = 32
EMBEDDED_HEADER = 24


def nomination() -> bytes:
    """A council's nomination e-mail: HTML body, the nomination as DOCX, an inline logo."""
    message = Message(
        subject="Nominatie Koplopers Cliëntondersteuning: gemeente Zutphen",
        html_body=(
            "<p>Geachte jury,</p>"
            "<p>Namens de Adviesraad Sociaal Domein Lochem dragen wij de gemeente Zutphen "
            "voor als koploper cliëntondersteuning. Onze toelichting langs de drie criteria "
            "staat in de bijlage.</p>"
            "<p>Met vriendelijke groet,<br>Adviesraad Sociaal Domein Lochem</p>"
            '<p><img src="cid:logo@lochem"></p>'
        ),
        to=[("koplopers@example.org", "Koplopers Cliëntondersteuning")],
        sender=("adviesraad@lochem.example", "Adviesraad Sociaal Domein Lochem"),
        sent=True,
    )
    docx = (HERE / "nomination-1page-a4.docx").read_bytes()
    message.attach_bytes("nomination-1page-a4.docx", docx)
    message.attach_bytes("logo.png", PNG_1X1, "image/png", content_id="logo@lochem")
    return message.as_bytes()


def forwarded_as_attachment(inner_msg: bytes) -> bytes:
    """A short covering message with ``inner_msg`` attached as an Outlook item."""
    cover = Message(
        subject="Fwd: Nominatie Koplopers Cliëntondersteuning: gemeente Zutphen",
        text_body="Ter informatie: de nominatie van de adviesraad, als bijlage.",
        sender=("secretariaat@lochem.example", "Secretariaat gemeente Lochem"),
        sent=True,
    )
    writer = _OleWriter()
    writer.root.clsid = _MSG_CLSID
    _copy_tree(olefile.OleFileIO(_build_msg(cover)), writer, writer.root, [], embedded=False)
    attachment = writer.add_storage(writer.root, "__attach_version1.0_#00000000")
    name = "Nominatie Koplopers Cliëntondersteuning".encode("utf-16-le")
    writer.add_stream(attachment, "__substg1.0_3001001F", name)
    entries = struct.pack("<HHIQ", 0x0003, 0x3705, 6, 5)  # PR_ATTACH_METHOD: embedded msg
    entries += struct.pack("<HHIQ", 0x0003, 0x0E21, 6, 0)  # PR_ATTACH_NUM
    writer.add_stream(attachment, "__properties_version1.0", bytes(8) + entries)
    storage = writer.add_storage(attachment, "__substg1.0_3701000D")
    _copy_tree(olefile.OleFileIO(inner_msg), writer, storage, [], embedded=True)
    result: bytes = writer.build()
    return result


def _copy_tree(
    source: olefile.OleFileIO, writer: _OleWriter, parent: object, prefix: list[str], embedded: bool
) -> None:
    for path in source.listdir(streams=True, storages=True):
        if path[: len(prefix)] != prefix or len(path) != len(prefix) + 1:
            continue
        name = path[-1]
        if embedded and name == "__nameid_version1.0":
            continue  # only the top-level message has the named-property map
        if source.get_type("/".join(path)) == olefile.STGTY_STORAGE:
            _copy_tree(source, writer, writer.add_storage(parent, name), path, embedded)
            continue
        data = source.openstream("/".join(path)).read()
        if embedded and not prefix and name == "__properties_version1.0":
            data = data[:EMBEDDED_HEADER] + data[TOP_LEVEL_HEADER:]
        writer.add_stream(parent, name, data)


_UNO_SAVE_AS_DOC = """
import subprocess, sys, time
import uno
from com.sun.star.beans import PropertyValue
source, target, password, profile = sys.argv[1:]
office = subprocess.Popen(["soffice", "-env:UserInstallation=" + profile, "--headless",
                           "--norestore", "--accept=pipe,name=intake-make-more;urp;"])
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    for attempt in range(150):
        try:
            context = resolver.resolve(
                "uno:pipe,name=intake-make-more;urp;StarOffice.ComponentContext")
            break
        except Exception:
            time.sleep(0.2)
    desktop = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.Desktop", context)
    hidden = PropertyValue("Hidden", 0, True, 0)
    document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0,
                                            (hidden,))
    # Lay every page out, so that the page count written (the DOP's cPg) is true.
    document.getCurrentController().getViewCursor().jumpToLastPage()
    options = [PropertyValue("FilterName", 0, "MS Word 97", 0)]
    if password:
        options.append(PropertyValue("Password", 0, password, 0))
    document.storeToURL(uno.systemPathToFileUrl(target), tuple(options))
    document.close(True)
    desktop.terminate()
finally:
    time.sleep(1)
    office.kill()
"""


def save_as_doc(source: Path, target: Path, password: str = "") -> None:
    """LibreOffice saves ``source`` as Word 97 (RC4-encrypted if there is a password)."""
    with tempfile.TemporaryDirectory(prefix="make-more-") as scratch:
        profile = (Path(scratch) / "lo-profile").as_uri()
        script = [_UNO_SAVE_AS_DOC, str(source), str(target), password, profile]
        subprocess.run(["/usr/bin/python3", "-c", *script], check=True, timeout=300)


def encrypted_member_zip() -> None:
    target = INVALID / "encrypted-member.zip"
    target.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="make-more-") as scratch:
        folder = Path(scratch)
        (folder / "toelichting.txt").write_text(
            "Nominatie Koplopers Cliëntondersteuning 2017: gemeente Zutphen.\n", encoding="utf-8"
        )
        (folder / "nominatie.txt").write_text("Vertrouwelijk: de nominatie zelf.\n")
        for path in folder.iterdir():
            os.utime(path, (1496242740, 1496242740))  # 31 May 2017 16:59 CEST
        zip_command = ["zip", "-X", "-q", str(target)]
        subprocess.run([*zip_command, "toelichting.txt"], cwd=folder, check=True)
        password = ["-P", "geheim2017"]
        subprocess.run([*zip_command, *password, "nominatie.txt"], cwd=folder, check=True)


def main() -> None:
    INVALID.mkdir(exist_ok=True)
    inner = nomination()
    (HERE / "nomination-forwarded.msg").write_bytes(inner)
    (HERE / "nomination-forwarded-as-attachment.msg").write_bytes(forwarded_as_attachment(inner))
    save_as_doc(HERE / "nomination-2pages-a4.odt", HERE / "nomination-2pages-a4.doc")
    save_as_doc(HERE / "nomination-1page-a4.doc", INVALID / "encrypted-password.doc", "geheim2017")
    encrypted_member_zip()


if __name__ == "__main__":
    main()
