"""The command palette: every action of the app by name, depending on the screen."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

GLOBAL_COMMANDS = (
    ("Go to Today", "today", "Check-in status, what is due, quote of the day"),
    ("Do today's check-in", "checkin", "Mood, how insecure today, signs, a note"),
    ("Browse the causes", "causes", "The 13 root causes and their practices"),
    ("Reframes", "reframes", "Thought records of the inner critic"),
    ("Practices", "practices", "Your adopted practices and reviews"),
    ("Month calendar", "month", "A month of your work at a glance"),
    ("Help and safety", "help", "Keys, disclaimer, professional help, crisis lines"),
)


class RootworkCommands(Provider):
    """Offers the app's modes and the current screen's bindings by name."""

    def _commands(self) -> list[tuple[str, object, str]]:
        app = self.app
        commands: list[tuple[str, object, str]] = [
            (name, partial(app.switch_mode, mode), help_text) for name, mode, help_text in GLOBAL_COMMANDS
        ]
        screen = self.screen
        for binding in getattr(screen, "BINDINGS", []):
            description = getattr(binding, "description", "")
            if description and not str(binding.action).startswith("app."):
                commands.append(
                    (description, partial(screen.run_action, binding.action), binding.tooltip or "")
                )
        return commands

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
