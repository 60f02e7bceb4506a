"""Reading another machine's journal strictly and merging it into this one in one locked, atomic write.

``read_journal_file`` reads a conflict copy (or the file given to ``rootwork
merge``) through the import's file reader (a regular file, at most
``MAX_FILE_BYTES``) and the strict reader: an older version is migrated in
memory, a newer one refused, and a single record that fails a check refuses
the whole file (``CopyRefused``): a copy is merged whole or not at all.

``merge_into`` merges a read journal into a store under the process lock, in
one atomic write, and only writes when something changed: merging the same
copy again leaves the journal byte for byte as it was. ``merge_copies``
(called by ``Store.open`` and ``Store.refresh``) does this for each conflict
copy beside the journal, then moves the copy to ``backups/merged/`` (0600,
never pruned) and leaves a one-line notice; a copy that cannot be read stays
where it is, with a notice given once.
"""

from __future__ import annotations

import itertools
import os
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rootwork.state.encryption.codec import (
    DamagedEncryptedFile,
    FileCodec,
    PassphraseError,
    PassphraseNeeded,
    PlainFileRefused,
    UnsupportedEncryption,
)
from rootwork.state.files.atomic import FILE_MODE, move_new
from rootwork.state.files.locations import MERGED_NAME, backups_dir
from rootwork.state.files.regular_file import MAX_FILE_BYTES, NotRegularFile, TooLarge, read_regular
from rootwork.state.journal_file.layout import Journal
from rootwork.state.journal_file.storage import secure_dir, serialise
from rootwork.state.journal_file.strict_json import NotJSON, parse_import
from rootwork.state.records import strict
from rootwork.state.records.convert import Doc
from rootwork.state.records.errors import SaveFailed, UnreadableDatabase
from rootwork.state.records.field_words import field_name
from rootwork.state.store.incoming import clean_record, clean_selfcheck, reason, record_name
from rootwork.state.store.schema import JOURNAL_TABLES, SCHEMA_VERSION, check_journal, migrate_journal
from rootwork.state.sync.kept_aside import kept_aside_in
from rootwork.state.sync.machine import MACHINE_KIND, is_machine_doc
from rootwork.state.sync.merge import CONFLICT_KIND, conflict_id, merge_journals, same_entries
from rootwork.state.sync.names import DISPLACED, conflict_copies, conflict_style

if TYPE_CHECKING:
    from rootwork.state.store.core import Store

MERGED_DIR = MERGED_NAME
#: How long a merged copy stays in ``backups/merged/``, counted from when it was merged.
KEEP_MERGED_DAYS = 60
_WORDS = {
    "checkins": ("check-in", "check-ins"),
    "reframes": ("thought record", "thought records"),
    "plan": ("practice", "practices"),
    "reviews": ("review", "reviews"),
    "safety": ("safety plan", "safety plans"),
    "selfchecks": ("self-check", "self-checks"),
}


class CopyRefused(ValueError):
    """A file that cannot be merged; ``str()`` says why, as a clause."""


@dataclass
class MergeSummary:
    """What a merge brought in: records added or changed by table, and records kept in the conflict log."""

    counts: dict[str, int] = field(default_factory=dict)
    #: Of ``counts``, the records that were not in the journal before.
    added: dict[str, int] = field(default_factory=dict)
    logged: dict[str, int] = field(default_factory=dict)
    #: Fields newly written on both machines without either seeing the other: one shown, the rest kept aside.
    kept_aside: int = 0
    #: One sentence for each answer newly kept aside (a rival record's too: see ``kept_aside``).
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(self.counts.values()) or any(self.logged.values())

    def words(self) -> str:
        """'3 check-ins, 1 thought record', or 'nothing new'; then what was kept aside for a person to choose."""
        said = ", ".join(_count(n, table) for table, n in self.counts.items() if n) or "nothing new"
        if self.kept_aside:
            said += (
                f"; {self.kept_aside} {'answer' if self.kept_aside == 1 else 'answers'} changed on both "
                "machines: one is shown, the other kept aside for you to choose (Kept aside in the app, or "
                "'rootwork conflicts')"
            )
        clashes = sum(self.logged.values())
        if clashes:
            said += (
                f"; {clashes} {'entry' if clashes == 1 else 'entries'} written on both machines for the same "
                "day or practice under another id, kept whole, each answer that differs listed in Kept aside"
            )
        return said


