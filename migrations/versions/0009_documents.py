"""worker documents: upload links, documents under review and retention, inspection packs

Revision ID: 0009_documents
Revises: 0008_reminder_preferences
Create Date: 2026-12-02

Documents are kept until the hire's retention date (IRPR R209.2(1)(b), R209.3(1)(c): six years
from the start of each permit's period of employment); a legal hold on the hire blocks deletion.
"""
from alembic import op
import sqlalchemy as sa

revision = "0009_documents"
down_revision = "0008_reminder_preferences"
branch_labels = None
depends_on = None

BIGINT = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _tenant_and_hire(table: str, hire_nullable: bool = False):
    return [
        sa.Column("employer_id", sa.Integer(), nullable=False),
        sa.Column("hire_id", sa.Integer(), nullable=hire_nullable),
        sa.ForeignKeyConstraint(["employer_id"], ["employers.id"], name=op.f(f"fk_{table}_employer_id_employers"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["hire_id"], ["hires.id"], name=op.f(f"fk_{table}_hire_id_hires"), ondelete="CASCADE"),
    ]


def upgrade():
    op.create_table(
        "upload_links",
        sa.Column("id", sa.Integer(), nullable=False),
        *_tenant_and_hire("upload_links"),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_by_id", sa.Integer(), sa.ForeignKey("users.id", name="fk_upload_links_created_by_id_users",
                                                               ondelete="SET NULL"), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_upload_links")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_upload_links_token_hash")),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        *_tenant_and_hire("documents"),
        sa.Column("item_key", sa.String(length=80), nullable=False),
        sa.Column("upload_link_id", sa.Integer(), sa.ForeignKey("upload_links.id", name="fk_documents_upload_link_id_upload_links",
                                                                ondelete="SET NULL"), nullable=True),
        sa.Column("uploaded_by_id", sa.Integer(), sa.ForeignKey("users.id", name="fk_documents_uploaded_by_id_users",
                                                                ondelete="SET NULL"), nullable=True),
        sa.Column("original_name", sa.String(length=255), nullable=False, server_default=""),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size_bytes", BIGINT, nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("storage_key", sa.String(length=200), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False, server_default="pending_review"),
        sa.Column("reject_reason", sa.Text(), nullable=True),
        sa.Column("reviewed_by_id", sa.Integer(), sa.ForeignKey("users.id", name="fk_documents_reviewed_by_id_users",
                                                                ondelete="SET NULL"), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("scan_status", sa.String(length=20), nullable=False, server_default="not_scanned"),
        sa.Column("retain_until", sa.Date(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deleted_by_id", sa.Integer(), sa.ForeignKey("users.id", name="fk_documents_deleted_by_id_users",
                                                               ondelete="SET NULL"), nullable=True),
        sa.Column("delete_reason", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
    )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index("ix_documents_employer_hire_item", ["employer_id", "hire_id", "item_key"], unique=False)
        batch_op.create_index("ix_documents_retain_until", ["retain_until"], unique=False)
    op.create_table(
        "inspection_packs",
        sa.Column("id", sa.Integer(), nullable=False),
        *_tenant_and_hire("inspection_packs", hire_nullable=True),
        sa.Column("range_start", sa.Date(), nullable=True),
        sa.Column("range_end", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False, server_default="queued"),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("lease_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claimed_by", sa.String(length=200), nullable=True),
        sa.Column("enqueued_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("storage_key", sa.String(length=200), nullable=True),
        sa.Column("size_bytes", BIGINT, nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("file_count", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("requested_by_id", sa.Integer(), sa.ForeignKey("users.id", name="fk_inspection_packs_requested_by_id_users",
                                                                 ondelete="SET NULL"), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_packs")),
    )
    with op.batch_alter_table("inspection_packs", schema=None) as batch_op:
        batch_op.create_index("ix_inspection_packs_employer_hire", ["employer_id", "hire_id", "created_at"],
                              unique=False)
    with op.batch_alter_table("hires", schema=None) as batch_op:
        batch_op.add_column(sa.Column("legal_hold", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade():
    with op.batch_alter_table("hires", schema=None) as batch_op:
        batch_op.drop_column("legal_hold")
    with op.batch_alter_table("inspection_packs", schema=None) as batch_op:
        batch_op.drop_index("ix_inspection_packs_employer_hire")
    op.drop_table("inspection_packs")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index("ix_documents_retain_until")
        batch_op.drop_index("ix_documents_employer_hire_item")
    op.drop_table("documents")
    op.drop_table("upload_links")
