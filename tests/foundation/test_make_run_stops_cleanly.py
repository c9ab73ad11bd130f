"""Issue 10 item 8: Ctrl+C on `make run` ends web, worker and beat cleanly.

`make run`'s last step (scripts/run_dev.py: honcho with Procfile.dev) is started on the embedded default (SQLite
database and broker) in a temporary instance folder, and SIGINT is sent to its process group, as a terminal's
Ctrl+C does. Every process must stop by itself (Celery's warm shutdown, beat saving its schedule), with exit code
0, no traceback or error line, nothing killed and nothing left running.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = ROOT / ".venv" / "bin"
# The test run's own services must not leak in: `make run` uses the embedded default when these are unset.
SERVICE_VARIABLES = ("DATABASE_URL", "CELERY_BROKER_URL", "CELERY_TASK_DEFAULT_QUEUE", "RATELIMIT_STORAGE_URI",
                     "RATELIMIT_KEY_PREFIX", "MAIL_OUTBOX_DIR", "FILE_STORAGE_DIR", "PORTAL_ENV", "SECRET_KEY",
                     "DATA_ENCRYPTION_KEY", "PORTAL_INSTANCE_PATH", "PORTAL_BASE_URL", "PORT")
READY = {"web": "Running on http://127.0.0.1:", "worker": " ready.", "beat": "beat: Starting..."}

pytestmark = [pytest.mark.embedded, pytest.mark.worker]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _descendants(pid: int) -> set[int]:
    found, queue = set(), [pid]
    while queue:
        parent = queue.pop()
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(parent)], capture_output=True, text=True).stdout
        children = {int(p) for p in out.split()}
        queue.extend(children - found)
        found |= children
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ")[-1].startswith("Z"))  # a zombie has ended


@pytest.fixture
def embedded_env(tmp_path):
    if not (VENV_BIN / "python").exists():
        pytest.skip("make run's virtualenv (.venv) is missing; `make install` creates it")
    env = {k: v for k, v in os.environ.items() if k not in SERVICE_VARIABLES}
    port = _free_port()
    env.update(PORTAL_INSTANCE_PATH=str(tmp_path / "instance"), PORT=str(port),
               PORTAL_BASE_URL=f"http://127.0.0.1:{port}", PYTHONUNBUFFERED="1")
    migrated = subprocess.run([str(VENV_BIN / "flask"), "--app", "employer_portal", "db", "upgrade"], cwd=ROOT,
                              env=env, capture_output=True, text=True, timeout=120)
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr
    return env


def test_ctrl_c_stops_web_worker_and_beat_cleanly(embedded_env, tmp_path):
    log_path = tmp_path / "make-run.log"
    with log_path.open("wb") as log:
        run = subprocess.Popen([str(VENV_BIN / "python"), "scripts/run_dev.py"], cwd=ROOT, env=embedded_env,
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 45
        while time.monotonic() < deadline:
            output = log_path.read_text(errors="replace")
            started = {name for name, marker in READY.items()
                       if any(line.split("|")[0].strip().endswith(f"{name}.1") and marker in line
                              for line in output.splitlines())}
            if started == set(READY) or run.poll() is not None:
                break
            time.sleep(0.2)
        assert started == set(READY), f"not all started ({sorted(started)}):\n{output[-3000:]}"
        processes = _descendants(run.pid)

        os.killpg(run.pid, signal.SIGINT)  # what Ctrl+C sends to the foreground process group
        returncode = run.wait(timeout=40)
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
    output = log_path.read_text(errors="replace")

    assert returncode == 0, output[-3000:]
    for name in READY:
        assert f"{name}.1 stopped (rc=0)" in output, output[-3000:]
    assert "worker: Warm shutdown" in output
    for bad in ("Traceback", "ERROR", "SIGKILL", "Error", "exited with"):
        assert bad not in output, f"{bad!r} in the output:\n{output[-3000:]}"
    left = [pid for pid in processes if _alive(pid)]
    assert not left, f"still running after the stop: {left}"
    assert list((tmp_path / "instance").glob("celerybeat-schedule*")), "beat saved no schedule file"
