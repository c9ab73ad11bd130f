"""candidate profiles for the permanent-residence outlook

Revision ID: 0011_pathways
Revises: 0010_conditions
Create Date: 2026-12-02
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "0011_pathways"
down_revision = "0010_conditions"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
