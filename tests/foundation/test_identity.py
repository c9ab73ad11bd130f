"""Sign-in identity: one spelling of an e-mail address for storage, lookup and the per-account rate limit.

OWASP ASVS 5.0 V6.3 (authentication) and V2.2 (input canonicalisation): look-alike spellings of one address
(Unicode compatibility forms, case, an internationalised domain) are one account and one rate-limit bucket.
"""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from employer_portal.accounts import AccountError, normalise_email, sign_in_key
from employer_portal.models import User

STORED = "dana@xn--bcher-kva.example"
LOOK_ALIKES = [
    "ＤＡＮＡ＠ｘｎ－－ｂｃｈｅｒ－ｋｖａ．ｅｘａｍｐｌｅ",  # full-width forms, NFKC folds them
    "DANA@XN--BCHER-KVA.EXAMPLE",  # upper case
    "Dana@Bücher.example",  # the IDN domain in Unicode
    "ＤＡＮＡ@BÜCHER.EXAMPLE",  # all three at once
]


def _attempt(client, csrf_of, email, password, **kw):
    token = csrf_of(client.get("/login").get_data(as_text=True))
    return client.post("/login", data={"email": email, "password": password, "csrf_token": token}, **kw)


@pytest.mark.parametrize("spelling", LOOK_ALIKES + [STORED])
def test_look_alike_spellings_normalise_to_one_address(spelling):
    """ASVS 5.0 V2.2: NFKC, case-folded, the domain in IDNA (ASCII) form."""
    assert normalise_email(spelling) == STORED


def test_the_rate_limit_key_is_the_normalised_address():
    """ASVS 5.0 V6.3.1: the per-account limit is keyed on the account, not on how its address is typed."""
    assert {sign_in_key(spelling) for spelling in LOOK_ALIKES} == {STORED}


def test_an_invalid_address_still_has_one_folded_key():
    """ASVS 5.0 V6.3.1: garbage spellings cannot open fresh buckets by changing case or width."""
    assert sign_in_key("NOT AN ADDRESS") == sign_in_key("ｎｏｔ ａｎ ａｄｄｒｅｓｓ")


def test_an_address_created_in_any_spelling_is_stored_normalised(make, in_db):
    """ASVS 5.0 V2.2: one stored spelling, whatever the admin typed."""
    user = make.user(email="Dana@Bücher.example")
    assert user.email == STORED
    assert in_db(lambda db: db.session.get(User, user.id).email) == STORED


@pytest.mark.parametrize("spelling", LOOK_ALIKES)
def test_a_look_alike_of_an_existing_address_is_refused_as_a_duplicate(make, app, spelling):
    """ASVS 5.0 V6.3: a second account under a look-alike spelling would split the account's protections."""
    from employer_portal import accounts
    from employer_portal.extensions import db
    from employer_portal.models import Employer

    employer_id = make.user(email=STORED).employer_id
    with app.app_context():
        with pytest.raises(AccountError, match="already exists"):
            accounts.create_user(db.session.get(Employer, employer_id), spelling, "hr", "a-long-unusual-passphrase-9")


@pytest.mark.parametrize("spelling", LOOK_ALIKES)
def test_a_look_alike_spelling_signs_in_to_the_same_account(app, make, login, spelling):
    """ASVS 5.0 V6.3: lookup uses the same normalised address as storage."""
    user = make.user(email=STORED)
    client = login(app.test_client(), SimpleNamespace(email=spelling, password=user.password))
    assert client.get("/dashboard").status_code == 200


def test_look_alike_spellings_share_one_per_account_bucket(client, make, csrf_of):
    """ASVS 5.0 V6.3.1: ten failures spread over look-alike spellings and addresses lock the account's bucket."""
    user = make.user(email=STORED)
    for i in range(10):
        response = _attempt(client, csrf_of, LOOK_ALIKES[i % len(LOOK_ALIKES)], "wrong-password-xyz",
                            environ_overrides={"REMOTE_ADDR": f"198.51.100.{i + 1}"})
        assert response.status_code == 401
    response = _attempt(client, csrf_of, STORED, user.password, environ_overrides={"REMOTE_ADDR": "203.0.113.50"})
    assert response.status_code == 429


def test_the_users_page_stores_the_normalised_address(client, make, login, csrf_of, in_db):
    """ASVS 5.0 V2.2: the settings page creates users through the same normalisation."""
    login(client, make.user(role="admin"))
    token = csrf_of(client.get("/settings/users").get_data(as_text=True))
    response = client.post("/settings/users", data={"email": "ＰＡＴ@Bücher.example", "role": "hr",
                                                    "password": "a-long-unusual-passphrase-9", "csrf_token": token})
    assert response.status_code == 302
    count = in_db(lambda db: db.session.scalar(select(func.count()).select_from(User)
                                               .where(User.email == "pat@xn--bcher-kva.example")))
    assert count == 1


def test_the_cli_stores_the_normalised_address(app, make, in_db):
    """ASVS 5.0 V2.2: the CLI creates users through the same normalisation."""
    make.employer("Acme")
    result = app.test_cli_runner().invoke(args=["users", "create", "--employer", "acme", "--email", "ＰＡＴ@Bücher.example", "--role", "hr",
                 "--password-stdin"], input="a-long-unusual-passphrase-9\n")
    assert result.exit_code == 0, result.stderr
    assert in_db(lambda db: db.session.scalar(select(User.email).where(User.email.like("pat@%")))) \
        == "pat@xn--bcher-kva.example"
