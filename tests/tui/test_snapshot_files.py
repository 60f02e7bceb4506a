"""Every stored snapshot belongs to a snapshot test.

syrupy fails a run on a snapshot no test uses, but not under pytest-xdist (the
suite's default), where it skips that check; this test keeps it.
"""

from __future__ import annotations

import ast
from pathlib import Path

HERE = Path(__file__).parent
SNAPSHOTS = HERE / "__snapshots__"


def snapshot_tests(module: Path) -> set[str]:
    """The names of the tests in ``module`` that take the ``snap_compare`` fixture."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    return {
        node.name
        for node in tree.body
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and node.name.startswith("test_")
        and "snap_compare" in {arg.arg for arg in node.args.args}
    }


def test_every_snapshot_file_has_its_test() -> None:
    folders = sorted(p for p in SNAPSHOTS.iterdir() if p.is_dir())
    assert {p.name for p in folders} >= {"test_snapshots", "test_month_snapshot"}
    for folder in folders:
        module = HERE / f"{folder.name}.py"
        assert module.is_file(), f"snapshots kept for a module that is gone: {folder}"
        tests = snapshot_tests(module)
        # A parametrised test stores one file per case: "test_name[case].svg".
        orphans = [svg.name for svg in sorted(folder.iterdir()) if svg.stem.split("[")[0] not in tests]
        assert not orphans, f"{folder.name}: no test uses {orphans}; remove them (or run --snapshot-update -n 0)"
