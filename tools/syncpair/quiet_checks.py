"""quiet.py's checks: each edit found (shown, kept aside or MISSING) on each side, the outbox, the pair's state.

``file_check`` reads each side's ``rootwork.json`` from disk (no rootwork process, so
nothing is merged or restored by looking); ``check_edits`` asks rootwork itself
(``export --format json`` and ``conflicts --json``), which opens the journal as any
command does.
"""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

import pair as syncpair
from app_panes import AppPanes
from demo import Rootwork
from quiet_script import EDITS, Edit
from quiet_watch import Watch, outbox_files, short_sha
from rest import TRANSIENT


def _export(rw: Rootwork, data: Path) -> dict:
    done = rw.run(data, "export", "--format", "json")
    return json.loads(done.stdout)


def _conflicts_json(rw: Rootwork, data: Path) -> list[dict]:
    done = rw.run(data, "conflicts", "--json")
    return json.loads(done.stdout)


def _find_record(doc: dict, edit: Edit) -> dict | None:
    if edit.table == "checkins":
        found = [c for c in doc.get("checkins", []) if c.get("day") == edit.key]
    else:  # a thought record: by its original critic's words (at the start of the critic as edited)
        found = [r for r in doc.get("reframes", []) if str(r.get("critic", "")).startswith(edit.key)]
    return found[0] if len(found) == 1 else None


def where_is(edit: Edit, doc: dict, kept: list[dict]) -> str:
    """``"shown"``, ``"kept aside"`` or ``"MISSING"`` (with what is there)."""
    record = _find_record(doc, edit)
    if record is None:
        return f"MISSING (no single {edit.table[:-1]} for {edit.key!r})"
    if record.get(edit.field) == edit.value:
        return "shown"
    for k in kept:
        if k.get("id") == record.get("id") and k.get("field") == edit.field:
            values = [v.get("value") for v in k.get("kept_aside", [])]
            if edit.value in values:
                return "kept aside"
    return f"MISSING ({edit.field} is {record.get(edit.field)!r})"


def check_edits(rw: Rootwork, sides: dict[str, Path]) -> tuple[int, list[str]]:
    """Each edit on each side; return how many (edit, side) pairs are missing, and the lines to print."""
    lines = []
    missing = 0
    found: dict[str, tuple[dict, list[dict]]] = {}
    for side, data in sides.items():
        found[side] = (_export(rw, data), _conflicts_json(rw, data))
    for edit in EDITS:
        where = {side: where_is(edit, *found[side]) for side in sides}
        missing += sum(1 for v in where.values() if v.startswith("MISSING"))
        lines.append(f"  {edit.label():62s} " + "  ".join(f"on {s}: {v}" for s, v in where.items()))
    return missing, lines


def _journal_docs(path: Path) -> dict | None:
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None


def where_in_file(edit: Edit, journal: dict | None) -> str:
    """Like ``where_is``, read from the journal file itself (no rootwork process opens it): the value
    shown, or one of the values its clock keeps aside (``clock.open[field]``)."""
    if journal is None:
        return "MISSING (no readable rootwork.json)"
    docs = [d for d in (journal.get(edit.table) or {}).values() if isinstance(d, dict)]
    if edit.table == "checkins":
        found = [d for d in docs if d.get("day") == edit.key]
    else:
        found = [d for d in docs if str(d.get("critic", "")).startswith(edit.key)]
    if len(found) != 1:
        return f"MISSING ({len(found)} {edit.table[:-1]}s for {edit.key!r})"
    doc = found[0]
    if doc.get(edit.field) == edit.value:
        return "shown"
    opened = ((doc.get("clock") or {}).get("open") or {}).get(edit.field) or []
    if any(isinstance(v, list) and v and v[0] == edit.value for v in opened):
        return "kept aside"
    return f"MISSING ({edit.field} is {doc.get(edit.field)!r})"


def file_check(pair: syncpair.Pair) -> tuple[int, list[str]]:
    """Each edit in each side's rootwork.json as it is on disk (read only)."""
    journals = {"A": _journal_docs(pair.a.journal), "B": _journal_docs(pair.b.journal)}
    lines, missing = [], 0
    for edit in EDITS:
        where = {side: where_in_file(edit, j) for side, j in journals.items()}
        missing += sum(1 for v in where.values() if v.startswith("MISSING"))
        lines.append(f"  {edit.label():62s} " + "  ".join(f"on {s}: {v}" for s, v in where.items()))
    return missing, lines


