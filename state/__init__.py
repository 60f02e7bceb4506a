"""The journal and its files, never Textual: folders named for what they hold, importing downwards only.

From the bottom: ``records`` (the records and their rules), ``files`` (files on disk),
``encryption`` (age through pyrage), ``journal_file`` (the journal's own file),
``sync`` (several machines), ``store`` (the Store the UI and the command line use),
then ``exchange`` (exports) and ``demo`` (made-up journals). A folder imports only
those below it (import-linter, pyproject.toml); each folder's ``__init__`` says what
it holds.
"""
