"""The few places rootwork leans on Textual's private behaviour, each behind one function.

Textual has no public API for these. tests/tui/test_textual_compat.py fails if
a Textual release changes what they rely on; pyproject.toml caps Textual below
its next major version for the same reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# Textual exports its Footer but not the FooterKey it is made of (textual.widgets._footer): the compact
# footer (tui/widgets/footer.py) styles those keys, and the tests look for them.
from textual.widgets._footer import FooterKey  # noqa: PLC2701 - the one import of a private Textual module

__all__ = ["CrashHook", "FooterKey", "close_after_crash", "skip_restyling_a_new_screen"]

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual.app import App
    from textual.screen import Screen


class CrashHook:
    """An App mixin: Textual's hook for an unhandled error calls ``crashed`` instead of printing every frame.

    Textual calls ``App._handle_exception`` with every unhandled error, and its
    own version prints a traceback with each frame's local variables, which
    hold what the user wrote. Textual has no public hook for this, so the
    override lives here, once, for every app of rootwork's.
    """

    def crashed(self, error: Exception) -> None:
        """Log ``error`` privately and end the app (``close_after_crash``); each app says where its log goes."""
        raise NotImplementedError

    def _handle_exception(self, error: Exception) -> None:
        self.crashed(error)


def close_after_crash(app: App, error: Exception, message: RenderableType) -> None:
    """End the app at once with exit code 1 and ``message`` on the terminal, as ``App._handle_exception`` does.

    The app's own ``_handle_exception`` (the hook Textual calls with an unhandled
    error) calls this instead of Textual's, which prints every frame's variables.
    """
    app._return_code = 1
    # Pilot tests re-raise the first exception when the app closes; keep that.
    if app._exception is None:
        app._exception = error
        app._exception_event.set()
    app._exit_renderables.append(message)
    app._close_messages_no_wait()


def skip_restyling_a_new_screen(screen: Screen) -> None:
    """Spare a mode's new screen the two full style-sheet re-parses Textual gives it (tens of ms at start-up).

    A screen starts with ``_css_update_count`` -1, so ``App._init_mode`` and
    then ``App.switch_mode`` each call ``refresh_css``, which re-parses every
    style sheet the app holds, though the new screen's widgets are styled when
    they mount anyway. Only that is skipped, and only while the style sheet
    already holds the current theme's variables: after a change not yet applied
    (Textual applies a theme change on the next message) the re-parse happens.
    """
    app = screen.app
    if getattr(app.stylesheet, "_variables", None) == app.get_css_variables():
        screen._css_update_count = app._css_update_count
