"""One module a screen, each with its style sheet beside it (its ``CSS_PATH``).

Screens never import one another (an import-linter contract): one asks the app for
another by message (``tui/requests.py``) and ``tui/navigation.py`` opens it. The
top-level ones (Today, Check-in, Causes, Reframes, Practices, Month, Help) are the
app's modes (``tui/modes.py``); the others are pushed over them: a record's page,
the editor, a rehearsal, the self-check, insights, settings, changing the
passphrase (``passphrase.py``), kept-aside answers, the disclaimer. ``unlock.py`` is apart: the screen where an encrypted journal's
passphrase is typed, shown by ``tui/unlock.py``'s small app before the journal opens.

A screen may import ``state``, ``content``, ``tui.widgets`` and ``tui``'s shared modules
(``text``, ``services``, ``requests``, ``showing``, ``leaving``, ``actions``, ...); never
another screen, ``tui.app``, ``tui.navigation`` or ``tui.cli`` (import-linter contracts,
pyproject.toml).
"""
