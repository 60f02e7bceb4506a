"""Fixtures of the remind tests: a PATH and HOME of their own, a data folder, an encrypted one."""

from __future__ import annotations

from pathlib import Path

import pytest

from rootwork.state.store import Store
from rootwork.tui.cli import passphrase as cli_passphrase
from rootwork.tui.cli import remind
from tests.cli.remind.fakes import seed
from tests.encrypting import encrypt


@pytest.fixture
def bin_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A PATH holding only the fakes a test puts there; HOME a temporary folder; no passphrase, no keyring."""
    folder = tmp_path / "bin"
    folder.mkdir()
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("ROOTWORK_DATA_DIR", raising=False)
    monkeypatch.delenv(cli_passphrase.ENV_PASSPHRASE, raising=False)
    monkeypatch.setattr(cli_passphrase, "on_terminal", lambda: False)
    monkeypatch.setattr(cli_passphrase, "keyring_passphrase", lambda data_dir: None)
    # The optional package is never used here, installed or not: a fake that is not there.
    monkeypatch.setattr(remind, "desktop_notifier", lambda title, body: False)
    return folder


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def encrypted(data_dir: Path) -> Path:
    store = Store.open(data_dir)
    seed(data_dir, checked_in=True)
    encrypt(store)
    return data_dir
