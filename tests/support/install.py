"""intake as a user installs it: a wheel built from a clean copy, in a fresh virtualenv.

``InstalledIntake.build`` copies the files a clone would have (``git ls-files``: tracked
and new, not ignored) to a temporary folder, builds the wheel there with pip, creates a
virtual environment and installs the wheel into it — never editable.  The wheel's
dependencies come from a wheelhouse (``$INTAKE_WHEELHOUSE``, default
``.venv/wheelhouse``) that ``pip download`` fills the first time from the package index;
later runs install offline.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE_ROOTS = ("intake", "parsers", "store")
SOURCE_MODULES = ("scheduler.py",)


@dataclass(frozen=True)
class InstalledIntake:
    """A fresh virtualenv with the built wheel installed."""

    venv: Path
    wheel: Path

    @property
    def bin(self) -> Path:
        return self.venv / "bin"

    @property
    def executable(self) -> Path:
        """The ``intake`` console script, as a user runs it."""
        return self.bin / "intake"

    @property
    def python(self) -> Path:
        return self.bin / "python"

    def run(
        self,
        *args: str | os.PathLike[str],
        env: Mapping[str, str] | None = None,
        cwd: str | os.PathLike[str] | None = None,
        timeout: float = 180,
        stdin: bytes | None = None,
    ) -> subprocess.CompletedProcess[bytes]:
        """Run ``intake ARGS`` with a clean environment (no ``INTAKE_*`` from outside)."""
        environment = {k: v for k, v in os.environ.items() if not k.startswith("INTAKE_")}
        environment.pop("PYTHONPATH", None)
        environment.update(env or {})
        return subprocess.run(
            [str(self.executable), *map(str, args)],
            env=environment,
            cwd=cwd,
            capture_output=True,
            timeout=timeout,
            input=stdin,
            check=False,
        )

    @classmethod
    def build(cls, workdir: Path) -> InstalledIntake:
        source = workdir / "clone"
        copy_clean_tree(ROOT, source)
        wheels = workdir / "wheels"
        _check(
            [
                *(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps"),
                *("--no-build-isolation", "--wheel-dir", str(wheels), str(source)),
            ],
            "building the wheel",
        )
        (wheel,) = wheels.glob("intake-*.whl")
        environment = workdir / "venv"
        venv.EnvBuilder(with_pip=True, clear=True).create(environment)
        install_offline(environment / "bin" / "python", wheel)
        return cls(environment, wheel)


def copy_clean_tree(root: Path, target: Path) -> None:
    """Copy what a fresh clone holds: tracked and new files that git does not ignore."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=root,
        capture_output=True,
        check=True,
    ).stdout
    for name in filter(None, listed.decode().split("\0")):
        path = root / name
        if not path.is_file():
            continue  # deleted in the work tree, not yet in the index
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)


def wheelhouse() -> Path:
    return Path(os.environ.get("INTAKE_WHEELHOUSE") or ROOT / ".venv" / "wheelhouse")


def install_offline(python: Path, wheel: Path) -> None:
    """Install ``wheel`` and its dependencies from the wheelhouse, filling it if need be."""
    house = wheelhouse()
    house.mkdir(parents=True, exist_ok=True)
    command = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    offline = [*command, "--no-index", "--find-links", str(house), str(wheel)]
    if _run(offline).returncode == 0:
        return
    _check(
        [sys.executable, "-m", "pip", "download", "--quiet", "--dest", str(house), str(wheel)],
        "downloading the dependencies into the wheelhouse",
    )
    for own in house.glob("intake-*.whl"):
        own.unlink()  # only the dependencies belong there
    _check(offline, "installing the wheel")


def shipped_modules(python: Path) -> list[str]:
    """Every module the installed distribution ships, by dotted name."""
    script = (
        "import importlib.metadata as m\n"
        "for f in m.files('intake'):\n"
        "    if f.suffix == '.py' and '.dist-info' not in str(f):\n"
        "        print('.'.join(f.with_suffix('').parts).removesuffix('.__init__'))\n"
    )
    out = subprocess.run(
        [str(python), "-c", script], capture_output=True, check=True, text=True, cwd="/"
    ).stdout
    return sorted(out.split())


def source_modules(root: Path = ROOT) -> list[str]:
    """Every module of the source tree, by dotted name."""
    names = [name.removesuffix(".py") for name in SOURCE_MODULES]
    for package in SOURCE_ROOTS:
        for path in (root / package).rglob("*.py"):
            dotted = ".".join(path.relative_to(root).with_suffix("").parts)
            names.append(dotted.removesuffix(".__init__"))
    return sorted(names)


def _run(command: Sequence[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False)


def _check(command: Sequence[str], what: str) -> None:
    result = _run(command)
    if result.returncode != 0:
        raise RuntimeError(f"{what} failed ({result.returncode}):\n{result.stderr[-3000:]}")
