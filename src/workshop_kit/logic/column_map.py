"""Which column of a team's spreadsheet holds which field: matched by heading, or as the team says.

Every import reads the heading row the same way: a heading the kit writes (``HEADINGS``), a field
id, or a heading teams are likely to type (``ALIASES``) names its field; the first column for a
field is used and the others are left out with a note. A file exported from another tool often has
headings unlike these ("Item", "Bucket"), so the team can say which field each heading holds: its
``chosen`` matching wins, and the automatic matching still applies to the headings it leaves
alone. :class:`ColumnMatch` tells a view what such a matching step needs: the file's headings with
a few values from the first rows, the automatic guess for each, and the required fields still
missing.

Messages are plain text naming the file and the heading; views escape them.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from workshop_kit.logic.cells import unneutralise
from workshop_kit.model.names import name_key

#: the choice "leave this column out" in a team's matching (heading -> field id)
LEAVE_OUT = ""
#: how many values of a column are shown, taken from how many of the first data rows
SAMPLES = 3
SAMPLE_ROWS = 10
SAMPLE_CHARS = 40


@dataclass(frozen=True)
class ColumnHeading:
    """One heading of the file: its text, a few of its values, and the field the kit guessed."""

    heading: str
    samples: tuple[str, ...]
    guess: str | None


@dataclass(frozen=True)
class ColumnMatch:
    """What a step that lets the team match the columns needs to show.

    ``headings`` are the file's headings in order (each once; blank ones are left out),
    ``fields`` the kit's fields that can be chosen as (id, label), ``missing`` the required fields
    no column holds in this reading, and ``problems`` what is wrong with the team's matching
    (empty when none was given)."""

    file_name: str
    headings: tuple[ColumnHeading, ...]
    fields: tuple[tuple[str, str], ...]
    required: tuple[str, ...]
    missing: tuple[str, ...]
    problems: tuple[str, ...] = ()

    @property
    def unmatched(self) -> tuple[str, ...]:
        """The headings the kit did not recognise."""
        return tuple(h.heading for h in self.headings if h.guess is None)

    @property
    def worth_matching(self) -> bool:
        """A required field is missing or a heading was not recognised."""
        return bool(self.missing or self.unmatched)

    def label(self, field: str) -> str:
        return dict(self.fields).get(field, field)


@dataclass(frozen=True)
class Columns:
    """Which field each column (by index) holds, notes about the heading row, and the match."""

    fields: dict[int, str]
    notes: tuple[str, ...]
    match: ColumnMatch


def match_columns(
    table: Sequence[Sequence[str]],
    file_name: str,
    headings: Mapping[str, str],
    aliases: Mapping[str, str],
    required: Sequence[str],
    chosen: Mapping[str, str] | None = None,
    skip: Collection[str] = (),
) -> Columns:
    """Match the columns of ``table`` (headings first) to the fields of ``headings`` (field id ->
    the heading the kit writes).

    ``chosen`` is the team's matching, heading text -> field id or :data:`LEAVE_OUT`; it wins over
    the automatic one. Two headings chosen for one field, or a field id the kit does not know, are
    ``problems`` of the match; a required field no column holds is ``missing``. Headings whose
    normalised text is in ``skip`` are never read (columns an export computes).
    """
    known = {name_key(h): f for f, h in headings.items()}
    known.update({name_key(f): f for f in headings})
    known.update(aliases)
    labels = dict(headings)
    notes: list[str] = []

    # the file's headings, each once, in order
    entries: list[tuple[int, str, str]] = []
    seen: set[str] = set()
    for index, heading in enumerate(table[0] if table else ()):
        key = name_key(heading)
        if not key or key in skip:
            continue
        if key in seen:
            notes.append(
                f"the column ‘{heading.strip()}’ appears more than once; only the first is read."
            )
            continue
        seen.add(key)
        entries.append((index, heading.strip(), key))

    guesses: dict[int, str | None] = {}
    for index, _text, key in entries:
        found = known.get(key)
        guesses[index] = found if found is not None and found not in guesses.values() else None

    # the team's matching first, then the automatic one for the headings it leaves alone
    by_key = {name_key(h): f for h, f in (chosen or {}).items()}
    problems: list[str] = []
    fields: dict[int, str] = {}
    chosen_by: dict[str, list[str]] = {}
    for index, text, key in entries:
        if key not in by_key:
            continue
        field = by_key[key]
        if field == LEAVE_OUT:
            continue
        if field not in labels:
            problems.append(
                f"In ‘{file_name}’, the column ‘{text}’ is matched to ‘{field}’, which the kit "
                "does not know; choose one of its fields or leave the column out."
            )
            continue
        fields[index] = field
        chosen_by.setdefault(field, []).append(text)
    for field, texts in chosen_by.items():
        if len(texts) > 1:
            both = "both" if len(texts) == 2 else "all"
            problems.append(
                f"In ‘{file_name}’, the columns {_and(texts)} are {both} matched to "
                f"‘{labels[field]}’; match only one of them to it."
            )
    for heading in chosen or {}:
        if name_key(heading) not in seen:
            notes.append(
                f"‘{file_name}’ has no column ‘{heading.strip()}’; its match was not used."
            )

    for index, text, key in entries:
        if key in by_key:
            continue
        found = known.get(key)
        if found is None:
            close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.75)
            hint = f" Did you mean ‘{labels[known[close[0]]]}’?" if close else ""
            notes.append(f"the column ‘{text}’ is not used and was left out.{hint}")
        elif found in fields.values():
            taken_by = next(t for i, t, _k in entries if fields.get(i) == found)
            notes.append(
                f"the column ‘{text}’ repeats ‘{labels[found]}’; only the first one is used."
                if chosen is None
                else f"the column ‘{text}’ was left out: ‘{taken_by}’ is matched to "
                f"‘{labels[found]}’."
            )
        else:
            fields[index] = found

    missing = tuple(f for f in required if f not in fields.values())
    if chosen is not None and missing:
        problems.append(
            f"No column of ‘{file_name}’ is matched to {_and([labels[f] for f in missing])}; "
            "choose the column that holds " + ("it." if len(missing) == 1 else "each.")
        )
    match = ColumnMatch(
        file_name,
        tuple(
            ColumnHeading(text, _samples(table, index), guesses[index])
            for index, text, _k in entries
        ),
        tuple(labels.items()),
        tuple(required),
        missing,
        tuple(problems),
    )
    return Columns(fields, tuple(notes), match)


def _samples(table: Sequence[Sequence[str]], index: int) -> tuple[str, ...]:
    """Up to :data:`SAMPLES` values of the column, from its first rows, shortened."""
    found: list[str] = []
    for cells in table[1 : SAMPLE_ROWS + 1]:
        value = " ".join(unneutralise(cells[index].strip()).split()) if index < len(cells) else ""
        if value:
            short = value if len(value) <= SAMPLE_CHARS else value[: SAMPLE_CHARS - 1] + "…"
            found.append(short)
        if len(found) == SAMPLES:
            break
    return tuple(found)


def _and(texts: Sequence[str]) -> str:
    """‘a’, ‘b’ and ‘c’."""
    quoted = [f"‘{t}’" for t in texts]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"
