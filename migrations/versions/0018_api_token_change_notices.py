"""A notice on every change that can end an API token: revoked, re-keyed, moved, deleted, or its user deactivated (issue 13.8)

Each web process keeps the identities of the tokens it has just read (auth/api_tokens.py), so that
POST /api/v1/checks needs no database round trip per request. These statement triggers send
NOTIFY portal_api_token_changes when a transaction that revokes a token, deactivates or removes a
user, or empties either table commits; every process listens on its token connection and forgets
what it knew before its next request. Updates of `last_used_at` and other columns send nothing.
An employer's deletion reaches `users` through its foreign key's cascade, which fires these too.

A no-op on SQLite (the embedded default reads the token on every request).

Revision ID: 0018_api_token_change_notices
Revises: 0017_row_level_security
Create Date: 2026-12-03
"""
from alembic import op

from employer_portal.auth.api_tokens import CHANGES_CHANNEL
from employer_portal.row_security import is_postgresql

revision = "0018_api_token_change_notices"
down_revision = "0017_row_level_security"
branch_labels = None
depends_on = None

FUNCTION = "portal_notify_api_token_change"
# (table, the columns whose update can end a token's identity)
WATCHED = (
    ("api_tokens", "revoked_at, token_hash, user_id, employer_id"),
    ("users", "active, employer_id"),
)


def upgrade() -> None:
    if not is_postgresql(op):
        return
    op.execute(f"""
        CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('{CHANGES_CHANNEL}', TG_TABLE_NAME);
            RETURN NULL;
        END
        $$""")
    for table, columns in WATCHED:
        op.execute(f"CREATE TRIGGER {table}_token_change_notice AFTER UPDATE OF {columns} OR DELETE OR TRUNCATE"
                   f" ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()")


def downgrade() -> None:
    if not is_postgresql(op):
        return
    for table, _columns in WATCHED:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_token_change_notice ON {table}")
    op.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")
