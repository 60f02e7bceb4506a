"""Arrows point one way (design.md, Layout): tui -> state -> content, and state/ and content/ never import Textual.

Two checks: import-linter's contracts in pyproject.toml (every import in the
source, even one inside a function), and a fresh interpreter that imports every
core module and looks for Textual in ``sys.modules`` (what really gets loaded).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.scripts import console_script

REPO_ROOT = Path(__file__).parents[1]
CORE_PACKAGES = ("content", "state")
PACKAGES = ("tui", "state", "content")


def core_modules() -> list[str]:
    """Every module file under the core packages, as installed dotted names (``rootwork.state.records.model``), found by walking the folders."""
    modules = []
    for package in CORE_PACKAGES:
        for path in sorted((REPO_ROOT / package).rglob("*.py")):
            parts = path.relative_to(REPO_ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules.append(".".join(("rootwork", *parts)))
    return modules


def test_core_packages_do_not_import_textual():
    modules = core_modules()
    assert {"rootwork.content", "rootwork.content.loader", "rootwork.state", "rootwork.state.records.model"} <= set(
        modules
    )
    # A fresh interpreter: this test process has Textual loaded already through other tests.
    script = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_every_core_module_can_be_the_first_one_imported():
    """No import cycle that only works in one order: each core module first, in an interpreter of its own (forked)."""
    script = (
        "import importlib, os, sys\n"
        "failed = []\n"
        f"for name in {core_modules()!r}:\n"
        "    pid = os.fork()\n"
        "    if pid == 0:\n"
        "        try:\n"
        "            importlib.import_module(name)\n"
        "        except BaseException as error:\n"
        "            print(name, type(error).__name__, error, file=sys.stderr)\n"
        "            os._exit(1)\n"
        "        os._exit(0)\n"
        "    if os.waitpid(pid, 0)[1]:\n"
        "        failed.append(name)\n"
        "print(failed)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "[]", result.stderr


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """Run import-linter on the packages and pyproject.toml under ``root``, with no cache left behind."""
    return subprocess.run(
        [str(console_script("lint-imports")), "--no-cache"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_import_contracts_are_kept():
    result = lint_imports(REPO_ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 6 kept, 0 broken." in result.stdout


def test_a_broken_contract_fails_the_run(tmp_path: Path):
    """The contracts really bite: a copy of the source with an upward import, a Textual import, one screen
    importing another, a state folder importing one above it, the app importing the command line and a screen
    importing the navigator fails all six."""
    # Laid out as installed (rootwork/tui, ...): from the cwd, rootwork.tui is this copy, not the repo's.
    copy = tmp_path / "rootwork"
    for package in PACKAGES:
        shutil.copytree(REPO_ROOT / package, copy / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO_ROOT / "pyproject.toml", tmp_path)
    with (copy / "content" / "loader.py").open("a") as upward:
        upward.write(
            "\n\ndef _late():\n    from rootwork.state.records import model  # content must not reach up into state\n"
        )
    with (copy / "state" / "records" / "model.py").open("a") as textual:
        textual.write("\n\nimport textual.widget  # state must never need Textual\n")
    with (copy / "tui" / "screens" / "causes.py").open("a") as sideways:
        sideways.write(
            "\n\ndef _late():\n    from rootwork.tui.screens.selfcheck import SelfCheckScreen  # not through navigation\n"
        )
    with (copy / "state" / "files" / "atomic.py").open("a") as folder_up:
        folder_up.write(
            "\n\ndef _late():\n    from rootwork.state.store import Store  # files know nothing of the store\n"
        )
    with (copy / "tui" / "screens" / "help.py").open("a") as navigating:
        navigating.write(
            "\n\ndef _late():\n    from rootwork.tui.navigation import Navigator  # ask by message instead\n"
        )
    with (copy / "tui" / "app.py").open("a") as app_to_cli:
        app_to_cli.write("\n\ndef _late():\n    from rootwork.tui.cli import args  # the command line sits on top\n")
    result = lint_imports(tmp_path)  # the copy, found first from its own folder (cwd)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Contracts: 0 kept, 6 broken." in result.stdout
    assert "rootwork.tui.screens.help -> rootwork.tui.navigation" in result.stdout
    assert "rootwork.state.files.atomic -> rootwork.state.store" in result.stdout
    assert "rootwork.tui.app -> rootwork.tui.cli.args" in result.stdout
    assert "rootwork.content.loader -> rootwork.state.records.model" in result.stdout
    assert "rootwork.state.records.model -> textual" in result.stdout
    assert "rootwork.tui.screens.causes -> rootwork.tui.screens.selfcheck" in result.stdout


def test_screens_reach_each_other_only_through_navigation():
    """No screen module names another screen's module, even inside a function: the app opens them (tui/requests.py)."""
    screens = sorted(p.stem for p in (REPO_ROOT / "tui" / "screens").glob("*.py") if p.stem != "__init__")
    for name in screens:
        source = (REPO_ROOT / "tui" / "screens" / f"{name}.py").read_text()
        others = [other for other in screens if other != name and f"rootwork.tui.screens.{other}" in source]
        assert others == [], f"{name}.py imports {others}"


def test_the_command_line_contract_names_every_part_of_the_app():
    # import-linter has no "everything but" for a forbidden contract, so it lists tui's parts by hand:
    # a new module of tui left off the list could import tui.cli unseen.
    import tomllib

    config = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["id"] == "command-line-on-top")
    tui = REPO_ROOT / "tui"
    parts = {f"rootwork.tui.{p.stem}" for p in tui.glob("*.py") if p.stem != "__init__"}
    parts |= {f"rootwork.tui.{p.name}" for p in tui.iterdir() if (p / "__init__.py").is_file() and p.name != "cli"}
    assert sorted(contract["source_modules"]) == sorted(parts)
