"""Text that a spreadsheet program would run as a formula, made safe to write and read back.

A cell a team typed that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return)
would be run as a formula by Excel, LibreOffice or Google Sheets. Every CSV and XLSX the kit
writes puts an apostrophe before such text (:func:`neutralise`), as the last step before the
cell is written, after every other change to the text; every import takes it off again
(:func:`unneutralise`), so a table exported and imported again is unchanged.
"""

from __future__ import annotations

import re
import unicodedata

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# a program that reads a CSV with semicolons between cells (the list separator of many European
# locales) starts a new cell after every ";" that is not inside quotes
_AFTER_SEMICOLON = re.compile(r";(\s*)([=+\-@])")
_GUARDED_SEMICOLON = re.compile(r";(\s*)'([=+\-@])")


def strip_controls(text: str) -> str:
    """Text without control characters (they cannot be stored in XLSX), tabs and line breaks
    kept; done *before* :func:`neutralise`, so a hidden character cannot unmask a formula."""
    return "".join(c for c in text if c in "\t\n\r" or unicodedata.category(c) != "Cc")


def neutralise(value: object) -> object:
    """``value`` unchanged unless it is text a spreadsheet would treat as a formula.

    Numbers, dates and booleans stay typed (a negative number is a number, not a formula).
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def neutralise_csv(value: object) -> object:
    """:func:`neutralise` for a CSV cell, which also guards text after a semicolon: ``a;=1+1``
    is written ``a;'=1+1``, so a semicolon locale cannot split it into a formula cell."""
    if isinstance(value, str):
        value = _AFTER_SEMICOLON.sub(r";\1'\2", value)
    return neutralise(value)


def unneutralise(value: str) -> str:
    """Undo :func:`neutralise` and :func:`neutralise_csv` on a cell read back from a file the kit
    (or a person) wrote."""
    value = _GUARDED_SEMICOLON.sub(r";\1\2", value)
    if value.startswith("'") and value[1:2] and value[1:2] in FORMULA_START:
        return value[1:]
    return value
