"""record ownership, per-address login throttle, audit log, per-device daily usage

Revision ID: 0004_a_boundary
Revises: 0004_e
Create Date: 2026-12-02

* ``records.device_id`` (the laptop that made it) and ``records.owner_device_id`` (the one
  allowed to send new versions), filled for existing records from their first version;
* ``login_throttle`` replaces ``login_failures``: failures are counted per username *and*
  client address (a lock per username let anyone keep staff out);
* ``audit_log``, append-only: triggers refuse UPDATE and DELETE on both databases;
* ``device_usage``: records and bytes stored per device and ward day (the daily quota).
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0004_a_boundary'
down_revision = '0004_e'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('records') as batch:
        batch.add_column(sa.Column('device_id', sa.String(length=64), nullable=True))
        batch.add_column(sa.Column('owner_device_id', sa.String(length=36), nullable=True))
        batch.create_index('ix_records_owner_device_id', ['owner_device_id'])
    first_device = (
        "(SELECT v.device_id FROM record_versions v WHERE v.record_id = records.id "
        "AND v.device_id IS NOT NULL ORDER BY v.id LIMIT 1)"
    )
    op.execute(f"UPDATE records SET device_id = {first_device}, owner_device_id = {first_device}")

    op.drop_table('login_failures')
    op.create_table('login_throttle',
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('address', sa.String(length=64), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('last_failed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('blocked_until', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('username', 'address')
    )

    op.create_table('audit_log',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True,
              nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('target', sa.String(length=200), nullable=False),
    sa.Column('details', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_audit_log_at', 'audit_log', ['at'])
    op.create_index('ix_audit_log_action', 'audit_log', ['action'])
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(
            "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"
        )
    else:
        for verb in ('UPDATE', 'DELETE'):
            op.execute(
                f"CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log "
                "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
            )

    op.create_table('device_usage',
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('day', sa.String(length=10), nullable=False),
    sa.Column('records', sa.BigInteger(), nullable=False),
    sa.Column('bytes', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('device_id', 'day')
    )


def downgrade() -> None:
    op.drop_table('device_usage')
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP TRIGGER audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION audit_log_append_only()")
    op.drop_index('ix_audit_log_action', table_name='audit_log')
    op.drop_index('ix_audit_log_at', table_name='audit_log')
    op.drop_table('audit_log')
    op.drop_table('login_throttle')
    op.create_table('login_failures',
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('last_failed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('username')
    )
    with op.batch_alter_table('records') as batch:
        batch.drop_index('ix_records_owner_device_id')
        batch.drop_column('owner_device_id')
        batch.drop_column('device_id')
