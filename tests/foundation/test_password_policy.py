"""Passwords to OWASP ASVS 5.0 level 2 (chapter V6.2): length, a list of common and breached passwords shipped
with the project, context words refused, and a password change that revokes the user's API tokens by default."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from employer_portal.auth.passwords import WeakPassword, check_password_policy, common_passwords
from employer_portal.models import ApiToken, User

GOOD = "a-long-unusual-passphrase-9"


def _csrf(client, csrf_of, path):
    return csrf_of(client.get(path).get_data(as_text=True))


def _error_of(html: str, field: str) -> str:
    return html.split(f'id="{field}-error">')[1].split("</p>")[0]


def _live_tokens(in_db, user_id):
    return in_db(lambda db: db.session.scalar(select(func.count()).select_from(ApiToken).where(
        ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))))


def test_the_shipped_list_has_at_least_10000_common_and_breached_passwords():
    """ASVS 5.0 6.2.4: 'checked against an available set of, at least, the top 3000 passwords'; the issue asks 10,000."""
    listed = common_passwords()
    assert len(listed) >= 10_000
    assert {"123456", "password", "qwerty", "iloveyou"} <= listed


def test_a_password_shorter_than_12_characters_is_refused():
    """ASVS 5.0 6.2.1: 'user set passwords are at least 8 characters in length although a minimum of 15 characters
    is strongly recommended'; the project's minimum is 12."""
    with pytest.raises(WeakPassword, match="at least 12 characters"):
        check_password_policy("Tr0ub4dor&3", "pat@acme.example")


@pytest.mark.parametrize("password", ["qwertyuiop123", "passwordpassword", "PASSWORD12345678", "Dragon2024!!!",
                                      "starwars1234"])
def test_a_listed_common_password_is_refused_whatever_its_case_or_trailing_digits(password):
    """ASVS 5.0 6.2.4: passwords submitted are checked against a set of common passwords."""
    with pytest.raises(WeakPassword, match="too common"):
        check_password_policy(password, "pat@acme.example")


@pytest.mark.parametrize("password, word", [
    ("patterson-rides-bikes", "patterson"),  # the e-mail's local part
    ("widgetworks-rides-bikes", "widgetworks"),  # the e-mail's domain
    ("Employer-Portal-rides", "employer"),  # the product name
    ("my-maplesoft-secret-9", "maplesoft"),  # the employer's name
])
def test_context_words_are_refused(password, word):
    """ASVS 5.0 6.2.11: 'the documented list of context specific words is used to prevent easy to guess passwords
    being created'."""
    with pytest.raises(WeakPassword, match=word):
        check_password_policy(password, "patterson@widgetworks.example", "Maplesoft Inc.")


def test_a_password_without_context_words_or_list_entries_is_accepted():
    """ASVS 5.0 6.2.1: a long passphrase of ordinary words passes."""
    check_password_policy(GOOD, "patterson@widgetworks.example", "Maplesoft Inc.")


def test_a_listed_common_password_is_refused_with_a_plain_message_next_to_the_field(client, make, login, csrf_of,
                                                                                     in_db):
    """ASVS 5.0 6.2.4: the change-password form refuses a listed password; the reason sits by the field."""
    user = make.user()
    login(client, user)
    response = client.post("/account/password", data={
        "current_password": user.password, "new_password": "iloveyou12345",
        "csrf_token": _csrf(client, csrf_of, "/account/password")})
    assert response.status_code == 422
    assert "too common" in _error_of(response.get_data(as_text=True), "new_password")


def test_the_employer_name_is_refused_on_the_users_page(client, make, login, csrf_of, in_db):
    """ASVS 5.0 6.2.11: the employer's name is a context word when an admin sets an initial password."""
    login(client, make.user(make.employer("Northwind Traders"), role="admin"))
    response = client.post("/settings/users", data={
        "email": "new@example.com", "role": "hr", "password": "northwind-forever-77",
        "csrf_token": _csrf(client, csrf_of, "/settings/users")})
    assert response.status_code == 422
    assert "northwind" in _error_of(response.get_data(as_text=True), "password")


def test_the_revoke_tokens_box_is_ticked_by_default(client, make, login):
    """ASVS 5.0 7.4.3 / 6.2: a password change offers to end the user's other access; the offer is on by default."""
    login(client, make.user())
    html = client.get("/account/password").get_data(as_text=True)
    box = html.split('id="revoke_tokens"')[0].rsplit("<input", 1)[1] + html.split('id="revoke_tokens"')[1].split(">")[0]
    assert 'type="checkbox"' in box and "checked" in box


def test_changing_the_password_with_the_box_ticked_revokes_the_api_tokens(client, make, login, csrf_of, in_db):
    """ASVS 5.0 7.4.3: after a password change the user's other access (here API tokens) is ended."""
    user = make.user()
    make.token(user), make.token(user)
    login(client, user)
    response = client.post("/account/password", data={
        "current_password": user.password, "new_password": "another-long-passphrase-77", "revoke_tokens": "y",
        "csrf_token": _csrf(client, csrf_of, "/account/password")})
    assert response.status_code == 302
    assert _live_tokens(in_db, user.id) == 0


def test_the_password_change_revokes_tokens_unless_told_not_to(app, make, in_db):
    """ASVS 5.0 7.4.3: the domain function revokes by default; unticking the box keeps the tokens."""
    from employer_portal import accounts
    from employer_portal.extensions import db

    keep, drop = make.user(), make.user()
    for user in (keep, drop):
        make.token(user)
    with app.app_context():
        accounts.change_password(db.session.get(User, drop.id), "another-long-passphrase-77")
        accounts.change_password(db.session.get(User, keep.id), "another-long-passphrase-77", revoke_tokens=False)
        db.session.commit()
    assert _live_tokens(in_db, drop.id) == 0
    assert _live_tokens(in_db, keep.id) == 1


def test_unticking_the_box_keeps_the_api_tokens(client, make, login, csrf_of, in_db):
    """ASVS 5.0 7.4.3: the user may choose to keep the tokens (an unticked box is not sent)."""
    user = make.user()
    make.token(user)
    login(client, user)
    response = client.post("/account/password", data={
        "current_password": user.password, "new_password": "another-long-passphrase-77",
        "csrf_token": _csrf(client, csrf_of, "/account/password")})
    assert response.status_code == 302
    assert _live_tokens(in_db, user.id) == 1
