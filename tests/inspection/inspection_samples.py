"""Sample hire payload and dates shared by the inspection tests (a module of its own: `conftest` names clash
across test folders)."""

ICT_PAYLOAD = {
    "program": "ict",
    "worker": {"given_name": "Ana", "family_name": "Silva-Pereira", "email": "ana@example.com",
               "citizenships": ["BR"], "highest_education": "master", "field_of_study": "Computer science",
               "years_experience": 8},
    "position": {"title": "Senior software engineer", "noc_code": "21231", "duties": "Design distributed systems.",
                 "province": "BC", "city": "Vancouver", "wage": {"amount": 150000, "period": "year"},
                 "hours_per_week": 40, "start_date": "2019-03-01", "end_date": "2021-02-28"},
    "ict": {"foreign_employer": "Acme GmbH", "relationship": "parent", "category": "specialized_knowledge",
            "continuous_full_time_months": 30, "prior_ict_months_in_canada": 0},
}
# One permit, first day of work 2019-03-01: records are kept until 2025-03-01 (six years).
DATES_2019 = {"work_permit_applied_on": "2019-01-05", "work_permit_issued_on": "2019-02-15",
              "work_permit_expires_on": "2021-02-28", "first_day_of_work": "2019-03-01"}
