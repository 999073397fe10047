"""Bring a store database to the newest schema, at start-up, without a shell.

Conventions for anyone adding a table or column (the sync engineer, say):

- Change :mod:`desktop.store.models` first, then add ONE new revision file in
  ``desktop/store/migrations/versions/`` named ``NNNN_what_it_does.py`` with
  ``revision = "NNNN"`` and ``down_revision`` = the previous head. Generate a draft with
  ``alembic -c desktop/store/migrations/alembic.ini -x db=/tmp/x.sqlite3 revision
  --autogenerate -m "..."`` against a database upgraded to the current head, then read and tidy it.
- Never edit a revision that has shipped: laptops in the field already ran it.
- SQLite cannot ALTER columns: use ``with op.batch_alter_table("t") as batch:`` (env.py turns
  batch mode on), and give new NOT NULL columns a ``server_default`` so existing rows get a value.
- Index/constraint names follow ``models.NAMING_CONVENTION``; name indexes explicitly.
- Data migrations use ``op.get_bind()`` and plain SQL, never the ORM models (they change later).
- ``tests/store/test_migrations.py`` checks that a database created at the first revision
  upgrades to head and that the migrated schema matches the models exactly.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the store has no migrations"
    return head


def known_revisions() -> set[str]:
    """Every revision this version of the app knows (a newer app's database has others)."""
    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply every pending migration in one transaction (SQLite DDL is transactional).

    A no-op when the database is already at ``revision``; cheap enough to run at every start.
    """
    target = head_revision() if revision == "head" else revision
    if current_revision(engine) == target:
        return
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)
