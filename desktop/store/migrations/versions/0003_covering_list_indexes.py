"""Covering, live-only indexes for the records list (fast search/filter/sort at 100k records).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# A copy, not an import: a migration must not change when the models do.
LIST_COLUMNS = [
    "name_key", "cccd", "cmnd", "phone_digits", "dossier_key", "neighbourhood_code",
    "neighbourhood_name", "category", "result", "status", "sync_state", "meeting_id",
    "follow_up_date", "birth_year_key", "updated_at",
]  # fmt: skip
REPLACED = {
    "ix_records_live_assisted": ["deleted", "assisted_on", "created_at"],
    "ix_records_name_key": ["name_key"],
    "ix_records_phone_digits": ["phone_digits"],
    "ix_records_dossier_key": ["dossier_key"],
    "ix_records_neighbourhood": ["neighbourhood_code", "assisted_on"],
    "ix_records_category": ["category", "assisted_on"],
    "ix_records_sync_state": ["sync_state"],
}


def upgrade() -> None:
    for name in REPLACED:
        op.drop_index(name, table_name="records")
    live = sa.text("deleted = 0")
    op.create_index(
        "ix_records_list_by_date",
        "records",
        ["assisted_on", "created_at", "id", *LIST_COLUMNS],
        sqlite_where=live,
    )
    op.create_index(
        "ix_records_list_by_name",
        "records",
        ["name_key", "created_at", "id", *(c for c in LIST_COLUMNS if c != "name_key")],
        sqlite_where=live,
    )


def downgrade() -> None:
    op.drop_index("ix_records_list_by_name", table_name="records")
    op.drop_index("ix_records_list_by_date", table_name="records")
    for name, columns in REPLACED.items():
        op.create_index(name, "records", columns)
