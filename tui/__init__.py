"""The Textual app for rootwork, and the command line that starts it.

- the app: ``app.py`` (modes, global keys, the store; small), ``app_parts.py`` (notices,
  a too-small window, pastes, crashes), ``modes.py`` (the top-level screens), ``navigation.py``
  (the one way a screen opens another), ``commands.py`` (the palette);
- the journal on screen: ``store_thread.py`` (the one writer thread), ``store_bridge.py``
  (changes made elsewhere), ``showing.py`` (a screen's work when shown), ``warm_up.py``,
  ``theme_memory.py``;
- keys: ``keymap.py`` (the user's keymap file), ``keymap_catalogue.py`` (every binding),
  ``keymap_table.py`` (the README's table); leaving a form: ``leaving.py``;
- text and layout: ``text.py`` (user text is never markup), ``reframe_text.py``, ``layout.py``;
- failures: ``crash.py``, ``crash_log.py``;
- the passphrase: ``unlock.py`` (the small app that hosts ``screens/unlock.py`` before the
  journal opens), ``screens/unlock.py`` (the screen where it is typed), ``screens/passphrase.py``
  (changing it in the app), ``cli/passphrase.py`` (where a command reads it: a file, the
  environment, the keyring, a prompt);
- ``collector.py``: the garbage collector's settings the program applies;
- ``textual_compat.py``: the one module on Textual's private side (pinned, tested);
- ``screens/`` (one module and style sheet a screen), ``widgets/`` (their pieces),
  ``cli/`` (the ``rootwork`` command).

It may import ``state`` and ``content``; nothing in ``state`` or ``content`` imports it.
"""
