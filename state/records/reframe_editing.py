"""What the thought-record editor decides without a UI: field names, voice suggestions, known ids.

The editor's widgets (``tui/widgets/reframe_fields.py``) show a ``ReframeForm``;
the choices here are plain functions so they are tested without a screen.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from rootwork.state.records.errors import ValidationError
from rootwork.state.records.reframes import STORE_FIELDS, VOICE_SUGGESTIONS, ReframeForm

# Long text fields of the form, in the order they are shown.
TEXT_AREAS = ("situation", "critic", "evidence_for", "evidence_against", "reframe")
BELIEF_INPUTS = ("belief_before", "belief_after")
# Fields with a line under them for what is wrong.
ERROR_LINES = (*TEXT_AREAS, *BELIEF_INPUTS)
FIELD_WIDGETS = (*TEXT_AREAS, *BELIEF_INPUTS, "voice", "cause_id", "distortions")
# How many pieces of earlier evidence the side panel lists before "… and N more".
BANK_PREVIEW = 6


def field_id(name: str) -> str:
    """The widget id of a form field (``evidence_for`` -> ``evidence-for``, ``cause_id`` -> ``cause``)."""
    return "cause" if name == "cause_id" else name.replace("_", "-")


def field_name(widget_id: str | None) -> str | None:
    """The form field a widget id shows (the inverse of ``field_id``), or None for another widget."""
    for name in FIELD_WIDGETS:
        if field_id(name) == widget_id:
            return name
    return None


def focus_target(name: str) -> str | None:
    """The form field to move to for a problem about ``name`` (a form or store field), or None."""
    name = STORE_FIELDS.get(name, name)
    return name if name in FIELD_WIDGETS else None


def problem_messages(problems: Sequence[ValidationError]) -> dict[str, str]:
    """For every field with an error line, the first problem's message about it, or ""."""
    return {name: next((p.message for p in problems if p.field == name), "") for name in ERROR_LINES}


def voice_suggestions(earlier: Iterable[str]) -> list[str]:
    """The user's own earlier voices first ("my stepfather" is likelier again than "a coach"), then ours; no repeats."""
    seen: set[str] = set()
    ordered = []
    for voice in (*(v for v in earlier if v.strip()), *VOICE_SUGGESTIONS):
        if voice.casefold() not in seen:
            seen.add(voice.casefold())
            ordered.append(voice)
    return ordered


def known_form(form: ReframeForm, cause_ids: Iterable[str], distortion_ids: Iterable[str]) -> ReframeForm:
    """The form with ids the library no longer has dropped, so the widgets can show it."""
    causes = set(cause_ids)
    distortions = set(distortion_ids)
    return ReframeForm(
        **{
            **form.__dict__,
            "cause_id": form.cause_id if form.cause_id in causes else None,
            "distortions": tuple(d for d in form.distortions if d in distortions),
        }
    )


def is_format_character(character: str | None) -> bool:
    """True for a zero-width joiner, a direction mark and the like (Unicode category Cf)."""
    return character is not None and len(character) == 1 and unicodedata.category(character) == "Cf"
