"""The journal file's layout (one table a line, ``~layout`` last) and the reviews left unparsed until read."""

from __future__ import annotations

import copy
import json
import os
import pickle
import threading
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rootwork.state.files.locations import database_path
from rootwork.state.journal_file.deferred_table import DeferredTable
from rootwork.state.journal_file.layout import LAYOUT_KEY, parse_lazily
from rootwork.state.journal_file.storage import (
    AtomicJSONStorage,
    parse,
    parse_journal,
    read_journal,
    serialise_for_file,
)
from rootwork.state.records.errors import UnreadableDatabase
from rootwork.state.records.model import Checkin, Rating
from rootwork.state.store import Store

TODAY = date(2026, 11, 25)


def clock() -> datetime:
    return datetime(2026, 11, 25, 19, 0, tzinfo=UTC)


def journal(reviews: int = 3) -> dict:
    return {
        "checkins": {"1": {"id": "c1", "note": 'line one\nline two \u2028 "quoted" {brace}'}},
        "reviews": {str(n): {"id": f"r{n}", "item_id": "p1", "rating": n % 4} for n in range(1, reviews + 1)},
        "meta": {"1": {"kind": "schema", "schema_version": 1}},
        "empty": {},
    }


def read_file(path: Path) -> dict:
    fd = os.open(path, os.O_RDONLY)
    try:
        return read_journal(fd, os.fstat(fd), AtomicJSONStorage(path).codec)
    finally:
        os.close(fd)


def test_the_file_is_one_json_object_with_a_table_a_line() -> None:
    payload = serialise_for_file(journal())
    on_disk = json.loads(payload)
    assert on_disk.pop(LAYOUT_KEY)["v"] == 1
    assert on_disk == journal()
    lines = payload.split(b"\n")
    assert lines[0] == b"{" and lines[-1] == b"}"
    assert [line.split(b'":', 1)[0] for line in lines[1:-1]] == [
        b'"checkins',
        b'"reviews',
        b'"meta',
        b'"empty',
        b'"~layout',
    ]


def test_reviews_stay_bytes_until_read_and_read_the_same() -> None:
    data = parse_journal(serialise_for_file(journal()))
    reviews = data["reviews"]
    assert isinstance(reviews, DeferredTable) and not reviews.parsed
    assert isinstance(data["checkins"], dict) and not isinstance(data["checkins"], DeferredTable)
    assert LAYOUT_KEY not in data
    assert len(reviews) == 3 and reviews.parsed
    assert data == journal()


@pytest.mark.parametrize(
    "look",
    [
        lambda t: list(t),
        lambda t: len(t),
        lambda t: "1" in t,
        lambda t: t["1"],
        lambda t: t.get("1"),
        lambda t: list(t.items()),
        lambda t: list(t.values()),
        lambda t: dict(t),
        lambda t: {**t},
        lambda t: copy.deepcopy(t),
        lambda t: copy.copy(t),
        lambda t: pickle.loads(pickle.dumps(t)),
        lambda t: bool(t),
        lambda t: t == journal()["reviews"],
        lambda t: journal()["reviews"] == t,
    ],
)
def test_every_way_of_looking_inside_parses_first(look) -> None:
    reviews = parse_journal(serialise_for_file(journal()))["reviews"]
    seen = look(reviews)
    assert reviews.parsed and dict(reviews) == journal()["reviews"]
    assert seen not in ([], 0, False, None, {})
    if isinstance(seen, dict) and "1" in seen:
        assert type(seen) is dict and seen == journal()["reviews"]  # copies are plain dicts


def test_a_save_writes_an_unparsed_table_back_without_parsing_it() -> None:
    data = parse_journal(serialise_for_file(journal()))
    data["checkins"] = {"1": {"id": "c1", "note": "changed"}}
    again = parse_journal(serialise_for_file(data))
    assert not data["reviews"].parsed
    assert again["reviews"] == journal()["reviews"] and again["checkins"]["1"]["note"] == "changed"


