"""candidate profiles for the permanent-residence outlook

Revision ID: 0011_pathways
Revises: 0010_conditions
Create Date: 2026-12-02

One encrypted JSON profile per hire (`candidate_profiles.data`, AES-GCM via crypto.EncryptedString)
and the employer's choice to print the outlook in checklist PDFs (`pathway_settings`, default on).
"""
from alembic import op
import sqlalchemy as sa

revision = "0011_pathways"
down_revision = "0010_conditions"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "candidate_profiles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employer_id", sa.Integer(), nullable=False),
        sa.Column("hire_id", sa.Integer(), nullable=False),
        sa.Column("data", sa.String(length=12000), nullable=False),
        sa.Column("entered_by", sa.String(length=10), nullable=False, server_default="hr"),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["employer_id"], ["employers.id"], name=op.f("fk_candidate_profiles_employer_id_employers"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["hire_id"], ["hires.id"], name=op.f("fk_candidate_profiles_hire_id_hires"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["updated_by_id"], ["users.id"], name=op.f("fk_candidate_profiles_updated_by_id_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_candidate_profiles")),
        sa.UniqueConstraint("hire_id", name=op.f("uq_candidate_profiles_hire_id")),
    )
    with op.batch_alter_table("candidate_profiles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_candidate_profiles_employer_id"), ["employer_id"], unique=False)
    op.create_table(
        "pathway_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employer_id", sa.Integer(), nullable=False),
        sa.Column("checklist_pdf_section", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["employer_id"], ["employers.id"], name=op.f("fk_pathway_settings_employer_id_employers"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pathway_settings")),
        sa.UniqueConstraint("employer_id", name="uq_pathway_settings_employer_id"),
    )
    with op.batch_alter_table("pathway_settings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pathway_settings_employer_id"), ["employer_id"], unique=False)


def downgrade():
    with op.batch_alter_table("pathway_settings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pathway_settings_employer_id"))
    op.drop_table("pathway_settings")
    with op.batch_alter_table("candidate_profiles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_candidate_profiles_employer_id"))
    op.drop_table("candidate_profiles")
