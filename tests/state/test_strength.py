"""A new passphrase's strength: why one is weak, four random words to suggest, and the word list behind them."""

from __future__ import annotations

import math
import random
import re
import tomllib
import unicodedata
from pathlib import Path

import pytest

from rootwork.state.encryption import strength
from rootwork.state.encryption.strength import (
    COMMON,
    EMPTY,
    ONE_KIND,
    REPEATED,
    REPEATED_CHARACTER,
    RUN,
    SHORT,
    SUGGESTION_BITS,
    suggestion,
    weakness,
    word_list,
)

REPO_ROOT = Path(__file__).parents[2]
WORDS_FILE = REPO_ROOT / "content" / "data" / "words.txt"

# Words a mental-health app must never suggest; none of them is in the list.
FORBIDDEN = {
    "death",
    "dead",
    "die",
    "dying",
    "kill",
    "suicide",
    "pain",
    "fail",
    "failure",
    "hurt",
    "harm",
    "sad",
    "cry",
    "tears",
    "grief",
    "lonely",
    "alone",
    "empty",
    "hate",
    "blood",
    "knife",
    "blade",
    "gun",
    "rope",
    "pill",
    "drunk",
    "drug",
    "grave",
    "coffin",
    "bury",
    "ghost",
    "wound",
    "scar",
    "cut",
    "bleed",
    "sick",
    "panic",
    "fear",
    "shame",
    "guilt",
    "blame",
    "anger",
    "crazy",
    "insane",
    "psycho",
    "mad",
    "nuts",
    "stupid",
    "dumb",
    "ugly",
    "fat",
    "thin",
    "diet",
    "weigh",
    "loser",
    "worthless",
    "useless",
    "broken",
    "lost",
    "cliff",
    "poison",
    "toxic",
    "war",
    "bomb",
    "shoot",
    "bullet",
    "prison",
    "cage",
    "trap",
    "devil",
    "hell",
    "demon",
    "beer",
    "wine",
    "vodka",
    "smoke",
    "cigar",
    "bet",
    "sex",
    "naked",
}


@pytest.mark.parametrize(
    ("passphrase", "reason"),
    [
        ("", EMPTY),
        (" ", EMPTY),
        ("\t\n   ", EMPTY),
        ("kitten", SHORT),
        ("Ab3$xy", SHORT),
        ("Sun & moon", SHORT),
        ("aaaaaaaaaaaaaaaa", REPEATED_CHARACTER),
        ("1111111111111111", REPEATED_CHARACTER),
        ("ZZZZ ZZZZ ZZZZ ZZZZ", REPEATED_CHARACTER),
        ("123456789012", RUN),
        ("abcdefghijklmnop", RUN),
        ("qwertyuiopasdf", RUN),
        ("9876543210987", RUN),
        ("zyxwvutsrqpo", RUN),
        ("1q2w3e4r5t6y7u", RUN),
        ("1qaz2wsx3edc4rfv", RUN),
        ("123 456 789 012", RUN),
        ("abc", RUN),
        ("password", COMMON),
        ("Password123", COMMON),
        ("password123!", COMMON),
        ("2024password", COMMON),
        ("P@ssw0rd", COMMON),
        ("iloveyou", COMMON),
        ("I love you", COMMON),
        ("Correct Horse Battery Staple", COMMON),
        ("letmein2024", COMMON),
        ("trustno1", COMMON),
        ("Sunshine99999999", COMMON),
        ("sunshine sunshine", REPEATED),
        ("Biscuit-biscuit-biscuit", REPEATED),
        ("lamp lamp lamp lamp", REPEATED),
        ("abcabcabcabcabc", REPEATED),
        ("catcatcatcatcat", REPEATED),
        ("purplecactus", ONE_KIND),
        ("PURPLECACTUSES", ONE_KIND),
        ("19283746501928", ONE_KIND),
        ("éléphantsroses", ONE_KIND),
    ],
)
def test_weak_passphrases_say_why(passphrase: str, reason: str):
    assert weakness(passphrase) == reason


@pytest.mark.parametrize(
    "passphrase",
    [
        "Purple cactus lamp",
        "Tr4vel-b1scuit-lamp",
        "purplecactuslamps",  # one kind of character, but 17 long
        "meadow violin 7 sparrows",
        "Crème brûlée au thé",
        "correct horse battery",  # part of the famous phrase is not the phrase
    ],
)
def test_long_mixed_passphrases_are_fine(passphrase: str):
    assert weakness(passphrase) is None


