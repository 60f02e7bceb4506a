"""The ``rootwork`` command line: ``main`` parses the arguments (``args``) and runs a command.

One module a command or concern: ``open_app`` (the full-screen app, the demo), ``store`` (opening the
journal for a command), ``output`` (a closed pipe is not a crash), ``conflicts``, ``doctor``,
``encrypt``, ``importing``, ``merge``, ``passphrase``, ``remind`` (a reminder that names nothing private,
and its daily timer). It may import the rest of ``tui`` and ``state``;
nothing in ``tui`` imports it.
"""
