"""reports: record_facts (the reporting read model, backfilled from the heads), period locks
with their snapshots, members, changes and history, and the report settings

Revision ID: 0004_d_reports
Revises: 0004_c
Create Date: 2026-12-08
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0004_d_reports'
down_revision = '0004_c'
branch_labels = None
depends_on = None

COUNTED = "status = 'final' AND NOT deleted AND NOT excluded"
SHARED = f"{COUNTED} AND person_id IS NOT NULL"

# The backfill, frozen here as it was when the table was made (sync.server.reports.facts
# keeps the living version): every record's head version copied into record_facts.
_COLUMNS = ("status", "deleted", "assisted_on", "ward_code", "neighbourhood_code",
            "neighbourhood_name", "category", "procedure_code", "online_level", "volunteer_name",
            "device_id", "result", "place")
_TYPES = {"deleted": "boolean", "assisted_on": "date"}
_HEADS = ("FROM records r JOIN record_versions v ON v.record_id = r.id "
          "AND v.revision = r.head_revision AND v.content_hash = r.head_hash "
          "LEFT JOIN record_residents rr ON rr.record_id = r.id")
_PERSON = ("COALESCE(rr.resident_id, CASE WHEN EXISTS (SELECT 1 FROM record_residents x "
           "WHERE x.resident_id = r.id) THEN r.id END)")


def _backfill_sql(dialect: str) -> str:
    target = ", ".join(("record_id", "revision", *_COLUMNS, "person_id", "changed_at"))
    if dialect == "postgresql":
        fields = ", ".join(f"j.{c}" for c in _COLUMNS)
        shape = ", ".join(f"{c} {_TYPES.get(c, 'text')}" for c in _COLUMNS)
        source = f"{_HEADS} CROSS JOIN LATERAL json_to_record(v.payload::json) AS j({shape})"
    else:
        fields = ", ".join(f"json_extract(v.payload, '$.{c}')" for c in _COLUMNS)
        source = _HEADS
    return (f"INSERT INTO record_facts ({target}) "
            f"SELECT r.id, r.head_revision, {fields}, {_PERSON}, v.received_at {source}")


def upgrade() -> None:
    op.create_table('record_facts',
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('excluded', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('assisted_on', sa.Date(), nullable=False),
    sa.Column('ward_code', sa.String(), nullable=False),
    sa.Column('neighbourhood_code', sa.String(), nullable=False),
    sa.Column('neighbourhood_name', sa.String(), nullable=False),
    sa.Column('category', sa.String(), nullable=True),
    sa.Column('procedure_code', sa.String(), nullable=True),
    sa.Column('online_level', sa.String(), nullable=True),
    sa.Column('volunteer_name', sa.String(), nullable=False),
    sa.Column('device_id', sa.String(), nullable=False),
    sa.Column('result', sa.String(), nullable=True),
    sa.Column('place', sa.String(), nullable=True),
    sa.Column('person_id', sa.String(length=36), nullable=True),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('changed_after_lock', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['record_id'], ['records.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('record_id')
    )
    op.create_index(
        'ix_record_facts_counted', 'record_facts',
        ['assisted_on', 'neighbourhood_code', 'category', 'procedure_code', 'online_level',
         'volunteer_name', 'result', 'place', 'person_id', 'status', 'deleted', 'excluded'],
        unique=False,
        postgresql_where=sa.text(COUNTED), sqlite_where=sa.text(COUNTED),
    )
    op.create_index(
        'ix_record_facts_shared', 'record_facts',
        ['assisted_on', 'neighbourhood_code', 'category', 'procedure_code', 'online_level',
         'volunteer_name', 'result', 'place', 'person_id', 'status', 'deleted', 'excluded'],
        unique=False,
        postgresql_where=sa.text(SHARED), sqlite_where=sa.text(SHARED),
    )
    op.create_table('period_locks',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('first_day', sa.Date(), nullable=False),
    sa.Column('last_day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('label_vi', sa.String(length=200), nullable=False),
    sa.Column('label_en', sa.String(length=200), nullable=False),
    sa.Column('locked_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('locked_by', sa.String(length=200), nullable=False),
    sa.Column('figures', sa.Text(), nullable=False),
    sa.Column('csv', sa.Text(), nullable=False),
    sa.Column('unlocked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('unlocked_by', sa.String(length=200), nullable=True),
    sa.Column('unlock_reason', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(
        'uq_period_locks_active', 'period_locks', ['first_day', 'last_day'], unique=True,
        postgresql_where=sa.text('unlocked_at IS NULL'),
        sqlite_where=sa.text('unlocked_at IS NULL'),
    )
    op.create_table('period_lock_members',
    sa.Column('lock_id', sa.Integer(), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['lock_id'], ['period_locks.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['record_id'], ['records.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('lock_id', 'record_id')
    )
    op.create_index(op.f('ix_period_lock_members_record_id'), 'period_lock_members',
                    ['record_id'], unique=False)
    op.create_table('period_lock_changes',
    sa.Column('lock_id', sa.Integer(), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('first_changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['lock_id'], ['period_locks.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['record_id'], ['records.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('lock_id', 'record_id')
    )
    op.create_index(op.f('ix_period_lock_changes_record_id'), 'period_lock_changes',
                    ['record_id'], unique=False)
    op.create_table('period_lock_events',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True,
              nullable=False),
    sa.Column('lock_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=8), nullable=False),
    sa.Column('by', sa.String(length=200), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['lock_id'], ['period_locks.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_period_lock_events_lock_id'), 'period_lock_events', ['lock_id'],
                    unique=False)
    op.create_table('report_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('settings', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.execute(sa.text(_backfill_sql(op.get_bind().dialect.name)))


def downgrade() -> None:
    op.drop_table('report_settings')
    op.drop_index(op.f('ix_period_lock_events_lock_id'), table_name='period_lock_events')
    op.drop_table('period_lock_events')
    op.drop_index(op.f('ix_period_lock_changes_record_id'), table_name='period_lock_changes')
    op.drop_table('period_lock_changes')
    op.drop_index(op.f('ix_period_lock_members_record_id'), table_name='period_lock_members')
    op.drop_table('period_lock_members')
    op.drop_index('uq_period_locks_active', table_name='period_locks')
    op.drop_table('period_locks')
    op.drop_index('ix_record_facts_shared', table_name='record_facts')
    op.drop_index('ix_record_facts_counted', table_name='record_facts')
    op.drop_table('record_facts')
