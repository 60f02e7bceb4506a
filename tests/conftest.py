"""Set-up for the whole suite: the suite runs the Textual users get, unpatched.

The cycle collector: the app collects cycles less often than CPython's default
(tui/collector.py, set by the entry point, tui/cli/open_app.py). Every test
process is an entry point too, so it sets the same from its start, for the
tests that start no app as well. Measured on four pilot-test files in one
process (test_leaving, test_checkin, test_today, test_hostile_screens): 51.9
CPU-s at CPython's default, 41.9 with these.
"""

from __future__ import annotations

from rootwork.tui.collector import tune_collector

tune_collector()
