"""reminders that fit the employer: time zone and send hour; a daily digest per user

Revision ID: 0008_reminder_preferences
Revises: 0007_deadline_done
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa

revision = "0008_reminder_preferences"
down_revision = "0007_deadline_done"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("employers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("time_zone", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("reminder_send_hour", sa.Integer(), nullable=False, server_default="9"))
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reminder_digest", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("reminder_digest")
    with op.batch_alter_table("employers", schema=None) as batch_op:
        batch_op.drop_column("reminder_send_hour")
        batch_op.drop_column("time_zone")
