"""deadlines and the reminder outbox (issue 5)

Revision ID: 0004_reminders
Revises: 0003_checklists
Create Date: 2026-11-24

Reserved in the chain so features land in a fixed order; the feature fills it in.
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "0004_reminders"
down_revision = "0003_checklists"
branch_labels = None
depends_on = None


def upgrade():
    op.get_bind()


def downgrade():
    op.get_bind()
