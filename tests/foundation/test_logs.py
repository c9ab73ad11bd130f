"""No passwords, token secrets or email addresses in the logs (users are logged by id)."""
from __future__ import annotations

import logging
import re


def test_sign_in_user_and_token_creation_log_no_secrets_or_emails(app, make, login, csrf_of, caplog):
    caplog.set_level(logging.DEBUG)
    admin = make.user(role="admin", email="canary.admin@example.com")
    client = app.test_client()
    page = client.get("/login")
    client.post("/login", data={"email": admin.email, "password": "wrong-canary-password-1",
                                "csrf_token": csrf_of(page.get_data(as_text=True))})
    login(client, admin)
    token = csrf_of(client.get("/settings/users").get_data(as_text=True))
    client.post("/settings/users", data={"email": "canary.new@example.com", "role": "hr",
                                         "password": "canary-new-passphrase-5", "csrf_token": token})
    response = client.post("/settings/tokens", data={"name": "canary", "csrf_token": token}, follow_redirects=True)
    secret = re.search(r'id="new-token">(ept_[^<]+)<', response.get_data(as_text=True)).group(1)
    app.test_client().get("/api/v1/users", headers={"Authorization": f"Bearer {secret}"})
    cli = app.test_cli_runner().invoke(args=["tokens", "create", "--email", admin.email])
    cli_secret = cli.stdout.splitlines()[-1]

    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "signed in" in logged  # the log is there, just without personal data
    for canary in (admin.password, "wrong-canary-password-1", "canary-new-passphrase-5", secret, cli_secret,
                   "canary.admin@example.com", "canary.new@example.com"):
        assert canary not in logged
