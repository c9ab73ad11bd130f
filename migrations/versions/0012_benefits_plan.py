"""the Labour Market Benefits Plan tracker and the yearly compliance self-audit

Revision ID: 0012_benefits_plan
Revises: 0011_pathways
Create Date: 2026-12-02
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "0012_benefits_plan"
down_revision = "0011_pathways"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
