from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store import Store
from desktop.store.profile import Profile
from tests.store.factories import add_profile, open_store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "data")
    yield opened
    opened.close()


@pytest.fixture
def profile(store: Store) -> Profile:
    return add_profile(store)
