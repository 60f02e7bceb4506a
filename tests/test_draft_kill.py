"""A thought record half written survives the app being killed, and is offered back on the next open.

A child process runs the real app headless over a journal on disk, types into a
new thought record and says so once the draft is down; the parent kills it with
SIGKILL (no clean-up runs), then opens the journal again.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from textual.widgets import TextArea

from rootwork.state.records.reframes import DRAFT_NAME
from rootwork.state.store import Store
from rootwork.tui.screens.reframe_editor import ReframeEditorScreen
from rootwork.tui.widgets.confirm import ConfirmScreen
from tests.tui.conftest import SIZE, make_app
from tests.tui.helpers_reframes import paste_text

CRITIC = "That's my father's voice [/], not truth 👩‍👩‍👧"
SITUATION = "Asked for help at work"

CHILD = textwrap.dedent(
    """
    import asyncio, sys
    from pathlib import Path
    from rootwork.state.store import Store
    from tests.tui.conftest import SIZE, make_app
    from tests.tui.helpers_reframes import paste_text, type_text
    from rootwork.tui.screens import reframe_editor

    # The draft after 0.05 s of quiet, not a second (as the quick_drafts fixture does):
    # this test is about a draft surviving a kill, not about the delay before it is written.
    reframe_editor.DRAFT_DELAY = 0.05

    async def main(data_dir, critic, situation):
        app = make_app(Store.open(Path(data_dir)), start_mode="reframes")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n")
            await pilot.pause()
            await type_text(pilot, situation[:5])  # a few keys, then the rest pasted
            await paste_text(pilot, situation[5:])
            app.screen.query_one("#critic").focus()
            await paste_text(pilot, critic)
            for _ in range(200):  # the draft is written DRAFT_DELAY after the last key
                draft = app.store.draft("reframe") or {}
                if draft.get("critic") == critic:
                    break
                await pilot.pause(0.05)
            print("typed", flush=True)
            await asyncio.sleep(3600)  # half written, and staying so until killed

    asyncio.run(main(*sys.argv[1:]))
    """
)


def wait_for_line(process: subprocess.Popen, timeout: float) -> str:
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    return process.stdout.readline().strip() if ready else ""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
async def test_draft_survives_sigkill_and_is_offered_back(tmp_path: Path):
    data_dir = tmp_path / "journal"
    root = Path(__file__).resolve().parents[1]
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data_dir), CRITIC, SITUATION],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    try:
        line = wait_for_line(child, timeout=60)
        assert line == "typed", child.stderr.read() if child.poll() is not None else "child did not signal"
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=10) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()

    store = Store.open(data_dir)
    draft = store.draft(DRAFT_NAME)
    assert draft is not None
    assert (draft["critic"], draft["situation"], draft["editing_id"]) == (CRITIC, SITUATION, "")
    assert store.reframes() == []

    app = make_app(store, start_mode="reframes")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        offer = app.screen
        assert isinstance(offer, ConfirmScreen)
        assert offer.question.startswith("You have an unsaved thought record from 25 Nov. Continue it?")
        assert CRITIC in offer.question
        await pilot.press("y")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, ReframeEditorScreen)
        assert editor.query_one("#critic", TextArea).text == CRITIC
        assert editor.query_one("#situation", TextArea).text == SITUATION
        editor.query_one("#reframe").focus()
        await paste_text(pilot, "His fear spoke, not my worth")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [r.critic for r in store.reframes()] == [CRITIC]
        assert store.draft(DRAFT_NAME) is None
