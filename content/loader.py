"""Read the TOML library in ``content/data``, validate every field, return frozen dataclasses.

Content is static and ships with the app, so the loader is strict: anything
missing, empty, mistyped, misnamed or miscounted is a ``ContentError`` whose
message names the file and the field (``causes/09-perfectionism.toml:
practices[2].how is missing``; list positions count from 0). A typo caught at
load time is far better than a blank panel on a user's hard day.
"""

from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path
from typing import Any

from rootwork.content.model import (
    Cause,
    Distortion,
    Introduction,
    JourneyPoint,
    Library,
    Manifestation,
    NotItem,
    PlanPart,
    Practice,
    Quote,
    Safety,
    Sign,
)

DATA_DIR = Path(__file__).parent / "data"

# The order is the seed's; the store keeps these ids, so they never change.
CAUSE_IDS = (
    "childhood-criticism",
    "bullying",
    "neglect",
    "trauma",
    "comparison",
    "failure",
    "chaotic-childhood",
    "discrimination",
    "perfectionism",
    "attachment",
    "body-shame",
    "skill-gaps",
    "purpose",
)
SIGN_IDS = (
    "self-doubt",
    "comparing",
    "fear-of-judgment",
    "deflecting-compliments",
    "proving-worth",
    "people-pleasing",
    "playing-small",
    "imposter-feeling",
    "jealousy",
    "distrust",
)
# Causes involving trauma, abuse or eating disorders must point to professional help, and so must
# lack of purpose: its lasting emptiness and "does anything matter" can be signs of depression.
NEEDS_PROFESSIONAL_NOTE = frozenset({"trauma", "attachment", "body-shame", "purpose"})

PRACTICES_PER_CAUSE = 5
IS_NOT_COUNT = 3
JOURNEY_POINT_COUNT = 6
QUOTE_COUNT = 20
#: A safety plan's parts: the six steps safety planning commonly uses, and reasons to keep going.
PLAN_PART_COUNT = 7

SUMMARY_MAX = 90
PRACTICE_NAME_MAX = 40
SIGN_TITLE_MAX = 30

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+){0,3}")
QUOTE_ID = re.compile(r"q\d{2}")
CAUSE_FILE = re.compile(r"(\d{2})-(.+)\.toml")
TOP_LEVEL_FILES = ("introduction.toml", "journey.toml", "quotes.toml", "distortions.toml", "safety.toml")


class ContentError(ValueError):
    """The content library is broken; the message names the file and the field."""


def load_library(data_dir: Path | None = None) -> Library:
    """Load and validate the library; the default directory is read once and cached."""
    if data_dir is None:
        return _load_default_library()
    return _load(Path(data_dir))


@functools.cache
def _load_default_library() -> Library:
    return _load(DATA_DIR)


