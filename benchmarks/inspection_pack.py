"""Inspection pack build: memory stays flat however large the documents are.

Creates two ended hires on a temporary database, one with 20 MB and one with 200 MB of
accepted documents (10 MB PDFs of random bytes, stored sealed through the documents' real
storage), then builds each hire's pack with the real job (`service.run_pack`) in a fresh
child process, and prints per pack: wall time, the child's RSS when the job starts, its peak
RSS (getrusage ru_maxrss) and the growth. Flat memory means the growth does not follow the
pack's size (200 MB of documents must not cost ~10x the 20 MB pack's growth).
Exits non-zero, with --strict, when the 200 MB pack's growth exceeds 100 MB.

    .venv/bin/python benchmarks/inspection_pack.py [--mb 200] [--strict]
"""
from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _checklist_env import hire_payload, temporary_portal  # noqa: E402

DOCUMENT_MB = 10
STRICT_GROWTH_MB = 100
DATES = {"work_permit_applied_on": "2019-01-05", "work_permit_issued_on": "2019-02-15",
         "work_permit_expires_on": "2021-02-28", "first_day_of_work": "2019-03-01"}


def _rss_mb() -> float:
    """Current resident set size of this process (Linux /proc)."""
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _make_hire(app, megabytes: int) -> int:
    from employer_portal.extensions import db
    from employer_portal.inspection import documents
    from employer_portal.models import Employer, Hire

    payload = hire_payload(megabytes)
    payload["position"].update(start_date="2019-03-01", end_date="2021-02-28")
    with app.app_context():
        employer = db.session.query(Employer).first()
        hire = Hire(employer_id=employer.id, status="ended", program="ict", worker_name=f"Worker {megabytes}",
                    job_title="Senior software engineer", noc_code="21231", province="BC",
                    start_date=dt.date(2019, 3, 1), payload=payload, dates=DATES)
        db.session.add(hire)
        db.session.commit()
        for n in range(megabytes // DOCUMENT_MB):
            data = b"%PDF-1.4\n" + os.urandom(DOCUMENT_MB * 1024 * 1024 - 9)
            documents.store_for_hire(hire, data, item_key=f"record_{n:03d}", content_type="application/pdf",
                                     original_name=f"record-{n}.pdf", status="accepted")
            db.session.commit()
            del data
        return hire.id


def _request(app, hire_id: int) -> int:
    from employer_portal.extensions import db
    from employer_portal.inspection import service
    from employer_portal.models import Hire

    with app.app_context():
        pack = service.request_pack(db.session.get(Hire, hire_id)).pack
        db.session.commit()
        return pack.id


def _build_in_child(pack_id: int, results) -> None:
    """The job as a worker runs it, in a process of its own so its peak RSS is the job's."""
    from employer_portal import create_app
    from employer_portal.checklists.storage import storage_from_config
    from employer_portal.inspection import service

    app = create_app({"TESTING": True})
    with app.app_context():
        from employer_portal.checklists.pdf import render_pdf  # noqa: F401  (warm imports, as a worker is)
        import weasyprint  # noqa: F401

        start_rss = _rss_mb()
        started = time.perf_counter()
        outcome = service.run_pack(pack_id, storage=storage_from_config(app.config),
                                   key_setting=app.config["DATA_ENCRYPTION_KEY"])
        elapsed = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        from employer_portal.extensions import db
        from employer_portal.models import InspectionPack

        pack = db.session.get(InspectionPack, pack_id)
        results.put({"outcome": outcome, "seconds": elapsed, "start_rss_mb": start_rss, "peak_rss_mb": peak,
                     "zip_mb": (pack.size_bytes or 0) / 1024 / 1024, "files": pack.file_count})


def _measure(pack_id: int) -> dict:
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    child = context.Process(target=_build_in_child, args=(pack_id, results))
    child.start()
    found = results.get(timeout=1800)
    child.join()
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=200, help="documents of the large hire, in MB (default 200)")
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args()
    with temporary_portal() as (_env, app, _token):
        sizes = [max(DOCUMENT_MB, args.mb // 10), args.mb]
        figures = {}
        for megabytes in sizes:
            hire_id = _make_hire(app, megabytes)
            figures[megabytes] = _measure(_request(app, hire_id))
    print(f"{'documents':>10} {'zip MB':>8} {'files':>6} {'seconds':>8} {'RSS start':>10} {'RSS peak':>9} {'growth':>7}")
    for megabytes, f in figures.items():
        growth = f["peak_rss_mb"] - f["start_rss_mb"]
        f["growth_mb"] = growth
        print(f"{megabytes:>8}MB {f['zip_mb']:>8.1f} {f['files']:>6} {f['seconds']:>8.2f} "
              f"{f['start_rss_mb']:>8.1f}MB {f['peak_rss_mb']:>7.1f}MB {growth:>5.1f}MB  ({f['outcome']})")
    large = figures[sizes[-1]]
    if any(f["outcome"] != "ready" for f in figures.values()):
        print("a pack failed", file=sys.stderr)
        return 1
    if args.strict and large["growth_mb"] > STRICT_GROWTH_MB:
        print(f"peak RSS grew {large['growth_mb']:.1f} MB (> {STRICT_GROWTH_MB} MB)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
