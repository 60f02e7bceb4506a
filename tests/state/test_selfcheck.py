"""The self-check's ranking and checklist progress, without the UI."""

from __future__ import annotations

from datetime import date

import pytest

from rootwork.content import load_library
from rootwork.state.records.selfcheck import (
    SelfCheckProgress,
    cause_scores,
    ordered_recognised,
    rank_causes,
    result_summary,
    top_causes,
)

LIBRARY = load_library()


def shows(cause_id: str, n: int | None = None) -> list[str]:
    """The first ``n`` (or all) manifestation ids of a cause."""
    manifestations = LIBRARY.cause(cause_id).manifestations
    return [m.id for m in manifestations[: len(manifestations) if n is None else n]]


def test_nothing_recognised_keeps_cause_order():
    ranking = rank_causes(LIBRARY, [])
    assert [cause_id for cause_id, _, _ in ranking] == [c.id for c in LIBRARY.causes]
    assert all(count == 0 and fraction == 0 for _, count, fraction in ranking)


def test_most_recognised_cause_comes_first_with_count_and_fraction():
    ranking = rank_causes(LIBRARY, shows("perfectionism", 3) + shows("bullying", 1))
    assert ranking[0] == ("perfectionism", 3, 3 / len(LIBRARY.cause("perfectionism").manifestations))
    assert ranking[1][0] == "bullying"
    assert len(ranking) == len(LIBRARY.causes)


def test_ties_are_broken_by_cause_number():
    # Both causes have five manifestations; two of each recognised.
    ranking = rank_causes(LIBRARY, shows("purpose", 2) + shows("comparison", 2))
    assert [cause_id for cause_id, _, _ in ranking[:2]] == ["comparison", "purpose"]


def test_fraction_leads_when_causes_differ_in_size():
    skill_gaps, trauma = LIBRARY.cause("skill-gaps"), LIBRARY.cause("trauma")
    assert len(skill_gaps.manifestations) < len(trauma.manifestations)
    everything_of_smaller = shows("skill-gaps")
    same_count_of_larger = shows("trauma", len(everything_of_smaller))
    ranking = rank_causes(LIBRARY, same_count_of_larger + everything_of_smaller)
    assert [cause_id for cause_id, _, _ in ranking[:2]] == ["skill-gaps", "trauma"]
    assert ranking[0][2] == 1.0


def test_unknown_and_repeated_ids_are_ignored():
    ranking = rank_causes(LIBRARY, ["no.such.thing", *shows("neglect", 1), *shows("neglect", 1)])
    assert ranking[0][:2] == ("neglect", 1)


def test_scores_and_top_causes():
    recognised = shows("failure", 2) + shows("attachment", 4) + shows("neglect", 2)
    scores = cause_scores(LIBRARY, recognised)
    assert scores["attachment"] == 4 and scores["failure"] == 2 and scores["purpose"] == 0
    assert list(scores) == [c.id for c in LIBRARY.causes]
    assert top_causes(LIBRARY, scores, 2) == ["attachment", "neglect"]
    assert top_causes(LIBRARY, {}, 3) == []


def test_ordered_recognised_follows_the_library():
    recognised = shows("purpose", 1) + shows("childhood-criticism", 1) + ["made.up"]
    assert ordered_recognised(LIBRARY, recognised) == shows("childhood-criticism", 1) + shows("purpose", 1)


def test_result_summary_names_date_and_top_causes():
    scores = cause_scores(LIBRARY, shows("body-shame", 3))
    line = result_summary(LIBRARY, {"day": "2026-11-25", "scores": scores})
    assert line == f"25 Nov 2026: {LIBRARY.cause('body-shame').title}"
    assert result_summary(LIBRARY, {"day": date(2026, 1, 2), "recognised": []}) == "2 Jan 2026: nothing ticked"
    assert result_summary(LIBRARY, {"day": "garbage"}).startswith("an earlier day")


def test_ticks_for_one_cause_replace_only_that_cause():
    progress = SelfCheckProgress().with_ticks(LIBRARY, "bullying", shows("bullying", 2))
    progress = progress.with_ticks(LIBRARY, "neglect", shows("neglect", 1))
    progress = progress.with_ticks(LIBRARY, "bullying", shows("bullying")[4:])
    assert progress.ticked_for(LIBRARY, "bullying") == shows("bullying")[4:]
    assert progress.ticked_for(LIBRARY, "neglect") == shows("neglect", 1)
    # Ids of other causes passed by mistake are not taken.
    assert SelfCheckProgress().with_ticks(LIBRARY, "bullying", shows("neglect")).recognised == frozenset()


def test_page_stays_in_range_and_progress_line_counts_from_one():
    total = len(LIBRARY.causes)
    assert SelfCheckProgress().at_page(-1, total).page == 0
    assert SelfCheckProgress().at_page(99, total).page == total - 1
    assert SelfCheckProgress.progress_line(3, total) == f"cause 4 of {total}"


def test_draft_round_trip():
    progress = SelfCheckProgress(page=5, recognised=frozenset(shows("comparison", 2)))
    assert SelfCheckProgress.from_draft(LIBRARY, progress.to_draft()) == progress


@pytest.mark.parametrize(
    "draft",
    [None, "text", [], {"page": "x", "recognised": "y"}, {"page": True}, {"page": 400, "recognised": [1, None]}],
)
def test_bad_drafts_never_break_the_check(draft):
    progress = SelfCheckProgress.from_draft(LIBRARY, draft)
    if progress is not None:
        assert 0 <= progress.page < len(LIBRARY.causes)
        assert progress.recognised == frozenset()


def test_draft_drops_ids_the_library_no_longer_has():
    draft = {"page": 2, "recognised": ["gone.shows.away", *shows("trauma", 1)]}
    assert SelfCheckProgress.from_draft(LIBRARY, draft).recognised == frozenset(shows("trauma", 1))


def test_progress_text_and_dots():
    from rootwork.state.records.selfcheck import dots, progress_text

    total = len(LIBRARY.causes)
    assert progress_text(LIBRARY, SelfCheckProgress(page=4)) == f"cause 5 of {total}"
    ticked = SelfCheckProgress(page=0, recognised=frozenset(shows("perfectionism", 3)))
    assert progress_text(LIBRARY, ticked) == f"cause 1 of {total}, 3 ticked so far"
    assert dots(3, 5) == "●●●○○"
    assert dots(0, 4) == "○○○○"


def test_result_day_says_the_day_or_an_earlier_one():
    from rootwork.state.records.selfcheck import result_day

    assert result_day(LIBRARY, {"day": "2026-11-25", "recognised": []}) == "25 Nov 2026"
    assert result_day(LIBRARY, {"day": "not a day"}) == "an earlier day"


def test_toggled_focus_marks_then_unmarks_in_library_order():
    from rootwork.state.records.selfcheck import toggled_focus

    last, first = LIBRARY.causes[-1].id, LIBRARY.causes[0].id
    focus, marking = toggled_focus(LIBRARY, [last], first)
    assert marking and focus == [first, last]
    focus, marking = toggled_focus(LIBRARY, focus, last)
    assert not marking and focus == [first]


def test_first_fresh_practice_skips_adopted_ones():
    from rootwork.state.records.selfcheck import first_fresh_practice

    practices = [p.id for p in LIBRARY.cause("perfectionism").practices]
    assert first_fresh_practice(LIBRARY, "perfectionism", []) == practices[0]
    assert first_fresh_practice(LIBRARY, "perfectionism", practices[:2]) == practices[2]
    assert first_fresh_practice(LIBRARY, "perfectionism", practices) is None
