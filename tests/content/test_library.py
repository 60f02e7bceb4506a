"""The content library: completeness against the seed, ids, safety notes, quotes, loaded once and quickly.

The strict loader's errors are in test_loader_errors.py.
"""

from __future__ import annotations

import dataclasses
import re
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rootwork.content import load_library
from rootwork.content.loader import DATA_DIR, NEEDS_PROFESSIONAL_NOTE

REPO_ROOT = Path(__file__).parents[2]
# CI checks out shared/ beside the clone, so the seed is found relative to the repo root.
SEED = REPO_ROOT.parent / "shared" / "seed" / "the-insecurity-cure.txt"
needs_seed = pytest.mark.skipif(not SEED.exists(), reason=f"the seed text is not at {SEED} (shared/ beside the repo)")

# The content format asks for a note on these too, where the seed recommends therapy.
CAUSES_WITH_PROFESSIONAL_NOTE = NEEDS_PROFESSIONAL_NOTE | {
    "childhood-criticism",
    "neglect",
    "chaotic-childhood",
    "discrimination",
}
COPY_WINDOW = 8  # this many consecutive seed words in our text counts as copying


# --- reading the seed --------------------------------------------------------------------------

QUOTE_LINE = re.compile(r"^\d+\.\s+“(?P<text>.+)”\s+—\s+(?P<author>.+)$")


