"""The reference sets shipped in refdata/data, described from their files (name, version, source,
publication date, row count, digest). Read by the importer, which records them as versions, and by
the store, which reports them while the database has none."""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from employer_portal.models.refdata import WAGES_SET
from employer_portal.refdata.jobbank import WageFigure
from employer_portal.refdata.reference import DATA_DIR, load_bundled, wage_rows_from_json

BUNDLED_WAGES_FILE = "jobbank_wages_2025.json"
# Bundled sets recorded as versions: set name -> (file, key of its records; None = one record).
BUNDLED_LIST_FILES = {
    "gts-occupations-list": ("gts_occupations_list.json", "occupations"),
    "gts-referral-partners": ("gts_referral_partners.json", "partners"),
    "cusma-professions": ("cusma_professions.json", "professions"),
    "lmia-exemption-codes": ("lmia_exemption_codes.json", "routes"),
    "program-rules": ("program_rules.json", None),
    # The place -> economic region table (which region's wage applies) and the job-titles table (NOC_TITLE_MISMATCH).
    "economic-regions": ("economic_regions.json", "places"),
    "noc-title-synonyms": ("noc_title_synonyms.json", "titles"),
}
NOC_SET = "noc-2021"


@dataclass(frozen=True)
class BundledSet:
    """A reference set shipped with the project, described from its file."""

    set_name: str
    version: str
    source: str
    published: dt.date | None
    row_count: int
    sha256: str


def date_or_none(text: str | None) -> dt.date | None:
    """'2025-11-19' or '2025-04' (first of the month) as a date; None otherwise."""
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", (text or "").strip())
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3] or 1))
    except ValueError:
        return None


def _describe(set_name: str, path: Path, records_key: str | None) -> BundledSet:
    raw = path.read_bytes()
    data = json.loads(raw)
    records = data.get(records_key) if records_key else None
    published = next((d for d in (date_or_none(data.get(k)) for k in ("published", "as_of", "retrieved")) if d), None)
    # A set without one source (program rules) cites one per block: list them.
    source = data.get("source") or "; ".join(dict.fromkeys(
        b["source"] for b in data.values() if isinstance(b, dict) and b.get("source")))
    return BundledSet(set_name=set_name, version=data["version"], source=source, published=published,
                      row_count=len(records) if records is not None else 1, sha256=hashlib.sha256(raw).hexdigest())


@functools.lru_cache(maxsize=1)
def bundled_sets() -> tuple[BundledSet, ...]:
    """Every bundled set in the versions the in-memory loader uses (the full NOC file when present); read once."""
    sets = [_describe(name, DATA_DIR / file, key) for name, (file, key) in BUNDLED_LIST_FILES.items()]
    noc_version = load_bundled().noc_set.version
    for candidate in sorted(DATA_DIR.glob("noc_2021*.json")):
        described = _describe(NOC_SET, candidate, "unit_groups")
        if described.version == noc_version:
            sets.append(described)
            break
    sets.append(_describe(WAGES_SET, DATA_DIR / BUNDLED_WAGES_FILE, "rows"))
    return tuple(sets)


def bundled_wage_rows() -> list[WageFigure]:
    """The rows of the bundled Job Bank wages file."""
    return wage_rows_from_json(json.loads((DATA_DIR / BUNDLED_WAGES_FILE).read_text(encoding="utf-8")))
