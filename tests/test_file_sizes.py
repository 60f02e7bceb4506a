"""Size by cohesion (design.md, Layout): a module is one concept, split by meaning, not by line count.

A module may grow as long as its concept needs; one over 500 lines says in its
docstring why it is one piece (the words "one piece"), so a long file is a
decision someone wrote down, not drift. The app module itself stays small.
"""

from __future__ import annotations

import ast
from pathlib import Path

REPO_ROOT = Path(__file__).parents[1]
LONG = 500
# Folders that are not the project's source: virtual environments, caches, git.
SKIPPED = {".venv", ".git", "__pycache__", "build", "dist", ".tox", ".nox"}


def python_files() -> list[Path]:
    """Every .py file of the repository, outside virtual environments and caches."""
    return sorted(
        path
        for path in REPO_ROOT.rglob("*.py")
        if not SKIPPED & set(path.relative_to(REPO_ROOT).parts[:-1])
        and not any(part.startswith(".venv") for part in path.relative_to(REPO_ROOT).parts)
    )


def line_count(path: Path) -> int:
    with path.open("rb") as source:
        return sum(1 for _ in source)


def says_why_it_is_one_piece(path: Path) -> bool:
    docstring = ast.get_docstring(ast.parse(path.read_text())) or ""
    return "one piece" in " ".join(docstring.split())


def test_a_module_over_500_lines_says_why_it_is_one_piece():
    files = python_files()
    assert REPO_ROOT / "tui" / "app.py" in files and len(files) > 100
    unexplained = {
        str(p.relative_to(REPO_ROOT)): n
        for p in files
        if (n := line_count(p)) > LONG and not says_why_it_is_one_piece(p)
    }
    assert unexplained == {}, f"over {LONG} lines with no word on why they are one piece: {unexplained}"


def test_the_rule_reads_the_docstring(tmp_path: Path):
    long_body = "\n".join(f"x{n} = {n}" for n in range(LONG + 1))
    (tmp_path / "explained.py").write_text(
        f'"""Kept as one piece: every rule here reads the same table."""\n{long_body}\n'
    )
    (tmp_path / "drifted.py").write_text(f'"""Helpers."""\n{long_body}\n')
    assert says_why_it_is_one_piece(tmp_path / "explained.py")
    assert not says_why_it_is_one_piece(tmp_path / "drifted.py")


def test_the_app_module_stays_small():
    assert line_count(REPO_ROOT / "tui" / "app.py") < 160  # in ruff's layout
