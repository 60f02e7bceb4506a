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


def private_reaches(source: str) -> list[tuple[int, str]]:
    """``x._name`` in a module-level function or at module level, on anything but ``self``, ``cls`` or ``super()``.

    ruff's SLF001 lets an object made by ``cls(...)`` through, so a free function
    handed a store could still call its private methods; this closes that gap.
    """
    import ast

    found: list[tuple[int, str]] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.ClassDef):
            return  # a class's own methods are ruff's to judge (SLF001)
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            owner = node.value
            own = isinstance(owner, ast.Name) and owner.id in ("self", "cls")
            parent = isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name) and owner.func.id == "super"
            if not (own or parent):
                found.append((node.lineno, ast.unparse(node)))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(source))
    return found


def test_no_free_function_reaches_into_another_objects_private_names():
    # tui/textual_compat.py is the one module allowed on Textual's private side (pinned, tested).
    allowed = {REPO_ROOT / "tui" / "textual_compat.py"}
    reaches = [
        f"{path.relative_to(REPO_ROOT)}:{line}: {text}"
        for folder in ("state", "content", "tui", "src_root")
        for path in sorted((REPO_ROOT / folder).rglob("*.py"))
        if path not in allowed
        for line, text in private_reaches(path.read_text(encoding="utf-8"))
    ]
    assert reaches == []


def test_the_private_reach_check_sees_what_ruff_lets_through():
    source = "def opening(cls):\n    store = cls()\n    store._load_all()\n\nclass A:\n    def f(self):\n        self._x = 1\n"
    assert private_reaches(source) == [(3, "store._load_all")]


def test_only_the_collector_module_changes_the_cycle_collector():
    # A process-wide setting: the entry point sets it (tui/collector.py, called by tui/cli/open_app.py), nothing else.
    import re

    changes = re.compile(r"\bgc\.(disable|enable|freeze|unfreeze|set_threshold)\(")
    found = [
        str(path.relative_to(REPO_ROOT))
        for folder in ("state", "content", "tui", "src_root")
        for path in sorted((REPO_ROOT / folder).rglob("*.py"))
        if changes.search(path.read_text(encoding="utf-8"))
    ]
    assert found == ["tui/collector.py"]
