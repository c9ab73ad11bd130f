"""Economic regions (Job Bank's ER codes) and the place -> economic region table.

In: data/economic_regions.json (every ER of every province as Job Bank names it,
and the census metropolitan areas, census agglomerations and common
municipalities of Statistics Canada's ER 2021 with their region). Out: the
regions of a province and the region of a city. Pure: no Flask, no database.
Why: Job Bank's prevailing wage is the median of the economic region where the
job is (ESDC GTS requirements; IRCC ICT "location of work"), and HR staff know
the city, not the ER code.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

VERIFY = "verify"

_DASHES = re.compile(r"[-\u2010-\u2015\u2212_/]+")
_APOSTROPHES = re.compile(r"['\u2019`]")
_SPACED = re.compile(r"[.,()]")
_SAINT = {"st": "saint", "ste": "sainte", "mt": "mount"}


def place_key(text: str) -> str:
    """A place name without case, accents, dashes or "St."/"Ste." spelling ("St. Jérôme" -> "saint jerome")."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = _SPACED.sub(" ", _DASHES.sub(" ", _APOSTROPHES.sub("", text)))
    return " ".join(_SAINT.get(word, word) for word in text.split())


@dataclass(frozen=True, slots=True)
class EconomicRegion:
    """A Job Bank economic region: "ER3510", "Ottawa", in "ON"."""

    code: str
    name: str
    province: str

    def to_dict(self) -> dict:
        return {"code": self.code, "name": self.name}


@dataclass(frozen=True, slots=True)
class PlaceRegion:
    """The region a place lies in; status "verify" when the table's entry is not confirmed from an official page."""

    place: str
    region: EconomicRegion
    status: str | None = None

    @property
    def to_verify(self) -> bool:
        return self.status == VERIFY


def normalise_region_code(code: str | None) -> str | None:
    """"3510", "er3510", "ER 3510" -> "ER3510"; None for anything else."""
    text = (code or "").strip().upper().replace(" ", "")
    text = text[2:] if text.startswith("ER") else text
    return "ER" + text if re.fullmatch(r"\d{4}", text) else None


class RegionTable:
    """Every economic region by province, and the place -> region table; read-only once built."""

    __slots__ = ("version", "source", "as_of", "_by_province", "_by_code", "_places")

    def __init__(self, data: dict):
        self.version, self.source, self.as_of = data["version"], data["source"], data["as_of"]
        by_province: dict[str, tuple[EconomicRegion, ...]] = {}
        by_code: dict[str, EconomicRegion] = {}
        for province, regions in data["regions"].items():
            entries = tuple(EconomicRegion(r["code"], r["name"], province) for r in regions)
            by_province[province] = entries
            by_code.update((r.code, r) for r in entries)
        places: dict[tuple[str, str], PlaceRegion] = {}
        for entry in data["places"]:
            found = PlaceRegion(entry["place"], by_code[entry["er"]], entry.get("status"))
            for name in (entry["place"], *entry.get("aliases", ())):
                places.setdefault((place_key(name), entry["province"]), found)
        self._by_province = MappingProxyType(by_province)
        self._by_code = MappingProxyType(by_code)
        self._places: Mapping[tuple[str, str], PlaceRegion] = MappingProxyType(places)

    def economic_regions(self, province: str | None) -> tuple[EconomicRegion, ...]:
        """The province's economic regions in code order (one for PE, YT, NT and NU); () for an unknown province."""
        return self._by_province.get((province or "").upper(), ())

    def region(self, code: str | None, province: str | None = None) -> EconomicRegion | None:
        """The region for "ER3510" or "3510", or None when unknown or (with `province`) in another province."""
        found = self._by_code.get(normalise_region_code(code) or "")
        if found is None or (province is not None and found.province != province.upper()):
            return None
        return found

    def region_for_place(self, city: str | None, province: str | None) -> PlaceRegion | None:
        """The region of `city` in `province`, matched without case, accents, dashes or "St."/"Saint" spelling.

        A province that is a single region (PE, YT, NT, NU) gives that region for any city.
        """
        province = (province or "").upper()
        key = place_key(city or "")
        if not key or province not in self._by_province:
            return None
        found = self._places.get((key, province))
        if found is None:
            regions = self._by_province[province]
            if len(regions) == 1:
                return PlaceRegion(city.strip(), regions[0])
        return found

    def __len__(self) -> int:
        return len(self._places)


def load_regions(path: Path) -> RegionTable:
    with open(path, encoding="utf-8") as f:
        return RegionTable(json.load(f))
