"""`make run`: honcho with Procfile.dev, stopped cleanly by Ctrl+C.

honcho sends SIGKILL to whatever has not stopped 5 s after Ctrl+C; a Celery worker on the embedded SQLite broker
polls it every second and takes about 3-5 s for its warm shutdown, so it would be killed mid-way. This gives every
process 30 s (each runs under scripts/graceful.py, which waits for it), and a stop asked for with Ctrl+C exits 0
rather than 130, so make does not report it as an error.
"""
from __future__ import annotations

import signal
import sys

import honcho.manager
from honcho.command import main as honcho_main

STOP_GRACE_SECONDS = 30


def main() -> int:
    honcho.manager.KILL_WAIT = STOP_GRACE_SECONDS  # read at each check of honcho's stop loop
    sys.argv = ["honcho", "start", "-f", "Procfile.dev", *sys.argv[1:]]
    try:
        honcho_main()
    except SystemExit as exc:
        stopped_on_request = exc.code in (128 + signal.SIGINT, 128 + signal.SIGTERM)
        return 0 if stopped_on_request else exc.code
    return 0


if __name__ == "__main__":
    sys.exit(main())