def _count(n: int, table: str) -> str:
    one, many = _WORDS[table]
    return f"{n} {one if n == 1 else many}"


def read_journal_file(
    path: Path,
    now: str,
    codec: FileCodec | None = None,
    known: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    named: bool = False,
) -> dict[str, Any]:
    """The journal in ``path``, checked record by record, in this version's shape; ``CopyRefused`` if not.

    ``now`` (UTC, as stored) stamps what migrating an older version adds. An
    encrypted file is opened with ``codec`` (the folder's key; a passphrase
    file only when ``named``: the person gave it to ``rootwork merge``); a
    wrong or missing passphrase raises ``PassphraseError`` (codec.py), not
    ``CopyRefused``. A plain file in an encrypted folder is refused unless
    ``named``. A record
    equal to one of ``known`` (the journal it is merged into, by table) is
    taken as it is: merging it changes nothing (most of a copy, and the
    slowest part of reading one).
    """
    codec = codec or FileCodec()
    try:
        raw = read_regular(path)
        try:
            raw = codec.decode(raw, named=named)
        except (DamagedEncryptedFile, UnsupportedEncryption, PlainFileRefused) as error:
            raise CopyRefused(str(error)) from None
        data = parse_import(raw)
    except NotRegularFile as error:
        raise CopyRefused(f"it is {error.kind}") from None
    except TooLarge as error:
        raise CopyRefused(f"it is {error.words}") from None
    except NotJSON as error:  # nested too deep or a key twice: said as such
        raise CopyRefused(
            f"it {error.words}" if type(error) is not NotJSON else "it is not a rootwork journal (not JSON)"
        ) from None
    except OSError as error:
        raise CopyRefused(f"it could not be read ({error.strerror or error})") from None
    try:
        version = check_journal(data)
    except UnreadableDatabase as error:
        raise CopyRefused(f"it is not a rootwork journal ({error})") from None
    if version > SCHEMA_VERSION:
        raise CopyRefused("it was saved by a newer version of rootwork")
    if version < SCHEMA_VERSION:
        data = migrate_journal(data, version, now)
    return _checked(data, known)


def _clean(table: str, doc: Any, number: int, total: int) -> Doc:
    try:
        return clean_record(table, doc)
    except (ValueError, TypeError, KeyError) as error:
        raise CopyRefused(f"{record_name(table, number, total, doc)}: {reason(error)}") from None


def _checked(data: Mapping[str, Any], known: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Any]:
    if not known:
        return _strict_journal(data, _clean)
    by_id = {
        table: {str(d.get("id")): d for d in (known.get(table) or {}).values() if isinstance(d, Mapping)}
        for table in JOURNAL_TABLES
    }

    def clean(table: str, doc: Any, number: int, total: int) -> Doc:
        mine = by_id[table].get(str(doc.get("id"))) if isinstance(doc, Mapping) else None
        if mine is not None and mine == doc and _encoded(mine) == _encoded(doc):  # types too (3.0 == 3, True == 1)
            return dict(doc)
        return _clean(table, doc, number, total)

    return _strict_journal(data, clean, lenient=False)


def readable_records(data: Mapping[str, Any]) -> dict[str, Any]:
    """The records of ``data`` the strict reader accepts, the rest left out; its shape as ``_checked``'s.

    For what is read of a damaged file (``state.store.rebuild``): a record
    that fails a check there is damage, not a reason to refuse the rest.
    """

    def clean_or_none(table: str, doc: Any, number: int, total: int) -> Doc | None:
        try:
            return _clean(table, doc, number, total)
        except CopyRefused:
            return None

    return _strict_journal(data, clean_or_none)


def _encoded(doc: Any) -> bytes:
    return serialise(doc)


