"""``LineEntry`` counts its lines instead of wrapping them, and only where that gives the same height."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.content import Content

from rootwork.tui.widgets.list_entry import LineEntry

NOWRAP = {"text_wrap": "nowrap", "text_overflow": "ellipsis"}
text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=120)


@settings(max_examples=200, deadline=None)
@given(
    first=text,
    second=text,
    width=st.integers(1, 200),
    rules=st.sampled_from([NOWRAP, {}, {"text_wrap": "nowrap"}, {"text_overflow": "ellipsis"}]),
)
def test_its_height_is_the_height_content_would_give(first: str, second: str, width: int, rules: dict) -> None:
    entry = LineEntry.assemble(first, "\n", (second, "dim"))
    plain = Content.assemble(first, "\n", (second, "dim"))
    assert entry.get_height(rules, width) == plain.get_height(rules, width)


def test_assemble_makes_one_and_it_renders_as_content_does() -> None:
    entry = LineEntry.assemble("I always fail", "\n", ("3 Mar · Failure", "dim"))
    assert isinstance(entry, LineEntry)
    assert entry.plain == "I always fail\n3 Mar · Failure"
    assert entry.get_height(NOWRAP, 4) == 2
