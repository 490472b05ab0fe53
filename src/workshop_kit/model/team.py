"""The team itself: who is on it, in what role, whom each member speaks for, the norms it agreed,
and how its own meeting roles rotate."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from pydantic import Field, field_validator

from workshop_kit.errors import InputError
from workshop_kit.model.base import Document, OneLine, Record, Upgrade
from workshop_kit.model.names import name_key, same_name
from workshop_kit.validation import build, describe_field

NAME_MAX = 80
NORM_MAX = 300


def first_repeat(names: Iterable[str]) -> int | None:
    """The position of the first name that repeats an earlier one (the kit's "same name" rule,
    :func:`~workshop_kit.model.names.name_key`), or None when every name is its own."""
    seen: set[str] = set()
    for index, name in enumerate(names):
        key = name_key(name)
        if key in seen:
            return index
        seen.add(key)
    return None


def member_field(index: int) -> str:
    """How an error names the member at ``index`` (as :func:`validation.build` names fields)."""
    return describe_field(("members", index))


def plain_norms(norms: Iterable[str]) -> tuple[str, ...]:
    """Norms as a team keeps them (in ``team.yaml``, and in the launch session it leads): each
    one written out, and none longer than a sentence or two."""
    cleaned = tuple(n.strip() for n in norms)
    for norm in cleaned:
        if not norm:
            raise ValueError("holds an empty norm; remove it or write it out")
        if len(norm) > NORM_MAX:
            raise ValueError(f"holds a norm longer than {NORM_MAX} characters")
    return cleaned


class Member(Record):
    name: OneLine = Field(min_length=1, max_length=NAME_MAX, title="Name")
    role: OneLine = Field(min_length=1, max_length=NAME_MAX, title="Role")
    #: the staff group this member brings the voice of (a grade, a department, specialists),
    #: one of the facilitator's ``staff_groups``; blank when not said
    represents: OneLine = Field(default="", max_length=NAME_MAX, title="Speaks for")


class RoleRotation(Record):
    """Which of the team's own meeting roles rotate, and who takes the first one first. Blank
    parts fall back: every meeting role in the config, starting from the top of the roster."""

    roles: tuple[OneLine, ...] = Field(default=(), title="the roles that rotate")
    first: OneLine = Field(default="", max_length=NAME_MAX, title="who starts")


class Team(Document):
    """``team.yaml``: the roster and the team's norms."""

    FILE_NAME: ClassVar[str] = "team.yaml"
    TITLE: ClassVar[str] = "the team roster and norms"

    name: OneLine = Field(default="", max_length=NAME_MAX, title="the team name")
    school: OneLine = Field(default="", max_length=120, title="the school")
    members: tuple[Member, ...] = Field(default=(), title="the roster")
    norms: tuple[str, ...] = Field(default=(), title="the norms")
    norms_agreed: bool = Field(default=False, title="whether the norms are agreed")
    rotation: RoleRotation = Field(default=RoleRotation(), title="the meeting roles")

    SCHEMA_VERSION: ClassVar[int] = 2
    # 2 adds each member's ``represents`` (blank when absent) and ``rotation`` (the config's
    # roles from the top of the roster when absent): nothing to change in a version 1 file
    UPGRADES: ClassVar[dict[int, Upgrade]] = {1: lambda data: data}

    MERGE_KEYS: ClassVar[dict[str, str]] = {"members": "name"}

    @field_validator("members")
    @classmethod
    def _unique_members(cls, members: tuple[Member, ...]) -> tuple[Member, ...]:
        repeat = first_repeat(m.name for m in members)
        if repeat is not None:
            name = members[repeat].name
            raise ValueError(f"lists ‘{name}’ twice; each member needs their own name")
        return members

    @field_validator("norms")
    @classmethod
    def _plain_norms(cls, norms: tuple[str, ...]) -> tuple[str, ...]:
        return plain_norms(norms)

    @property
    def member_names(self) -> tuple[str, ...]:
        return tuple(m.name for m in self.members)

    def _with(self, **changes: Any) -> Team:
        """A validated copy; a problem is an :class:`InputError` naming its field."""
        return build(Team, {**self.model_dump(), **changes})

    # -- domain edits: each returns a new, validated document --------------------------------

    def with_roster(self, name: str, school: str, members: Sequence[Member]) -> Team:
        """The team's name, school and members as the roster lists them. Two members with the
        same name (see :func:`first_repeat`) are refused with an error whose ``field`` names the
        second one (:func:`member_field`), so a roster can mark its row."""
        repeat = first_repeat(m.name for m in members)
        if repeat is not None:
            raise InputError(
                f"{members[repeat].name} is already on the list.", field=member_field(repeat)
            )
        first = self.rotation.first
        if first and not any(same_name(first, m.name) for m in members):
            first = ""  # who started the rotation has left: it starts from the top again
        return self._with(
            name=name,
            school=school,
            members=list(members),
            rotation={**self.rotation.model_dump(), "first": first},
        )

    def with_norms(self, norms: Sequence[str], agreed: bool) -> Team:
        """The team's norms, and whether everyone can live with them (which needs a norm)."""
        if agreed and not norms:
            raise InputError(
                "Write at least one norm before marking them agreed.", field="norms_agreed"
            )
        return self._with(norms=list(norms), norms_agreed=agreed)

    def with_rotation(self, roles: Sequence[str], first: str) -> Team:
        """The meeting roles that rotate (at least one, none twice) and who takes the first one
        at the next meeting (someone on the roster, or blank for the top of the roster)."""
        if not roles:
            raise InputError("Tick at least one role that rotates.", field="rotation")
        repeat = first_repeat(roles)
        if repeat is not None:
            raise InputError(f"‘{roles[repeat]}’ is listed twice.", field="rotation")
        if first and not any(same_name(first, m) for m in self.member_names):
            raise InputError(f"{first} is not on the roster.", field="rotation")
        return self._with(rotation={"roles": list(roles), "first": first})

    @staticmethod
    def norms_with_suggestions(
        norms: Sequence[str], suggested: Sequence[str]
    ) -> tuple[tuple[str, ...], int]:
        """``norms`` followed by the suggestions not already among them (by the "same name"
        rule), and how many were added."""
        extra = [s for s in suggested if not any(same_name(s, n) for n in norms)]
        return (*norms, *extra), len(extra)
