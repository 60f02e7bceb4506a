"""How strong a new passphrase is, and four random words to suggest instead.

``weakness`` says, in one plain sentence, why a passphrase is easy to guess
(or ``None`` when it is fine); ``suggestion`` draws four distinct words from
``content/data/words.txt`` with the system's secure random source.

With 2,798 words, a suggestion carries ``SUGGESTION_BITS``, about 45.8 bits:
log2 of the number of ordered draws of four distinct words, n(n-1)(n-2)(n-3),
a hair under 4 * log2(n). (tests/state/test_strength.py keeps these two
numbers in step with the list.)

Pure logic: no Textual, no network. Lengths count characters after NFC
normalisation, so an accented letter typed either way counts once.
"""

from __future__ import annotations

import functools
import importlib.resources
import math
import random
import re
import secrets
import unicodedata

__all__ = [
    "COMMON_PASSWORDS",
    "MIN_LENGTH",
    "SUGGESTION_BITS",
    "SUGGESTION_WORDS",
    "suggestion",
    "weakness",
    "word_list",
]

#: Shorter than this is weak, whatever it is made of.
MIN_LENGTH = 12
#: Under this length, a passphrase of one kind of character only (all lowercase, all digits...) is weak.
ONE_KIND_LENGTH = 16
SUGGESTION_WORDS = 4

EMPTY = "It is empty or only spaces, which anyone could guess."
REPEATED_CHARACTER = "It is one character repeated, which is among the first things a guesser tries."
RUN = "It is a simple run like 123456, abcdef or qwerty, which is among the first things a guesser tries."
COMMON = "It is built on one of the most common passwords, which guessers always try first."
REPEATED = "It is one word or pattern repeated, which is barely harder to guess than writing it once."
SHORT = f"It is shorter than {MIN_LENGTH} characters, short enough for a computer to try every combination."
ONE_KIND = (
    f"It uses only one kind of character and is shorter than {ONE_KIND_LENGTH} characters, "
    "which makes it quicker to guess."
)

# Rows and runs a guesser tries, forwards and backwards, wrapping round (7890123).
_SEQUENCES = (
    "abcdefghijklmnopqrstuvwxyz",
    "0123456789",
    "1234567890",
    "qwertyuiopasdfghjklzxcvbnm",  # the letter rows one after another
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "qwertzuiop",
    "azertyuiop",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
    "1q2w3e4r5t6y7u8i9o0p",
)

# Digits, symbols and spaces (ASCII): stripped from both ends to find the password in "password123!".
_NOT_LETTERS = "".join(chr(code) for code in range(128) if not chr(code).isalpha())

#: The most common passwords and phrases, lowercased and without spaces. Each also
#: counts with digits or symbols before or after it ("password123", "!qwerty").
COMMON_PASSWORDS = frozenset(
    """
    123456 password 123456789 12345678 12345 qwerty 1234567 111111 1234567890 123123
    abc123 1234 password1 iloveyou 1q2w3e4r 000000 qwerty123 zaq12wsx dragon sunshine
    princess letmein 654321 monkey 1qaz2wsx 123321 qwertyuiop superman asdfghjkl trustno1
    welcome football baseball master shadow michael jennifer hunter hunter2 batman
    starwars freedom whatever charlie jordan harley ranger buster soccer hockey
    killer george andrew thomas pepper summer ginger cheese computer internet
    login admin administrator passw0rd p@ssw0rd p@ssword secret love lovely flower hello
    hellokitty pokemon naruto chocolate butterfly purple samsung google matrix mustang
    maggie bailey daniel jessica ashley nicole tigger cookie access 666666
    888888 121212 7777777 987654321 qazwsx mypassword changeme default guest
    loveme angel babygirl blink182 liverpool chelsea arsenal michelle
    passphrase mypassphrase secretpassword opensesame correcthorsebatterystaple
    thequickbrownfoxjumpsoverthelazydog letmeinplease nopassword rootwork
    """.split()
)


@functools.cache
def word_list() -> tuple[str, ...]:
    """The suggestion words, one a line in ``content/data/words.txt``, read once."""
    text = (importlib.resources.files("rootwork.content") / "data" / "words.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip())


#: The entropy of one ``suggestion`` in bits, as the module's docstring states it.
SUGGESTION_BITS = math.log2(math.perm(len(word_list()), SUGGESTION_WORDS))


def suggestion(rng: random.Random | None = None) -> str:
    """Four distinct words from the list, joined by spaces, drawn with ``secrets.SystemRandom`` unless ``rng`` is given.

    A suggestion is never ``weakness``-weak: four words of three letters or more
    make 15 characters or more, of two kinds (letters and spaces), all different.
    """
    chooser = rng if rng is not None else secrets.SystemRandom()
    return " ".join(chooser.sample(word_list(), SUGGESTION_WORDS))


def weakness(passphrase: str) -> str | None:
    """One short sentence saying why ``passphrase`` is easy to guess, or ``None`` when it is fine.

    The first reason that applies: empty, one character repeated, a simple
    run, a common password, a word repeated, too short, one kind of character.
    """
    text = unicodedata.normalize("NFC", passphrase)
    if not text.strip():
        return EMPTY
    core = "".join(text.casefold().split())
    if len(core) >= 3 and len(set(core)) == 1:
        return REPEATED_CHARACTER
    if len(core) >= 3 and _is_run(core):
        return RUN
    if core in COMMON_PASSWORDS or core.strip(_NOT_LETTERS) in COMMON_PASSWORDS:
        return COMMON
    if _is_repeated(text.casefold()):
        return REPEATED
    if len(text) < MIN_LENGTH:
        return SHORT
    if len(text) < ONE_KIND_LENGTH and len({_kind(character) for character in text}) == 1:
        return ONE_KIND
    return None


def _is_run(core: str) -> bool:
    """``core`` is a stretch of one of the sequences, forwards or backwards, possibly wrapping round."""
    for sequence in _SEQUENCES:
        looped = sequence * (len(core) // len(sequence) + 2)
        if core in looped or core in looped[::-1]:
            return True
    return False


def _is_repeated(lowered: str) -> bool:
    """The same word said over (``sunshine sunshine``), or one piece repeated with nothing between (``abcabc``)."""
    words = re.findall(r"\w+", lowered)
    if len(words) >= 2:
        return len(set(words)) == 1
    return re.fullmatch(r"(.{2,}?)\1+", lowered.strip()) is not None


def _kind(character: str) -> str:
    if character.islower():
        return "lowercase"
    if character.isupper():
        return "uppercase"
    if character.isalpha():
        return "letter"  # letters without case: 漢字, ا...
    if character.isdigit():
        return "digit"
    return "other"  # spaces, punctuation, symbols