def outbox_report(pair: syncpair.Pair) -> list[str]:
    """Each side's outbox file(s): present, each its own, not in Syncthing's index, no conflict copy of one."""
    lines = []
    boxes: dict[str, dict[str, bytes]] = {}
    for inst in pair.sides:
        side = inst.name.upper()
        own = outbox_files(inst.data)
        boxes[inst.name] = {p.name: p.read_bytes() for p in own}
        lines.append(
            f"  {side} outbox files: "
            + (", ".join(f"{n} ({len(b)} bytes, sha {short_sha(b)})" for n, b in boxes[inst.name].items()) or "none")
        )
        for name in boxes[inst.name]:
            try:
                info = inst.rest.get("/rest/db/file", folder=syncpair.FOLDER_ID, file=name)
                lines.append(
                    f"  {side} Syncthing's index HAS {name}: global={info.get('global')!r:.120} "
                    f"local={info.get('local')!r:.160}"
                )
            except Exception as exc:  # a 404 is the expected answer
                lines.append(f"  {side} Syncthing's index has no {name} ({exc})")
        try:
            ign = inst.rest.get("/rest/db/ignores", folder=syncpair.FOLDER_ID)
            lines.append(f"  {side} Syncthing's ignores in effect: {ign.get('ignore')}")
        except Exception as exc:
            lines.append(f"  {side} ignores unavailable: {exc!r}")
        stray = sorted(
            str(p.relative_to(inst.data))
            for p in inst.data.rglob("outbox*")
            if p.name not in boxes[inst.name] and "backups" not in p.relative_to(inst.data).parts
        )
        lines.append(f"  {side} other outbox* files (the other side's, or conflict copies): {stray or 'none'}")
    shared = set(boxes["a"]) & set(boxes["b"])
    lines.append(
        f"  file names on both sides: {sorted(shared) or 'none'}; "
        + (
            "the same bytes: " + str({n: boxes["a"][n] == boxes["b"][n] for n in shared})
            if shared
            else "each side has only its own"
        )
    )
    return lines


def state_report(pair: syncpair.Pair, w: Watch, quiet_from: float) -> bool:
    """The pair as it is now and what ``w`` saw; True when the journals are byte-identical."""
    ja, jb = pair.journal_bytes()
    names = sorted(w.copy_names())
    late = sorted(w.copy_names(after=quiet_from))
    settled = w.settled_at()
    conflicts = pair.conflict_copies()
    same = ja is not None and ja == jb
    print(f"rootwork.json byte-identical now: {'yes' if same else 'NO'} (A {short_sha(ja)}, B {short_sha(jb)})")
    print(f"conflict copies left now: A={conflicts['a'] or 'none'} B={conflicts['b'] or 'none'}")
    print(f"distinct conflict copies that appeared during these {w.samples[-1][0]:.0f}s: {len(names)} {names}")
    print(f"  of which first seen at t >= {quiet_from:.0f}s: {len(late)} {late}")
    print(
        f"  settled (identical, no copy present, from then to the end) at: "
        f"{f't={settled:.1f}s' if settled is not None else 'NEVER'}"
    )
    print(f"new in backups/merged: {w.merged_new()}")
    print(f"rootwork.json changes seen: A={w.writes['a']} B={w.writes['b']}")
    temps = pair.temp_files()
    print(f"Syncthing temp files now: A={temps['a'] or 'none'} B={temps['b'] or 'none'}")
    print(f"notices shown by the apps: {len(w.notices)}")
    for t, side, text in w.notices:
        print(f"  t={t:6.1f}s {side.upper()}: {text}")
    try:
        print(f"syncthing in sync now: {'yes' if pair.in_sync() else 'no'}")
    except TRANSIENT as exc:
        print(f"syncthing status unavailable: {exc!r}")
    sys.stdout.flush()
    return same


def print_file_check(pair: syncpair.Pair, when: str) -> int:
    missing, lines = file_check(pair)
    print(
        f"every edit in the rootwork.json files {when} (read from disk, no rootwork process): "
        f"{'all there (shown or kept aside) on both sides' if not missing else f'{missing} MISSING'}"
    )
    for line in lines:
        print(line)
    sys.stdout.flush()
    return missing


def cli_checks(rw: Rootwork, pair: syncpair.Pair) -> int:
    """``rootwork conflicts`` on each side (printed whole), then each edit by export + conflicts --json."""
    A, B = pair.a.data, pair.b.data
    for side, data in (("A", A), ("B", B)):
        done = rw.run(data, "conflicts", check=False)
        print(f"$ {shlex.join(rw.cmd)} --data-dir {data} conflicts   (exit {done.returncode})")
        for line in (done.stdout + done.stderr).splitlines() or ["(nothing)"]:
            print(f"  {side} | {line}")
    missing, lines = check_edits(rw, {"A": A, "B": B})
    print(
        f"every edit by `rootwork export --format json` + `rootwork conflicts --json` on each side: "
        f"{'all there (shown or kept aside)' if not missing else f'{missing} MISSING'}"
    )
    for line in lines:
        print(line)
    sys.stdout.flush()
    return missing


def screens(panes: AppPanes) -> None:
    for side in ("a", "b"):
        dead = panes.dead(side)
        dead = f", {dead}" if dead else ""
        print(f"{side.upper()} app screen (tmux capture-pane -p -t {panes.session(side)}{dead}):")
        for line in panes.capture(side).splitlines():
            print(f"  | {line}")
    sys.stdout.flush()
