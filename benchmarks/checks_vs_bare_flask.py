"""POST /api/v1/checks against a bare Flask JSON endpoint: same gunicorn settings, same load tool, same run.

Run: .venv/bin/python benchmarks/checks_vs_bare_flask.py [--seconds 15] [--rounds 2] [--connections 4]
Needs `wrk` (Debian package `wrk`). Creates a scratch PostgreSQL database (migrated, bundled reference data, one
employer, user and API token), then starts two servers on 127.0.0.1 with the same gunicorn settings (2 sync
workers): the real app, and a bare Flask app whose one endpoint parses the same JSON body and answers a small
JSON object. Each is warmed up, then loaded with wrk (a Lua script sends the POST body and the Authorization
header, 4 connections) for `--rounds` rounds of `--seconds` each, alternating, so background load on the machine
falls on both alike. Prints requests/s, p50/p99 for both and `ratio checks/bare = 0.xx` (target: at least 0.5).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from checks_api_load import (
    DEFAULT_ADMIN_URL,
    HIRES,
    free_port,
    scratch_portal,
    wait_for_port,
)

# A complete GTS category B check: the common case of the endpoint (one program, one report).
BODY = json.dumps(HIRES[0])
GUNICORN_SETTINGS = ["-w", "2", "-k", "sync", "--timeout", "60", "--log-level", "warning"]
TARGET = 0.5

# wrk's Lua hooks: every request is the same POST; `done` prints the figures this script reads.
WRK_SCRIPT = """
wrk.method = "POST"
wrk.body = {body}
wrk.headers["Content-Type"] = "application/json"
{auth}
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d non2xx=%d socket_errors=%d\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), e.status,
    e.connect + e.read + e.write + e.timeout))
end
"""


def bare_app():
    """The baseline: Flask, one endpoint that parses the JSON body and answers a small JSON object."""
    from flask import Flask, jsonify, request

    app = Flask("bare")

    @app.post("/api/v1/checks")
    def check():
        data = request.get_json()
        return jsonify({"program": data.get("program"), "eligible": True, "fields": len(data)})

    return app


def lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_wrk_script(folder: str, name: str, token: str | None) -> str:
    auth = f'wrk.headers["Authorization"] = {lua_string("Bearer " + token)}' if token else ""
    path = os.path.join(folder, f"{name}.lua")
    with open(path, "w") as fh:
        fh.write(WRK_SCRIPT.format(body=lua_string(BODY), auth=auth))
    return path


def start_gunicorn(target: str, port: int, env: dict, chdir: Path) -> subprocess.Popen:
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    server = subprocess.Popen([gunicorn, *GUNICORN_SETTINGS, "-b", f"127.0.0.1:{port}", "--chdir", str(chdir), target],
                              cwd=chdir, env=env, start_new_session=True)
    wait_for_port(port)
    return server


def stop(server: subprocess.Popen | None) -> None:
    if server is not None and server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


def check_answers(port: int, token: str | None) -> None:
    """One request by hand first: a benchmark of 401s or 422s would measure nothing."""
    headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})}
    req = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/checks", data=BODY.encode(), headers=headers)
    with urllib.request.urlopen(req, timeout=60) as response:
        if response.status != 200:
            raise RuntimeError(f"port {port} answered {response.status}")
        json.loads(response.read())


def run_wrk(port: int, script: str, seconds: float, connections: int) -> dict:
    out = subprocess.run(["wrk", "-t", "1", "-c", str(connections), "-d", f"{seconds:g}s", "-s", script,
                          f"http://127.0.0.1:{port}/api/v1/checks"], capture_output=True, text=True, check=True).stdout
    match = re.search(r"^RESULT (.*)$", out, re.MULTILINE)
    if match is None:
        raise RuntimeError(f"wrk printed no result:\n{out}")
    figures = {key: int(value) for key, value in (pair.split("=") for pair in match.group(1).split())}
    if figures["non2xx"] or figures["socket_errors"]:
        raise RuntimeError(f"errors under load: {figures}")
    return figures


def summary(rounds: list[dict]) -> dict:
    """Throughput over all rounds; p50 and p99 of the slower round (wrk's percentiles cannot be merged)."""
    requests = sum(r["requests"] for r in rounds)
    seconds = sum(r["duration_us"] for r in rounds) / 1e6
    return {"rps": requests / seconds, "requests": requests,
            "p50": max(r["p50_us"] for r in rounds) / 1000, "p99": max(r["p99_us"] for r in rounds) / 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--warmup", type=float, default=3)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--admin-url", default=DEFAULT_ADMIN_URL)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")
    with scratch_portal(args.admin_url, "bare") as (env, token):
        scratch, server_env = env["PORTAL_INSTANCE_PATH"], {**os.environ, **env}
        portal_port, bare_port = free_port(), free_port()
        portal = bare = None
        try:
            portal = start_gunicorn("employer_portal:create_app()", portal_port, server_env, ROOT)
            bare = start_gunicorn("checks_vs_bare_flask:bare_app()", bare_port, server_env, HERE)
            servers = {"checks": (portal_port, write_wrk_script(scratch, "checks", token), token),
                       "bare": (bare_port, write_wrk_script(scratch, "bare", None), None)}
            for port, script, secret in servers.values():
                check_answers(port, secret)
                run_wrk(port, script, args.warmup, args.connections)  # both workers: imports, connections, caches
            rounds: dict[str, list[dict]] = {"checks": [], "bare": []}
            for _ in range(args.rounds):
                for label, (port, script, _secret) in servers.items():
                    rounds[label].append(run_wrk(port, script, args.seconds, args.connections))
        finally:
            stop(portal)
            stop(bare)
    figures = {label: summary(results) for label, results in rounds.items()}
    print(f"wrk, {args.connections} connections, {args.rounds} x {args.seconds:g} s each, alternating; "
          f"gunicorn {' '.join(GUNICORN_SETTINGS)}")
    for label, f in figures.items():
        print(f"{label:>6}: {f['rps']:,.0f} requests/s ({f['requests']} requests), "
              f"p50 {f['p50']:.2f} ms, p99 {f['p99']:.2f} ms")
    ratio = figures["checks"]["rps"] / figures["bare"]["rps"]
    print(f"ratio checks/bare = {ratio:.2f} (target >= {TARGET}: {'OK' if ratio >= TARGET else 'SLOW'})")


if __name__ == "__main__":
    main()
