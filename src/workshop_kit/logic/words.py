"""Words shown to a team: counts with the right plural, dates as a person reads them, lists of
names as a sentence writes them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

#: the month names of printed dates, fixed here rather than taken from the process's locale
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def long_date(day: dt.date) -> str:
    """``dt.date(2027, 6, 11)`` is "June 11, 2027": the one way printed pages and Markdown show a
    date. Files that programs read (calendars, spreadsheets) keep ISO dates (2027-06-11)."""
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def plural(count: int, word: str, many: str = "") -> str:
    """``plural(1, "member")`` is "1 member", ``plural(2, "member")`` "2 members";
    ``many`` names an irregular plural (``plural(2, "criterion", "criteria")``)."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def series(items: Sequence[str]) -> str:
    """``["Lena", "Marcus", "Priya"]`` is "Lena, Marcus and Priya" (not "Lena and Marcus and
    Priya"); one item is itself, none is ""."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"
