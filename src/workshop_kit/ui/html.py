"""HTML pieces the panels show: :func:`esc` for anything a team typed, tables, big figures, lists
of problems and names, and counted nouns. Everything a team typed is escaped."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol


def esc(text: object) -> str:
    """Escape anything a team typed before it goes into HTML."""
    return html.escape(str(text), quote=True)


#: how many names a list in a panel shows before it says "and N more"
LIST_SHOWN = 8


class Named(Protocol):
    """Anything with a name to list (a resource, a meeting)."""

    @property
    def name(self) -> str: ...


@dataclass(frozen=True)
class Cell:
    """A table cell :func:`html_table` shows as it is: ``html`` is HTML we made (its text already
    escaped); ``right`` aligns it to the right, as numbers are."""

    html: str
    right: bool = False


def number(value: object) -> Cell:
    """A cell with a number (or a figure such as "45%"), aligned to the right."""
    return Cell(esc(value), right=True)


def html_table(headers: Sequence[str], rows: Iterable[Sequence[object]], css: str = "") -> str:
    """A table with a header row, then one row per item of ``rows``. Every header and cell is
    escaped, but a :class:`Cell`, which is HTML already."""

    def cell(value: object) -> str:
        if not isinstance(value, Cell):
            return f"<td>{esc(value)}</td>"
        style = " style='text-align:right'" if value.right else ""
        return f"<td{style}>{value.html}</td>"

    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(cell(v) for v in row) + "</tr>" for row in rows)
    css_class = f" class='{css}'" if css else ""
    return f"<table{css_class}><tr>{head}</tr>{body}</table>"


def figures_html(items: Sequence[tuple[str, str]]) -> str:
    """Big numbers with a caption, side by side (the caption is ours, the number computed)."""
    boxes = "".join(
        f'<div class="wk-figure" style="border:1px solid #ddd;border-radius:6px;padding:6px 12px;'
        f'min-width:150px"><div style="font-size:1.5em;font-weight:bold">{esc(value)}</div>'
        f"<div>{esc(caption)}</div></div>"
        for value, caption in items
    )
    return f'<div style="display:flex;gap:10px;flex-wrap:wrap">{boxes}</div>'


def problems_html(problems: Sequence[str], title: str = "Still to look at") -> str:
    if not problems:
        return ""
    items = "".join(f"<li>{esc(p)}</li>" for p in problems)
    return (
        f'<div class="wk-problems" style="color:#8a1c1c"><b>{esc(title)}</b><ul>{items}</ul></div>'
    )


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``counted(1, "meeting")`` is "1 meeting", ``counted(8, "meeting")`` "8 meetings"."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def names_html(items: Sequence[Named], limit: int = LIST_SHOWN) -> str:
    """An escaped, comma-separated list of names, shortened with a count beyond ``limit``."""
    shown = ", ".join(esc(r.name) for r in items[:limit])
    more = len(items) - limit
    return shown + (f" and {more} more" if more > 0 else "")
