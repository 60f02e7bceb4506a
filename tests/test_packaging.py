"""One name in the user's environment: the folders tui/, state/ and content/ install as rootwork.tui, ...

pyproject.toml maps each folder to its ``rootwork.`` name and lists every package.
These checks run the code from outside the repository, where the bare names
``tui``, ``state`` and ``content`` cannot be found: an import left unprefixed fails.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.scripts import console_script

REPO_ROOT = Path(__file__).parents[1]
FOLDERS = ("tui", "state", "content")


def test_every_folder_of_modules_is_a_listed_package():
    """A new folder of modules not listed in pyproject.toml would be left out of a (non-editable) install."""
    setuptools = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    on_disk = {
        ".".join(("rootwork", *init.parent.relative_to(REPO_ROOT).parts))
        for folder in FOLDERS
        for init in (REPO_ROOT / folder).rglob("*.py")
        if "__pycache__" not in init.parts
    }
    assert on_disk == set(setuptools["packages"]) - {"rootwork"}
    assert {setuptools["package-dir"][f"rootwork.{folder}"] for folder in FOLDERS} == set(FOLDERS)


def test_every_module_imports_by_its_rootwork_name_alone(tmp_path: Path):
    """From another folder, every module imports, and no top-level tui, state or content is loaded."""
    script = (
        "import importlib, json, pkgutil, sys\n"
        "import rootwork.state, rootwork.content\n"
        "from rootwork.tui.keymap_catalogue import tui_modules\n"
        "tui_modules()\n"  # imports every module of rootwork.tui
        "for package in (rootwork.state, rootwork.content):\n"
        "    for info in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
        "        importlib.import_module(info.name)\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {FOLDERS!r})))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_python_dash_m_rootwork_is_the_rootwork_command(tmp_path: Path):
    by_module = subprocess.run(
        [sys.executable, "-m", "rootwork", "--version"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    by_script = subprocess.run(
        [str(console_script("rootwork")), "--version"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert by_module.returncode == by_script.returncode == 0, by_module.stderr + by_script.stderr
    assert by_module.stdout == by_script.stdout
    assert by_module.stdout.startswith("rootwork ")
