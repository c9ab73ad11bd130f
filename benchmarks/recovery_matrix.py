"""Recovery times after faults (issue 15): reminders, then checklist PDFs and inspection packs.

Reminders: runs the fault matrix of tests/reminders/test_faults.py (real Celery workers on
Redis and PostgreSQL, an aiosmtpd sink) with the shipped settings — lease 30 s renewed
every 5 s, a sweep every 15 s — and prints the recovery time of each fault (target: under
60 s). Then the count check: a pool child SIGKILLed at a random moment of a batch, 20 times
(short 3 s leases: this part checks counts, not time); every run asserts that, row by row,
the copies the SMTP server received minus one equal the counted possible duplicates.
PDFs and packs: benchmarks/_recovery_builds.py (helper BUILDS), when present.

    .venv/bin/python benchmarks/recovery_matrix.py [--runs 20] [--lease 30] [--skip-builds] [--embedded-only]

First, the embedded default (SQLite, SQLAlchemy broker): tests/reminders/test_faults_embedded.py.

Needs PostgreSQL and Redis as for the tests (PORTAL_TEST_DATABASE_URL, PORTAL_TEST_REDIS_URL).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FAULTS = "tests/reminders/test_faults.py"
EMBEDDED_FAULTS = "tests/reminders/test_faults_embedded.py"  # SQLite + SQLAlchemy broker, shipped settings
MATRIX = ("slower or whole_worker or flushed or smtp_down or postgresql_connections or two_beats "
          "or soft_time_limit")


def _pytest(selection: str, env: dict, report: Path, path: str = FAULTS) -> tuple[int, float]:
    began = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", path, "-k", selection],
        cwd=ROOT, env={**os.environ, **env, "FAULT_REPORT": str(report), "PORTAL_REQUIRE_SERVICES": "1"},
        capture_output=True, text=True)
    summary = [line for line in proc.stdout.splitlines() if " passed" in line or " failed" in line]
    print(f"  pytest: {summary[-1] if summary else proc.stdout[-2000:]}", flush=True)
    if proc.returncode != 0:
        print(proc.stdout[-6000:], proc.stderr[-2000:], sep="\n", flush=True)
    return proc.returncode, time.monotonic() - began


def _lines(report: Path) -> list[dict]:
    if not report.exists():
        return []
    return [json.loads(line) for line in report.read_text().splitlines() if line.strip()]


def _embedded_reminders(tmp: Path) -> int:
    """The embedded default (`make run`): whole-worker SIGKILL and a wiped broker queue, shipped settings."""
    print("reminders: embedded default (SQLite, SQLAlchemy broker, real beat), lease 30 s, heartbeat 5 s, "
          "sweep every 15 s", flush=True)
    report = tmp / "embedded.jsonl"
    rc, _took = _pytest("embedded_default", {}, report, path=EMBEDDED_FAULTS)
    for line in _lines(report):
        notes = {k: v for k, v in line.items() if k not in ("fault", "recovery_s")}
        print(f"  {line['fault']:<72} {line['recovery_s']:>7.1f} s  {notes or ''}")
    return int(rc != 0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="pool-child SIGKILL runs for the count check")
    parser.add_argument("--lease", type=float, default=30.0, help="lease seconds for the timing matrix")
    parser.add_argument("--skip-builds", action="store_true", help="reminders only")
    parser.add_argument("--embedded-only", action="store_true",
                        help="only the embedded default (SQLite, SQLAlchemy broker); no PostgreSQL or Redis")
    args = parser.parse_args()
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        failures += _embedded_reminders(Path(tmp))
        if args.embedded_only:
            return 1 if failures else 0
        print(f"reminders: fault matrix, lease {args.lease:.0f} s, heartbeat {args.lease / 6:.0f} s, "
              f"sweep every {args.lease / 2:.0f} s", flush=True)
        report = Path(tmp) / "matrix.jsonl"
        rc, _took = _pytest(MATRIX, {"FAULT_LEASE_SECONDS": str(args.lease),
                                     "FAULT_HEARTBEAT_SECONDS": str(args.lease / 6),
                                     "FAULT_SWEEP_SECONDS": str(args.lease / 2)}, report)
        failures += rc != 0
        print(f"  {'fault':<40} {'recovery':>9}  notes")
        for line in _lines(report):
            notes = {k: v for k, v in line.items() if k not in ("fault", "recovery_s")}
            print(f"  {line['fault']:<40} {line['recovery_s']:>7.1f} s  {notes or ''}")

        print(f"reminders: pool-child SIGKILL at a random moment of a batch, {args.runs} runs (lease 3 s)", flush=True)
        report = Path(tmp) / "pool.jsonl"
        rc, _took = _pytest("pool_child", {"FAULT_POOL_CHILD_RUNS": str(args.runs), "FAULT_RANDOM_KILLS": "1"},
                            report)
        failures += rc != 0
        runs = _lines(report)
        times = sorted(r["recovery_s"] for r in runs)
        extra = runs[-1]["extra_copies_so_far"] if runs else 0
        print(f"  runs completed {len(runs)}/{args.runs}; copies received - reminders == counted possible "
              f"duplicates in {'every' if rc == 0 else 'NOT every'} run; extra copies (all counted): {extra}")
        if times:
            print(f"  recovery: median {times[len(times) // 2]:.1f} s, max {times[-1]:.1f} s")

    if not args.skip_builds and (ROOT / "benchmarks" / "_recovery_builds.py").exists():
        print("checklist PDFs and inspection packs (benchmarks/_recovery_builds.py):", flush=True)
        sys.path.insert(0, str(ROOT / "benchmarks"))
        try:
            from _recovery_builds import SCENARIOS, pdf_recovery

            results = pdf_recovery(SCENARIOS, builds=3, out=lambda text: print("  " + text, flush=True))
            slowest = max(r["recovery"] for r in results.values())
            print(f"  slowest recovery {slowest:.1f} s; extra renders "
                  f"{sum(r['extra_renders'] for r in results.values())}")
        except Exception as exc:  # noqa: BLE001 - the reminder figures above still stand
            failures += 1
            print(f"  PDF part failed: {exc.__class__.__name__}: {exc}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
