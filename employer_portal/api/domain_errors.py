"""Domain errors as problem+json, in one place.

Each feature's service raises its own exception; the API blueprint's error handlers below turn each
into its answer, so the views call the services without try/except. The transaction of a refused
change is rolled back here, before the answer (nothing of it is ever committed).
"""
from __future__ import annotations

from pydantic import ValidationError

from employer_portal.api.blueprint import bp
from employer_portal.benefits_plan.service import PlanError
from employer_portal.checklists.errors import ChecklistError
from employer_portal.conditions.service import ConditionsError, InvalidTerms
from employer_portal.deadlines.completion import NoteTooLong
from employer_portal.deadlines.permits import PermitsNotAllowed
from employer_portal.deadlines.service import DatesNotAllowed
from employer_portal.documents.service import ReviewError
from employer_portal.extensions import db
from employer_portal.hires.service import Conflict, HireError, InvalidHire
from employer_portal.inspection.retention import RetentionError
from employer_portal.inspection.service import PackError
from employer_portal.pathways.rules import NoRulesInForce
from employer_portal.pathways_hire.service import InvalidProfile
from employer_portal.problems import Problem, problem_response
from employer_portal.schemas.errors import error_map
from employer_portal.self_audit.service import AuditError

TITLES = {400: "Bad Request", 403: "Forbidden", 404: "Not Found", 409: "Conflict", 410: "Gone",
          422: "Unprocessable Content"}
NOT_VALID = "Some fields are not valid."


def _invalid(errors: dict, detail: str = NOT_VALID) -> Problem:
    return Problem(422, TITLES[422], detail, errors=errors)


def _hire(exc: HireError) -> Problem:
    if isinstance(exc, InvalidHire):
        return _invalid(exc.errors)
    if isinstance(exc, Conflict):
        return Problem(409, TITLES[409], str(exc), **({"report": exc.report} if exc.report is not None else {}))
    return Problem(400, TITLES[400], str(exc))


def _conditions(exc: ConditionsError) -> Problem:
    if isinstance(exc, InvalidTerms):
        return _invalid(exc.errors)
    return Problem(409, TITLES[409], str(exc))


def _with_status(exc: ReviewError | PackError | RetentionError | ChecklistError) -> Problem:
    """Errors that carry their HTTP status and, for a 422, the field."""
    errors = {exc.field: [str(exc)]} if exc.field and exc.status == 422 else None
    return Problem(exc.status, TITLES.get(exc.status, TITLES[409]), str(exc), errors=errors)


def _plan(exc: PlanError) -> Problem:
    return Problem(exc.status, TITLES.get(exc.status, TITLES[422]), str(exc), errors={exc.field: [str(exc)]})


def _field(field: str):
    """A 422 naming one field: the message is the exception's own."""
    return lambda exc: _invalid({getattr(exc, "field", None) or field: [str(exc)]}, str(exc))


# Exception class -> how it reads as a problem. Flask picks the most specific class of a raised error.
DOMAIN_PROBLEMS = {
    HireError: _hire,
    ConditionsError: _conditions,
    ReviewError: _with_status,
    PackError: _with_status,
    RetentionError: _with_status,
    ChecklistError: _with_status,
    PlanError: _plan,
    AuditError: _field("answers"),
    NoteTooLong: _field("note"),
    InvalidProfile: lambda exc: _invalid(exc.errors, "Some profile fields are not valid."),
    NoRulesInForce: _field("as_of"),  # an outlook dated before the bundled rule sets begin
    DatesNotAllowed: lambda exc: Problem(409, TITLES[409], str(exc)),
    PermitsNotAllowed: lambda exc: Problem(409, TITLES[409], str(exc)),
    ValidationError: lambda exc: _invalid(error_map(exc)),
}


def _answer(exc: Exception):
    db.session.rollback()
    for cls in type(exc).__mro__:
        if cls in DOMAIN_PROBLEMS:
            problem = DOMAIN_PROBLEMS[cls](exc)
            return problem_response(problem.status, problem.title, problem.detail, problem.errors, **problem.extra)
    raise exc  # not reached: only the classes above are registered


for _cls in DOMAIN_PROBLEMS:
    bp.register_error_handler(_cls, _answer)
