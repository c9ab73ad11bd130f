"""Account resources on the API: the employer's users and API tokens (read, and revoke a token).

Everything is read through `tenancy`: another employer's user or token is a 404.
A token-holder sees their own tokens; an admin sees and revokes every token of the employer.
"""
from __future__ import annotations

from flask import g, jsonify

from employer_portal import accounts
from employer_portal.api.blueprint import bp
from employer_portal.extensions import db
from employer_portal.models import ApiToken, User
from employer_portal.problems import Problem
from employer_portal.tenancy import get_scoped_or_404, scoped
from employer_portal.timestamps import utc_iso


def _iso(value):
    return utc_iso(value)


def user_json(user: User) -> dict:
    return {"id": user.id, "email": user.email, "full_name": user.full_name, "role": user.role,
            "active": user.active, "created_at": _iso(user.created_at)}


def token_json(token: ApiToken) -> dict:
    # Never the secret: only the prefix, which helps people tell their tokens apart.
    return {"id": token.id, "name": token.name, "prefix": token.prefix, "user_id": token.user_id,
            "created_at": _iso(token.created_at), "last_used_at": _iso(token.last_used_at),
            "revoked_at": _iso(token.revoked_at)}


def _visible_tokens():
    """The tokens this caller may see: all of the employer's for an admin, else their own."""
    query = scoped(ApiToken)
    if not g.api_user.is_admin:
        query = query.where(ApiToken.user_id == g.api_user.id)
    return query


def _visible_token_or_404(token_id: int) -> ApiToken:
    token = get_scoped_or_404(ApiToken, token_id)
    if token.user_id != g.api_user.id and not g.api_user.is_admin:
        raise Problem(404, "Not Found", "No such token.")
    return token


@bp.get("/users")
def list_users():
    users = db.session.scalars(scoped(User).order_by(User.id)).all()
    return jsonify({"items": [user_json(u) for u in users]})


@bp.get("/users/<int:user_id>")
def get_user(user_id: int):
    return jsonify(user_json(get_scoped_or_404(User, user_id)))


@bp.get("/tokens")
def list_tokens():
    tokens = db.session.scalars(_visible_tokens().order_by(ApiToken.id)).all()
    return jsonify({"items": [token_json(t) for t in tokens]})


@bp.get("/tokens/<int:token_id>")
def get_token(token_id: int):
    return jsonify(token_json(_visible_token_or_404(token_id)))


@bp.delete("/tokens/<int:token_id>")
def delete_token(token_id: int):
    """Revoke a token (the row stays, for the audit trail); 204 also when already revoked."""
    token = _visible_token_or_404(token_id)
    accounts.revoke_token(token, actor=g.api_user)
    db.session.commit()
    return "", 204


