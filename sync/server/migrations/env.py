"""Alembic environment for the ward server: runs on the engine handed over by migrate.py."""

from __future__ import annotations

from alembic import context

from sync.server.linkage import models as _linkage_models  # noqa: F401  (its tables on Base)
from sync.server.models import Base
from sync.server.reports import models as _report_models  # noqa: F401  (its tables on Base)

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # pragma: no cover - only when someone runs the alembic CLI by hand
    from sync.server.db import create_server_engine

    engine = create_server_engine(config.get_main_option("sqlalchemy.url"))

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
