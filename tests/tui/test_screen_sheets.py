"""Each screen brings its own style sheet; the app loads only what is app-wide."""

from __future__ import annotations

import inspect
from importlib import import_module
from pathlib import Path

from textual.screen import Screen

from rootwork.tui.app import RootworkApp

SCREENS = Path(__file__).parents[2] / "tui" / "screens"


def screen_classes() -> list[type[Screen]]:
    """Every screen defined in tui/screens/, imported by its installed name."""
    found = []
    for path in sorted(SCREENS.glob("*.py")):
        if path.stem == "__init__":
            continue
        module = import_module(f"rootwork.tui.screens.{path.stem}")
        found += [
            cls
            for _, cls in inspect.getmembers(module, inspect.isclass)
            if issubclass(cls, Screen) and cls.__module__ == module.__name__
        ]
    return found


def test_every_screen_names_sheets_that_exist_beside_it():
    classes = screen_classes()
    assert len(classes) >= 15
    for cls in classes:
        assert cls.CSS_PATH, f"{cls.__name__} has no CSS_PATH"
        paths = [cls.CSS_PATH] if isinstance(cls.CSS_PATH, str) else list(cls.CSS_PATH)
        for name in paths:
            assert (Path(inspect.getfile(cls)).parent / name).is_file(), f"{cls.__name__}: {name} is missing"


def test_every_screen_sheet_is_used_and_the_app_lists_only_app_wide_ones():
    used = set()
    for cls in screen_classes():
        used |= {cls.CSS_PATH} if isinstance(cls.CSS_PATH, str) else set(cls.CSS_PATH)
    assert used == {path.name for path in SCREENS.glob("*.tcss")}
    assert RootworkApp.CSS_PATH == ["app.tcss", "layout.tcss"]
