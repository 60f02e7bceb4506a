"""The rootwork library: causes, practices, signs, distortions, quotes and safety text.

Data lives in ``content/data`` as TOML files written in our own words; the loader
validates them and returns frozen dataclasses. No Textual here.

It imports nothing of rootwork but its own modules: ``state`` and ``tui`` import it, never
the other way.
"""

from rootwork.content.loader import ContentError, load_library
from rootwork.content.model import (
    Cause,
    Distortion,
    Introduction,
    JourneyPoint,
    Library,
    Manifestation,
    PlanPart,
    Practice,
    Quote,
    Safety,
    Sign,
)

__all__ = [
    "Cause",
    "ContentError",
    "Distortion",
    "Introduction",
    "JourneyPoint",
    "Library",
    "Manifestation",
    "PlanPart",
    "Practice",
    "Quote",
    "Safety",
    "Sign",
    "load_library",
]
