"""Row-level security on every tenant table: a query that forgot its tenant filter sees one employer (issue 13.6)

Every table holding one employer's data gets a policy `tenant_isolation`: tables with employer_id
on that column, `employers` on its id, `user_sessions` through its user. The policy shows the rows
of the employer in the setting app.employer_id; with no employer set (jobs, CLI, sign-in) every row,
except to the role portal_tenant, which sees nothing then. The tables are FORCEd, and the app runs
tenant transactions as portal_tenant (a NOLOGIN role created here once per cluster), since
superusers and table owners are otherwise exempt. Reference data stays readable to all; the
audit trail is append-only for the tenant role (no UPDATE or DELETE).

A later migration that adds a tenant table calls employer_portal.row_security.protect_tenant_table.
A no-op on SQLite (the embedded default has one tenant's processes and no roles).

Revision ID: 0017_row_level_security
Revises: 0016_sqlite_autoincrement
Create Date: 2026-12-02
"""
from alembic import op

from employer_portal.row_security import (
    TENANT_ROLE,
    create_tenant_role,
    employer_visible,
    grant_tenant_role,
    is_postgresql,
    parent_visible,
    protect_tenant_table,
    unprotect_tenant_table,
)

revision = "0017_row_level_security"
down_revision = "0016_sqlite_autoincrement"
branch_labels = None
depends_on = None

# Tables with an employer_id column (every TenantOwned model at this revision).
EMPLOYER_TABLES = (
    "users", "api_tokens", "audit_events", "hires", "checklist_items", "checklist_builds", "deadlines",
    "reminder_outbox", "permit_periods", "upload_links", "documents", "inspection_packs", "candidate_profiles",
    "pathway_settings", "lmbp_commitments", "lmbp_activities", "self_audit_answers",
)
# The audit trail is append-only for a signed-in request: it may add events, never change or remove one.
TENANT_PRIVILEGES = {"audit_events": "SELECT, INSERT"}
# Tables without one: (table, policy condition).
OTHER_TENANT_TABLES = (
    ("employers", employer_visible("id")),
    ("user_sessions", parent_visible("user_id", "users")),
)
# Shared by every employer; the tenant role only reads them.
REFERENCE_TABLES = ("refdata_versions", "refdata_wage_figures", "refdata_audit_events")

_IN_SCHEMA = """
DO $$
BEGIN
    EXECUTE format('{statement}', current_schema());
END
$$"""


def _in_schema(statement: str) -> None:
    """Run `statement` with %I standing for the current schema (public unless search_path says otherwise)."""
    op.execute(_IN_SCHEMA.format(statement=statement.replace("'", "''")))


def upgrade():
    if not is_postgresql(op):
        return
    create_tenant_role(op)
    _in_schema(f"GRANT USAGE ON SCHEMA %I TO {TENANT_ROLE}")
    _in_schema(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO {TENANT_ROLE}")
    # Tables and sequences created later by this role are usable by the tenant role at once;
    # a later tenant table still needs protect_tenant_table for its policy.
    _in_schema(f"ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {TENANT_ROLE}")
    _in_schema(f"ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO {TENANT_ROLE}")
    for table in REFERENCE_TABLES:
        grant_tenant_role(op, table, "SELECT")
    for table in EMPLOYER_TABLES:
        protect_tenant_table(op, table, privileges=TENANT_PRIVILEGES.get(table, "SELECT, INSERT, UPDATE, DELETE"))
    for table, condition in OTHER_TENANT_TABLES:
        protect_tenant_table(op, table, condition)


def downgrade():
    # The role is left in place: roles are cluster-wide and other databases may use it.
    if not is_postgresql(op):
        return
    for table, _condition in reversed(OTHER_TENANT_TABLES):
        unprotect_tenant_table(op, table)
    for table in reversed(EMPLOYER_TABLES):
        unprotect_tenant_table(op, table)
    for table in REFERENCE_TABLES:
        op.execute(f"REVOKE ALL ON TABLE {table} FROM {TENANT_ROLE}")
    _in_schema(f"ALTER DEFAULT PRIVILEGES IN SCHEMA %I REVOKE ALL ON SEQUENCES FROM {TENANT_ROLE}")
    _in_schema(f"ALTER DEFAULT PRIVILEGES IN SCHEMA %I REVOKE ALL ON TABLES FROM {TENANT_ROLE}")
    _in_schema(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM {TENANT_ROLE}")
    _in_schema(f"REVOKE USAGE ON SCHEMA %I FROM {TENANT_ROLE}")
