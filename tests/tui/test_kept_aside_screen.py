"""The Kept aside view: each answer two machines changed, yours and the other machine's side by side, to choose.

The journals are made as two machines make them: a laptop and a desktop start from
one check-in, each changes it without seeing the other, and the desktop's file
lands beside the laptop's as a sync tool's conflict copy, merged when the laptop
opens it. The app runs on the laptop, so "yours" is the laptop's.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import Button, OptionList, Static

from rootwork.state.files.locations import database_path, machine_id_path
from rootwork.state.records.errors import SaveFailed
from rootwork.state.records.model import Checkin
from rootwork.state.store import Store
from rootwork.tui.commands import RootworkCommands
from rootwork.tui.screens.kept_aside import KeptAsideScreen
from rootwork.tui.screens.today import TodayScreen
from tests.tui.conftest import SIZE, TODAY, make_app, palette_searched
from tests.tui.test_outside_changes import wait_for

COPY = "rootwork.sync-conflict-20261125-120000-ABCDEF7.json"
SMALL = (80, 24)
LAPTOP_NOTE = "From the laptop: [b]not bold[/b] and [@click=app.quit]not a link[/]."
DESKTOP_NOTE = "From the desktop: a walk by the river."


def two_machines(tmp_path: Path, **each: tuple) -> Store:
    """The laptop's journal after merging the desktop's copy: ``field=(laptop's, desktop's)`` changed on both.

    The machines' ids are fixed so the value shown (the same on every machine, the higher writer's) is always
    the laptop's.
    """
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    for folder, machine in ((laptop, "b" * 32), (desktop, "a" * 32)):
        folder.mkdir(mode=0o700)
        machine_id_path(folder).write_text(machine + "\n", encoding="ascii")
        machine_id_path(folder).chmod(0o600)
    Store.open(laptop).save_checkin(Checkin(day=TODAY, mood=3, intensity=3, note="before"))
    shutil.copy(database_path(laptop), database_path(desktop))
    for folder, n in ((laptop, 0), (desktop, 1)):
        store = Store.open(folder)
        now = store.checkin_for(TODAY)
        store.save_checkin(replace(now, **{field: values[n] for field, values in each.items()}), base=now)
    shutil.copy(database_path(desktop), laptop / COPY)
    return Store.open(laptop)


@pytest.fixture
def laptop(tmp_path: Path) -> Store:
    """The mood (2 here, 5 there) and the note changed on both machines."""
    return two_machines(tmp_path, mood=(2, 5), note=(LAPTOP_NOTE, DESKTOP_NOTE))


async def open_view(pilot) -> KeptAsideScreen:
    """From Today, the key its line names."""
    await pilot.pause()
    await pilot.press("k")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, KeptAsideScreen)
    return screen


async def highlight(pilot, screen: KeptAsideScreen, field: str) -> None:
    listed = screen.query_one("#kept-list", OptionList)
    listed.highlighted = [item.field for item in screen.items].index(field)
    await pilot.pause()


def text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def notices(app) -> list[str]:
    """Every notice the app shows from now on (recorded as it is shown)."""
    said: list[str] = []
    show = app.notify

    def notify(message, *args, **kwargs):
        said.append(str(message))
        return show(message, *args, **kwargs)

    app.notify = notify
    return said


async def test_each_answer_is_listed_with_yours_and_the_other_machines_side_by_side(laptop: Store) -> None:
    app = make_app(laptop)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_view(pilot)
        assert [item.field for item in screen.items] == ["mood", "note"]
        options = screen.query_one("#kept-list", OptionList)
        assert "Mood" in str(options.get_option_at_index(0).prompt)
        assert "check-in of Wed 25 Nov 2026" in str(options.get_option_at_index(0).prompt)
        await highlight(pilot, screen, "note")
        assert "Note · your check-in of Wed 25 Nov 2026" in text(screen, "#kept-what")
        # Text from the journal is shown as it is: markup-like brackets are words, not styles or links.
        assert text(screen, "#kept-mine") == LAPTOP_NOTE and text(screen, "#kept-theirs") == DESKTOP_NOTE
        assert screen.query_one("#kept-mine-box").border_title == "Yours (this machine), shown now"
        assert screen.query_one("#kept-theirs-box").border_title == "The other machine's"
        # Side by side from 100 columns.
        mine, theirs = (screen.query_one(f"#kept-{s}-box").region for s in ("mine", "theirs"))
        assert mine.y == theirs.y and mine.right <= theirs.x and mine.height == theirs.height
        await highlight(pilot, screen, "mood")
        assert text(screen, "#kept-mine") == "2 (low)" and text(screen, "#kept-theirs") == "5 (very good)"


@pytest.mark.parametrize(
    ("key", "note"),
    [
        ("y", LAPTOP_NOTE),
        ("o", DESKTOP_NOTE),
        ("b", f"{LAPTOP_NOTE}\n\n{DESKTOP_NOTE}"),  # both: the shown first
    ],
)
async def test_a_choice_is_saved_in_the_journal_and_leaves_the_list(laptop: Store, key: str, note: str) -> None:
    app = make_app(laptop)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_view(pilot)
        said = notices(app)
        await highlight(pilot, screen, "note")
        await pilot.press(key)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert laptop.checkin_for(TODAY).note == note
        assert [item.field for item in screen.items] == ["mood"]
        assert [item.field for item in laptop.kept_aside()] == ["mood"]
        assert any(line.startswith("Kept ") and "Note, check-in of Wed 25 Nov 2026" in line for line in said)
        assert isinstance(app.screen.focused, OptionList)  # back on the list, nothing chosen by a stray enter


async def test_both_is_not_offered_for_a_number(laptop: Store) -> None:
    app = make_app(laptop)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_view(pilot)
        await highlight(pilot, screen, "mood")
        assert not screen.query_one("#keep-both", Button).display
        assert "Keep both" not in [c.name for c in RootworkCommands(screen)._commands()]
        await pilot.press("b")
        await pilot.pause()
        assert {item.field for item in laptop.kept_aside()} == {"mood", "note"}
        await highlight(pilot, screen, "note")
        assert screen.query_one("#keep-both", Button).display


async def test_both_keeps_every_sign_ticked_on_either_machine(tmp_path: Path) -> None:
    store = two_machines(tmp_path, signs=(("self-doubt",), ("comparing",)))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_view(pilot)
        assert "Signs noticed" in text(screen, "#kept-what")
        assert screen.query_one("#keep-both", Button).display
        await pilot.press("b")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert set(store.checkin_for(TODAY).signs) == {"self-doubt", "comparing"} and screen.items == []


async def test_enter_chooses_nothing_and_escape_leaves(laptop: Store) -> None:
    app = make_app(laptop)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_view(pilot)
        assert isinstance(screen.focused, OptionList)
        await pilot.press("enter", "enter", "down", "enter")
        await pilot.pause()
        assert laptop.kept_aside_count() == 2  # enter only went to the values, to read them
        assert screen.focused is screen.query_one("#kept-mine-box")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert laptop.kept_aside_count() == 2


async def test_todays_line_opens_the_view_and_goes_once_the_last_is_chosen(laptop: Store) -> None:
    app = make_app(laptop)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        line = app.screen.query_one("#kept-aside", Static)
        assert line.display and "2 answers changed on two machines" in str(line.render())
        assert "Press k to choose" in str(line.render())
        screen = await open_view(pilot)
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert laptop.kept_aside() == [] and screen.items == []
        assert "Nothing is kept aside" in text(screen, "#kept-empty")
        assert not screen.query_one("#kept-list").display and not screen.query_one("#kept-detail").display
        await pilot.press("escape")
        await pilot.pause()
        today = app.screen
        assert isinstance(today, TodayScreen) and not today.query_one("#kept-aside", Static).display
        await pilot.press("k")  # nothing to choose: the key is off with the line
        await pilot.pause()
        assert app.screen is today
        checkin = laptop.checkin_for(TODAY)
        assert (checkin.mood, checkin.note) == (2, DESKTOP_NOTE)  # y on the mood, o on the note


async def test_the_palette_opens_the_view_from_any_screen_but_itself(laptop: Store) -> None:
    app = make_app(laptop, start_mode="month")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"kept aside")
        await palette_searched(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, KeptAsideScreen)
        assert "Kept aside" not in [c.name for c in RootworkCommands(app.screen)._commands()]
        await pilot.press("escape")
        await pilot.pause()
        assert app.current_mode == "month" and not isinstance(app.screen, KeptAsideScreen)
        # On Today, offered once (its own key's entry).
        await pilot.press("t")
        await pilot.pause()
        assert [c.name for c in RootworkCommands(app.screen)._commands()].count("Kept aside") == 1


async def test_a_failed_save_says_so_and_keeps_the_answer_listed(laptop: Store, monkeypatch) -> None:
    def disk_full(key, keep):
        raise SaveFailed("Your change could not be saved (No space left on device).")

    monkeypatch.setattr(laptop, "resolve_kept_aside", disk_full)
    app = make_app(laptop)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_view(pilot)
        said = notices(app)
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen and len(screen.items) == 2
        assert any("not saved" in line and "No space left" in line for line in said)


async def test_an_answer_settled_meanwhile_is_said_and_dropped_from_the_list(laptop: Store) -> None:
    app = make_app(laptop)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_view(pilot)
        said = notices(app)
        laptop.resolve_kept_aside(screen.items[0].key, "theirs")  # as if the other machine's choice came in
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("settled already" in line for line in said)
        assert [item.field for item in screen.items] == ["note"]
        assert laptop.checkin_for(TODAY).mood == 5


async def test_a_choice_made_in_a_shell_meanwhile_leaves_the_open_list(laptop: Store, quick_checks) -> None:
    app = make_app(laptop)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_view(pilot)
        elsewhere = Store.open(laptop.data_dir)  # rootwork conflicts resolve, in another window
        elsewhere.resolve_kept_aside(screen.items[0].key, "mine")
        assert await wait_for(pilot, lambda: [item.field for item in screen.items] == ["note"])


async def test_at_80x24_the_values_stack_and_everything_is_in_sight(laptop: Store) -> None:
    app = make_app(laptop)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_view(pilot)
        await highlight(pilot, screen, "note")
        area = screen.region
        mine, theirs = (screen.query_one(f"#kept-{s}-box").region for s in ("mine", "theirs"))
        assert mine.bottom <= theirs.y and mine.height >= 3 and theirs.height >= 3  # one above the other
        for selector in (
            "#kept-list",
            "#kept-what",
            "#kept-mine-box",
            "#kept-theirs-box",
            "#keep-mine",
            "#keep-theirs",
            "#keep-both",
        ):
            region = screen.query_one(selector).region
            assert area.contains_region(region) and region.bottom <= area.bottom - 1, selector  # above the footer


async def test_a_long_value_scrolls_in_its_box(tmp_path: Path) -> None:
    long_note = "A long day, written out at length. " * 150
    store = two_machines(tmp_path, note=(long_note.strip(), "short"))
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_view(pilot)
        box = screen.query_one("#kept-mine-box")
        assert await wait_for(pilot, lambda: box.max_scroll_y > 0)
        await pilot.press("enter", "end")  # scrolled with an animation: waited for, not timed
        assert await wait_for(pilot, lambda: box.scroll_y == box.max_scroll_y > 0)


def test_kept_aside_at_80x24(snap_compare, tmp_path: Path) -> None:
    """The Kept aside view at 80x24, opened with k on Today (Wed 25 Nov 2026).

    The picture must show: the two-line intro; the list with "Mood  check-in of
    Wed 25 Nov 2026" highlighted and "Note ..." under it; "Mood · your check-in of
    Wed 25 Nov 2026"; a box titled "Yours (this machine), shown now" with "2 (low)" above
    a box titled "The other machine's" with "5 (very good)", each four lines inside; the buttons "Keep
    yours  (y)" and "Keep the other machine's  (o)" with no "Keep both" (a number);
    the keys line; the footer with "esc Back".
    """
    store = two_machines(tmp_path, mood=(2, 5), note=(LAPTOP_NOTE, DESKTOP_NOTE))

    async def open_it(pilot) -> None:
        await open_view(pilot)
        pilot.app.clear_notifications()  # the merge's notice names the test's own folder
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    assert snap_compare(make_app(store), terminal_size=SMALL, run_before=open_it)
