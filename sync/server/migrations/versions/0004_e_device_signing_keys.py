"""devices.signing_public_key: the laptop's Ed25519 public key for USB bundles

Revision ID: 0004_e
Revises: 0004
Create Date: 2026-12-01

A bundle used to be checked with an HMAC keyed by the token hash stored here, so a copy of
this database could forge bundles. The laptop now makes a key pair at enrolment and sends the
public half; only that is stored. Devices enrolled before have NULL and must enrol again to
make bundles (online sync is unaffected).
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0004_e'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('devices') as batch:
        batch.add_column(sa.Column('signing_public_key', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('devices') as batch:
        batch.drop_column('signing_public_key')
