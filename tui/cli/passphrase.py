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

import getpass
import os
import stat
import sys
from pathlib import Path

from rootwork.state.encryption.codec import FileCodec, PassphraseError, PassphraseNeeded, WrongPassphrase
from rootwork.state.files.locations import resolve_data_dir
from rootwork.tui.cli.args import CommandRun, UsageError

ENV_PASSPHRASE = "ROOTWORK_PASSPHRASE"
KEYRING_SERVICE = "rootwork"
HINT = "give it with --passphrase-file FILE or $ROOTWORK_PASSPHRASE, or run from a terminal to be asked"


def read_passphrase_file(text: str) -> str:
    """The first line of a private passphrase file; UsageError unless it is a regular file only its owner can read."""
    path = Path(text).expanduser()
    from rootwork.state.files.regular_file import NotRegularFile, TooLarge, open_regular

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


def given_passphrase(args: CommandRun) -> str | None:
    """A passphrase given on the command line or in the environment; None if none.

    ``$ROOTWORK_PASSPHRASE`` is removed from the process's environment the
    first time it is read (kept with the command's arguments until the codec
    takes it: ``codec_for``), so no program this one starts inherits it.
    """
    if getattr(args, "passphrase_file", None):
        return read_passphrase_file(args.passphrase_file)
    if ENV_PASSPHRASE in os.environ:
        args.run_env_passphrase = os.environ.pop(ENV_PASSPHRASE) or None
    return args.run_env_passphrase


def keyring_passphrase(data_dir: Path) -> str | None:
    """The passphrase kept in the system keyring for ``data_dir``, when ``keyring`` is installed."""
    try:
        import keyring  # type: ignore[import-not-found]  # optional, never required: no types to check against
    except ImportError:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, str(data_dir)) or None
    except Exception:  # no usable keyring backend: as if none were installed
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


def codec_for(args: CommandRun, *, ask: bool = True) -> FileCodec:
    """The command's one codec (made once): the passphrase given, else, when a file needs one,
    the keyring's, else a prompt (with ``ask=False``, the app's: the keyring's only)."""
    codec = args.run_codec
    if codec is None:
        data_dir = resolve_data_dir(getattr(args, "data_dir", None))

        def find() -> str | None:
            return keyring_passphrase(data_dir) or (prompt() if ask else None)

        codec = FileCodec(given_passphrase(args), ask=find)
        args.run_codec = codec
        args.run_env_passphrase = None  # the codec holds it now, and drops it once the journal is open
    return codec


def needs_passphrase(data_dir: Path) -> bool:
    """True when opening the folder needs the passphrase (an encrypted journal, or one being converted)."""
    from rootwork.state.store.sealing import needs_passphrase as folder_needs_it

    return folder_needs_it(data_dir)


def new_passphrase(args: CommandRun, *, given: str | None = None) -> str:
    """A new passphrase: given (``--new-passphrase-file``, ``--passphrase-file``, the environment), or typed
    twice the same on a terminal. A weak one is said to be weak, with four random words as a suggestion,
    and must be confirmed (on a terminal, by answering; else with ``--accept-weak-passphrase``)."""
    from rootwork.state.encryption.strength import suggestion, weakness

    if given is None:
        given = given_passphrase(args)
    if given:
        why = weakness(given)
        if why and not getattr(args, "accept_weak_passphrase", False):
            raise UsageError(
                f"that passphrase is weak: {why} Choose a stronger one (four random words, such as "
                f"'{suggestion()}'), or add --accept-weak-passphrase; nothing was changed"
            )
        return given
    first = prompt("New passphrase: ")
    if first is None:
        raise UsageError(f"a new passphrase is needed: {HINT}")
    if not first:
        raise UsageError("an empty passphrase protects nothing; nothing was changed")
    why = weakness(first)
    if why:
        print(f"That passphrase is weak: {why}", file=sys.stderr)
        print(
            f"Four random words are easier to remember and much harder to guess, for example: {suggestion()}",
            file=sys.stderr,
        )
        if not confirm("Use the weak one anyway? [y/N] "):
            raise UsageError("no passphrase was set; nothing was changed")
    if prompt("The same passphrase again: ") != first:
        raise UsageError("the two passphrases differ; nothing was changed")
    return first


def confirm(question: str) -> bool:
    """A yes from the terminal (echoed: it is not a secret); no without a terminal."""
    if not on_terminal():
        return False
    print(question, end="", file=sys.stderr, flush=True)
    try:
        return sys.stdin.readline().strip().lower() in ("y", "yes")
    except (OSError, ValueError):
        return False


def passphrase_usage(error: PassphraseError) -> UsageError:
    """The one line for a missing or wrong passphrase (exit 2)."""
    if isinstance(error, WrongPassphrase):
        return UsageError(f"{error}; nothing was changed")
    if isinstance(error, PassphraseNeeded):
        return UsageError(f"{error}: {HINT}")
    return UsageError(str(error))
