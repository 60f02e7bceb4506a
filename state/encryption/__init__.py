"""Encryption at rest, in the age format through pyrage: nothing here is cryptography of our own.

- ``header``: what an age file's header says (read as text), before anything is opened;
- ``identity``: the folder's X25519 identity, kept in ``identity.age`` under the passphrase;
- ``codec``: ``FileCodec``, the one place files are encrypted and decrypted;
- ``marker``: this machine's note that the folder is encrypted (never synced);
- ``folder``: ``encrypt`` and ``decrypt`` of a whole folder, and finishing one that was interrupted;
- ``strength``: how strong a new passphrase is, and four random words to suggest.

It may import ``state.atomic``, ``state.regular_file``, ``state.locations`` and
``state.errors`` (files on disk), never the store, sync or the UI.
"""
