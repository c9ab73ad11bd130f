"""On SQLite, ids are never reused: rebuild every table with a single integer key as AUTOINCREMENT (issue 13.5)

New tables get it from the models (extensions.Base); this rebuilds the tables earlier migrations
created. A no-op on PostgreSQL, whose sequences never hand an id out twice. migrations/env.py turns
SQLite's foreign-key enforcement off around the migration, so dropping the old copy of a table does
not cascade into its children.

Revision ID: 0016_sqlite_autoincrement
Revises: 0015_hire_version
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa

revision = "0016_sqlite_autoincrement"
down_revision = "0015_hire_version"
branch_labels = None
depends_on = None


def _tables_with_integer_key(bind) -> list[str]:
    inspector = sa.inspect(bind)
    tables = []
    for name in inspector.get_table_names():
        if name == "alembic_version" or name.startswith("sqlite_"):
            continue
        key = inspector.get_pk_constraint(name)["constrained_columns"]
        if len(key) != 1:
            continue
        column = next(c for c in inspector.get_columns(name) if c["name"] == key[0])
        sql = bind.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                                   (name,)).scalar() or ""
        if isinstance(column["type"], sa.Integer) and "AUTOINCREMENT" not in sql.upper():
            tables.append(name)
    return tables


def upgrade():
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    for name in _tables_with_integer_key(bind):
        with op.batch_alter_table(name, recreate="always", table_kwargs={"sqlite_autoincrement": True}):
            pass


def downgrade():
    pass  # AUTOINCREMENT only stops reuse; keeping it on a downgrade is harmless
