"""devices.reference_version: the reference data a laptop last said it has

Revision ID: 0005_d_device_reference
Revises: 0004_d_reports
Create Date: 2026-12-02

The administrators' reference-data screen shows what each laptop has received of the
published neighbourhoods, categories and procedures; a laptop names its version at each pull.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0005_d_device_reference'
down_revision = '0004_d_reports'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('devices') as batch:
        batch.add_column(sa.Column('reference_version', sa.String(length=400), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('devices') as batch:
        batch.drop_column('reference_version')
