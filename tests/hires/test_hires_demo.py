"""seed-demo's hires: an eligible GTS B draft, an ICT transfer with a blocker, a CUSMA professional."""
from __future__ import annotations

from sqlalchemy import select


def test_demo_seed_creates_three_checked_hires(db):
    from employer_portal.models import Hire
    from employer_portal.seed import seed_demo_data

    assert seed_demo_data() is True
    db.session.commit()
    hires = {h.program: h for h in db.session.scalars(select(Hire))}
    assert set(hires) == {"gts_b", "ict", "cusma"}
    assert hires["gts_b"].report["eligible"] is True
    assert "ICT_EMPLOYMENT_TOO_SHORT" in [f["code"] for f in hires["ict"].report["findings"]]
    assert hires["cusma"].report["lmia"]["exemption_code"] == "T36"
    assert all(h.status == "draft" and h.hr_owner.email == "hr@demo.example" for h in hires.values())
