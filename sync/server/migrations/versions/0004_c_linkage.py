"""resident matching: profiles, blocking keys, name counts, proposals, decisions, links, exclusions

Revision ID: 0004_c
Revises: 0004_a_boundary
Create Date: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0004_c'
down_revision = '0004_a_boundary'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('resident_keys',
    sa.Column('key', sa.String(length=255), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('key', 'record_id')
    )
    op.create_table('resident_name_counts',
    sa.Column('part', sa.String(length=8), nullable=False),
    sa.Column('value', sa.String(length=255), nullable=False),
    sa.Column('records', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('part', 'value')
    )
    op.create_table('resident_links',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=True),
    sa.Column('record_a', sa.String(length=36), nullable=False),
    sa.Column('record_b', sa.String(length=36), nullable=False),
    sa.Column('kept_resident', sa.String(length=36), nullable=False),
    sa.Column('merged_resident', sa.String(length=36), nullable=False),
    sa.Column('linked_by', sa.Integer(), nullable=True),
    sa.Column('linked_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('undone_by', sa.Integer(), nullable=True),
    sa.Column('undone_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['linked_by'], ['users.id'], ),
    sa.ForeignKeyConstraint(['undone_by'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_resident_links_kept_resident'), 'resident_links', ['kept_resident'], unique=False)
    op.create_index(op.f('ix_resident_links_merged_resident'), 'resident_links', ['merged_resident'], unique=False)
    op.create_table('record_exclusions',
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('excluded_by', sa.Integer(), nullable=True),
    sa.Column('excluded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['excluded_by'], ['users.id'], ),
    sa.ForeignKeyConstraint(['record_id'], ['records.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('record_id')
    )
    op.create_table('resident_decisions',
    sa.Column('record_a', sa.String(length=36), nullable=False),
    sa.Column('record_b', sa.String(length=36), nullable=False),
    sa.Column('decision', sa.String(length=16), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=True),
    sa.Column('decided_by', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['decided_by'], ['users.id'], ),
    sa.ForeignKeyConstraint(['record_a'], ['records.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['record_b'], ['records.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('record_a', 'record_b')
    )
    op.create_table('resident_link_changes',
    sa.Column('link_id', sa.Integer(), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('previous_resident', sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(['link_id'], ['resident_links.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('link_id', 'record_id')
    )
    op.create_table('resident_profiles',
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('name_key', sa.String(length=255), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('birth_year', sa.Integer(), nullable=True),
    sa.Column('gender', sa.String(length=8), nullable=True),
    sa.Column('cccd', sa.String(length=12), nullable=True),
    sa.Column('cmnd', sa.String(length=12), nullable=True),
    sa.Column('phone', sa.String(length=16), nullable=True),
    sa.Column('neighbourhood', sa.String(length=32), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('category', sa.String(length=32), nullable=True),
    sa.Column('assisted_on', sa.Date(), nullable=True),
    sa.Column('indexed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['record_id'], ['records.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('record_id')
    )
    op.create_index(op.f('ix_resident_profiles_name_key'), 'resident_profiles', ['name_key'], unique=False)
    op.create_table('resident_proposals',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('record_a', sa.String(length=36), nullable=False),
    sa.Column('record_b', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('level', sa.String(length=16), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('weight', sa.Double(), nullable=False),
    sa.Column('reasons', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('link_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_by', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['decided_by'], ['users.id'], ),
    sa.ForeignKeyConstraint(['link_id'], ['resident_links.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['record_a'], ['records.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['record_b'], ['records.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('record_a', 'record_b', name='uq_resident_proposal_pair')
    )
    op.create_index('ix_resident_proposals_record_b', 'resident_proposals', ['record_b'], unique=False)
    op.create_index('ix_resident_proposals_state_score', 'resident_proposals', ['state', 'score'], unique=False)



def downgrade() -> None:
    op.drop_index('ix_resident_proposals_state_score', table_name='resident_proposals')
    op.drop_index('ix_resident_proposals_record_b', table_name='resident_proposals')
    op.drop_table('resident_proposals')
    op.drop_index(op.f('ix_resident_profiles_name_key'), table_name='resident_profiles')
    op.drop_table('resident_profiles')
    op.drop_table('resident_link_changes')
    op.drop_table('resident_decisions')
    op.drop_table('record_exclusions')
    op.drop_index(op.f('ix_resident_links_merged_resident'), table_name='resident_links')
    op.drop_index(op.f('ix_resident_links_kept_resident'), table_name='resident_links')
    op.drop_table('resident_links')
    op.drop_table('resident_name_counts')
    op.drop_table('resident_keys')
