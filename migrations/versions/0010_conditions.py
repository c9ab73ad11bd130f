"""after approval: the offer baseline frozen at submission, the employer size, and the consistency check before filing

Revision ID: 0010_conditions
Revises: 0009_documents
Create Date: 2026-12-02
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "0010_conditions"
down_revision = "0009_documents"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
