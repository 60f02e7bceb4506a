"""Encryption at rest, in the age format through pyrage: nothing here is cryptography of our own.

- ``header``: what an age file's header says (read as text), before anything is opened;
- ``identity``: the folder's X25519 identity, kept in ``identity.age`` under the passphrase;
- ``codec``: ``FileCodec``, the one place files are encrypted and decrypted;
- ``marker``: this machine's note that the folder is encrypted (never synced);
- ``folder``: ``encrypt`` and ``decrypt`` of a whole folder, and finishing one that was interrupted;
- ``strength``: how strong a new passphrase is, and four random words to suggest;
- ``privacy_check``: what ``rootwork doctor`` looks at in a journal's folder.

It may import ``state.files`` and ``state.records`` (errors), never the journal file, sync,
the store or the UI.
"""
