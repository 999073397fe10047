"""linking_queue: records whose head changed, waiting to be scored for resident proposals
after the push that brought them was answered

Revision ID: 0005_c_linking_queue
Revises: 0004_d_reports
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0005_c_linking_queue'
down_revision = '0004_d_reports'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'linking_queue',
        sa.Column('record_id', sa.String(length=36), nullable=False),
        sa.Column('queued_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('record_id'),
    )
    op.create_index(op.f('ix_linking_queue_queued_at'), 'linking_queue', ['queued_at'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_linking_queue_queued_at'), table_name='linking_queue')
    op.drop_table('linking_queue')
