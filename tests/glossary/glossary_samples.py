"""Hires whose findings name glossary terms and IRCC's Employer Portal."""

# An ICT specialized-knowledge transfer (C63) in a TEER 3 occupation (13100, administrative officers): the
# ICT_LOW_TEER_SCRUTINY warning names the TEER, and every ICT report names IRCC's Employer Portal offer.
ICT_TEER_3 = {
    "program": "ict",
    "worker": {"given_name": "Rui", "family_name": "Costa", "citizenships": ["PT"], "highest_education": "bachelor",
               "years_experience": 6},
    "position": {"title": "Administrative officer", "noc_code": "13100", "province": "ON", "city": "Toronto",
                 "wage": {"amount": 90000, "period": "year"}, "hours_per_week": 40,
                 "start_date": "2027-03-01", "end_date": "2028-02-28"},
    "ict": {"foreign_employer": "Costa Lda", "relationship": "parent", "category": "specialized_knowledge",
            "continuous_full_time_months": 30},
}

# A CUSMA professional whose job runs past one 3-year permit: the finding says to renew through IRCC's
# Employer Portal.
CUSMA_LONG = {
    "program": "cusma",
    "worker": {"given_name": "Ava", "family_name": "Reyes", "citizenships": ["US"], "highest_education": "bachelor",
               "field_of_study": "Computer engineering", "years_experience": 5},
    "position": {"title": "Software engineer", "noc_code": "21231", "province": "ON", "city": "Toronto",
                 "wage": {"amount": 140000, "period": "year"}, "hours_per_week": 40,
                 "start_date": "2027-03-01", "end_date": "2031-02-28"},
    "cusma": {"profession": "engineer", "credential": {"kind": "degree", "years_of_study": 4, "country": "US"}},
}