class _Table:
    """A TOML table plus where it came from, so every error can say file and field."""

    def __init__(self, data: dict[str, Any], file: str, prefix: str = "") -> None:
        self.data = data
        self.file = file
        self.prefix = prefix
        self.used: set[str] = set()

    def where(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def error(self, key: str, problem: str) -> ContentError:
        return ContentError(f"{self.file}: {self.where(key)} {problem}")

    def _get(self, key: str) -> Any:
        self.used.add(key)
        if key not in self.data:
            raise self.error(key, "is missing")
        return self.data[key]

    def text(self, key: str, *, max_len: int | None = None) -> str:
        """A non-empty string with surrounding whitespace removed."""
        return _check_text(self, key, self._get(key), max_len)

    def optional_text(self, key: str) -> str | None:
        """A string that may be absent, but is not empty when present."""
        if key not in self.data:
            self.used.add(key)
            return None
        return self.text(key)

    def integer(self, key: str) -> int:
        value = self._get(key)
        # bool is an int subclass; `number = true` is still a mistake.
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(key, f"should be a whole number, not {_kind(value)}")
        return value

    def boolean(self, key: str) -> bool:
        value = self._get(key)
        if not isinstance(value, bool):
            raise self.error(key, f"should be true or false, not {_kind(value)}")
        return value

    def slug(self, key: str, prefix: str = "") -> str:
        """An id of the form ``<prefix><1-4 lowercase words joined by '-'>``."""
        value = self.text(key)
        if not value.startswith(prefix):
            raise self.error(key, f"{value!r} should start with {prefix!r}")
        if not SLUG.fullmatch(value[len(prefix) :]):
            raise self.error(key, f"{value!r} should be {prefix}<1-4 lowercase words joined by '-'>")
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        """A non-empty list of non-empty strings."""
        value = self._get(key)
        if not isinstance(value, list):
            raise self.error(key, f"should be a list of text, not {_kind(value)}")
        if not value:
            raise self.error(key, "is empty")
        return tuple(_check_text(self, f"{key}[{i}]", item, None) for i, item in enumerate(value))

    def tables(self, key: str, *, count: int | None = None) -> list[_Table]:
        """An array of tables (``[[key]]``), optionally of an exact length."""
        value = self._get(key)
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise self.error(key, f"should be a list of tables written as [[{key}]]")
        if not value:
            raise self.error(key, "is empty")
        if count is not None and len(value) != count:
            raise self.error(key, f"has {len(value)} entries; exactly {count} are needed")
        return [_Table(item, self.file, f"{self.where(key)}[{i}].") for i, item in enumerate(value)]

    def finish(self) -> None:
        """Reject fields nobody reads: usually a typo of a real one."""
        for key in self.data:
            if key not in self.used:
                raise self.error(key, "is not a known field")


def _check_text(table: _Table, key: str, value: object, max_len: int | None) -> str:
    if not isinstance(value, str):
        raise table.error(key, f"should be text, not {_kind(value)}")
    value = value.strip()
    if not value:
        raise table.error(key, "is empty")
    if max_len is not None and len(value) > max_len:
        raise table.error(key, f"is {len(value)} characters; at most {max_len} fit")
    return value


def _kind(value: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list", dict: "a table"}
    return names.get(type(value), type(value).__name__)


class _Ids:
    """Every id in the library must be unique, across files as well as within one."""

    def __init__(self) -> None:
        self.seen: dict[str, str] = {}

    def claim(self, table: _Table, key: str, value: str) -> None:
        place = f"{table.file}: {table.where(key)}"
        if value in self.seen:
            raise ContentError(f"{place} {value!r} is already used at {self.seen[value]}")
        self.seen[value] = place


def _read(data_dir: Path, name: str) -> _Table:
    path = data_dir / name
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise ContentError(f"{name}: file is missing from {data_dir}") from None
    except tomllib.TOMLDecodeError as error:
        raise ContentError(f"{name}: is not valid TOML ({error})") from None
    return _Table(data, name)


def _load(data_dir: Path) -> Library:
    if not data_dir.is_dir():
        raise ContentError(f"{data_dir}: content directory is missing")
    unknown = sorted(p.name for p in data_dir.glob("*.toml") if p.name not in TOP_LEVEL_FILES)
    if unknown:
        raise ContentError(f"{unknown[0]}: is not a known content file (expected {', '.join(TOP_LEVEL_FILES)})")
    ids = _Ids()
    causes = _load_causes(data_dir, ids)
    introduction = _load_introduction(_read(data_dir, "introduction.toml"), ids)
    journey_intro, visualisation, journey = _load_journey(_read(data_dir, "journey.toml"))
    quotes = _load_quotes(_read(data_dir, "quotes.toml"), ids)
    distortions = _load_distortions(_read(data_dir, "distortions.toml"), ids)
    safety = _load_safety(_read(data_dir, "safety.toml"))
    return Library(
        introduction=introduction,
        causes=causes,
        journey_intro=journey_intro,
        journey=journey,
        visualisation=visualisation,
        quotes=quotes,
        distortions=distortions,
        safety=safety,
    )


def _load_causes(data_dir: Path, ids: _Ids) -> tuple[Cause, ...]:
    folder = data_dir / "causes"
    files = sorted(folder.glob("*.toml"))
    found = [p.name for p in files]
    expected = [f"{n:02d}-{cause_id}.toml" for n, cause_id in enumerate(CAUSE_IDS, start=1)]
    if found != expected:
        missing = [name for name in expected if name not in found]
        extra = [name for name in found if name not in expected]
        detail = "; ".join(
            part
            for part in (
                f"missing {', '.join(missing)}" if missing else "",
                f"unexpected {', '.join(extra)}" if extra else "",
            )
            if part
        )
        raise ContentError(f"causes/: needs the {len(CAUSE_IDS)} files {expected[0]} .. {expected[-1]} ({detail})")
    return tuple(_load_cause(_read(data_dir, f"causes/{p.name}"), p.name, ids) for p in files)


def _load_cause(table: _Table, filename: str, ids: _Ids) -> Cause:
    match = CAUSE_FILE.fullmatch(filename)
    assert match is not None  # the file list was checked against CAUSE_IDS already
    file_number, file_id = int(match.group(1)), match.group(2)

    cause_id = table.slug("id")
    if cause_id != file_id:
        raise table.error("id", f"is {cause_id!r} but the file name says {file_id!r}")
    ids.claim(table, "id", cause_id)
    number = table.integer("number")
    if number != file_number:
        raise table.error("number", f"is {number} but the file name says {file_number}")

    manifestations = []
    for item in table.tables("manifestations"):
        manifestation_id = item.slug("id", prefix=f"{cause_id}.shows.")
        ids.claim(item, "id", manifestation_id)
        manifestations.append(Manifestation(id=manifestation_id, cause_id=cause_id, text=item.text("text")))
        item.finish()

    practices = []
    for item in table.tables("practices", count=PRACTICES_PER_CAUSE):
        practice_id = item.slug("id", prefix=f"{cause_id}.")
        if practice_id.startswith(f"{cause_id}.shows."):
            # `.shows.` belongs to manifestations; a practice there would confuse the two.
            raise item.error("id", f"{practice_id!r} looks like a manifestation id")
        ids.claim(item, "id", practice_id)
        practices.append(
            Practice(
                id=practice_id,
                cause_id=cause_id,
                name=item.text("name", max_len=PRACTICE_NAME_MAX),
                how=item.text("how"),
            )
        )
        item.finish()

    professional_note = table.optional_text("professional_note")
    if professional_note is None and cause_id in NEEDS_PROFESSIONAL_NOTE:
        raise table.error("professional_note", f"is missing; {cause_id} must recommend professional support")

    cause = Cause(
        id=cause_id,
        number=number,
        title=table.text("title"),
        summary=table.text("summary", max_len=SUMMARY_MAX),
        what_it_is=table.text("what_it_is"),
        how_it_creates=table.text("how_it_creates"),
        manifestations=tuple(manifestations),
        practices=tuple(practices),
        professional_note=professional_note,
    )
    table.finish()
    return cause


def _load_introduction(table: _Table, ids: _Ids) -> Introduction:
    signs = []
    items = table.tables("signs", count=len(SIGN_IDS))
    for item, expected_id in zip(items, SIGN_IDS, strict=False):
        sign_id = item.slug("id")
        if sign_id != expected_id:
            raise item.error("id", f"is {sign_id!r}; the signs must be {', '.join(SIGN_IDS)} in that order")
        ids.claim(item, "id", sign_id)
        signs.append(Sign(id=sign_id, title=item.text("title", max_len=SIGN_TITLE_MAX), text=item.text("text")))
        item.finish()

    is_not = []
    for item in table.tables("is_not", count=IS_NOT_COUNT):
        is_not.append(NotItem(title=item.text("title"), text=item.text("text")))
        item.finish()

    introduction = Introduction(
        opening=table.text("opening"),
        what_it_is=table.text("what_it_is"),
        signs=tuple(signs),
        is_not=tuple(is_not),
        root_cause_approach=table.text("root_cause_approach"),
    )
    table.finish()
    return introduction


def _load_journey(table: _Table) -> tuple[str, tuple[str, ...], tuple[JourneyPoint, ...]]:
    intro = table.text("intro")
    visualisation = table.texts("visualisation")
    points = []
    for item in table.tables("points", count=JOURNEY_POINT_COUNT):
        points.append(JourneyPoint(title=item.text("title"), text=item.text("text")))
        item.finish()
    table.finish()
    return intro, visualisation, tuple(points)


def _load_quotes(table: _Table, ids: _Ids) -> tuple[Quote, ...]:
    quotes = []
    for item in table.tables("quotes", count=QUOTE_COUNT):
        quote_id = item.text("id")
        if not QUOTE_ID.fullmatch(quote_id):
            raise item.error("id", f"{quote_id!r} should look like q01")
        ids.claim(item, "id", quote_id)
        quotes.append(
            Quote(id=quote_id, text=item.text("text"), author=item.text("author"), disputed=item.boolean("disputed"))
        )
        item.finish()
    table.finish()
    return tuple(quotes)


def _load_distortions(table: _Table, ids: _Ids) -> tuple[Distortion, ...]:
    distortions = []
    for item in table.tables("distortions"):
        distortion_id = item.slug("id")
        ids.claim(item, "id", distortion_id)
        distortions.append(
            Distortion(
                id=distortion_id,
                name=item.text("name"),
                explanation=item.text("explanation"),
                challenge=item.text("challenge"),
            )
        )
        item.finish()
    table.finish()
    return tuple(distortions)


def _load_safety(table: _Table) -> Safety:
    parts = []
    for item in table.tables("plan_parts", count=PLAN_PART_COUNT):
        parts.append(PlanPart(id=item.slug("id"), title=item.text("title"), prompt=item.text("prompt")))
        item.finish()
    if len({part.id for part in parts}) != len(parts):
        raise table.error("plan_parts", "two parts share an id")
    safety = Safety(
        disclaimer=table.text("disclaimer"),
        professional_help=table.text("professional_help"),
        crisis_lines=table.text("crisis_lines"),
        plan_parts=tuple(parts),
    )
    table.finish()
    return safety
