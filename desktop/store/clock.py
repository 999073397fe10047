"""Injected time: the store never calls ``datetime.now()`` itself, so tests can fix the clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

#: A callable returning the current moment as an aware datetime.
Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Now, in UTC (stored times are always UTC; the GUI converts for display)."""
    return datetime.now(UTC)


def fixed_clock(moment: datetime) -> Clock:
    """A clock that always answers ``moment`` (for tests and reproducible scripts)."""
    if moment.tzinfo is None:
        raise ValueError("fixed_clock needs an aware datetime (with tzinfo)")
    return lambda: moment
