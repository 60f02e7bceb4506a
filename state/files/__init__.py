"""Files on disk, whatever they hold: one atomic write, private files, the lock, where things live.

- ``atomic``: write a file so a crash leaves the old one or the new one, never a mix;
- ``private_file``: files only their owner can read;
- ``process_lock``: one writer at a time on a journal folder;
- ``locations``: where the data folder and keymap are, and the fixed names in them (backups, conflict copies
  and an export's temporary file are named where they are made: its docstring says where);
- ``regular_file``: reading a file that must be a regular file of bounded size (never a FIFO or a device);
- ``syncthing_ignore``: which paths a Syncthing folder's ``.stignore`` leaves out.

It may import ``state.records`` (errors) only.
"""
