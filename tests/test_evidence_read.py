"""Reading an evidence table: numbers as a spreadsheet shows them and as people type them."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from workshop_kit.errors import InputError
from workshop_kit.logic.evidence import (
    EvidenceFilter,
    combined,
    largest_needs,
    read_evidence,
    sources_in,
    to_csv_bytes,
    trend,
)

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


CLASSROOM_HEADER = [
    "Assessment",
    "Date",
    "Grade",
    "Subject",
    "Student group",
    "Percent meeting standard",
    "Students assessed",
]


def classroom_xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [CLASSROOM_HEADER, *rows]:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


class TestClassroomAssessments:
    def test_a_csv_becomes_rows_of_the_classroom_source(self) -> None:
        data = (
            b"assessment,date,grade,subject,percent_meeting_standard,students_assessed\n"
            b"Unit 2 task,2025-10-14,3,Writing,44,60\n"
            b'Unit 3 task,2026-01-20,3,Writing,52%,"1,050"\n'
        )
        table = read_evidence(data, "common.csv")
        assert list(table["source"]) == ["Classroom assessment"] * 2
        assert list(table["assessment"]) == ["Unit 2 task", "Unit 3 task"]
        assert list(table["year"]) == ["2025-10-14", "2026-01-20"]
        assert list(table["student_group"]) == ["All students"] * 2  # no column: everyone
        assert list(table["percent_proficient"]) == [44.0, 52.0]
        assert list(table["students_tested"]) == [60, 1050]

    def test_an_xlsx_with_date_cells_and_a_school_year(self) -> None:
        """openpyxl writes real date cells; a school year may stand in for a date."""
        data = classroom_xlsx(
            [
                [
                    "Unit 2 task",
                    dt.datetime(2025, 10, 14),
                    4,
                    "Writing",
                    "English learners",
                    31,
                    22,
                ],
                ["Unit 4 task", "2025-26", 4, "Writing", "", 0.4, 24],
            ]
        )
        table = read_evidence(data, "common.xlsx")
        assert list(table["year"]) == ["2025-10-14", "2025-26"]
        assert list(table["student_group"]) == ["English learners", "All students"]
        assert list(table["grade"]) == ["4", "4"]
        assert list(table["percent_proficient"]) == [31.0, 0.4]  # a plain 0.4 is 0.4%

    def test_bad_rows_are_named_in_the_files_own_column_names(self) -> None:
        data = (
            b"assessment,date,grade,subject,percent_meeting_standard,students_assessed\n"
            b",2025-10-14,3,Writing,44,60\n"
            b"Unit 3,next week,3,Writing,140,x\n"
        )
        with pytest.raises(InputError) as problem:
            read_evidence(data, "common.csv")
        message = problem.value.message
        assert "row 2: assessment is empty" in message
        assert "row 3: date must be a date such as 2025-10-14" in message
        assert "row 3: percent_meeting_standard must be a number from 0 to 100" in message
        assert "row 3: students_assessed must be a whole number (found ‘x’)" in message
        assert "percent_proficient" not in message

    def test_a_missing_classroom_column_lists_the_layout(self) -> None:
        data = b"assessment,grade,subject,percent_meeting_standard\nUnit 2,3,Writing,44\n"
        with pytest.raises(InputError) as problem:
            read_evidence(data, "common.csv")
        assert "missing the columns date, students_assessed" in problem.value.message
        assert "classroom assessment results" in problem.value.message

    def test_the_kept_file_reads_back_with_its_sources(self) -> None:
        state = read_evidence(
            b"year,grade,subject,student_group,percent_proficient,students_tested\n"
            b"2025-26,3,ELA,All students,40,20\n",
            "state.csv",
        )
        classroom = read_evidence(
            b"assessment,year,grade,subject,percent_meeting_standard,students_assessed\n"
            b"Unit 2,2025-26,3,Writing,44,60\n",
            "common.csv",
        )
        both = combined(state, classroom)
        again = read_evidence(to_csv_bytes(both), "evidence.csv")
        assert list(again["source"]) == ["State test", "Classroom assessment"]
        assert list(again["assessment"]) == ["", "Unit 2"]


class TestSources:
    STATE = (
        b"year,grade,subject,student_group,percent_proficient,students_tested\n"
        b"2024-25,3,ELA,All students,40,20\n2025-26,3,ELA,All students,50,20\n"
    )
    CLASSROOM = (
        b"assessment,date,grade,subject,percent_meeting_standard,students_assessed\n"
        b"Unit 2,2025-10-14,3,ELA,10,20\n"
    )

    def test_an_upload_replaces_only_its_own_source(self) -> None:
        state = read_evidence(self.STATE, "state.csv")
        classroom = read_evidence(self.CLASSROOM, "common.csv")
        both = combined(state, classroom)
        assert sources_in(both) == ["State test", "Classroom assessment"]
        newer = read_evidence(self.STATE.replace(b",50,", b",55,"), "state.csv")
        again = combined(both, newer)
        assert sorted(again["percent_proficient"]) == [10.0, 40.0, 55.0]

    def test_the_trend_of_one_source_leaves_out_the_others(self) -> None:
        both = combined(
            read_evidence(self.STATE, "state.csv"), read_evidence(self.CLASSROOM, "common.csv")
        )
        state = trend(both, EvidenceFilter(subject="ELA", source="State test"))
        assert list(state.index) == ["2024-25", "2025-26"]
        assert list(state["All students"]) == [40.0, 50.0]
        classroom = largest_needs(both, EvidenceFilter(source="Classroom assessment"))
        assert list(classroom["assessment"]) == ["Unit 2"]


def csv_bytes(*rows: str) -> bytes:
    return ("\n".join([",".join(HEADER), *rows]) + "\n").encode("utf-8")


class TestRowsAsTheSpreadsheetShowsThem:
    """Issue 32: rows a spreadsheet export gets wrong are named, by the row number it shows."""

    def test_a_row_with_an_extra_cell_is_named_not_a_crash(self) -> None:
        data = csv_bytes(
            "2023-24,3,ELA,All students,45,80,EXTRA", "2024-25,3,ELA,All students,50,82"
        )
        with pytest.raises(InputError, match=r"row 2 has 7 cells but the first row names 6"):
            read_evidence(data, "results.csv")

    def test_row_numbers_count_blank_rows(self) -> None:
        data = csv_bytes("2023-24,3,ELA,All students,45,80", "", "2024-25,3,ELA,All students,50,x")
        with pytest.raises(InputError, match=r"row 4: students_tested must be a whole number"):
            read_evidence(data, "results.csv")

    @pytest.mark.parametrize("year", ["last year", "1066-67", "2300"])
    def test_a_year_that_is_no_school_year_is_refused(self, year: str) -> None:
        data = csv_bytes(f"{year},3,ELA,All students,45,80")
        with pytest.raises(InputError, match=f"row 2: year must be a school year .*‘{year}’"):
            read_evidence(data, "results.csv")

    def test_a_repeated_row_is_reported_not_averaged(self) -> None:
        data = csv_bytes(
            "2023-24,3,ELA,All students,45,80",
            "2023-24,4,ELA,All students,50,80",
            "2023-24,3,ela,All students,55,80",
        )
        with pytest.raises(InputError, match=r"rows 2 and 4 give the same year, grade, subject"):
            read_evidence(data, "results.csv")

    def test_a_windows_encoded_file_is_read_as_on_day_2(self) -> None:
        """The same reader as the Day 2 import: a file saved as Windows text is read there, so
        it is read here too (it was refused on Day 1)."""
        data = csv_bytes("2023-24,3,Español,All students,45,80").decode().encode("cp1252")
        table = read_evidence(data, "results.csv")
        assert list(table["subject"]) == ["Español"]
