"""The official ESDC Job Bank wages layout: the 2025 sample reads; malformed files are refused with line and reason."""
from __future__ import annotations

import io
import time
from pathlib import Path

import pytest

from employer_portal.refdata.jobbank import WagesFileError, read_wages

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "jobbank_wages_2025_tech_sample.csv"


def _sample_lines() -> list[str]:
    return SAMPLE.read_text(encoding="utf-8-sig").splitlines()


def _file(lines: list[str], bom: bool = True) -> io.BytesIO:
    return io.BytesIO(("\ufeff" if bom else "").encode() + "\n".join(lines).encode("utf-8") + b"\n")


def _read(lines: list[str]):
    return list(read_wages(_file(lines)))


def _refused(lines: list[str]) -> WagesFileError:
    with pytest.raises(WagesFileError) as caught:
        _read(lines)
    return caught.value


def test_sample_file_reads_every_row():
    rows = list(read_wages(SAMPLE))
    assert len(rows) == 355
    assert {r.level for r in rows} == {"national", "province", "economic_region"}


def test_ottawa_row_of_21232():
    rows = {(r.noc, r.area): r for r in read_wages(SAMPLE)}
    ottawa = rows[("21232", "ER3510")]
    assert (ottawa.level, ottawa.area_name, ottawa.province, ottawa.median) == ("economic_region", "Ottawa", "ON", 50.26)
    assert (ottawa.low, ottawa.high, ottawa.annual) == (33.65, 81.25, False)
    assert (ottawa.reference_period, ottawa.data_source, ottawa.revision_date) == ("2023-2024", "Labour Force Survey", "2025-11-19")
    assert rows[("21232", "ON")].median == 48.08 and rows[("21232", "CA")].level == "national"


def test_suppressed_cells_are_none():
    rows = {(r.noc, r.area): r for r in read_wages(SAMPLE)}
    assert rows[("21232", "ER3595")].median is None
    assert rows[("22222", "ON")].low is None and rows[("22222", "ON")].median == 37.98


def test_pei_and_annual_rate_occupation():
    rows = {(r.noc, r.area): r for r in read_wages(SAMPLE)}
    assert rows[("21231", "PE")].level == "province"
    legislators = rows[("00010", "CA")]
    assert legislators.annual and legislators.median == 84000


def test_territories_map_to_two_letter_provinces():
    lines = _sample_lines()
    row = lines[2].split(",")  # 20012 NL
    yukon = ",".join(row[:3] + ["YK", "ER6010", "Yukon"] + row[6:])
    nwt = ",".join(row[:3] + ["NWT", "ER6110", "Northwest Territories"] + row[6:])
    rows = _read([lines[0], yukon, nwt])
    assert [(r.level, r.area) for r in rows] == [("province", "YT"), ("province", "NT")]


def test_header_of_another_year_is_accepted():
    lines = _sample_lines()
    lines[0] = lines[0].replace("Source2025_NHQ", "Source2024_NHQ")
    assert len(_read(lines)) == 355


def test_file_without_bom_reads():
    assert len(list(read_wages(_file(_sample_lines(), bom=False)))) == 355


def test_wrong_column_count_is_refused_with_its_line():
    lines = _sample_lines()
    lines[5] = lines[5] + ",extra"
    error = _refused(lines)
    assert error.line_number == 6 and "22 columns" in error.reason


def test_bad_header_is_refused():
    lines = _sample_lines()
    lines[0] = lines[0].replace("Median_Wage_Salaire_Median", "Wage")
    error = _refused(lines)
    assert error.line_number == 1 and "header" in error.reason


def test_header_with_missing_column_is_refused():
    lines = _sample_lines()
    lines[0] = lines[0].rsplit(",", 1)[0]
    assert "header" in _refused(lines).reason


def _with_cell(line_index: int, column: int, value: str) -> list[str]:
    import csv

    lines = _sample_lines()
    row = next(csv.reader([lines[line_index]]))
    row[column] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(row)
    lines[line_index] = out.getvalue()
    return lines


def test_non_numeric_wage_is_refused():
    error = _refused(_with_cell(10, 8, "48,08x"))
    assert error.line_number == 11 and "non-numeric median wage" in error.reason


def test_negative_wage_is_refused():
    assert "not a positive number" in _refused(_with_cell(10, 7, "-3")).reason


def test_unknown_province_is_refused():
    error = _refused(_with_cell(3, 3, "XX"))
    assert error.line_number == 4 and "unknown province 'XX'" in error.reason


def test_bad_noc_is_refused():
    assert "bad NOC code" in _refused(_with_cell(3, 0, "21232")).reason
    assert "bad NOC code" in _refused(_with_cell(3, 0, "NOC_2123")).reason


def test_economic_region_of_another_province_is_refused():
    error = _refused(_with_cell(3, 4, "ER3510"))  # an NL row
    assert "not in province NL" in error.reason


def test_national_row_without_er00_is_refused():
    assert "ER00" in _refused(_with_cell(1, 4, "ER35")).reason


def test_bad_annual_flag_is_refused():
    assert "annual wage flag" in _refused(_with_cell(3, 18, "yes")).reason


def test_duplicate_row_is_refused():
    lines = _sample_lines()
    error = _refused(lines + [lines[3]])
    assert error.line_number == len(lines) + 1 and "duplicate" in error.reason and "line 4" in error.reason


def test_empty_file_and_header_only_are_refused():
    with pytest.raises(WagesFileError, match="empty"):
        list(read_wages(io.BytesIO(b"")))
    with pytest.raises(WagesFileError, match="no wage rows"):
        _read(_sample_lines()[:1])


def test_file_that_is_not_utf8_is_refused():
    data = "\n".join(_sample_lines()).encode("utf-8").replace("Québec".encode(), "Québec".encode("latin-1"))
    with pytest.raises(WagesFileError, match="UTF-8"):
        list(read_wages(io.BytesIO(data)))


def test_full_size_file_parses_well_under_a_second():
    lines = _sample_lines()
    body = []
    nocs = sorted({line[:9] for line in lines[2:]})
    # ~45,000 rows: the sample's 354 non-legislator rows, copied under 128 sets of distinct NOC codes.
    for n in range(128):
        for line in lines[2:]:
            code = 10000 + n * 20 + nocs.index(line[:9])
            body.append(f"NOC_{code:05d}" + line[9:])
    data = _file([lines[0], *body]).getvalue()
    started = time.perf_counter()
    count = sum(1 for _ in read_wages(io.BytesIO(data)))
    elapsed = time.perf_counter() - started
    assert count == len(body) >= 45_000
    assert elapsed < 1.0, f"{count} rows took {elapsed:.2f} s"
