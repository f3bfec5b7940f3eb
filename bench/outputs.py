"""What the outputs for people cost, against reading the archive alone.

Fills a throwaway archive with the labelled inbox (``tests/data/nominations``, 86 mails)
copied ``--copies`` times (each copy a message of its own: its Message-ID changed), then
times, in one run and as whole commands, ``intake list`` (the baseline: loading the read
model and printing it), ``intake digest --out``, ``intake export`` to CSV and XLSX and
``intake close --force``, each the median of ``--repeat`` runs, with its ratio to the
baseline and the size of what it wrote.

    .venv/bin/python bench/outputs.py [--copies 6] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INTAKE = Path(sys.executable).parent / "intake"
NOMINATIONS = ROOT / "tests" / "data" / "nominations"


def copies(folder: Path, count: int) -> list[Path]:
    """``count`` copies of the labelled inbox, each mail with a Message-ID of its own."""
    written = []
    for number in range(count):
        for source in sorted(NOMINATIONS.glob("*.eml")):
            data = source.read_bytes()
            data = re.sub(
                rb"(?im)^(Message-ID:\s*<)",
                b"\\g<1>copy" + str(number).encode() + b".",
                data,
                count=1,
            )
            target = folder / f"{number:02d}-{source.name}"
            target.write_bytes(data)
            written.append(target)
    return written


def timed(args: list[str], config: Path, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run(
            [str(INTAKE), "--config", str(config), *args],
            capture_output=True,
            env={**os.environ, "COLUMNS": "160"},
            check=False,
        )
        runs.append(time.perf_counter() - start)
        if result.returncode not in (0, 5):
            raise SystemExit(f"intake {' '.join(args)} failed: {result.stderr.decode()}")
    return statistics.median(runs)


def size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size if path.exists() else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="intake-bench-outputs-") as folder:
        base = Path(folder)
        config = base / "intake.toml"
        config.write_text(
            '[campaign]\nname = "Koplopers Cliëntondersteuning"\ntimezone = "Europe/Amsterdam"\n'
            'deadline = "2017-06-01T17:00:00"\n'
            f'[store]\nurl = "sqlite:///{base}/intake.sqlite3"\n'
            '[trust]\nreceiving_hosts = ["mx.vng.example"]\nauthserv_ids = ["mx.vng.example"]\n',
            encoding="utf-8",
        )
        mail = base / "mail"
        mail.mkdir()
        files = copies(mail, options.copies)
        subprocess.run(
            [str(INTAKE), "--config", str(config), "import", "-q", str(mail)],
            capture_output=True,
            check=False,
        )
        out = base / "out"
        out.mkdir()
        commands = [
            ("list (baseline)", ["list"], None),
            ("digest --out", ["digest", "--out", str(out / "digest.html")], out / "digest.html"),
            ("export csv", ["export", "--out", str(out / "all.csv")], out / "all.csv"),
            ("export xlsx", ["export", "--out", str(out / "all.xlsx")], out / "all.xlsx"),
            ("close --force", ["close", "--force", "--out", str(out / "close")], out / "close"),
        ]
        print(f"archive: {len(files)} messages ({options.copies} copies of the labelled inbox)")
        print(f"{'command':<18} {'median s':>9} {'× list':>7} {'written':>10}")
        baseline = None
        for label, args, written in commands:
            seconds = timed(args, config, options.repeat)
            baseline = baseline or seconds
            made = f"{size(written) / 1024:,.0f} KiB" if written is not None else ""
            print(f"{label:<18} {seconds:>9.2f} {seconds / baseline:>7.2f} {made:>10}")


if __name__ == "__main__":
    main()
