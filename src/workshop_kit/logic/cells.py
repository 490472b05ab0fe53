"""Text that a spreadsheet program would run as a formula, made safe to write and read back.

A cell a team typed that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return)
would be run as a formula by Excel, LibreOffice or Google Sheets. Every CSV and XLSX the kit
writes puts an apostrophe before such text (:func:`neutralise`), as the last step before the
cell is written, after every other change to the text; every import takes it off again
(:func:`unneutralise`), so a table exported and imported again is unchanged.

Before that, and in every other export too (calendar, printable page, Markdown), free text goes
through :func:`strip_controls`: the one place control characters are taken out.
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# a program that reads a CSV with semicolons between cells (the list separator of many European
# locales) starts a new cell after every ";" that is not inside quotes
_AFTER_SEMICOLON = re.compile(r";(\s*)([=+\-@])")
_GUARDED_SEMICOLON = re.compile(r";(\s*)'([=+\-@])")


#: Unicode's control characters (category Cc: U+0000-U+001F and U+007F-U+009F) less the tab,
#: line feed and carriage return; one pattern, not a lookup per character (a long text pasted
#: into a plan is read on every export)
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: what Word writes for Shift+Enter (vertical tab) and for a page break (form feed)
_LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})


def strip_controls(text: str) -> str:
    """Free text fit for every export: a vertical tab or form feed becomes a line break; tabs,
    line breaks and carriage returns stay; every other control character is dropped. No format
    takes them: XLSX cannot store them, HTML counts them as errors, and a strict calendar reader
    refuses the whole file. Done *before* :func:`neutralise`, so a hidden character cannot
    unmask a formula."""
    return _CONTROLS.sub("", text.translate(_LINE_BREAKS))


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
