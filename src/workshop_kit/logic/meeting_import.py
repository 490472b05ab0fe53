"""Read a school's meetings from a spreadsheet (CSV or XLSX), explaining every problem row.

Reading is shared with the Day 2 resource import (:func:`read_table`: encodings, delimiters, Excel);
this module turns rows into meetings. A bad row never raises: it becomes a message naming the row
and what to fix, and the panel imports nothing unless the file is clean or the team confirms.
The headings are those the meeting ledger export writes, so an exported ledger edited in a
spreadsheet comes back in (computed columns such as hours are ignored).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pydantic import ValidationError

from workshop_kit.config.day3 import Day3Config
from workshop_kit.errors import InputError
from workshop_kit.logic.cells import unneutralise
from workshop_kit.logic.parse import parse_date, parse_time, parse_whole
from workshop_kit.logic.resource_import import ReadFindings, RowMessage, Vocabulary, read_rows
from workshop_kit.model.meetings import (
    NTH_NUMBER,
    RECURRENCE_LABELS,
    Meeting,
    MeetingTime,
    Purpose,
    SchoolYear,
    Weekday,
    year_problems,
)
from workshop_kit.model.names import name_key, new_id
from workshop_kit.validation import describe_field, plain_error

#: field -> the heading the ledger export writes (and the import reads)
HEADINGS: dict[str, str] = {
    "name": "Meeting",
    "type": "Type",
    "attendees": "Who attends",
    "headcount": "People",
    "minutes": "Minutes",
    "kind": "Repeats",
    "weekday": "Day",
    "nth": "Week of month",
    "dates": "Dates",
    "per_year": "Times a year",
    "starts": "Starts",
    "ends": "Ends",
    "start_time": "Start time",
    "logistics": "Logistics and announcements (min)",
    "compliance": "Compliance (min)",
    "goal": "Learning toward the goal (min)",
    "other_instructional": "Other instructional work (min)",
}
ALIASES: dict[str, str] = {
    "name": "name",
    "meeting name": "name",
    "meeting type": "type",
    "attendees": "attendees",
    "who": "attendees",
    "headcount": "headcount",
    "how many people": "headcount",
    "length": "minutes",
    "length minutes": "minutes",
    "how often": "kind",
    "recurrence": "kind",
    "frequency": "kind",
    "weekday": "weekday",
    "day of the week": "weekday",
    "week": "nth",
    "which week": "nth",
    "date": "dates",
    "times per year": "per_year",
    "per year": "per_year",
    "time": "start_time",
    "logistics": "logistics",
    "announcements": "logistics",
    "compliance": "compliance",
    "goal": "goal",
    "learning toward the goal": "goal",
    "other instructional": "other_instructional",
    "other instructional work": "other_instructional",
}
#: columns the ledger export writes that are computed, not read back
COMPUTED = {"when", "hours a year", "person hours a year", "hours moved to the goal by the plan"}
KIND_WORDS = {
    "weekly": ["every week", "weekly", "each week"],
    "every_other_week": ["every other week", "biweekly", "fortnightly", "every two weeks"],
    "monthly": ["once a month", "monthly", "every month"],
    "dates": ["on set dates", "set dates", "dates", "specific dates"],
    "per_year": ["a number of times a year", "times a year", "per year", "n per year"],
}
MAX_MEETINGS = 200


@dataclass(frozen=True)
class ImportedMeeting:
    row: int
    meeting: Meeting
    replaces: str | None  # id of the listed meeting it updates


@dataclass(frozen=True)
class MeetingImport(ReadFindings):
    """What reading a spreadsheet found; ``rows`` holds only the rows that can be imported."""

    file_name: str
    rows: tuple[ImportedMeeting, ...] = ()
    messages: tuple[RowMessage, ...] = ()
    unreadable: bool = False

    def apply(self, current: MeetingTime, year: SchoolYear) -> MeetingTime:
        """``current`` with the rows added (new names) or updated (known names)."""
        meetings = {m.id: m for m in current.meetings}
        for row in self.rows:
            meetings[row.replaces or row.meeting.id] = row.meeting.model_copy(
                update={"id": row.replaces or row.meeting.id}
            )
        return MeetingTime.model_validate(
            {
                **current.model_dump(),
                "school_year": year.model_dump(),
                "meetings": [m.model_dump() for m in meetings.values()],
            }
        )


def _vocabulary(config: Day3Config) -> tuple[Vocabulary, Vocabulary, Vocabulary, Vocabulary]:
    types = Vocabulary.of(
        "meeting type",
        [(t.id, [t.label, t.id.replace("_", " ")]) for t in config.meeting_types],
        {t.id: t.label for t in config.meeting_types},
    )
    kinds = Vocabulary.of(
        "way of repeating",
        [(k, [RECURRENCE_LABELS[k], *KIND_WORDS[k]]) for k in RECURRENCE_LABELS],
        dict(RECURRENCE_LABELS),
    )
    days = Vocabulary.of(
        "weekday (Monday to Friday)",
        [(d.value, [d.label, d.value[:3], d.value[:2]]) for d in Weekday],
        {d.value: d.label for d in Weekday},
    )
    nths = Vocabulary.of(
        "week of the month",
        [
            (
                n,
                [
                    n,
                    f"{v}" if v > 0 else "-1",
                    f"{v}st"
                    if v == 1
                    else f"{v}nd"
                    if v == 2
                    else f"{v}rd"
                    if v == 3
                    else f"{v}th",
                ],
            )
            for n, v in NTH_NUMBER.items()
        ],
        {n: n for n in NTH_NUMBER},
    )
    return types, kinds, days, nths


def _whole(text: str, label: str, problems: list[str], default: int | None = None) -> int | None:
    """A whole number of zero or more (blank: ``default``); a problem is kept, not raised."""
    if not text.strip():
        return default
    try:
        return parse_whole(text, f"‘{label}’", minimum=0)
    except InputError as exc:
        problems.append(exc.message)
        return None


def _date(text: str, label: str, problems: list[str]) -> dt.date | None:
    try:
        return parse_date(text, f"‘{label}’", required=False)
    except InputError as exc:
        problems.append(exc.message)
        return None


def _time(text: str, problems: list[str]) -> dt.time | None:
    try:
        return parse_time(text, f"‘{HEADINGS['start_time']}’")
    except InputError as exc:
        problems.append(exc.message)
        return None


@dataclass
class _Reader:
    config: Day3Config
    year: SchoolYear
    current: MeetingTime
    seen: dict[str, int] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.types, self.kinds, self.days, self.nths = _vocabulary(self.config)
        self.by_name = {name_key(m.name): m.id for m in self.current.meetings}
        self.taken = {m.id for m in self.current.meetings}

    def read(
        self, number: int, values: dict[str, str]
    ) -> tuple[ImportedMeeting | None, list[str], list[str]]:
        problems: list[str] = []
        notes: list[str] = []
        name = " ".join(values.get("name", "").split())
        if not name:
            problems.append("has no meeting name.")
        key = name_key(name)
        if name and key in self.seen:
            problems.append(f"repeats ‘{name}’ from row {self.seen[key]}; keep one of them.")
        elif name:
            self.seen[key] = number

        def word(vocabulary: Vocabulary, field_name: str, required: bool) -> str | None:
            text = values.get(field_name, "").strip()
            if not text:
                if required:
                    problems.append(f"has no ‘{HEADINGS[field_name]}’.")
                return None
            found = vocabulary.match(text)
            if found is None:
                problems.append(vocabulary.explain_unknown(text))
            return found

        type_id = word(self.types, "type", True)
        kind = word(self.kinds, "kind", True)
        weekday = word(self.days, "weekday", False)
        nth = word(self.nths, "nth", False)
        headcount = _whole(values.get("headcount", ""), HEADINGS["headcount"], problems)
        minutes = _whole(values.get("minutes", ""), HEADINGS["minutes"], problems)
        if headcount is None and not values.get("headcount", "").strip():
            problems.append("has no number of people.")
        if minutes is None and not values.get("minutes", "").strip():
            problems.append("has no length in minutes.")
        parts = {
            p: _whole(values.get(p.value, ""), HEADINGS[p.value], problems, default=0)
            for p in Purpose
        }
        if minutes is not None and all(v is not None for v in parts.values()):
            spent = sum(v or 0 for v in parts.values())
            if spent == 0:
                parts[Purpose.OTHER_INSTRUCTIONAL] = minutes
                notes.append(
                    "no minutes by purpose given; all counted as other instructional work."
                )
            elif spent != minutes:
                problems.append(
                    f"its minutes by purpose add up to {spent}, but the meeting is {minutes} "
                    "minutes long."
                )
        dates: list[dt.date] = []
        for part in re.split(r"[;,|\s]+", values.get("dates", "")):
            if part:
                found = _date(part, HEADINGS["dates"], problems)
                if found:
                    dates.append(found)
        per_year = _whole(values.get("per_year", ""), HEADINGS["per_year"], problems)
        recurrence: dict[str, object] = {"kind": kind}
        if kind in ("weekly", "every_other_week", "monthly"):
            recurrence.update(
                weekday=weekday,
                starts=_date(values.get("starts", ""), "Starts", problems),
                ends=_date(values.get("ends", ""), "Ends", problems),
            )
            if kind == "monthly":
                recurrence["nth"] = nth
        elif kind == "dates":
            recurrence["dates"] = dates
        elif kind == "per_year":
            recurrence["per_year"] = per_year
        start_time = _time(values.get("start_time", ""), problems)
        if problems:
            return None, problems, notes
        replaces = self.by_name.get(key)
        meeting_id = replaces or new_id(name, self.taken, "meeting")
        self.taken.add(meeting_id)
        try:
            meeting = Meeting.model_validate(
                {
                    "id": meeting_id,
                    "name": name,
                    "type": type_id,
                    "attendees": values.get("attendees", ""),
                    "headcount": headcount,
                    "minutes": minutes,
                    "start_time": start_time,
                    "recurrence": recurrence,
                    "purposes": {p.value: v for p, v in parts.items()},
                }
            )
        except ValidationError as exc:
            first = exc.errors()[0]
            where = describe_field([p for p in first["loc"] if isinstance(p, (int, str))])
            return None, [f"‘{where}’ {plain_error(first)}."], notes
        outside = year_problems(meeting, self.year)
        if outside:
            return None, [outside[0] + "."], notes
        if replaces:
            notes.append(f"updates ‘{name}’, which is already among your meetings.")
        return ImportedMeeting(number, meeting, replaces), problems, notes


def _columns(headings: Sequence[str]) -> tuple[dict[int, str], list[RowMessage]]:
    known = {name_key(h): f for f, h in HEADINGS.items()}
    known.update({name_key(f): f for f in HEADINGS})
    known.update(ALIASES)
    mapping: dict[int, str] = {}
    notes = []
    for index, heading in enumerate(headings):
        key = name_key(heading)
        if not key or key in COMPUTED:
            continue
        found = known.get(key)
        if found is None:
            notes.append(RowMessage(1, "note", f"the column ‘{heading.strip()}’ is not used."))
        elif found not in mapping.values():
            mapping[index] = found
    return mapping, notes


def read_meetings(
    data: bytes, file_name: str, config: Day3Config, current: MeetingTime, year: SchoolYear
) -> MeetingImport:
    """Read ``data`` against the team's ``current`` meetings; never raises for a bad row."""
    try:
        table, file_notes = read_rows(data, file_name)
    except InputError as exc:
        return MeetingImport(
            file_name, messages=(RowMessage(None, "problem", exc.message),), unreadable=True
        )
    messages: list[RowMessage] = list(file_notes)
    columns, notes = _columns(table[0])
    messages += notes
    missing = [
        HEADINGS[f]
        for f in ("name", "type", "headcount", "minutes", "kind")
        if f not in columns.values()
    ]
    if missing:
        messages.append(
            RowMessage(
                None,
                "problem",
                (
                    f"‘{file_name}’ has no column for {', '.join(f'‘{m}’' for m in missing)}. "
                    "The first row "
                    f"must name the columns; these are understood: {', '.join(HEADINGS.values())}."
                ),
            )
        )
        return MeetingImport(file_name, messages=tuple(messages), unreadable=True)
    reader = _Reader(config, year, current)
    rows: list[ImportedMeeting] = []
    blank = 0
    for number, cells in enumerate(table[1:], start=2):
        values = {
            f: unneutralise(cells[i].strip()) if i < len(cells) else "" for i, f in columns.items()
        }
        if not any(values.values()):
            blank += 1
            continue
        imported, problems, row_notes = reader.read(number, values)
        messages += [RowMessage(number, "problem", p) for p in problems]
        messages += [RowMessage(number, "note", n) for n in row_notes]
        if imported is not None:
            rows.append(imported)
    if blank:
        messages.append(
            RowMessage(None, "note", f"Skipped {blank} blank row{'s' if blank > 1 else ''}.")
        )
    if len(current.meetings) + len([r for r in rows if r.replaces is None]) > MAX_MEETINGS:
        messages.append(
            RowMessage(None, "problem", f"A school can list at most {MAX_MEETINGS} meetings.")
        )
        rows = []
    if not rows and not any(m.level == "problem" for m in messages):
        messages.append(
            RowMessage(None, "problem", f"‘{file_name}’ has headings but no meetings under them.")
        )
    messages.sort(key=lambda m: (m.row is None, m.row or 0))
    return MeetingImport(file_name, tuple(rows), tuple(messages))
