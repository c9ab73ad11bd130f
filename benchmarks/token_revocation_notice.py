"""How soon a revoked API token is refused now that web processes remember the tokens they have just read.

Run: .venv/bin/python benchmarks/token_revocation_notice.py [--rounds 300] [--seconds 20]
Needs `wrk`. Same scratch database and gunicorn settings as checks_vs_bare_flask.py (2 sync workers). While wrk
loads POST /api/v1/checks with one token (4 connections), it measures:
1. the notice delay: from the moment a revoke's COMMIT returns to the moment its notice can be read on a
   connection that LISTENs like each worker's token connection (p50, p99, max over --rounds revokes);
2. revoke then use, end to end: a fresh token is sent 8 times, 4 at a time (so both workers answer it), revoked with
   DELETE /api/v1/tokens/{id} (through whichever worker), then sent again at once, four requests in parallel;
   prints how many of those were still answered 200 (must be 0) and the quickest such follow-up request.
The first figure has to stay well below the second: a client cannot send its next request before the revoke's
answer reached it.
"""
from __future__ import annotations

import argparse
import os
import select
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from checks_api_load import DEFAULT_ADMIN_URL, free_port, percentile, scratch_portal
from checks_vs_bare_flask import BODY, start_gunicorn, stop, write_wrk_script

from employer_portal.auth.api_tokens import CHANGES_CHANNEL


def notice_delays(url: str, rounds: int) -> list[float]:
    """Seconds from a committed revoke (the trigger's notice) to its arrival on a listening connection."""
    import psycopg

    delays = []
    with psycopg.connect(url, autocommit=True) as listener, psycopg.connect(url, autocommit=True) as writer:
        listener.execute(f"LISTEN {CHANGES_CHANNEL}")
        socket_fd = listener.pgconn.socket
        for _ in range(rounds):
            writer.execute("UPDATE api_tokens SET revoked_at = revoked_at WHERE false")  # a statement trigger fires
            committed = time.perf_counter()
            readable, _, _ = select.select([socket_fd], [], [], 5)
            if not readable:
                raise RuntimeError("no notice within 5 s")
            delays.append(time.perf_counter() - committed)
            listener.pgconn.consume_input()
            while listener.pgconn.notifies() is not None:
                pass
    return delays


def call(base: str, method: str, path: str, secret: str, body: bytes | None = None) -> int:
    request = urllib.request.Request(base + path, method=method, data=body,
                                     headers={"Authorization": f"Bearer {secret}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as refused:
        return refused.code


def new_token(app) -> tuple[str, int]:
    """A fresh token of the load's user: (secret, id)."""
    from employer_portal import accounts
    from employer_portal.extensions import db
    from employer_portal.models import User

    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == "load@example.com"))
        token, secret = accounts.create_token(user, "bench")
        db.session.commit()
        return secret, token.id


def revoke_then_use(base: str, rounds: int) -> tuple[int, int, float]:
    """(requests sent after revokes, of which answered 200, quickest follow-up in seconds)."""
    from employer_portal import create_app

    app = create_app()
    sent = accepted = 0
    quickest = float("inf")
    body = BODY.encode()
    with ThreadPoolExecutor(4) as pool:
        for _ in range(rounds):
            secret, token_id = new_token(app)
            list(pool.map(lambda _n, secret=secret: call(base, "POST", "/api/v1/checks", secret, body), range(8)))
            if call(base, "DELETE", f"/api/v1/tokens/{token_id}", secret) != 204:
                raise RuntimeError("the revoke failed")
            answered = time.perf_counter()
            started = []

            def follow_up(_n, started=started, secret=secret):
                started.append(time.perf_counter())
                return call(base, "POST", "/api/v1/checks", secret, body)
            statuses = list(pool.map(follow_up, range(4)))
            quickest = min(quickest, min(started) - answered)
            sent += len(statuses)
            accepted += statuses.count(200)
    return sent, accepted, quickest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=20, help="how long wrk loads the checks")
    parser.add_argument("--admin-url", default=DEFAULT_ADMIN_URL)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")
    with scratch_portal(args.admin_url, "notice") as (env, token):
        url = env["DATABASE_URL"]
        idle = notice_delays(url, args.rounds)
        port = free_port()
        portal = start_gunicorn("employer_portal:create_app()", port, {**os.environ, **env}, ROOT)
        base = f"http://127.0.0.1:{port}"
        script = write_wrk_script(env["PORTAL_INSTANCE_PATH"], "checks", token)
        load = subprocess.Popen(["wrk", "-t", "1", "-c", "4", "-d", f"{args.seconds:g}s", "-s", script,
                                 f"{base}/api/v1/checks"], stdout=subprocess.DEVNULL)
        try:
            time.sleep(2)  # the load is on
            loaded = notice_delays(url, args.rounds)
            sent, accepted, quickest = revoke_then_use(base, max(10, args.rounds // 10))
            still_loaded = load.poll() is None
        finally:
            if load.poll() is None:
                load.terminate()
                load.wait(timeout=10)
            stop(portal)
    print("notice delay, commit of a revoke -> notice readable on a listening connection:")
    for label, delays in (("idle", idle), ("under the checks load" + ("" if still_loaded else " (ended early)"), loaded)):
        print(f"  {label}: p50 {percentile(delays, 50) * 1e3:.3f} ms, p99 {percentile(delays, 99) * 1e3:.3f} ms,"
              f" max {max(delays) * 1e3:.3f} ms ({len(delays)} revokes)")
    print(f"revoke then use, under load: {accepted} of {sent} follow-up requests answered 200 (must be 0);"
          f" quickest follow-up sent {quickest * 1e3:.3f} ms after the revoke's answer")


if __name__ == "__main__":
    main()
