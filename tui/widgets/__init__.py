"""The pieces screens are built from: data goes down into them, messages come up.

Form fields whose keys act in the order typed (``keys_in_order``, ``text_fields``,
``ticklist``, ``scale``, ``choice_field``), dialogs (``confirm``, ``conflict``), the
compact footer, and one widget a concept of a screen (the month grid, the practice
catalogue, the self-check's pages and results, a thought record's fields).

A widget may import ``state``, ``content``, the other widgets and ``tui``'s shared modules
(``text``, ``services``, ``option_ids``, ``keymap``, ``textual_compat``, ...); never a screen
(the screens import the widgets), nor ``tui.app``, ``tui.navigation`` or ``tui.cli`` (import-linter
contracts, pyproject.toml).
"""
