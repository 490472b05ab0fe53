"""Write rows of plain values to CSV and XLSX that open cleanly in any spreadsheet program.

Generic on purpose: every day's tables (resource inventory, meeting ledger, action plan) go through
:func:`write_csv` and :func:`write_xlsx`. Text a spreadsheet would run as a formula is neutralised
(``logic.cells``) as the last step before a cell is written; in a CSV, text after a semicolon is
guarded too, so a program that splits on semicolons (a European locale) cannot cut ``a;=1+1``
into a formula cell. Every text cell of a CSV is quoted.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from workshop_kit.logic.cells import neutralise, neutralise_csv, strip_controls

Row = Mapping[str, object]


def _plain(value: object, safe: Callable[[object], object] = neutralise) -> object:
    """A value as one cell: text, a number, a date or a flag; text is made ``safe`` last."""
    if value is None:
        return ""
    if isinstance(value, (bool, int, float, dt.date)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        value = "; ".join(str(v) for v in value)
    return safe(strip_controls(str(value)))


def _cells(
    rows: Iterable[Row], columns: Sequence[str], safe: Callable[[object], object] = neutralise
) -> list[list[object]]:
    return [[_plain(row.get(column), safe) for column in columns] for row in rows]


def csv_bytes(rows: Iterable[Row], columns: Sequence[str]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows accented letters correctly; CRLF line ends;
    every text cell quoted (see the module's docstring)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow([_plain(c, neutralise_csv) for c in columns])
    for cells in _cells(rows, columns, neutralise_csv):
        writer.writerow(
            ["yes" if c is True else "no" if c is False else _csv_cell(c) for c in cells]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_cell(value: object) -> object:
    # dates as text (quoted), numbers as numbers (unquoted, so they stay numbers)
    return value.isoformat() if isinstance(value, dt.date) else value


@dataclass(frozen=True)
class Sheet:
    """One sheet of a workbook: its tab's title, its column headings and its rows."""

    title: str
    rows: Iterable[Row]
    columns: Sequence[str]


def xlsx_bytes(rows: Iterable[Row], columns: Sequence[str], sheet_title: str = "Sheet1") -> bytes:
    """A one-sheet workbook (see :func:`workbook_bytes`)."""
    return workbook_bytes([Sheet(sheet_title, rows, columns)])


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    """A workbook with a sheet per table, in order (an import reads the first): bold frozen
    headings, readable column widths, no formulas at all."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    assert book.active is not None
    book.remove(book.active)
    for table in sheets:
        sheet = book.create_sheet(_sheet_title(table.title))
        sheet.append([str(_plain(c)) for c in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        widths = [len(str(c)) for c in table.columns]
        for cells in _cells(table.rows, table.columns):
            sheet.append(cells)
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
