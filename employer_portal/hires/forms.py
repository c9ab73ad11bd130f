"""The hire form's fields: flat dotted names ("position.wage.amount") to the nested payload and back.

The form is validated by the same `HirePayload` schema as the API (through the
service); this module only turns what the browser sent into a dict and a stored
hire into the strings the inputs show, so nothing HR typed is lost on an error.
"""
from __future__ import annotations

import re

from employer_portal.schemas.messages import parse_amount, plain
from employer_portal.schemas.hire import (
    CUSMA_CREDENTIAL_KINDS,
    EDUCATION_LEVELS,
    ICT_CATEGORIES,
    ICT_RELATIONSHIPS,
    PERMIT_APPLICATION_FROM,
    PROGRAM_LABELS,
    PROGRAMS,
    PROVINCES,
    WAGE_PERIODS,
)

# A hire's status as people say it; the one table every page, list and audit sentence reads.
STATUS_LABELS = {"draft": "Draft", "submitted": "Submitted", "filed": "Filed", "approved": "Approved",
                 "refused": "Refused", "withdrawn": "Withdrawn", "active": "Active (working)", "ended": "Ended"}
# The options of the selects, in words (the stored values stay the API's).
PROVINCE_LABELS = {"AB": "Alberta", "BC": "British Columbia", "MB": "Manitoba", "NB": "New Brunswick",
                   "NL": "Newfoundland and Labrador", "NS": "Nova Scotia", "NT": "Northwest Territories",
                   "NU": "Nunavut", "ON": "Ontario", "PE": "Prince Edward Island", "QC": "Quebec",
                   "SK": "Saskatchewan", "YT": "Yukon"}
EDUCATION_LABELS = {"none": "No formal education", "secondary": "Secondary school", "certificate": "Certificate",
                    "diploma": "Diploma", "bachelor": "Bachelor's degree", "master": "Master's degree",
                    "doctorate": "Doctorate (PhD)"}
ICT_CATEGORY_LABELS = {"startup": "Start-up transfer (C61)", "executive_manager": "Executive or manager (C62)",
                       "specialized_knowledge": "Specialized knowledge (C63)"}
ICT_RELATIONSHIP_LABELS = {"parent": "Parent company", "subsidiary": "Subsidiary", "branch": "Branch",
                           "affiliate": "Affiliate", "none": "None of these"}
WAGE_PERIOD_LABELS = {"year": "a year", "hour": "an hour"}

class Choices:
    """Select options as (value, label) pairs; `in` looks at the values; `blank` labels the empty option."""

    def __init__(self, pairs, blank: str = "—"):
        self.pairs = [(p, p) if isinstance(p, str) else tuple(p) for p in pairs]
        self.blank = blank

    def __iter__(self):
        return iter(self.pairs)

    def __contains__(self, value) -> bool:
        return any(v == value for v, _label in self.pairs)


class CusmaProfessionChoices:
    """The 63 CUSMA professions as (key, name) options, read from the reference data in force."""

    blank = "—"

    def _professions(self):
        from employer_portal.refdata.store import current_refdata

        professions = current_refdata().cusma_professions
        return sorted(professions.values(), key=lambda p: p.profession)

    def __iter__(self):
        return iter([(p.key, p.profession) for p in self._professions()])

    def __contains__(self, key) -> bool:
        from employer_portal.refdata.store import current_refdata

        return key in current_refdata().cusma_professions


OTHER_PARTNER = "__other__"
PARTNER_OTHER_FIELD = "gts.referral_partner_other"


class ReferralPartnerChoices:
    """The designated referral partners in force, by official name, then "other" for a partner not on the list yet."""

    blank = "—"

    def _partners(self):
        from employer_portal.refdata.store import current_refdata

        return sorted(current_refdata().partners, key=lambda p: p.name.casefold())

    def __iter__(self):
        options = [(p.name, f"{p.name} ({p.region})" if p.region else p.name) for p in self._partners()]
        return iter(options + [(OTHER_PARTNER, "Other (not on the list yet): type its name below")])

    def __contains__(self, name) -> bool:
        return name == OTHER_PARTNER or any(p.name == name for p in self._partners())


def official_partner_name(name: str) -> str | None:
    """The official name of the designated partner `name` stands for (official name or alias), or None."""
    from employer_portal.refdata.store import current_refdata

    partner = current_refdata().referral_partner(name)
    return partner.name if partner is not None else None


