"""Read an ESDC Job Bank "Wages" open-data file in its official 22-column layout.

In: a path, or a binary/text stream, of any year's file (UTF-8 with BOM; the
`SourceYYYY_NHQ` header changes with the year). Out: `WageFigure` rows, one per
NOC and area, streamed; or `WagesFileError(line_number, reason)` at the first
malformed line. Source of the layout: ESDC Job Bank Wages open data
(open.canada.ca dataset adad580f-76b0-4502-bd05-20c125de9116), 2025 file
published 2025-11-19.
"""
from __future__ import annotations

import csv
import functools
import io
import os
import re
from typing import IO, Iterator, NamedTuple

COLUMN_COUNT = 22

# Header checks by position and prefix: the names shift a little between years
# (e.g. Source2024_NHQ / Source2025_NHQ), the order does not.
_HEADER_PREFIXES = {
    0: "noc",
    3: "prov",
    4: "er_code",
    5: "er_name",
    7: "low_wage",
    8: "median_wage",
    9: "high_wage",
    13: "source",
    14: "data_source_e",
    16: "reference_period",
    17: "revision_date",
    18: "annual_wage_flag",
}

# Job Bank `prov` values -> the API's two-letter provinces (None = Canada).
JOBBANK_PROVINCES = {
    "NAT": None, "NL": "NL", "PEI": "PE", "NS": "NS", "NB": "NB", "QC": "QC",
    "ON": "ON", "MB": "MB", "SK": "SK", "AB": "AB", "BC": "BC",
    "YK": "YT", "NWT": "NT", "NU": "NU",
}

# Statistics Canada codes behind the ER codes: a province row is `ER` + its
# code; economic regions are 4 digits starting with it. PEI and the territories
# are a single economic region each, so their province row has 4 digits.
PROVINCE_ER_CODES = {
    "NL": "10", "PE": "1110", "NS": "12", "NB": "13", "QC": "24", "ON": "35",
    "MB": "46", "SK": "47", "AB": "48", "BC": "59", "YT": "6010", "NT": "6110", "NU": "6210",
}
_ER_PREFIX = {prov: code[:2] for prov, code in PROVINCE_ER_CODES.items()}

_NOC = re.compile(r"NOC_(\d{5})")
_ER = re.compile(r"ER(\d{2}|\d{4})")


class WagesFileError(ValueError):
    """A wages file that cannot be read; names the physical line and the reason."""

    def __init__(self, line_number: int, reason: str):
        super().__init__(f"line {line_number}: {reason}")
        self.line_number = line_number
        self.reason = reason


class WageFigure(NamedTuple):
    """One Job Bank row: wages of a NOC unit group in one area.

    level is "national", "province" or "economic_region"; area is "CA", a
    province ("ON") or an ER code ("ER3510"); province is None for Canada.
    low/median/high are None where the cell is suppressed; annual says the
    figures are a year's pay rather than an hourly rate. A NamedTuple: immutable
    and cheap to build, since a full file has ~45,000 of them.
    """

    noc: str
    level: str
    area: str
    area_name: str
    province: str | None
    low: float | None
    median: float | None
    high: float | None
    annual: bool
    reference_period: str
    data_source: str
    revision_date: str


def read_wages(source: str | os.PathLike | IO) -> Iterator[WageFigure]:
    """Stream the rows of an official wages file; raise WagesFileError on the first bad line."""
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as stream:
            yield from read_wages(stream)
        return
    if isinstance(source, io.TextIOBase):
        text = source
    else:
        text = io.TextIOWrapper(source, encoding="utf-8-sig", newline="", errors="strict")
    reader = csv.reader(text)
    try:
        yield from _rows(reader)
    except UnicodeDecodeError:
        raise WagesFileError(reader.line_num + 1, "the file is not UTF-8 text") from None
    except csv.Error as exc:
        raise WagesFileError(reader.line_num, f"not a readable CSV line ({exc})") from None


