"""PostgreSQL row-level security for tenant tables: the names and the SQL, in one place.

Defence in depth under `tenancy.scoped()`: in a transaction of a signed-in request the app
switches to the role TENANT_ROLE and sets EMPLOYER_SETTING, and every tenant table's policy
then shows (and accepts) only that employer's rows, so a query that forgot its tenant filter
finds nothing of another employer. With no employer set (Celery jobs, beat sweeps, the CLI,
the sign-in lookup) the connecting role sees every row, as before.

Superusers and the owner of a table bypass row-level security; the tables are FORCEd (so a
non-superuser owner is held too) and tenant transactions run as TENANT_ROLE, a NOLOGIN role
that is neither, so the policies hold whatever role the app connects as.

Migrations call these helpers (a table added later calls `protect_tenant_table`), so keep
what they emit stable. Plain module: no Flask.
"""
from __future__ import annotations

TENANT_ROLE = "portal_tenant"
EMPLOYER_SETTING = "app.employer_id"
POLICY_NAME = "tenant_isolation"

# The setting as an integer, or NULL when no employer is set (missing or empty).
_EMPLOYER = f"nullif(current_setting('{EMPLOYER_SETTING}', true), '')::integer"


def employer_visible(column: str = "employer_id") -> str:
    """Policy condition: the row's employer is the one set, or no employer is set.

    "No employer set" is allowed only for roles other than TENANT_ROLE (jobs, CLI, sign-in):
    the tenant role without an employer sees nothing, so a slip fails closed.
    """
    return (f"({column} = {_EMPLOYER} OR ({_EMPLOYER} IS NULL AND current_user <> '{TENANT_ROLE}'))")


def parent_visible(column: str, parent_table: str) -> str:
    """Policy condition for a child table without employer_id: its parent row is visible."""
    return f"({column} IN (SELECT id FROM {parent_table}))"


def is_postgresql(op) -> bool:
    return op.get_bind().dialect.name == "postgresql"


def create_tenant_role(op) -> None:
    """Create TENANT_ROLE once per cluster (roles are cluster-wide), and let the migrating role switch to it.

    Two databases migrating at once (parallel test runs) may both try to create it: the loser's
    error is swallowed. A role without CREATEROLE fails here with PostgreSQL's own message; the
    DBA then runs `CREATE ROLE portal_tenant NOLOGIN; GRANT portal_tenant TO <app role>;` once.
    """
    op.execute(f"""
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{TENANT_ROLE}') THEN
        BEGIN
            CREATE ROLE {TENANT_ROLE} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOBYPASSRLS;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;  -- created meanwhile by a migration of another database in this cluster
        END;
    END IF;
    IF NOT pg_has_role(current_user, '{TENANT_ROLE}', 'MEMBER') THEN
        EXECUTE format('GRANT {TENANT_ROLE} TO %I', current_user);
    END IF;
END
$$""")


def grant_tenant_role(op, table: str, privileges: str = "SELECT, INSERT, UPDATE, DELETE") -> None:
    op.execute(f"GRANT {privileges} ON TABLE {table} TO {TENANT_ROLE}")


def protect_tenant_table(op, table: str, condition: str | None = None,
                         privileges: str = "SELECT, INSERT, UPDATE, DELETE") -> None:
    """Grant TENANT_ROLE `privileges` on the table and hold it to one employer's rows (on PostgreSQL only).

    `condition` defaults to `employer_visible()` on the table's employer_id column.
    """
    if not is_postgresql(op):
        return
    condition = condition or employer_visible()
    op.execute(f"REVOKE ALL ON TABLE {table} FROM {TENANT_ROLE}")  # exactly `privileges`, whatever defaults gave
    grant_tenant_role(op, table, privileges)
    op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    op.execute(f"DROP POLICY IF EXISTS {POLICY_NAME} ON {table}")
    op.execute(f"CREATE POLICY {POLICY_NAME} ON {table} USING {condition} WITH CHECK {condition}")


def unprotect_tenant_table(op, table: str) -> None:
    if not is_postgresql(op):
        return
    op.execute(f"DROP POLICY IF EXISTS {POLICY_NAME} ON {table}")
    op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
    op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    op.execute(f"REVOKE ALL ON TABLE {table} FROM {TENANT_ROLE}")
