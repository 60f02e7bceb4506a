"""``state.encryption.privacy_check``: each thing ``rootwork doctor`` finds, and a folder where all is well.

Folders are made by hand in ``tmp_path``: an "encrypted" file is only bytes that
start like an age file, since the check reads headers and never decrypts.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rootwork.state.encryption.marker import FolderState, Mark, write_mark
from rootwork.state.encryption.privacy_check import NOTE, PROBLEM, Finding, check_folder, syncthing_root

AGE = b"age-encryption.org/v1\n-> X25519 c29tZSBzaGFyZQ\nd3JhcHBlZCBrZXk\n--- bWFj\n\x00\x01binary"
IDENTITY = b"age-encryption.org/v1\n-> scrypt c2FsdHNhbHRzYWx0c2FsdA 18\nd3JhcHBlZA\n--- bWFj\n\x00"
PLAIN_JOURNAL = b'{"checkins": {"1": {"note": "I felt small at the meeting"}}}\n'
STIGNORE_LINES = [
    ".rootwork-*",
    "rootwork.lock",
    "drafts.json",
    "outbox-*.json",
    "machine-id",
    "last-write",
    "encryption",
    "crash.log",
    "backups",
]

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX modes and links")


def write(path: Path, payload: bytes, mode: int = 0o600) -> Path:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.write_bytes(payload)
    os.chmod(path, mode)
    return path


def folder(root: Path, *, encrypted: bool = True) -> Path:
    """A tidy data folder: journal, drafts, outbox, a backup and the machine's own files, all private."""
    data = root / "data"
    data.mkdir(mode=0o700)
    os.chmod(data, 0o700)
    body = AGE if encrypted else PLAIN_JOURNAL
    for name in ("rootwork.json", "drafts.json", "outbox-" + "a" * 32 + ".json", "backups/rootwork-2026-11-24.json"):
        write(data / name, body)
    os.chmod(data / "backups", 0o700)
    write(data / "machine-id", b"a" * 32 + b"\n")
    write(data / "last-write", b"12 34 56\n")
    write(data / "rootwork.lock", b"")
    if encrypted:
        write(data / "identity.age", IDENTITY)
        write_mark(data, Mark(FolderState.ENCRYPTED, "age1qqqq"), lambda text: "0" * 64)
    return data


def problems(findings: list[Finding]) -> list[str]:
    return [finding.text for finding in findings if finding.level == PROBLEM]


def only_problem(data: Path) -> Finding:
    found = [finding for finding in check_folder(data) if finding.level == PROBLEM]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("encrypted", [True, False])
def test_a_tidy_folder_has_nothing_to_say(tmp_path: Path, encrypted: bool) -> None:
    assert check_folder(folder(tmp_path, encrypted=encrypted)) == []


def test_no_folder_yet_is_a_note(tmp_path: Path) -> None:
    [finding] = check_folder(tmp_path / "missing")
    assert finding.level == NOTE and "nothing to check" in finding.text
    assert not (tmp_path / "missing").exists()


def test_a_file_instead_of_a_folder_is_a_problem(tmp_path: Path) -> None:
    assert "not a folder" in only_problem(write(tmp_path / "data", b"x")).text


def test_a_folder_open_to_others(tmp_path: Path) -> None:
    data = folder(tmp_path)
    os.chmod(data, 0o755)
    finding = only_problem(data)
    assert "open to others (mode 755" in finding.text and finding.fix == f"chmod 700 {data}"


def test_backups_open_to_others(tmp_path: Path) -> None:
    data = folder(tmp_path)
    os.chmod(data / "backups", 0o750)
    finding = only_problem(data)
    assert "backups" in finding.text and finding.fix == f"chmod 700 {data / 'backups'}"


def test_a_file_readable_by_others(tmp_path: Path) -> None:
    data = folder(tmp_path)
    os.chmod(data / "drafts.json", 0o644)
    finding = only_problem(data)
    assert finding.text.startswith("drafts.json can be read by others (mode 644")
    assert finding.fix == f"chmod 600 {data / 'drafts.json'}"


def test_many_loose_files_in_one_folder_make_one_line(tmp_path: Path) -> None:
    data = folder(tmp_path)
    for day in range(1, 6):
        write(data / "backups" / f"rootwork-2026-11-0{day}.json", AGE, 0o644)
    finding = only_problem(data)
    assert finding.text.startswith("5 files in the folder backups can be read by others")
    assert "-exec chmod 600" in finding.fix


