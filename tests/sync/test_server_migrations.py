"""The ward server's migrations build exactly the schema its models declare, on both databases:
a model changed without a migration (or the other way round) fails here, not in production."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine

from sync.server.linkage import models as _linkage_models  # noqa: F401  (its tables on Base)
from sync.server.models import Base
from sync.server.reports import models as _report_models  # noqa: F401  (its tables on Base)


def test_migrations_match_models(ward_db: Engine) -> None:
    with ward_db.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []
