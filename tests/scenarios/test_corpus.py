"""Every file of the shared corpus of real, often hostile, mail and documents.

Each email is read as received mail; each other file is attached to a mail and read with
it. Every one must end read and judged (or with problems recorded) through the real
worker pool with its limits: no exception, no hang past its limit.
"""

from __future__ import annotations

import csv
import time
from email.message import EmailMessage
from pathlib import Path

import pytest

from intake.reading.reader import MessageReader
from tests.support.paths import CORPUS
from tests.support.settings import call_settings

TIME_LIMIT = 20.0


def corpus_files() -> list[tuple[str, str]]:
    manifest = CORPUS / "MANIFEST.tsv"
    if not manifest.exists():
        pytest.fail(f"the shared corpus is missing: {manifest}")
    with manifest.open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return [(row["relpath"], row["category"]) for row in rows]


def as_mail(relpath: str, category: str) -> bytes:
    data = (CORPUS / relpath).read_bytes()
    if category == "email":
        return data
    message = EmailMessage()
    message["Subject"] = f"corpus {relpath}"
    message.set_content("Bijlage.")
    message.add_attachment(
        data, maintype="application", subtype="octet-stream", filename=Path(relpath).name
    )
    return bytes(message)


def test_every_corpus_file_is_read_or_gets_a_problem(tmp_path):
    files = corpus_files()
    assert len(files) > 600
    settings = call_settings(
        tmp_path, parsing={"time_limit_seconds": TIME_LIMIT, "memory_limit_mb": 1024}
    )
    started = time.monotonic()
    results = {}
    kinds: dict[str, int] = {}
    unjudged = []
    with MessageReader(settings) as reader:
        messages = ((relpath, as_mail(relpath, category)) for relpath, category in files)
        for relpath, read in reader.read(messages):
            results[relpath] = read.reading
            if read.judgements is None:
                unjudged.append(relpath)
            else:
                kinds[read.judgements.kind] = kinds.get(read.judgements.kind, 0) + 1
    elapsed = time.monotonic() - started
    print(f"kinds: {kinds}")
    assert set(results) == {relpath for relpath, _ in files}
    timed_out = [
        relpath
        for relpath, analysis in results.items()
        if any(p.code == "timed-out" for a in analysis.attachments for p in a.extracted.problems)
    ]
    crashed = [
        (relpath, p.detail)
        for relpath, analysis in results.items()
        for a in analysis.attachments
        for p in a.extracted.problems
        if p.code in ("crashed", "out-of-memory")
    ]
    print(f"{len(results)} corpus files in {elapsed:.1f} s; timed out: {timed_out}")
    assert crashed == []
    assert unjudged == []
    assert len(timed_out) <= 2, timed_out
    # Every document gives text, or says why not (encrypted, a scan, empty, ...).
    documents = [
        (relpath, a, {member.parent for member in analysis.attachments})
        for relpath, analysis in results.items()
        if not relpath.startswith("email/")
        for a in analysis.attachments
        if a.depth == 1
    ]
    silent = [
        relpath
        for relpath, a, containers in documents
        if not a.extracted.words and not a.extracted.problems and a.position not in containers
    ]
    assert silent == []
    pdfs = [a for relpath, a, _ in documents if relpath.startswith("pdf/")]
    assert len(pdfs) > 70 and all(a.extracted.pages for a in pdfs if a.extracted.words)
