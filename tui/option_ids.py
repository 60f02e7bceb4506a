"""The id of an option in one of rootwork's lists: every option is made with one.

Textual types ``Option.id`` as optional. The lists here name what each option
shows (a cause, a practice, a due item) by its id, so an option without one is a
bug; it is raised as the ``KeyError`` a look-up by that id would have raised.
"""

from __future__ import annotations

from textual.widgets.option_list import Option


def option_id(option: Option) -> str:
    """``option``'s id, which every option rootwork lists is given."""
    if option.id is None:
        raise KeyError(None)
    return option.id
