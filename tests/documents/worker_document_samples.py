"""Hire payload, item keys and sample files shared by the worker document tests (imported by name:
a module, not a conftest, so it never collides with another folder's conftest)."""
from __future__ import annotations

import io

ICT_C63 = {
    "program": "ict",
    "worker": {"given_name": "Ana", "family_name": "Silva-Pereira", "email": "ana@example.com",
               "citizenships": ["BR"], "highest_education": "master", "field_of_study": "Computer science",
               "years_experience": 8},
    "position": {"title": "Senior software engineer", "noc_code": "21231", "duties": "Design distributed systems.",
                 "province": "BC", "city": "Vancouver", "wage": {"amount": 150000, "period": "year"},
                 "hours_per_week": 40, "start_date": "2027-03-01", "end_date": "2029-02-28"},
    "ict": {"foreign_employer": "Acme GmbH", "relationship": "parent", "category": "specialized_knowledge",
            "continuous_full_time_months": 30, "prior_ict_months_in_canada": 0},
}
# Items the worker provides on this route (checklist catalogue, provider "worker").
WORKER_ITEM = "ict.continuous_employment"
OTHER_WORKER_ITEM = "ict.current_employment_abroad"
EMPLOYER_ITEM = "ict.company_letter"

PDF = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] "
       b"/Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")


def image_bytes(kind: str = "JPEG", size=(40, 30)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, kind)
    return out.getvalue()
