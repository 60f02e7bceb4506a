"""The one merge rule of a record, with two and three simulated machines: causality decides, never clocks."""

from __future__ import annotations

from functools import reduce

from hypothesis import given, settings
from hypothesis import strategies as st

from rootwork.state.sync.causal import merge_versions, open_fields, stamp

MACHINES = ("a" * 32, "b" * 32, "c" * 32)
FIELDS = ("note", "mood", "deleted_at", "reviewed_on")
VALUES = {
    "note": st.sampled_from(["", "x", "y", "z"]),
    "mood": st.integers(1, 5),
    "deleted_at": st.sampled_from([None, "2026-11-25T10:00:00Z"]),
    "reviewed_on": st.sampled_from([None, "2026-11-01", "2026-12-01", "2027-01-05"]),  # LATEST: the later day
}


def a_record() -> dict:
    return {
        "id": "1" * 32,
        "created_at": "2026-11-01T00:00:00Z",
        "updated_at": "2026-11-01T00:00:00Z",
        "rev": 1,
        "note": "",
        "mood": 3,
        "deleted_at": None,
        "reviewed_on": None,
    }


class Machine:
    """One machine's copy of the record and its counter; the wall clock is whatever it says (skewed by days)."""

    def __init__(self, name: str, record: dict, skew: int) -> None:
        self.name, self.record, self.counter, self.skew = name, record, 1, skew

    def edit(self, changes: dict, hour: int, resolved: tuple[str, ...] = ()) -> None:
        self.counter += 1
        stamp_time = f"2026-11-{10 + self.skew:02d}T{hour:02d}:00:00Z"
        new = {
            **{k: v for k, v in self.record.items() if k != "clock"},
            **changes,
            "updated_at": stamp_time,
            "rev": self.record["rev"] + 1,
        }
        self.record = stamp(self.record, new, self.name, self.counter, resolved=resolved)

    def receive(self, other: dict) -> None:
        self.record = merge_versions(self.record, other)


edits = st.lists(
    st.tuples(st.integers(0, 2), st.sampled_from(FIELDS).flatmap(lambda f: st.tuples(st.just(f), VALUES[f]))),
    max_size=6,
)
syncs = st.lists(st.tuples(st.integers(0, 2), st.integers(0, 2)), max_size=6)


def play(steps: list, skews: tuple[int, int, int]) -> list[Machine]:
    first = stamp(None, a_record(), MACHINES[0], 1)
    machines = [Machine(name, first, skew) for name, skew in zip(MACHINES, skews, strict=False)]
    for hour, step in enumerate(steps):
        if step[0] == "edit":
            _, who, (field, value) = step
            machines[who].edit({field: value}, hour % 24)
        else:
            _, source, target = step
            machines[target].receive(machines[source].record)
    return machines


steps = st.lists(
    st.one_of(
        st.tuples(
            st.just("edit"),
            st.integers(0, 2),
            st.sampled_from(FIELDS).flatmap(lambda f: st.tuples(st.just(f), VALUES[f])),
        ),
        st.tuples(st.just("sync"), st.integers(0, 2), st.integers(0, 2)),
    ),
    max_size=14,
)
skews = st.tuples(st.integers(-3, 3), st.integers(-3, 3), st.integers(-3, 3))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(steps, skews)
def test_merge_is_commutative_associative_and_idempotent(history: list, skew: tuple) -> None:
    a, b, c = (m.record for m in play(history, skew))
    assert merge_versions(a, b) == merge_versions(b, a)
    assert merge_versions(merge_versions(a, b), c) == merge_versions(a, merge_versions(b, c))
    assert merge_versions(a, a) == a
    ab = merge_versions(a, b)
    assert merge_versions(ab, a) == ab and merge_versions(ab, b) == ab


