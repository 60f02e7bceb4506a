"""The theme the user picks is remembered in the journal's settings and used at the next start."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rootwork.tui.app import RootworkApp


def restore_theme(app: RootworkApp) -> None:
    """Use the remembered theme, then remember every later change (only those are the user's choice)."""
    theme = app.store.setting("theme")
    if theme in app.available_themes:
        app.theme = theme
    app.watch(app, "theme", lambda chosen: _remember(app, chosen), init=False)


def _remember(app: RootworkApp, theme: str) -> None:
    if app.store.read_only:  # the user has been told; a toast per previewed theme would nag
        return
    app.run_worker(_save(app, theme), group="theme")


async def _save(app: RootworkApp, theme: str) -> None:
    def save_if_changed() -> None:
        # Compared on the writer thread, in order with earlier saves: the theme
        # picker previews several themes in a row and the last one must win.
        if app.store.setting("theme") != theme:
            app.store.set_setting("theme", theme)

    try:
        await app.store_call(save_if_changed)
    except Exception as error:  # a theme not remembered is never fatal
        app.notify(f"The theme will not be remembered: {error}", severity="warning", markup=False)
