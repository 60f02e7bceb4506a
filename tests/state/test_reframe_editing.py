"""The editor's choices without a UI: field ids, problems per field, voices, ids the library lost."""

from __future__ import annotations

from rootwork.state.records.errors import ValidationError
from rootwork.state.records.reframe_editing import (
    ERROR_LINES,
    FIELD_WIDGETS,
    field_id,
    field_name,
    focus_target,
    is_format_character,
    known_form,
    problem_messages,
    voice_suggestions,
)
from rootwork.state.records.reframes import VOICE_SUGGESTIONS, ReframeForm


def test_field_ids_and_back():
    assert field_id("evidence_for") == "evidence-for"
    assert field_id("cause_id") == "cause"
    assert all(field_name(field_id(name)) == name for name in FIELD_WIDGETS)
    assert field_name("editor-guide") is None
    assert field_name(None) is None


def test_focus_target_maps_store_fields_and_ignores_the_rest():
    assert focus_target("critic") == "critic"
    assert focus_target("cause_id") == "cause_id"
    assert focus_target("created_at") is None


def test_problem_messages_give_each_error_line_its_first_problem():
    problems = [
        ValidationError("critic", "first"),
        ValidationError("critic", "second"),
        ValidationError("belief_after", "range"),
    ]
    messages = problem_messages(problems)
    assert set(messages) == set(ERROR_LINES)
    assert messages["critic"] == "first"
    assert messages["belief_after"] == "range"
    assert messages["situation"] == ""


def test_voice_suggestions_put_the_users_own_first_without_repeats():
    voices = voice_suggestions(["my stepfather", "  ", "My Stepfather", VOICE_SUGGESTIONS[0].upper()])
    assert voices[0] == "my stepfather"
    assert voices[1] == VOICE_SUGGESTIONS[0].upper()
    assert "  " not in voices
    assert len([v for v in voices if v.casefold() == "my stepfather"]) == 1
    assert len(voices) == 1 + len(VOICE_SUGGESTIONS)


def test_known_form_drops_ids_the_library_no_longer_has():
    form = ReframeForm(critic="x", cause_id="gone", distortions=("labelling", "vanished"))
    known = known_form(form, ["comparison"], ["labelling"])
    assert known.cause_id is None
    assert known.distortions == ("labelling",)
    assert known.critic == "x"
    assert known_form(ReframeForm(cause_id="comparison"), ["comparison"], []).cause_id == "comparison"


def test_format_characters():
    assert is_format_character("\u200d")  # zero-width joiner
    assert is_format_character("\u200f")  # right-to-left mark
    assert not is_format_character("a")
    assert not is_format_character(None)
    assert not is_format_character("ab")
