"""Samples for the pathways-per-hire tests (a module of its own: `from conftest import` may pick another
folder's conftest when folders run together)."""
from __future__ import annotations

GTS_HIRE = {
    "program": "gts_b",
    "worker": {"given_name": "Ana", "family_name": "Silva", "email": "ana@example.com", "citizenships": ["BR"],
               "highest_education": "master", "years_experience": 6,
               "passport_number": "YB1234567", "date_of_birth": "1996-04-12"},
    "position": {"title": "Senior software engineer", "noc_code": "21231", "province": "ON",
                 "wage": {"amount": 135000, "period": "year"}, "hours_per_week": 40,
                 "start_date": "2027-03-01", "end_date": "2029-02-28"},
    "gts": {"referral_partner": None},
}
# Single, master's degree, CLB 9 in English, 3 years of skilled work abroad.
PROFILE = {
    "marital_status": "single", "education": "master", "first_language": "english",
    "first_language_clb": {"listening": 9, "reading": 9, "writing": 9, "speaking": 9},
    "foreign_experience_years": 3,
}
PERMIT_EXPIRES = "2029-02-28"