def _strict_journal(
    data: Mapping[str, Any], clean: Callable[[str, Any, int, int], Doc | None], lenient: bool | None = None
) -> dict[str, Any]:
    """The journal tables, self-checks, machines and conflict log of ``data``, each record through ``clean``.

    A record ``clean`` returns None for is left out; what it raises, or a bad
    meta entry (``CopyRefused``, when ``clean`` raises), is raised.
    """
    lenient = clean is not _clean if lenient is None else lenient
    checked: dict[str, Any] = {}
    for table in JOURNAL_TABLES:
        docs = list((data.get(table) or {}).values())
        kept = (clean(table, d, n, len(docs)) for n, d in enumerate(docs, start=1))
        checked[table] = {str(n): doc for n, doc in enumerate((doc for doc in kept if doc is not None), start=1)}
    meta: dict[str, Doc] = {}
    for doc in (data.get("meta") or {}).values():
        kind = doc.get("kind") if isinstance(doc, Mapping) else None
        try:
            if kind == "selfcheck":
                meta[str(len(meta) + 1)] = clean_selfcheck(dict(doc))
            elif kind == MACHINE_KIND:
                meta[str(len(meta) + 1)] = _machine(doc)
            elif kind == CONFLICT_KIND:
                table = doc.get("table")
                if table not in JOURNAL_TABLES:
                    raise strict.BadValue("a conflict-log entry names no table")
                record = _clean(table, doc.get("record"), 1, 1)
                if doc.get("id") != conflict_id(table, record["id"]):
                    raise strict.BadValue("a conflict-log entry has the wrong id")
                meta[str(len(meta) + 1)] = {**doc, "record": record}
        except (ValueError, TypeError, KeyError) as error:
            if not lenient:
                raise CopyRefused(reason(error)) from None
    checked["meta"] = meta  # self-checks, machines and the conflict log: settings stay this machine's
    return checked


def _machine(doc: Mapping[str, Any]) -> Doc:
    """A machine document, checked: its id is its name, 32 hex digits; its times are real."""
    if not is_machine_doc(doc) or doc.get("id") != doc.get("name"):
        raise strict.BadValue("a machine entry is malformed")
    return {
        "id": doc["id"],
        "kind": MACHINE_KIND,
        "name": doc["name"],
        **{key: strict.stamp(doc.get(key), key) for key in ("created_at", "updated_at", "last_write_at")},
    }


def merge_into(store: Store, incoming: Mapping[str, Any]) -> MergeSummary:
    """Merge a journal read by ``read_journal_file`` into ``store``: one locked write, none if nothing changed."""
    summaries: list[MergeSummary] = []

    def merge(current: Journal) -> tuple[Journal, list[tuple[str, Doc]]] | None:
        merged = merge_journals(current, incoming)
        summaries.append(_summary(current, merged))
        if same_entries(merged, current):
            return None
        if len(serialise(merged)) > MAX_FILE_BYTES:  # a journal no reader would open again: never written
            raise CopyRefused(
                f"merged, your journal would be larger than {MAX_FILE_BYTES // 2**20} MiB, more than rootwork opens"
            )
        old, new = _by_id(current), _by_id(merged)  # acknowledged here: this machine's outbox keeps them too
        return merged, [
            ("meta" if table == "selfchecks" else table, doc)
            for table in _WORDS
            for key, doc in new[table].items()
            if old[table].get(key) != doc
        ]

    store.write_raw(merge)
    return summaries[-1]


