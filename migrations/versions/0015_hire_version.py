"""hires.version: bumped on every saved change, so a stale save is refused (issue 10)

Revision ID: 0015_hire_version
Revises: 0013_job_leases
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa

revision = "0015_hire_version"
down_revision = "0013_job_leases"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("hires", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="0"))


def downgrade():
    with op.batch_alter_table("hires", schema=None) as batch_op:
        batch_op.drop_column("version")
