"""Shared samples of the Conditions tests (a module of their own: no clash with other folders' conftest)."""
from __future__ import annotations

# 21231 software engineers in Toronto at $135,000 a year: no blocker, so it can be submitted.
GTS_B = {
    "program": "gts_b",
    "worker": {"given_name": "Ana", "family_name": "Silva", "email": "ana@example.com", "citizenships": ["BR"],
               "highest_education": "master", "years_experience": 6},
    "position": {"title": "Senior software engineer", "noc_code": "21231", "province": "ON", "city": "Toronto",
                 "duties": "Design and build the payments platform.",
                 "wage": {"amount": 135000, "period": "year"}, "hours_per_week": 40,
                 "start_date": "2027-03-01", "end_date": "2029-02-28"},
}
PATH = {"submitted": [], "filed": ["filed"], "approved": ["filed", "approved"],
        "active": ["filed", "approved", "active"]}


def set_size(app, employer_id: int, employees: int | None, revenue: int | None = None) -> None:
    from employer_portal.extensions import db
    from employer_portal.models import Employer

    with app.app_context():
        employer = db.session.get(Employer, employer_id)
        employer.employee_count, employer.annual_gross_revenue_cad = employees, revenue
        db.session.commit()

# An ICT specialised-knowledge transfer from a parent company (an IMP hire: R209.2, the Employer Portal offer).
ICT = {
    "program": "ict",
    "worker": {"given_name": "Ana", "family_name": "Silva-Pereira", "citizenships": ["BR"],
               "highest_education": "master", "years_experience": 8},
    "position": {"title": "Senior software engineer", "noc_code": "21231", "duties": "Design distributed systems.",
                 "province": "BC", "city": "Vancouver", "wage": {"amount": 150000, "period": "year"},
                 "hours_per_week": 40, "start_date": "2027-03-01", "end_date": "2029-02-28"},
    "ict": {"foreign_employer": "Acme GmbH", "relationship": "parent", "category": "specialized_knowledge",
            "continuous_full_time_months": 30, "prior_ict_months_in_canada": 0},
}
