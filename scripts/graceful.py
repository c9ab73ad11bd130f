"""Run one Procfile.dev process so that Ctrl+C stops it cleanly (`make run`).

honcho stops a process by sending SIGTERM to its whole process group, then SIGKILL 5 s later. For a Celery
worker that group holds the prefork pool children too: they die mid-shutdown ("ForkPoolWorker exited with
signal 15") and the warm shutdown overruns into the SIGKILL. Here the real process runs in a group of its own,
only it is told to stop (SIGTERM: Celery's warm shutdown, beat saving its schedule, the web server closing), and
it is given the time it needs; honcho only ever signals this wrapper. A stop the process asked for exits 0.

    python scripts/graceful.py -- celery -A tasks.worker worker --loglevel INFO
"""
from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys

PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    # Linux: should this wrapper itself be killed (SIGKILL cannot be caught), the process still stops.
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def main(argv: list[str]) -> int:
    command = argv[1:] if argv[:1] == ["--"] else argv
    if not command:
        print("usage: graceful.py -- COMMAND [ARG...]", file=sys.stderr)
        return 2
    child = subprocess.Popen(command, start_new_session=True, preexec_fn=_die_with_parent)
    stopping = False

    def stop(signum, _frame):
        nonlocal stopping
        if not stopping:  # one request is enough; a second Ctrl+C must not cut the warm shutdown short
            stopping = True
            child.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGHUP, stop)
    returncode = child.wait()
    if stopping and returncode in (0, -signal.SIGTERM, 128 + signal.SIGTERM):
        return 0
    return returncode if returncode >= 0 else 128 - returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