def test_two_threads_filling_at_once_both_see_every_document() -> None:
    reviews = parse_journal(serialise_for_file(journal(reviews=20_000)))["reviews"]
    counts: list[int] = []
    threads = [threading.Thread(target=lambda: counts.append(len(reviews))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert counts == [20_000] * 4


def test_old_files_and_hand_edits_read_as_json_does() -> None:
    compact = json.dumps(journal(), separators=(",", ":")).encode()  # rootwork 0.1's file
    assert parse_lazily(compact, json.loads) is None and parse_journal(compact) == journal()
    pretty = json.dumps(journal(), indent=2).encode()
    assert parse_journal(pretty) == journal()
    # A hand edit keeps the layout line but changes a review: its CRC no longer matches, so it is parsed now.
    edited = serialise_for_file(journal()).replace(b'"rating":1', b'"rating":3')
    data = parse_journal(edited)
    assert not isinstance(data["reviews"], DeferredTable) and data["reviews"]["1"]["rating"] == 3


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_damage_reads_as_a_whole_parse_would(data) -> None:
    payload = bytearray(serialise_for_file(journal()))
    how = data.draw(st.sampled_from(["flip", "cut", "insert"]))
    at = data.draw(st.integers(0, len(payload) - 1))
    if how == "flip":
        payload[at] ^= data.draw(st.integers(1, 255))
    elif how == "cut":
        del payload[at:]
    else:
        payload[at:at] = data.draw(st.sampled_from([b"\n", b",", b" ", b"}", b'"x":1,']))
    payload = bytes(payload)
    try:
        expected = parse(payload)
    except UnreadableDatabase:
        expected = None
    try:
        got = parse_journal(payload)
        for table in got.values():
            if isinstance(table, DeferredTable):
                table.fill()  # a table left unparsed was checked: it always parses
    except UnreadableDatabase:
        got = None
    assert got == expected


def test_a_file_read_in_place_keeps_reviews_on_disk_until_read(tmp_path: Path) -> None:
    path = tmp_path / "rootwork.json"
    path.write_bytes(serialise_for_file(journal()))
    data = read_file(path)
    assert not data["reviews"].parsed
    path.unlink()  # a save replaces the file: the open one still holds what was checked
    (tmp_path / "rootwork.json").write_bytes(b"{}")
    assert data["reviews"] == journal()["reviews"]


def test_a_file_changed_in_place_under_an_unparsed_table_is_refused_not_misread(tmp_path: Path) -> None:
    path = tmp_path / "rootwork.json"
    payload = serialise_for_file(journal())
    path.write_bytes(payload)
    data = read_file(path)
    with path.open("r+b") as handle:  # an editor writing over the same file
        handle.write(payload.replace(b'"rating":1', b'"rating":2'))
    with pytest.raises(UnreadableDatabase):
        data["reviews"].fill()


def test_a_damaged_reviews_line_is_found_on_open_and_the_journal_rebuilt(tmp_path: Path) -> None:
    store = Store.open(tmp_path, clock=clock)
    item = store.adopt("comparison.scrolling", TODAY)
    store.review("practice", item.id, Rating.DID_IT, TODAY)
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=2))
    path = database_path(tmp_path)
    payload = path.read_bytes()
    line = next(line for line in payload.split(b"\n") if line.startswith(b'"reviews":'))
    path.write_bytes(payload.replace(line, line.replace(b'"', b"'", 3)))  # still one line, no longer JSON

    reopened = Store.open(tmp_path, clock=clock)
    assert any("rebuilt" in notice for notice in reopened.notices)
    assert reopened.checkin_for(TODAY) is not None  # still readable in the damaged file
    [kept] = tmp_path.glob("rootwork.broken-*.json")  # the damaged file, kept aside as it was
    assert kept.read_bytes() == payload.replace(line, line.replace(b'"', b"'", 3))


def test_opening_a_journal_leaves_its_reviews_unparsed_until_they_are_read(tmp_path: Path) -> None:
    store = Store.open(tmp_path, clock=clock)
    item = store.adopt("comparison.scrolling", TODAY)
    store.review("practice", item.id, Rating.DID_IT, TODAY)

    reopened = Store.open(tmp_path, clock=clock)
    assert not reopened._storage.read()["reviews"].parsed
    reopened.save_checkin(Checkin(day=TODAY, mood=3, intensity=2))  # a save does not parse them either
    assert not reopened._storage.read()["reviews"].parsed
    assert [r.item_id for r in reopened.reviews()] == [item.id]
    assert [r.item_id for r in Store.open(tmp_path, clock=clock).reviews()] == [item.id]


def test_reviews_rewritten_in_place_before_they_are_read_show_empty_and_are_never_saved_over(tmp_path: Path) -> None:
    store = Store.open(tmp_path, clock=clock)
    item = store.adopt("comparison.scrolling", TODAY)
    store.review("practice", item.id, Rating.DID_IT, TODAY)
    path = database_path(tmp_path)
    payload = path.read_bytes()

    app_store = Store.open(tmp_path, clock=clock)
    app_store.use_snapshots()
    with path.open("r+b") as handle:  # another program writes over the same file, same length
        handle.write(payload.replace(b'"rating":', b'"rating" '))
    assert app_store.reviews() == []  # not a crash: the file no longer holds what was checked
    path.write_bytes(payload)  # the file as it was, under a new mtime
    app_store.save_checkin(Checkin(day=TODAY, mood=3, intensity=2))  # re-reads the file first
    assert [r.item_id for r in Store.open(tmp_path, clock=clock).reviews()] == [item.id]


def test_a_crc_kept_between_saves_is_only_reused_for_the_same_table_and_a_stale_one_costs_a_parse() -> None:
    import zlib

    known: dict = {}
    data = journal()
    serialise_for_file(data, known)
    data["checkins"] = {"1": {"id": "c1", "note": "a new dict, as TinyDB writes"}}
    data["reviews"]["1"]["rating"] = 0  # changed in place: never done, and still read right
    payload = serialise_for_file(data, known)
    entries = {name: (start, length, crc) for name, start, length, crc in json.loads(payload)[LAYOUT_KEY]["tables"]}
    start, length, crc = entries["checkins"]
    assert zlib.crc32(payload[start : start + length]) == crc
    start, length, crc = entries["reviews"]
    assert zlib.crc32(payload[start : start + length]) != crc  # the stale CRC...
    again = parse_journal(payload)
    assert not isinstance(again["reviews"], DeferredTable)  # ...makes the reader parse the table now
    assert again["reviews"]["1"]["rating"] == 0
