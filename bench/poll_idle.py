"""The cost of a poll that finds no new mail, on a 100- and a 20,000-message mailbox.

Starts a throwaway Dovecot, seeds two mailboxes, files everything once, then times
repeated no-new-mail polls of each (connect, log in, select, compare checkpoints) in
the same run and prints the medians and their ratio. Target: ratio <= 1.2.

    .venv/bin/python bench/poll_idle.py [--small 100] [--large 20000] [--repeat 25]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from intake.config import load_settings
from intake.receiving.poll import poll_once
from store import Store
from tests.support.dovecot import Dovecot
from tests.support.mail import PASSWORD_ENV, around_deadline, nomination, write_config


def prepare(server: Dovecot, count: int, workdir: Path) -> tuple[Path, float]:
    account = server.add_user()
    account.write_maildir_messages(
        (nomination(i), at) for i, at in zip(range(count), around_deadline(count), strict=True)
    )
    directory = workdir / f"m{count}"
    directory.mkdir()
    config = write_config(
        directory,
        host=account.host,
        port=account.port,
        username=account.username,
        extra_mailbox="batch_messages = 200",
    )
    os.environ[PASSWORD_ENV] = account.password
    settings = load_settings(config)
    started = time.perf_counter()
    with Store.open(settings.store.url) as store:
        report = poll_once(settings, store)
        if len(report.filed) != count:
            raise SystemExit(f"expected {count} filed, got {len(report.filed)}")
    return config, time.perf_counter() - started


def idle_poll_seconds(config: Path, repeat: int) -> list[float]:
    settings = load_settings(config)
    timings = []
    with Store.open(settings.store.url) as store:
        poll_once(settings, store)  # warm-up
        for _ in range(repeat):
            started = time.perf_counter()
            report = poll_once(settings, store)
            timings.append(time.perf_counter() - started)
            if report.filed or report.duplicates:
                raise SystemExit("an idle poll found mail")
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--large", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=25)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, Dovecot() as server:
        workdir = Path(tmp)
        small, small_fill = prepare(server, args.small, workdir)
        large, large_fill = prepare(server, args.large, workdir)
        print(
            f"first poll, filing all:  {args.small:>6} msgs {small_fill:8.2f} s"
            f"   {args.large:>6} msgs {large_fill:8.2f} s"
            f"   ({args.large / large_fill:.0f} msgs/s)"
        )
        # Interleave the two so drift on the machine hits both alike.
        small_times: list[float] = []
        large_times: list[float] = []
        for _ in range(3):
            small_times += idle_poll_seconds(small, args.repeat // 3 + 1)
            large_times += idle_poll_seconds(large, args.repeat // 3 + 1)
    small_median = statistics.median(small_times)
    large_median = statistics.median(large_times)
    ratio = large_median / small_median
    print(f"no-new-mail poll, median of {len(small_times)}:")
    print(f"  {args.small:>6} messages: {small_median * 1000:7.2f} ms")
    print(f"  {args.large:>6} messages: {large_median * 1000:7.2f} ms")
    print(
        f"  ratio {args.large}/{args.small}: {ratio:.2f} (target <= 1.2)"
        f" {'OK' if ratio <= 1.2 else 'OVER TARGET'}"
    )


if __name__ == "__main__":
    main()