def seed_lines() -> list[str]:
    return [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


def seed_manifestation_counts() -> dict[int, int]:
    """Bullets under "How It Manifests" for each "Root Cause N" of the seed."""
    counts: dict[int, int] = {}
    cause = None
    in_manifests = False
    for line in seed_lines():
        heading = re.match(r"Root Cause (\d+):", line)
        if heading:
            cause, in_manifests = int(heading.group(1)), False
            counts[cause] = 0
        elif line == "How It Manifests":
            in_manifests = True
        elif line in ("How to Heal It", "What It Is", "How It Creates Insecurity"):
            in_manifests = False
        elif in_manifests and cause is not None and line.startswith("- "):
            counts[cause] += 1
    return counts


def seed_quotes() -> list[tuple[str, str]]:
    return [(m["text"], m["author"]) for line in seed_lines() if (m := QUOTE_LINE.match(line))]


def words(text: str) -> list[str]:
    """Lower-case words with punctuation gone, so 'Don’t' and 'dont' compare equal."""
    text = text.lower().replace("’", "").replace("'", "")
    return re.findall(r"[a-z0-9]+", text)


def windows(text: str, size: int = COPY_WINDOW) -> set[tuple[str, ...]]:
    tokens = words(text)
    return {tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def all_strings(value: Any, where: str) -> list[tuple[str, str]]:
    """Every string in a TOML document, with a readable path to it."""
    if isinstance(value, str):
        return [(where, value)]
    if isinstance(value, dict):
        return [pair for key, item in value.items() for pair in all_strings(item, f"{where}.{key}")]
    if isinstance(value, list):
        return [pair for i, item in enumerate(value) for pair in all_strings(item, f"{where}[{i}]")]
    return []


def our_texts(include_quotes: bool = False) -> list[tuple[str, str]]:
    texts = []
    for path in sorted(DATA_DIR.rglob("*.toml")):
        if path.name == "quotes.toml" and not include_quotes:
            continue
        name = path.relative_to(DATA_DIR).as_posix()
        texts += all_strings(tomllib.loads(path.read_text(encoding="utf-8")), name)
    return texts


# --- completeness and ids ----------------------------------------------------------------------


def test_thirteen_causes_in_order_each_with_five_practices(library):
    assert [c.number for c in library.causes] == list(range(1, 14))
    assert all(len(c.practices) == 5 for c in library.causes)
    practice_ids = [p.id for p in library.practices]
    assert len(practice_ids) == 65
    assert len(set(practice_ids)) == 65


def test_practices_and_manifestations_belong_to_their_cause(library):
    for cause in library.causes:
        for practice in cause.practices:
            assert practice.cause_id == cause.id
            assert practice.id.startswith(f"{cause.id}.")
            assert library.practice(practice.id) is practice
        for manifestation in cause.manifestations:
            assert manifestation.cause_id == cause.id
            assert manifestation.id.startswith(f"{cause.id}.shows.")
        assert library.cause(cause.id) is cause


def test_every_id_in_the_library_is_unique(library):
    ids = [
        *(c.id for c in library.causes),
        *(m.id for c in library.causes for m in c.manifestations),
        *(p.id for p in library.practices),
        *(s.id for s in library.signs),
        *(d.id for d in library.distortions),
        *(q.id for q in library.quotes),
    ]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert duplicates == []


@needs_seed
def test_every_seed_manifestation_is_present(library):
    expected = seed_manifestation_counts()
    assert sorted(expected) == list(range(1, 14)), "the seed should name 13 root causes"
    actual = {c.number: len(c.manifestations) for c in library.causes}
    assert actual == expected


def test_introduction_journey_and_safety_are_complete(library):
    assert len(library.signs) == 10
    assert len(library.introduction.is_not) == 3
    assert len(library.journey) == 6
    assert library.visualisation and all(library.visualisation)
    assert len(library.quotes) == 20
    assert len(library.distortions) >= 10
    assert all(d.challenge.rstrip().endswith("?") for d in library.distortions), "a challenge is a question"
    for number in ("988", "116 123", "13 11 14", "741741", "112", "999", "000", "911"):
        assert number in library.safety.crisis_lines


def test_causes_that_need_it_recommend_professional_support(library):
    for cause_id in sorted(CAUSES_WITH_PROFESSIONAL_NOTE):
        note = library.cause(cause_id).professional_note
        assert note, f"{cause_id} needs a professional_note"
        assert re.search(r"therap|professional|counsell|specialist", note, re.IGNORECASE), cause_id
    assert "eating" in library.cause("body-shame").professional_note.lower()


def test_no_text_carries_markup():
    # Screens render content as plain text, but Rich markup or markdown in the data would still show as junk.
    offenders = [(where, text) for where, text in our_texts(include_quotes=True) if re.search(r"[\[\]*`#<>]", text)]
    assert offenders == []


def test_library_is_frozen(library):
    with pytest.raises(dataclasses.FrozenInstanceError):
        library.causes[0].title = "changed"  # type: ignore[misc]
    assert isinstance(library.causes, tuple) and isinstance(library.causes[0].practices, tuple)


# --- quotes ------------------------------------------------------------------------------------


@needs_seed
def test_quotes_are_the_seeds_twenty_with_their_authors(library):
    expected = seed_quotes()
    assert len(expected) == 20
    assert [(words(q.text), q.author) for q in library.quotes] == [(words(t), a) for t, a in expected]


def test_disputed_quotes_say_attributed_to(library):
    for quote in library.quotes:
        if quote.disputed:
            assert quote.attribution == f"attributed to {quote.author}"
        else:
            assert quote.attribution == quote.author


def test_known_misattributions_are_marked_disputed(library):
    # Each of these is widely documented as a paraphrase or misattribution.
    for quote in library.quotes:
        if quote.author in ("Buddha", "Rumi", "Ralph Waldo Emerson", "Eleanor Roosevelt", "Theodore Roosevelt"):
            assert quote.disputed, quote.text
        if "not what happened to me" in quote.text:
            assert quote.disputed, quote.text


# --- our own words -----------------------------------------------------------------------------


@needs_seed
def test_no_text_copies_the_seeds_prose():
    prose = [line for line in seed_lines() if not QUOTE_LINE.match(line)]
    seed_windows = set().union(*(windows(line) for line in prose))
    copied = [
        (where, " ".join(sorted(windows(text) & seed_windows)[0]))
        for where, text in our_texts()
        if windows(text) & seed_windows
    ]
    assert copied == [], f"these texts repeat {COPY_WINDOW}+ words of the seed verbatim"


# --- loading -----------------------------------------------------------------------------------


def test_default_library_is_loaded_once(library):
    assert load_library() is library
    assert load_library() is load_library()


def test_loads_quickly():
    # An explicit directory bypasses the cache, so this measures a real load.
    best = min(_timed(lambda: load_library(DATA_DIR)) for _ in range(5))
    assert best < 0.05, f"loading took {best * 1000:.1f} ms"


def _timed(action: Callable[[], object]) -> float:
    """CPU seconds this thread spent on ``action``: a busy machine's waits for a CPU do not count."""
    start = time.thread_time()
    action()
    return time.thread_time() - start
