"""What rootwork adds to Textual's app, as screens and widgets see it: ``app_services(self).store``.

Textual types ``self.app`` as a plain ``App``, which has no store, library or
day. Screens and widgets may not import ``rootwork.tui.app`` (import-linter's
contracts in pyproject.toml), so they ask ``app_services`` instead: it checks
that the app is one that offers them (``RootworkApp`` is an ``AppServices``) and returns it typed. Textual's own API
(push_screen, notify, ...) is still reached through ``self.app``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

    from rootwork.content import Library
    from rootwork.state.store import Store

T = TypeVar("T")


class AppServices:
    """Base of the app: the store, the library and the day, declared for type checkers only.

    ``RootworkApp`` defines each of them; nothing here exists at run time, so the
    app's behaviour is its own.
    """

    if TYPE_CHECKING:
        store: Store
        library: Library

        def now(self) -> datetime:
            """The current local time, from the clock the app was given."""

        @property
        def today(self) -> date:
            """The rootwork day now (a day starts at ``day_start_hour``), or the fixed day given."""

        async def store_call(self, fn: Callable[..., T], *args, **kwargs) -> T:
            """Run a store operation off the event loop, in order with every other save."""


def app_services(node: MessagePump) -> AppServices:
    """The app ``node`` runs in, as rootwork's app (its store, library and day)."""
    app = node.app
    if not isinstance(app, AppServices):
        msg = f"{type(app).__name__} is not rootwork's app: it has no store, library or day"
        raise TypeError(msg)
    return app
