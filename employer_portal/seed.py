"""Demo data for `make run`: one employer, an admin, an HR user and a viewer."""
from __future__ import annotations

from sqlalchemy import func, select

from employer_portal import accounts
from employer_portal.extensions import db
from employer_portal.hires.demo import seed_demo_hires
from employer_portal.models import Employer
from employer_portal.refdata.cli import seed_bundled_refdata

DEMO_EMPLOYER = "Demo Tech Inc."
DEMO_ADMIN = ("admin@demo.example", "maple-harbour-2026")
DEMO_HR = ("hr@demo.example", "cedar-lantern-2026")
DEMO_VIEWER = ("viewer@demo.example", "birch-compass-2026")

# Features' own demo records, callables taking (employer, users). Reference data first: the demo
# hires are checked against it.
DEMO_EXTENSIONS: list = [seed_bundled_refdata, seed_demo_hires]


def seed_demo_data() -> bool:
    """Create the demo employer and users if missing; returns False when already there."""
    if db.session.scalar(select(Employer.id).where(func.lower(Employer.name) == DEMO_EMPLOYER.lower())):
        return False
    employer = accounts.create_employer(DEMO_EMPLOYER, "ON")
    users = {
        "admin": accounts.create_user(employer, DEMO_ADMIN[0], "admin", DEMO_ADMIN[1], full_name="Dana Admin"),
        "hr": accounts.create_user(employer, DEMO_HR[0], "hr", DEMO_HR[1], full_name="Harper Reyes"),
        "viewer": accounts.create_user(employer, DEMO_VIEWER[0], "viewer", DEMO_VIEWER[1], full_name="Vic Viewer"),
    }
    for extend in DEMO_EXTENSIONS:
        extend(employer, users)
    return True
