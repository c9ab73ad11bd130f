"""GET /api/v1/reference/*: the reference data in force, each answer with its set's version and source.

occupations, referral-partners, cusma-professions, wages?noc=&province=&economic_region=
(the figures where the job is, the prevailing wage chosen, and a warning when the wages in force predate ESDC's
latest fall release), economic-regions?province=&city=
(the region pick-list and the region of a city), and noc?q= (the NOC picker).
"""
from __future__ import annotations

import re

from flask import jsonify, request

from employer_portal.api.blueprint import bp
from employer_portal.problems import Problem
from employer_portal.refdata.store import SetInfo, current_refdata, current_sets, wages_warning
from employer_portal.schemas.hire import PROVINCES

NOC_SEARCH_MAX = 50


def _set(name: str) -> dict:
    info: SetInfo | None = current_sets().get(name)
    if info is None:
        return {"set": name, "version": None, "source": None, "published": None}
    return {"set": name, "version": info.version, "source": info.source,
            "published": info.published.isoformat() if info.published else None}


@bp.get("/reference/occupations")
def reference_occupations():
    refdata = current_refdata()
    occupations = [
        {"noc_code": o.noc, "title": o.title, "subset_only": o.subset_only, "subset_condition": o.subset_condition,
         "hourly_floor": o.hourly_floor, "annual_floor_illustrative": o.annual_floor_illustrative}
        for o in sorted(refdata.occupations.values(), key=lambda o: o.noc)
    ]
    return jsonify({**_set("gts-occupations-list"), "list_version": refdata.occupations_list_version,
                    "occupations": occupations})


@bp.get("/reference/referral-partners")
def reference_referral_partners():
    refdata = current_refdata()
    # "aliases" and "quebec_partner_list" were added: the short names accepted, and ESDC's Quebec entry, which points
    # to MIFI's own list (not bundled: verify on the official page); MIFI itself is not a partner.
    partners = [{"name": p.name, "region": p.region, "provinces": list(p.provinces), "aliases": list(p.aliases)}
                for p in refdata.partners]
    quebec = refdata.quebec_partner_list
    quebec_list = None if quebec is None else {
        "printed_as": quebec.printed_as, "kept_by": "MIFI", "status": quebec.status,
        "ministry_names": list(quebec.ministry_names), "source": quebec.source}
    return jsonify({**_set("gts-referral-partners"), "partners": partners, "quebec_partner_list": quebec_list})


@bp.get("/reference/cusma-professions")
def reference_cusma_professions():
    # Fields after "licence_accepted" were added: which degrees count, the destination-province licence, the NOC
    # groups usually used (derived by the project: their status says "derived, verify"), the Scientific
    # Technician's disciplines and years of study.
    professions = [
        {"key": p.key, "profession": p.profession, "requirement": p.requirement, "licence_accepted": p.licence_accepted,
         "degree_kinds_accepted": list(p.degree_kinds_accepted),
         "destination_licence_required": p.destination_licence_required,
         "noc_groups": {"prefixes": list(p.noc_prefixes), "status": p.noc_groups_status} if p.noc_prefixes else None,
         "supported_disciplines": {d: list(keys) for d, keys in p.supported_disciplines} or None,
         "theory_min_years_of_study": p.theory_min_years_of_study}
        for p in current_refdata().cusma_professions.values()
    ]
    return jsonify({**_set("cusma-professions"), "professions": professions})


def _query_errors() -> tuple[str, str | None, str | None]:
    noc = (request.args.get("noc") or "").strip()
    province = (request.args.get("province") or "").strip().upper() or None
    region = (request.args.get("economic_region") or "").strip().upper() or None
    errors: dict[str, list[str]] = {}
    if not re.fullmatch(r"\d{5}", noc):
        errors["noc"] = ["a NOC 2021 code of 5 digits, e.g. 21231"]
    if province is not None and province not in PROVINCES:
        errors["province"] = [f"one of {' '.join(PROVINCES)}"]
    if region is not None and not re.fullmatch(r"ER\d{2,4}", region):
        errors["economic_region"] = ["a Job Bank economic region code, e.g. ER3510"]
    if errors:
        raise Problem(422, "Unprocessable Content", "Some query parameters are invalid.", errors=errors)
    return noc, province, region


def economic_regions_answer() -> dict:
    """The hire form's region pick-list for ?province=&city= (shared with the session-authenticated twin).

    Every Job Bank economic region of the province, and the one derived from the city (null when the city is not in
    the place table); a derived place not confirmed from an official page carries status "verify".
    """
    province = (request.args.get("province") or "").strip().upper()
    city = (request.args.get("city") or "").strip()[:200]
    if province not in PROVINCES:
        raise Problem(422, "Unprocessable Content", "Some query parameters are invalid.",
                      errors={"province": [f"one of {' '.join(PROVINCES)}"]})
    refdata = current_refdata()
    place = refdata.region_for_place(city, province) if city else None
    derived = None
    if place is not None:
        derived = place.region.to_dict() | ({"status": place.status} if place.status else {})
    table = refdata.regions
    return {"province": province, "regions": [r.to_dict() for r in refdata.economic_regions(province)],
            "derived": derived, "version": table.version if table else None, "source": table.source if table else None}


@bp.get("/reference/economic-regions")
def reference_economic_regions():
    return jsonify(economic_regions_answer())


@bp.get("/reference/wages")
def reference_wages():
    noc, province, region = _query_errors()
    refdata = current_refdata()
    figures = []
    for area in (region, province, "CA"):
        figure = refdata.wages.figure(noc, area) if area else None
        if figure is not None and (area != region or province is None or figure.province == province):
            figures.append({"level": figure.level, "area": figure.area, "area_name": figure.area_name,
                            "low": figure.low, "median": figure.median, "high": figure.high,
                            "annual": figure.annual, "reference_period": figure.reference_period})
    prevailing = refdata.prevailing_wage_for(noc, province, region)
    # "warning" was added (review F-35): null while the wages in force are ESDC's latest fall release.
    return jsonify({**_set("jobbank-wages"), "noc_code": noc, "province": province, "economic_region": region,
                    "figures": figures, "prevailing_wage": prevailing.to_dict() if prevailing else None,
                    "warning": wages_warning()})


def noc_search_answer() -> dict:
    """The NOC picker's answer for ?q=&limit= (shared with the session-authenticated twin)."""
    try:
        limit = max(1, min(int(request.args.get("limit", 10)), NOC_SEARCH_MAX))
    except ValueError:
        raise Problem(422, "Unprocessable Content", "limit must be a number.",
                      errors={"limit": [f"a whole number from 1 to {NOC_SEARCH_MAX}"]}) from None
    query = (request.args.get("q") or "")[:200]
    refdata = current_refdata()
    # "matched", "match", "source", "status" and "note" were added after "example" (a synonym hit names its source).
    results = [{"code": m.code, "title": m.title, "teer": m.teer, "example": m.example, "matched": m.matched,
                "match": m.kind, "source": m.source, "status": m.status, "note": m.note}
               for m in refdata.search_noc(query, limit)]
    return {**_set("noc-2021"), "query": query, "results": results}


@bp.get("/reference/noc")
def reference_noc():
    return jsonify(noc_search_answer())
