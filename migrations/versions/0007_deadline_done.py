"""deadlines HR marks done (who, when, a note) and can reopen

Revision ID: 0007_deadline_done
Revises: 0006_permit_periods
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa

revision = "0007_deadline_done"
down_revision = "0006_permit_periods"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("deadlines", schema=None) as batch_op:
        batch_op.add_column(sa.Column("done_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("done_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("done_note", sa.Text(), nullable=True))
        batch_op.create_foreign_key(op.f("fk_deadlines_done_by_id_users"), "users", ["done_by_id"], ["id"],
                                    ondelete="SET NULL")


def downgrade():
    with op.batch_alter_table("deadlines", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("fk_deadlines_done_by_id_users"), type_="foreignkey")
        batch_op.drop_column("done_note")
        batch_op.drop_column("done_by_id")
        batch_op.drop_column("done_at")
