"""The type checker (mypy, configured in pyproject.toml) finds nothing: ``state`` and ``content`` strict, ``tui`` too.

The core is checked in mypy's strict mode (``strict = true`` in ``[tool.mypy]``): every
function annotated, no bare generics (``dict``, ``tuple``), no ``Any`` returned where a
type is promised, names re-exported only explicitly. Untyped JSON from the journal file
is named where it comes in (``Doc`` in ``state.records.convert``; ``Journal`` and ``Table``
in ``state.journal_file.layout``). The app (``tui``) is checked with the non-strict settings
(every body checked, no implicit Optional) by an override: Textual's own types leave many
of its calls untyped. Screens reach the store through ``app_services(self)`` (tui/services.py).

The folders install as ``rootwork.state``, ``rootwork.content`` and ``rootwork.tui`` (pyproject.toml maps
them), which mypy cannot follow from the repository's own folder names; so it checks
a folder of links laid out as installed (``rootwork/state`` -> ``state/``). By hand:
``.venv/bin/python -m pytest tests/test_types.py``.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.scripts import console_script

REPO_ROOT = Path(__file__).parents[1]
CHECKED = ("state", "content", "tui")


def test_mypy_finds_nothing(tmp_path: Path):
    installed = tmp_path / "rootwork"
    installed.mkdir()
    for folder in ("state", "content", "tui"):
        (installed / folder).symlink_to(REPO_ROOT / folder, target_is_directory=True)
    packages = [arg for folder in CHECKED for arg in ("-p", f"rootwork.{folder}")]
    result = subprocess.run(
        [
            str(console_script("mypy")),
            "--config-file",
            str(REPO_ROOT / "pyproject.toml"),
            "--cache-dir",
            str(tmp_path / "cache"),
            *packages,
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
