def test_health_reports_database_and_broker_ok(client):
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok", "broker": "ok"}


def test_sign_in_reaches_the_dashboard(client, make, login):
    user = make.user(role="admin")
    login(client, user)
    page = client.get("/dashboard")
    assert page.status_code == 200
    assert "Hires by status" in page.get_data(as_text=True)
