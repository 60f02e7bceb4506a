"""The linter and the formatter agree with the code (ruff, configured in pyproject.toml).

Run by the suite, so CI's one command (README's quick start) checks them too. By hand:
``.venv/bin/ruff check .`` and ``.venv/bin/ruff format --check .`` (``ruff format .`` fixes the layout).
The rules include SLF001 and PLC2701: no module reaches into another's private names.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.scripts import console_script

REPO_ROOT = Path(__file__).parents[1]


def ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(console_script("ruff")), *args, "--no-cache", "."],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_ruff_finds_nothing():
    result = ruff("check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_code_is_formatted():
    result = ruff("format", "--check")
    assert result.returncode == 0, result.stdout + result.stderr
