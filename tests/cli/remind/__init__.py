"""``rootwork remind``: the reminder (test_reminder.py) and its daily timer (test_timer.py).

The system is never touched: ``notify-send``, ``osascript``, ``systemctl`` and
``launchctl`` are fakes on a PATH of their own (each records its arguments),
HOME is a temporary folder, the platform is a parameter and the clock is ``now``
(fakes.py; the fixtures are in conftest.py).
"""
