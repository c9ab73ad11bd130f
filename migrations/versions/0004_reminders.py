"""deadlines and the reminder outbox (issue 5)

Revision ID: 0004_reminders
Revises: 0003_checklists
Create Date: 2026-11-24

Two tables: `deadlines` (synced from the calculator per hire) and `reminder_outbox`
(one row per email, unique per deadline/purpose/lead/recipient), with partial indexes
so the sweep never walks sent history.
"""
from alembic import op
import sqlalchemy as sa

revision = "0004_reminders"
down_revision = "0003_checklists"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "deadlines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hire_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=60), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("rule_id", sa.String(length=40), nullable=False),
        sa.Column("why", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("counts_business_days", sa.Boolean(), nullable=False),
        sa.Column("province", sa.String(length=2), nullable=True),
        sa.Column("estimated", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("employer_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["employer_id"], ["employers.id"], name=op.f("fk_deadlines_employer_id_employers"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["hire_id"], ["hires.id"], name=op.f("fk_deadlines_hire_id_hires"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deadlines")),
        sa.UniqueConstraint("hire_id", "key", name=op.f("uq_deadlines_hire_id_key")),
    )
    with op.batch_alter_table("deadlines") as batch:
        batch.create_index("ix_deadlines_employer_active_due", ["employer_id", "active", "due_date"])
        batch.create_index(op.f("ix_deadlines_employer_id"), ["employer_id"])

    op.create_table(
        "reminder_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deadline_id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=20), nullable=False),
        sa.Column("lead_days", sa.Integer(), nullable=False),
        sa.Column("recipient", sa.String(length=254), nullable=False),
        sa.Column("send_on", sa.Date(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lease_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.Column("reclaims", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("message_id", sa.String(length=200), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("context", sa.JSON(), nullable=False),
        sa.Column("employer_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["deadline_id"], ["deadlines.id"],
                                name=op.f("fk_reminder_outbox_deadline_id_deadlines"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["employer_id"], ["employers.id"],
                                name=op.f("fk_reminder_outbox_employer_id_employers"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder_outbox")),
        sa.UniqueConstraint("deadline_id", "purpose", "lead_days", "recipient", name="uq_reminder_outbox_key"),
    )
    with op.batch_alter_table("reminder_outbox") as batch:
        batch.create_index(op.f("ix_reminder_outbox_employer_id"), ["employer_id"])
        batch.create_index("ix_reminder_outbox_pending_due", ["next_attempt_at"],
                           postgresql_where=sa.text("status = 'pending'"), sqlite_where=sa.text("status = 'pending'"))
        batch.create_index("ix_reminder_outbox_sending_lease", ["lease_expires_at"],
                           postgresql_where=sa.text("status = 'sending'"), sqlite_where=sa.text("status = 'sending'"))


def downgrade():
    op.drop_table("reminder_outbox")
    op.drop_table("deadlines")
