"""The school's evidence of student learning: read a team's CSV/XLSX, check it, filter it.

A table has one row per school year, grade, subject and student group, with the percentage of
students proficient and how many were tested. Problems are reported per row, in plain words, and a
file with problems is not used: the team fixes it and uploads again.

Three layouts are read, each into that one table with a ``source`` column that keeps them apart:

* state test results (:data:`REQUIRED`): source "State test";
* a rubric score distribution (``score_1``, ``score_2``, ... instead of the percentage): read as
  the share at or above the cut score; source "Rubric scores";
* classroom (common) assessment results (:data:`CLASSROOM`): an assessment's name, its date or
  school year, grade, subject, student group (optional: blank is all students), the percent
  meeting the standard and the number of students assessed; source "Classroom assessment".

Every layout goes through the same row checks (:func:`_check_rows`), whose messages name the
columns as the team's file names them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from workshop_kit.errors import InputError
from workshop_kit.logic.cells import neutralise_csv, strip_controls, unneutralise
from workshop_kit.logic.parse import parse_date, parse_number
from workshop_kit.logic.resource_import import read_rows
from workshop_kit.model.base import FIRST_YEAR, LAST_YEAR

ALL = "All"
MAX_PROBLEMS_SHOWN = 5
REQUIRED = ("year", "grade", "subject", "student_group", "percent_proficient", "students_tested")

STATE_TEST = "State test"
RUBRIC = "Rubric scores"
CLASSROOM_SOURCE = "Classroom assessment"
#: the sources in the order the evidence panel offers them
SOURCES = (STATE_TEST, RUBRIC, CLASSROOM_SOURCE)
#: the columns of a classroom assessment table (``date`` may be ``year``: a school year;
#: ``student_group`` may be left out)
CLASSROOM = (
    "assessment",
    "date",
    "grade",
    "subject",
    "student_group",
    "percent_meeting_standard",
    "students_assessed",
)
#: the group a classroom result is for when its file names none
ALL_STUDENTS = "All students"
#: the columns of the table the kit keeps (``evidence.csv``)
STORED = (*REQUIRED, "source", "assessment")

_SCHOOL_YEAR = re.compile(r"^\d{4}(?:[-/]\d{2}(?:\d{2})?)?$")


def _normalise_header(name: object) -> str:
    return "_".join(str(name).strip().lower().replace("-", " ").split())


def _read_table(data: bytes, filename: str) -> pd.DataFrame:
    """The file's table, read as every spreadsheet import reads one
    (:func:`~workshop_kit.logic.resource_import.read_rows`: the same size and row limits,
    encodings and separators), indexed by the row number a spreadsheet shows (the headings are
    row 1; blank rows are left out but still counted). A row with more cells than there are
    headings is refused, naming the row: pandas would otherwise take the first column as an
    index."""
    rows, _notes = read_rows(data, filename)
    header, body = rows[0], rows[1:]
    width = len(header)
    numbered: dict[int, list[str]] = {}
    too_wide: list[str] = []
    for number, row in enumerate(body, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > width and any(cell.strip() for cell in row[width:]):
            too_wide.append(
                f"row {number} has {len(row)} cells but the first row names {width} columns"
            )
        numbered[number] = (row + [""] * width)[:width]
    if too_wide:
        raise InputError(
            f"‘{filename}’ was not loaded. Please fix: {'; '.join(too_wide[:MAX_PROBLEMS_SHOWN])}"
            " (a comma inside a value needs the value in quotes).",
            field="file",
        )
    return pd.DataFrame(
        list(numbered.values()), index=list(numbered), columns=header, dtype="string"
    )


def _number(text: object, *, percent: bool = False) -> float:
    """A cell's number as :func:`parse_number` reads it ("1,050" is 1050); NaN if it is none."""
    try:
        return parse_number(text, "value", percent=percent)
    except InputError:
        return float("nan")


_LEVEL = re.compile(r"^(?:score|level)_(\d+)$")