DERIVE_REGION = "Derive from the city"


def economic_region_choices(province: str | None, city: str | None) -> Choices:
    """The Job Bank economic regions of `province`; the empty option derives the region from the city (and names it)."""
    regions, derived = economic_regions_of(province, city)
    blank = DERIVE_REGION
    if derived is not None:
        blank = f"{DERIVE_REGION}: {derived[1]} ({derived[0]}){derived[2]}"
    return Choices([(code, f"{name} ({code})") for code, name in regions], blank=blank)


def economic_regions_of(province: str | None, city: str | None) -> tuple[list[tuple[str, str]], tuple[str, str, str] | None]:
    """([(code, name)] of the province's regions, (code, name, note) derived from the city or None), from the refdata."""
    from employer_portal.refdata.store import current_refdata

    if not province:
        return [], None
    refdata = current_refdata()
    regions = [(r.code, r.name) for r in refdata.economic_regions(province)]
    found = refdata.region_for_place(city, province) if city else None
    if found is None:
        return regions, None
    # A place whose region is not confirmed from an official page says so.
    note = " – verify on the official page" if found.to_verify else ""
    return regions, (found.region.code, found.region.name, note)


PERMIT_FROM_LABELS = {"outside_canada": "Outside Canada (online or at a visa office)",
                      "inside_canada": "Inside Canada"}
CREDENTIAL_LABELS = {"degree": "Degree (baccalaureate or higher)", "licenciatura": "Licenciatura (Mexico)",
                     "licence": "State or provincial licence", "post_secondary_diploma": "Post-Secondary Diploma",
                     "post_secondary_certificate": "Post-Secondary Certificate", "none": "None of these"}


def labelled(values, labels: dict) -> Choices:
    """Select options for `values`, each shown by its label."""
    return Choices([(v, labels.get(v, v)) for v in values])

# Every input of the form, by section: (dotted name, label, kind, options).
SECTIONS = {
    "worker": [
        ("worker.given_name", "Given name", "text", None),
        ("worker.family_name", "Family name", "text", None),
        ("worker.email", "Email address", "email", None),
        ("worker.citizenships", "Citizenships (two-letter country codes, e.g. BR, PT)", "text", None),
        ("worker.highest_education", "Highest level of education", "select", labelled(EDUCATION_LEVELS, EDUCATION_LABELS)),
        ("worker.field_of_study", "Field of study", "text", None),
        ("worker.years_experience", "Years of work experience", "number", None),
        ("worker.passport_number", "Passport number", "text", None),
        ("worker.date_of_birth", "Date of birth", "date", None),
    ],
    "position": [
        ("position.title", "Job title", "text", None),
        ("position.noc_code", "Occupation code (NOC 2021, 5 digits)", "text", None),
        ("position.duties", "Main duties", "textarea", None),
        ("position.province", "Province or territory of the job", "select", labelled(PROVINCES, PROVINCE_LABELS)),
        ("position.city", "City of the job", "text", None),
        # Options depend on the province: form_fields() puts in that province's regions.
        ("position.economic_region", "Economic region (ER) for the Job Bank wage", "select", Choices([], blank=DERIVE_REGION)),
        ("position.wage.amount", "Wage in Canadian dollars", "number", None),
        ("position.wage.period", "The wage is paid per", "select", labelled(WAGE_PERIODS, {"year": "Year", "hour": "Hour"})),
        ("position.hours_per_week", "Hours per week", "number", None),
        ("position.start_date", "Job starts on", "date", None),
        ("position.end_date", "Job ends on", "date", None),
    ],
    "filing": [
        ("filing.lmia_application_date", "LMIA applied for on (GTS only)", "date", None),
        ("filing.permit_application_date", "Work permit applied for on (blank means today)", "date", None),
        ("filing.permit_application_from", "The worker applies for the permit from", "select",
         Choices([(v, PERMIT_FROM_LABELS[v]) for v in PERMIT_APPLICATION_FROM])),
    ],
    "gts": [
        ("gts.referral_partner", "Designated referral partner (Category A)", "select", ReferralPartnerChoices()),
        (PARTNER_OTHER_FIELD, "Other referral partner (not on the list yet)", "text", None),
        ("gts.referral_date", "Referred on", "date", None),
    ],
    "ict": [
        ("ict.foreign_employer", "Foreign employer", "text", None),
        ("ict.relationship", "Foreign employer's relationship to the Canadian employer", "select",
         labelled(ICT_RELATIONSHIPS, ICT_RELATIONSHIP_LABELS)),
        ("ict.category", "Intra-company transfer (ICT) category", "select", labelled(ICT_CATEGORIES, ICT_CATEGORY_LABELS)),
        ("ict.continuous_full_time_months",
         "Months of continuous full-time work there (last 3 years; not needed when the periods below are given)",
         "number", None),
        ("ict.prior_ict_months_in_canada", "Months already spent in Canada as an ICT", "number", None),
        ("ict.months_abroad_since_last_stay", "Full-time months worked abroad since the last ICT stay in Canada",
         "number", None),
    ],
    "cusma": [
        ("cusma.profession", "CUSMA profession (one of the 63 in Appendix 2)", "select", CusmaProfessionChoices()),
        ("cusma.credential.kind", "Credential behind the highest education", "select",
         Choices([(v, CREDENTIAL_LABELS[v]) for v in CUSMA_CREDENTIAL_KINDS])),
        ("cusma.credential.years_of_study", "Years of post-secondary study for it", "number", None),
        ("cusma.credential.country", "Country that granted it (ISO code, e.g. US, MX)", "text", None),
        ("cusma.supported_profession", "Scientific Technician/Technologist: the professional they support",
         "select", CusmaProfessionChoices()),
        ("cusma.licensed", "Holds the state or provincial licence the profession accepts", "checkbox", None),
        ("cusma.licence_province", "Province that issued the licence (a Registered Nurse needs the job's)", "select",
         labelled(PROVINCES, PROVINCE_LABELS)),
        ("cusma.worker_controls_employer", "The worker controls the Canadian employer", "checkbox", None),
    ],
}
# Money inputs: read as people write amounts ("120,000", "$120,000", "120 000", "57.50").
AMOUNT_FIELDS = {"position.wage.amount"}
FIELDS = {name: (label, kind, options) for fields in SECTIONS.values() for name, label, kind, options in fields}
LIST_FIELDS = {"worker.citizenships"}
# Form-only inputs: they shape another field's value and are not payload paths.
FORM_ONLY = {PARTNER_OTHER_FIELD}
# Which route block each program shows (the others are hidden by hire_form.js, and ignored by the rules).
PROGRAM_BLOCKS = {"gts_a": "gts", "gts_b": "gts", "ict": "ict", "cusma": "cusma"}

