"""Speed-ups for the whole suite, none of which changes what a test sees or asserts.

Waiting. Textual's pilot waits for the app to go quiet after every key press (twice) and
every ``pilot.pause()``: it sleeps in steps of ``SLEEP_GRANULARITY`` (1/50 s) until a
step passes in which the process used under a twentieth of it in CPU. So every
wait costs at least one 20 ms step, most cost two, whatever the app did: about
4,000 waits, over two minutes of the suite's time asleep with nothing left to do.
Steps of 5 ms keep the same rule (a step with under 5 % CPU means idle) and wait as
long as the app keeps working. Message queues are still drained first
(``Pilot._wait_for_screen``), and a test that waits for a worker or a timer waits
for that condition, as before.

Why not shorter: work put off to the next frame (``call_after_refresh``, such as the
footer showing new keys) waits for the screen's 1/60 s timer, which a 20 ms step always
spans. A key press and a pause wait three times, so 5 ms steps come close; with 2 ms
steps the footer test in test_at_any_size.py once saw the old footer on a loaded
machine. A test that looks at such work after one pause leans on this margin.

Parsing CSS, and the cycle collector: see below.
"""

from __future__ import annotations

from textual import _wait
from textual.css.stylesheet import Stylesheet

from rootwork.tui.collector import tune_collector

IDLE_STEP = 1 / 200

if hasattr(_wait, "SLEEP_GRANULARITY") and hasattr(_wait, "SLEEP_IDLE"):
    _wait.SLEEP_GRANULARITY = IDLE_STEP
    _wait.SLEEP_IDLE = IDLE_STEP / 20


# Textual parses every CSS source again for each new App, and again for every App on
# each reparse (a new mode's screen adds its CSS: the whole stylesheet is parsed in a
# new Stylesheet, whose parse cache starts empty): about a seventh of the CPU of the
# pilot tests. The same text with the same variables always parses to the same rules,
# which Textual never changes once parsed (its own cache hands the same lists out
# again), so one worker parses each source once per theme. A parse that fails is not
# kept: it fails again, as before, in every test that meets it.
_parsed: dict[tuple, list] = {}
_parse_rules = getattr(Stylesheet, "_parse_rules", None)


def _parse_rules_once(self, css, read_from, is_default_rules=False, tie_breaker=0, scope=""):
    key = (css, read_from, is_default_rules, tie_breaker, scope, tuple(sorted(self._variables.items())))
    rules = _parsed.get(key)
    if rules is None:
        rules = _parsed[key] = _parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
    return rules


if _parse_rules is not None and hasattr(Stylesheet(), "_variables"):
    Stylesheet._parse_rules = _parse_rules_once


# The app collects cycles less often than CPython's default (tui/collector.py): every app a
# test starts sets that, so a test process sets it from its start, for the tests that start
# none too. Measured on four pilot-test files in one process (test_leaving, test_checkin,
# test_today, test_hostile_screens): 51.9 CPU-s at CPython's default, 41.9 with these.
tune_collector()
