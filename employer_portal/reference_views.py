"""Session-authenticated reference lookups for the portal's own pages (the hire form's NOC and region pickers)."""
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


@bp.get("/economic-regions")
@login_required
def economic_regions():
    """GET /reference/economic-regions?province=ON&city=Ottawa -> the same JSON as GET /api/v1/reference/economic-regions."""
    from employer_portal.api.reference import economic_regions_answer

    return jsonify(economic_regions_answer())
