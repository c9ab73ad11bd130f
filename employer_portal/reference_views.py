"""Session-authenticated reference lookups for the portal's own pages (the hire form's NOC picker)."""
from __future__ import annotations

from flask import Blueprint, jsonify
from flask_login import login_required

bp = Blueprint("reference", __name__, url_prefix="/reference")


@bp.get("/noc-search")
@login_required
def noc_search():
    """GET /reference/noc-search?q=software -> the same JSON as GET /api/v1/reference/noc."""
    from employer_portal.api.reference import noc_search_answer

    return jsonify(noc_search_answer())
