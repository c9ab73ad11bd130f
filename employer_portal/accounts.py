"""Employers, users, sessions and API tokens: the rules behind the CLI, the pages and the API."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from employer_portal.auth.passwords import (
    DUMMY_HASH,
    WeakPassword,
    check_password_policy,
    hash_password,
    needs_rehash,
    verify_password,
)
from employer_portal.extensions import db
from employer_portal.models import ApiToken, AuditEvent, Employer, User, UserSession
from employer_portal.models.base import utcnow
from employer_portal.models.employer import ROLES, token_digest
from employer_portal.schemas.hire import PROVINCES


ADDRESS_NOT_USABLE = "this address cannot be used for a new user here; check it or use another work address"


class AccountError(ValueError):
    """A request about accounts that cannot be done; the message says why, in one line."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def normalise_email(email: str) -> str:
    """The one spelling of an e-mail address used for storage, lookup and the sign-in rate-limit key.

    Unicode NFKC (full-width and other compatibility forms become plain letters), case-folded, the domain in
    its IDNA (ASCII) form: "ＤＡＮＡ＠Bücher.example" and "dana@xn--bcher-kva.example" are one account.
    """
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", (email or "").strip()).casefold())
    try:
        parts = validate_email(text, check_deliverability=False)
    except EmailNotValidError as exc:
        raise AccountError(f"invalid email address: {exc}", field="email") from exc
    return f"{unicodedata.normalize('NFKC', parts.local_part.casefold())}@{parts.ascii_domain.lower()}"


def sign_in_key(email: str) -> str:
    """The per-account rate-limit key of a sign-in attempt: look-alike spellings share one bucket."""
    try:
        return normalise_email(email)
    except AccountError:  # cannot sign in anyway; still one bucket per folded spelling
        return "invalid:" + unicodedata.normalize("NFKC", (email or "").strip()).casefold()[:254]


def record(employer_id: int, entity: str, entity_id: int | None, action: str, *, actor: User | None = None,
           changes: dict | None = None, actor_label: str | None = None) -> AuditEvent:
    event = AuditEvent(employer_id=employer_id, entity=entity, entity_id=entity_id, action=action,
                       actor_user_id=actor.id if actor else None,
                       actor_label=actor_label or (actor.email if actor else "system"), changes=changes or {})
    db.session.add(event)
    return event


# --- employers -------------------------------------------------------------------------

def create_employer(name: str, province: str | None = None) -> Employer:
    name = (name or "").strip()
    if not name:
        raise AccountError("an employer needs a name", field="name")
    if len(name) > 200:
        raise AccountError("an employer name has at most 200 characters", field="name")
    if province:
        province = province.strip().upper()
        if province not in PROVINCES:
            raise AccountError(f"unknown province '{province}' (use one of {' '.join(PROVINCES)})", field="province")
    if db.session.scalar(select(Employer.id).where(func.lower(Employer.name) == name.lower())):
        raise AccountError(f"an employer named '{name}' already exists", field="name")
    employer = Employer(name=name, province=province or None)
    db.session.add(employer)
    db.session.flush()
    return employer


def employer_by_name(name: str) -> Employer:
    employer = db.session.scalar(select(Employer).where(func.lower(Employer.name) == (name or "").strip().lower()))
    if employer is None:
        raise AccountError(f"no employer named '{name}'", field="employer")
    return employer


# --- users -----------------------------------------------------------------------------

