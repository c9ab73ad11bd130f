"""PostgreSQL row-level security (issue 13 item 6): a query that forgot its tenant filter sees one employer.

Two employers get one row in every tenant table. Inside employer A's transaction a deliberately
unscoped `select(Model)` returns A's row only; with no employer set (a job, the CLI) both rows;
over HTTP, a view that forgot `scoped()` still cannot read B's data. The test database role is a
superuser (RLS would not apply to it): the policies hold because tenant transactions switch to the
role portal_tenant.
"""
from __future__ import annotations

import datetime as dt
import itertools

import pytest
from flask import jsonify
from flask_login import login_required
from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Integer, select, text
from sqlalchemy.exc import DBAPIError

import employer_portal.models  # noqa: F401  (registers every table)
from employer_portal.extensions import db as _db
from employer_portal.models import Employer, Hire
from employer_portal.row_security import TENANT_ROLE
from employer_portal.tenancy import enter_tenant


def _tenant_models() -> dict:
    """table name -> model, for every table holding one employer's data (employer_id, or owned through a user)."""
    models = {}
    for mapper in _db.Model.registry.mappers:
        table = mapper.local_table
        if "employer_id" in table.c or table.name in ("employers", "user_sessions"):
            models[table.name] = mapper.class_
    return models


TENANT_MODELS = _tenant_models()
TABLE_ORDER = [t.name for t in _db.metadata.sorted_tables if t.name in TENANT_MODELS]  # parents first
_serial = itertools.count(1)  # makes every filled-in text unique (e-mail addresses, token hashes)


def _value_for(column):
    kind = column.type
    if isinstance(kind, Boolean):
        return False
    if isinstance(kind, Integer):
        return 1
    if isinstance(kind, Float):
        return 1.0
    if isinstance(kind, DateTime):
        return dt.datetime(2027, 1, 1, tzinfo=dt.timezone.utc)
    if isinstance(kind, Date):
        return dt.date(2027, 1, 1)
    if isinstance(kind, JSON):
        return {}
    value = f"r{next(_serial)}-{column.name}"
    length = getattr(kind, "length", None) or getattr(getattr(kind, "impl", None), "length", None)
    return value[:length] if length else value


def _new_row(table: str, parent_ids: dict[str, int]):
    """An unsaved row of `table`: every required column filled, foreign keys pointing at `parent_ids`."""
    model = TENANT_MODELS[table]
    values = {}
    for column in model.__table__.columns:
        if column.primary_key:
            continue
        parents = [fk.column.table.name for fk in column.foreign_keys]
        if parents:
            if parents[0] in parent_ids:
                values[column.key] = parent_ids[parents[0]]
            continue
        if column.nullable or column.default is not None or column.server_default is not None:
            continue
        values[column.key] = _value_for(column)
    return model(**values)


def _one_row_per_tenant_table(employer_name: str) -> dict[str, int]:
    """One row in every tenant table for a new employer, parents first; returns table -> id."""
    ids: dict[str, int] = {}
    for table in TABLE_ORDER:
        row = _new_row(table, ids)
        if table == "employers":
            row.name = employer_name
        _db.session.add(row)
        _db.session.flush()
        ids[table] = row.id
    return ids


@pytest.fixture
def rows(app):
    """{'a': {table: id}, 'b': {table: id}}: employers A and B with one row in every tenant table (committed)."""
    with app.app_context():
        made = {"a": _one_row_per_tenant_table("RLS Employer A"), "b": _one_row_per_tenant_table("RLS Employer B")}
        _db.session.commit()
    return made


def _visible_ids(model) -> set[int]:
    return set(_db.session.scalars(select(model.id)))


@pytest.mark.parametrize("table", TABLE_ORDER)
def test_an_unscoped_query_in_a_tenant_transaction_returns_only_that_employers_rows(app, rows, table):
    model = TENANT_MODELS[table]
    with app.test_request_context():
        enter_tenant(rows["a"]["employers"])
        assert _visible_ids(model) == {rows["a"][table]}
        assert _db.session.get(model, rows["b"][table]) is None


def test_with_no_employer_set_a_job_sees_every_employers_rows(app, rows):
    with app.app_context():  # what a Celery task, a beat sweep or the CLI runs in
        for table, model in TENANT_MODELS.items():
            assert {rows["a"][table], rows["b"][table]} <= _visible_ids(model), table


