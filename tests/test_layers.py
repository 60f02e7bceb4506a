"""Arrows point one way: state/ and content/ never import Textual (design.md, Layout)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).parents[1]
CORE_PACKAGES = ("content", "state")


def core_modules() -> list[str]:
    """Every module file under the core packages, as dotted names, found by walking the folders."""
    modules = []
    for package in CORE_PACKAGES:
        for path in sorted((REPO_ROOT / package).rglob("*.py")):
            parts = path.relative_to(REPO_ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules.append(".".join(parts))
    return modules


def test_core_packages_do_not_import_textual():
    modules = core_modules()
    assert {"content", "content.loader", "state", "state.model"} <= set(modules)
    # A fresh interpreter: this test process has Textual loaded already through other tests.
    script = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
