"""The checklist catalogue: which documents exist, for whom, and why.

The catalogue is data (`refdata/data/checklist_catalogue.json`), not code: each
entry names its section, who provides the document, the rule and the sources
(with their dates) and the situation it applies to. This module only loads and
checks it; `builder.py` decides which entries a hire gets.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

CATALOGUE_PATH = Path(__file__).resolve().parent.parent / "refdata" / "data" / "checklist_catalogue.json"

PROVIDERS = ("employer", "worker", "referral_partner")
# The facts a condition may test; builder.hire_facts() produces exactly these.
FACT_NAMES = ("program", "ict_code", "province", "citizenship", "cusma_credential")


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str
    date: str


@dataclass(frozen=True)
class CatalogueEntry:
    """One document the catalogue knows, before it is fitted to a hire."""

    key: str
    section: str
    title: str
    provider: str
    why: str
    rule: str
    sources: tuple[Source, ...]
    when: dict[str, tuple[str, ...]]
    unless: dict[str, tuple[str, ...]]
    # None, a text, or ((condition, text), ...) where the first matching condition wins.
    due: Any


@dataclass(frozen=True)
class Catalogue:
    version: str
    sections: dict[str, str]  # key -> title, in display order
    entries: tuple[CatalogueEntry, ...]


class CatalogueError(ValueError):
    """The catalogue file is not consistent (a bug in the data, caught at load)."""


def _condition(raw: dict | None, where: str) -> dict[str, tuple[str, ...]]:
    condition = {}
    for name, values in (raw or {}).items():
        if name not in FACT_NAMES:
            raise CatalogueError(f"{where}: unknown fact {name!r}")
        if not isinstance(values, list) or not values:
            raise CatalogueError(f"{where}: {name} needs a non-empty list")
        condition[name] = tuple(values)
    return condition


def parse_catalogue(data: dict) -> Catalogue:
    """Turn the catalogue's JSON document into checked, immutable entries."""
    sources = {
        sid: Source(sid, s["title"], s["url"], s["date"]) for sid, s in data["sources"].items()
    }
    sections = {s["key"]: s["title"] for s in data["sections"]}
    entries, seen = [], set()
    for raw in data["items"]:
        key = raw["key"]
        if key in seen:
            raise CatalogueError(f"duplicate item key {key!r}")
        seen.add(key)
        if raw["provider"] not in PROVIDERS:
            raise CatalogueError(f"{key}: unknown provider {raw['provider']!r}")
        if raw["section"] not in sections:
            raise CatalogueError(f"{key}: unknown section {raw['section']!r}")
        missing = [sid for sid in raw["sources"] if sid not in sources]
        if missing or not raw["sources"]:
            raise CatalogueError(f"{key}: unknown or no sources {missing}")
        due = raw.get("due")
        if isinstance(due, list):
            due = tuple((_condition(v.get("when"), key), v["text"]) for v in due)
        entries.append(
            CatalogueEntry(
                key=key,
                section=raw["section"],
                title=raw["title"],
                provider=raw["provider"],
                why=raw["why"],
                rule=raw["rule"],
                sources=tuple(sources[sid] for sid in raw["sources"]),
                when=_condition(raw.get("when"), key),
                unless=_condition(raw.get("unless"), key),
                due=due,
            )
        )
    return Catalogue(version=data["version"], sections=sections, entries=tuple(entries))


@lru_cache(maxsize=1)
def load_catalogue(path: str | None = None) -> Catalogue:
    """The catalogue shipped with the package (read once per process)."""
    with open(path or CATALOGUE_PATH, encoding="utf-8") as handle:
        return parse_catalogue(json.load(handle))
