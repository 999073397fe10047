"""Alembic environment for the local store.

Migrations run programmatically (``desktop.store.migrate.upgrade``), which hands over an open
connection in ``config.attributes["connection"]``; running ``alembic`` from a shell also works
with ``-x db=PATH``.
"""

from __future__ import annotations

from pathlib import Path

from alembic import context

from desktop.store.engine import create_store_engine
from desktop.store.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things: batch mode rebuilds tables when a column changes.
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    db = context.get_x_argument(as_dictionary=True).get("db")
    if not db:
        raise SystemExit("pass the database file: alembic -x db=PATH/hotroso.sqlite3 ...")
    engine = create_store_engine(Path(db))
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()
