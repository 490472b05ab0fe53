"""Shared base classes: frozen records and versioned documents that the store keeps as YAML."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Sequence
from typing import Annotated, Any, ClassVar, Protocol, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, field_validator

from workshop_kit.model.names import plain_name

#: the years a date in a team's work may fall in: far wider than any school plan, and narrow
#: enough that every export (calendars, pages) can still add a few weeks to it
FIRST_YEAR, LAST_YEAR = 1990, 2100


def _in_range(day: dt.date) -> dt.date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(
            f"is {day.isoformat()}: a date must fall between {FIRST_YEAR} and {LAST_YEAR}"
        )
    return day


def _one_line(value: object) -> object:
    # before the length check: NFKC can lengthen a name ("ﷺ" is 18 letters), and a name kept
    # longer than its limit would make the file unreadable
    if not isinstance(value, str):
        return value  # refused as "must be text" by the field's own type
    if any(unicodedata.category(c) == "Cc" for c in value):
        raise ValueError("must be one line, without line breaks or other control characters")
    return plain_name(value)


#: a name (of a team, a school, a person): one line, so it is safe in every file format, kept
#: as :func:`~workshop_kit.model.names.plain_name` writes it (two names that look the same are
#: the same text)
OneLine = Annotated[str, BeforeValidator(_one_line)]

#: every date a team types or imports
BoundedDate = Annotated[dt.date, AfterValidator(_in_range)]


class Record(BaseModel):
    """An immutable, validated value. Unknown fields are refused so that typos are caught."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


def _records(value: object) -> tuple[object, ...]:
    return value if isinstance(value, tuple) else ()


#: the fields, in order, whose text names a record for a person (else its key)
_NAME_FIELDS = ("name", "title", "text", "measure", "what")

Upgrade = Callable[[dict[str, Any]], dict[str, Any]]


class Document(Record):
    """One file in a team's workbook (``team.yaml``, ``goal.yaml``, ...).

    The store wraps the fields with ``schema_version`` and ``revision``. When a format changes,
    bump ``SCHEMA_VERSION`` and add ``UPGRADES[old] = fn`` returning the data in the next version;
    upgrades must never drop what a team wrote.
    """

    FILE_NAME: ClassVar[str]
    TITLE: ClassVar[str]
    SCHEMA_VERSION: ClassVar[int] = 1
    UPGRADES: ClassVar[dict[int, Upgrade]] = {}
    #: per list field, the field that tells its records apart when it is not ``id`` (two devices'
    #: edits merge record by record, see :mod:`workshop_kit.merge`)
    MERGE_KEYS: ClassVar[dict[str, str]] = {}

    def describe_place(self, path: tuple[str | int, ...], also: Sequence[Document] = ()) -> str:
        """Where in this document ``path`` (a merge conflict's place) is, in plain words: the
        field's label, and the record's own name when the place is inside a record (looked up
        here, then in ``also``: a record one side removed is named from the other)."""
        if not path or not isinstance(path[0], str) or path[0] not in type(self).model_fields:
            return "the same part"
        field = path[0]
        label = type(self).model_fields[field].title or field.replace("_", " ")
        if len(path) < 2:
            return label
        key_field = self.MERGE_KEYS.get(field, "id")
        records = [r for doc in (self, *also) for r in _records(getattr(doc, field, ()))]
        for record in records:
            if isinstance(record, BaseModel) and getattr(record, key_field, None) == path[1]:
                name = next(
                    (getattr(record, f) for f in _NAME_FIELDS if getattr(record, f, "")), path[1]
                )
                return f"‘{name}’ in {label}"
        return f"‘{path[1]}’ in {label}"

    @classmethod
    def upgrade(cls, data: dict[str, Any], version: int) -> dict[str, Any]:
        while version < cls.SCHEMA_VERSION:
            step = cls.UPGRADES.get(version)
            if step is None:
                raise ValueError(f"no upgrade from version {version}")
            data = step(data)
            version += 1
        return data


def unique_ids(field: str, what: str) -> Any:
    """A field validator refusing two entries of ``field`` with the same ``id``."""

    def check(cls: type, items: tuple[Any, ...]) -> tuple[Any, ...]:
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                raise ValueError(f"uses the id ‘{item.id}’ for more than one {what}")
            seen.add(item.id)
        return items

    # older mypy versions need the ignore, newer ones call it unused
    return field_validator(field)(classmethod(check))  # type: ignore[arg-type, unused-ignore]


class _Item(Protocol):
    @property
    def id(self) -> str: ...


ItemT = TypeVar("ItemT", bound=_Item)


def upserted(items: Sequence[ItemT], new: Sequence[ItemT]) -> tuple[ItemT, ...]:
    """``items`` with each of ``new`` replacing the one with its id, or added at the end."""
    by_id = {item.id: item for item in new}
    kept = tuple(by_id.pop(item.id, item) for item in items)
    return (*kept, *(item for item in new if item.id in by_id))


def without_id(items: Sequence[ItemT], item_id: str) -> tuple[ItemT, ...]:
    """``items`` without the one with ``item_id`` (unchanged if there is none)."""
    return tuple(item for item in items if item.id != item_id)