def test_a_tenant_transaction_cannot_write_a_row_for_another_employer(app, rows):
    with app.test_request_context():
        enter_tenant(rows["a"]["employers"])
        _db.session.add(_new_row("hires", {"employers": rows["b"]["employers"]}))
        with pytest.raises(DBAPIError, match="row-level security"):
            _db.session.flush()
        _db.session.rollback()


def test_a_tenant_transaction_may_add_audit_events_but_never_change_or_remove_one(app, rows):
    event_id = rows["a"]["audit_events"]
    with app.test_request_context():
        enter_tenant(rows["a"]["employers"])
        for statement in (f"UPDATE audit_events SET action = 'rewritten' WHERE id = {event_id}",
                          f"DELETE FROM audit_events WHERE id = {event_id}"):
            with pytest.raises(DBAPIError, match="permission denied"):
                _db.session.execute(text(statement))
            _db.session.rollback()
            enter_tenant(rows["a"]["employers"])
        _db.session.add(_new_row("audit_events", {"employers": rows["a"]["employers"]}))
        _db.session.commit()


def test_the_tenant_role_without_an_employer_sees_nothing(app, rows):
    with app.app_context():
        _db.session.execute(text(f"SET LOCAL ROLE {TENANT_ROLE}"))
        assert _visible_ids(Hire) == set()
        assert _visible_ids(Employer) == set()
        _db.session.rollback()


def test_an_api_call_that_forgot_the_tenant_filter_cannot_read_another_employers_data(app, rows, make, api_for,
                                                                                      monkeypatch):
    def forgetful_list_hires():  # a view that forgot scoped(): every Hire, and B's hire by id
        return jsonify({"ids": sorted(_visible_ids(Hire)),
                        "b_hire": _db.session.get(Hire, rows["b"]["hires"]) is not None,
                        "employers": sorted(_visible_ids(Employer))})

    monkeypatch.setitem(app.view_functions, "api.list_hires", forgetful_list_hires)
    api = api_for(make.user(rows["a"]["employers"], role="hr"))
    body = api.get("/api/v1/hires").get_json()
    assert body == {"ids": [rows["a"]["hires"]], "b_hire": False, "employers": [rows["a"]["employers"]]}


def test_a_signed_in_page_that_forgot_the_tenant_filter_shows_only_its_employers_hires(app, rows, make, client,
                                                                                       login, monkeypatch):
    @login_required
    def forgetful_dashboard():
        return jsonify(sorted(_visible_ids(Hire)))

    monkeypatch.setitem(app.view_functions, "dashboard.index", forgetful_dashboard)
    login(client, make.user(rows["b"]["employers"], role="viewer"))
    assert client.get("/dashboard").get_json() == [rows["b"]["hires"]]


def test_the_employer_is_let_go_when_the_request_ends(app, rows, make, api_for):
    api = api_for(make.user(rows["a"]["employers"], role="hr"))
    with app.app_context():  # a test (or an eager task) sharing the request's app context
        assert api.get("/api/v1/hires").status_code == 200
        assert {rows["a"]["hires"], rows["b"]["hires"]} <= _visible_ids(Hire)


def test_every_table_holding_employer_data_has_forced_row_level_security(app):
    """A table added later with employer_id, hire_id or user_id must call row_security.protect_tenant_table."""
    with app.app_context():
        found = _db.session.execute(text("""
            SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
                   EXISTS (SELECT 1 FROM pg_policies p WHERE p.tablename = c.relname AND p.schemaname = n.nspname)
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind = 'r' AND n.nspname = current_schema()
               AND (c.relname = 'employers' OR EXISTS (
                    SELECT 1 FROM information_schema.columns k
                     WHERE k.table_schema = n.nspname AND k.table_name = c.relname
                       AND k.column_name IN ('employer_id', 'hire_id', 'user_id')))
        """)).all()
    unprotected = [name for name, enabled, forced, has_policy in found if not (enabled and forced and has_policy)]
    assert {name for name, *_ in found} >= set(TENANT_MODELS)
    assert unprotected == []


def test_the_tenant_role_can_neither_sign_in_nor_bypass_row_level_security(app):
    with app.app_context():
        role = _db.session.execute(text("SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = :r"),
                                   {"r": TENANT_ROLE}).one()
    assert tuple(role) == (False, False, False)

