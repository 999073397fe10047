"""The entry form's autosave inside the (encrypted) store, and the log of exported files.

Revision ID: 0004_e
Revises: 0003
Create Date: 2026-12-01

Until now the form's autosave was a plain JSON file beside the database (``form-autosave.json``),
readable by anyone who could read the folder; it now lives in ``form_draft``. The store adopts
an old file when it opens (``desktop.store.form_draft.adopt_legacy_file``) and deletes it.
``exports`` records every file of personal data written from this laptop (who, when, how many
records, which file), because such a file leaves the store's protection.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from desktop.store.types import UtcDateTime

revision = "0004_e"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "form_draft",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_form_draft")),
    )
    op.create_table(
        "exports",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("os_user", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("file_path", sa.Text(), nullable=False),
        sa.Column("record_count", sa.Integer(), nullable=False),
        sa.Column("encrypted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exports")),
    )
    op.create_index("ix_exports_at", "exports", ["at"])


def downgrade() -> None:
    op.drop_index("ix_exports_at", table_name="exports")
    op.drop_table("exports")
    op.drop_table("form_draft")
