"""checklist items and PDF builds (issue 4)

Revision ID: 0003_checklists
Revises: 0002_refdata
Create Date: 2026-11-24

Reserved in the chain so features land in a fixed order; the feature fills it in.
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "0003_checklists"
down_revision = "0002_refdata"
branch_labels = None
depends_on = None


def upgrade():
    op.get_bind()


def downgrade():
    op.get_bind()
