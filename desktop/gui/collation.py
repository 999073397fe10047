"""Vietnamese name order (Qt's collator), handed to the application layer for name sorts."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import QCollator, QCollatorSortKey, QLocale, Qt


def vietnamese_collator() -> QCollator:
    collator = QCollator(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    collator.setNumericMode(True)
    return collator


def vietnamese_name_order(names: Sequence[tuple[uuid.UUID, str]],
                          descending: bool = False) -> list[uuid.UUID]:
    """Ids ordered the Vietnamese way: by given name (the last word), then the whole name.

    Vietnamese lists are read by given name ("Hoà" in "Nguyễn Thị Hoà"), with the Vietnamese
    alphabet (a ă â b c d đ e ê …), which folding accents would get wrong.
    """
    collator = vietnamese_collator()

    def key(item: tuple[uuid.UUID, str]) -> tuple[QCollatorSortKey, QCollatorSortKey]:
        name = item[1].strip()
        given = name.rsplit(" ", 1)[-1] if name else ""
        return (collator.sortKey(given), collator.sortKey(name))

    return [record_id for record_id, _ in sorted(names, key=key, reverse=descending)]
