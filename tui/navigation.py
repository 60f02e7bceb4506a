"""How one screen opens another: the app's ``Navigator`` answers the screens' requests (``tui/requests.py``).

Screens never import each other's modules, nor this one (import-linter
contracts): they post a request, which bubbles up to the app, and a handler
here imports the screen asked for when it is first opened. So a screen's module
loads only what it shows, Today paints without the editor or the self-check
loaded, and screens stay free to change on their own. ``tui/modes.py`` does the
same for the top-level screens, switched by name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.binding import Binding

from rootwork.tui.requests import (
    OpenCheckin,
    OpenInsights,
    OpenKeptAside,
    OpenPassphrase,
    OpenReframeEditor,
    OpenRehearsal,
    OpenSafetyPlan,
    OpenSelfCheck,
    OpenSettings,
)

if TYPE_CHECKING:
    from rootwork.tui.app import RootworkApp


#: The app's key for the safety plan: ``!`` from anywhere outside a text field (where it is typed).
SAFETY_PLAN_BINDING = Binding(
    "exclamation_mark",
    "safety_plan",
    "Safety plan",
    tooltip="Your safety plan: what helps and who to reach, in your words",
    id="app.safety-plan",
)


class Navigator:
    """Mixin for the app: opens the screen each request asks for."""

    def action_safety_plan(self) -> None:
        """Open the safety plan (``!``, the palette) over the current screen."""
        self.app_itself().post_message(OpenSafetyPlan())

    def on_open_safety_plan(self, request: OpenSafetyPlan) -> None:
        """Over the current screen, so nothing there is left; not again over itself."""
        from rootwork.tui.screens.safety_plan import SafetyPlanScreen

        app = self.app_itself()
        if not any(isinstance(screen, SafetyPlanScreen) for screen in app.screen_stack):
            app.push_screen(SafetyPlanScreen())

    def on_open_self_check(self, request: OpenSelfCheck) -> None:
        from rootwork.tui.screens.selfcheck import SelfCheckScreen

        self.app_itself().push_screen(SelfCheckScreen())

    def on_open_checkin(self, request: OpenCheckin) -> None:
        from rootwork.tui.screens.checkin import CheckinScreen

        self.app_itself().push_screen(CheckinScreen.for_day(request.day), request.callback)

    def on_open_insights(self, request: OpenInsights) -> None:
        from rootwork.tui.screens.insights import InsightsScreen

        self.app_itself().push_screen(InsightsScreen())

    def on_open_reframe_editor(self, request: OpenReframeEditor) -> None:
        from rootwork.tui.screens.reframe_editor import ReframeEditorScreen

        self.app_itself().push_screen(ReframeEditorScreen(request.reframe), request.callback)

    def on_open_rehearsal(self, request: OpenRehearsal) -> None:
        from rootwork.tui.screens.rehearse import RehearseScreen

        self.app_itself().push_screen(RehearseScreen(request.reframe_ids))

    def on_open_settings(self, request: OpenSettings) -> None:
        from rootwork.tui.screens.settings import SettingsScreen

        self.app_itself().push_screen(SettingsScreen())

    def on_open_passphrase(self, request: OpenPassphrase) -> None:
        """Over the current screen, not over itself, and only for an encrypted journal."""
        from rootwork.tui.screens.passphrase import PassphraseScreen

        app = self.app_itself()
        if app.store.codec.encrypting and not isinstance(app.screen, PassphraseScreen):
            app.push_screen(PassphraseScreen())

    def on_open_kept_aside(self, request: OpenKeptAside) -> None:
        """Not again over itself."""
        from rootwork.tui.screens.kept_aside import KeptAsideScreen

        app = self.app_itself()
        if not isinstance(app.screen, KeptAsideScreen):
            app.push_screen(KeptAsideScreen())

    def app_itself(self) -> RootworkApp:
        """The app this mixin is part of."""
        return cast("RootworkApp", self)
