"""Drafts live in drafts.json beside the journal: keeping one never rewrites rootwork.json."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from rootwork.state.files.locations import database_path, drafts_path
from rootwork.state.records.errors import ReadOnlyStore, SaveFailed
from rootwork.state.records.model import Checkin
from rootwork.state.store import Store

from .conftest import TODAY


def fingerprint(path: Path) -> tuple[bytes, int, int]:
    info = os.stat(path)
    return path.read_bytes(), info.st_mtime_ns, info.st_ino


def test_saving_and_clearing_a_draft_leaves_the_journal_untouched(data_dir: Path, clock) -> None:
    store = Store.open(data_dir, clock=clock)
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=2))
    before = fingerprint(database_path(data_dir))
    for n in range(5):  # the editor keeps its draft after every pause
        store.save_draft("reframe", {"critic": f"draft {n} [/]", "belief_before": "80"})
    assert fingerprint(database_path(data_dir)) == before
    assert Store.open(data_dir, clock=clock).draft("reframe") == {"critic": "draft 4 [/]", "belief_before": "80"}
    assert stat.S_IMODE(os.stat(drafts_path(data_dir)).st_mode) == 0o600
    store.save_draft("selfcheck", {"page": 2})
    store.clear_draft("reframe")
    store.clear_draft("reframe")  # clearing what is gone is fine
    assert fingerprint(database_path(data_dir)) == before
    assert store.draft("reframe") is None and store.draft("selfcheck") == {"page": 2}
    assert b"draft" not in database_path(data_dir).read_bytes()


def test_a_draft_kept_by_another_process_is_seen(data_dir: Path, clock) -> None:
    first, second = Store.open(data_dir, clock=clock), Store.open(data_dir, clock=clock)
    first.save_draft("reframe", {"critic": "one"})
    assert second.draft("reframe") == {"critic": "one"}
    second.save_draft("selfcheck", {"page": 1})
    first.save_draft("reframe", {"critic": "two"})  # reads the file afresh: the other's draft stays
    assert second.draft("selfcheck") == {"page": 1} and second.draft("reframe") == {"critic": "two"}


def legacy_journal(data_dir: Path, clock) -> None:
    """A journal whose draft an older version kept in its meta table."""
    store = Store.open(data_dir, clock=clock)
    with store._writing():
        store._put_meta("draft", {"data": {"critic": "from before"}}, name="reframe")


def test_a_draft_an_older_version_kept_in_the_journal_is_offered_back_then_cleared(data_dir: Path, clock) -> None:
    legacy_journal(data_dir, clock)
    store = Store.open(data_dir, clock=clock)
    assert store.draft("reframe") == {"critic": "from before"}
    store.save_draft("reframe", {"critic": "newer"})
    assert store.draft("reframe") == {"critic": "newer"}  # the drafts file wins
    store.clear_draft("reframe")
    assert store.draft("reframe") is None
    assert Store.open(data_dir, clock=clock).draft("reframe") is None
    meta = json.loads(database_path(data_dir).read_bytes())["meta"].values()
    assert not [doc for doc in meta if doc.get("kind") == "draft"]


def test_a_damaged_drafts_file_holds_no_drafts_and_is_replaced(data_dir: Path, clock) -> None:
    store = Store.open(data_dir, clock=clock)
    drafts_path(data_dir).write_bytes(b"{half")
    assert store.draft("reframe") is None
    store.save_draft("reframe", {"critic": "kept"})
    assert Store.open(data_dir, clock=clock).draft("reframe") == {"critic": "kept"}


def test_drafts_cannot_be_kept_in_a_read_only_journal(data_dir: Path, clock) -> None:
    store = Store.open(data_dir, clock=clock)
    store._storage.read_only = True
    with pytest.raises(ReadOnlyStore):
        store.save_draft("reframe", {"critic": "x"})
    assert not drafts_path(data_dir).exists()


def test_a_draft_that_cannot_be_written_is_a_save_failure(data_dir: Path, clock, monkeypatch) -> None:
    import rootwork.state.store.drafts as drafts_module

    store = Store.open(data_dir, clock=clock)

    def no_space(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(drafts_module, "write_atomic", no_space)
    with pytest.raises(SaveFailed, match="No space left"):
        store.save_draft("reframe", {"critic": "x"})
