"""short job leases kept alive by a heartbeat; every possible duplicate reminder counted

reminder_outbox.attempt_started_at: set (committed) just before a message is handed to SMTP,
cleared when the attempt ends; a later attempt that finds it set is a possible duplicate,
counted in reminder_outbox.possible_duplicates. checklist_builds.heartbeat_at and
inspection_packs.heartbeat_at: when the running job last renewed its lease.

Revision ID: 0013_job_leases
Revises: 0012_benefits_plan
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa

revision = "0013_job_leases"
down_revision = "0012_benefits_plan"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("reminder_outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("attempt_started_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("possible_duplicates", sa.Integer(), nullable=False, server_default="0"))
    for table in ("checklist_builds", "inspection_packs"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    for table in ("inspection_packs", "checklist_builds"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("heartbeat_at")
    with op.batch_alter_table("reminder_outbox", schema=None) as batch_op:
        batch_op.drop_column("possible_duplicates")
        batch_op.drop_column("attempt_started_at")
