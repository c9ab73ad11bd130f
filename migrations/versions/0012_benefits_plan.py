"""the Labour Market Benefits Plan tracker and the yearly compliance self-audit

Revision ID: 0012_benefits_plan
Revises: 0011_pathways
Create Date: 2026-12-02

A GTS hire's LMBP commitments (mandatory and complementary, each with a target and a due date) and the
activities recorded against them; per employer and year, HR's answers to the self-audit of the IRPR
Schedule 2 conditions. The review dates are the calculator's `lmbp_review:N` deadlines (from the
hire's recorded `lmbp_signed_on`), so they need no table here.
"""
from alembic import op
import sqlalchemy as sa

revision = "0012_benefits_plan"
down_revision = "0011_pathways"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str, ondelete: str):
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"),
                                   ondelete=ondelete)


def _stamps():
    return [sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False)]


def upgrade():
    op.create_table(
        "lmbp_commitments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employer_id", sa.Integer(), nullable=False),
        sa.Column("hire_id", sa.Integer(), nullable=False),
        sa.Column("benefit", sa.String(length=40), nullable=False),
        sa.Column("mandatory", sa.Boolean(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("target", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(length=60), nullable=False, server_default=""),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        *_stamps(),
        _fk("lmbp_commitments", "employer_id", "employers", "CASCADE"),
        _fk("lmbp_commitments", "hire_id", "hires", "CASCADE"),
        _fk("lmbp_commitments", "created_by_id", "users", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lmbp_commitments")),
    )
    op.create_index("ix_lmbp_commitments_employer_hire", "lmbp_commitments", ["employer_id", "hire_id"])
    op.create_index("ix_lmbp_commitments_employer_id", "lmbp_commitments", ["employer_id"])
    op.create_table(
        "lmbp_activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employer_id", sa.Integer(), nullable=False),
        sa.Column("hire_id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("progress", sa.Float(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        *_stamps(),
        _fk("lmbp_activities", "employer_id", "employers", "CASCADE"),
        _fk("lmbp_activities", "hire_id", "hires", "CASCADE"),
        _fk("lmbp_activities", "commitment_id", "lmbp_commitments", "CASCADE"),
        _fk("lmbp_activities", "document_id", "documents", "SET NULL"),
        _fk("lmbp_activities", "recorded_by_id", "users", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lmbp_activities")),
    )
    op.create_index("ix_lmbp_activities_commitment", "lmbp_activities", ["commitment_id"])
    op.create_index("ix_lmbp_activities_employer_id", "lmbp_activities", ["employer_id"])
    op.create_table(
        "self_audit_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employer_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("schedule2_item", sa.Integer(), nullable=False),
        sa.Column("answer", sa.String(length=10), nullable=False),
        sa.Column("note", sa.Text(), nullable=False, server_default=""),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("answered_by_id", sa.Integer(), nullable=True),
        *_stamps(),
        _fk("self_audit_answers", "employer_id", "employers", "CASCADE"),
        _fk("self_audit_answers", "document_id", "documents", "SET NULL"),
        _fk("self_audit_answers", "answered_by_id", "users", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_self_audit_answers")),
        sa.UniqueConstraint("employer_id", "year", "schedule2_item", name=op.f("uq_self_audit_answers_employer_id")),
    )
    op.create_index("ix_self_audit_answers_employer_id", "self_audit_answers", ["employer_id"])


def downgrade():
    op.drop_index("ix_self_audit_answers_employer_id", table_name="self_audit_answers")
    op.drop_table("self_audit_answers")
    op.drop_index("ix_lmbp_activities_employer_id", table_name="lmbp_activities")
    op.drop_index("ix_lmbp_activities_commitment", table_name="lmbp_activities")
    op.drop_table("lmbp_activities")
    op.drop_index("ix_lmbp_commitments_employer_id", table_name="lmbp_commitments")
    op.drop_index("ix_lmbp_commitments_employer_hire", table_name="lmbp_commitments")
    op.drop_table("lmbp_commitments")
