"""The library says what the seed means: support notes, the disclaimer, quote attributions, one voice."""

from __future__ import annotations

import re

import pytest

from rootwork.content import load_library
from rootwork.content.loader import NEEDS_PROFESSIONAL_NOTE

# Words spoken to yourself are quoted; outside quotes a practice talks to "you", never as "I".
QUOTED = re.compile(r"'(?:[^']|'(?=[a-z]))*'(?![a-z])")
FIRST_PERSON = re.compile(r"\b(I|me|my|mine)\b")
# "You ..." and a full stop: how every cause's "How it shows up" reads, and the self-check ticks.
MANIFESTATION = re.compile(r"You [a-z][^\n]*[a-z]\.")


@pytest.fixture(scope="module")
def library():
    return load_library()


def manifestations(library):
    return [m for cause in library.causes for m in cause.manifestations]


def test_lack_of_purpose_points_to_help_for_depression(library):
    # Lasting emptiness and "does anything matter" overlap with depression (seed, root cause 13).
    assert "purpose" in NEEDS_PROFESSIONAL_NOTE
    note = library.cause("purpose").professional_note
    assert note is not None
    assert "depression" in note.lower()
    assert re.search(r"doctor|therapist|professional", note)
    assert "crisis" in note.lower()


def test_disclaimer_says_when_to_see_a_professional_and_ends_with_encouragement(library):
    disclaimer = library.safety.disclaimer
    when = next(p for p in disclaimer.split("\n\n") if "severe" in p)
    for condition in ("insecurity", "anxiety", "depression", "trauma", "mental health"):
        assert condition in when, condition
    assert "qualified" in when and "professional" in when
    assert disclaimer.split("\n\n")[-1] == "You deserve to heal. Begin from wherever you are today."


@pytest.mark.parametrize(
    ("author", "start"),
    [
        ("Leon Brown", "Healing is not an overnight process"),
        ("Amy Bloom", "You are imperfect"),
        ("Brené Brown", "Talk to yourself like someone you love"),
    ],
)
def test_untraceable_quotes_say_attributed_to(library, author, start):
    [quote] = [q for q in library.quotes if q.author == author and q.text.startswith(start)]
    assert quote.disputed
    assert quote.attribution == f"attributed to {author}"


def test_twelve_quotes_are_marked_attributed(library):
    assert sum(q.disputed for q in library.quotes) == 12


def test_every_manifestation_is_a_you_sentence(library):
    odd = [m.text for m in manifestations(library) if not MANIFESTATION.fullmatch(m.text)]
    assert odd == []


def test_words_to_say_to_yourself_are_quoted(library):
    unquoted = [p.id for p in library.practices if FIRST_PERSON.search(QUOTED.sub("", p.how))]
    assert unquoted == []


def test_quote_finder_keeps_apostrophes_inside_a_quote():
    text = "Tell someone, 'I don't know how, could you show me?' Then ask."
    assert QUOTED.sub("", text) == "Tell someone,  Then ask."


def test_meanings_the_seed_gives(library):
    shows = {m.id: m.text for m in manifestations(library)}
    assert shows["purpose.shows.imposter-in-life"] == "You feel like an imposter, even in your own life."
    # Either one or the other, not a swing between them.
    assert "swing" not in shows["neglect.shows.needy-or-self-reliant"]
    assert "either" in shows["neglect.shows.needy-or-self-reliant"]
    # Releasing blame, including blame of yourself, not only noticing it.
    how = library.practice("attachment.process-wounds").how
    assert "let" in how and "go" in how and "yourself" in how
    assert "grieve" in how and "what happened" in how
    assert "hold yourself to flawless" not in shows["childhood-criticism.shows.fear-of-mistakes"]
