"""Reminder links point at the web address whatever process builds the mail (issue 9 item 3).

Under `make run`, honcho gives each Procfile process its own PORT (web 5000, worker 5100,
beat 5200); the worker used to build `:5100` links. The test reads the environment the
Makefile hands honcho, lets honcho's own code expand it per process, starts a real Celery
worker with the worker's environment, and follows every link of the email it sends.
"""
from __future__ import annotations

import datetime as dt
import re
import shlex
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

from honcho.environ import expand_processes, parse_procfile

from employer_portal.config import load_settings

UTC = dt.timezone.utc
ROOT = Path(__file__).resolve().parents[2]
WEB_PORT = 5123  # not the embedded default, so a link on 5000 would be caught too


def make_run_environment(port: int) -> dict[str, dict[str, str]]:
    """Each Procfile.dev process's environment as `make run PORT=port` and honcho (via scripts/run_dev.py) build it."""
    dry_run = subprocess.run(["make", "-n", "-s", "run", f"PORT={port}"], cwd=ROOT, capture_output=True,
                             text=True, env={"PATH": "/usr/bin:/bin", "HOME": str(ROOT)}, check=True)
    # `exec env PORT=… PORTAL_BASE_URL=… python scripts/run_dev.py` (honcho under a clean Ctrl+C)
    [line] = [line for line in dry_run.stdout.splitlines() if line.startswith("exec env ")]
    words = shlex.split(line)
    words = words[words.index("env") + 1:]
    make_env = dict(w.split("=", 1) for w in words[:next(i for i, w in enumerate(words) if "=" not in w)])
    procfile = parse_procfile((ROOT / "Procfile.dev").read_text())
    return {p.name.split(".")[0]: {**make_env, **p.env}
            for p in expand_processes(procfile.processes, port=int(make_env["PORT"]))}


def test_make_run_gives_every_process_the_web_address():
    """Issue 9: 'PORTAL_BASE_URL is the web address whatever process builds the mail.'"""
    processes = make_run_environment(WEB_PORT)
    ports = (processes["web"]["PORT"], processes["worker"]["PORT"], processes["beat"]["PORT"])
    assert ports == ("5123", "5223", "5323")
    for name, env in processes.items():
        assert load_settings(env={**env, "PORTAL_INSTANCE_PATH": "/tmp/ep-links"})["PORTAL_BASE_URL"] == \
            f"http://127.0.0.1:{WEB_PORT}", name


def test_the_base_url_is_never_derived_from_a_process_port(tmp_path):
    """A worker's PORT (5100 under honcho) is not the web address; unset means the web default, 5000."""
    settings = load_settings(env={"PORT": "5100", "PORTAL_INSTANCE_PATH": str(tmp_path)})
    assert settings["PORTAL_BASE_URL"] == "http://127.0.0.1:5000"


def _links(message) -> list[str]:
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    in_text = re.findall(r"https?://\S+", text)
    in_html = re.findall(r'href="([^"]+)"', html)
    assert sorted(set(in_text)) == sorted(set(in_html)), "the text and HTML parts carry the same links"
    return sorted(set(in_text))


def test_a_mail_built_by_the_make_run_worker_links_to_pages_that_open(
        app, make, build, smtp, start_worker, purge_queue, poll, login, client, monkeypatch):
    """Issue 9: 'Under `make run`, every link in a reminder email opens the page it names.'"""
    from employer_portal.extensions import db
    from employer_portal.models.deadline import ReminderOutbox
    from employer_portal.reminders.sweep import run_sweep
    from tasks.reminders import send

    user = make.user(role="hr")
    hire_id = build.hire(user)
    today = dt.datetime.now(UTC).date()
    build.deadline(hire_id, today + dt.timedelta(days=20), lead_days=(30,), today=today)
    with app.app_context():  # due a minute ago (real time: the worker does not travel)
        db.session.query(ReminderOutbox).update(
            {ReminderOutbox.next_attempt_at: dt.datetime.now(UTC) - dt.timedelta(minutes=1)})
        db.session.commit()

    worker_env = make_run_environment(WEB_PORT)["worker"]
    monkeypatch.delenv("PORTAL_BASE_URL", raising=False)
    purge_queue()
    start_worker("links", env={**worker_env, "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(smtp.port)})
    with app.app_context():
        run_sweep(dispatch=lambda ids, token: send.delay(ids, token))
    poll(lambda: smtp.messages, timeout=30, message="the worker's reminder")

    [message] = smtp.messages
    links = _links(message)
    assert len(links) == 4
    assert all(link.startswith(f"http://127.0.0.1:{WEB_PORT}/") for link in links), links
    login(client, user)
    names = {f"/hires/{hire_id}": "Ana Silva", "/dashboard": "Renew the work permit",
             "/settings/": "Deadline reminders"}
    for link in links:
        parts = urlsplit(link)
        response = client.get(parts.path)
        page = response.get_data(as_text=True)
        assert response.status_code == 200, link
        assert names[parts.path] in page, link
        if parts.fragment:
            assert f'id="{parts.fragment}"' in page, link
        if parts.fragment.startswith("deadline-"):  # the deadline itself, where HR marks it done
            item = page.split(f'id="{parts.fragment}"', 1)[1].split("</li>", 1)[0]
            assert "Renew the work permit" in item, link
