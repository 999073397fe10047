"""One server address: the profile's. The enrolment row stops carrying its own copy.

Before, the address lived in ``profile.server_url`` and again in the ``sync.enrolment`` row,
kept in step by hand. The enrolment's copy is the one sync used, so it wins: it is written
into the profile, then dropped from the enrolment.

Revision ID: 0004_b
Revises: 0004_e
Create Date: 2026-12-02
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0004_b"
down_revision = "0004_e"
branch_labels = None
depends_on = None

ENROLMENT = "sync.enrolment"


def upgrade() -> None:
    bind = op.get_bind()
    raw = bind.execute(
        sa.text("SELECT value FROM sync_cursors WHERE name = :name"), {"name": ENROLMENT}
    ).scalar()
    if not raw:
        return
    data = json.loads(raw)
    url = data.pop("server_url", None)
    if url:
        bind.execute(sa.text("UPDATE profile SET server_url = :url WHERE id = 1"), {"url": url})
    bind.execute(
        sa.text("UPDATE sync_cursors SET value = :value WHERE name = :name"),
        {"value": json.dumps(data), "name": ENROLMENT},
    )


def downgrade() -> None:
    bind = op.get_bind()
    raw = bind.execute(
        sa.text("SELECT value FROM sync_cursors WHERE name = :name"), {"name": ENROLMENT}
    ).scalar()
    url = bind.execute(sa.text("SELECT server_url FROM profile WHERE id = 1")).scalar()
    if not raw or not url:
        return
    data = json.loads(raw)
    data["server_url"] = url
    bind.execute(
        sa.text("UPDATE sync_cursors SET value = :value WHERE name = :name"),
        {"value": json.dumps(data), "name": ENROLMENT},
    )