def _by_id(journal: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    found = {table: {d.get("id"): d for d in (journal.get(table) or {}).values()} for table in JOURNAL_TABLES}
    meta = [d for d in (journal.get("meta") or {}).values() if isinstance(d, Mapping)]
    found["selfchecks"] = {d.get("id"): d for d in meta if d.get("kind") == "selfcheck"}
    found["log"] = {d.get("id"): d for d in meta if d.get("kind") == CONFLICT_KIND}
    return found


def _summary(before: Mapping[str, Any], after: Mapping[str, Any]) -> MergeSummary:
    old, new = _by_id(before), _by_id(after)
    summary = MergeSummary()
    for table in _WORDS:
        summary.counts[table] = sum(1 for key, doc in new[table].items() if old[table].get(key) != doc)
        summary.added[table] = sum(1 for key in new[table] if key not in old[table])
    for key, doc in new["log"].items():
        if old["log"].get(key) != doc:
            summary.logged[doc["table"]] = summary.logged.get(doc["table"], 0) + 1
    were_aside = {item.key for item in kept_aside_in(before)}
    for item in kept_aside_in(after):
        if item.key not in were_aside:
            summary.kept_aside += 1
            summary.notes.append(
                f"Kept aside an answer ({field_name(item.table, item.field)}) in the {item.record_words}: it was "
                "changed on both sides without either seeing the other. One is shown; choose in the app's Kept aside "
                "or with 'rootwork conflicts'."
            )
    return summary


def _keep_merged(data_dir: Path, copy: Path, now: float) -> Path:
    """Move a merged copy into ``backups/merged/`` (0700 folder, 0600 file), never over another file.

    Its time becomes the moment it was merged (``now``), which is what
    ``prune_merged`` counts from; copies merged more than ``KEEP_MERGED_DAYS``
    ago are removed then.
    """
    folder = backups_dir(data_dir) / MERGED_DIR
    secure_dir(folder)
    prune_merged(folder, now)
    # The first free name, taken with the one move that never lands on a file put there meanwhile.
    names = (folder / (copy.name if n == 1 else f"{copy.stem}-{n}{copy.suffix}") for n in itertools.count(1))
    target = move_new(copy, names)
    os.chmod(target, FILE_MODE)
    os.utime(target, (now, now))
    return target


def prune_merged(folder: Path, now: float, days: int = KEEP_MERGED_DAYS) -> list[Path]:
    """Remove the copies in ``folder`` merged more than ``days`` days before ``now``; return those removed.

    Only regular files of this user's named ``rootwork*.json`` (never a link,
    never followed); one whose time is ahead of ``now`` (a clock that ran
    ahead) is kept. A copy that was not merged never reaches this folder.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not (entry.name.startswith("rootwork") and entry.name.endswith(".json")):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
                continue
            if info.st_mtime < now - days * 86400:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def merge_copies(store: Store) -> bool:
    """Merge every conflict copy beside ``store``'s journal; True if the journal changed. Notices say what came in."""
    data_dir = store.data_dir
    if data_dir is None or store.read_only:
        return False
    changed = False
    refused = store.refused_copies
    for copy in conflict_copies(data_dir):
        try:
            seen = os.stat(copy)
        except OSError:
            continue
        mark = (copy.name, seen.st_size, seen.st_mtime_ns)
        if mark in refused:
            continue
        try:
            summary = merge_into(store, read_journal_file(copy, store.stamp_now(), store.codec, store.journal_tables()))
        except SaveFailed as error:  # the disk is full, say: the copy stays, tried again next time
            store.notices.append(
                f"A copy of your journal from another machine, {copy.name}, could not be merged: "
                f"{error} The copy was left where it is."
            )
            refused.add(mark)
            continue
        except PassphraseError as error:  # it stays until merged with its passphrase
            refused.add(mark)
            why = (
                "it is encrypted, and your journal was opened without a passphrase. It was left where it is; "
                "rootwork merges it when opened with the passphrase (see 'rootwork --help')."
                if isinstance(error, PassphraseNeeded)
                else "it is encrypted with another passphrase. It was left where it is: open it with 'age -d' "
                "and that passphrase, then 'rootwork merge' the plain file."
            )
            store.notices.append(
                f"A copy of your journal from another machine, {copy.name}, could not be merged: {why}"
            )
            continue
        except CopyRefused as why:
            refused.add(mark)
            store.notices.append(
                f"A copy of your journal from another machine, {copy.name}, could not be merged: {why}. "
                "It was left where it is, and nothing in your journal was changed."
            )
            continue
        changed = changed or summary.changed
        try:
            kept = _keep_merged(data_dir, copy, store.now().timestamp())
        except OSError as error:
            store.notices.append(
                f"Merged a copy from another machine: {summary.words()}. "
                f"It could not be moved to {backups_dir(data_dir) / MERGED_DIR} "
                f"({error.strerror or error}); merging it again changes nothing."
            )
            refused.add(mark)
            continue
        what = (
            "Your journal was replaced by another program (a sync tool, say) while rootwork was saving; "
            "what that file held was merged back"
            if conflict_style(copy.name) == DISPLACED
            else "Merged a copy from another machine"
        )
        store.notices.append(f"{what}: {summary.words()}. The copy is kept in {kept.parent}.")
    return changed
