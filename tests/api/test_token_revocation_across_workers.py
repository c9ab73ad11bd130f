"""Issue 13.8: each web process remembers the tokens it has just read, and a revoke through one gunicorn worker still
refuses the token on every worker from the very next request (production's server, two sync workers, real HTTP)."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import select

from employer_portal.models import ApiToken

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 10
REQUESTS_EACH_WAY = 8  # sent four at a time, so both sync workers are busy and each serves some of them


@pytest.fixture
def gunicorn_two_workers(app, tmp_path):
    """The app under gunicorn with production's worker kind (2 sync workers), on this run's database."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = open(tmp_path / "gunicorn.log", "wb")
    access_log = tmp_path / "access.log"
    # The access log names the worker (pid) that answered each request, and how.
    server = subprocess.Popen([str(Path(sys.executable).with_name("gunicorn")), "-w", "2", "-k", "sync",
                               "-b", f"127.0.0.1:{port}", "--access-logfile", str(access_log),
                               "--access-logformat", "%(p)s %(m)s %(U)s %(s)s", "employer_portal:create_app()"],
                              cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/v1/health", timeout=5).close()
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.terminate()
                pytest.fail((tmp_path / "gunicorn.log").read_text(errors="replace")[-3000:])
            time.sleep(0.2)
    yield base, access_log
    server.terminate()
    server.wait(timeout=30)


def _status(base: str, method: str, path: str, secret: str, body: dict | None = None) -> int:
    request = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body else None,
                                     headers={"Authorization": f"Bearer {secret}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as refused:
        return refused.code


def _checks(base: str, secret: str, hire: dict) -> list[int]:
    with ThreadPoolExecutor(4) as pool:
        return list(pool.map(lambda _n: _status(base, "POST", "/api/v1/checks", secret, hire), range(REQUESTS_EACH_WAY)))


def _check_answers_by_worker(access_log: Path) -> dict[str, list[str]]:
    """{worker pid: statuses of its POST /api/v1/checks answers} from the access log."""
    answers: dict[str, list[str]] = {}
    for line in access_log.read_text().splitlines():
        pid, method, path, status = line.split()
        if (method, path) == ("POST", "/api/v1/checks"):
            answers.setdefault(pid, []).append(status)
    return answers


def test_a_token_revoked_through_one_worker_is_refused_by_every_worker_on_the_next_request(
        app, make, gunicorn_two_workers, refdata_loaded, hire, poll):
    from employer_portal.extensions import db

    base, access_log = gunicorn_two_workers
    user = make.user(role="hr")
    both_workers_remembered = 0
    for _round in range(ROUNDS):
        secret = make.token(user)
        with app.app_context():
            token_id = db.session.scalar(select(ApiToken.id).order_by(ApiToken.id.desc()).limit(1))
        access_log.write_text("")
        assert _checks(base, secret, hire) == [200] * REQUESTS_EACH_WAY
        poll(lambda: sum(map(len, _check_answers_by_worker(access_log).values())) == REQUESTS_EACH_WAY,
             message="the access log")
        both_workers_remembered += len(_check_answers_by_worker(access_log)) == 2
        assert _status(base, "DELETE", f"/api/v1/tokens/{token_id}", secret) == 204
        assert _checks(base, secret, hire) == [401] * REQUESTS_EACH_WAY
    # The rounds prove something only if the token was remembered by the worker that did not revoke it.
    assert both_workers_remembered >= ROUNDS // 2
