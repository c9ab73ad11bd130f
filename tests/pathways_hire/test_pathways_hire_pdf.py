"""The checklist PDF's Pathways section: printed by default, left out when the employer turns it off;
read back with pypdf."""
from __future__ import annotations

import io
import re

import pypdf

from pathways_hire_samples import PROFILE


def _squeezed_pdf_text(hire_id: int) -> str:
    from employer_portal.checklists.pdf import render_pdf
    from employer_portal.checklists.digest import document_for
    from employer_portal.extensions import db
    from employer_portal.models import Hire

    db.session.expire_all()
    pdf = render_pdf(document_for(db.session.get(Hire, hire_id)))
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", "", "\n".join(page.extract_text() for page in reader.pages))


def test_the_pdf_prints_the_pathways_section_by_default(api, submitted_hire, db):
    """ISSUE11 item 5: 'a section in the checklist PDF (optional per employer)', on unless turned off."""
    api.put(f"/api/v1/hires/{submitted_hire}/pathways/profile", json=PROFILE)
    text = _squeezed_pdf_text(submitted_hire)
    assert "Pathwaystopermanentresidence" in text
    assert "CRSscore" in text and "1,560hoursreachedon2028-02-28" in text
    assert "verifyontheofficialpage" in text and "(guidance)" in text


def test_the_pdf_leaves_the_section_out_when_the_employer_turns_it_off(make, api_for, hr, api, submitted_hire, db):
    api.put(f"/api/v1/hires/{submitted_hire}/pathways/profile", json=PROFILE)
    admin = api_for(make.user(hr.employer_id, role="admin"))
    assert admin.put("/api/v1/settings/pathways", json={"checklist_pdf_section": False}).status_code == 200
    text = _squeezed_pdf_text(submitted_hire)
    assert "Pathwaystopermanentresidence" not in text and "CRSscore" not in text
    assert "Documentstogather" in text


def test_a_hire_without_a_profile_has_no_pathways_section(submitted_hire, db):
    """Nothing to plan on before HR enters the worker's profile."""
    assert "Pathwaystopermanentresidence" not in _squeezed_pdf_text(submitted_hire)


def test_turning_the_section_off_marks_the_employers_pdfs_out_of_date(make, api_for, hr, api, submitted_hire, db):
    """A ready PDF with the section must not be served after the employer left it out."""
    from employer_portal.checklists.digest import current_hash
    from employer_portal.models import Hire

    api.put(f"/api/v1/hires/{submitted_hire}/pathways/profile", json=PROFILE)
    before = current_hash(db.session.get(Hire, submitted_hire))
    api_for(make.user(hr.employer_id, role="admin")).put("/api/v1/settings/pathways", json={"checklist_pdf_section": False})
    db.session.expire_all()
    assert current_hash(db.session.get(Hire, submitted_hire)) != before
