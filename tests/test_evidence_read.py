"""Reading an evidence table: numbers as a spreadsheet shows them and as people type them."""

from __future__ import annotations

import io

import openpyxl
import pytest

from workshop_kit.errors import InputError
from workshop_kit.logic.evidence import read_evidence

HEADER = ["year", "grade", "subject", "student_group", "percent_proficient", "students_tested"]


def workbook(rows: list[list[object]], percent_format: str | None = None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    if percent_format:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=5, max_col=5):
            cell.number_format = percent_format
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


class TestSpreadsheetCells:
    @pytest.mark.parametrize("fmt", ["0%", "0.0%"])
    def test_a_percent_formatted_cell_reads_as_the_percentage_it_shows(self, fmt: str) -> None:
        """A cell holding 0.45 shown as 45% is 45% proficient, not 0.45%."""
        table = read_evidence(workbook([["2025-26", 3, "ELA", "All", 0.45, 90]], fmt), "r.xlsx")
        assert table["percent_proficient"].tolist() == [45.0]

    def test_a_plain_number_cell_is_taken_as_it_is(self) -> None:
        table = read_evidence(workbook([["2025-26", 3, "ELA", "All", 45.5, 90]]), "r.xlsx")
        assert table["percent_proficient"].tolist() == [45.5]
        assert table["grade"].tolist() == ["3"]
        assert table["students_tested"].tolist() == [90]

    def test_a_percent_cell_above_100_percent_is_refused(self) -> None:
        with pytest.raises(InputError, match="row 2: percent_proficient"):
            read_evidence(workbook([["2025-26", 3, "ELA", "All", 4.5, 90]], "0%"), "r.xlsx")


class TestTypedNumbers:
    def test_thousands_separators_are_thousands(self) -> None:
        """ "1,050" students tested is one thousand and fifty (parse_number's rule)."""
        csv = "\n".join([",".join(HEADER), '2025-26,3,ELA,All,"45,5","1,050"']).encode()
        table = read_evidence(csv, "r.csv")
        assert table["students_tested"].tolist() == [1050]
        assert table["percent_proficient"].tolist() == [45.5]
