"""Help and safety: the safety plan, crisis lines and professional help first, then every key, then the disclaimer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from rootwork.content import Safety
from rootwork.tui.requests import OpenSettings
from rootwork.tui.services import app_services
from rootwork.tui.text import MUTED, paragraphs, section
from rootwork.tui.widgets.footer import CompactFooter

GLOBAL_KEYS = (
    ("!", "Your safety plan: what helps in a hard moment and who to reach, in your words"),
    ("t", "Today: your check-in, what is due, a quote, your week"),
    ("i", "Check-in: mood, how insecure today, signs, a note"),
    ("c", "Causes: the 13 roots, the introduction and the healing journey"),
    ("r", "Reframes: thought records and rehearsing them"),
    ("p", "Practices: your adopted practices and their reviews"),
    ("m", "Month: the calendar of your work"),
    ("?", "This help and safety page"),
    ("ctrl+p", "Command palette: every action by name"),
    ("q", "Quit (asks first if a form holds something unsaved)"),
)
FORM_KEYS = (
    ("tab / shift+tab", "Next / previous field"),
    ("ctrl+s", "Save the form"),
    ("escape", "Leave the form (asks first if something would be lost; so do q and the screen keys)"),
)
MONTH_KEYS = (
    ("←↑↓→", "Move a day, or a week"),
    ("PgUp / PgDn", "The month before / after"),
    ("Home", "Back to today"),
    ("enter / e", "Open the selected day / its check-in"),
    ("g", "Insights: what the months add up to"),
)
SETTINGS_KEYS = (
    ("s", "On this page: settings (when a day starts, items due a day, first day of the week, reminder)"),
    ("ctrl+p", "Anywhere: type “settings” in the command palette"),
)
REVIEW_KEYS = (
    ("1", "Didn't manage: tried, and it was a hard one (comes back sooner)"),
    ("2", "Struggled: did it, with effort"),
    ("3", "Did it"),
    ("4", "Came easily: felt natural (comes back much later)"),
    ("s", "Not today: comes back tomorrow, nothing lost"),
    ("l", "On Today: make today lighter (two things at most, the rest come on the next days)"),
)


def key_table(rows: tuple[tuple[str, str], ...]) -> Content:
    width = max(len(key) for key, _ in rows) + 2
    return Content("\n").join(Content.assemble((f"  {key:<{width}}", "bold $accent"), text) for key, text in rows)


def help_content(safety: Safety) -> Content:
    return paragraphs(
        Content.styled("Help and safety", "bold"),
        section(
            "Your safety plan: press !",
            "From any screen (outside a text field) or the command palette: what helps in a hard moment, "
            "the people to reach and your reasons to keep going, in your own words. Write it on a calmer day, "
            "so it is there on a hard one.",
        ),
        section("If you are in crisis", safety.crisis_lines),
        section("When to seek professional help", safety.professional_help),
        Content.styled(
            "The letter keys work anywhere outside a text field; in one, letters are text: tab moves on, "
            "and escape leaves the form (asking first when something would be lost).",
            MUTED,
        ),
        section("Everywhere", key_table(GLOBAL_KEYS)),
        section("In forms", key_table(FORM_KEYS)),
        section("Reviewing a practice or a reframe", key_table(REVIEW_KEYS)),
        section("On the month", key_table(MONTH_KEYS)),
        section("Settings", key_table(SETTINGS_KEYS)),
        section("About rootwork", safety.disclaimer),
    )


class HelpScreen(Screen[None]):
    """Safety first (crisis lines, when to seek help), then the keys: both are what people come here for."""

    CSS_PATH = "help.tcss"

    BINDINGS = [
        Binding(
            "s",
            "settings",
            "Settings",
            tooltip="When a day starts, items due a day, first weekday, reminder",
            id="help.settings",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sub_title = "Help and safety"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="help-scroll"):
            yield Static(help_content(app_services(self).library.safety), id="help-body")
        yield CompactFooter()

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def action_settings(self) -> None:
        """Open the settings form over this page."""
        self.post_message(OpenSettings())
