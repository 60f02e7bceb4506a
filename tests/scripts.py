"""The installed console scripts (rootwork, lint-imports), wherever the environment running the tests lives.

No test assumes a ``.venv`` folder in the repository: the scripts sit beside the
interpreter running pytest (any venv, a tox env, CI's), or else on PATH.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path


def console_script(name: str) -> Path:
    """The path of the console script ``name`` installed with the interpreter running the tests."""
    # Not resolved: a venv's python is a symlink to the base interpreter, whose folder lacks our scripts.
    scripts = Path(sys.executable).parent
    for candidate in (scripts / name, scripts / f"{name}.exe"):
        if candidate.is_file():
            return candidate
    found = shutil.which(name)
    assert found, f"no {name!r} script beside {sys.executable} or on PATH: install the project with its test extra"
    return Path(found)
