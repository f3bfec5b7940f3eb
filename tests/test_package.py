"""The package as users install it: a wheel from a clean copy, in a fresh virtualenv."""

from __future__ import annotations

import json
import subprocess
from email.message import EmailMessage
from pathlib import Path

from intake import __version__
from tests.support.install import InstalledIntake, shipped_modules, source_modules
from tests.support.paths import DOCS


def test_the_wheel_ships_every_module_of_the_source_tree(installed: InstalledIntake):
    assert shipped_modules(installed.python) == source_modules()


def test_every_shipped_module_imports_from_the_installed_wheel(installed: InstalledIntake):
    modules = shipped_modules(installed.python)
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    module = importlib.import_module(name)\n"
        "    assert 'site-packages' in module.__file__, module.__file__\n"
        "print(len(sys.modules))\n"
    )
    result = subprocess.run(
        [str(installed.python), "-c", script], capture_output=True, text=True, cwd="/"
    )
    assert result.returncode == 0, result.stderr


def test_the_wheel_carries_its_data_files(installed: InstalledIntake):
    script = (
        "from importlib import resources\n"
        "for name in ('data/gemeenten.csv', 'data/SOURCES.md',\n"
        "             'data/criteria-koplopers-2017.toml'):\n"
        "    assert resources.files('intake').joinpath(name).read_bytes(), name\n"
        "for package in ('intake', 'parsers', 'store'):\n"
        "    assert resources.files(package).joinpath('py.typed').is_file(), package\n"
    )
    result = subprocess.run(
        [str(installed.python), "-c", script], capture_output=True, text=True, cwd="/"
    )
    assert result.returncode == 0, result.stderr


def test_version(installed: InstalledIntake):
    result = installed.run("--version")
    assert result.returncode == 0
    assert result.stdout.decode().strip() == f"intake {__version__}"


def test_import_a_nomination_with_a_pdf_and_a_docx(installed: InstalledIntake, tmp_path: Path):
    message = EmailMessage()
    message["From"] = "Afdeling Wmo <wmo@utrecht.nl>"
    message["To"] = "koplopers@vng.example"
    message["Subject"] = "Voordracht koploper cliëntondersteuning"
    message["Date"] = "Thu, 01 Jun 2017 16:12:00 +0200"
    message["Message-ID"] = "<pdf-and-docx@utrecht.nl>"
    message.set_content("Geachte jury,\n\nIn de bijlagen onze voordracht.\n\nMet groet,\nWmo\n")
    for name, kind in (
        ("nomination-1page-a4.pdf", ("application", "pdf")),
        ("nomination-1page-a4.docx", ("application", "octet-stream")),
    ):
        message.add_attachment(
            (DOCS / name).read_bytes(), maintype=kind[0], subtype=kind[1], filename=name
        )
    mail = tmp_path / "voordracht.eml"
    mail.write_bytes(bytes(message))
    assert installed.run("init", cwd=tmp_path).returncode == 0

    imported = installed.run("import", mail, cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr.decode()
    assert "KCO-0001" in imported.stdout.decode()

    shown = installed.run("show", "KCO-0001", "--json", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr.decode()
    document = json.loads(shown.stdout)
    kinds = {a["filename"]: (a["kind"], a["pages"]) for a in document["attachments"]}
    assert kinds == {
        "nomination-1page-a4.pdf": ("pdf", 1),
        "nomination-1page-a4.docx": ("docx", 1),
    }
    assert document["pages"] == 1


def test_folders_named_like_the_packages_in_the_working_directory_change_nothing(
    installed: InstalledIntake, tmp_path: Path
):
    # A coordinator may well keep a folder called "store" beside the config.
    for package in ("intake", "parsers", "store"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("raise SystemExit('the wrong package')\n")
    (tmp_path / "mail.eml").write_bytes(
        (DOCS.parent / "mail" / "nomination-plain.eml").read_bytes()
    )
    assert installed.run("init", cwd=tmp_path).returncode == 0
    imported = installed.run("import", "mail.eml", cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr.decode()
    shown = json.loads(installed.run("show", "KCO-0001", "--json", cwd=tmp_path).stdout)
    assert shown.get("analysed") is True and shown.get("kind") == "nomination"
