"""ILT meeting agendas built from the meeting practices that make leadership team time count.

A draft starts from the facilitator's template: fixed items keep their minutes and one flexible item
(looking at student work) takes the rest, so the items always add up to the meeting's length. The
check lists each practice (purpose, roles, timed items, a real problem of practice, next steps, a
check of the meeting) and says plainly which are missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from workshop_kit.config.day3 import AgendaTemplate
from workshop_kit.errors import InputError
from workshop_kit.model.meetings import Meeting
from workshop_kit.model.plan import Agenda, AgendaItem

MIN_LEARNING_SHARE = 0.4


def fit_minutes(fixed: Sequence[int | None], length: int) -> list[int]:
    """Minutes per item adding up to ``length``: the ``None`` item takes what the others leave.

    When the fixed items alone would fill the meeting, they shrink in proportion (each keeps at
    least one minute) so the flexible item still gets time.
    """
    if length < len(fixed):
        raise InputError(
            f"A {length}-minute meeting is too short for {len(fixed)} agenda items.",
            field="minutes",
        )
    fixed_total = sum(m for m in fixed if m is not None)
    room = length - 1  # the flexible item keeps at least one minute
    scale = min(1.0, room / fixed_total) if fixed_total else 1.0
    minutes = [None if m is None else max(1, int(m * scale)) for m in fixed]
    used = sum(m for m in minutes if m is not None)
    while used > room:  # rounding up to one minute each can overshoot: trim the largest items
        biggest = max(
            (i for i, m in enumerate(minutes) if m is not None and m > 1),
            key=lambda i: minutes[i] or 0,
        )
        minutes[biggest] = (minutes[biggest] or 1) - 1
        used -= 1
    return [length - used if m is None else m for m in minutes]


def draft_agenda(
    agenda_id: str,
    meeting: Meeting,
    template: AgendaTemplate,
    *,
    date: dt.date | None = None,
    purpose: str = "",
    roles: Sequence[str] = ("", "", ""),
) -> Agenda:
    """A first agenda for ``meeting`` from the template, timed to the meeting's length."""
    minutes = fit_minutes([item.minutes for item in template.items], meeting.minutes)
    facilitator, timekeeper, note_taker = [*roles, "", "", ""][:3]
    return Agenda(
        id=agenda_id,
        meeting_id=meeting.id,
        date=date,
        purpose=purpose,
        facilitator=facilitator,
        timekeeper=timekeeper,
        note_taker=note_taker,
        items=tuple(
            AgendaItem(title=item.title, minutes=m, kind=item.kind, notes=item.practice)
            for item, m in zip(template.items, minutes, strict=True)
        ),
    )


@dataclass(frozen=True)
class PracticeCheck:
    practice: str
    ok: bool
    message: str


def agenda_checks(agenda: Agenda, meeting: Meeting | None) -> list[PracticeCheck]:
    """One line per meeting practice, in the order a meeting runs."""
    checks: list[PracticeCheck] = []
    total = agenda.total_minutes
    if meeting is None:
        checks.append(PracticeCheck("on_time", False, "Choose the meeting this agenda is for."))
    elif total == meeting.minutes:
        checks.append(
            PracticeCheck(
                "on_time",
                True,
                f"The items fill the {meeting.minutes} minutes exactly: "
                "you can start and end on time.",
            )
        )
    else:
        diff = total - meeting.minutes
        more_less = f"{diff} minutes too many" if diff > 0 else f"{-diff} minutes too few"
        checks.append(
            PracticeCheck(
                "on_time",
                False,
                f"The items add up to {total} minutes, {more_less} for "
                f"the {meeting.minutes}-minute meeting.",
            )
        )
    checks.append(
        PracticeCheck("purpose", True, "The purpose is stated.")
        if agenda.purpose.strip()
        else PracticeCheck("purpose", False, "State the purpose of the meeting in one sentence.")
    )
    missing_roles = [
        label
        for label, who in (
            ("facilitator", agenda.facilitator),
            ("timekeeper", agenda.timekeeper),
            ("note-taker", agenda.note_taker),
        )
        if not who.strip()
    ]
    checks.append(
        PracticeCheck(
            "roles",
            not missing_roles,
            "Every role has a person."
            if not missing_roles
            else f"Name the {', '.join(missing_roles)}.",
        )
    )
    learning = sum(i.minutes for i in agenda.items if i.kind == "learning")
    share = learning / total if total else 0
    if learning and share >= MIN_LEARNING_SHARE:
        checks.append(
            PracticeCheck(
                "problem_of_practice",
                True,
                f"{share:.0%} of the time goes to a real problem of practice.",
            )
        )
    else:
        checks.append(
            PracticeCheck(
                "problem_of_practice",
                False,
                f"Give at least {MIN_LEARNING_SHARE:.0%} of the time to a real problem of practice "
                "with concrete examples such as student work (an item of kind ‘learning’).",
            )
        )
    has = {i.kind for i in agenda.items}
    checks.append(
        PracticeCheck("next_steps", True, "There is time to agree next steps.")
        if "next_steps" in has
        else PracticeCheck("next_steps", False, "Leave time to agree who does what by when.")
    )
    checks.append(
        PracticeCheck("check", True, "The meeting ends with a short check of how it went.")
        if "check" in has
        else PracticeCheck("check", False, "End with a short check of how the meeting went.")
    )
    return checks


def check_agenda(agenda: Agenda, meeting: Meeting | None) -> None:
    """Refuse to save an agenda whose minutes do not add up to its meeting's length."""
    if meeting is None:
        raise InputError("Choose the meeting this agenda is for.", field="meeting")
    first = agenda_checks(agenda, meeting)[0]
    if not first.ok:
        raise InputError(first.message + " Change the minutes so they add up.", field="minutes")
