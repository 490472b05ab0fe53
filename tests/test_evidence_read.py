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


DISTRIBUTION = [
    "year",
    "grade",
    "subject",
    "student_group",
    "score_1",
    "score_2",
    "score_3",
    "score_4",
]


def distribution_csv(*rows: str) -> bytes:
    return "\n".join([",".join(DISTRIBUTION), *rows]).encode()


class TestRubricDistributions:
    """A rubric score distribution (students per score level) is taken, not refused: it reads
    as the share scoring at the cut score or higher, and the number of students scored."""

    def test_counts_per_level_become_the_share_at_or_above_the_cut(self) -> None:
        table = read_evidence(
            distribution_csv("2025-26,4,Writing,All students,10,43,30,7"), "rubric.csv"
        )
        assert table["percent_proficient"].tolist() == [41.1]  # 37 of 90
        assert table["students_tested"].tolist() == [90]
        assert table["subject"].tolist() == ["Writing"]

    def test_the_cut_score_is_the_facilitators(self) -> None:
        table = read_evidence(
            distribution_csv("2025-26,4,Writing,All students,10,43,30,7"), "r.csv", cut_score=4
        )
        assert table["percent_proficient"].tolist() == [7.8]

    def test_a_count_that_is_not_a_whole_number_is_named(self) -> None:
        with pytest.raises(InputError, match="row 2: score_3 must be whole numbers"):
            read_evidence(distribution_csv("2025-26,4,Writing,All,10,43,many,7"), "r.csv")

    def test_levels_that_cannot_give_the_share_are_explained(self) -> None:
        csv = b"year,grade,subject,student_group,score_3,score_4\n2025-26,4,W,All,3,4"
        with pytest.raises(InputError, match="levels below and at 3"):
            read_evidence(csv, "r.csv")
