"""The strict loader: every broken file is reported with the file and the field, nothing loads half."""

from __future__ import annotations

import json
import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rootwork.content import ContentError, load_library
from rootwork.content.loader import DATA_DIR


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # JSON string escapes are valid TOML basic-string escapes
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    raise TypeError(value)


def dump_toml(data: dict[str, Any]) -> str:
    """Just enough TOML writing for our flat files with arrays of tables."""
    lines, tables = [], []
    for key, value in data.items():
        if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            tables.append((key, value))
        else:
            lines.append(f"{key} = {_toml_value(value)}")
    for key, items in tables:
        for item in items:
            lines.append(f"\n[[{key}]]")
            lines += [f"{k} = {_toml_value(v)}" for k, v in item.items()]
    return "\n".join(lines) + "\n"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    return copy


def edit(data_dir: Path, name: str, change: Callable[[dict[str, Any]], None]) -> None:
    path = data_dir / name
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(dump_toml(data), encoding="utf-8")


def test_an_unchanged_copy_loads_as_a_separate_library(data_copy, library):
    copy = load_library(data_copy)
    assert copy is not library
    assert copy.causes == library.causes


def test_round_trip_writer_is_faithful(data_copy):
    # Guards the error tests below: a rewrite without changes must still load.
    for path in data_copy.rglob("*.toml"):
        edit(data_copy, path.relative_to(data_copy).as_posix(), lambda data: None)
    assert load_library(data_copy).causes == load_library().causes


PERFECTIONISM = "causes/09-perfectionism.toml"
TRAUMA = "causes/04-trauma.toml"


def _del(key: str) -> Callable[[dict], None]:
    return lambda data: data.pop(key)


BROKEN = {
    "missing practice field": (
        PERFECTIONISM,
        lambda d: d["practices"][2].pop("how"),
        "practices[2].how is missing",
    ),
    "empty text": (PERFECTIONISM, lambda d: d.update(summary="   "), "summary is empty"),
    "wrong type": (PERFECTIONISM, lambda d: d.update(number="nine"), "number should be a whole number"),
    "bool for number": (PERFECTIONISM, lambda d: d.update(number=True), "number should be a whole number"),
    "text as number": (PERFECTIONISM, lambda d: d["practices"][0].update(name=5), "practices[0].name should be text"),
    "four practices": (PERFECTIONISM, lambda d: d["practices"].pop(), "practices has 4 entries"),
    "six practices": (
        PERFECTIONISM,
        lambda d: d["practices"].append({**d["practices"][0], "id": "perfectionism.extra"}),
        "practices has 6 entries",
    ),
    "practice of another cause": (
        PERFECTIONISM,
        lambda d: d["practices"][1].update(id="failure.good-enough"),
        "practices[1].id 'failure.good-enough' should start with 'perfectionism.'",
    ),
    "slug with capitals": (
        PERFECTIONISM,
        lambda d: d["practices"][1].update(id="perfectionism.Good-Enough"),
        "practices[1].id",
    ),
    "slug of five words": (
        PERFECTIONISM,
        lambda d: d["manifestations"][0].update(id="perfectionism.shows.one-two-three-four-five"),
        "manifestations[0].id",
    ),
    "duplicate within a cause": (
        PERFECTIONISM,
        lambda d: d["practices"][4].update(id=d["practices"][3]["id"]),
        "practices[4].id",
    ),
    "id does not match file": (PERFECTIONISM, lambda d: d.update(id="perfection"), "id is 'perfection'"),
    "number does not match file": (PERFECTIONISM, lambda d: d.update(number=8), "number is 8"),
    "summary too long": (PERFECTIONISM, lambda d: d.update(summary="x" * 91), "summary is 91 characters"),
    "typo in a field name": (
        PERFECTIONISM,
        lambda d: d.update(profesional_note=d.pop("professional_note", "note")),
        "profesional_note is not a known field",
    ),
    "trauma without a professional note": (TRAUMA, _del("professional_note"), "professional_note is missing"),
    "nine signs": ("introduction.toml", lambda d: d["signs"].pop(), "signs has 9 entries"),
    "two is_not": ("introduction.toml", lambda d: d["is_not"].pop(), "is_not has 2 entries"),
    "sign renamed": ("introduction.toml", lambda d: d["signs"][0].update(id="doubt"), "signs[0].id is 'doubt'"),
    "five journey points": ("journey.toml", lambda d: d["points"].pop(), "points has 5 entries"),
    "empty visualisation": ("journey.toml", lambda d: d.update(visualisation=[]), "visualisation is empty"),
    "nineteen quotes": ("quotes.toml", lambda d: d["quotes"].pop(), "quotes has 19 entries"),
    "disputed as text": (
        "quotes.toml",
        lambda d: d["quotes"][3].update(disputed="yes"),
        "quotes[3].disputed should be true or false",
    ),
    "quote without author": ("quotes.toml", lambda d: d["quotes"][0].pop("author"), "quotes[0].author is missing"),
    "missing disclaimer": ("safety.toml", _del("disclaimer"), "disclaimer is missing"),
}


@pytest.mark.parametrize(("name", "change", "message"), list(BROKEN.values()), ids=list(BROKEN))
def test_broken_content_is_reported_with_file_and_field(data_copy, name, change, message):
    edit(data_copy, name, change)
    with pytest.raises(ContentError) as caught:
        load_library(data_copy)
    assert str(caught.value).startswith(f"{name}: ")
    assert message in str(caught.value)


def test_an_id_used_in_two_files_names_both(data_copy):
    edit(data_copy, "distortions.toml", lambda d: d["distortions"][0].update(id="self-doubt"))
    with pytest.raises(ContentError) as caught:
        load_library(data_copy)
    message = str(caught.value)
    assert "'self-doubt' is already used" in message
    assert "distortions.toml: distortions[0].id" in message
    assert "introduction.toml: signs[0].id" in message


def test_missing_file_is_named(data_copy):
    (data_copy / "safety.toml").unlink()
    with pytest.raises(ContentError, match=r"^safety\.toml: file is missing"):
        load_library(data_copy)


def test_missing_cause_file_is_named(data_copy):
    (data_copy / "causes" / "12-skill-gaps.toml").unlink()
    with pytest.raises(ContentError, match=r"^causes/: .*missing 12-skill-gaps\.toml"):
        load_library(data_copy)


def test_invalid_toml_is_named(data_copy):
    path = data_copy / "causes" / "01-childhood-criticism.toml"
    path.write_text('title = "twice"\n' + path.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ContentError, match=r"^causes/01-childhood-criticism\.toml: is not valid TOML"):
        load_library(data_copy)
