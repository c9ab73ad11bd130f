"""Fixtures for the worker document tests: an employer team, an ICT hire made through the API,
and small real files (PDF, JPEG, PNG) to upload."""
from __future__ import annotations

import copy
import io
from pathlib import Path

import pytest

from worker_document_samples import ICT_C63, image_bytes


@pytest.fixture
def jpeg() -> bytes:
    return image_bytes("JPEG")


@pytest.fixture
def png() -> bytes:
    return image_bytes("PNG")


@pytest.fixture
def team(make, api_for):
    employer_id = make.employer()
    hr = make.user(employer_id, role="hr")
    viewer = make.user(employer_id, role="viewer")
    return {"employer_id": employer_id, "hr": hr, "viewer": viewer, "api": api_for(hr), "viewer_api": api_for(viewer)}


@pytest.fixture
def new_hire(team):
    def create(api=None, payload=None) -> int:
        response = (api or team["api"]).post("/api/v1/hires", json=payload or copy.deepcopy(ICT_C63))
        assert response.status_code == 201, response.get_data(as_text=True)
        return response.get_json()["id"]

    return create


@pytest.fixture
def hire_id(new_hire):
    return new_hire()


@pytest.fixture
def new_link(team):
    """new_link(hire_id, **body) -> the worker's page path (from the API's `url`)."""

    def create(hire_id: int, api=None, **body) -> dict:
        response = (api or team["api"]).post(f"/api/v1/hires/{hire_id}/upload-links", json=body or None)
        assert response.status_code == 201, response.get_data(as_text=True)
        data = response.get_json()
        data["path"] = "/" + data["url"].split("/", 3)[3]
        return data

    return create


@pytest.fixture
def upload(client):
    """upload(path, item_key, data, name) -> the response of POST {url}/items/{item_key}."""

    def send(path: str, item_key: str, data: bytes, name: str = "scan.pdf", **form):
        return client.post(f"{path}/items/{item_key}", data={"file": (io.BytesIO(data), name), **form},
                           content_type="multipart/form-data")

    return send


@pytest.fixture
def stored_files(app):
    """stored_files() -> every file under FILE_STORAGE_DIR/documents."""

    def files() -> list[Path]:
        root = Path(app.config["FILE_STORAGE_DIR"]) / "documents"
        return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []

    return files


@pytest.fixture
def document_rows(app):
    def rows():
        from sqlalchemy import select

        from employer_portal.extensions import db
        from employer_portal.models.document import Document

        with app.app_context():
            found = list(db.session.scalars(select(Document).order_by(Document.id)))
            db.session.expunge_all()
            return found

    return rows
