"""The import/export tests use the store tests' fixtures: a real store file and a profile."""

from tests.store.conftest import profile, store

__all__ = ["profile", "store"]