# Repeated rows (lists in the payload): (column, label, kind, options); a row counts once a key column is filled.
ROW_GROUPS = {
    "ict.employment_periods": {
        "label": "Employment with the foreign enterprise",
        "hint": "One row per period; leave the end blank while still employed there.",
        "columns": [("start", "Start", "date", None), ("end", "End (blank = still employed)", "date", None),
                    ("full_time", "Full time", "checkbox", None)],
        "keys": ("start", "end"),
        "add": "Add a period",
    },
    "ict.prior_stays": {
        "label": "Earlier ICT stays in Canada",
        "hint": "Months spent in Canada on an ICT work permit, by category.",
        "columns": [("category", "ICT category", "select", labelled(ICT_CATEGORIES, ICT_CATEGORY_LABELS)),
                    ("months", "Months", "number", None)],
        "keys": ("category", "months"),
        "add": "Add a stay",
    },
}
# The dates recorded after submission (schemas/dates.py HireDates), in full.
DATE_LABELS = {
    "lmia_issued_on": "LMIA issued on", "lmia_expires_on": "LMIA expires on",
    "lmbp_signed_on": "Labour Market Benefits Plan signed on", "compliance_fee_paid_on": "Compliance fee paid on",
    "work_permit_applied_on": "Work permit applied for on", "work_permit_issued_on": "Work permit issued on",
    "work_permit_expires_on": "Work permit expires on", "first_day_of_work": "First day of work",
    "end_of_employment": "Last day of employment",
    "employer_portal_offer_number": "Offer number in IRCC's Employer Portal (A and 7 digits)",
}
# What else a hire's audit trail names, beside the form's fields and the dates.
OTHER_LABELS = {
    "status": "Status", "approved_on": "Approved on", "program": "Route", "legal_hold": "Legal hold",
    "reason": "Reason", "decision": "Decision", "applied": "Applied", "added": "Checklist items added",
    "revived": "Checklist items brought back", "retired": "Checklist items retired",
    "issued_on": "Issued on", "expires_on": "Expires on", "employment_start_on": "Employment under it starts on",
    "done_at": "Done at", "done_by": "Done by", "done_note": "Note",
}
MIN_ROWS = 3
MAX_ROWS = 20  # the schema's max_length for these lists
ROW_FIELDS = {
    f"{group}.{i}.{column}": (label, kind, options)
    for group, spec in ROW_GROUPS.items() for i in range(MAX_ROWS) for column, label, kind, options in spec["columns"]
}


