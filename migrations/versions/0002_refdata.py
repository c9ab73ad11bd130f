"""reference-data versions and Job Bank wages (issue 3)

Revision ID: 0002_refdata
Revises: 0001_initial
Create Date: 2026-11-24

One row per version of each reference set, and the Job Bank figures of each wages
version (indexed by version and NOC: the store loads a whole version, the API one NOC).
"""
from alembic import op
import sqlalchemy as sa

revision = "0002_refdata"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "refdata_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("set_name", sa.String(length=60), nullable=False),
        sa.Column("version", sa.String(length=80), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_by", sa.String(length=254), nullable=True),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("in_force", sa.Boolean(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refdata_versions")),
        sa.UniqueConstraint("set_name", "version", name=op.f("uq_refdata_versions_set_name_version")),
    )
    with op.batch_alter_table("refdata_versions", schema=None) as batch_op:
        batch_op.create_index("ix_refdata_versions_set_in_force", ["set_name", "in_force"], unique=False)

    op.create_table(
        "refdata_wage_figures",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("noc", sa.String(length=5), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("area", sa.String(length=10), nullable=False),
        sa.Column("area_name", sa.Text(), nullable=False),
        sa.Column("province", sa.String(length=2), nullable=True),
        sa.Column("low", sa.Float(), nullable=True),
        sa.Column("median", sa.Float(), nullable=True),
        sa.Column("high", sa.Float(), nullable=True),
        sa.Column("annual", sa.Boolean(), nullable=False),
        sa.Column("reference_period", sa.Text(), nullable=False),
        sa.Column("data_source", sa.Text(), nullable=False),
        sa.Column("revision_date", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(["version_id"], ["refdata_versions.id"],
                                name=op.f("fk_refdata_wage_figures_version_id_refdata_versions"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refdata_wage_figures")),
    )
    with op.batch_alter_table("refdata_wage_figures", schema=None) as batch_op:
        batch_op.create_index("ix_refdata_wage_figures_version_noc", ["version_id", "noc"], unique=False)


def downgrade():
    with op.batch_alter_table("refdata_wage_figures", schema=None) as batch_op:
        batch_op.drop_index("ix_refdata_wage_figures_version_noc")
    op.drop_table("refdata_wage_figures")
    with op.batch_alter_table("refdata_versions", schema=None) as batch_op:
        batch_op.drop_index("ix_refdata_versions_set_in_force")
    op.drop_table("refdata_versions")
