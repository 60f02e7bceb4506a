"""Text plots for the insights screen: a sparkline with gaps, and a strength bar.

Plain strings, so they can be tested without an app and read without colour.
A stretch with no check-in is left blank: the plot shows what was done, never a
row of marks for what was not (the lowest bar is a check-in at 0).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

BARS = "▁▂▃▄▅▆▇█"
GAP = " "


def days_per_mark(count: int, width: int) -> int:
    """How many days one character stands for, so ``count`` days fit in ``width`` characters."""
    return max(1, math.ceil(count / max(1, width)))


def spark_line(values: Sequence[int | None], width: int, high: int = 10) -> str:
    """One character per day (or per few days when there are more than ``width``): higher bar, higher value.

    A character covering several days shows their average; one with no value at all is blank.
    """
    step = days_per_mark(len(values), width)
    marks = []
    for start in range(0, len(values), step):
        present = [v for v in values[start : start + step] if v is not None]
        if not present:
            marks.append(GAP)
            continue
        average = sum(present) / len(present)
        index = round(min(max(average, 0), high) / high * (len(BARS) - 1))
        marks.append(BARS[index])
    return "".join(marks)


def strength_bar(strength: float, width: int = 10) -> str:
    """``█████░░░░░`` for 0.5: filled cells for how strong, light ones for the rest."""
    filled = round(min(max(strength, 0.0), 1.0) * width)
    return "█" * filled + "░" * (width - filled)
