"""checklist items and PDF builds (issue 4)

Revision ID: 0003_checklists
Revises: 0002_refdata
Create Date: 2026-11-24

"""
from alembic import op
import sqlalchemy as sa

revision = "0003_checklists"
down_revision = "0002_refdata"
branch_labels = None
depends_on = None

UNFINISHED = "status IN ('queued', 'building')"


def upgrade():
    op.create_table(
        "checklist_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employer_id", sa.Integer(), nullable=False),
        sa.Column("hire_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=400), nullable=False),
        sa.Column("provider", sa.String(length=20), nullable=False),
        sa.Column("why", sa.Text(), nullable=False),
        sa.Column("rule", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("due", sa.Text(), nullable=True),
        sa.Column("section", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("waiver_reason", sa.Text(), nullable=True),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["employer_id"], ["employers.id"], name=op.f("fk_checklist_items_employer_id_employers"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["hire_id"], ["hires.id"], name=op.f("fk_checklist_items_hire_id_hires"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["updated_by_id"], ["users.id"], name=op.f("fk_checklist_items_updated_by_id_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklist_items")),
        sa.UniqueConstraint("hire_id", "key", name="uq_checklist_items_hire_key"),
    )
    with op.batch_alter_table("checklist_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_checklist_items_employer_id"), ["employer_id"], unique=False)

    op.create_table(
        "checklist_builds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employer_id", sa.Integer(), nullable=False),
        sa.Column("hire_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("failure_reason", sa.Text(), nullable=True),
        sa.Column("input_hash", sa.String(length=64), nullable=False),
        sa.Column("file_key", sa.String(length=300), nullable=True),
        sa.Column("pages", sa.Integer(), nullable=True),
        sa.Column("size", sa.Integer(), nullable=True),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("enqueued_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("lease_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claimed_by", sa.String(length=200), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("renders", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["employer_id"], ["employers.id"], name=op.f("fk_checklist_builds_employer_id_employers"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["hire_id"], ["hires.id"], name=op.f("fk_checklist_builds_hire_id_hires"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["requested_by_id"], ["users.id"],
                                name=op.f("fk_checklist_builds_requested_by_id_users"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklist_builds")),
    )
    with op.batch_alter_table("checklist_builds", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_checklist_builds_employer_id"), ["employer_id"], unique=False)
        batch_op.create_index("ix_checklist_builds_hire_requested", ["hire_id", "requested_at"], unique=False)
        batch_op.create_index("ix_checklist_builds_hire_hash", ["hire_id", "input_hash"], unique=False)
        # Partial: the sweep only ever reads unfinished builds.
        batch_op.create_index("ix_checklist_builds_unfinished", ["status", "lease_expires_at"], unique=False,
                              postgresql_where=sa.text(UNFINISHED), sqlite_where=sa.text(UNFINISHED))


def downgrade():
    with op.batch_alter_table("checklist_builds", schema=None) as batch_op:
        batch_op.drop_index("ix_checklist_builds_unfinished")
        batch_op.drop_index("ix_checklist_builds_hire_hash")
        batch_op.drop_index("ix_checklist_builds_hire_requested")
        batch_op.drop_index(batch_op.f("ix_checklist_builds_employer_id"))
    op.drop_table("checklist_builds")
    with op.batch_alter_table("checklist_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_checklist_items_employer_id"))
    op.drop_table("checklist_items")