def test_the_file_a_linked_journal_points_to_must_be_private(tmp_path: Path) -> None:
    data = folder(tmp_path)
    target = write(tmp_path / "Sync" / "rootwork.json", AGE, 0o644)
    (data / "rootwork.json").unlink()
    (data / "rootwork.json").symlink_to(target)
    findings = check_folder(data)
    assert problems(findings) == [
        f"{target}, the file rootwork.json links to, can be read by others (mode 644; it should be 600)"
    ]
    assert any(f.level == NOTE and f.text.startswith(f"rootwork.json is a link to {target}") for f in findings)


def test_a_linked_journal_is_a_note_not_a_problem(tmp_path: Path) -> None:
    data = folder(tmp_path)
    target = write(tmp_path / "Sync" / "rootwork.json", AGE)
    (data / "rootwork.json").unlink()
    (data / "rootwork.json").symlink_to(target)
    [finding] = check_folder(data)
    assert finding.level == NOTE and "every save goes there" in finding.text


@pytest.mark.parametrize("name", ["drafts.json", "machine-id", "encryption", "backups", "outbox-" + "b" * 32 + ".json"])
def test_any_other_link_among_our_names_is_a_problem(tmp_path: Path, name: str) -> None:
    data = folder(tmp_path)
    elsewhere = write(tmp_path / "elsewhere" / "x", AGE)
    path = data / name
    if path.is_dir():
        (data / "backups" / "rootwork-2026-11-24.json").unlink()
        path.rmdir()
    elif path.exists():
        path.unlink()
    path.symlink_to(elsewhere.parent if name == "backups" else elsewhere)
    finding = only_problem(data)
    assert finding.text.startswith(f"{name} is a link") and finding.fix.endswith(f"rm {path}")


def test_a_link_that_is_not_ours_is_left_alone(tmp_path: Path) -> None:
    data = folder(tmp_path)
    (data / "my-notes").symlink_to(tmp_path)
    assert check_folder(data) == []


@pytest.mark.parametrize(
    "name",
    [
        "drafts.json",
        "outbox-" + "a" * 32 + ".json",
        "backups/rootwork-2026-11-24.json",
        "backups/merged/rootwork.sync-conflict-20261101-081500-ABCDEF7.json",
        "rootwork.broken-20261101T081500Z.json",
        "rootwork.plain-20261101T081500Z.json",
    ],
)
def test_a_plain_file_in_an_encrypted_folder(tmp_path: Path, name: str) -> None:
    data = folder(tmp_path)
    write(data / name, PLAIN_JOURNAL)
    os.chmod(data / "backups", 0o700)
    finding = only_problem(data)
    assert finding.text.startswith(f"{name} (") and "is plain text, though your journal is encrypted" in finding.text
    assert "with its passphrase" in finding.fix


def test_an_empty_file_holds_nothing(tmp_path: Path) -> None:
    data = folder(tmp_path)
    write(data / "drafts.json", b"")
    assert check_folder(data) == []


def test_a_plain_journal_where_this_machine_knows_the_folder_as_encrypted(tmp_path: Path) -> None:
    data = folder(tmp_path)
    write(data / "rootwork.json", PLAIN_JOURNAL)
    finding = only_problem(data)
    assert "your journal, rootwork.json, is plain text" in finding.text
    assert "rootwork decrypt" in finding.fix and "kept aside unread" in finding.fix


def test_the_journal_alone_says_the_folder_is_encrypted(tmp_path: Path) -> None:
    data = folder(tmp_path)
    (data / "encryption").unlink()
    write(data / "drafts.json", PLAIN_JOURNAL)
    findings = check_folder(data)
    assert [f.level for f in findings] == [NOTE, PROBLEM]
    assert "no note of it" in findings[0].text and "drafts.json" in findings[1].text


def test_plain_files_in_a_plain_folder_are_not_stray(tmp_path: Path) -> None:
    data = folder(tmp_path, encrypted=False)
    write(data / "export.md", b"# My journal\n")
    write(data / ".rootwork-0123456789abcdef.tmp", PLAIN_JOURNAL)
    assert check_folder(data) == []


@pytest.mark.parametrize(
    ("state", "command"), [(FolderState.ENCRYPTING, "encrypt"), (FolderState.DECRYPTING, "decrypt")]
)
def test_an_interrupted_conversion(tmp_path: Path, state: FolderState, command: str) -> None:
    data = folder(tmp_path)
    write_mark(data, Mark(state, "age1qqqq"), lambda text: "0" * 64)
    finding = only_problem(data)
    assert f"`rootwork {command}` was stopped" in finding.text and finding.fix == f"run `rootwork {command}` again"


