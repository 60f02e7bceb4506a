"""Conflict-copy names of Syncthing, Dropbox and Nextcloud, and names that only look like them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rootwork.state.sync.names import conflict_copies, conflict_style


@pytest.mark.parametrize(
    ("name", "style"),
    [
        ("rootwork.sync-conflict-20260301-081500-ABCDEF7.json", "Syncthing"),
        ("rootwork.sync-conflict-20251231-235959-Z2Z2Z2Z.json", "Syncthing"),
        ("rootwork (Ana's conflicted copy 2026-03-01).json", "Dropbox"),
        ("rootwork (Ana Lima’s conflicted copy 2026-03-01).json", "Dropbox"),
        ("rootwork (Ana's conflicted copy 2026-03-01) (1).json", "Dropbox"),
        ("rootwork (Ana's conflicted copy 2026-03-01 (2)).json", "Dropbox"),
        ("rootwork (conflicted copy 2026-03-01 081500).json", "Nextcloud"),
        ("rootwork (conflicted copy ana 2026-03-01 081500).json", "Nextcloud"),
    ],
)
def test_each_style_is_known(name: str, style: str) -> None:
    assert conflict_style(name) == style


@pytest.mark.parametrize(
    "name",
    [
        "rootwork.json",
        "rootwork.broken-20260301T081500Z.json",  # our own kept-aside copy
        "rootwork.sync-conflict-20260301-081500-ABCDEF7.json.tmp",
        "rootwork.sync-conflict-20260301-081500-abcdef7.json",  # device ids are upper case
        "rootwork.sync-conflict-20260230-081500-ABCDEF7.json",  # 30 February
        "rootwork.sync-conflict-20260301-256000-ABCDEF7.json",  # no such time
        "other.sync-conflict-20260301-081500-ABCDEF7.json",
        "rootwork (Ana's conflicted copy 2026-13-01).json",
        "rootwork (Ana's copy 2026-03-01).json",
        "rootwork (Ana's conflicted copy 2026-03-01).json.part",
        "rootwork (conflicted copy 2026-03-01).json",  # Nextcloud always has a time
        "rootwork (conflicted copy 2026-03-01 0815).json",
        ".rootwork-x1y2.json",
        "backups",
    ],
)
def test_near_misses_are_not_conflict_copies(name: str) -> None:
    assert conflict_style(name) is None


def test_only_regular_files_beside_the_journal_count(tmp_path: Path) -> None:
    good = tmp_path / "rootwork (conflicted copy 2026-03-01 081500).json"
    good.write_text("{}")
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text("{}")
    os.symlink(elsewhere, tmp_path / "rootwork.sync-conflict-20260301-081500-ABCDEF7.json")
    (tmp_path / "rootwork (Ana's conflicted copy 2026-03-01).json").mkdir()
    fifo = tmp_path / "rootwork.sync-conflict-20260302-081500-ABCDEF7.json"
    os.mkfifo(fifo)
    (tmp_path / "rootwork.json").write_text("{}")
    assert conflict_copies(tmp_path) == [good]


def test_a_missing_folder_has_no_copies(tmp_path: Path) -> None:
    assert conflict_copies(tmp_path / "nowhere") == []
