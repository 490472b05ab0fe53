"""The school's evidence of student learning: read a team's CSV/XLSX, check it, filter it.

A table has one row per school year, grade, subject and student group, with the percentage of
students proficient and how many were tested. Problems are reported per row, in plain words, and a
file with problems is not used: the team fixes it and uploads again.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

import pandas as pd

from workshop_kit.errors import InputError
from workshop_kit.logic.cells import neutralise_csv, strip_controls, unneutralise
from workshop_kit.logic.parse import parse_number

ALL = "All"
MAX_PROBLEMS_SHOWN = 5
REQUIRED = ("year", "grade", "subject", "student_group", "percent_proficient", "students_tested")


def _normalise_header(name: object) -> str:
    return "_".join(str(name).strip().lower().replace("-", " ").split())


def _read_table(data: bytes, filename: str) -> pd.DataFrame:
    lowered = filename.lower()
    try:
        if lowered.endswith((".xlsx", ".xlsm")):
            return _read_xlsx(data)
        if lowered.endswith((".csv", ".txt", ".tsv")):
            text = data.decode("utf-8-sig")
            try:
                dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
                sep = dialect.delimiter
            except csv.Error:
                sep = ","
            return pd.read_csv(io.StringIO(text), sep=sep, dtype=str, skip_blank_lines=True)
    except UnicodeDecodeError:
        raise InputError(
            f"‘{filename}’ is not saved as UTF-8 text. In your spreadsheet program choose "
            "“CSV UTF-8” when saving.",
            field="file",
        ) from None
    except Exception as exc:  # pandas/openpyxl raise many kinds for unreadable files
        raise InputError(
            f"‘{filename}’ could not be read as a table ({type(exc).__name__}). "
            "Save it as CSV or Excel (.xlsx) and try again.",
            field="file",
        ) from None
    raise InputError(f"‘{filename}’ is not a CSV or Excel (.xlsx) file.", field="file")


def _read_xlsx(data: bytes) -> pd.DataFrame:
    """The first sheet as text, each cell as the spreadsheet shows it: a cell holding 0.45 and
    formatted as a percentage reads as 45 (it shows 45%), not as 0.45."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        rows = [[_cell_text(cell) for cell in row] for row in book.worksheets[0].iter_rows()]
    finally:
        book.close()
    rows = [row for row in rows if any(row)]
    if not rows:
        return pd.DataFrame(columns=list(REQUIRED))
    header, *body = rows
    return pd.DataFrame(body, columns=header, dtype="string")


def _cell_text(cell: object) -> str:
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        shown = value * 100 if "%" in str(getattr(cell, "number_format", "") or "") else value
        return f"{shown:.12g}"
    return str(value)


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
            problems.append(
                f"row {int(index) + 2}: {', '.join(bad)} must be whole numbers of students"
            )
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


def read_evidence(data: bytes, filename: str, *, cut_score: int = 3) -> pd.DataFrame:
    """Parse and check an evidence table; raise :class:`InputError` listing the problem rows.

    Besides % proficient results, a table may give a rubric score distribution (counts per
    score level): it is read as the share of students scoring ``cut_score`` or higher."""
    raw = _read_table(data, filename)
    raw.columns = [_normalise_header(c) for c in raw.columns]
    if "percent_proficient" not in raw.columns and any(_LEVEL.match(c) for c in raw.columns):
        raw = _from_distribution(raw, filename, cut_score)
    missing = [c for c in REQUIRED if c not in raw.columns]
    if missing:
        raise InputError(
            f"‘{filename}’ is missing the column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)}. The first row must name these columns: {', '.join(REQUIRED)}.",
            field="file",
        )
    table = raw[list(REQUIRED)].copy()
    for column in REQUIRED:
        table[column] = (
            table[column]
            .astype("string")
            .str.strip()
            .map(lambda v: unneutralise(v) if isinstance(v, str) else v)
        )
    table = table.dropna(how="all")
    table = table[~(table.fillna("") == "").all(axis=1)]
    problems: list[str] = []
    percent = table["percent_proficient"].map(lambda v: _number(v, percent=True)).astype(float)
    tested = table["students_tested"].map(_number).astype(float)
    for index in table.index:
        row_number = int(index) + 2  # the header is row 1 in a spreadsheet
        row = table.loc[index]
        for column in ("year", "grade", "subject", "student_group"):
            if pd.isna(row[column]) or row[column] == "":
                problems.append(f"row {row_number}: {column} is empty")
        value = percent[index]
        if pd.isna(value) or not 0 <= value <= 100:
            problems.append(
                f"row {row_number}: percent_proficient must be a number from 0 to 100 "
                f"(found ‘{row['percent_proficient']}’)"
            )
        count = tested[index]
        if pd.isna(count) or count < 0 or count != int(count):
            problems.append(
                f"row {row_number}: students_tested must be a whole number "
                f"(found ‘{row['students_tested']}’)"
            )
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
    return table.reset_index(drop=True).astype({"year": str, "subject": str, "student_group": str})


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
    rows = table
    if chosen.grade != ALL:
        rows = rows[rows["grade"] == chosen.grade]
    if chosen.subject != ALL:
        rows = rows[rows["subject"] == chosen.subject]
    if chosen.student_group != ALL:
        rows = rows[rows["student_group"] == chosen.student_group]
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
    """The lowest results in the most recent year within the current filter."""
    rows = table
    for column, value in (
        ("grade", chosen.grade),
        ("subject", chosen.subject),
        ("student_group", chosen.student_group),
    ):
        if value != ALL:
            rows = rows[rows[column] == value]
    if rows.empty:
        return rows
    latest = rows[rows["year"] == max(rows["year"])]
    return latest.sort_values(["percent_proficient", "grade", "subject"]).head(count)[
        ["year", "grade", "subject", "student_group", "percent_proficient", "students_tested"]
    ]
