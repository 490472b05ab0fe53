"""Three-way merge of two edits made to one team file from the same starting version.

Five members add resources or rate goals on their own laptops at the same time. Each save starts
from the version its page was filled from (the *base*); meanwhile other devices have saved
(*theirs*, the file as it is now). What this device changed (*ours*) is laid over theirs, item by
item, so edits to different items all land and only two different changes to the same item are a
conflict, which is reported, never settled by silently dropping one.

The data is the JSON form of a document (``model_dump(mode="json")``):

* **named fields and dicts** merge key by key (each member's ratings are their own key);
* **lists of records** merge by each record's key (``id``, or the field a document names in
  ``MERGE_KEYS``, such as a member's ``name``), keeping the saved order and adding new records at
  the end;
* **lists of plain values** (norms, tags) merge as sets: what one side added or removed is added
  or removed, in the saved order;
* **anything else** (a text, a number, a list of records without keys) is one value: if both
  sides changed it differently, that is a conflict.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

Json = Any
Path = tuple[str | int, ...]


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()  # a key or item one side does not have


@dataclass(frozen=True)
class Conflict:
    """Both sides changed the value at ``path`` differently (MISSING: that side removed it)."""

    path: Path
    ours: Json
    theirs: Json


class MergeConflict(Exception):
    def __init__(self, conflicts: list[Conflict]) -> None:
        super().__init__(f"{len(conflicts)} conflicting change(s)")
        self.conflicts = conflicts


def merge(base: Json, ours: Json, theirs: Json, keys: Mapping[str, str] | None = None) -> Json:
    """``theirs`` with ``ours``' changes since ``base`` laid over it; :class:`MergeConflict` lists
    every place both changed differently. ``keys`` names, per field, the key of its records when
    it is not ``id``."""
    conflicts: list[Conflict] = []
    merged = _merge(base, ours, theirs, (), dict(keys or {}), conflicts)
    if conflicts:
        raise MergeConflict(conflicts)
    return merged


def _merge(
    base: Json, ours: Json, theirs: Json, path: Path, keys: dict[str, str], out: list[Conflict]
) -> Json:
    if ours == theirs:
        return ours
    if ours == base:
        return theirs
    if theirs == base:
        return ours
    if all(isinstance(v, dict) for v in (base, ours, theirs)):
        return _merge_keyed(base, ours, theirs, path, keys, out)
    if all(isinstance(v, list) for v in (base, ours, theirs)):
        field = next((p for p in reversed(path) if isinstance(p, str)), "")
        key = _record_key(field, keys, base + ours + theirs)
        if key is not None:
            b, o, t = ({item[key]: item for item in side} for side in (base, ours, theirs))
            merged = _merge_keyed(b, o, t, path, keys, out)
            return list(merged.values())
        if all(_plain(item) for item in base + ours + theirs):
            return _merge_sets(base, ours, theirs)
    out.append(Conflict(path, ours, theirs))
    return theirs


def _record_key(field: str, keys: dict[str, str], items: list[Json]) -> str | None:
    """The key the records of a list are told apart by, when every item has its own."""
    key = keys.get(field, "id")
    if not items or not all(isinstance(i, dict) and _plain(i.get(key)) for i in items):
        return None
    return key


def _plain(value: Json) -> bool:
    return isinstance(value, (str, int, float, bool)) and value is not None


def _merge_keyed(
    base: dict[Any, Json],
    ours: dict[Any, Json],
    theirs: dict[Any, Json],
    path: Path,
    keys: dict[str, str],
    out: list[Conflict],
) -> dict[Any, Json]:
    """Key by key; the order is theirs (or ours, where only ours reordered), new keys last."""

    def reordered(side: dict[Any, Json]) -> bool:
        return [k for k in side if k in base] != [k for k in base if k in side]

    first = ours if reordered(ours) and not reordered(theirs) else theirs
    order = [*first, *(k for k in (theirs if first is ours else ours) if k not in first)]
    merged: dict[Any, Json] = {}
    for key in order:
        b, o, t = base.get(key, MISSING), ours.get(key, MISSING), theirs.get(key, MISSING)
        value = _merge_value(b, o, t, (*path, key), keys, out)
        if value is not MISSING:
            merged[key] = value
    return merged


def _merge_value(
    base: Json, ours: Json, theirs: Json, path: Path, keys: dict[str, str], out: list[Conflict]
) -> Json:
    """One key of a dict or one record of a list; MISSING where a side has none."""
    both_added = base is MISSING and isinstance(ours, dict) and isinstance(theirs, dict)
    if both_added and ours != theirs:  # the same new record on both sides: merge inside it
        return _merge_keyed({}, ours, theirs, path, keys, out)
    return _merge(base, ours, theirs, path, keys, out)


def _merge_sets(base: list[Json], ours: list[Json], theirs: list[Json]) -> list[Json]:
    removed = [v for v in base if v not in ours]
    added = [v for v in ours if v not in base and v not in theirs]
    kept = [v for v in theirs if v not in removed]
    return [*kept, *added]
