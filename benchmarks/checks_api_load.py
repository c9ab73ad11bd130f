"""POST /api/v1/checks under gunicorn (2 sync workers) at a fixed 200 requests per second.

Run: .venv/bin/python benchmarks/checks_api_load.py [--rate 200] [--seconds 15]
Creates a scratch PostgreSQL database (migrated, bundled reference data, one employer,
user and token), starts gunicorn on a free port, sends a mix of complete hires and
route-finder requests from a small open-loop load generator (threads, http.client
keep-alive; latency counted from each request's scheduled time, so a slow server
cannot hide its queueing), prints throughput and p50/p99, then stops gunicorn and
drops the database. Target: p99 under 25 ms at 200 req/s.
"""
from __future__ import annotations

import argparse
import base64
import contextlib
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HIRES = [
    {"program": "gts_b", "worker": {"citizenships": ["BR"], "highest_education": "master", "years_experience": 6},
     "position": {"noc_code": "21232", "province": "ON", "economic_region": "ER3510", "wage": {"amount": 55, "period": "hour"},
                  "hours_per_week": 40, "start_date": "2027-03-01", "end_date": "2029-02-28"}},
    {"program": "ict", "worker": {"citizenships": ["FR"]},
     "position": {"noc_code": "21231", "province": "BC", "wage": {"amount": 130000, "period": "year"},
                  "hours_per_week": 40, "start_date": "2027-03-01", "end_date": "2030-02-28"},
     "ict": {"relationship": "subsidiary", "category": "specialized_knowledge", "continuous_full_time_months": 18}},
    {"worker": {"citizenships": ["US"], "highest_education": "bachelor", "years_experience": 3},
     "position": {"noc_code": "21211", "province": "QC", "wage": {"amount": 48, "period": "hour"},
                  "hours_per_week": 37.5, "start_date": "2027-03-01", "end_date": "2029-03-01"},
     "cusma": {"profession": "computer_systems_analyst"}},
]


DEFAULT_ADMIN_URL = os.environ.get("PORTAL_TEST_DATABASE_URL", "postgresql://127.0.0.1:5432/test")


@contextlib.contextmanager
def scratch_portal(admin_url: str, label: str):
    """A scratch PostgreSQL database and instance folder for one benchmark, migrated with the bundled reference data,
    one employer, user (load@example.com) and API token: yields (environment for the servers, token secret);
    both are dropped afterwards."""
    import psycopg

    name = f"ep_{label}_{uuid.uuid4().hex[:8]}"
    parts = urlsplit(admin_url)
    url = urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))
    scratch = tempfile.mkdtemp(prefix=f"{label}-")
    env = {"DATABASE_URL": url, "PORTAL_INSTANCE_PATH": scratch, "PORTAL_ENV": "benchmark",
           "SECRET_KEY": secrets.token_urlsafe(32),
           "DATA_ENCRYPTION_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()}
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield env, prepare(env)
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(scratch, ignore_errors=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(env: dict) -> str:
    """Migrate, load the bundled reference data, create a user and return a token."""
    os.environ.update(env)
    from flask_migrate import upgrade

    from employer_portal import accounts, create_app
    from employer_portal.extensions import db
    from employer_portal.refdata.importer import load_bundled_sets

    app = create_app()
    with app.app_context():
        upgrade()
        load_bundled_sets()
        employer = accounts.create_employer("Load Test Inc.", "ON")
        user = accounts.create_user(employer, "load@example.com", "hr", "quartz-meadow-lantern-91")
        db.session.flush()
        _token, secret = accounts.create_token(user, "load")
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return secret


def wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


def drive(port: int, token: str, rate: float, seconds: float, threads: int = 16) -> tuple[list[float], int, float]:
    total = int(rate * seconds)
    bodies = [json.dumps(h).encode() for h in HIRES]
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    counter = iter(range(total))
    start = time.perf_counter() + 0.5

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            scheduled = start + i / rate
            delay = scheduled - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            try:
                conn.request("POST", "/api/v1/checks", body=bodies[i % len(bodies)], headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
            elapsed = time.perf_counter() - scheduled
            with lock:
                latencies.append(elapsed)
                if not ok:
                    errors[0] += 1
        conn.close()

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return latencies, errors[0], time.perf_counter() - start


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--admin-url", default=DEFAULT_ADMIN_URL)
    args = parser.parse_args()
    with scratch_portal(args.admin_url, "load") as (env, token):
        port = free_port()
        server = subprocess.Popen(
            [str(Path(sys.executable).with_name("gunicorn")), "-w", "2", "-k", "sync", "-b", f"127.0.0.1:{port}",
             "--log-level", "warning", "employer_portal:create_app()"],
            cwd=ROOT, env={**os.environ, **env}, start_new_session=True)
        try:
            wait_for_port(port)
            drive(port, token, rate=50, seconds=2)  # warm both workers (imports, reference data)
            latencies, errors, wall = drive(port, token, args.rate, args.seconds)
            ms = [x * 1000 for x in latencies]
            print(f"{len(latencies)} requests in {wall:.1f} s: {len(latencies) / wall:.0f} req/s at a target of "
                  f"{args.rate:.0f} req/s, {errors} errors")
            p99 = percentile(ms, 99)
            print(f"latency p50 {percentile(ms, 50):.1f} ms, p90 {percentile(ms, 90):.1f} ms, p99 {p99:.1f} ms, "
                  f"max {max(ms):.1f} ms (target p99 < 25 ms: {'OK' if p99 < 25 else 'SLOW'})")
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)


if __name__ == "__main__":
    main()
