"""What salvage reads from a damaged journal: only whole records that were there, and every one before the damage."""

from __future__ import annotations

import json
import re
import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from rootwork.state.files.locations import database_path
from rootwork.state.journal_file.salvage import salvage
from rootwork.state.records.model import Checkin
from rootwork.state.store import TABLES, Store

from .conftest import TODAY, FixedClock


def a_journal_file() -> tuple[bytes, dict]:
    """A journal file as rootwork writes it, with notes that look like the JSON around them."""
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder), clock=FixedClock())
        for n in range(6):
            note = f'say "{n}" }},{{ ,"9":{{ \\" ü'
            store.save_checkin(Checkin(day=TODAY - timedelta(days=n), mood=3, intensity=n, note=note))
        store.adopt("perfectionism.good-enough", TODAY)
        store.close()
        payload = database_path(Path(folder)).read_bytes()
    # The same bytes in every run (ids and writers are random): hypothesis's examples then mean the same damage.
    names: dict[bytes, bytes] = {}
    payload = re.sub(rb"[0-9a-f]{32}", lambda m: names.setdefault(m.group(), b"%032x" % (len(names) + 1)), payload)
    payload = payload[: payload.index(b',\n"~layout"')] + b"\n}"  # its CRCs were of the random bytes
    return payload, json.loads(payload)


PAYLOAD, WHOLE = a_journal_file()


def records(journal: dict) -> set[str]:
    return {json.dumps(doc, sort_keys=True) for name in TABLES for doc in journal.get(name, {}).values()}


def test_an_undamaged_file_gives_back_every_record() -> None:
    assert records(salvage(PAYLOAD, TABLES)) == records(WHOLE)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.integers(min_value=0, max_value=len(PAYLOAD)))
def test_a_file_cut_anywhere_gives_only_its_records_and_all_those_before_the_cut(cut: int) -> None:
    found = records(salvage(PAYLOAD[:cut], TABLES))
    assert found <= records(WHOLE)
    for name in TABLES:
        for doc in WHOLE.get(name, {}).values():
            text = json.dumps(doc, separators=(",", ":"), ensure_ascii=False).encode()
            at = PAYLOAD.find(text)
            if 0 <= at and at + len(text) < cut - 1 and (name != "meta" or "kind" in doc):
                assert json.dumps(doc, sort_keys=True) in found


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.integers(min_value=0, max_value=len(PAYLOAD) - 1), st.binary(min_size=1, max_size=40))
def test_bytes_overwritten_anywhere_cost_at_most_the_records_they_touch(at: int, junk: bytes) -> None:
    damaged = PAYLOAD[:at] + junk + PAYLOAD[at + len(junk) :]
    found = salvage(damaged, TABLES)
    assert all(isinstance(doc, dict) for table in found.values() for doc in table.values())
    for name in TABLES:
        for doc in WHOLE.get(name, {}).values():
            text = json.dumps(doc, separators=(",", ":"), ensure_ascii=False).encode()
            start = PAYLOAD.find(text)
            # Untouched, and not the record right after the damage (whose key may be hit):
            if (
                start > at + len(junk) + 16
                and (name != "meta" or "kind" in doc)
                and b'"' + name.encode() + b'":{' in damaged
            ):
                assert json.dumps(doc, sort_keys=True) in records(found)
