"""Several machines keeping one journal: the rules, not the files.

- ``causal``: which save saw which (version vectors), so a merge never decides by clocks;
- ``merge``: the one merge rule for two versions of a journal, record by record;
- ``merge_fields``: merging two versions of one record field by field;
- ``machine``: this machine's id and its last write;
- ``names``: how a sync tool's conflict copy is recognised by its name;
- ``kept_aside``, ``kept_aside_words``: answers two machines gave without seeing each other, and their words.

It may import ``state.records``, ``state.files`` and ``state.journal_file``, and ``content`` (the
library, for ``kept_aside_words``); the store's own sync work (reading conflict copies, the
outbox, rebuilding) is in ``state.store``.
"""
