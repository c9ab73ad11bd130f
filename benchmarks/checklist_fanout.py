"""100 different hires' checklist PDFs through 2 real Celery worker processes on Redis.

Target: total wall time under 10 s. Also prints the peak memory (max RSS) of each worker's
pool child, read from /proc. Uses a temporary PostgreSQL database. Figures taken while other
work runs on the machine are pessimistic.

    .venv/bin/python benchmarks/checklist_fanout.py [--hires 100] [--workers 2]
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from _checklist_env import ROOT, hire_payload, temporary_portal


def peak_rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return [int(p) for p in out.stdout.split()]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--hires", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    with temporary_portal() as (env, app, token):
        from sqlalchemy import func, select

        from employer_portal.extensions import db
        from employer_portal.models import ChecklistBuild

        client = app.test_client()
        headers = {"Authorization": f"Bearer {token}"}
        hire_ids = [client.post("/api/v1/hires", json=hire_payload(n), headers=headers).get_json()["id"]
                    for n in range(args.hires)]
        # One worker process per core, each with one pool child (WeasyPrint renders on one core).
        workers = []
        for n in range(args.workers):
            log = open(Path(env["PORTAL_INSTANCE_PATH"]) / f"worker{n}.log", "wb")
            proc = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "tasks.worker", "worker", "-l", "warning", "-c", "1",
                 "-Q", env["CELERY_TASK_DEFAULT_QUEUE"], "-n", f"bench{n}-{os.getpid()}@%h",
                 "--without-gossip", "--without-mingle", "--without-heartbeat"],
                cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
            workers.append(proc)
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not all(children(w.pid) for w in workers):
                time.sleep(0.2)
            time.sleep(3)  # let the pool children finish importing before the clock starts
            start = time.perf_counter()
            for hire_id in hire_ids:
                response = client.post(f"/api/v1/hires/{hire_id}/checklist", headers=headers)
                assert response.status_code == 202, response.get_data(as_text=True)
            enqueued = time.perf_counter() - start
            while True:
                with app.app_context():
                    done = dict(db.session.execute(
                        select(ChecklistBuild.status, func.count()).group_by(ChecklistBuild.status)).all())
                    db.session.remove()
                if done.get("ready", 0) + done.get("failed", 0) >= len(hire_ids):
                    break
                if time.perf_counter() - start > 300:
                    print("gave up after 300 s:", done)
                    return 1
                time.sleep(0.05)
            wall = time.perf_counter() - start
            peaks = [peak_rss_kib(child) / 1024 for w in workers for child in children(w.pid)]
            with app.app_context():
                renders = db.session.scalar(select(func.sum(ChecklistBuild.renders)))
        finally:
            for proc in workers:
                os.killpg(proc.pid, signal.SIGTERM)
            for proc in workers:
                proc.wait(timeout=20)
        print(f"{len(hire_ids)} hires, {args.workers} worker processes x 1 child: ready {done.get('ready', 0)}, "
              f"failed {done.get('failed', 0)}, renders {renders}")
        print(f"wall time {wall:.2f} s (requests queued in {enqueued:.2f} s); {len(hire_ids) / wall:.1f} PDFs/s "
              f"(target < 10 s)")
        print("peak RSS per pool child: " + ", ".join(f"{p:.0f} MiB" for p in peaks))
        return 0 if wall < 10 and done.get("failed", 0) == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
