"""Job Bank wages files in the official 22-column layout written from rows, and the wages version in force."""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterable

from sqlalchemy import select

from employer_portal.models.refdata import WAGE_FIGURE_COLUMNS, WAGES_SET, RefdataVersion, RefdataWageFigure
from employer_portal.refdata.jobbank import JOBBANK_PROVINCES, PROVINCE_ER_CODES, WageFigure

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "jobbank_wages_2025_tech_sample.csv"
HEADER = ["NOC_CNP", "NOC_Title_eng", "NOC_Title_fra", "prov", "ER_Code_Code_RE", "ER_Name", "Nom_RE",
          "Low_Wage_Salaire_Minium", "Median_Wage_Salaire_Median", "High_Wage_Salaire_Maximal",
          "Average_Wage_Salaire_Moyen", "Quartile1_Wage_Salaire_Quartile1", "Quartile3_Wage_Salaire_Quartile3",
          "Source2025_NHQ", "Data_Source_E", "Data_Source_F", "Reference_Period", "Revision_Date_Date_revision",
          "Annual_Wage_Flag_Salaire_annuel", "Wage_Comment_E", "Wage_Comment_F", "EmployeesWithNonWageBenefit_Pct"]
_JOBBANK_PROV = {ours: theirs for theirs, ours in JOBBANK_PROVINCES.items() if ours}


def _cell(value: float | None) -> str:
    return "" if value is None else str(value)


def _csv_row(row: WageFigure) -> list[str]:
    if row.level == "national":
        prov, er = "NAT", "ER00"
    elif row.level == "province":
        prov, er = _JOBBANK_PROV[row.province], "ER" + PROVINCE_ER_CODES[row.province]
    else:
        prov, er = _JOBBANK_PROV[row.province], row.area
    return [f"NOC_{row.noc}", "", "", prov, er, row.area_name, "", _cell(row.low), _cell(row.median), _cell(row.high),
            "", "", "", "", row.data_source, "", row.reference_period, row.revision_date, "1" if row.annual else "0",
            "", "", ""]


def write_official_csv(path: Path, rows: Iterable[WageFigure]) -> Path:
    """`rows` as an ESDC Job Bank wages file (22 columns, UTF-8 with BOM, CRLF), as open.canada.ca publishes it."""
    with open(path, "w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(HEADER)
        writer.writerows(_csv_row(r) for r in rows)
    return path


def rows_of(db, version_id: int) -> list[WageFigure]:
    columns = [getattr(RefdataWageFigure, c) for c in WAGE_FIGURE_COLUMNS]
    return [WageFigure(*r) for r in db.session.execute(
        select(*columns).where(RefdataWageFigure.version_id == version_id)
        .order_by(RefdataWageFigure.noc, RefdataWageFigure.area))]


def in_force_wages(db) -> RefdataVersion:
    return db.session.scalar(select(RefdataVersion).where(RefdataVersion.set_name == WAGES_SET,
                                                          RefdataVersion.in_force.is_(True)))