@settings(max_examples=300, deadline=None, derandomize=True)
@given(steps, skews)
def test_every_order_of_syncing_ends_in_the_same_record(history: list, skew: tuple) -> None:
    a, b, c = (m.record for m in play(history, skew))
    orders = [(a, b, c), (c, b, a), (b, c, a), (a, c, b)]
    results = {repr(reduce(merge_versions, order)) for order in orders}
    assert len(results) == 1


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.data(), skews)
def test_a_field_edited_on_one_machine_only_survives_and_concurrent_edits_of_one_field_are_kept_aside(
    data: st.DataObject, skew: tuple
) -> None:
    machines = play([], skew)
    field_a = data.draw(st.sampled_from(["note", "mood"]))
    value_a = data.draw(VALUES[field_a].filter(lambda v: v != a_record()[field_a]))  # a real change
    field_b = data.draw(st.sampled_from(["note", "mood"]))
    value_b = data.draw(VALUES[field_b].filter(lambda v: v != a_record()[field_b]))
    machines[0].edit({field_a: value_a}, 9)
    machines[1].edit({field_b: value_b}, 23)  # later by the clock, and by days of skew: it must not matter
    merged = merge_versions(machines[0].record, machines[1].record)
    if field_a != field_b:
        assert merged[field_a] == value_a and merged[field_b] == value_b and open_fields(merged) == {}
    elif value_a != value_b:
        assert {merged[field_a], *open_fields(merged)[field_a]} == {value_a, value_b}
    else:
        assert merged[field_a] == value_a and open_fields(merged) == {}


def test_an_edit_after_seeing_an_edit_replaces_it_whatever_the_clocks_say() -> None:
    laptop, desktop = play([], (3, -3, 0))[:2]  # the laptop's clock runs three days ahead
    laptop.edit({"note": "written first, clock ahead"}, 23)
    desktop.receive(laptop.record)
    desktop.edit({"note": "written after reading it"}, 1)
    laptop.receive(desktop.record)
    assert laptop.record["note"] == "written after reading it" and open_fields(laptop.record) == {}


def test_a_delete_is_undone_only_by_an_edit_made_after_seeing_it() -> None:
    laptop, desktop, phone = play([], (0, 0, 0))
    laptop.edit({"deleted_at": "2026-11-25T11:00:00Z"}, 11)
    desktop.edit({"note": "rehearsed twice, earlier"}, 9)
    desktop.edit({"deleted_at": None, "mood": 4}, 9)  # an undo of its own, never having seen the delete
    merged = merge_versions(laptop.record, desktop.record)
    assert merged["deleted_at"] is not None and "deleted_at" not in open_fields(merged)
    assert merged["note"] == "rehearsed twice, earlier"  # the edit is kept inside the deleted record
    phone.receive(merged)
    phone.edit({"deleted_at": None}, 12)  # restored after seeing the delete
    assert merge_versions(phone.record, laptop.record)["deleted_at"] is None


def test_choosing_a_value_settles_the_conflict_everywhere() -> None:
    laptop, desktop = play([], (0, 0, 0))[:2]
    laptop.edit({"note": "mine"}, 9)
    desktop.edit({"note": "theirs"}, 9)
    laptop.receive(desktop.record)
    assert open_fields(laptop.record) == {"note": ["mine"]} or open_fields(laptop.record) == {"note": ["theirs"]}
    laptop.edit({"note": "mine, edited"}, 10)  # an edit of the shown value is not a choice: the other stays aside
    assert "note" in open_fields(laptop.record)
    laptop.edit({"note": "mine\n\ntheirs"}, 11, resolved=("note",))
    desktop.receive(laptop.record)
    assert desktop.record["note"] == "mine\n\ntheirs" and open_fields(desktop.record) == {}


def test_records_from_before_clocks_keep_the_higher_revision() -> None:
    old = a_record() | {"note": "rev 1"}
    newer = a_record() | {"note": "rev 2", "rev": 2}
    assert merge_versions(old, newer)["note"] == "rev 2" == merge_versions(newer, old)["note"]
    assert open_fields(merge_versions(old, newer)) == {}


def test_a_look_over_day_written_on_two_machines_takes_the_later_day_without_a_choice() -> None:
    first = stamp(None, a_record(), MACHINES[0], 1)
    a, b = Machine(MACHINES[0], first, 0), Machine(MACHINES[1], first, 0)
    a.edit({"reviewed_on": "2027-01-05"}, 1)
    b.edit({"reviewed_on": "2026-12-01"}, 2)
    for merged in (merge_versions(a.record, b.record), merge_versions(b.record, a.record)):
        assert merged["reviewed_on"] == "2027-01-05" and open_fields(merged) == {}