def _rows(reader) -> Iterator[WageFigure]:
    header = next(reader, None)
    if header is None:
        raise WagesFileError(1, "the file is empty")
    _check_header(header)
    seen: dict[tuple[str, str], int] = {}
    count = 0
    for row in reader:
        line = reader.line_num
        if not row or (len(row) == 1 and not row[0].strip()):
            continue  # blank line, e.g. at the end of the file
        figure = _figure(row, line)
        key = (figure.noc, figure.area)
        if key in seen:
            raise WagesFileError(line, f"duplicate row for NOC {figure.noc} in {figure.area} (first on line {seen[key]})")
        seen[key] = line
        count += 1
        yield figure
    if count == 0:
        raise WagesFileError(reader.line_num or 1, "no wage rows after the header")


def _check_header(header: list[str]) -> None:
    if header and header[0].startswith("\ufeff"):
        header = [header[0][1:], *header[1:]]
    if len(header) != COLUMN_COUNT:
        raise WagesFileError(1, f"bad header: expected {COLUMN_COUNT} columns, found {len(header)}")
    for position, prefix in _HEADER_PREFIXES.items():
        name = header[position].strip().lower()
        if not name.startswith(prefix):
            raise WagesFileError(1, f"bad header: column {position + 1} is '{header[position]}', expected a name starting with '{prefix}'")


def _figure(row: list[str], line: int) -> WageFigure:
    if len(row) != COLUMN_COUNT:
        raise WagesFileError(line, f"expected {COLUMN_COUNT} columns, found {len(row)}")
    noc = _noc(row[0], line)
    level, area, province = _place(row[3], row[4], line)
    flag = row[18].strip()
    if flag not in ("0", "1"):
        raise WagesFileError(line, f"annual wage flag must be 0 or 1, not '{row[18]}'")
    return WageFigure(
        noc=noc,
        level=level,
        area=area,
        area_name=row[5].strip(),
        province=province,
        low=_wage(row[7], "low", line),
        median=_wage(row[8], "median", line),
        high=_wage(row[9], "high", line),
        annual=flag == "1",
        reference_period=row[16].strip(),
        data_source=row[14].strip(),
        revision_date=row[17].strip(),
    )


@functools.lru_cache(maxsize=4096)
def _noc_code(cell: str) -> str | None:
    match = _NOC.fullmatch(cell.strip())
    return match.group(1) if match else None


def _noc(cell: str, line: int) -> str:
    code = _noc_code(cell)
    if code is None:
        raise WagesFileError(line, f"bad NOC code '{cell}' (expected NOC_ and 5 digits)")
    return code


@functools.lru_cache(maxsize=4096)
def _place_of(prov_cell: str, er_cell: str) -> tuple[str, str, str | None] | str:
    """(level, area, province) for a prov/ER pair, or the reason it is wrong (cached: a file has few pairs)."""
    prov = prov_cell.strip().upper()
    if prov not in JOBBANK_PROVINCES:
        return f"unknown province '{prov_cell}'"
    province = JOBBANK_PROVINCES[prov]
    er_code = er_cell.strip().upper()
    er_match = _ER.fullmatch(er_code)
    if er_match is None:
        return f"bad economic region code '{er_cell}'"
    digits = er_match.group(1)
    if province is None:
        if digits != "00":
            return f"a national (NAT) row must have ER00, not {er_code}"
        return ("national", "CA", None)
    if digits == PROVINCE_ER_CODES[province]:
        return ("province", province, province)
    if len(digits) == 4 and digits[:2] == _ER_PREFIX[province]:
        return ("economic_region", er_code, province)
    return f"economic region {er_code} is not in province {prov}"


def _place(prov_cell: str, er_cell: str, line: int) -> tuple[str, str, str | None]:
    place = _place_of(prov_cell, er_cell)
    if isinstance(place, str):
        raise WagesFileError(line, place)
    return place


def _wage(cell: str, which: str, line: int) -> float | None:
    cell = cell.strip()
    if not cell:
        return None  # suppressed
    try:
        value = float(cell)
    except ValueError:
        raise WagesFileError(line, f"non-numeric {which} wage '{cell}'") from None
    if not value >= 0 or value == float("inf"):
        raise WagesFileError(line, f"{which} wage '{cell}' is not a positive number")
    return value
