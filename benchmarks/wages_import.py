"""Import of a full-size Job Bank wages file (official 22-column layout) into a fresh PostgreSQL database.

Run: .venv/bin/python benchmarks/wages_import.py [--admin-url postgresql://127.0.0.1:5432/test]
Generates ~47,000 rows from the spec-derived sample (every NOC 2021 unit group x Canada,
13 provinces and 6 economic regions each, figures varied), creates a scratch database,
applies the migrations, times `import_wages` (parse + COPY + commit, one transaction),
prints the figures and drops the database. Target: under 10 s.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SAMPLE = ROOT / "tests" / "fixtures" / "jobbank_wages_2025_tech_sample.csv"

from employer_portal.refdata.jobbank import JOBBANK_PROVINCES, PROVINCE_ER_CODES  # noqa: E402

REGIONS_PER_PROVINCE = 6


def generate(path: Path) -> int:
    """Write the full-size file; returns its row count."""
    with open(SAMPLE, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        template = next(r for r in reader if r[3] == "ON" and r[4] == "ER35")
    nocs = [g["code"] for g in json.loads((ROOT / "employer_portal/refdata/data/noc_2021.json").read_text())["unit_groups"]]
    jobbank_prov = {v: k for k, v in JOBBANK_PROVINCES.items() if v}
    areas = [("NAT", "ER00", "Canada")]
    for province, code in PROVINCE_ER_CODES.items():
        areas.append((jobbank_prov[province], f"ER{code}", province))
        prefix = code[:2]
        for n in range(1, REGIONS_PER_PROVINCE + 1):
            areas.append((jobbank_prov[province], f"ER{prefix}{n * 10 + 1:02d}", f"Region {n} of {province}"))
    rng = random.Random(45)
    count = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for noc in nocs:
            for prov, er, name in areas:
                row = list(template)
                median = round(rng.uniform(16, 90), 2)
                suppressed = rng.random() < 0.1
                row[0], row[3], row[4], row[5], row[6] = f"NOC_{noc}", prov, er, name, name
                row[7:10] = ["", "", ""] if suppressed else [f"{median * 0.7:.2f}", f"{median:.2f}", f"{median * 1.5:.2f}"]
                writer.writerow(row)
                count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--admin-url", default=os.environ.get("PORTAL_TEST_DATABASE_URL", "postgresql://127.0.0.1:5432/test"))
    args = parser.parse_args()
    import psycopg

    scratch = tempfile.mkdtemp(prefix="wages-bench-")
    csv_path = Path(scratch) / "wages_full.csv"
    started = time.perf_counter()
    rows = generate(csv_path)
    print(f"generated {rows:,} rows ({csv_path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.2f} s")

    name = f"ep_bench_{uuid.uuid4().hex[:8]}"
    parts = urlsplit(args.admin_url)
    url = urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))
    with psycopg.connect(args.admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        os.environ.update({"DATABASE_URL": url, "PORTAL_INSTANCE_PATH": scratch, "PORTAL_ENV": "benchmark"})
        from flask_migrate import upgrade

        from employer_portal import create_app
        from employer_portal.refdata.importer import import_wages

        app = create_app()
        with app.app_context():
            upgrade()
            started = time.perf_counter()
            result = import_wages(csv_path, imported_by="benchmark")
            elapsed = time.perf_counter() - started
            from employer_portal.extensions import db

            db.session.remove()
            db.engine.dispose()
        verdict = "OK" if elapsed < 10 else "SLOW"
        print(f"imported {result.row_count:,} rows as {result.version} in {elapsed:.2f} s "
              f"({result.row_count / elapsed:,.0f} rows/s; target < 10 s: {verdict})")
    finally:
        with psycopg.connect(args.admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
