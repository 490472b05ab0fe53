"""Reading what a person types or a spreadsheet holds: one parser per kind of value.

Forms and spreadsheet imports both call these, so a field accepts the same text wherever it is
typed ("3:15 pm" in a form and in a meeting import alike). Every parser raises
:class:`~workshop_kit.errors.InputError` with a plain message naming the field's label and the text
it found; an import that collects problems row by row catches it and keeps the message.

Ids and names are identity rules of the model, in :mod:`workshop_kit.model.names`: ``new_id``
is the one way the kit turns a name into an id, and ``name_key`` the one rule for "is this the
same name".
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from typing import TypeVar

from workshop_kit.errors import InputError
from workshop_kit.model.base import FIRST_YEAR, LAST_YEAR

_MONTHS = tuple(calendar.month_name)
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
#: a date as US schools write it, month first: 9/15/2026 (a two-digit year is refused: 9/15/26
#: could be 1926 or 2026, and a spreadsheet's 26 could be either)
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d+)")
# 15:15, 15.15, 15h15, 3:15 pm, 3:15 p.m., 3 pm, 15:15:00
_TIME = re.compile(
    r"(?P<hour>\d{1,2})(?:\s*[:.hH]\s*(?P<minute>\d{2})(?::\d{2})?)?\s*(?P<half>[ap]\.?\s*m\.?)?",
    re.IGNORECASE,
)


def _cleaned(text: object) -> str:
    return str(text if text is not None else "").strip()


def _iso_parts(cleaned: str) -> tuple[str, str, str] | None:
    # a spreadsheet cell read as text may carry a time of day: "2026-09-15 00:00:00"
    match = _ISO_DATE.fullmatch(cleaned.split(" ")[0].split("T")[0])
    return None if match is None else (match[1], match[2], match[3])


def date_problem(cleaned: str) -> str | None:
    """What is wrong with a date as typed, in words that follow "The first day" or "the field
    ‘first_day’" ("cannot be ‘2026-02-30’: February 2026 has no day 30 ..."); None when it is a
    date the kit accepts. Forms, imports and files all explain a bad date with these words."""
    parts = _iso_parts(cleaned)
    if parts is None:
        return f"must be a date written as YYYY-MM-DD, for example 2026-09-15 (found ‘{cleaned}’)"
    year, month, day = (int(part) for part in parts)
    if not 1 <= month <= 12:
        return f"has no month {month}: months go from 01 to 12 (found ‘{cleaned}’)"
    last = calendar.monthrange(year, month)[1] if year >= 1 else 31
    if not 1 <= day <= last:
        return (
            f"cannot be ‘{cleaned}’: {_MONTHS[month]} {year} has no day {day} (it has {last} days)"
        )
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return f"‘{cleaned}’ is out of range: a date must fall between {FIRST_YEAR} and {LAST_YEAR}"
    return None


def parse_date(text: object, label: str, *, required: bool = True) -> dt.date | None:
    """A date written as YYYY-MM-DD or month first as US schools write it (9/15/2026; a date
    object passes through); blank is None unless ``required``. An impossible date says what is
    wrong with it ("February has no 30th"). Files keep YYYY-MM-DD only (:func:`date_problem`)."""
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    if text is None and required:  # a date control left empty (a file's blank cell is "")
        raise InputError(f"Please choose the {label}.", field=label)
    cleaned = _cleaned(text)
    if not cleaned:
        if required:
            raise InputError(f"Please give the {label} (YYYY-MM-DD).", field=label)
        return None
    us = _US_DATE.fullmatch(cleaned.split(" ")[0])
    if us is not None:
        return _us_date(cleaned, us, label)
    problem, parts = date_problem(cleaned), _iso_parts(cleaned)
    if parts is None:
        raise InputError(
            f"The {label} must be a date such as 9/15/2026 (month first) or 2026-09-15 "
            f"(found ‘{cleaned}’).",
            field=label,
        )
    if problem is not None:
        raise InputError(f"The {label} {problem}.", field=label)
    year, month, day = (int(part) for part in parts)
    return dt.date(year, month, day)


def _us_date(cleaned: str, found: re.Match[str], label: str) -> dt.date:
    """A month-first date (9/15/2026), or the reason it is none, in the words of a form."""
    month, day, year = (int(part) for part in found.groups())
    if len(found[3]) != 4:
        raise InputError(
            f"The {label} needs its year in four digits, as in 9/15/2026 (found ‘{cleaned}’).",
            field=label,
        )
    if not 1 <= month <= 12:
        raise InputError(
            f"The {label} is read month first, as in 9/15/2026 for September 15, and "
            f"‘{cleaned}’ has no month {month}.",
            field=label,
        )
    last = calendar.monthrange(year, month)[1] if year >= 1 else 31
    if not 1 <= day <= last:
        raise InputError(
            f"The {label} cannot be ‘{cleaned}’: {_MONTHS[month]} {year} has no day {day} "
            f"(it has {last} days).",
            field=label,
        )
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InputError(
            f"The {label} ‘{cleaned}’ is out of range: a date must fall between {FIRST_YEAR} "
            f"and {LAST_YEAR}.",
            field=label,
        )
    return dt.date(year, month, day)


def parse_dates(text: object, label: str) -> list[dt.date]:
    """Several dates separated by commas, semicolons, spaces or line breaks."""
    parts = [p for p in re.split(r"[;,\s]+", _cleaned(text)) if p]
    dates = [parse_date(p, label) for p in parts]
    return [d for d in dates if d is not None]


def parse_time(text: object, label: str = "start time") -> dt.time | None:
    """A time of day, blank is None: "15:15", "15.15", "15h15", "3:15 pm", "3 pm"."""
    if isinstance(text, dt.time):
        return text
    cleaned = _cleaned(text)
    if not cleaned:
        return None
    match = _TIME.fullmatch(cleaned)
    if match is not None and (match.group("minute") or match.group("half")):
        half = re.sub(r"[.\s]", "", match.group("half") or "").lower()
        found = _clock(int(match.group("hour")), int(match.group("minute") or 0), half)
        if found is not None:
            return found
    raise InputError(
        f"The {label} must be a time such as 15:15 or 3:15 pm (found ‘{cleaned}’).", field=label
    )


def _clock(hour: int, minute: int, half: str) -> dt.time | None:
    """The time on a 24-hour clock; ``half`` is "am", "pm" or "" (None: no such time)."""
    if half:
        if not 1 <= hour <= 12:
            return None  # "15 pm" is not a time
        hour = hour % 12 + (12 if half == "pm" else 0)
    return dt.time(hour, minute) if hour < 24 and minute < 60 else None


def _number_text(cleaned: str) -> str:
    # "1,050" and "1 050" are thousands; "2,5" is a decimal comma
    if re.fullmatch(r"\d{1,3}([, ]\d{3})+(\.\d+)?", cleaned):
        return cleaned.replace(",", "").replace(" ", "")
    return cleaned.replace(",", ".")


def parse_number(text: object, label: str, *, percent: bool = False) -> float:
    """A number such as "49", "49.5", "49,5" or "1,050"; ``percent`` allows a trailing %."""
    cleaned = _cleaned(text)
    if percent:
        cleaned = cleaned.removesuffix("%").strip()
    if not cleaned:
        raise InputError(f"{label} is empty: type a number.", field=label)
    try:
        return float(_number_text(cleaned))
    except ValueError:
        raise InputError(
            f"{label} must be a number (found ‘{_cleaned(text)}’).", field=label
        ) from None


def parse_whole(text: object, label: str, *, minimum: int = 1, blank: int | None = None) -> int:
    """A whole number of at least ``minimum``; blank gives ``blank`` when that is not None."""
    cleaned = _cleaned(text)
    if not cleaned and blank is not None:
        return blank
    if not cleaned:
        raise InputError(f"{label} is empty: type a whole number.", field=label)
    try:
        value = float(_number_text(cleaned))
    except ValueError:
        raise InputError(
            f"{label} must be a whole number (found ‘{cleaned}’).", field=label
        ) from None
    if value != int(value):
        raise InputError(f"{label} must be a whole number (found {cleaned}).", field=label)
    if value < minimum:
        if minimum == 0:
            raise InputError(f"{label} cannot be negative (found {cleaned}).", field=label)
        raise InputError(f"{label} must be a whole number of at least {minimum}.", field=label)
    return int(value)


def parse_minutes(text: object, label: str) -> int:
    """Minutes typed by a person: a whole number, zero or more; blank means zero."""
    cleaned = _cleaned(text)
    if not cleaned:
        return 0
    try:
        value = float(_number_text(cleaned))
    except ValueError:
        raise InputError(
            f"{label} must be a number of minutes (found ‘{cleaned}’).", field=label
        ) from None
    if value < 0:
        raise InputError(f"{label} cannot be negative (found {cleaned}).", field=label)
    if value != int(value):
        raise InputError(f"{label} must be whole minutes (found {cleaned}).", field=label)
    return int(value)


def parse_lines(text: object) -> list[str]:
    """A list typed one item per line (norms, say): bullets ("-", "•", "*") and the spaces
    around an item are dropped, and blank lines skipped."""
    lines = str(text if text is not None else "").splitlines()
    return [line.strip(" -•*\t") for line in lines if line.strip(" -•*\t")]


T = TypeVar("T")
_PERIOD_LINE = re.compile(
    r"\s*(?P<name>.+)\s*:\s*(?P<start>\S+)(?:\s+(?:to|until|-|–)\s+(?P<end>\S+))?\s*"
)


def parse_periods(text: object, make: Callable[[str, dt.date, dt.date | None], T]) -> list[T]:
    """Lines typed as "Name: YYYY-MM-DD" or "Name: YYYY-MM-DD to YYYY-MM-DD" (holidays and
    breaks), each made into ``make(name, first day, last day or None)``. Every line that does
    not read, or that ``make`` refuses, is named with its number and its problem in one
    message."""
    found: list[T] = []
    problems = []
    for number, line in enumerate(str(text if text is not None else "").splitlines(), start=1):
        if not line.strip():
            continue
        match = _PERIOD_LINE.fullmatch(line)
        try:
            if not match:
                raise InputError(
                    "write it as ‘Name: YYYY-MM-DD’ or ‘Name: YYYY-MM-DD to YYYY-MM-DD’"
                )
            start = parse_date(match.group("start"), "first day")
            assert start is not None
            end = parse_date(match.group("end"), "last day", required=False)
            found.append(make(match.group("name").strip(), start, end))
        except InputError as exc:
            problems.append(f"line {number} ({line.strip()[:40]}): {exc.message}")
    if problems:
        raise InputError("Please fix: " + "; ".join(problems), field="periods")
    return found
