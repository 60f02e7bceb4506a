"""Set-up for the whole suite: the suite runs the Textual users get, unpatched.

The cycle collector: the app collects cycles less often than CPython's default
(tui/collector.py, set by the entry point, tui/cli/open_app.py). Every test
process is an entry point too, so it sets the same from its start, for the
tests that start no app as well. Measured on four pilot-test files in one
process (test_leaving, test_checkin, test_today, test_hostile_screens): 51.9
CPU-s at CPython's default, 41.9 with these.
"""

from __future__ import annotations

import os

import pytest

from rootwork.tui.collector import tune_collector

tune_collector()


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto`` (pyproject's addopts) starts two workers a CPU.

    A pilot test spends much of its time waiting for the app to go idle (the
    pilot sleeps 20 ms steps after every key), time another worker can use.
    Measured on 2 CPUs, whole suite: 5 min 31 s with two workers, 4 min 11 s
    with four (the CPU time itself, scrypt's half included, is the floor).
    """
    return 2 * (os.cpu_count() or 1)