def test_a_plain_temporary_file_of_a_save(tmp_path: Path) -> None:
    data = folder(tmp_path)
    temp = write(data / ".rootwork-0123456789abcdef.tmp", PLAIN_JOURNAL)
    finding = only_problem(data)
    assert finding.text == ".rootwork-0123456789abcdef.tmp is plain text left by a save that was stopped"
    assert finding.fix == f"delete it: rm {temp}"


def test_temporary_files_without_user_text_are_fine(tmp_path: Path) -> None:
    data = folder(tmp_path)
    write(data / ".rootwork-00000000000000aa.tmp", AGE)
    write(data / ".rootwork-00000000000000bb.tmp", b"encrypted age1qqqq\n")
    write(data / ".rootwork-00000000000000cc.tmp", b"c" * 32 + b"\n")
    write(data / "backups" / ".rootwork-00000000000000dd.tmp", b"1 2 3\n")
    assert check_folder(data) == []


def test_a_plain_temporary_file_of_an_export(tmp_path: Path) -> None:
    data = folder(tmp_path)
    write(data / ".rootwork_export-123-0123456789abcdef.tmp", b"# My journal\n")
    assert "left by an export that was stopped" in only_problem(data).text


@pytest.mark.parametrize(
    "name", ["export.md", "journal.json", "rootwork-export.ics", "entries.csv", "rootwork.json.bak"]
)
def test_an_export_left_in_an_encrypted_folder(tmp_path: Path, name: str) -> None:
    data = folder(tmp_path)
    export = write(data / name, b"# My journal\nI felt small\n")
    finding = only_problem(data)
    assert finding.text.startswith(f"{name} is plain text in your encrypted folder")
    assert finding.fix.endswith(f"rm {export}")


def test_an_encrypted_export_and_sync_tools_files_are_fine(tmp_path: Path) -> None:
    data = folder(tmp_path)
    write(data / "export.md.age", AGE)
    write(data / ".stignore", b"machine-id\n")
    write(data / ".DS_Store", b"\x00\x00\x00\x01Bud1")
    assert [f for f in check_folder(data) if f.level == PROBLEM] == []


def test_an_unknown_plain_file_is_a_note(tmp_path: Path) -> None:
    data = folder(tmp_path)
    write(data / "photo.jpg", b"\xff\xd8\xff\xe0")
    [finding] = check_folder(data)
    assert finding.level == NOTE and finding.text == "photo.jpg is not rootwork's and is not encrypted"


def test_an_identity_in_the_clear(tmp_path: Path) -> None:
    data = folder(tmp_path)
    write(data / "identity.age", b"# created by rootwork\nAGE-SECRET-KEY-1QQQQ\n")
    finding = only_problem(data)
    assert finding.text.startswith("identity.age is not encrypted") and "age -p" in finding.fix


def test_the_crash_log_rootwork_writes_is_fine(tmp_path: Path) -> None:
    data = folder(tmp_path)
    write(
        data / "crash.log",
        b"--- rootwork stopped at 2026-11-25T10:00:00+00:00\nTraceback (most recent call last):\n"
        b'  File "/x/rootwork/tui/cli.py", line 12, in <module>\n  File "/x/y.py", line 3, in run\n'
        b"ValueError\n\nThe above exception was the direct cause of the following exception:\n\n"
        b"rootwork.state.records.errors.StoreError\n",
    )
    assert check_folder(data) == []


def test_a_crash_log_with_words_in_it(tmp_path: Path) -> None:
    data = folder(tmp_path)
    log = write(data / "crash.log", b"--- rootwork stopped at 2026-11-25T10:00:00\nValueError: I felt small\n")
    finding = only_problem(data)
    assert finding.text.startswith("crash.log holds lines rootwork does not write") and str(log) in finding.fix


def synced(tmp_path: Path, lines: list[str] | None) -> Path:
    """A data folder inside a Syncthing folder, whose .stignore holds ``lines`` (None: no .stignore)."""
    sync = tmp_path / "Sync"
    (sync / ".stfolder").mkdir(parents=True)
    if lines is not None:
        (sync / ".stignore").write_text("\n".join(lines) + "\n")
    return folder(sync)


