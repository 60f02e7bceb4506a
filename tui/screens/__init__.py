"""One module a screen, each with its style sheet beside it (its ``CSS_PATH``).

Screens never import one another (an import-linter contract): one opens another
through ``tui/navigation.py``. The top-level ones (Today, Check-in, Causes,
Reframes, Practices, Month, Help) are the app's modes (``tui/modes.py``); the
others are pushed over them: a record's page, the editor, a rehearsal, the
self-check, insights, settings, the passphrase (``passphrase.py`` changes it;
``unlock.py`` asks for it when the app starts on an encrypted journal), kept-aside
answers, the disclaimer.
"""
