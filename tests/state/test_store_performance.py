"""What keeps a long journal quick to open: one parse, reviews indexed on first use, same rules with orjson."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import rootwork.state.journal_file.storage
from rootwork.state.records.model import Rating
from rootwork.state.store import Store

TODAY = date(2026, 11, 25)


def _journal_with_review(data_dir: Path) -> None:
    store = Store.open(data_dir)
    item = store.adopt("comparison.scrolling", TODAY)
    store.review("practice", item.id, Rating.DID_IT, TODAY)


def test_opening_parses_the_file_once(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _journal_with_review(data_dir)
    calls = []
    real_parse = rootwork.state.journal_file.storage.read_journal
    monkeypatch.setattr(
        rootwork.state.journal_file.storage, "read_journal", lambda *args: calls.append(1) or real_parse(*args)
    )
    store = Store.open(data_dir)
    assert len(store.reviews()) == 1
    assert len(calls) == 1


def test_a_damaged_review_is_reported_when_reviews_are_first_read(data_dir: Path) -> None:
    _journal_with_review(data_dir)
    path = data_dir / "rootwork.json"
    data = json.loads(path.read_text())
    data["reviews"]["2"] = {"id": "broken", "item_kind": "nonsense"}
    path.write_text(json.dumps(data))
    store = Store.open(data_dir)
    assert store.notices == []  # nothing on the first screen needed the reviews yet
    assert len(store.reviews()) == 1
    assert store.notices == [
        "1 entry in your journal could not be read and is not shown. It is kept in the file as it is."
    ]
    store.reviews()
    assert len(store.notices) == 1  # said once


@pytest.mark.parametrize("use_orjson", [True, False])
def test_serialise_refuses_what_json_cannot_hold(use_orjson: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if not use_orjson:
        monkeypatch.setattr(rootwork.state.journal_file.storage, "_orjson", None)
    elif rootwork.state.journal_file.storage._orjson is None:
        pytest.skip("orjson is not installed")
    assert json.loads(rootwork.state.journal_file.storage.serialise({"note": "ünïcode", "n": [1, 2.5, None]})) == {
        "note": "ünïcode",
        "n": [1, 2.5, None],
    }
    with pytest.raises(TypeError):
        rootwork.state.journal_file.storage.serialise({"when": TODAY})


def test_warming_builds_the_reviews_so_their_first_read_does_not(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The app warms the store on its store thread after the first paint, so the
    # first visit to Reframes or Practices does not index every review on the event loop.
    import rootwork.state.store.snapshot

    _journal_with_review(data_dir)
    store = Store.open(data_dir)
    store.use_snapshots()
    store.warm()
    built = []
    real_build = rootwork.state.store.snapshot.build_view
    monkeypatch.setattr(
        rootwork.state.store.snapshot, "build_view", lambda name, *a: built.append(name) or real_build(name, *a)
    )
    assert len(store.reviews()) == 1
    assert built == []


def test_warming_reports_a_damaged_review_once(data_dir: Path) -> None:
    _journal_with_review(data_dir)
    path = data_dir / "rootwork.json"
    data = json.loads(path.read_text())
    data["reviews"]["2"] = {"id": "broken", "item_kind": "nonsense"}
    path.write_text(json.dumps(data))
    store = Store.open(data_dir)
    store.use_snapshots()
    store.warm()
    assert len(store.notices) == 1
    store.reviews()
    store.warm()
    assert len(store.notices) == 1
