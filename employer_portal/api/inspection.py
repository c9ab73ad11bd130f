"""Inspection packs, legal holds and document deletion over the API (issue 12 items 4 and 5).

- `POST /hires/{id}/inspection-pack` → 202 `{"job": {"id", "status"}}` (editors; a viewer gets 403:
  a pack is work for the workers and an audited act, while reading it is not).
- `GET /hires/{id}/inspection-pack` → the latest pack's status; `?download=1` → the latest ready
  ZIP (`application/zip`, streamed, audited), 409 problem when none is ready. Viewers may download.
- `POST /inspection-packs` `{"from", "to"}` → 202, every hire of the employer in the range;
  `GET /inspection-packs/{id}` (and `?download=1`).
- `POST /hires/{id}/legal-hold` `{"on": true, "reason"}` (admins) → 200 `{"hire_id", "legal_hold"}`.
- `DELETE /documents/{id}` `{"reason"}`: before the retention date admins only, with a reason;
  never under a legal hold → 204.
Another employer's hire, pack or document is 404.
"""
from __future__ import annotations

from flask import Response, current_app, g, jsonify, request, url_for

from employer_portal import accounts
from employer_portal.api.blueprint import bp, json_body, require_editor
from employer_portal.checklists.storage import storage_from_config
from employer_portal.extensions import db
from employer_portal.inspection import retention, service
from employer_portal.models import Hire
from employer_portal.models.document import Document
from employer_portal.models.inspection_pack import InspectionPack
from employer_portal.problems import Problem
from employer_portal.tenancy import get_scoped_or_404


def _wants_download() -> bool:
    return request.args.get("download") in ("1", "true", "yes")


def _accepted(pack: InspectionPack, status_url: str):
    response = jsonify({"job": {"id": pack.id, "status": pack.status}})
    response.status_code = 202
    response.headers["Location"] = status_url
    return response


def zip_response(pack: InspectionPack, actor) -> Response:
    """The ready pack as a streamed ZIP attachment; the download is audited (it holds personal data)."""
    storage = storage_from_config(current_app.config)
    chunks = service.pack_chunks(pack, storage=storage, key_setting=current_app.config["DATA_ENCRYPTION_KEY"])
    accounts.record(pack.employer_id, service.ENTITY_PACK, pack.id, "downloaded", actor=actor,
                    changes={"hire_id": [pack.hire_id, pack.hire_id]})
    db.session.commit()
    response = Response(chunks, mimetype="application/zip", direct_passthrough=True)
    response.headers["Content-Length"] = str(pack.size_bytes)
    # The name is ours (ids and dates): nothing the user typed goes into the header.
    response.headers["Content-Disposition"] = f'attachment; filename="{service.download_name(pack)}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/hires/<hire_id>/inspection-pack")
def request_inspection_pack(hire_id):
    hire = get_scoped_or_404(Hire, hire_id)
    require_editor()
    decision = service.request_pack(hire, actor=g.api_user)
    pack = decision.pack
    db.session.commit()
    if decision.enqueue:
        from tasks.inspection import enqueue_pack

        enqueue_pack(pack.id)
    return _accepted(pack, url_for("api.inspection_pack", hire_id=hire.id))


@bp.get("/hires/<hire_id>/inspection-pack")
def inspection_pack(hire_id):
    hire = get_scoped_or_404(Hire, hire_id)
    if _wants_download():
        ready = service.latest_ready_pack(hire)
        if ready is None:
            raise Problem(409, "Conflict", "No inspection pack of this hire is ready; request one and wait for it.")
        return zip_response(ready, g.api_user)
    latest = service.latest_pack(hire)
    ready = service.latest_ready_pack(hire)
    return jsonify({
        "hire_id": hire.id, "legal_hold": bool(hire.legal_hold), "job": service.pack_json(latest),
        "ready": service.pack_json(ready),
        "download_url": url_for("api.inspection_pack", hire_id=hire.id, download=1) if ready else None,
    })


@bp.post("/inspection-packs")
def request_range_inspection_pack():
    require_editor()
    data = json_body()
    decision = service.request_range_pack(g.api_user.employer_id, data.get("from"), data.get("to"),
                                          actor=g.api_user)
    pack = decision.pack
    db.session.commit()
    if decision.enqueue:
        from tasks.inspection import enqueue_pack

        enqueue_pack(pack.id)
    return _accepted(pack, url_for("api.range_inspection_pack", pack_id=pack.id))


@bp.get("/inspection-packs/<pack_id>")
def range_inspection_pack(pack_id):
    pack = get_scoped_or_404(InspectionPack, pack_id)
    if _wants_download():
        return zip_response(pack, g.api_user)
    body = {"job": service.pack_json(pack)}
    if pack.status == "ready":
        body["download_url"] = url_for("api.range_inspection_pack", pack_id=pack.id, download=1)
    return jsonify(body)


@bp.post("/hires/<hire_id>/legal-hold")
def legal_hold(hire_id):
    hire = get_scoped_or_404(Hire, hire_id)
    data = json_body()
    state = retention.set_legal_hold(hire, on=data.get("on"), reason=data.get("reason"), actor=g.api_user)
    db.session.commit()
    return jsonify({"hire_id": hire.id, "legal_hold": state})


@bp.delete("/documents/<document_id>")
def delete_document(document_id):
    document = get_scoped_or_404(Document, document_id)
    data = request.get_json(silent=True) if request.content_length else {}
    if not isinstance(data, dict):
        raise Problem(422, "Unprocessable Content", "The body must be a JSON object.",
                      errors={"body": ["expected a JSON object with an optional 'reason'"]})
    retention.delete_document(document, actor=g.api_user, reason=data.get("reason"))
    db.session.commit()
    return "", 204
