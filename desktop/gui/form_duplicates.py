"""The duplicate warning: what a resident is looked up by, and the banner text for a match.

The entry form works out an :class:`IdentityKey` as the volunteer types and the main window
looks it up in the store (through the background-work helper); both sides meet here, so the
rule "same CCCD, or same folded name and birth year" is written once.

Strings keep the ``RecordForm`` translation context: they were the form's and the
Vietnamese catalogue holds them under that name.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.gui.date_field import ParsedDate
from sync.contract.normalize import digits, search_key

translate = QCoreApplication.translate


@dataclass(frozen=True)
class IdentityKey:
    """What a duplicate is looked up by: the CCCD, or the folded name and birth year."""

    cccd: str | None
    name_key: str
    birth_year: int | None
    exclude_id: uuid.UUID | None

    @property
    def searchable(self) -> bool:
        """Enough is typed to look for a duplicate (a full CCCD, or a name and birth year)."""
        return self.cccd is not None or bool(self.name_key and self.birth_year)


@dataclass(frozen=True)
class DuplicateHint:
    record_id: uuid.UUID
    full_name: str
    assisted_on: date
    same_cccd: bool


def identity_key(*, cccd_text: str, name_text: str, birth: ParsedDate,
                 exclude_id: uuid.UUID | None) -> IdentityKey:
    """The key for what is typed (a CCCD counts only once all 12 digits are there)."""
    cccd = digits(cccd_text)
    return IdentityKey(
        cccd=cccd if len(cccd) == 12 and cccd.isdigit() else None,
        name_key=search_key(name_text),
        birth_year=birth.day.year if birth.day else birth.year,
        exclude_id=exclude_id,
    )


def duplicate_hints(key: IdentityKey, rows: Iterable[Any]) -> list[DuplicateHint]:
    """Hints for the store's matching list rows (``id``, ``full_name``, ``assisted_on``,
    ``cccd``)."""
    return [DuplicateHint(record_id=r.id, full_name=r.full_name, assisted_on=r.assisted_on,
                          same_cccd=bool(key.cccd) and r.cccd == key.cccd)
            for r in rows]


def duplicate_text(hint: DuplicateHint) -> str:
    """The banner text (rich text, with a link carrying the record's id)."""
    reason = (translate("RecordForm", "the same CCCD number") if hint.same_cccd
              else translate("RecordForm", "the same name and birth year"))
    return translate(
        "RecordForm",
        "This laptop already has a record with {reason}: {name}, helped on {day}. "
        "<a href=\"{id}\">Open that record</a>").format(
            reason=reason, name=_html(hint.full_name),
            day=hint.assisted_on.strftime("%d/%m/%Y"), id=hint.record_id)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