def _from_distribution(raw: pd.DataFrame, filename: str, cut_score: int) -> pd.DataFrame:
    """A rubric score distribution (counts of students per score level, in columns ``score_1``,
    ``score_2``, ... or ``level_1``, ...) as the share at or above ``cut_score`` and the number
    of students scored, so it goes through the same checks as % proficient results."""
    levels = {int(m.group(1)): c for c in raw.columns if (m := _LEVEL.match(c))}
    if cut_score not in levels or not any(level < cut_score for level in levels):
        found = ", ".join(levels.values())
        raise InputError(
            f"‘{filename}’ looks like a rubric score distribution ({found}), but the share of "
            f"students scoring {cut_score} or higher needs columns for the levels below and at "
            f"{cut_score} (for example score_1 to score_4).",
            field="file",
        )
    table = raw.copy()
    problems = []
    percent: list[object] = []
    total: list[object] = []
    for index in table.index:
        counts = {n: _number(table.at[index, c]) for n, c in levels.items()}
        bad = [levels[n] for n, v in counts.items() if pd.isna(v) or v < 0 or v != int(v)]
        if bad:
            problems.append(f"row {int(index)}: {', '.join(bad)} must be whole numbers of students")
            percent.append("")
            total.append("")
            continue
        scored = sum(counts.values())
        high = sum(v for n, v in counts.items() if n >= cut_score)
        percent.append(f"{100 * high / scored:.1f}" if scored else "")
        total.append(str(int(scored)))
    if problems:
        raise InputError(
            f"‘{filename}’ was not loaded. Please fix: {'; '.join(problems[:MAX_PROBLEMS_SHOWN])}.",
            field="file",
        )
    table["percent_proficient"] = pd.array(percent, dtype="string")
    table["students_tested"] = pd.array(total, dtype="string")
    return table


@dataclass(frozen=True)
class _Layout:
    """One layout of a team's table: the header the team's file uses for each column of the kept
    table (for the messages), and the source its rows come from."""

    source: str
    names: dict[str, str]

    def name(self, column: str) -> str:
        return self.names.get(column, column)


_STATE = _Layout(STATE_TEST, {})
_CLASSROOM = _Layout(
    CLASSROOM_SOURCE,
    {
        "year": "date",
        "percent_proficient": "percent_meeting_standard",
        "students_tested": "students_assessed",
    },
)


def _from_classroom(raw: pd.DataFrame, filename: str) -> pd.DataFrame:
    """Classroom assessment results in the columns of the kept table: the date (or school year)
    is its ``year``, percent meeting the standard its percentage, students assessed its count."""
    when = "date" if "date" in raw.columns else "year"
    wanted = [c for c in CLASSROOM if c != "student_group"]
    missing = [c for c in wanted if c not in raw.columns and not (c == "date" and when in raw)]
    if missing:
        raise InputError(
            f"‘{filename}’ looks like classroom assessment results, but it is missing the "
            f"column{'s' if len(missing) > 1 else ''} {', '.join(missing)}. The first row must "
            f"name these columns: {', '.join(CLASSROOM)} (student_group may be left out; "
            "date may be year, for a school year).",
            field="file",
        )
    table = pd.DataFrame(
        {
            "year": raw[when].map(_when),
            "grade": raw["grade"],
            "subject": raw["subject"],
            "student_group": (
                raw["student_group"] if "student_group" in raw.columns else pd.Series("", raw.index)
            ),
            "percent_proficient": raw["percent_meeting_standard"],
            "students_tested": raw["students_assessed"],
            "source": raw["source"] if "source" in raw.columns else pd.Series("", raw.index),
            "assessment": raw["assessment"],
        },
        index=raw.index,
    )
    blank = table["student_group"].fillna("").astype(str).str.strip() == ""
    has_row = ~(raw.fillna("").astype(str).apply(lambda c: c.str.strip()) == "").all(axis=1)
    table.loc[blank & has_row, "student_group"] = ALL_STUDENTS
    return table


def _when(text: object) -> object:
    """A classroom assessment's date as YYYY-MM-DD, or its school year as written; anything
    else is left as typed, for the row checks to name."""
    if not isinstance(text, str) or not text.strip():
        return text
    cleaned = text.strip()
    if _SCHOOL_YEAR.match(cleaned):
        return cleaned
    try:
        day = parse_date(cleaned, "date")
    except InputError:
        return cleaned
    return day.isoformat() if day else cleaned