def test_length_counts_characters_after_nfc():
    """An accented letter typed as a letter and a combining mark counts as one character."""
    composed = "Crème brûlé"  # 11 characters
    decomposed = unicodedata.normalize("NFD", composed)
    assert len(decomposed) > strength.MIN_LENGTH > len(composed)
    assert weakness(composed) == weakness(decomposed) == SHORT
    assert weakness(unicodedata.normalize("NFD", "Crème brûlée au thé")) is None


def test_every_reason_is_one_short_plain_sentence():
    for reason in (EMPTY, SHORT, REPEATED_CHARACTER, RUN, COMMON, REPEATED, ONE_KIND):
        assert reason.startswith("It ") and reason.endswith(".") and reason.count(".") == 1
        assert "\n" not in reason and len(reason) <= 110
    assert "12 characters" in SHORT and "16 characters" in ONE_KIND


def test_common_passwords_are_lowercase_without_spaces():
    assert len(strength.COMMON_PASSWORDS) >= 100
    for password in strength.COMMON_PASSWORDS:
        assert password == password.casefold() and not any(c.isspace() for c in password)


def test_a_suggestion_is_four_distinct_words_from_the_list():
    words = set(word_list())
    rng = random.Random(2024)
    for _ in range(500):
        drawn = suggestion(rng).split(" ")
        assert len(drawn) == 4 == len(set(drawn))
        assert set(drawn) <= words


def test_a_seeded_suggestion_is_repeatable():
    assert suggestion(random.Random(7)) == suggestion(random.Random(7))
    assert suggestion(random.Random(7)) != suggestion(random.Random(8))


def test_a_suggestion_draws_with_the_system_random_source_by_default(monkeypatch: pytest.MonkeyPatch):
    made: list[random.Random] = []

    def system_random() -> random.Random:
        made.append(random.Random(11))
        return made[-1]

    monkeypatch.setattr(strength.secrets, "SystemRandom", system_random)
    assert suggestion() == suggestion(random.Random(11))
    assert len(made) == 1


def test_a_suggestion_without_a_seed_is_four_words():
    drawn = suggestion().split(" ")
    assert len(set(drawn)) == 4 and set(drawn) <= set(word_list())


def test_a_suggestion_is_never_weak():
    rng = random.Random(99)
    for _ in range(3000):
        text = suggestion(rng)
        assert weakness(text) is None, text
    shortest = sorted(word_list(), key=len)[:4]
    assert weakness(" ".join(shortest)) is None


def test_no_word_is_a_run_so_no_four_of_them_make_one():
    """Every stretch of a run is a run: words that are not runs cannot make one together."""
    for word in word_list():
        assert weakness(word) not in (RUN, REPEATED_CHARACTER), word


def test_no_common_password_is_four_words_of_the_list():
    words = set(word_list())

    def splits(text: str, parts: int) -> bool:
        if parts == 1:
            return text in words
        return any(text[:end] in words and splits(text[end:], parts - 1) for end in range(3, 9))

    assert not [password for password in strength.COMMON_PASSWORDS if splits(password, 4)]


def test_the_word_list_is_long_plain_and_kind():
    words = word_list()
    assert len(words) >= 2048
    assert len(set(words)) == len(words)
    assert all(re.fullmatch(r"[a-z]{3,8}", word) for word in words)
    assert not FORBIDDEN & set(words)


def test_the_word_list_file_is_sorted_one_word_a_line():
    assert WORDS_FILE.read_text(encoding="utf-8") == "\n".join(sorted(word_list())) + "\n"


def test_the_word_list_ships_with_the_package():
    package_data = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"
    ]
    assert "data/*.txt" in package_data["rootwork.content"]


def test_the_entropy_of_a_suggestion_matches_the_list():
    n = len(word_list())
    assert SUGGESTION_BITS == math.log2(math.perm(n, 4))
    assert SUGGESTION_BITS == pytest.approx(4 * math.log2(n), abs=0.01)
    assert SUGGESTION_BITS >= 44


def test_the_docstring_states_the_list_length_and_the_entropy():
    doc = strength.__doc__ or ""
    assert f"{len(word_list()):,} words" in doc
    assert f"about {SUGGESTION_BITS:.1f} bits" in doc
