"""What every operation of /api/v1 answers alike, added to the OpenAPI document in one pass, and its links.

The server answers the same way everywhere (api/__init__.py): no token or a bad one is `401` with
`WWW-Authenticate: Bearer`; a body above MAX_JSON_BODY_KIB is `413`; a body or query that cannot be
held is `422` naming the field; an id that is not this employer's is `404`. Writing these once here
keeps every operation's list of status codes exact without repeating them in each description.
The links (OpenAPI 3.1 `links`, followed by schemathesis' stateful tests and by readers) say which
operation takes which value of an answer: a created hire's id to read, change, check, submit and
build its checklist. Pure: no Flask.
"""
from __future__ import annotations

WWW_AUTHENTICATE = {"WWW-Authenticate": {
    "description": "the scheme to use: Bearer (RFC 6750)", "required": True,
    "schema": {"type": "string", "examples": ['Bearer realm="employer-portal"']}}}

_METHODS = ("get", "put", "post", "patch", "delete")


def _problem(description: str) -> dict:
    return {"description": description,
            "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}


def unauthorized() -> dict:
    return {**_problem("No token, or a token that is not valid"), "headers": dict(WWW_AUTHENTICATE)}


def complete_operations(paths: dict) -> None:
    """Add the answers every operation shares (401, 404, 413, 422), in place; what is declared stays."""
    for path, item in paths.items():
        path_parameters = [p for p in item.get("parameters", []) if p.get("in") == "path"]
        for method in _METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            responses = operation["responses"]
            if operation.get("security") != []:
                responses["401"] = {**responses.get("401", unauthorized()), "headers": dict(WWW_AUTHENTICATE)}
            own_parameters = operation.get("parameters", [])
            if path_parameters or any(p.get("in") == "path" for p in own_parameters):
                responses.setdefault("404", _problem("No such resource for this employer"))
            if "requestBody" in operation:
                responses.setdefault("413", _problem("The body is larger than the server takes (256 KiB by "
                                                     "default)"))
                responses.setdefault("422", _problem("Invalid input: every bad field named with its dotted path"))
            if any(p.get("in") == "query" for p in own_parameters):
                responses.setdefault("422", _problem("A query parameter is not valid (named in errors)"))


def _operation_ref(path: str, method: str) -> str:
    """A JSON pointer to the operation, as a URI fragment (RFC 6901: ~ and / escaped; braces percent-encoded)."""
    pointer = path.replace("~", "~0").replace("/", "~1").replace("{", "%7B").replace("}", "%7D")
    return f"#/paths/{pointer}/{method}"


def _link(path: str, method: str, description: str, **parameters: str) -> dict:
    return {"operationRef": _operation_ref(path, method), "description": description, "parameters": parameters}


def _hire_links(hire_id: str) -> dict:
    """What can be done with a hire once its id is known (from a created hire, or the path of a request)."""
    hire = "/hires/{hire_id}"
    return {
        "GetHire": _link(hire, "get", "read the hire", hire_id=hire_id),
        "UpdateHire": _link(hire, "patch", "change the draft", hire_id=hire_id),
        "DeleteHire": _link(hire, "delete", "delete the draft", hire_id=hire_id),
        "GetReport": _link(hire + "/report", "get", "its compliance report", hire_id=hire_id),
        "SubmitHire": _link(hire + "/submit", "post", "submit it when it has no blocker", hire_id=hire_id),
        "BuildChecklist": _link(hire + "/checklist", "post", "queue its checklist PDF", hire_id=hire_id),
        "GetChecklist": _link(hire + "/checklist", "get", "its checklist and the PDF's status", hire_id=hire_id),
        "GetDeadlines": _link(hire + "/deadlines", "get", "its deadlines with their reminders", hire_id=hire_id),
    }


def add_links(paths: dict) -> None:
    """The links between operations, in place, on the answers that carry the value a link passes on."""
    created = paths["/hires"]["post"]["responses"]["201"]
    created["links"] = _hire_links("$response.body#/id")
    for status in ("200",):
        for suffix, method in (("", "get"), ("", "patch"), ("/submit", "post"), ("/status", "post")):
            answer = paths["/hires/{hire_id}" + suffix][method]["responses"][status]
            answer["links"] = {name: link for name, link in _hire_links("$response.body#/id").items()
                               if name != "DeleteHire" or method == "get"}
    checklist = "/hires/{hire_id}/checklist"
    for status in ("200", "202"):
        paths[checklist]["post"]["responses"][status]["links"] = {
            "GetChecklist": _link(checklist, "get", "the build's progress", hire_id="$request.path.hire_id"),
            "GetChecklistPdf": _link(checklist + ".pdf", "get", "the PDF once ready (409 until then)",
                                     hire_id="$request.path.hire_id"),
        }
    paths[checklist]["get"]["responses"]["200"]["links"] = {
        "GetChecklistPdf": _link(checklist + ".pdf", "get", "the PDF when pdf.downloadable",
                                 hire_id="$response.body#/hire_id"),
        "BuildChecklist": _link(checklist, "post", "build it again", hire_id="$response.body#/hire_id"),
    }
    upload_link = paths["/hires/{hire_id}/upload-links"]["post"]["responses"]["201"]
    upload_link["links"] = {"RevokeUploadLink": _link("/upload-links/{link_id}", "delete", "withdraw the link",
                                                      link_id="$response.body#/id")}


def name_operations(paths: dict, operation_ids: dict[tuple[str, str], str]) -> None:
    """Give each operation its `operationId`: the name of the view that serves it ((method, path) -> name)."""
    for path, item in paths.items():
        for method in _METHODS:
            if method in item and (method, path) in operation_ids:
                item[method]["operationId"] = operation_ids[(method, path)]
