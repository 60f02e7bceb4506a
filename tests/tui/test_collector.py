"""The app's cycle-collector settings (tui/collector.py): looser thresholds, one freeze, nothing tightened."""

from __future__ import annotations

import gc

import pytest

from rootwork.tui import collector
from tests.tui.conftest import make_app


@pytest.fixture
def collector_state():
    """Put the process's thresholds and frozen objects back as they were after the test."""
    thresholds, frozen = gc.get_threshold(), gc.get_freeze_count()
    yield
    gc.set_threshold(*thresholds)
    if frozen:
        gc.freeze()  # as the process had it (conftest froze what its start left alive)
    else:
        gc.unfreeze()


def test_default_thresholds_are_loosened_and_what_is_alive_is_frozen_once(collector_state) -> None:
    gc.set_threshold(700, 10, 10)
    gc.unfreeze()
    collector.tune_collector()
    assert gc.get_threshold() == collector.THRESHOLDS
    frozen = gc.get_freeze_count()
    assert frozen > 0
    kept = [[] for _ in range(100)]  # alive now, made after the freeze
    collector.tune_collector()
    assert gc.get_freeze_count() == frozen  # the second call freezes nothing more
    assert kept


def test_a_disabled_or_looser_collector_is_left_as_the_process_set_it(collector_state) -> None:
    gc.set_threshold(0)  # thresholds of 0: collection off
    collector.tune_collector()
    assert gc.get_threshold()[0] == 0
    gc.set_threshold(100_000, 30, 60)
    collector.tune_collector()
    assert gc.get_threshold() == (100_000, 30, 60)


def test_an_app_object_leaves_the_process_collector_alone(collector_state) -> None:
    # A library object does not retune a process (issue 28): the program does, as it starts the app.
    gc.set_threshold(700, 10, 10)
    make_app()
    assert gc.get_threshold() == (700, 10, 10)


def test_the_program_applies_them_as_it_starts_the_app(collector_state, monkeypatch, tmp_path) -> None:
    import rootwork.tui.cli.open_app
    from rootwork.tui.app import RootworkApp
    from rootwork.tui.cli import main as cli

    seen = []
    monkeypatch.setattr(rootwork.tui.cli.open_app, "missing_terminal", lambda: None)
    monkeypatch.setattr(RootworkApp, "run", lambda app: seen.append(gc.get_threshold()))
    monkeypatch.setenv("ROOTWORK_DATA_DIR", str(tmp_path / "journal"))
    gc.set_threshold(700, 10, 10)
    assert cli.main([]) == 0
    assert seen == [collector.THRESHOLDS]


def test_a_frozen_cycle_free_object_is_still_freed_by_its_last_reference(collector_state) -> None:
    import weakref

    class Journal(dict):
        pass

    gc.unfreeze()
    journal = Journal(entries=[1, 2, 3])
    gone = weakref.ref(journal)
    collector.tune_collector()
    assert gc.get_freeze_count() > 0 and gone() is journal
    del journal
    assert gone() is None