def field_label(path: str) -> str:
    """The full label of a field path, as the forms show it ("position.wage.amount" -> "Wage in Canadian dollars").

    Knows the hire form, the row groups ("ict.prior_stays.0.months" -> "Earlier ICT stays in Canada, row 1: Months"),
    the recorded dates ("dates.lmia_issued_on" or "lmia_issued_on") and the other names the audit trail uses;
    anything else reads its last part in words.
    """
    if path in FIELDS:
        return FIELDS[path][0]
    if path == "program":
        return OTHER_LABELS["program"]
    for group, spec in ROW_GROUPS.items():
        if path == group:
            return spec["label"]
        if path.startswith(group + "."):
            index, _, column = path[len(group) + 1:].partition(".")
            labels = {c: label for c, label, _k, _o in spec["columns"]}
            row = f"{spec['label']}, row {int(index) + 1}" if index.isdigit() else spec["label"]
            return f"{row}: {labels.get(column, column)}" if column else row
    name = path.removeprefix("dates.")
    if name in DATE_LABELS:
        return DATE_LABELS[name]
    last = path.rsplit(".", 1)[-1]
    if last in OTHER_LABELS:
        return OTHER_LABELS[last]
    return last.replace("_", " ").capitalize()


def option_label(path: str, value) -> str | None:
    """The words a select shows for `value` of field `path` ("ict.category", "startup" -> "Start-up transfer (C61)")."""
    if path == "status":
        return STATUS_LABELS.get(value)
    if path == "program":
        return PROGRAM_LABELS.get(value)
    field = FIELDS.get(path) or ROW_FIELDS.get(path)
    if field is None or field[1] != "select" or not isinstance(value, str):
        return None
    options = field[2]
    pairs = options.pairs if isinstance(options, Choices) else [(o, o) for o in options] \
        if isinstance(options, tuple) else []
    return next((label for v, label in pairs if v == value), None)


def form_fields(values: dict) -> dict:
    """Every input for one render: FIELDS, the row cells, and the economic regions of the province shown."""
    fields = dict(FIELDS)
    fields.update(ROW_FIELDS)
    label, kind, _options = FIELDS["position.economic_region"]
    fields["position.economic_region"] = (
        label, kind, economic_region_choices(values.get("position.province") or None, values.get("position.city") or None))
    return fields


def row_counts(values: dict) -> dict[str, int]:
    """How many rows each group shows: the filled ones plus an empty one, at least MIN_ROWS."""
    counts = {}
    for group, spec in ROW_GROUPS.items():
        filled = sum(1 for i in range(MAX_ROWS) if _row_filled(values, group, i, spec))
        counts[group] = min(max(MIN_ROWS, filled + 1), MAX_ROWS)
    return counts


def _row_filled(source, group: str, i: int, spec: dict) -> bool:
    return any((source.get(f"{group}.{i}.{key}") or "").strip() for key in spec["keys"])


def _set_path(target: dict, path: str, value) -> None:
    *parents, leaf = path.split(".")
    for part in parents:
        target = target.setdefault(part, {})
    target[leaf] = value


