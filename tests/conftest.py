"""Settings for the whole suite.

Textual's pilot waits for the app to go quiet after every key press (twice) and
every ``pilot.pause()``: it sleeps in steps of ``SLEEP_GRANULARITY`` (1/50 s) until a
step passes in which the process used under a twentieth of it in CPU. So every
wait costs at least one 20 ms step, most cost two, whatever the app did: about
4,000 waits, over two minutes of the suite's time asleep with nothing left to do.
Steps of 2 ms keep the same rule (a step with under 5 % CPU means idle) and
wait as long as the app keeps working. Message queues are still drained first
(``Pilot._wait_for_screen``), and a test that waits for a worker or a timer waits
for that condition, as before.
"""

from __future__ import annotations

from textual import _wait

IDLE_STEP = 1 / 500

if hasattr(_wait, "SLEEP_GRANULARITY") and hasattr(_wait, "SLEEP_IDLE"):
    _wait.SLEEP_GRANULARITY = IDLE_STEP
    _wait.SLEEP_IDLE = IDLE_STEP / 20
