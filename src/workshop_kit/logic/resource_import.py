"""Read a resource inventory from a team's spreadsheet (CSV or XLSX), explaining every problem row.

Spreadsheets arrive messy: a byte-order mark, semicolons instead of commas, stray spaces, "TOOLS"
for "Instructional tools", a resource listed twice, blank lines, extra columns. Reading never
raises for a row: each problem becomes a :class:`RowMessage` in an :class:`ImportReport`, and the
report says whether the file is clean. Nothing is saved here; the panel saves
:meth:`ImportReport.apply` only when the report is clean or the team confirms.

The column headings are those :func:`workshop_kit.exports.spreadsheet` writes for the inventory, so
an exported inventory, edited in a spreadsheet program, comes back in unchanged. A file with other
headings can be read with the team's own matching of its columns (see :mod:`.column_map`).
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from pydantic import ValidationError

from workshop_kit.config.day2 import Day2Config
from workshop_kit.errors import InputError
from workshop_kit.logic.cells import unneutralise
from workshop_kit.logic.column_map import ColumnMatch, match_columns
from workshop_kit.logic.resources import default_use
from workshop_kit.model.goal import SuccessCriterion
from workshop_kit.model.names import name_key, new_id, tidy
from workshop_kit.model.resources import NAME_MAX, TEXT_MAX, Resource, ResourceInventory
from workshop_kit.validation import describe_field, plain_error

MAX_BYTES = 5_000_000
MAX_ROWS = 2_000
LIST_SEPARATORS = r"[;|\n]"

#: field -> the heading an export writes (also accepted on import)
HEADINGS: dict[str, str] = {
    "id": "ID",
    "name": "Name",
    "description": "Description",
    "quadrant": "Quadrant",
    "holder": "Who holds it",
    "recognized_before": "Recognized before today",
    "use": "Use toward the goal",
    "success_criteria": "Success criteria",
    "can_generate": "Can generate more",
    "how_to_generate": "How to generate more",
    "support_forms": "Leadership support",
    "new_money": "Needs new money",
}

#: other headings teams are likely to type, normalised (lower case, single spaces)
ALIASES: dict[str, str] = {
    "resource": "name",
    "resource name": "name",
    "title": "name",
    "what it is": "description",
    "notes": "description",
    "kind": "quadrant",
    "type": "quadrant",
    "category": "quadrant",
    "icb quadrant": "quadrant",
    "holder": "holder",
    "who has it": "holder",
    "where it lives": "holder",
    "owner": "holder",
    "held by": "holder",
    "recognised before today": "recognized_before",
    "recognized before": "recognized_before",
    "recognised before": "recognized_before",
    "recognized": "recognized_before",
    "recognised": "recognized_before",
    "use": "use",
    "use status": "use",
    "how well used": "use",
    "status": "use",
    "criteria": "success_criteria",
    "success criterion": "success_criteria",
    "can generate": "can_generate",
    "could generate more": "can_generate",
    "how to generate": "how_to_generate",
    "support": "support_forms",
    "support forms": "support_forms",
    "leadership support forms": "support_forms",
    "new money": "new_money",
    "costs new money": "new_money",
}

#: the fields every resource needs a column for
REQUIRED = ("name", "quadrant")

YES = {"yes", "y", "true", "1", "x", "✓", "✔", "ja", "oui", "si", "sí"}
NO = {"no", "n", "false", "0", "", "-", "–"}

Level = Literal["problem", "note"]


@dataclass(frozen=True)
class RowMessage:
    """One thing to tell the team about the file; ``row`` is the spreadsheet row (1 = headings)."""

    row: int | None
    level: Level
    text: str

    def __str__(self) -> str:
        return f"Row {self.row}: {self.text}" if self.row is not None else self.text


class ReadFindings:
    """What every spreadsheet import tells the team, from its ``rows`` (those that can be
    imported), its ``messages`` and whether the file was ``unreadable``; each import is a frozen
    dataclass with those fields."""

    rows: tuple[object, ...]
    messages: tuple[RowMessage, ...]
    unreadable: bool
    #: the file's headings and how they were matched, when its heading row could be read and the
    #: reader offers a matching of its columns (see :mod:`.column_map`)
    matching: ColumnMatch | None = None

    @property
    def problems(self) -> tuple[RowMessage, ...]:
        return tuple(m for m in self.messages if m.level == "problem")

    @property
    def notes(self) -> tuple[RowMessage, ...]:
        return tuple(m for m in self.messages if m.level == "note")

    @property
    def clean(self) -> bool:
        """Every data row can be imported as it is: safe to import without asking."""
        return not self.unreadable and not self.problems and bool(self.rows)

    @property
    def needs_confirmation(self) -> bool:
        """Some rows can be imported but others cannot: import only if the team says so."""
        return not self.unreadable and bool(self.problems) and bool(self.rows)


@dataclass(frozen=True)
class ImportedRow:
    row: int
    resource: Resource
    replaces: str | None  # id of the inventory resource it updates, if any


@dataclass(frozen=True)
class ImportReport(ReadFindings):
    """What reading a spreadsheet found. ``rows`` holds only the rows that can be imported."""

    file_name: str
    rows: tuple[ImportedRow, ...] = ()
    messages: tuple[RowMessage, ...] = ()
    rows_read: int = 0
    unreadable: bool = False
    matching: ColumnMatch | None = None

    @property
    def added(self) -> int:
        return sum(1 for r in self.rows if r.replaces is None)

    @property
    def updated(self) -> int:
        return sum(1 for r in self.rows if r.replaces is not None)

    def apply(self, inventory: ResourceInventory) -> ResourceInventory:
        """``inventory`` with the importable rows added (new names) or updated (known names)."""
        result = inventory
        for row in self.rows:
            if row.replaces is not None and row.replaces in result.ids:
                result = result.with_resource(row.resource.model_copy(update={"id": row.replaces}))
            else:
                taken = result.ids
                resource = row.resource
                if resource.id in taken:
                    resource = resource.model_copy(
                        update={"id": new_id(resource.name, taken, "resource")}
                    )
                result = result.with_resource(resource)
        return result


# -- reading the table ------------------------------------------------------------------------


def _decode(data: bytes, file_name: str) -> tuple[str, list[RowMessage]]:
    for encoding in ("utf-8-sig",):
        try:
            return data.decode(encoding), []
        except UnicodeDecodeError:
            pass
    note = RowMessage(
        None,
        "note",
        "The file is not saved as UTF-8, so it was read as Windows text; check that accented "
        "letters look right. Choosing “CSV UTF-8” when saving avoids this.",
    )
    return data.decode("cp1252", errors="replace"), [note]


def _sniff_delimiter(text: str) -> str:
    """The separator of the heading row: the candidate it holds most often (comma if none).

    The headings are the most regular line in a team's file; data rows often hold commas inside
    values ("rubric-all, rubric-el") that confuse a whole-file guess.
    """
    heading = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: heading.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _cell(cell: object) -> str:
    """A workbook cell's text as the spreadsheet shows it: a cell holding 0.45 formatted as a
    percentage reads 45 (it shows 45%), a whole number has no ".0", yes/no for a tick."""
    value = getattr(cell, "value", cell)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        if "%" in str(getattr(cell, "number_format", "") or ""):
            value = value * 100
        if isinstance(value, int) or value.is_integer():
            return str(int(value))
        return f"{value:.12g}"
    return str(value)


def read_rows(data: bytes, file_name: str) -> tuple[list[list[str]], list[RowMessage]]:
    """The file's rows from its headings on (blank lines before them skipped), with notes about
    reading it; every spreadsheet import starts here.

    Raises :class:`InputError` for a file that cannot be read as a table, or holds nothing.
    """
    table, notes = read_table(data, file_name)
    while table and not any(c.strip() for c in table[0]):
        table = table[1:]  # leading blank lines before the headings
    if not table:
        raise InputError(f"‘{file_name}’ is empty.", field="file")
    return table, notes


#: the name rows pasted from a spreadsheet go by: read as text, with tabs between the cells
PASTED_ROWS = "the pasted rows"


def read_table(data: bytes, file_name: str) -> tuple[list[list[str]], list[RowMessage]]:
    """The file's rows as lists of strings, headings first (``file_name`` :data:`PASTED_ROWS` for
    cells copied from a spreadsheet and pasted).

    Raises :class:`InputError` for a file that cannot be read as a table at all.
    """
    if len(data) > MAX_BYTES:
        raise InputError(
            f"‘{file_name}’ is larger than {MAX_BYTES // 1_000_000} MB; an inventory fits in far "
            "less. Check that you chose the right file.",
            field="file",
        )
    lowered = file_name.lower()
    if lowered.endswith((".xlsx", ".xlsm")):
        return _read_xlsx(data, file_name), []
    if lowered.endswith((".csv", ".txt", ".tsv")) or file_name == PASTED_ROWS:
        text, notes = _decode(data, file_name)
        if "\x00" in text:
            raise InputError(
                f"‘{file_name}’ does not look like a CSV file. Save it as CSV or Excel (.xlsx).",
                field="file",
            )
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
        try:
            rows = [list(r) for r in _limited(reader, file_name)]
        except csv.Error as exc:
            raise InputError(
                f"‘{file_name}’ could not be read as CSV ({exc}). Save it again as CSV and retry.",
                field="file",
            ) from None
        return rows, notes
    if lowered.endswith(".xls"):
        raise InputError(
            f"‘{file_name}’ is in the old Excel format. Save it as .xlsx or CSV and upload it "
            "again.",
            field="file",
        )
    raise InputError(f"‘{file_name}’ is not a CSV or Excel (.xlsx) file.", field="file")


def _limited(rows: Iterable[list[str]], file_name: str) -> Iterator[list[str]]:
    for count, row in enumerate(rows):
        if count > MAX_ROWS:
            raise InputError(
                f"‘{file_name}’ has more than {MAX_ROWS} rows; split it or remove empty rows.",
                field="file",
            )
        yield row


def _read_xlsx(data: bytes, file_name: str) -> list[list[str]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for files that are not workbooks
        raise InputError(
            f"‘{file_name}’ could not be opened as an Excel workbook. Save it as .xlsx or CSV and "
            "try again.",
            field="file",
        ) from None
    try:
        sheet = book.worksheets[0]
        rows = [[_cell(c) for c in row] for row in _limited(sheet.iter_rows(), file_name)]
    finally:
        book.close()
    return rows


# -- matching names to config ids -------------------------------------------------------------


@dataclass(frozen=True)
class Vocabulary:
    """The words a spreadsheet may use for one kind of id (labels, short labels, ids)."""

    what: str
    names: dict[str, str]  # normalised word -> id
    shown: dict[str, str]  # id -> label to show in messages

    @classmethod
    def of(
        cls, what: str, entries: Iterable[tuple[str, Sequence[str]]], shown: dict[str, str]
    ) -> Vocabulary:
        names: dict[str, str] = {}
        for entry_id, words in entries:
            for word in (entry_id, *words):
                names.setdefault(name_key(word), entry_id)
        return cls(what, names, shown)

    def match(self, text: str) -> str | None:
        return self.names.get(name_key(text))

    def explain_unknown(self, text: str) -> str:
        close = difflib.get_close_matches(name_key(text), list(self.names), n=1, cutoff=0.6)
        options = ", ".join(f"‘{label}’" for label in self.shown.values())
        if close:
            return (
                f"‘{text}’ is not a {self.what} here. "
                f"Did you mean ‘{self.shown[self.names[close[0]]]}’? "
                f"(choose one of {options})"
            )
        return f"‘{text}’ is not a {self.what} here; choose one of {options}."


def _quadrant_words(config: Day2Config) -> Vocabulary:
    entries = []
    for q in config.quadrants:
        words = [q.label, q.short_label]
        # "Instructional knowledge" is also written "knowledge"; take the label's distinctive words
        words += [
            w
            for w in re.split(r"[\s,]+(?:and\s+)?", q.label)
            if len(w) > 3 and w.lower() != "instructional"
        ]
        entries.append((q.id, words))
    return Vocabulary.of("quadrant", entries, {q.id: q.label for q in config.quadrants})


def _status_words(config: Day2Config) -> Vocabulary:
    entries = [(s.id, [s.label]) for s in config.use_statuses]
    return Vocabulary.of("use status", entries, {s.id: s.label for s in config.use_statuses})


def _form_words(config: Day2Config) -> Vocabulary:
    entries = [(f.id, [f.label]) for f in config.support_forms]
    return Vocabulary.of(
        "form of leadership support", entries, {f.id: f.label for f in config.support_forms}
    )


def _criterion_words(criteria: Sequence[SuccessCriterion]) -> Vocabulary:
    entries = [(c.id, [c.measure]) for c in criteria]
    return Vocabulary.of("success criterion", entries, {c.id: c.id for c in criteria})


def _columns(
    table: list[list[str]], file_name: str, chosen: Mapping[str, str] | None = None
) -> tuple[dict[int, str], list[RowMessage], ColumnMatch]:
    """Which field each column holds (the team's ``chosen`` matching first); unknown and repeated
    columns become notes."""
    found = match_columns(table, file_name, HEADINGS, ALIASES, REQUIRED, chosen)
    return found.fields, [RowMessage(1, "note", n) for n in found.notes], found.match


def _yes_no(text: str, default: bool) -> bool | None:
    key = name_key(text)
    if not key:
        return default
    if key in YES:
        return True
    if key in NO:
        return False
    return None


def read_inventory(
    data: bytes,
    file_name: str,
    config: Day2Config,
    criteria: Sequence[SuccessCriterion] = (),
    inventory: ResourceInventory | None = None,
    columns: Mapping[str, str] | None = None,
) -> ImportReport:
    """Read ``data`` into an :class:`ImportReport` against the team's current ``inventory``.

    Rows whose name (or id) matches a resource already in the inventory update it; other rows are
    added. Never raises for a bad row; an unreadable file gives a report with ``unreadable`` set.
    ``columns`` is the team's matching of the file's headings (heading -> field id, or
    :data:`~.column_map.LEAVE_OUT`); it wins over the automatic matching, which still applies to
    the headings it does not name. The report's ``matching`` says how the headings were matched.
    """
    inventory = inventory or ResourceInventory()
    try:
        table, file_notes = read_rows(data, file_name)
    except InputError as exc:
        return ImportReport(
            file_name, messages=(RowMessage(None, "problem", exc.message),), unreadable=True
        )
    messages: list[RowMessage] = list(file_notes)
    fields, column_notes, matching = _columns(table, file_name, columns)
    messages += column_notes
    if matching.problems:
        messages += [RowMessage(None, "problem", p) for p in matching.problems]
        return ImportReport(file_name, messages=tuple(messages), unreadable=True, matching=matching)
    missing = [HEADINGS[f] for f in matching.missing]
    if missing:
        known = ", ".join(HEADINGS.values())
        messages.append(
            RowMessage(
                None,
                "problem",
                f"‘{file_name}’ has no column for {' or '.join(f'‘{m}’' for m in missing)}. The "
                f"first row must name the columns; these are understood: {known}.",
            )
        )
        return ImportReport(file_name, messages=tuple(messages), unreadable=True, matching=matching)

    reader = _RowReader(config, criteria, inventory)
    rows: list[ImportedRow] = []
    blank = 0
    data_rows = 0
    for number, cells in enumerate(table[1:], start=2):
        values = {
            f: unneutralise(cells[i].strip()) if i < len(cells) else "" for i, f in fields.items()
        }
        if not any(values.values()):
            if any(c.strip() for c in cells):
                messages.append(
                    RowMessage(number, "note", "only has values in unused columns; skipped.")
                )
            else:
                blank += 1
            continue
        data_rows += 1
        imported, row_messages = reader.read(number, values)
        messages += row_messages
        if imported is not None:
            rows.append(imported)
    if blank:
        messages.append(
            RowMessage(None, "note", f"Skipped {blank} blank row{'s' if blank > 1 else ''}.")
        )
    if data_rows == 0:
        messages.append(
            RowMessage(None, "problem", f"‘{file_name}’ has headings but no resources under them.")
        )
    messages.sort(key=lambda m: (m.row is None, m.row or 0))
    return ImportReport(
        file_name, tuple(rows), tuple(messages), rows_read=data_rows, matching=matching
    )


@dataclass
class _RowReader:
    """Turns one row's cells into a :class:`Resource`, collecting plain messages as it goes."""

    config: Day2Config
    criteria: Sequence[SuccessCriterion]
    inventory: ResourceInventory
    seen_names: dict[str, int] = field(default_factory=dict)
    seen_ids: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.quadrants = _quadrant_words(self.config)
        self.statuses = _status_words(self.config)
        self.forms = _form_words(self.config)
        self.criterion_words = _criterion_words(self.criteria)
        self.existing_by_name = {name_key(r.name): r.id for r in self.inventory.resources}
        self.taken_ids = set(self.inventory.ids)

    def read(
        self, number: int, values: dict[str, str]
    ) -> tuple[ImportedRow | None, list[RowMessage]]:
        problems: list[str] = []
        notes: list[str] = []
        name = tidy(values.get("name", ""))
        if not name:
            problems.append("has no name; every resource needs one.")
        elif len(name) > NAME_MAX:
            problems.append(f"the name is longer than {NAME_MAX} characters; shorten it.")
        key = name_key(name)
        if name and key in self.seen_names:
            problems.append(f"repeats ‘{name}’ from row {self.seen_names[key]}; keep one of them.")
        elif name:
            self.seen_names[key] = number

        quadrant_text = values.get("quadrant", "")
        quadrant = self.quadrants.match(quadrant_text)
        if not quadrant_text:
            problems.append("has no quadrant; choose one of the four.")
        elif quadrant is None:
            problems.append(self.quadrants.explain_unknown(quadrant_text))

        use_text = values.get("use", "")
        use = self.statuses.match(use_text) if use_text else default_use(self.config)
        if use is None:
            problems.append(self.statuses.explain_unknown(use_text))
        elif not use_text and "use" in values:
            notes.append(f"no use status given; set to ‘{self.config.use_status(use).label}’.")

        flags: dict[str, bool] = {}
        for flag, default in (
            ("recognized_before", True),
            ("can_generate", False),
            ("new_money", False),
        ):
            parsed = _yes_no(values.get(flag, ""), default)
            if parsed is None:
                problems.append(f"‘{HEADINGS[flag]}’ should be yes or no (found ‘{values[flag]}’).")
            else:
                flags[flag] = parsed

        criteria = self._list(values.get("success_criteria", ""), self.criterion_words, problems)
        forms = self._list(values.get("support_forms", ""), self.forms, problems)
        for text_field in ("description", "how_to_generate"):
            if len(values.get(text_field, "")) > TEXT_MAX:
                problems.append(f"‘{HEADINGS[text_field]}’ is longer than {TEXT_MAX} characters.")
        if len(values.get("holder", "")) > NAME_MAX:
            problems.append(f"‘{HEADINGS['holder']}’ is longer than {NAME_MAX} characters.")

        messages = [RowMessage(number, "problem", p) for p in problems]
        if problems:
            return None, messages + [RowMessage(number, "note", n) for n in notes]

        replaces = self._existing(values.get("id", ""), key)
        if replaces is not None:
            notes.append(f"updates ‘{name}’, which is already in your inventory.")
            resource_id = replaces
        else:
            resource_id = new_id(name, self.taken_ids | self.seen_ids, "resource")
        try:
            resource = Resource(
                id=resource_id,
                name=name,
                description=values.get("description", ""),
                quadrant=quadrant or "",
                holder=values.get("holder", ""),
                use=use or "",
                success_criteria=tuple(criteria),
                how_to_generate=values.get("how_to_generate", ""),
                support_forms=tuple(forms),
                **flags,
            )
        except ValidationError as exc:
            first = exc.errors()[0]
            where = describe_field([p for p in first["loc"] if isinstance(p, (int, str))])
            return None, [RowMessage(number, "problem", f"‘{where}’ {plain_error(first)}.")]
        self.seen_ids.add(resource_id)
        return ImportedRow(number, resource, replaces), messages + [
            RowMessage(number, "note", n) for n in notes
        ]

    def _existing(self, given_id: str, key: str) -> str | None:
        if given_id and given_id in self.inventory.ids and given_id not in self.seen_ids:
            return given_id
        found = self.existing_by_name.get(key)
        return found if found is not None and found not in self.seen_ids else None

    @staticmethod
    def _list(text: str, words: Vocabulary, problems: list[str]) -> list[str]:
        found: list[str] = []
        for part in re.split(LIST_SEPARATORS, text):
            part = part.strip()
            if not part:
                continue
            matched = words.match(part)
            if matched is None:
                # a list written with commas ("a, b") is common; try the pieces before giving up
                pieces = [words.match(p) for p in part.split(",") if p.strip()]
                if pieces and all(pieces):
                    found += [p for p in pieces if p and p not in found]
                    continue
                problems.append(words.explain_unknown(part))
            elif matched not in found:
                found.append(matched)
        return found


def inventory_rows(
    inventory: ResourceInventory, config: Day2Config
) -> tuple[list[str], list[dict[str, object]]]:
    """The inventory as spreadsheet rows with readable values (labels, yes/no), for exports.

    :func:`read_inventory` reads these rows back into the same inventory.
    """
    columns = list(HEADINGS.values())
    rows: list[dict[str, object]] = []

    def label(lookup: object, value: str) -> str:
        try:
            return str(lookup(value).label)  # type: ignore[operator]
        except KeyError:
            return value

    for r in inventory.resources:
        rows.append(
            {
                HEADINGS["id"]: r.id,
                HEADINGS["name"]: r.name,
                HEADINGS["description"]: r.description,
                HEADINGS["quadrant"]: label(config.quadrant, r.quadrant),
                HEADINGS["holder"]: r.holder,
                HEADINGS["recognized_before"]: "yes" if r.recognized_before else "no",
                HEADINGS["use"]: label(config.use_status, r.use),
                HEADINGS["success_criteria"]: "; ".join(r.success_criteria),
                HEADINGS["can_generate"]: "yes" if r.can_generate else "no",
                HEADINGS["how_to_generate"]: r.how_to_generate,
                HEADINGS["support_forms"]: "; ".join(
                    label(config.support_form, f) for f in r.support_forms
                ),
                HEADINGS["new_money"]: "yes" if r.new_money else "no",
            }
        )
    return columns, rows
