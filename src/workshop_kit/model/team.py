"""The team itself: who is on it, in what role, and the norms it agreed."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field, field_validator

from workshop_kit.model.base import Document, Record

NAME_MAX = 80
NORM_MAX = 300


class Member(Record):
    name: str = Field(min_length=1, max_length=NAME_MAX)
    role: str = Field(min_length=1, max_length=NAME_MAX)


class Team(Document):
    """``team.yaml``: the roster and the team's norms."""

    FILE_NAME: ClassVar[str] = "team.yaml"
    TITLE: ClassVar[str] = "the team roster and norms"

    name: str = Field(default="", max_length=NAME_MAX)
    school: str = Field(default="", max_length=120)
    members: tuple[Member, ...] = ()
    norms: tuple[str, ...] = ()
    norms_agreed: bool = False

    @field_validator("members")
    @classmethod
    def _unique_members(cls, members: tuple[Member, ...]) -> tuple[Member, ...]:
        seen: set[str] = set()
        for member in members:
            key = member.name.casefold()
            if key in seen:
                raise ValueError(f"lists ‘{member.name}’ twice; each member needs their own name")
            seen.add(key)
        return members

    @field_validator("norms")
    @classmethod
    def _plain_norms(cls, norms: tuple[str, ...]) -> tuple[str, ...]:
        cleaned = tuple(n.strip() for n in norms)
        for norm in cleaned:
            if not norm:
                raise ValueError("holds an empty norm; remove it or write it out")
            if len(norm) > NORM_MAX:
                raise ValueError(f"holds a norm longer than {NORM_MAX} characters")
        return cleaned

    @property
    def member_names(self) -> tuple[str, ...]:
        return tuple(m.name for m in self.members)
