"""Measured values from a spreadsheet: one row per value, with its criterion, date and value.

The same flow as the inventories' imports (``activities/spreadsheet_import``): a clean file goes
in at once; a file with problems waits for the team to confirm the rows that can be read. A value
for a criterion and date already recorded replaces it, and the report says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from workshop_kit.errors import InputError
from workshop_kit.logic.cells import unneutralise
from workshop_kit.logic.parse import parse_date, parse_number
from workshop_kit.logic.resource_import import ReadFindings, RowMessage, Vocabulary, read_rows
from workshop_kit.model.goal import SuccessCriterion
from workshop_kit.model.names import name_key
from workshop_kit.model.progress import Measurement, YearProgress, dated_id
from workshop_kit.validation import build

#: the columns, as the first row may name them (field -> heading shown in messages)
HEADINGS = {
    "criterion": "Success criterion",
    "date": "Date",
    "value": "Value",
    "note": "Note",
}
ALIASES = {
    name_key(word): field
    for field, words in {
        "criterion": ("criterion", "measure", "success criteria"),
        "date": ("measured on", "when", "day"),
        "value": ("result", "score", "percent"),
        "note": ("notes", "comment", "comments"),
    }.items()
    for word in words
}


@dataclass(frozen=True)
class ImportedValue:
    row: int
    measurement: Measurement


@dataclass(frozen=True)
class MeasurementImport(ReadFindings):
    """What reading a spreadsheet found; ``rows`` holds only the rows that can be imported."""

    file_name: str
    rows: tuple[ImportedValue, ...] = ()
    messages: tuple[RowMessage, ...] = ()
    unreadable: bool = False

    @property
    def criteria(self) -> set[str]:
        return {r.measurement.criterion_id for r in self.rows}

    def apply(self, current: YearProgress) -> YearProgress:
        """``current`` with each row's value added, or replacing the one on its date."""
        result = current
        for row in self.rows:
            result = result.with_measurement(row.measurement)
        return result


def _criterion_words(criteria: Sequence[SuccessCriterion]) -> Vocabulary:
    return Vocabulary.of(
        "success criterion",
        [(c.id, (c.measure,)) for c in criteria],
        {c.id: c.measure for c in criteria},
    )


def _columns(headings: Sequence[str]) -> tuple[dict[int, str], list[RowMessage]]:
    known = {name_key(h): f for f, h in HEADINGS.items()}
    known.update({name_key(f): f for f in HEADINGS})
    known.update(ALIASES)
    mapping: dict[int, str] = {}
    notes = []
    for index, heading in enumerate(headings):
        key = name_key(heading)
        if not key:
            continue
        found = known.get(key)
        if found is None:
            notes.append(RowMessage(1, "note", f"the column ‘{heading.strip()}’ is not used."))
        elif found not in mapping.values():
            mapping[index] = found
    return mapping, notes


def _read_row(
    values: dict[str, str], words: Vocabulary, only: str | None
) -> tuple[Measurement | None, list[str]]:
    problems: list[str] = []
    criterion_id = only
    if values.get("criterion"):
        criterion_id = words.match(values["criterion"])
        if criterion_id is None:
            problems.append(words.explain_unknown(values["criterion"]))
    elif only is None:
        problems.append("names no success criterion.")
    day: dt.date | None = None
    value: float | None = None
    try:
        day = parse_date(values.get("date", ""), "date")
    except InputError as exc:
        problems.append(exc.message)
    try:
        value = parse_number(values.get("value", ""), "value", percent=True)
    except InputError as exc:
        problems.append(exc.message)
    if problems or criterion_id is None or day is None or value is None:
        return None, problems
    try:
        measurement = build(
            Measurement,
            {
                "id": dated_id(criterion_id, day),
                "criterion_id": criterion_id,
                "date": day,
                "value": value,
                "note": values.get("note", ""),
            },
        )
    except InputError as exc:
        return None, [exc.message]
    return measurement, []


def read_measurements(
    data: bytes, file_name: str, criteria: Sequence[SuccessCriterion], current: YearProgress
) -> MeasurementImport:
    """Read ``data`` against the goal's ``criteria``; never raises for a bad row. A file without
    a criterion column is read as values of the only criterion, if the goal has one."""
    try:
        table, file_notes = read_rows(data, file_name)
    except InputError as exc:
        return MeasurementImport(
            file_name, messages=(RowMessage(None, "problem", exc.message),), unreadable=True
        )
    messages: list[RowMessage] = list(file_notes)
    columns, notes = _columns(table[0])
    messages += notes
    needed = ["date", "value"] + ([] if len(criteria) == 1 else ["criterion"])
    missing = [HEADINGS[f] for f in needed if f not in columns.values()]
    if not criteria or missing:
        text = (
            "Your goal has no success criteria yet, so there is nothing to record values for."
            if not criteria
            else f"‘{file_name}’ has no column for {', '.join(f'‘{m}’' for m in missing)}. The "
            f"first row must name the columns: {', '.join(HEADINGS.values())}."
        )
        messages.append(RowMessage(None, "problem", text))
        return MeasurementImport(file_name, messages=tuple(messages), unreadable=True)
    words = _criterion_words(criteria)
    only = criteria[0].id if len(criteria) == 1 else None
    recorded = {m.id for m in current.measurements}
    rows: dict[str, ImportedValue] = {}
    blank = 0
    for number, cells in enumerate(table[1:], start=2):
        values = {
            f: unneutralise(cells[i].strip()) if i < len(cells) else "" for i, f in columns.items()
        }
        if not any(values.values()):
            blank += 1
            continue
        measurement, problems = _read_row(values, words, only)
        messages += [RowMessage(number, "problem", p) for p in problems]
        if measurement is None:
            continue
        earlier = rows.get(measurement.id)
        if earlier is not None:
            messages.append(
                RowMessage(number, "note", f"replaces row {earlier.row}: same criterion and date.")
            )
        elif measurement.id in recorded:
            messages.append(
                RowMessage(
                    number,
                    "note",
                    f"replaces the value already recorded on {measurement.date.isoformat()}.",
                )
            )
        rows[measurement.id] = ImportedValue(number, measurement)
    if blank:
        messages.append(
            RowMessage(None, "note", f"Skipped {blank} blank row{'s' if blank > 1 else ''}.")
        )
    if not rows and not any(m.level == "problem" for m in messages):
        messages.append(
            RowMessage(None, "problem", f"‘{file_name}’ has headings but no values under them.")
        )
    messages.sort(key=lambda m: (m.row is None, m.row or 0))
    return MeasurementImport(file_name, tuple(rows.values()), tuple(messages))
