"""In-process throughput of compliance.evaluate on one core over 10,000 generated hires.

Run: .venv/bin/python benchmarks/evaluate_throughput.py [--hires N]
Prints the checks per second (target: at least 5,000). The mix is generated
deterministically (seeded), over all four programs, real NOCs and regions,
complete and partial payloads, passing and failing wages.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from employer_portal.compliance import evaluate
from employer_portal.refdata import load_bundled
from employer_portal.schemas.hire import HirePayload

NOCS = ["21231", "21232", "21211", "21234", "21311", "22222", "22220", "20012", "21210", "52120", "22221", "99999", "12345"]
PLACES = [("ON", "ER3510"), ("ON", "ER3530"), ("ON", None), ("BC", "ER5920"), ("QC", "ER2440"), ("AB", "ER4830"),
          ("NS", None), ("MB", None), ("PE", None), ("SK", None)]
PARTNERS = ["Communitech", "MaRS Discovery District", "Invest Ottawa", "Acme Ventures", None]
PROFESSIONS = ["computer_systems_analyst", "engineer", "management_consultant", "scientific_technician_technologist", "astronaut"]
EDUCATION = ["secondary", "certificate", "diploma", "bachelor", "master", "doctorate"]


def generate(n: int, seed: int = 20261101) -> list[tuple[HirePayload, str]]:
    rng = random.Random(seed)
    hires = []
    for i in range(n):
        program = ("gts_a", "gts_b", "ict", "cusma")[i % 4]
        province, region = rng.choice(PLACES)
        start = dt.date(2027, 1, 1) + dt.timedelta(days=rng.randrange(365))
        end = start + dt.timedelta(days=rng.choice([200, 364, 366, 700, 1095, 1096, 1500]))
        hourly = rng.random() < 0.5
        data = {
            "program": program,
            "worker": {"given_name": "Test", "citizenships": [rng.choice(["US", "MX", "BR", "IN"])],
                       "highest_education": rng.choice(EDUCATION), "years_experience": rng.randrange(0, 15)},
            "position": {"noc_code": rng.choice(NOCS), "province": province, "economic_region": region,
                         "wage": {"amount": rng.uniform(30, 80) if hourly else rng.uniform(60000, 180000),
                                  "period": "hour" if hourly else "year"},
                         "hours_per_week": rng.choice([35, 37.5, 40]),
                         "start_date": start.isoformat(), "end_date": end.isoformat()},
            "gts": {"referral_partner": rng.choice(PARTNERS), "category_a_positions_this_year": rng.randrange(0, 4)},
            "ict": {"relationship": rng.choice(["parent", "subsidiary", "affiliate", "none"]),
                    "category": rng.choice(["startup", "executive_manager", "specialized_knowledge"]),
                    "continuous_full_time_months": rng.randrange(0, 60), "prior_ict_months_in_canada": rng.randrange(0, 70)},
            "cusma": {"profession": rng.choice(PROFESSIONS), "licensed": rng.random() < 0.2,
                      "worker_controls_employer": rng.random() < 0.1},
        }
        if i % 10 == 0:  # a partial draft
            del data["position"]["wage"]
            data.pop("ict")
        hires.append((HirePayload.model_validate(data), program))
    return hires


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--hires", type=int, default=10_000)
    args = parser.parse_args()
    refdata = load_bundled()
    hires = generate(args.hires)
    evaluate(hires[0][0], refdata)  # warm up

    started = time.perf_counter()
    blockers = 0
    for payload, _ in hires:
        report = evaluate(payload, refdata)
        blockers += not report.eligible
    elapsed = time.perf_counter() - started

    started = time.perf_counter()
    for payload, _ in hires:
        evaluate(payload, refdata).to_dict()
    with_json = time.perf_counter() - started

    print(f"hires: {len(hires)} (not eligible: {blockers})")
    print(f"evaluate: {elapsed:.3f} s, {len(hires) / elapsed:,.0f} checks/s, {elapsed / len(hires) * 1e6:.1f} us/check")
    print(f"evaluate + to_dict: {len(hires) / with_json:,.0f} checks/s")


if __name__ == "__main__":
    main()
