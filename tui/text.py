"""Build styled ``Content`` from plain text, so user and library text is never parsed as markup."""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content

HEADING = "bold $accent"
SUBHEADING = "bold"
MUTED = "$text-muted"


def heading(text: str) -> Content:
    """A section heading."""
    return Content.styled(text, HEADING)


def paragraphs(*parts: str | Content) -> Content:
    """Join blocks of text with a blank line between them."""
    return Content("\n\n").join(Content(p) if isinstance(p, str) else p for p in parts if p)


def bullets(items: Iterable[str], marker: str = "•") -> Content:
    """A bulleted list, one item a line."""
    return Content("\n").join(Content.assemble(f"  {marker} ", item) for item in items)


def section(title: str, body: str | Content) -> Content:
    """A heading followed by its body."""
    return Content.assemble(heading(title), "\n", body)


def label_value(label: str, value: str) -> Content:
    """``label: value`` with the label muted."""
    return Content.assemble((f"{label}: ", MUTED), value)
