"""The entry form's autosave snapshot, kept inside the (encrypted) store.

A snapshot never changes what any view shows, so these operations report no change.
"""

from __future__ import annotations

from typing import Any

from desktop.store import Store
from desktop.store.form_draft import FormDraft


class DraftOps:
    def __init__(self, store: Store) -> None:
        self._drafts = FormDraft(store)

    def load(self) -> dict[str, Any] | None:
        return self._drafts.load()

    def save(self, snapshot: dict[str, Any]) -> None:
        self._drafts.save(snapshot)

    def clear(self) -> None:
        self._drafts.clear()
