"""How intake's judgements agree with the labelled inbox, judgement by judgement.

Imports every mail of ``tests/data/nominations`` into a throwaway store (receipt time
from our own server's Received header, as for backfill), reads and judges them, and
prints per judgement the share that agrees with the careful human reader's labels, per
criterion the precision and recall, and the confusion between kinds, then every case
that differs.  Then the same for the criteria of ``tests/data/criteria/holdout.toml``:
texts a second reader labelled without having seen the terms, the unseen half apart.

    .venv/bin/python bench/labelled_set.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from intake.config.criteria import default_criteria  # noqa: E402
from intake.judging.criteria import assess  # noqa: E402
from intake.language import Language  # noqa: E402
from intake.presenting.json_view import message_json  # noqa: E402
from intake.presenting.nominations import load_nominations  # noqa: E402
from intake.reading.pending import read_pending  # noqa: E402
from intake.receiving.backfill import import_paths  # noqa: E402
from store import Store  # noqa: E402
from tests.support.labelled import (  # noqa: E402
    HOLDOUT_TEXTS,
    LABELS,
    report,
    score,
    score_holdout,
)
from tests.support.paths import NOMINATIONS  # noqa: E402
from tests.support.settings import call_settings  # noqa: E402

TRUST = {"receiving_hosts": ["mx.vng.example"], "authserv_ids": ["mx.vng.example"]}


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="intake-labelled-") as tmp:
        settings = call_settings(Path(tmp), trust=TRUST)
        started = time.perf_counter()
        with Store.open(settings.store.url) as store:
            names = list(LABELS)
            imported = import_paths(settings, store, [NOMINATIONS / name for name in names])
            read_pending(settings, store)
            items = {item.ref: item for item in load_nominations(store, settings.campaign)}
            texts = Language("en")
            rows = {
                name: message_json(items[ref], settings.campaign, texts)
                for name, ref in zip(names, imported.filed, strict=True)
            }
        elapsed = time.perf_counter() - started
    print(f"{len(rows)} labelled messages read and judged in {elapsed:.1f} s")
    print(report(score(rows)))
    criteria = default_criteria()
    judged = {
        key: {result.id: result.met for result in assess(label["text"], criteria)}
        for key, label in HOLDOUT_TEXTS.items()
    }
    print()
    print(f"{len(judged)} held-out texts, criteria only (labelled without sight of the terms)")
    print(report(score_holdout(judged)))


if __name__ == "__main__":
    main()
