"""CSV and XLSX exports open cleanly in a spreadsheet program and never carry a live formula.

The files are read back with independent readers (the csv module, openpyxl), not with our own
import code.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest

from workshop_kit.exports.spreadsheet import csv_bytes, write_csv, write_xlsx
from workshop_kit.logic.cells import neutralise

COLUMNS = ["Name", "Note", "Count", "When", "Done"]
ROWS = [
    {
        "Name": '=HYPERLINK("http://x")',
        "Note": "+1 idea",
        "Count": -3,
        "When": dt.date(2027, 6, 1),
        "Done": True,
    },
    {"Name": "@coach", "Note": "-minus", "Count": 2.5, "When": None, "Done": False},
    {"Name": "\tTabbed", "Note": "\rReturn", "Count": None, "When": None, "Done": None},
    {"Name": "Tomás's rubric, K-5", "Note": 'line\nbreak; "quoted"', "Count": 0},
]


class TestNeutralise:
    @pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
    def test_formula_starts_get_an_apostrophe(self, value: str) -> None:
        assert neutralise(value) == "'" + value

    @pytest.mark.parametrize("value", ["plain", "a=b", "", "'already", 5, -5, 2.5, True, None])
    def test_everything_else_is_unchanged(self, value: object) -> None:
        assert neutralise(value) == value


class TestCsv:
    def read(self, path: Path) -> list[list[str]]:
        text = path.read_bytes().decode("utf-8")
        assert text.startswith("\ufeff"), "a byte-order mark lets Excel show accents correctly"
        return list(csv.reader(io.StringIO(text[1:], newline="")))

    def test_rows_read_back_with_the_csv_module(self, tmp_path: Path) -> None:
        rows = self.read(write_csv(ROWS, COLUMNS, tmp_path / "out.csv"))
        assert rows[0] == COLUMNS
        assert rows[4] == ["Tomás's rubric, K-5", 'line\nbreak; "quoted"', "0", "", ""]
        assert rows[1][2:] == ["-3", "2027-06-01", "yes"]
        assert rows[2][4] == "no"

    def test_no_cell_starts_a_formula(self, tmp_path: Path) -> None:
        rows = self.read(write_csv(ROWS, COLUMNS, tmp_path / "out.csv"))
        text_cells = [
            c for row in rows for c in row if c and not c.lstrip("-").replace(".", "").isdigit()
        ]
        assert all(not c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in text_cells)
        assert rows[1][0] == '\'=HYPERLINK("http://x")'
        assert rows[2][0:2] == ["'@coach", "'-minus"]
        assert rows[3][0:2] == ["'\tTabbed", "'\rReturn"]

    def test_missing_columns_are_empty_and_extra_keys_ignored(self) -> None:
        data = csv_bytes([{"Name": "x", "Secret": "not exported"}], ["Name", "Note"]).decode(
            "utf-8-sig"
        )
        assert data == '"Name","Note"\r\n"x",""\r\n'

    def test_a_semicolon_locale_cannot_split_a_cell_into_a_formula(self, tmp_path: Path) -> None:
        """Excel in a semicolon locale splits unquoted text on ';': every text cell is quoted."""
        path = write_csv(
            [{"Name": "a;=1+1", "Note": "b; +2"}], ["Name", "Note"], tmp_path / "x.csv"
        )
        text = path.read_bytes().decode("utf-8-sig")
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=";"):
            assert all(not cell.lstrip().startswith(("=", "+")) for cell in row), row

    def test_a_hidden_control_character_cannot_unmask_a_formula(self, tmp_path: Path) -> None:
        rows = self.read(write_csv([{"Name": "\x01=HYPERLINK(1)"}], ["Name"], tmp_path / "x.csv"))
        assert rows[1] == ["'=HYPERLINK(1)"]


class TestXlsx:
    def test_a_hidden_control_character_cannot_unmask_a_formula(self, tmp_path: Path) -> None:
        """Control characters are stripped first and the text neutralised after, so
        "\\x01=HYPERLINK(...)" is stored as text, never as a live formula."""
        values = ['\x01=HYPERLINK("http://x")', "\x00\x02+1", "a\x03b", "\x1f@SUM(A1)"]
        path = write_xlsx([{"Name": v} for v in values], ["Name"], tmp_path / "x.xlsx")
        sheet = openpyxl.load_workbook(path).active
        assert sheet is not None
        cells = [sheet.cell(row=r, column=1) for r in range(2, 2 + len(values))]
        assert [c.value for c in cells] == ['\'=HYPERLINK("http://x")', "'+1", "ab", "'@SUM(A1)"]
        assert all(c.data_type == "s" for c in cells)

    def test_rows_read_back_with_openpyxl_and_keep_their_types(self, tmp_path: Path) -> None:
        path = write_xlsx(ROWS, COLUMNS, tmp_path / "out.xlsx", sheet_title="Resources: Day/2")
        book = openpyxl.load_workbook(path)
        sheet = book.active
        assert sheet is not None
        assert sheet.title == "Resources- Day-2"
        values = [list(r) for r in sheet.iter_rows(values_only=True)]
        assert values[0] == COLUMNS
        assert values[1][2] == -3 and values[2][2] == 2.5
        assert values[1][3] is not None and values[1][3].date() == dt.date(2027, 6, 1)
        assert values[1][4] is True
        assert values[4][0] == "Tomás's rubric, K-5"
        assert sheet.freeze_panes == "A2"

    def test_no_cell_holds_a_formula(self, tmp_path: Path) -> None:
        book = openpyxl.load_workbook(write_xlsx(ROWS, COLUMNS, tmp_path / "out.xlsx"))
        sheet = book.active
        assert sheet is not None
        cells = [c for row in sheet.iter_rows() for c in row]
        assert all(c.data_type != "f" for c in cells)
        assert all(
            not (isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@", "\t", "\r")))
            for c in cells
        )
        assert sheet["A2"].value == '\'=HYPERLINK("http://x")'

    def test_control_characters_are_dropped_not_fatal(self, tmp_path: Path) -> None:
        path = write_xlsx([{"Name": "bell\x07 and null\x00"}], ["Name"], tmp_path / "out.xlsx")
        sheet = openpyxl.load_workbook(path).active
        assert sheet is not None and sheet["A2"].value == "bell and null"

    def test_a_pasted_line_break_stays_a_line_break(self, tmp_path: Path) -> None:
        """Word's Shift+Enter (vertical tab) and page break (form feed) part lines, not words."""
        path = write_xlsx([{"Name": "one\x0btwo\x0cthree"}], ["Name"], tmp_path / "out.xlsx")
        sheet = openpyxl.load_workbook(path).active
        assert sheet is not None and sheet["A2"].value == "one\ntwo\nthree"

    def test_writing_replaces_the_file_whole(self, tmp_path: Path) -> None:
        path = tmp_path / "out.xlsx"
        write_xlsx(ROWS, COLUMNS, path)
        write_xlsx(ROWS[:1], COLUMNS, path)
        sheet = openpyxl.load_workbook(path).active
        assert sheet is not None and sheet.max_row == 2
        assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"], (
            "no temporary files left behind"
        )
