"""Reframes: every thought record, newest first, with search, filters and rehearsal of due ones.

The list is on the left and the highlighted record on the right; ``enter`` opens it
in a read view with its belief history and when it comes back. Deleting asks first
and is soft: ``u`` (in the footer once there is something to undo) brings back what
was deleted, newest first. While a search or filter is on, ``h`` rehearses the due
records it shows; escape in the search box clears it.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList, Select, Static

from rootwork.content import Library
from rootwork.state.records.errors import StoreError
from rootwork.state.records.model import Reframe
from rootwork.state.records.reframes import due_line, due_reframes, filter_reframes, filtered_due_line
from rootwork.tui.reframe_text import names_of, reframe_detail, reframe_option, snippet
from rootwork.tui.requests import OpenReframeEditor, OpenRehearsal
from rootwork.tui.services import app_services
from rootwork.tui.showing import ShowsOnce
from rootwork.tui.text import MUTED
from rootwork.tui.widgets.choice_field import ChoiceField
from rootwork.tui.widgets.confirm import ConfirmScreen
from rootwork.tui.widgets.footer import CompactFooter
from rootwork.tui.widgets.text_fields import LineField


class ReframeViewScreen(Screen[None]):
    """A record to read, with its belief history; ``e`` edits, ``d`` deletes, ``escape`` goes back."""

    CSS_PATH = "reframes.tcss"

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", tooltip="Back to the list", id="reframe.back"),
        Binding("e", "edit", "Edit", tooltip="Edit this thought record", id="reframe.edit"),
        Binding(
            "d",
            "delete",
            "Delete",
            tooltip="Delete this thought record (asks first; u undoes it on the list)",
            id="reframe.delete",
        ),
    ]

    def __init__(self, reframe: Reframe, listing: ReframesScreen) -> None:
        super().__init__()
        self.reframe = reframe
        self.listing = listing
        self.sub_title = "Thought record"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="reframe-view"):
            yield Static(id="reframe-view-body")
        yield CompactFooter()

    def on_mount(self) -> None:
        self.refresh_view()
        self.query_one("#reframe-view").focus()

    def on_screen_resume(self) -> None:
        self.refresh_view()

    def on_journal_changed(self) -> None:  # tui/showing.py
        self.refresh_view()

    def refresh_view(self) -> None:
        store = app_services(self).store
        try:
            self.reframe = store.reframe(self.reframe.id)
        except StoreError:
            pass
        app = app_services(self)
        body = reframe_detail(self.reframe, store.reviews(self.reframe.id), app.library, app.today)
        self.query_one("#reframe-view-body", Static).update(body)

    def action_edit(self) -> None:
        self.post_message(OpenReframeEditor(self.reframe, self._edited))

    def _edited(self, saved: Reframe | None) -> None:
        if saved is not None:
            self.reframe = saved
            self.notify("Saved your changes.", markup=False)
        self.refresh_view()

    def action_delete(self) -> None:
        self.listing.ask_to_delete(self.reframe, leaving=self)


class ReframesScreen(ShowsOnce, Screen[None]):
    """Every thought record: search, filter, write, edit, delete with undo, rehearse."""

    CSS_PATH = "reframes.tcss"

    BINDINGS = [
        Binding("n", "new", "New", tooltip="Write a new thought record", id="reframes.new"),
        Binding("e", "edit", "Edit", tooltip="Edit the highlighted thought record", id="reframes.edit"),
        Binding(
            "d",
            "delete",
            "Delete",
            tooltip="Delete the highlighted thought record (asks first; u undoes it)",
            id="reframes.delete",
        ),
        # Shown in the footer once something has been deleted here (see check_action).
        Binding("u", "undo", "Undo delete", tooltip="Bring back the last thought record deleted", id="reframes.undo"),
        Binding("h", "rehearse", "Rehearse", tooltip="Rehearse the reframes that are due", id="reframes.rehearse"),
        Binding(
            "slash", "search", "Search", tooltip="Search every field of every thought record", id="reframes.search"
        ),
        Binding(
            "escape",
            "focus_list",
            "Back to list",
            show=False,
            tooltip="From the search box: clear it",
            id="reframes.to-list",
        ),
        # Priority, as tab: focus moves as enter is read, so the keys after it reach the list (issue 27).
        Binding(
            "enter",
            "search_done",
            "To the list",
            show=False,
            priority=True,
            tooltip="From the search box: keep the search and go to the list",
            id="reframes.search-done",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sub_title = "Reframes"
        self._shown: list[Reframe] = []
        self._deleted: list[str] = []  # ids deleted here, newest last, for undo
        self._due: list[Reframe] = []
        self._known_ids: set[str] = set()
        self._list_key: tuple | None = None  # what the list was last built from

    def compose(self) -> ComposeResult:
        library: Library = app_services(self).library
        yield Header()
        with Horizontal(id="reframe-filters"):
            yield LineField(placeholder="Search every field  ( / )", id="reframe-search")
            yield ChoiceField(((c.title, c.id) for c in library.causes), prompt="Any cause", id="filter-cause")
            yield ChoiceField(
                ((d.name, d.id) for d in library.distortions), prompt="Any thinking trap", id="filter-distortion"
            )
        yield Static(id="reframe-due")
        with Horizontal(id="reframe-main"):
            yield OptionList(id="reframe-list")
            with VerticalScroll(id="reframe-preview"):
                yield Static(id="reframe-preview-body")
        yield CompactFooter()

    def on_mount(self) -> None:
        self.query_one("#reframe-list", OptionList).focus()  # filled when shown

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "search_done":
            return self.focused is not None and self.focused.id == "reframe-search"
        return bool(self._deleted) if action == "undo" else True

    def when_shown(self) -> None:
        self.refresh_list()

    # --- what is shown --------------------------------------------------------------------------------

    @property
    def highlighted(self) -> Reframe | None:
        """The record under the cursor, if any."""
        records = self.query_one("#reframe-list", OptionList)
        if records.highlighted is None or not 0 <= records.highlighted < len(self._shown):
            return None
        return self._shown[records.highlighted]

    def refresh_list(self, select_id: str | None = None) -> None:
        """Rebuild the list from the store, keeping (or moving to) a record's place."""
        store = app_services(self).store
        library: Library = app_services(self).library
        records = self.query_one("#reframe-list", OptionList)
        current = self.highlighted
        keep = select_id or (current.id if current else None)
        cause = self.query_one("#filter-cause", Select).value
        distortion = self.query_one("#filter-distortion", Select).value
        query = self.query_one("#reframe-search", Input).value
        everything = store.reframes()
        # Rebuilding thousands of options costs a third of a second: only when something changed.
        key = (store.revision("reframes"), query, cause, distortion)
        if key != self._list_key:
            self._list_key = key
            self._known_ids = {r.id for r in everything}
            self._shown = filter_reframes(
                everything,
                query=query,
                cause_id=cause if isinstance(cause, str) else None,
                distortion_id=distortion if isinstance(distortion, str) else None,
                names=names_of(library),
            )
            records.set_options(reframe_option(r, library) for r in self._shown)
        ids = [r.id for r in self._shown]
        if ids and (select_id is not None or records.highlighted is None):
            records.highlighted = ids.index(keep) if keep in ids else 0
        self.show_preview()
        due = due_reframes(everything, app_services(self).today, store.setting("daily_cap"))
        if query.strip() or isinstance(cause, str) or isinstance(distortion, str):
            # h rehearses what the search and filters show, so the nudge counts those.
            self._due = due_reframes(self._shown, app_services(self).today, store.setting("daily_cap"))
            nudge = filtered_due_line(len(self._due), len(due))
        else:
            self._due, nudge = due, due_line(len(due))
        line = self.query_one("#reframe-due", Static)
        line.update(nudge)
        line.display = bool(nudge)
        if not everything and self._deleted:
            empty = "No thought records here now. Press u to bring back the one you deleted."
        elif not everything:
            empty = (
                "No thought records yet. When the critic speaks up, press n, write down its words, then answer them."
            )
        elif not self._shown:
            empty = "Nothing matches this search and these filters."
        else:
            empty = ""
        self.query_one("#reframe-list").set_class(not self._shown, "-empty")
        if empty:
            self.query_one("#reframe-preview-body", Static).update(Content.styled(empty, MUTED))

    def show_preview(self) -> None:
        reframe = self.highlighted
        if reframe is not None:
            app = app_services(self)
            body = reframe_detail(reframe, app.store.reviews(reframe.id), app.library, app.today)
            self.query_one("#reframe-preview-body", Static).update(body)
            self.query_one("#reframe-preview", VerticalScroll).scroll_home(animate=False)

    @on(OptionList.OptionHighlighted, "#reframe-list")
    def _highlighted(self) -> None:
        self.show_preview()

    @on(OptionList.OptionSelected, "#reframe-list")
    def _open(self) -> None:
        reframe = self.highlighted
        if reframe is not None:
            self.app.push_screen(ReframeViewScreen(reframe, self))

    @on(Input.Changed, "#reframe-search")
    @on(Select.Changed)
    def _filters_changed(self) -> None:
        self.refresh_list()

    def action_search_done(self) -> None:
        self.set_focus(self.query_one("#reframe-list", OptionList))  # enter keeps the search; escape clears it

    # --- actions ----------------------------------------------------------------------------------------

    def action_search(self) -> None:
        self.query_one("#reframe-search", Input).focus()

    def action_focus_list(self) -> None:
        """Back to the list. Escape in the search box (or again on the list) clears the search."""
        search, records = self.query_one("#reframe-search", Input), self.query_one("#reframe-list", OptionList)
        if search.value and self.focused in (search, records):
            search.value = ""
        records.focus()

    def action_new(self) -> None:
        """Open the editor on a new thought record."""
        self.post_message(OpenReframeEditor(None, self._saved))

    def action_edit(self) -> None:
        """Open the editor on the highlighted record."""
        reframe = self.highlighted
        if reframe is None:
            self.notify("Highlight a thought record to edit it, or press n to write a new one.", markup=False)
            return
        self.post_message(OpenReframeEditor(reframe, self._saved))

    def _saved(self, saved: Reframe | None) -> None:
        if saved is None:
            return
        new = saved.id not in self._known_ids
        self.refresh_list(select_id=saved.id)
        if saved.id not in [r.id for r in self._shown]:
            # A saved record must be seen: clear a search or filter that would hide it.
            self.query_one("#reframe-search", Input).value = ""
            self.query_one("#filter-cause", Select).clear()
            self.query_one("#filter-distortion", Select).clear()
            self.refresh_list(select_id=saved.id)
        if new:
            self.notify("Saved. It is ready to rehearse today (h), then comes back on its own days.", markup=False)
        else:
            self.notify("Saved your changes.", markup=False)

    def action_delete(self) -> None:
        """Ask, then delete the highlighted record (softly; ``u`` brings it back)."""
        reframe = self.highlighted
        if reframe is None:
            self.notify("Highlight a thought record to delete it.", markup=False)
            return
        self.ask_to_delete(reframe)

    def ask_to_delete(self, reframe: Reframe, *, leaving: Screen | None = None) -> None:
        """Ask over the record in sight; on yes close ``leaving`` (the read view), then delete."""

        async def answered(yes: bool | None) -> None:
            if yes:
                if leaving is not None and leaving.is_current:
                    self.app.pop_screen()
                await self.delete(reframe)

        question = f"Delete the thought record “{snippet(reframe.critic, 40)}”? u on the list brings it back."
        self.app.push_screen(ConfirmScreen(question, yes="Delete", no="Keep it", destructive=True), answered)

    async def delete(self, reframe: Reframe) -> None:
        """Delete ``reframe`` softly and say how to undo it."""
        try:
            app = app_services(self)
            await app.store_call(app.store.delete_reframe, reframe.id)
        except (StoreError, OSError) as error:
            self.notify(f"Could not delete it: {error}", severity="error", markup=False)
            return
        self._deleted.append(reframe.id)
        self.refresh_bindings()
        self.refresh_list()
        self.notify(f"Deleted “{snippet(reframe.critic, 40)}”. Press u to undo.", markup=False)

    async def action_undo(self) -> None:
        """Bring back the last record deleted here."""
        if not self._deleted:
            self.notify("Nothing to undo.", markup=False)
            return
        reframe_id = self._deleted[-1]
        try:
            app = app_services(self)
            restored = await app.store_call(app.store.restore_reframe, reframe_id)
        except (StoreError, OSError) as error:
            self.notify(f"Could not bring it back: {error}", severity="error", markup=False)
            return
        self._deleted.pop()
        self.refresh_bindings()
        self.refresh_list(select_id=restored.id)
        self.notify(f"Brought back “{snippet(restored.critic, 40)}”.", markup=False)

    def action_rehearse(self) -> None:
        """Rehearse the reframes that are due today."""
        if not self._due:
            line = str(self.query_one("#reframe-due", Static).render())
            self.notify(line or "Nothing to rehearse today. Each reframe comes back on its own day.", markup=False)
            return
        self.post_message(OpenRehearsal([r.id for r in self._due]))
