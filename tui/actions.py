"""Actions more than one screen offers, written once: adopting a practice.

Causes, Practices (its catalogue) and the self-check all add a practice to the
plan. Here the store is called off the event loop (``app.store_call``) and the
user is told once what happened; the screen only refreshes what it shows.
"""

from __future__ import annotations

from textual.screen import Screen

from rootwork.state.records.model import PlanItem
from rootwork.state.records.practice_rows import practice_or_stand_in
from rootwork.state.store import AlreadyAdopted, StoreError
from rootwork.tui.services import app_services


async def adopt_practice(screen: Screen, practice_id: str, *, where: str = "") -> PlanItem | None:
    """Adopt ``practice_id`` today and say so; None when it was already adopted or could not be saved.

    ``where`` follows the message, e.g. " (p)" to say which key shows the practice.
    """
    app = app_services(screen)
    name = practice_or_stand_in(app.library, practice_id).name
    try:
        item = await app.store_call(app.store.adopt, practice_id, app.today)
    except AlreadyAdopted:
        screen.notify(f"“{name}” is already in your practices.", markup=False)
        return None
    except StoreError as error:
        screen.notify(f"Could not add it: {error}", severity="error", markup=False)
        return None
    screen.notify(f"Added “{name}” to your practices. It is due today{where}.", markup=False)
    return item
