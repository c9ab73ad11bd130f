"""work-permit periods of a hire (the first permit, then each renewal or extension)

Revision ID: 0006_permit_periods
Revises: 0005_refdata_audit
Create Date: 2026-12-02

The first permit stays in the hire's dates (hires.dates); rows here are the renewals, sequence 2 onwards.
Deadlines derive from each period: record keeping and rights information per permit
(IRPR R209.2(1), R209.3(1)), the extension offer before each renewal, the permit expiry.
"""
from alembic import op
import sqlalchemy as sa

revision = "0006_permit_periods"
down_revision = "0005_refdata_audit"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "permit_periods",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employer_id", sa.Integer(), nullable=False),
        sa.Column("hire_id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=False),
        sa.Column("employment_start_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["employer_id"], ["employers.id"], name=op.f("fk_permit_periods_employer_id_employers"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["hire_id"], ["hires.id"], name=op.f("fk_permit_periods_hire_id_hires"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_permit_periods")),
        sa.UniqueConstraint("hire_id", "sequence", name="uq_permit_periods_hire_sequence"),
    )
    with op.batch_alter_table("permit_periods", schema=None) as batch_op:
        batch_op.create_index("ix_permit_periods_employer_hire", ["employer_id", "hire_id"], unique=False)
        batch_op.create_index(op.f("ix_permit_periods_employer_id"), ["employer_id"], unique=False)


def downgrade():
    with op.batch_alter_table("permit_periods", schema=None) as batch_op:
        batch_op.drop_index(op.f("ix_permit_periods_employer_id"))
        batch_op.drop_index("ix_permit_periods_employer_hire")
    op.drop_table("permit_periods")
