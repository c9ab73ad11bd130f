"""reference-data versions and Job Bank wages (issue 3)

Revision ID: 0002_refdata
Revises: 0001_initial
Create Date: 2026-11-24

Reserved in the chain so features land in a fixed order; the feature fills it in.
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "0002_refdata"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade():
    op.get_bind()


def downgrade():
    op.get_bind()
