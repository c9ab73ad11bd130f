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
    with op.batch_alter_table("employers") as batch:
        batch.add_column(sa.Column("employee_count", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("annual_gross_revenue_cad", sa.BigInteger(), nullable=True))
    with op.batch_alter_table("hires") as batch:
        batch.add_column(sa.Column("baseline", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("terms_changes", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("filing_records", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("hires") as batch:
        batch.drop_column("filing_records")
        batch.drop_column("terms_changes")
        batch.drop_column("baseline")
    with op.batch_alter_table("employers") as batch:
        batch.drop_column("annual_gross_revenue_cad")
        batch.drop_column("employee_count")
