"""linking_queue: records whose head changed, waiting to be scored for resident proposals
after the push that brought them was answered; the staff queue's indexes: records in arrival
order, and a trigram index of the folded names for its search (PostgreSQL; pg_trgm is a
trusted extension, so the database's owner may create it)

Revision ID: 0005_c_linking_queue
Revises: 0005_d_device_reference
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0005_c_linking_queue'
down_revision = '0005_d_device_reference'
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
    op.create_index(op.f('ix_records_first_received_at'), 'records', ['first_received_at'],
                    unique=False)
    for column in ('cccd', 'cmnd', 'phone'):  # the queue's search by number
        op.create_index(op.f(f'ix_resident_profiles_{column}'), 'resident_profiles', [column],
                        unique=False)
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm')
        op.create_index('ix_resident_profiles_name_trgm', 'resident_profiles', ['name_key'],
                        postgresql_using='gin', postgresql_ops={'name_key': 'gin_trgm_ops'})
    else:
        op.create_index('ix_resident_profiles_name_trgm', 'resident_profiles', ['name_key'],
                        sqlite_where=sa.text('0'))


def downgrade() -> None:
    op.drop_index('ix_resident_profiles_name_trgm', table_name='resident_profiles')
    for column in ('cccd', 'cmnd', 'phone'):
        op.drop_index(op.f(f'ix_resident_profiles_{column}'), table_name='resident_profiles')
    op.drop_index(op.f('ix_records_first_received_at'), table_name='records')
    op.drop_index(op.f('ix_linking_queue_queued_at'), table_name='linking_queue')
    op.drop_table('linking_queue')
