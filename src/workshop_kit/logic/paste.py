"""Rows pasted from a spreadsheet: text copied from Excel, Google Sheets or a table in a document.

A spreadsheet puts a tab between the cells of a row and a line break between rows. People often
copy the column headings too, so a first row whose cells are all headings ("Name", "Role") is
recognised and left out, and the preview says so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from workshop_kit.errors import InputError
from workshop_kit.logic.words import plural

#: more rows than any roster, norm list or candidate list holds; a longer paste is a mistake
MAX_PASTED_ROWS = 200
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class PasteColumn:
    """A column the pasted cells fill, in order: its key, its label on the page, and other
    headings a spreadsheet may use for it."""

    key: str
    label: str
    headings: Sequence[str] = ()

    def is_heading(self, cell: str) -> bool:
        wanted = {_heading_key(h) for h in (self.label, self.key, *self.headings)}
        return _heading_key(cell) in wanted


def _heading_key(text: str) -> str:
    """A heading compared loosely: case, spaces, punctuation and a final plural "s" aside."""
    key = re.sub(r"[^a-z0-9]+", "", text.lower())
    return key[:-1] if key.endswith("s") and len(key) > 3 else key


@dataclass(frozen=True)
class Pasted:
    """What a paste holds: one dict per row (column key → cell text), and notes for the
    preview: the headings left out, and rows with more cells than there are columns."""

    rows: tuple[dict[str, str], ...]
    headings: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def summary(self) -> str:
        """One line for the preview, e.g. "3 rows to add; the column headings were left out"."""
        found = f"{plural(len(self.rows), 'row')} to add"
        if self.headings:
            found += f"; the first line ({', '.join(self.headings)}) holds column headings, so "
            found += "it is left out"
        return found + "."


def looks_pasted(text: str) -> bool:
    """Whether a single field holds what belongs in several (a tab copied from a spreadsheet)."""
    return "\t" in text


def read_pasted(text: str, columns: Sequence[PasteColumn]) -> Pasted:
    """The rows in ``text``: one per non-blank line, cells split at tabs, filling ``columns`` in
    order. A first line made only of headings is left out; missing cells are blank; extra cells
    are dropped with a note. Nothing is validated here: the panel's own checks do that when the
    rows are saved, as for rows typed by hand."""
    lines = [line for line in _LINE_BREAK.split(text) if line.strip()]
    if not lines:
        raise InputError("Paste some rows first: copy them in your spreadsheet, then paste here.")
    if len(lines) > MAX_PASTED_ROWS + 1:
        raise InputError(
            f"That is {len(lines)} lines; paste at most {MAX_PASTED_ROWS} rows at a time."
        )
    table = [[cell.strip() for cell in line.split("\t")] for line in lines]
    headings: tuple[str, ...] = ()
    first = [cell for cell in table[0] if cell]
    if first and all(any(column.is_heading(cell) for column in columns) for cell in first):
        headings, table = tuple(first), table[1:]
        if not table:
            raise InputError("Only the column headings were pasted; copy the rows below them too.")
    notes: list[str] = []
    rows: list[dict[str, str]] = []
    for number, cells in enumerate(table, start=2 if headings else 1):
        while cells and not cells[-1]:
            cells.pop()  # a spreadsheet copies trailing empty cells as tabs
        if len(cells) > len(columns):
            kept = ", ".join(c.label for c in columns)
            notes.append(
                f"Line {number} has {len(cells)} cells; only the first {len(columns)} "
                f"({kept}) are used."
            )
        rows.append({c.key: (cells[i] if i < len(cells) else "") for i, c in enumerate(columns)})
    return Pasted(tuple(rows), headings, tuple(notes))
