"""Initial schema: records, their outbox and audit trail, the profile and settings.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from desktop.store.types import UtcDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "records",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("volunteer_name", sa.String(length=200), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.Column("assisted_on", sa.Date(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("ward_code", sa.String(length=32), nullable=False),
        sa.Column("ward_name", sa.String(length=200), nullable=False),
        sa.Column("neighbourhood_code", sa.String(length=32), nullable=False),
        sa.Column("neighbourhood_name", sa.String(length=200), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("gender", sa.String(length=16), nullable=True),
        sa.Column("cccd", sa.String(length=12), nullable=True),
        sa.Column("cmnd", sa.String(length=12), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=True),
        sa.Column("category_detail", sa.Text(), nullable=False),
        sa.Column("procedure_code", sa.String(length=32), nullable=True),
        sa.Column("online_level", sa.String(length=16), nullable=True),
        sa.Column("dossier_code", sa.String(length=64), nullable=True),
        sa.Column("place", sa.String(length=16), nullable=True),
        sa.Column("meeting_id", sa.Uuid(), nullable=True),
        sa.Column("result", sa.String(length=16), nullable=True),
        sa.Column("follow_up_date", sa.Date(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("consent", sa.Boolean(), nullable=False),
        sa.Column("consent_at", UtcDateTime(), nullable=True),
        sa.Column("consent_method", sa.String(length=16), nullable=True),
        sa.Column("consent_notice_version", sa.String(length=64), nullable=True),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("birth_year_key", sa.Integer(), nullable=True),
        sa.Column("phone_digits", sa.String(length=20), nullable=True),
        sa.Column("dossier_key", sa.String(length=64), nullable=True),
        sa.Column("sync_state", sa.String(length=16), nullable=False),
        sa.Column("server_message", sa.Text(), nullable=True),
        sa.Column("review_state", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_records")),
    )
    for name, columns in (
        ("ix_records_live_assisted", ["deleted", "assisted_on", "created_at"]),
        ("ix_records_name_key", ["name_key"]),
        ("ix_records_cccd", ["cccd"]),
        ("ix_records_phone_digits", ["phone_digits"]),
        ("ix_records_dossier_key", ["dossier_key"]),
        ("ix_records_neighbourhood", ["neighbourhood_code", "assisted_on"]),
        ("ix_records_category", ["category", "assisted_on"]),
        ("ix_records_sync_state", ["sync_state"]),
        ("ix_records_follow_up", ["result", "follow_up_date"]),
        ("ix_records_meeting", ["meeting_id"]),
        ("ix_records_dup_name", ["name_key", "birth_year_key"]),
    ):
        op.create_index(name, "records", columns)

    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("base_revision", sa.Integer(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("sent_at", UtcDateTime(), nullable=True),
        sa.Column("outcome", sa.String(length=32), nullable=True),
        sa.Column("message", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["record_id"], ["records.id"], name=op.f("fk_outbox_record_id_records")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
    )
    op.create_index("ix_outbox_unsent", "outbox", ["sent_at", "id"])
    op.create_index("ix_outbox_record", "outbox", ["record_id", "revision"])

    op.create_table(
        "audit",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=True),
        sa.Column("old", sa.Text(), nullable=True),
        sa.Column("new", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["record_id"], ["records.id"], name=op.f("fk_audit_record_id_records")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit")),
    )
    op.create_index("ix_audit_record", "audit", ["record_id", "revision"])

    op.create_table(
        "profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("volunteer_name", sa.String(length=200), nullable=False),
        sa.Column("neighbourhood_code", sa.String(length=32), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("server_url", sa.String(length=500), nullable=True),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profile")),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )


def downgrade() -> None:
    op.drop_table("settings")
    op.drop_table("profile")
    op.drop_table("audit")
    op.drop_table("outbox")
    op.drop_table("records")