def payload_from_form(form, *, with_program: bool = True) -> dict:
    """The nested (partial) payload from the posted fields; empty inputs are left out, so drafts stay partial.

    A route block whose inputs are all empty is left out too; checkboxes count only when ticked. Filled rows
    become list items in their order (empty rows are skipped). "Other" as referral partner takes the typed name.
    """
    data: dict = {}
    if with_program:
        program = (form.get("program") or "").strip()
        if program:
            data["program"] = program
    for name, (_label, kind, _options) in FIELDS.items():
        if name in FORM_ONLY:
            continue
        if kind == "checkbox":
            if form.get(name):
                _set_path(data, name, True)
            continue
        raw = (form.get(name) or "").strip()
        if name == "gts.referral_partner" and raw in ("", OTHER_PARTNER):
            raw = (form.get(PARTNER_OTHER_FIELD) or "").strip()
        if not raw:
            continue
        if name in LIST_FIELDS:
            _set_path(data, name, [p for p in re.split(r"[\s,;]+", raw) if p])
        elif name in AMOUNT_FIELDS:
            # Unreadable text goes on as typed, so validation names the field in plain words.
            _set_path(data, name, parse_amount(raw) or raw)
        else:
            # Strings as typed: pydantic turns "40" into 40 and names what it cannot read.
            _set_path(data, name, raw)
    for group, spec in ROW_GROUPS.items():
        rows = []
        for i in range(MAX_ROWS):
            if not _row_filled(form, group, i, spec):
                continue
            row = {}
            for column, _label, kind, _options in spec["columns"]:
                cell = f"{group}.{i}.{column}"
                if kind == "checkbox":
                    row[column] = bool(form.get(cell))
                elif (form.get(cell) or "").strip():
                    row[column] = form.get(cell).strip()
            rows.append(row)
        if rows:
            _set_path(data, group, rows)
    return data


def values_from_form(form) -> dict[str, str]:
    """What the inputs showed, to put back on re-render (filled rows move up, as the payload numbers them)."""
    values = {name: form.get(name, "") for name in FIELDS}
    values["program"] = form.get("program", "")
    for group, spec in ROW_GROUPS.items():
        filled = [i for i in range(MAX_ROWS) if _row_filled(form, group, i, spec)]
        for n, i in enumerate(filled):
            for column, _label, kind, _options in spec["columns"]:
                values[f"{group}.{n}.{column}"] = ("1" if form.get(f"{group}.{i}.{column}") else "") \
                    if kind == "checkbox" else form.get(f"{group}.{i}.{column}", "")
        _default_empty_rows(values, group, spec, len(filled))
    return values


def values_from_payload(payload: dict) -> dict[str, str]:
    """Input values for a stored hire payload."""
    values: dict[str, str] = {"program": payload.get("program") or ""}
    for name in FIELDS:
        values[name] = _as_input(_get_path(payload, name))
    partner = values.get("gts.referral_partner")
    if partner:
        # An alias shows as its partner's official name; a name not on the list goes to "other".
        official = official_partner_name(partner)
        values["gts.referral_partner"] = official or OTHER_PARTNER
        values[PARTNER_OTHER_FIELD] = "" if official else partner
    for group, spec in ROW_GROUPS.items():
        rows = _get_path(payload, group) or []
        for n, row in enumerate(rows[:MAX_ROWS]):
            for column, *_rest in spec["columns"]:
                values[f"{group}.{n}.{column}"] = _as_input(row.get(column) if isinstance(row, dict) else None)
        _default_empty_rows(values, group, spec, len(rows))
    return values


def _default_empty_rows(values: dict, group: str, spec: dict, filled: int) -> None:
    # A new employment period is full time unless HR unticks it.
    for n in range(filled, MAX_ROWS):
        for column, _label, kind, _options in spec["columns"]:
            values[f"{group}.{n}.{column}"] = "1" if (kind == "checkbox" and column == "full_time") else ""


def _get_path(payload: dict, name: str):
    value = payload
    for part in name.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _as_input(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def field_errors(errors: dict[str, list[str]]) -> tuple[dict[str, list[str]], list[str]]:
    """Errors per input name ("worker.citizenships.1" → "worker.citizenships"), and the rest for the top of the form.

    A row cell keeps its own name ("ict.employment_periods.0.end"); an error on a whole list goes to its group.
    """
    by_field: dict[str, list[str]] = {}
    general: list[str] = []
    for path, messages in errors.items():
        name = path if path in ROW_FIELDS or path in ROW_GROUPS else re.sub(r"\.\d+$", "", path)
        messages = [plain(path, m) for m in messages]
        if name in FIELDS or name in ROW_FIELDS or name in ROW_GROUPS or name == "program":
            by_field.setdefault(name, []).extend(messages)
        else:
            general.extend(f"{path}: {m}" for m in messages)
    return by_field, general


__all__ = ["DATE_LABELS", "FIELDS", "PROGRAMS", "PROGRAM_BLOCKS", "PROGRAM_LABELS", "ROW_GROUPS", "SECTIONS",
           "STATUS_LABELS", "field_errors", "field_label", "form_fields", "option_label", "payload_from_form", "row_counts", "values_from_form", "values_from_payload"]
