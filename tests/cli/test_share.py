"""`rootwork share` (issue 30): chosen records from chosen days, as Markdown only the recipient's age key opens."""

from __future__ import annotations

import os
import stat
from datetime import timedelta
from pathlib import Path

import pyrage
import pytest

from rootwork.state.records.model import Checkin, Reframe
from rootwork.state.records.safety_plan import SafetyPlan
from rootwork.state.store import Store
from tests.cli.terminal import Terminal
from tests.cli.test_cli import TODAY, data_dir, run

__all__ = ["data_dir"]  # the fixture, shared with test_cli

THERAPIST = pyrage.x25519.Identity.generate()
PUBLIC = str(THERAPIST.to_public())


def journal(data_dir: Path) -> None:
    store = Store.open(data_dir)
    for n, note in enumerate(["three days ago", "two days ago", "yesterday"]):
        store.save_checkin(Checkin(day=TODAY - timedelta(days=3 - n), mood=3, intensity=4 + n, note=note))
    store.save_reframe(Reframe(critic="critic two days ago", reframe="kinder"), TODAY - timedelta(days=2))
    store.save_safety_plan(SafetyPlan(parts={"reasons": "plan-words"}), TODAY)


def opened(path: Path) -> str:
    return pyrage.decrypt(path.read_bytes(), [THERAPIST]).decode("utf-8")


def test_only_the_chosen_kinds_and_days_are_in_it_and_only_the_recipient_opens_it(
    data_dir: Path, tmp_path: Path, capsys
) -> None:
    journal(data_dir)
    out = tmp_path / "for-my-therapist.age"
    day = (TODAY - timedelta(days=2)).isoformat()
    assert (
        run(
            data_dir,
            "share",
            "--recipient",
            PUBLIC,
            "--since",
            day,
            "--until",
            day,
            "--what",
            "checkins",
            "-o",
            str(out),
        )
        == 0
    )
    printed = capsys.readouterr().out
    assert "1 check-in" in printed and "two days ago" not in printed  # counts and days, never words
    text = opened(out)
    assert "two days ago" in text
    assert "three days ago" not in text and "yesterday" not in text
    assert "critic two days ago" not in text and "plan-words" not in text and "## Reframes" not in text
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    with pytest.raises(pyrage.DecryptError):
        pyrage.decrypt(out.read_bytes(), [pyrage.x25519.Identity.generate()])
    assert b"two days ago" not in out.read_bytes()


def test_the_safety_plan_goes_in_only_when_named(data_dir: Path, tmp_path: Path) -> None:
    journal(data_dir)
    out = tmp_path / "share.age"
    assert run(data_dir, "share", "--recipient", PUBLIC, "-o", str(out)) == 0
    assert "critic two days ago" in opened(out) and "plan-words" not in opened(out)
    assert run(data_dir, "share", "--recipient", PUBLIC, "--what", "reframes,safety-plan", "-o", str(out)) == 0
    text = opened(out)
    assert "plan-words" in text and "critic two days ago" in text and "yesterday" not in text


def test_a_recipient_file_takes_keys_a_line_with_comments(data_dir: Path, tmp_path: Path) -> None:
    journal(data_dir)
    keys = tmp_path / "keys.txt"
    keys.write_text(f"# my therapist\n\n{PUBLIC}\n")
    out = tmp_path / "share.age"
    assert run(data_dir, "share", "--recipient-file", str(keys), "-o", str(out)) == 0
    assert "yesterday" in opened(out)


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--recipient", "age1notakey"], "--recipient: 'age1notakey' is not a valid recipient"),
        (["--recipient", "bob@example.com"], "is not an age public key"),
        ([], "a share needs --recipient"),
        (["--recipient-file", "missing.txt"], "there is no such file"),
        (["--recipient-file", "."], "it is not a regular file"),
        (["--recipient", PUBLIC, "--what", "notes"], "--what takes checkins, reframes, practices, safety-plan"),
        (["--recipient", PUBLIC, "--since", "2026-11-20", "--until", "2026-11-10"], "--since is after --until"),
        (["--recipient", PUBLIC, "--since", "2020-01-01", "--until", "2020-01-31"], "nothing of that kind"),
    ],
)
def test_bad_input_gets_one_line_and_exit_2(
    data_dir: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch, argv: list, said: str
) -> None:
    journal(data_dir)
    out = tmp_path / "share.age"
    monkeypatch.chdir(tmp_path)
    assert run(data_dir, "share", *argv, "-o", str(out)) == 2
    err = capsys.readouterr().err
    assert said in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_a_secret_key_given_as_recipient_is_refused_without_being_printed(
    data_dir: Path, tmp_path: Path, capsys
) -> None:
    secret = str(THERAPIST)
    assert run(data_dir, "share", "--recipient", secret, "-o", str(tmp_path / "x.age")) == 2
    captured = capsys.readouterr()
    assert "private key" in captured.err and secret not in captured.err + captured.out


