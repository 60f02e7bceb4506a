"""The journal's own file: its layout, reading it lazily and strictly, saving it, its backups.

- ``layout``: one table a line with a ``~layout`` index, so the reviews can wait to be parsed;
- ``deferred_table``: a table left as checked bytes until something reads it;
- ``storage``: the TinyDB storages that write the journal atomically (and encrypted, given a codec);
- ``reuse``: keeping the objects that did not change when the file is read again;
- ``salvage``: what can still be read of a damaged file;
- ``backups``: the daily backups and their names;
- ``strict_json``: parsing an import or a conflict copy as JSON, strictly.

It may import ``state.records``, ``state.files`` and ``state.encryption``; never sync, the store or the UI.
"""
