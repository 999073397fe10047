"""What "erase a resident's personal data" removes from a record, on every copy of it.

Used by the ward server (``hotroso-server resident erase``, retention) and by the laptop when
it learns of an erasure at sync, so both ends remove exactly the same fields. What stays is
what the ward's reports count: when, where, which service, which volunteer, the result.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sync.contract.validation import ERASED_FIELDS

__all__ = ["ERASED_FIELDS", "anonymised", "holds_personal_data"]

#: The value each erased field takes (the contract's own "nothing entered").
_EMPTY: dict[str, Any] = {
    name: ("" if name in ("full_name", "address", "notes", "reason") else None)
    for name in ERASED_FIELDS
}


def anonymised(record: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of a record in its wire shape with every erased field emptied."""
    return {**record, **_EMPTY}


def holds_personal_data(record: Mapping[str, Any]) -> bool:
    return any(record.get(name) not in (None, "") for name in ERASED_FIELDS)