def create_user(employer: Employer, email: str, role: str, password: str, *, full_name: str | None = None,
                actor: User | None = None) -> User:
    email = normalise_email(email)
    if role not in ROLES:
        raise AccountError(f"unknown role '{role}' (use admin, hr or viewer)", field="role")
    try:
        check_password_policy(password or "", email, employer.name)
    except WeakPassword as exc:
        raise AccountError(f"weak password: {exc}", field="password") from exc
    # Addresses are unique across employers, but an admin learns nothing about another employer's accounts:
    # an address taken elsewhere gets a neutral answer that says neither "exists" nor where.
    taken_by = db.session.scalar(select(User.employer_id).where(User.email == email))
    if taken_by == employer.id:
        raise AccountError(f"a user with email {email} already exists in your employer", field="email")
    if taken_by is not None:
        raise AccountError(ADDRESS_NOT_USABLE, field="email")
    user = User(employer_id=employer.id, email=email, role=role, full_name=(full_name or "").strip() or None,
                password_hash=hash_password(password))
    try:
        with db.session.begin_nested():
            db.session.add(user)
            db.session.flush()
    except IntegrityError:
        # Taken by an account this transaction cannot see (row-level security hides other employers' users).
        raise AccountError(ADDRESS_NOT_USABLE, field="email") from None
    record(employer.id, "user", user.id, "created", actor=actor, changes={"email": [None, email], "role": [None, role]})
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active user with these credentials, or None. Rehashes outdated hashes."""
    try:
        email = normalise_email(email)
    except AccountError:
        verify_password(DUMMY_HASH, password or "")
        return None
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None:
        verify_password(DUMMY_HASH, password or "")
        return None
    if not verify_password(user.password_hash, password or "") or not user.active:
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def change_password(user: User, new_password: str, *, actor: User | None = None,
                    revoke_tokens: bool = True) -> int:
    """Set a new password and sign out every session; revoke the user's API tokens unless told not to.

    Returns how many API tokens were revoked.
    """
    try:
        check_password_policy(new_password or "", user.email, user.employer.name if user.employer else "")
    except WeakPassword as exc:
        raise AccountError(f"weak password: {exc}", field="password") from exc
    user.password_hash = hash_password(new_password)
    revoke_sessions(user)
    revoked = revoke_user_tokens(user, actor=actor) if revoke_tokens else 0
    record(user.employer_id, "user", user.id, "password_changed", actor=actor,
           changes={"api_tokens_revoked": [None, revoked]})
    return revoked


def set_user_active(user: User, active: bool, *, actor: User | None = None) -> None:
    if user.active != active:
        record(user.employer_id, "user", user.id, "activated" if active else "deactivated", actor=actor,
               changes={"active": [user.active, active]})
    user.active = active
    if not active:
        revoke_sessions(user)
        revoke_user_tokens(user, actor=actor, audit=False)


def set_user_role(user: User, role: str, *, actor: User | None = None) -> None:
    if role not in ROLES:
        raise AccountError(f"unknown role '{role}'", field="role")
    if user.role != role:
        record(user.employer_id, "user", user.id, "role_changed", actor=actor, changes={"role": [user.role, role]})
        user.role = role


# --- sessions --------------------------------------------------------------------------

def start_session(user: User) -> str:
    """A new server-side session for this user; returns the token for the cookie."""
    token = UserSession.new_token()
    now = utcnow()
    hours = current_app.config["SESSION_MAX_HOURS"]
    db.session.add(UserSession(user_id=user.id, token_hash=token_digest(token), created_at=now, last_seen_at=now,
                               expires_at=now + dt.timedelta(hours=hours)))
    user.session_token = token
    return token


def user_for_session(token: str) -> User | None:
    """The user of a live session token; expired or idle sessions are removed."""
    if not token:
        return None
    row = db.session.scalar(select(UserSession).where(UserSession.token_hash == token_digest(token)))
    if row is None:
        return None
    now = utcnow()
    idle = dt.timedelta(minutes=current_app.config["SESSION_IDLE_MINUTES"])
    last_seen = _aware(row.last_seen_at)
    if _aware(row.expires_at) <= now or last_seen + idle <= now or not row.user.active:
        db.session.delete(row)
        db.session.commit()
        return None
    if now - last_seen > dt.timedelta(seconds=60):  # one write a minute at most, not one per request
        row.last_seen_at = now
        db.session.commit()
    user = row.user
    user.session_token = token
    return user


def end_session(token: str) -> None:
    db.session.execute(delete(UserSession).where(UserSession.token_hash == token_digest(token)))


def revoke_sessions(user: User) -> None:
    db.session.execute(delete(UserSession).where(UserSession.user_id == user.id))


def purge_expired_sessions(now: dt.datetime | None = None) -> int:
    """Delete sessions past their absolute lifetime; returns how many."""
    now = now or utcnow()
    result = db.session.execute(delete(UserSession).where(UserSession.expires_at <= now))
    return result.rowcount or 0


def _aware(value: dt.datetime) -> dt.datetime:
    # SQLite returns naive datetimes; they are stored as UTC.
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


# --- API tokens ------------------------------------------------------------------------

def create_token(user: User, name: str | None = None, *, actor: User | None = None) -> tuple[ApiToken, str]:
    """A new API token for `user`; returns the row and the secret, which is shown once."""
    name = (name or "").strip() or "API token"
    if len(name) > 100:
        raise AccountError("a token label has at most 100 characters", field="name")
    if not re.fullmatch(r"[\w .:@/+-]+", name):
        raise AccountError("a token label uses letters, digits, spaces and . : @ / + - only", field="name")
    if not user.active:
        raise AccountError(f"user {user.email} is deactivated", field="email")
    secret = ApiToken.new_secret()
    token = ApiToken(employer_id=user.employer_id, user_id=user.id, name=name, token_hash=token_digest(secret),
                     prefix=secret[:10])
    db.session.add(token)
    db.session.flush()
    record(user.employer_id, "api_token", token.id, "created", actor=actor or user, changes={"name": [None, name]})
    return token, secret


def revoke_token(token: ApiToken, *, actor: User | None = None) -> None:
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        record(token.employer_id, "api_token", token.id, "revoked", actor=actor)


def revoke_user_tokens(user: User, *, actor: User | None = None, audit: bool = True) -> int:
    """Revoke every live API token of this user; returns how many."""
    tokens = db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id,
                                                        ApiToken.revoked_at.is_(None))).all()
    for token in tokens:
        token.revoked_at = utcnow()
        if audit:
            record(token.employer_id, "api_token", token.id, "revoked", actor=actor)
    return len(tokens)
