"""Time ``intake reprocess --all`` over every mail of the shared corpus.

Imports each file under ``../shared/corpus/email`` and ``../shared/corpus/mbox`` into a
throwaway store (once per ``intake`` compared), then times ``reprocess --all`` through
the console script, interleaving the commands so both see the same machine.  With
``--baseline PATH`` (another installed ``intake``) it prints both and their ratio.

    .venv/bin/python bench/reprocess_corpus.py [--intake PATH] [--baseline PATH] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"

CONFIG = """\
[campaign]
name = "Koplopers Cliëntondersteuning"
deadline = "2017-06-01T17:00:00"
timezone = "Europe/Amsterdam"

[store]
url = "sqlite:///store.sqlite3"
"""


def corpus_files() -> list[str]:
    files = [
        path
        for folder in ("email", "mbox")
        for path in sorted((CORPUS / folder).rglob("*"))
        if path.is_file()
    ]
    return [str(path) for path in files]


def prepare(intake: str, workdir: Path, files: list[str]) -> tuple[Path, float]:
    """A config and a store holding the corpus, filed by ``intake``; the import's time."""
    workdir.mkdir(parents=True)
    config = workdir / "intake.toml"
    config.write_text(CONFIG, encoding="utf-8")
    started = time.perf_counter()
    result = run(intake, config, "import", *files)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 5):
        sys.exit(f"{intake} import failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return config, elapsed


def run(intake: str, config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "INTAKE_CONFIG": str(config)}
    return subprocess.run(
        [intake, "-q", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        cwd=config.parent,  # not the checkout: its folders must not stand in for the package
    )


def reprocess_seconds(intake: str, config: Path) -> float:
    started = time.perf_counter()
    result = run(intake, config, "reprocess", "--all")
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 5):
        sys.exit(f"{intake} reprocess failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--intake", default=str(Path(sys.executable).parent / "intake"))
    parser.add_argument("--baseline", help="another installed intake to compare against")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = corpus_files()
    commands = {"intake": args.intake}
    if args.baseline:
        commands["baseline"] = args.baseline
    with tempfile.TemporaryDirectory(prefix="intake-bench-") as tmp:
        configs = {}
        for name, intake in commands.items():
            config, seconds = prepare(intake, Path(tmp) / name, files)
            configs[name] = config
            print(f"{name}: imported {len(files)} corpus files in {seconds:.1f} s")
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.repeat):
            for name, intake in commands.items():
                times[name].append(reprocess_seconds(intake, configs[name]))
        for name in commands:
            values = times[name]
            print(
                f"{name}: reprocess --all median {statistics.median(values):.1f} s "
                f"(min {min(values):.1f}, max {max(values):.1f}, {len(values)} runs)"
            )
        if args.baseline:
            ratio = statistics.median(times["intake"]) / statistics.median(times["baseline"])
            print(f"ratio intake / baseline: {ratio:.2f}")


if __name__ == "__main__":
    main()