def _is_when(text: str) -> bool:
    """A school year (2025-26, 2025/26, 2025-2026, 2025) or a date (a classroom assessment's,
    also in the kept table), in the years the kit's dates may fall in."""
    cleaned = text.strip()
    shaped = bool(_SCHOOL_YEAR.match(cleaned) or _ISO_DAY.match(cleaned))
    return shaped and FIRST_YEAR <= int(cleaned[:4]) <= LAST_YEAR


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _check_rows(table: pd.DataFrame, layout: _Layout) -> tuple[list[str], pd.Series, pd.Series]:
    """The one set of row checks every layout goes through: what is wrong, row by row, in the
    team's own column names; and the percentages and counts read."""
    problems: list[str] = []
    percent = table["percent_proficient"].map(lambda v: _number(v, percent=True)).astype(float)
    tested = table["students_tested"].map(_number).astype(float)
    for index in table.index:
        row_number = int(index)  # as the spreadsheet shows it (see _read_table)
        row = table.loc[index]
        for column in ("year", "grade", "subject", "student_group", "assessment"):
            if column not in table.columns or (column == "assessment" and layout is not _CLASSROOM):
                continue
            if pd.isna(row[column]) or row[column] == "":
                problems.append(f"row {row_number}: {layout.name(column)} is empty")
            elif column == "year" and not _is_when(str(row[column])):
                what = (
                    "a date such as 2025-10-14, or a school year such as 2025-26"
                    if layout is _CLASSROOM
                    else "a school year such as 2025-26 or 2025"
                )
                problems.append(
                    f"row {row_number}: {layout.name('year')} must be {what} "
                    f"(found ‘{row[column]}’)"
                )
        value = percent[index]
        if pd.isna(value) or not 0 <= value <= 100:
            problems.append(
                f"row {row_number}: {layout.name('percent_proficient')} must be a number from 0 "
                f"to 100 (found ‘{row['percent_proficient']}’)"
            )
        count = tested[index]
        if pd.isna(count) or count < 0 or count != int(count):
            problems.append(
                f"row {row_number}: {layout.name('students_tested')} must be a whole number "
                f"(found ‘{row['students_tested']}’)"
            )
    return problems + _repeated_rows(table, layout), percent, tested


def _repeated_rows(table: pd.DataFrame, layout: _Layout) -> list[str]:
    """Rows that give a result for the same year, grade, subject and group (and assessment) as
    an earlier row: a trend would average them into a value found in neither."""
    keys = ["year", "grade", "subject", "student_group"]
    if layout is _CLASSROOM:
        keys.append("assessment")
    first: dict[tuple[str, ...], int] = {}
    problems = []
    for index in table.index:
        key = tuple(str(table.at[index, k]).strip().casefold() for k in keys)
        if key in first:
            named = ", ".join(layout.name(k) for k in keys)
            problems.append(
                f"rows {first[key]} and {int(index)} give the same {named}; keep one of them"
            )
        else:
            first[key] = int(index)
    return problems


def _layout_of(raw: pd.DataFrame) -> _Layout:
    if "percent_meeting_standard" in raw.columns or (
        "assessment" in raw.columns and "percent_proficient" not in raw.columns
    ):
        return _CLASSROOM
    return _STATE


def read_evidence(data: bytes, filename: str, *, cut_score: int = 3) -> pd.DataFrame:
    """Parse and check an evidence table; raise :class:`InputError` listing the problem rows.

    Besides % proficient results, a table may give a rubric score distribution (counts per
    score level): it is read as the share of students scoring ``cut_score`` or higher; or
    classroom assessment results (:data:`CLASSROOM`). The result has the :data:`STORED` columns;
    a ``source`` column in the file is kept (blank cells take the layout's source)."""
    raw = _read_table(data, filename)
    raw.columns = [_normalise_header(c) for c in raw.columns]
    layout = _layout_of(raw)
    source = layout.source
    if layout is _CLASSROOM:
        raw = _from_classroom(raw, filename)
    elif "percent_proficient" not in raw.columns and any(_LEVEL.match(c) for c in raw.columns):
        raw = _from_distribution(raw, filename, cut_score)
        source = RUBRIC
    missing = [c for c in REQUIRED if c not in raw.columns]
    if missing:
        raise InputError(
            f"‘{filename}’ is missing the column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)}. The first row must name these columns: {', '.join(REQUIRED)}. "
            f"Classroom assessment results use these instead: {', '.join(CLASSROOM)}.",
            field="file",
        )
    for column in ("source", "assessment"):
        if column not in raw.columns:
            raw[column] = ""
    table = raw[list(STORED)].copy()
    for column in STORED:
        table[column] = (
            table[column]
            .astype("string")
            .str.strip()
            .map(lambda v: unneutralise(v) if isinstance(v, str) else v)
        )
    table = table.dropna(how="all")
    table = table[~(table[list(REQUIRED)].fillna("") == "").all(axis=1)]
    problems, percent, tested = _check_rows(table, layout)
    if table.empty:
        problems.append("the file has no data rows")
    if problems:
        shown = "; ".join(problems[:MAX_PROBLEMS_SHOWN])
        more = len(problems) - MAX_PROBLEMS_SHOWN
        extra = f"; and {more} more" if more > 0 else ""
        raise InputError(f"‘{filename}’ was not loaded. Please fix: {shown}{extra}.", field="file")
    table["percent_proficient"] = percent.astype(float)
    table["students_tested"] = tested.astype(int)
    table["grade"] = table["grade"].astype(str)
    table["source"] = table["source"].fillna("").map(lambda v: v or source)
    table["assessment"] = table["assessment"].fillna("")
    return table.reset_index(drop=True).astype(
        {"year": str, "subject": str, "student_group": str, "source": str, "assessment": str}
    )


