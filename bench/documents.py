"""Document parsing speed: PDF and DOCX beside pdftotext, and the worker pool's speed-up.

In one run, on a fixed set of files (the project's test documents and the shared
corpus's PDFs and DOCX files, read in place):

1. documents/s and pages/s of intake's PDF parser and of poppler's ``pdftotext`` on the
   same PDFs, one after the other, and their ratio;
2. documents/s and pages/s of the DOCX parser;
3. a 200-message backlog, each with one attachment, read and judged with 1 worker and with one
   per core; the speed-up.

    .venv/bin/python bench/documents.py
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from email.message import EmailMessage
from itertools import cycle, islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from intake.config import settings_from_mapping  # noqa: E402
from intake.reading.reader import MessageReader  # noqa: E402
from parsers.documents import docx, pdf  # noqa: E402
from parsers.model import Limits  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
DOCS = ROOT / "tests" / "data" / "docs"


def pdf_files() -> list[Path]:
    files = sorted(DOCS.glob("*.pdf")) + sorted((CORPUS / "pdf").rglob("*.pdf"))
    # Only files pdftotext reads too, so both sides do the same work.
    return [f for f in files if _pdftotext(f) is not None]


def docx_files() -> list[Path]:
    return sorted(DOCS.glob("*.docx")) + sorted((CORPUS / "docx").rglob("*.docx"))


def _pdftotext(path: Path) -> str | None:
    result = subprocess.run(
        ["pdftotext", "-q", "-layout", str(path), "-"], capture_output=True, timeout=120
    )
    return result.stdout.decode("utf-8", "replace") if result.returncode == 0 else None


def time_ours(files: list[Path], parse) -> tuple[float, int]:
    limits = Limits()
    pages = 0
    started = time.perf_counter()
    for path in files:
        result = parse(path.read_bytes(), limits)
        pages += result.pages or 0
    return time.perf_counter() - started, pages


def time_pdftotext(files: list[Path]) -> float:
    started = time.perf_counter()
    for path in files:
        _pdftotext(path)
    return time.perf_counter() - started


def backlog(files: list[Path], count: int) -> list[tuple[str, bytes]]:
    messages = []
    for number, path in enumerate(islice(cycle(files), count)):
        message = EmailMessage()
        message["Subject"] = f"Voordracht {number}"
        message.set_content("Zie bijlage.")
        message.add_attachment(
            path.read_bytes(), maintype="application", subtype="octet-stream", filename=path.name
        )
        messages.append((str(number), bytes(message)))
    return messages


def time_backlog(messages: list[tuple[str, bytes]], workers: int, tmp: Path) -> float:
    settings = settings_from_mapping(
        {
            "campaign": {
                "name": "b",
                "deadline": "2017-06-01T17:00:00",
                "timezone": "Europe/Amsterdam",
            },
            "store": {"url": f"sqlite:///{tmp / 'b.sqlite3'}"},
            "parsing": {"workers": workers},
        },
        base_dir=tmp,
    )
    with MessageReader(settings) as reader:
        list(reader.read(messages[:4]))  # start the workers before timing
        started = time.perf_counter()
        done = sum(1 for _ in reader.read(messages))
        elapsed = time.perf_counter() - started
    assert done == len(messages)
    return elapsed


def main() -> None:
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    if shutil.which("pdftotext") is None:
        raise SystemExit("pdftotext is missing: apt-get install poppler-utils")
    pdfs = pdf_files()
    docxs = docx_files()
    ours, pages = time_ours(pdfs, pdf.extract)
    theirs = time_pdftotext(pdfs)
    print(f"PDF, {len(pdfs)} files, {pages} pages:")
    print(f"  intake      {len(pdfs) / ours:7.1f} docs/s {pages / ours:8.1f} pages/s")
    print(f"  pdftotext   {len(pdfs) / theirs:7.1f} docs/s {pages / theirs:8.1f} pages/s")
    print(f"  intake takes {ours / theirs:.1f}x the time of pdftotext")
    docx_time, docx_pages = time_ours(docxs, docx.extract)
    print(f"DOCX, {len(docxs)} files, {docx_pages} recorded pages:")
    print(
        f"  intake      {len(docxs) / docx_time:7.1f} docs/s {docx_pages / docx_time:8.1f} pages/s"
    )
    # The backlog: the project's own nominations, as municipalities would send them.
    own = [p for p in sorted(DOCS.glob("*.*")) if p.suffix in (".pdf", ".docx", ".odt", ".doc")]
    messages = backlog(own, 200)
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        one = time_backlog(messages, 1, Path(tmp))
        many = time_backlog(messages, cores, Path(tmp))
    print(f"backlog of {len(messages)} messages with one attachment each:")
    print(f"  1 worker    {one:6.2f} s  ({len(messages) / one:6.1f} messages/s)")
    print(f"  {cores} workers   {many:6.2f} s  ({len(messages) / many:6.1f} messages/s)")
    print(f"  speed-up {one / many:.2f}x on {cores} cores")


if __name__ == "__main__":
    main()
