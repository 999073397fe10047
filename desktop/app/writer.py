"""Where store writes run: the one writer.

The GUI runs every store operation on its database worker. A sync runs on the network worker
(it waits on HTTP), so its store calls are handed to the database worker one by one: the
network worker only talks HTTP, and the store never sees two writers from this app. The CLI
has one thread and writes in place.

:class:`Writer` is that hand-over: ``writer(fn)`` runs ``fn`` where the store is written and
returns its result (re-raising its exception).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

T = TypeVar("T")


class Writer(Protocol):
    def __call__(self, fn: Callable[[], T], /) -> T: ...


def in_place(fn: Callable[[], T], /) -> T:
    """The writer of a one-thread program (the CLI, tests): run ``fn`` here."""
    return fn()
