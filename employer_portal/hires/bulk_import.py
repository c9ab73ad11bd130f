"""Bulk import of drafts from a CSV: read, preview with per-row errors, then import in one transaction.

The documented columns (header row required, any order, names case-insensitive, unknown columns refused):
given_name, family_name, email, citizenships (e.g. "BR, PT"), program (gts_a, gts_b, ict, cusma),
title, noc_code, province, city, wage_amount (120000, 120,000, $120,000 or 57.50), wage_period (year or hour),
hours_per_week, start_date, end_date (YYYY-MM-DD). No passport number or birth date: those are typed on the draft.

Every row is checked by the same `HirePayload` schema as the form and the API (through the service).
`import_rows` creates the drafts of the valid rows in the caller's transaction: any failure raises and the
caller rolls back, so nothing is half-imported. Each draft is audited as "created" like any other.
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field

from employer_portal.hires import service
from employer_portal.schemas.messages import parse_amount

MAX_ROWS = 1000
MAX_BYTES = 400 * 1024  # the preview carries the text back on confirm; a form field stays under 500 kB

# CSV column → dotted payload path.
COLUMNS = {
    "given_name": "worker.given_name", "family_name": "worker.family_name", "email": "worker.email",
    "citizenships": "worker.citizenships", "program": "program", "title": "position.title",
    "noc_code": "position.noc_code", "province": "position.province", "city": "position.city",
    "wage_amount": "position.wage.amount", "wage_period": "position.wage.period",
    "hours_per_week": "position.hours_per_week", "start_date": "position.start_date", "end_date": "position.end_date",
}
COLUMN_OF_PATH = {path: column for column, path in COLUMNS.items()}
# A spreadsheet runs a cell starting with these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


class ImportFileError(Exception):
    """The file itself cannot be imported (size, encoding, header); the message says why in plain words."""


@dataclass
class ImportRow:
    line: int  # the line number in the file (the header is line 1)
    cells: dict[str, str]
    payload: dict = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)  # CSV column (or "row") → messages

    @property
    def valid(self) -> bool:
        return not self.errors


@dataclass
class ImportPreview:
    text: str  # the decoded CSV, carried to the confirm step
    columns: list[str]
    rows: list[ImportRow]

    @property
    def valid_rows(self) -> list[ImportRow]:
        return [r for r in self.rows if r.valid]

    @property
    def invalid_rows(self) -> list[ImportRow]:
        return [r for r in self.rows if not r.valid]

    @property
    def digest(self) -> str:
        return digest_of(self.text)


def digest_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 (Excel's "CSV" on Windows)."""
    if len(raw) > MAX_BYTES:
        raise ImportFileError(f"The file is larger than {MAX_BYTES // 1024} kB; split it into smaller files.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        raise ImportFileError("The file's characters cannot be read; save it as CSV UTF-8 and try again.") from None


def _column_name(header: str) -> str:
    return re.sub(r"[\s\-]+", "_", header.strip().lstrip("\ufeff").casefold())


def preview(text: str) -> ImportPreview:
    """Every data row with its payload and its errors; `ImportFileError` when the file cannot be read at all."""
    # One kind of line break: a browser posts the previewed text back with CRLF, and the digest must match.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFileError("The file is empty; the first line must name the columns.") from None
    except csv.Error as exc:
        raise ImportFileError(f"The file is not a readable CSV ({exc}).") from None
    columns = [_column_name(h) for h in header]
    unknown = [h for h, c in zip(header, columns) if c and c not in COLUMNS]
    if unknown:
        raise ImportFileError("Unknown column(s): " + ", ".join(unknown) + ". Use: " + ", ".join(COLUMNS) + ".")
    if not any(columns):
        raise ImportFileError("The first line must name the columns: " + ", ".join(COLUMNS) + ".")
    duplicated = sorted({c for c in columns if c and columns.count(c) > 1})
    if duplicated:
        raise ImportFileError("A column appears twice: " + ", ".join(duplicated) + ".")
    rows: list[ImportRow] = []
    try:
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            if len(rows) == MAX_ROWS:
                raise ImportFileError(f"The file has more than {MAX_ROWS} rows; split it into smaller files.")
            rows.append(_check_row(reader.line_num, columns, cells))
    except csv.Error as exc:
        raise ImportFileError(f"The file is not a readable CSV near line {reader.line_num} ({exc}).") from None
    return ImportPreview(text=text, columns=[c for c in columns if c], rows=rows)


def _check_row(line: int, columns: list[str], cells: list[str]) -> ImportRow:
    row = ImportRow(line=line, cells={c: (cells[i].strip() if i < len(cells) else "") for i, c in enumerate(columns)
                                      if c})
    if len(cells) > len(columns):
        row.errors.setdefault("row", []).append(f"This line has {len(cells)} cells but the header names "
                                                f"{len(columns)} columns.")
    payload: dict = {}
    for column, value in row.cells.items():
        if not value:
            continue
        if value.startswith("'") and value[1:2] in FORMULA_STARTS:
            value = value[1:]  # a cell our own Excel export protected: the apostrophe is not part of the value
        elif value.startswith(FORMULA_STARTS) and not _NUMBER.match(value):
            row.errors.setdefault(column, []).append("This looks like a spreadsheet formula; type the value itself.")
            continue
        path = COLUMNS[column]
        if column == "citizenships":
            parsed: object = [p.upper() for p in re.split(r"[\s,;]+", value) if p]
        elif column == "wage_amount":
            parsed = parse_amount(value) or value
        elif column in ("program", "wage_period"):
            parsed = value.casefold()
        elif column == "province":
            parsed = value.upper()
        else:
            parsed = value
        _set(payload, path, parsed)
    row.payload = payload
    if row.errors:
        return row
    try:
        service.validate_payload(payload)
    except service.InvalidHire as exc:
        for path, messages in exc.errors.items():
            row.errors.setdefault(COLUMN_OF_PATH.get(path, _closest_column(path)), []).extend(messages)
    return row


def _closest_column(path: str) -> str:
    # "position.wage" (a model-level error) → wage_amount; anything else names the row.
    for column, column_path in COLUMNS.items():
        if column_path.startswith(path + "."):
            return column
    return "row"


def _set(target: dict, path: str, value) -> None:
    *parents, leaf = path.split(".")
    for part in parents:
        target = target.setdefault(part, {})
    target[leaf] = value


def already_imported(employer_id: int, digest: str) -> bool:
    """True when this very file was imported before (a second click on Import, or the browser's back button)."""
    from sqlalchemy import select

    from employer_portal.extensions import db
    from employer_portal.models import AuditEvent

    recent = db.session.scalars(select(AuditEvent.changes).where(
        AuditEvent.employer_id == employer_id, AuditEvent.entity == IMPORT_ENTITY, AuditEvent.action == "imported",
    ).order_by(AuditEvent.id.desc()).limit(200))
    return any((changes or {}).get("digest", [None, None])[1] == digest for changes in recent)


IMPORT_ENTITY = "hire_import"


def import_rows(employer_id: int, preview: ImportPreview, actor) -> list:
    """Create one draft per valid row in the caller's transaction, then one audit event for the file.

    The first failure raises `HireError` (the caller rolls back: nothing lands).
    """
    from employer_portal.accounts import record

    hires = []
    rows = preview.valid_rows
    for row in rows:
        try:
            hires.append(service.create_draft(employer_id, row.payload, actor))
        except service.HireError as exc:
            raise service.HireError(f"line {row.line} could not be imported ({exc}); nothing was imported") from exc
    record(employer_id, IMPORT_ENTITY, None, "imported", actor=actor, changes={
        "digest": [None, preview.digest], "drafts": [None, len(hires)],
        "skipped_lines": [None, [r.line for r in preview.invalid_rows]]})
    return hires
