"""How often Python's cycle collector runs while the app is up.

Textual makes and drops tens of thousands of small objects a frame (strips,
segments, styles, messages), almost none of them in reference cycles, so
reference counting frees them. CPython's default thresholds still start a
young collection every 700 new container objects, and an older one, which
walks every widget of every screen, after every ten of those: about a fifth of
the CPU of our pilot tests (tests/conftest.py says how that was measured). A
young collection every 20,000 objects keeps the collector for what it is for,
cycles, and holds a cycle's memory a little longer.

Called by the program as it starts the app (``tui/cli/open_app.py``), never by the app object:
a library object does not retune its process. At the first call, everything alive (the modules, and the journal just
opened, which lives as long as the app) is frozen: left out of every later
collection, which would only find it alive again. Frozen objects are still
freed when their last reference goes, so a journal read again replaces the
old one as before. Start-up and peak memory are benchmark figures
(tests/benchmarks/bench.py, figures 1, 5 and 6).
"""

from __future__ import annotations

import gc

THRESHOLDS = (20_000, 20, 50)


def tune_collector() -> None:
    """Collect cycles less often, and freeze what is alive at the first call (see the module).

    Never turns the collector on, or tightens thresholds the process set higher.
    """
    young, *_ = gc.get_threshold()
    if 0 < young < THRESHOLDS[0]:
        gc.set_threshold(*THRESHOLDS)
    if gc.get_freeze_count() == 0:
        gc.freeze()
