"""The command palette: every action of the app by name, depending on the screen.

Textual's own provider already offers Theme (pick and preview a theme), Keys,
Screenshot and Quit; this one adds going to each screen, opening Settings and
the Kept aside view (answers two machines changed; tui/screens/kept_aside.py), and
every action the current screen (or the widget focused on it) has a key for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import ModalScreen, Screen

from rootwork.tui.requests import (  # each screen is imported on use
    OpenKeptAside,
    OpenPassphrase,
    OpenSafetyPlan,
    OpenSettings,
)

# Every Textual screen has these; moving focus and copying are not things to find by name.
INHERITED_ACTIONS = frozenset({"app.focus_next", "app.focus_previous", "screen.copy_text"})

GO_TO_COMMANDS = (
    ("Go to Today", "today", "Check-in status, what is due, quote of the day (t)"),
    ("Do today's check-in", "checkin", "Mood, how insecure today, signs, a note (i)"),
    ("Browse the causes", "causes", "The 13 root causes and their practices (c)"),
    ("Go to Reframes", "reframes", "Thought records of the inner critic (r)"),
    ("Go to Practices", "practices", "Your adopted practices and reviews (p)"),
    ("Go to the month calendar", "month", "A month of your work at a glance (m)"),
    ("Help and safety", "help", "Keys, disclaimer, professional help, crisis lines (?)"),
)

SETTINGS_COMMAND = (
    "Settings",
    "When a day starts, items due a day, first day of the week, reminder time (s on Help)",
)

PASSPHRASE_COMMAND = (
    "Change passphrase",
    "A new passphrase for your encrypted journal: only identity.age is rewritten (f6 in Settings)",
)

SAFETY_PLAN_COMMAND = (
    "Safety plan",
    "What helps in a hard moment and who to reach, in your own words (!)",
)

KEPT_ASIDE_COMMAND = (
    "Kept aside",
    "Answers changed on two machines without either seeing the other: choose what to keep",
)


@dataclass(frozen=True)
class PaletteCommand:
    """One entry of the palette: what it is called, what it does, a line of help."""

    name: str
    run: Callable[[], object]
    help: str


def screen_commands(screen: Screen) -> list[PaletteCommand]:
    """The actions ``screen`` has keys for right now, named as in its footer.

    Bindings of the screen itself count, and bindings a focused widget declares
    for the screen (``screen.*`` actions, as the self-check's panels do); a
    text field's editing keys do not, nor app keys (offered as "Go to ...").
    Actions the screen has switched off (``check_action`` False or None) are left out.
    """
    commands: list[PaletteCommand] = []
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        action = binding.action
        own = active.node is screen or action.startswith("screen.")
        if not own or not active.enabled or not binding.description or action in seen | INHERITED_ACTIONS:
            continue
        seen.add(action)
        key_name = screen.app.get_key_display(binding)
        help_text = binding.tooltip or binding.description
        commands.append(
            PaletteCommand(
                binding.description,
                partial(screen.app.run_action, action, active.node),
                f"{help_text} ({key_name})",
            )
        )
    return commands


def go_to_commands(app, current_mode: str | None) -> list[PaletteCommand]:
    """Going to every top-level screen except the one already shown."""
    return [
        PaletteCommand(name, partial(app.action_switch_mode, mode), help_text)
        for name, mode, help_text in GO_TO_COMMANDS
        if mode != current_mode or not _at_mode_root(app)
    ]


def settings_commands(app, screen: Screen) -> list[PaletteCommand]:
    """Opening Settings, from any screen but a question or form already over one (Settings itself among them)."""
    if isinstance(screen, ModalScreen):
        return []
    name, help_text = SETTINGS_COMMAND
    return [PaletteCommand(name, lambda: app.post_message(OpenSettings()), help_text)]


def passphrase_commands(app, screen: Screen) -> list[PaletteCommand]:
    """Changing the passphrase, while the journal is encrypted, from any screen but a question or form."""
    if isinstance(screen, ModalScreen) or not app.store.codec.encrypting:
        return []
    name, help_text = PASSPHRASE_COMMAND
    return [PaletteCommand(name, lambda: app.post_message(OpenPassphrase()), help_text)]


def kept_aside_commands(app, screen: Screen) -> list[PaletteCommand]:
    """Opening the Kept aside view, from any screen but a question or form over one, or the view itself.

    A screen that is the view says so with ``OFFERS_KEPT_ASIDE = False``.
    """
    if isinstance(screen, ModalScreen) or not getattr(screen, "OFFERS_KEPT_ASIDE", True):
        return []
    name, help_text = KEPT_ASIDE_COMMAND
    return [PaletteCommand(name, lambda: app.post_message(OpenKeptAside()), help_text)]


def safety_plan_commands(app, screen: Screen) -> list[PaletteCommand]:
    """Opening the safety plan, from every screen, questions and forms included, but the plan itself."""
    if not getattr(screen, "OFFERS_SAFETY_PLAN", True):
        return []
    name, help_text = SAFETY_PLAN_COMMAND
    return [PaletteCommand(name, lambda: app.post_message(OpenSafetyPlan()), help_text)]


def _at_mode_root(app) -> bool:
    # Inside an editor or a rehearsal, "Go to Reframes" still means something.
    return len(app.screen_stack) <= 1


class RootworkCommands(Provider):
    """Offers the current screen's actions first, then the other screens."""

    def _commands(self) -> list[PaletteCommand]:
        own = screen_commands(self.screen)
        # Help has its own key for Settings, Today for Kept aside: list each once, with that key.
        names = {command.name for command in own}
        app_wide = [
            c
            for c in (
                *settings_commands(self.app, self.screen),
                *kept_aside_commands(self.app, self.screen),
                *passphrase_commands(self.app, self.screen),
            )
            if c.name not in names
        ]
        # The safety plan first, on every screen: on a hard day it is the one to find.
        return [
            *safety_plan_commands(self.app, self.screen),
            *own,
            *go_to_commands(self.app, self.app.current_mode),
            *app_wide,
        ]

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.name, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            # Matching the help too finds "Rate: did it" by typing "rate" or a key's name.
            score = max(matcher.match(command.name), matcher.match(command.help) * 0.5)
            if score > 0:
                yield Hit(score, matcher.highlight(command.name), command.run, help=command.help)
