"""The pure merge of two journals: properties (hypothesis) and the cases people meet."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rootwork.state.sync.causal import fields_of, open_fields
from rootwork.state.sync.merge import CONFLICT_KIND, conflict_id, journal_part, merge_journals, pool

IDS = [f"{n:032x}" for n in range(1, 7)]
DAYS = ["2026-03-01", "2026-03-02", "2026-03-03"]
PRACTICES = ["perfectionism.good-enough", "comparison.own-race"]
STAMPS = ["2026-03-01T08:00:00Z", "2026-03-01T09:00:00Z", "2026-03-02T08:00:00Z"]
TEXTS = ["", "tired", "a good walk"]


def _stamps(n: int, rev: int, stamp: str) -> dict:
    return {"id": IDS[n], "created_at": STAMPS[0], "updated_at": stamp, "rev": rev}


checkins = st.builds(
    lambda n, rev, stamp, note, mood: {**_stamps(n, rev, stamp), "day": DAYS[n % 3], "mood": mood, "note": note},
    st.integers(0, 5),
    st.integers(0, 3),
    st.sampled_from(STAMPS),
    st.sampled_from(TEXTS),
    st.integers(1, 5),
)
reframes = st.builds(
    lambda n, rev, stamp, text, gone: {**_stamps(n, rev, stamp), "critic": text, "deleted_at": stamp if gone else None},
    st.integers(0, 5),
    st.integers(0, 3),
    st.sampled_from(STAMPS),
    st.sampled_from(TEXTS),
    st.booleans(),
)
plan = st.builds(
    lambda n, rev, stamp, gone: {
        **_stamps(n, rev, stamp),
        "practice_id": PRACTICES[n % 2],
        "removed_at": stamp if gone else None,
    },
    st.integers(0, 5),
    st.integers(0, 3),
    st.sampled_from(STAMPS),
    st.booleans(),
)
reviews = st.builds(lambda n: {**_stamps(n, 1, STAMPS[0]), "item_id": IDS[0], "rating": 3}, st.integers(0, 5))
selfchecks = st.builds(lambda n: {**_stamps(n, 0, STAMPS[0]), "kind": "selfcheck", "day": DAYS[0]}, st.integers(0, 5))


def _table(docs: list[dict]) -> dict:
    return {str(n): doc for n, doc in enumerate(docs, start=1)}


@st.composite
def journals(draw: st.DrawFn) -> dict:
    """A valid journal (one check-in a day, one live plan item a practice): a raw draw merged with nothing."""
    settings_doc = {"id": "f" * 32, "kind": "settings", "values": {"daily_cap": draw(st.integers(1, 9))}}
    raw = {
        "checkins": _table(draw(st.lists(checkins, max_size=5))),
        "reframes": _table(draw(st.lists(reframes, max_size=4))),
        "plan": _table(draw(st.lists(plan, max_size=4))),
        "reviews": _table(draw(st.lists(reviews, max_size=4))),
        "meta": _table([settings_doc, *draw(st.lists(selfchecks, max_size=3))]),
    }
    return merge_journals(raw, {})


@settings(max_examples=150, deadline=None)
@given(journals(), journals())
def test_merge_is_commutative(a: dict, b: dict) -> None:
    assert journal_part(merge_journals(a, b)) == journal_part(merge_journals(b, a))
    # Tables are renumbered in id order: the same bytes, not only the same entries.
    assert {k: v for k, v in merge_journals(a, b).items() if k != "meta"} == {
        k: v for k, v in merge_journals(b, a).items() if k != "meta"
    }


@settings(max_examples=150, deadline=None)
@given(journals(), journals(), journals())
def test_merge_is_associative(a: dict, b: dict, c: dict) -> None:
    left = merge_journals(merge_journals(a, b), c)
    right = merge_journals(a, merge_journals(b, c))
    assert journal_part(left) == journal_part(right)


@settings(max_examples=150, deadline=None)
@given(journals(), journals())
def test_merge_is_idempotent(a: dict, b: dict) -> None:
    assert journal_part(merge_journals(a, a)) == journal_part(a)
    merged = merge_journals(a, b)
    assert merge_journals(merged, b) == merged
    assert merge_journals(merged, merged) == merged


@settings(max_examples=150, deadline=None)
@given(journals(), journals())
def test_settings_are_this_machines(a: dict, b: dict) -> None:
    mine = [d for d in merge_journals(a, b)["meta"].values() if d.get("kind") == "settings"]
    assert mine == [d for d in a["meta"].values() if d.get("kind") == "settings"]


def _newest_versions(journal: dict) -> dict[tuple[str, str], dict]:
    found = {}
    for table, docs in pool(journal).items():
        for doc in docs:
            found[(table, doc["id"])] = doc
    return found


@settings(max_examples=200, deadline=None)
@given(journals(), journals())
def test_nothing_disappears_without_a_tombstone_or_a_log_entry(a: dict, b: dict) -> None:
    merged = merge_journals(a, b)
    in_tables = {(t, d["id"]): d for t in ("checkins", "reframes", "plan", "reviews") for d in merged[t].values()}
    in_tables.update({("selfchecks", d["id"]): d for d in merged["meta"].values() if d.get("kind") == "selfcheck"})
    logged = {(d["table"], d["record"]["id"]): d for d in merged["meta"].values() if d.get("kind") == CONFLICT_KIND}
    for side in (a, b):
        for (table, record_id), doc in _newest_versions(side).items():
            kept = in_tables.get((table, record_id))
            if kept is None:
                entry = logged[(table, record_id)]  # a record is in its table or in the log ...
                assert entry["updated_at"] == entry["record"]["updated_at"]  # ... saying when it was written
                kept = entry["record"]
            assert (kept["rev"], kept["updated_at"]) >= (doc["rev"], doc["updated_at"])
            # A delete with its time is never undone by an older version.
            for gone in ("deleted_at", "removed_at"):
                if (
                    doc.get(gone)
                    and kept is not doc
                    and (kept["rev"], kept["updated_at"]) == (doc["rev"], doc["updated_at"])
                ):
                    assert kept.get(gone)


def _journal(**tables: list[dict]) -> dict:
    return {name: _table(tables.get(name, [])) for name in ("checkins", "reframes", "plan", "reviews", "meta")}


def test_two_checkins_for_one_day_keep_the_newer_and_log_the_older() -> None:
    older = {**_stamps(0, 1, STAMPS[0]), "day": DAYS[0], "mood": 2, "note": "slept badly"}
    newer = {**_stamps(1, 1, STAMPS[1]), "day": DAYS[0], "mood": 4, "note": "better after lunch"}
    merged = merge_journals(_journal(checkins=[older]), _journal(checkins=[newer]))
    assert list(merged["checkins"].values()) == [newer]
    [entry] = merged["meta"].values()
    assert entry["kind"] == CONFLICT_KIND and entry["id"] == conflict_id("checkins", older["id"])
    assert entry["record"]["note"] == "slept badly" and entry["updated_at"] == STAMPS[0]


def test_an_older_copy_does_not_undo_a_delete_and_a_concurrent_edit_is_kept_inside_it() -> None:
    """Records from before clocks: a higher revision has seen the lower; at one revision they are concurrent.

    Issue 25: the later clock used to win, so an edit made without seeing the
    delete brought the record back. Now the delete stays and the edit is kept
    aside in it (nothing is lost, and undoing the delete shows it).
    """
    kept = {**_stamps(0, 2, STAMPS[0]), "critic": "you always fail", "deleted_at": None}
    deleted = {**kept, "rev": 3, "updated_at": STAMPS[1], "deleted_at": STAMPS[1]}
    edited_elsewhere = {**kept, "rev": 3, "updated_at": STAMPS[2], "critic": "you sometimes fail"}
    for first, second in ((kept, deleted), (deleted, kept)):
        merged = merge_journals(_journal(reframes=[first]), _journal(reframes=[second]))["reframes"]["1"]
        assert fields_of(merged) == fields_of(deleted) and open_fields(merged) == {}
    for first, second in ((deleted, edited_elsewhere), (edited_elsewhere, deleted)):
        merged = merge_journals(_journal(reframes=[first]), _journal(reframes=[second]))["reframes"]["1"]
        assert merged["deleted_at"] == STAMPS[1]
        assert {merged["critic"], *open_fields(merged)["critic"]} == {"you always fail", "you sometimes fail"}


def test_reviews_are_a_set() -> None:
    one, two, three = ({**_stamps(n, 1, STAMPS[0]), "item_id": IDS[5], "rating": 3} for n in range(3))
    merged = merge_journals(_journal(reviews=[one, two]), _journal(reviews=[two, three]))
    assert sorted(d["id"] for d in merged["reviews"].values()) == [one["id"], two["id"], three["id"]]


def test_a_practice_adopted_on_both_machines_stays_once_and_the_other_is_logged() -> None:
    here = {**_stamps(0, 1, STAMPS[0]), "practice_id": PRACTICES[0], "removed_at": None}
    there = {**_stamps(1, 4, STAMPS[1]), "practice_id": PRACTICES[0], "removed_at": None}
    merged = merge_journals(_journal(plan=[here]), _journal(plan=[there]))
    assert list(merged["plan"].values()) == [there]
    assert [d["record"]["id"] for d in merged["meta"].values()] == [here["id"]]
    # The other machine later removes its practice: the logged one takes its place again.
    removed = {**there, "rev": 5, "updated_at": STAMPS[2], "removed_at": STAMPS[2]}
    again = merge_journals(merged, _journal(plan=[removed]))
    assert sorted(d["id"] for d in again["plan"].values()) == [here["id"], there["id"]]
    assert not [d for d in again["meta"].values() if d["kind"] == CONFLICT_KIND]
