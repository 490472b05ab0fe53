"""The team itself: which staff groups have no voice on it, and how its meeting roles rotate.

Pure rules over the roster (:class:`~workshop_kit.model.team.Team`) and the facilitator's lists
of staff groups and meeting roles; the Day 1 panels and the summaries only show what these give.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workshop_kit.model.names import same_name
from workshop_kit.model.team import Member, RoleRotation


def member_line(name: str, role: str, represents: str) -> str:
    """How a summary names a member: name, then role and the staff group they speak for (each
    part already escaped for the format it goes into)."""
    return f"{name} ({role}{', speaks for ' + represents if represents else ''})"


def unheard_groups(members: Sequence[Member], staff_groups: Sequence[str]) -> tuple[str, ...]:
    """The staff groups, in the config's order, that no member says they speak for (by the
    kit's "same name" rule, so "grade 2" speaks for "Grade 2")."""
    return tuple(
        group for group in staff_groups if not any(same_name(group, m.represents) for m in members)
    )


def voice_summary(members: Sequence[Member], staff_groups: Sequence[str]) -> str:
    """One or two short sentences, readable on a projector, on whose voice the team lacks and
    what to do about it; empty when the config lists no staff groups."""
    if not staff_groups:
        return ""
    if not members:
        return "Add the team's members and whom each one speaks for."
    unheard = unheard_groups(members, staff_groups)
    if not unheard:
        return "Every staff group has someone on the team who speaks for it."
    return (
        f"No one on the team speaks for: {', '.join(unheard)}. "
        "Decide how you will hear from them: invite one of them, or ask a member to gather "
        "their views before each meeting."
    )


@dataclass(frozen=True)
class Rotation:
    """Who holds each rotating role at each of the team's next meetings."""

    roles: tuple[str, ...]
    #: one row per meeting: the member holding each role, in the order of ``roles``
    meetings: tuple[tuple[str, ...], ...]

    @property
    def doubled(self) -> bool:
        """Whether some member holds two roles at one meeting (more roles than members)."""
        return any(len(set(row)) < len(row) for row in self.meetings)


def rotation_order(names: Sequence[str], first: str) -> tuple[str, ...]:
    """The roster order, started at ``first`` (the top of the roster when blank or unknown)."""
    start = next((n for n, name in enumerate(names) if first and same_name(name, first)), 0)
    return (*names[start:], *names[:start])


def rotation_roles(chosen: RoleRotation, meeting_roles: Sequence[str]) -> tuple[str, ...]:
    """The roles that rotate: the team's choice, or every meeting role in the config."""
    return tuple(chosen.roles) or tuple(meeting_roles)


def rotate(names: Sequence[str], roles: Sequence[str], meetings: int) -> Rotation:
    """A fair rotation of ``roles`` among ``names`` (already in rotation order) over the next
    ``meetings`` meetings. At meeting ``m`` role ``r`` goes to member ``m + r``, counting round
    the roster, so each role passes one member down at every meeting: whoever kept time hands
    over to the next member and facilitates next time. Over as many meetings as there are
    members, every member holds every role exactly once."""
    if not names or not roles or meetings < 1:
        return Rotation(tuple(roles), ())
    count = len(names)
    rows = tuple(
        tuple(names[(meeting + offset) % count] for offset in range(len(roles)))
        for meeting in range(meetings)
    )
    return Rotation(tuple(roles), rows)


def team_rotation(
    members: Sequence[Member], chosen: RoleRotation, meeting_roles: Sequence[str], meetings: int
) -> Rotation:
    """The team's rotation: its chosen roles and first member, over the next ``meetings``."""
    order = rotation_order([m.name for m in members], chosen.first)
    return rotate(order, rotation_roles(chosen, meeting_roles), meetings)
