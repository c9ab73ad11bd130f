"""reference-data audit trail (issue 4, review F-35)

Revision ID: 0005_refdata_audit
Revises: 0004_reminders
Create Date: 2026-12-02

`refdata_audit_events`: who imported, merged, activated, loaded or deleted a
reference-data version, when, and which version was in force before and after.
Reference data belongs to no employer, so the employer-owned `audit_events` (whose
employer_id stays NOT NULL) is left as it is.
"""
from alembic import op
import sqlalchemy as sa

revision = "0005_refdata_audit"
down_revision = "0004_reminders"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "refdata_audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_label", sa.String(length=254), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("set_name", sa.String(length=60), nullable=False),
        sa.Column("old_version", sa.String(length=80), nullable=True),
        sa.Column("new_version", sa.String(length=80), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refdata_audit_events")),
    )
    with op.batch_alter_table("refdata_audit_events", schema=None) as batch_op:
        batch_op.create_index("ix_refdata_audit_events_set_at", ["set_name", "at"], unique=False)


def downgrade():
    with op.batch_alter_table("refdata_audit_events", schema=None) as batch_op:
        batch_op.drop_index("ix_refdata_audit_events_set_at")
    op.drop_table("refdata_audit_events")
