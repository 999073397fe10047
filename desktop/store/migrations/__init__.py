"""Alembic migrations of the local store (see :mod:`desktop.store.migrate` for conventions)."""
