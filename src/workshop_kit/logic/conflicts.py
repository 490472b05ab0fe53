"""Two versions of one team file side by side, for a save refused as a conflict.

When two devices change the same item differently, the store refuses the second save
(:class:`workshop_kit.errors.ConflictError`) and the member chooses: reload the version saved
elsewhere ("theirs") or keep their own ("mine"). To choose, they need to see both: this module
lists the values the two versions changed differently since the version both started from
(``base``), each named by its place (the record's own name) and field label, in plain words.

It works on the documents' JSON form, walked as :mod:`workshop_kit.merge` walks it (records told
apart by their key, so a list of records compares record by record).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from workshop_kit.model.base import Document

Json = Any
Path = tuple[str | int, ...]

NOT_THERE = "(not there)"
EMPTY = "(empty)"


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


_MISSING: Any = _Missing()


@dataclass(frozen=True)
class DifferingValue:
    """One value the two versions hold differently, as a person reads it."""

    place: str  # where: the record's own name and its field list (as in the conflict message)
    field: str  # "holder" ("": the place is the value itself)
    theirs: str
    mine: str


def side_by_side(base: Document, mine: Document, theirs: Document) -> tuple[DifferingValue, ...]:
    """The values ``mine`` and ``theirs`` both changed since ``base``, and differently (what a
    merge cannot settle). Where there is none (the two merge but their result does not
    validate, say two new items with the same name), the values ``mine`` changed that ``theirs``
    holds otherwise."""
    b, m, t = (doc.model_dump(mode="json") for doc in (base, mine, theirs))
    keys = type(theirs).MERGE_KEYS
    changed = list(_differences(b, m, t, (), keys))
    both = [
        path
        for path, base_value, mine_value, theirs_value in changed
        if mine_value != base_value and theirs_value != base_value
    ]
    chosen = both or [
        path for path, base_value, mine_value, _t in changed if mine_value != base_value
    ]
    values = {path: (mine_value, theirs_value) for path, _b, mine_value, theirs_value in changed}
    return tuple(
        DifferingValue(
            place=_place(path, theirs, (mine, base)),
            field=_field_label(path, (theirs, mine, base)),
            theirs=plain(values[path][1]),
            mine=plain(values[path][0]),
        )
        for path in chosen
    )


def _differences(
    base: Json, mine: Json, theirs: Json, path: Path, keys: Mapping[str, str]
) -> Iterator[tuple[Path, Json, Json, Json]]:
    """Every place, as deep as records and dicts go, where ``mine`` and ``theirs`` differ."""
    if mine == theirs:
        return
    present = [v for v in (base, mine, theirs) if v is not _MISSING]
    if (
        all(isinstance(v, dict) for v in present)
        and len(present) >= 2
        and mine is not _MISSING
        and theirs is not _MISSING
    ):
        yield from _keyed(base if base is not _MISSING else {}, mine, theirs, path, keys)
        return
    if (
        all(isinstance(v, list) for v in present)
        and mine is not _MISSING
        and theirs is not _MISSING
    ):
        field = next((p for p in reversed(path) if isinstance(p, str)), "")
        key = keys.get(field, "id")
        sides = [base if base is not _MISSING else [], mine, theirs]
        items = [i for side in sides for i in side]
        if items and all(isinstance(i, dict) and _scalar(i.get(key)) for i in items):
            b, m, t = ({item[key]: item for item in side} for side in sides)
            yield from _keyed(b, m, t, path, keys)
            return
    yield path, base, mine, theirs


def _keyed(
    base: dict[Any, Json],
    mine: dict[Any, Json],
    theirs: dict[Any, Json],
    path: Path,
    keys: Mapping[str, str],
) -> Iterator[tuple[Path, Json, Json, Json]]:
    order = [
        *theirs,
        *(k for k in mine if k not in theirs),
        *(k for k in base if k not in theirs and k not in mine),
    ]
    for key in order:
        yield from _differences(
            base.get(key, _MISSING),
            mine.get(key, _MISSING),
            theirs.get(key, _MISSING),
            (*path, key),
            keys,
        )


def _scalar(value: Json) -> bool:
    return isinstance(value, (str, int, float, bool))


def _place(path: Path, theirs: Document, also: tuple[Document, ...]) -> str:
    """The record or field the value belongs to, named as the conflict message names it."""
    return theirs.describe_place(path[:2] if _in_record(path, theirs, also) else path, also)


def _in_record(path: Path, theirs: Document, also: tuple[Document, ...]) -> bool:
    """Whether the path runs into a keyed record (a list of records), whose own name is the
    place and whose field is the value's label."""
    if len(path) < 3 or not isinstance(path[0], str):
        return False
    return any(isinstance(getattr(doc, path[0], None), tuple) for doc in (theirs, *also))


def _field_label(path: Path, docs: tuple[Document, ...]) -> str:
    """The label of the field inside the record at ``path[:2]`` ("" when the place is the value)."""
    if not _in_record(path, docs[0], docs[1:]):
        # a dict inside a field (a member's ratings by candidate and criterion): its last key
        return str(path[-1]).replace("_", " ") if len(path) > 2 else ""
    field = path[2]
    for doc in docs:
        for record in getattr(doc, str(path[0]), ()):
            if isinstance(record, BaseModel) and field in type(record).model_fields:
                title = type(record).model_fields[str(field)].title
                return title or str(field).replace("_", " ")
    return str(field).replace("_", " ")


#: the fields that name a record for a person, in order (as in the model's conflict messages)
_NAME_FIELDS = ("name", "title", "text", "measure", "what")


def plain(value: Json) -> str:
    """A saved value as a person reads it: yes/no, lists joined, a record by its name."""
    if value is _MISSING:
        return NOT_THERE
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(plain(v) for v in value)
    if isinstance(value, dict):
        name = next(
            (value[f] for f in _NAME_FIELDS if isinstance(value.get(f), str) and value[f]), None
        )
        if name is not None:
            return str(name)
        return "; ".join(f"{str(k).replace('_', ' ')}: {plain(v)}" for k, v in value.items())
    return str(value)
