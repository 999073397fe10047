"""record_residents: which resident (person) a record is about, once the ward links records

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('record_residents',
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('resident_id', sa.String(length=36), nullable=False),
    sa.Column('linked_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['record_id'], ['records.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('record_id')
    )
    op.create_index(op.f('ix_record_residents_resident_id'), 'record_residents', ['resident_id'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_record_residents_resident_id'), table_name='record_residents')
    op.drop_table('record_residents')
