"""Write rows of plain values to CSV and XLSX that open cleanly in any spreadsheet program.

Generic on purpose: every day's tables (resource inventory, meeting ledger, action plan) go through
:func:`write_csv` and :func:`write_xlsx`. A value a team typed that starts with ``=``, ``+``, ``-``
or ``@`` (or a tab or carriage return) would be run as a formula by Excel, LibreOffice or Google
Sheets; :func:`neutralise` puts an apostrophe in front so it is shown as the text it is.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Row = Mapping[str, object]


def neutralise(value: object) -> object:
    """``value`` unchanged unless it is text a spreadsheet would treat as a formula.

    Numbers, dates and booleans stay typed (a negative number is a number, not a formula).
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _plain(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, (str, int, float, bool, dt.date)):
        return neutralise(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return neutralise("; ".join(str(v) for v in value))
    return neutralise(str(value))


def _cells(rows: Iterable[Row], columns: Sequence[str]) -> list[list[object]]:
    return [[_plain(row.get(column)) for column in columns] for row in rows]


def csv_bytes(rows: Iterable[Row], columns: Sequence[str]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows accented letters correctly; CRLF line ends."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(c) for c in columns])
    for cells in _cells(rows, columns):
        writer.writerow(["yes" if c is True else "no" if c is False else c for c in cells])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(rows: Iterable[Row], columns: Sequence[str], sheet_title: str = "Sheet1") -> bytes:
    """A one-sheet workbook: bold frozen headings, readable column widths, no formulas at all."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _sheet_title(sheet_title)
    sheet.append([str(neutralise(c)) for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(str(c)) for c in columns]
    for cells in _cells(rows, columns):
        sheet.append([_xlsx_safe(c) for c in cells])
        widths = [max(w, min(60, len(str(c)))) for w, c in zip(widths, cells, strict=True)]
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                # openpyxl stores a string starting with "=" as a formula; ours never do (the
                # apostrophe above), and the explicit type makes sure of it
                cell.data_type = "s"
                cell.alignment = Alignment(wrap_text=len(cell.value) > 60, vertical="top")
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[_column_letter(index)].width = max(8, width + 2)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_safe(value: object) -> object:
    """Control characters cannot be stored in XLSX; drop them rather than refuse the export."""
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index))


def _sheet_title(title: str) -> str:
    cleaned = "".join("-" if ch in "[]:*?/\\" else ch for ch in title).strip("'") or "Sheet1"
    return cleaned[:31]


def write_csv(rows: Iterable[Row], columns: Sequence[str], path: Path) -> Path:
    """Write ``rows`` (mappings from column name to value) as CSV to ``path``, atomically."""
    from workshop_kit.store import atomic_write

    atomic_write(path, csv_bytes(rows, columns))
    return path


def write_xlsx(
    rows: Iterable[Row], columns: Sequence[str], path: Path, sheet_title: str = "Sheet1"
) -> Path:
    """Write ``rows`` as a one-sheet XLSX workbook to ``path``, atomically."""
    from workshop_kit.store import atomic_write

    atomic_write(path, xlsx_bytes(rows, columns, sheet_title))
    return path