def test_a_fifo_as_recipient_file_is_refused_without_hanging(data_dir: Path, tmp_path: Path, capsys) -> None:
    fifo = tmp_path / "keys"
    os.mkfifo(fifo)
    assert run(data_dir, "share", "--recipient-file", str(fifo), "-o", str(tmp_path / "x.age")) == 2
    assert "not a regular file" in capsys.readouterr().err


def test_on_a_terminal_it_says_what_goes_in_and_asks_first(data_dir: Path, tmp_path: Path) -> None:
    journal(data_dir)
    out = tmp_path / "share.age"
    term = Terminal(data_dir, "share", "--recipient", PUBLIC, "-o", str(out))
    shown = term.answer("Write it?", "")  # enter: the safe answer, no
    assert "3 check-ins" in shown and "1 thought record" in shown
    assert term.finish() == 1 and not out.exists()
    term = Terminal(data_dir, "share", "--recipient", PUBLIC, "-o", str(out))
    term.answer("Write it?", "y")
    assert term.finish() == 0 and "yesterday" in opened(out)
    term = Terminal(data_dir, "share", "--recipient", PUBLIC, "--yes", "-o", str(out))
    assert term.finish() == 0 and "Write it?" not in term.transcript


@pytest.mark.parametrize("name", ["identity.age", "backups/x.age", "rootwork-share.age"])
def test_a_share_is_never_written_inside_the_journals_folder(data_dir: Path, capsys, name: str) -> None:
    """Found in review: -o identity.age replaced the journal's key and locked the person out."""
    journal(data_dir)
    (data_dir / "backups").mkdir(exist_ok=True)
    assert run(data_dir, "share", "--recipient", PUBLIC, "-o", str(data_dir / name)) == 2
    assert "inside your journal's folder" in capsys.readouterr().err
    assert not (data_dir / name).exists()


def test_a_secret_key_behind_an_invisible_character_is_still_refused_unprinted(
    data_dir: Path, tmp_path: Path, capsys
) -> None:
    """Found in review: a zero-width space or a BOM in front hid the key from the check, and it was echoed."""
    secret = str(THERAPIST)
    for given in (f"\u200b{secret}", f"\ufeff{secret}", f"  {secret.lower()}"):
        assert run(data_dir, "share", "--recipient", given, "-o", str(tmp_path / "x.age")) == 2
        captured = capsys.readouterr()
        assert "private key" in captured.err and secret[15:25] not in captured.err.upper()


def test_a_practice_in_a_share_shows_only_its_reviews_in_the_range(data_dir: Path, tmp_path: Path) -> None:
    """Found in review: its adoption day and its removal, outside the range, were in the share."""
    from rootwork.content import load_library
    from rootwork.state.records.model import Rating

    store = Store.open(data_dir)
    item = store.adopt(load_library().practices[0].id, TODAY - timedelta(days=20))
    store.review("practice", item.id, Rating.DID_IT, TODAY - timedelta(days=18))
    store.review("practice", item.id, Rating.STRUGGLED, TODAY - timedelta(days=2))
    store.remove_plan_item(item.id)
    out = tmp_path / "share.age"
    since = (TODAY - timedelta(days=3)).isoformat()
    assert run(data_dir, "share", "--recipient", PUBLIC, "--since", since, "--what", "practices", "-o", str(out)) == 0
    text = opened(out)
    assert "struggled" in text and "did it" not in text
    assert "Adopted" not in text and "removed" not in text
