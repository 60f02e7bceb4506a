"""List entries as tall as their lines, known without wrapping them.

An ``OptionList`` asks every option how tall it is before it can show the
first one: for five years of thought records, three thousand entries wrapped
twice at each width. A list whose style sheet says ``text-wrap: nowrap`` (and
an ``ellipsis`` overflow) cuts each line instead, so an entry is exactly as
tall as its lines; ``LineEntry`` answers that at once, and wraps like any
``Content`` under any other style.
"""

from __future__ import annotations

from textual.content import Content
from textual.css.styles import RulesMap


class LineEntry(Content):
    """``Content`` whose height under ``text-wrap: nowrap`` is counted, not wrapped."""

    def get_height(self, rules: RulesMap, width: int) -> int:
        if rules.get("text_wrap", "wrap") == "nowrap" and rules.get("text_overflow", "fold") != "fold":
            return self.plain.count("\n") + 1
        return super().get_height(rules, width)
