"""Where an encrypted journal's passphrase comes from, for every command and the app.

In this order: ``--passphrase-file FILE`` (a regular file only its owner may read, its
first line), ``$ROOTWORK_PASSPHRASE``, the system keyring when the optional
``keyring`` package is installed (service ``rootwork``, user the data folder),
else a prompt on the terminal without echo. Nothing is asked until a file
turns out to be encrypted (``FileCodec``'s ``ask``), so plain journals never
see a prompt. With no terminal and no passphrase, the command exits 2 with one
line; so does a wrong passphrase, and nothing is written either way.

The app does not prompt here: with no passphrase at hand it shows its own
screen (``tui.unlock``).
"""

from __future__ import annotations

import argparse
import getpass
import os
import stat
import sys
from pathlib import Path

from rootwork.state.codec import FileCodec, PassphraseError, PassphraseNeeded, WrongPassphrase, is_encrypted
from rootwork.state.locations import database_path, resolve_data_dir
from rootwork.tui.cli_args import UsageError

ENV_PASSPHRASE = "ROOTWORK_PASSPHRASE"
KEYRING_SERVICE = "rootwork"
# The scrypt work factor for a new key (age's own); tests lower it to stay fast.
WORK_FACTOR = 18
_CODEC = "_rootwork_codec"
HINT = "give it with --passphrase-file FILE or $ROOTWORK_PASSPHRASE, or run from a terminal to be asked"


def read_passphrase_file(text: str) -> str:
    """The first line of a private passphrase file; UsageError unless it is a regular file only its owner can read."""
    path = Path(text).expanduser()
    from rootwork.state.regular_file import NotRegularFile, TooLarge, open_regular

    try:
        fd, info = open_regular(path, 64 * 1024)
    except NotRegularFile as error:
        raise UsageError(f"the passphrase file {text} is {error.kind}, not a regular file") from None
    except TooLarge:
        raise UsageError(f"the passphrase file {text} is larger than 64 KiB, too large to be one") from None
    except OSError as error:
        raise UsageError(f"cannot read the passphrase file {text}: {error.strerror or error}") from None
    except ValueError:
        raise UsageError(f"{text} cannot be a file name") from None
    try:
        if stat.S_IMODE(info.st_mode) & 0o077:  # 0600 or 0400: only its owner may read it
            raise UsageError(
                f"the passphrase file {text} can be read by others (mode {stat.S_IMODE(info.st_mode):o}); "
                f"make it private with 'chmod 600 {text}'"
            )
        raw = os.read(fd, 64 * 1024)
    finally:
        os.close(fd)
    try:
        line = raw.decode("utf-8").splitlines()[0] if raw.strip() else ""
    except UnicodeDecodeError:
        raise UsageError(f"the passphrase file {text} is not UTF-8 text") from None
    if not line:
        raise UsageError(f"the passphrase file {text} is empty")
    return line


def given_passphrase(args: argparse.Namespace) -> str | None:
    """A passphrase given on the command line or in the environment; None if none."""
    if getattr(args, "passphrase_file", None):
        return read_passphrase_file(args.passphrase_file)
    return os.environ.get(ENV_PASSPHRASE) or None


def keyring_passphrase(data_dir: Path) -> str | None:
    """The passphrase kept in the system keyring for ``data_dir``, when ``keyring`` is installed."""
    try:
        import keyring  # optional: never required
    except ImportError:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, str(data_dir)) or None
    except Exception:  # noqa: BLE001 - no usable keyring backend: as if none were installed
        return None


def on_terminal() -> bool:
    """True when a passphrase can be asked for (stdin and stderr are a terminal)."""
    try:
        return sys.stdin.isatty() and sys.stderr.isatty()
    except (ValueError, OSError):
        return False


def prompt(words: str = "Passphrase for your journal: ") -> str | None:
    """Ask on the terminal without echo; None when there is no terminal."""
    if not on_terminal():
        return None
    try:
        return getpass.getpass(words, stream=sys.stderr)
    except EOFError:
        return None


def codec_for(args: argparse.Namespace, *, ask: bool = True) -> FileCodec:
    """The command's one codec (made once): the passphrase given, else, when a file needs one,
    the keyring's, else a prompt (with ``ask=False``, the app's: the keyring's only)."""
    codec = getattr(args, _CODEC, None)
    if codec is None:
        data_dir = resolve_data_dir(getattr(args, "data_dir", None))

        def find() -> str | None:
            return keyring_passphrase(data_dir) or (prompt() if ask else None)

        codec = FileCodec(given_passphrase(args), work_factor=WORK_FACTOR, ask=find)
        setattr(args, _CODEC, codec)
    return codec


def journal_is_encrypted(data_dir: Path) -> bool:
    """True when the journal in ``data_dir`` is an age file (its first bytes read, without locking it).

    Anything but a regular file is not opened at all (``state.regular_file``):
    ``open_store`` then says what it is.
    """
    from rootwork.state.regular_file import NotRegularFile, TooLarge, open_regular

    try:
        fd, _info = open_regular(database_path(data_dir))
    except (OSError, ValueError, NotRegularFile, TooLarge):
        return False
    try:
        return is_encrypted(os.read(fd, 64))
    except OSError:
        return False
    finally:
        os.close(fd)


def passphrase_usage(error: PassphraseError) -> UsageError:
    """The one line for a missing or wrong passphrase (exit 2)."""
    if isinstance(error, WrongPassphrase):
        return UsageError(f"{error}; nothing was changed")
    if isinstance(error, PassphraseNeeded):
        return UsageError(f"{error}: {HINT}")
    return UsageError(str(error))