def test_a_synced_folder_with_the_readme_lines_is_fine(tmp_path: Path) -> None:
    data = synced(tmp_path, ["// rootwork's own", *STIGNORE_LINES])
    assert syncthing_root(data) == (tmp_path / "Sync").resolve()
    assert check_folder(data) == []


def test_the_data_folder_as_the_syncthing_folder_itself(tmp_path: Path) -> None:
    data = folder(tmp_path)
    (data / ".stfolder").mkdir()
    write(data / ".stignore", "\n".join(STIGNORE_LINES).encode(), 0o644)  # Syncthing's file, not rootwork's
    assert check_folder(data) == []
    write(data / ".stignore", b"backups\n", 0o644)
    assert "does not leave out machine-id, encryption, last-write" in only_problem(data).text


def test_stignore_missing_lines(tmp_path: Path) -> None:
    data = synced(tmp_path, [line for line in STIGNORE_LINES if line not in ("encryption", "machine-id")])
    finding = only_problem(data)
    assert "does not leave out machine-id, encryption, which belong to this machine alone" in finding.text
    assert (
        finding.fix
        == f"add these lines to {(tmp_path / 'Sync').resolve() / '.stignore'}, one a line: machine-id encryption"
    )


def test_no_stignore_at_all(tmp_path: Path) -> None:
    data = synced(tmp_path, None)
    finding = only_problem(data)
    assert "has no .stignore" in finding.text
    assert "machine-id, encryption, last-write, drafts.json, outbox-*.json" in finding.text


def test_stignore_patterns_are_read_as_syncthing_reads_them(tmp_path: Path) -> None:
    include = tmp_path / "Sync" / "rootwork.ignore"
    data = synced(
        tmp_path,
        [
            "(?d)/data/machine-id",
            "!/data/encryption",
            "**/encryption",
            "#include rootwork.ignore",
            "/data/{last-write,drafts.json}",
            "outbox-[0-9a-f]*.json",
            "/data/backups",
            ".rootwork-*",
            "rootwork.lock",
            "crash.log",
        ],
    )
    include.write_text("encryption\n")
    finding = only_problem(data)  # "!" came first: encryption is synced whatever follows
    assert "does not leave out encryption," in finding.text


def test_a_folder_that_is_synced_as_a_whole_is_left_out(tmp_path: Path) -> None:
    data = synced(tmp_path, ["data"])
    assert check_folder(data) == []


def test_the_readme_lines_in_a_folder_linked_from_outside(tmp_path: Path) -> None:
    """The data folder is a link into the synced folder: the lines are looked for where it really is."""
    data = synced(tmp_path, STIGNORE_LINES[:3])
    link = tmp_path / "link"
    link.symlink_to(data)
    assert "does not leave out machine-id" in only_problem(link).text


def test_only_the_journal_in_a_synced_folder_needs_no_lines(tmp_path: Path) -> None:
    data = folder(tmp_path)
    sync = tmp_path / "Sync"
    (sync / ".stfolder").mkdir(parents=True)
    target = write(sync / "rootwork.json", AGE)
    (data / "rootwork.json").unlink()
    (data / "rootwork.json").symlink_to(target)
    assert problems(check_folder(data)) == []


def test_a_temporary_file_beside_a_linked_journal(tmp_path: Path) -> None:
    data = folder(tmp_path)
    target = write(tmp_path / "Sync" / "rootwork.json", AGE)
    (data / "rootwork.json").unlink()
    (data / "rootwork.json").symlink_to(target)
    temp = write(tmp_path / "Sync" / ".rootwork-0123456789abcdef.tmp", PLAIN_JOURNAL)
    assert problems(check_folder(data)) == [f"{temp} is plain text left by a save that was stopped"]


def test_the_check_changes_nothing(tmp_path: Path) -> None:
    data = synced(tmp_path, None)
    os.chmod(data / "drafts.json", 0o644)
    write(data / "drafts.json", PLAIN_JOURNAL, 0o644)
    write(data / ".rootwork-0123456789abcdef.tmp", PLAIN_JOURNAL)
    before = {p: (p.lstat().st_mode, p.read_bytes() if p.is_file() else None) for p in sorted(tmp_path.rglob("*"))}
    assert len(problems(check_folder(data))) == 4
    assert {
        p: (p.lstat().st_mode, p.read_bytes() if p.is_file() else None) for p in sorted(tmp_path.rglob("*"))
    } == before