def sources_in(table: pd.DataFrame) -> list[str]:
    """The sources a table holds: the kit's own in their order, then any other a file named."""
    found = list(dict.fromkeys(table["source"].astype(str))) if "source" in table else []
    return [*(s for s in SOURCES if s in found), *(s for s in found if s not in SOURCES)]


def combined(kept: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """The results after an upload: the new rows replace the kept rows of the sources they come
    from, and rows from other sources stay (uploading classroom results keeps the state test
    results, and the other way round)."""
    if kept.empty:
        return new.reset_index(drop=True)
    others = kept[~kept["source"].isin(set(new["source"]))]
    return pd.concat([others, new], ignore_index=True)


def measure_words(source: str) -> str:
    """What a source's percentage counts, as a chart's title and a table's header say it."""
    if source == CLASSROOM_SOURCE:
        return "meeting the standard"
    if source == RUBRIC:
        return "at or above the cut score"
    return "proficient"


def to_csv_bytes(table: pd.DataFrame) -> bytes:
    """The table as the team's ``evidence.csv``: text a spreadsheet would run as a formula is
    neutralised, as in every CSV the kit writes (read_evidence takes the apostrophe off)."""
    safe = table.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(
                lambda v: neutralise_csv(strip_controls(v)) if isinstance(v, str) else v
            )
    text: str = safe.to_csv(index=False, lineterminator="\n")
    return text.encode("utf-8")


@dataclass(frozen=True)
class EvidenceFilter:
    grade: str = ALL
    subject: str = ALL
    student_group: str = ALL
    #: the source shown; "All" pools every source (the panel always shows one)
    source: str = ALL


def choices(table: pd.DataFrame) -> dict[str, list[str]]:
    """The values each filter can take, in a natural order, with "All" first."""

    def ordered(column: str) -> list[str]:
        values = list(dict.fromkeys(table[column].astype(str)))
        return [
            ALL,
            *sorted(values, key=lambda v: (not v.isdigit(), int(v) if v.isdigit() else 0, v)),
        ]

    return {
        "grade": ordered("grade"),
        "subject": ordered("subject"),
        "student_group": ordered("student_group"),
    }


def trend(table: pd.DataFrame, chosen: EvidenceFilter) -> pd.DataFrame:
    """Percent proficient by year (rows) and student group (columns), weighted by students tested.

    "All" for grade or subject pools the rows, weighting each by its number of students.
    """
    rows = _within(table, chosen)
    if rows.empty:
        return pd.DataFrame()
    weighted = rows.assign(points=rows["percent_proficient"] * rows["students_tested"])
    grouped = weighted.groupby(["year", "student_group"], sort=True)[
        ["points", "students_tested"]
    ].sum()
    grouped["percent"] = grouped["points"] / grouped["students_tested"].where(
        grouped["students_tested"] > 0
    )
    result = grouped["percent"].unstack("student_group").round(1)
    result.columns.name = None
    return result


def largest_needs(table: pd.DataFrame, chosen: EvidenceFilter, count: int = 5) -> pd.DataFrame:
    """The lowest results in the most recent year (or date) within the current filter."""
    rows = _within(table, chosen)
    if rows.empty:
        return rows
    latest = rows[rows["year"] == max(rows["year"])]
    return latest.sort_values(["percent_proficient", "grade", "subject"]).head(count)[
        [
            "year",
            "grade",
            "subject",
            "student_group",
            "percent_proficient",
            "students_tested",
            "assessment",
        ]
    ]


def _within(table: pd.DataFrame, chosen: EvidenceFilter) -> pd.DataFrame:
    """The rows the filter keeps."""
    rows = table
    for column, value in (
        ("grade", chosen.grade),
        ("subject", chosen.subject),
        ("student_group", chosen.student_group),
        ("source", chosen.source),
    ):
        if value != ALL:
            rows = rows[rows[column] == value]
    return rows
