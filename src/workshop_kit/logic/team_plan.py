"""The team plan as one connected picture: goal -> success criteria -> resources -> meeting time ->
actions -> progress checks.

Built from every file of the workbook at once, so it is the one place where links between days are
followed (a step's resource ids become Day 2 names, a cycle's meetings become dates and hours).
Exports and the Day 3 summary panel render it; nothing here writes files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from workshop_kit.config.day3 import Day3Config
from workshop_kit.errors import InputError
from workshop_kit.logic.action_plan import PlanWindow, names, plan_problems
from workshop_kit.logic.agenda import PracticeCheck, agenda_checks
from workshop_kit.logic.cycles import PlacedCycle, cycle_problems, place_cycle
from workshop_kit.logic.launch import LaunchCheck, launch_checks, launch_problems
from workshop_kit.logic.ledger import Ledger, build_ledger
from workshop_kit.logic.repurpose import WhatIf, what_if
from workshop_kit.logic.team import Rotation, team_rotation, voice_summary
from workshop_kit.model.goal import GoalWork, SuccessCriterion
from workshop_kit.model.meetings import MeetingTime, Purpose, SchoolYear
from workshop_kit.model.plan import ActionStep, Agenda, TeamPlan
from workshop_kit.model.resources import Resource, ResourceInventory, SupportRequest
from workshop_kit.model.team import Team


@dataclass(frozen=True)
class CriterionLink:
    """One success criterion and everything in the plan that serves it."""

    criterion: SuccessCriterion
    resources: tuple[str, ...]
    cycles: tuple[PlacedCycle, ...]
    cycle_hours: float
    actions: tuple[ActionStep, ...]
    checks: tuple[tuple[dt.date, str], ...]

    @property
    def covered(self) -> bool:
        return bool(self.actions or self.cycles)


@dataclass(frozen=True)
class DatedStep:
    """One thing the plan says will happen, with its dates and who does it: what the staff summary
    lists as the next steps."""

    start: dt.date
    end: dt.date | None
    what: str
    who: str


@dataclass(frozen=True)
class TeamPlanSummary:
    team: Team
    goal: GoalWork
    inventory: ResourceInventory
    meetings: MeetingTime
    plan: TeamPlan
    config: Day3Config
    year: SchoolYear
    ledger: Ledger
    what_if: WhatIf
    cycles: tuple[PlacedCycle, ...]
    problems: tuple[str, ...]
    agenda_checks: dict[str, list[PracticeCheck]] = field(default_factory=dict)
    #: the Day 2 labels of the forms of leadership support, by id
    support_labels: dict[str, str] = field(default_factory=dict)
    #: the team's own meeting roles in rotation (Day 1), and whose voice it lacks
    rotation: Rotation = field(default_factory=lambda: Rotation((), ()))
    voice: str = ""

    @classmethod
    def of(
        cls,
        team: Team,
        goal: GoalWork,
        inventory: ResourceInventory,
        meetings: MeetingTime,
        plan: TeamPlan,
        config: Day3Config,
        support_labels: Mapping[str, str] | None = None,
        *,
        meeting_roles: Sequence[str] = (),
        staff_groups: Sequence[str] = (),
        rotation_meetings: int = 3,
    ) -> TeamPlanSummary:
        year = meetings.year_or(config.school_year)
        problems: list[str] = []
        try:
            ledger = build_ledger(meetings.meetings, year)
        except InputError as exc:  # a hand-edited file; show the plan without that meeting's dates
            problems.append(exc.message)
            ledger = build_ledger([m for m in meetings.meetings if not m.recurrence.dates], year)
        result = what_if(ledger, plan.moves)
        problems += result.problems
        placed = tuple(place_cycle(c, ledger, config.cycle.phases) for c in plan.cycles)
        problems += cycle_problems(plan.cycles, ledger)
        window = PlanWindow.around(year, config.action_window_days)
        problems += plan_problems(
            plan.actions, cls._resource_names(inventory), cls._criterion_names(goal), window
        )
        problems += launch_problems(
            plan.launch,
            members=team.member_names,
            year=year,
            routine_labels=config.launch.routine_labels,
        )
        checks = {a.id: agenda_checks(a, meetings.meeting(a.meeting_id)) for a in plan.agendas}
        return cls(
            team,
            goal,
            inventory,
            meetings,
            plan,
            config,
            year,
            ledger,
            result,
            placed,
            tuple(problems),
            checks,
            dict(support_labels or {}),
            team_rotation(team.members, team.rotation, meeting_roles, rotation_meetings),
            voice_summary(team.members, staff_groups),
        )

    @property
    def support_requests(self) -> list[tuple[str, SupportRequest]]:
        """The support the team will ask its district or network for (Day 2), each with the
        label of its form."""
        return [
            (self.support_labels.get(r.form, r.form.replace("_", " ").capitalize()), r)
            for r in self.inventory.support_requests
        ]

    @staticmethod
    def _resource_names(inventory: ResourceInventory) -> dict[str, str]:
        return {r.id: r.name for r in inventory.resources}

    @staticmethod
    def _criterion_names(goal: GoalWork) -> dict[str, str]:
        return {c.id: c.measure for c in goal.success_criteria}

    @property
    def resource_names(self) -> dict[str, str]:
        return self._resource_names(self.inventory)

    @property
    def criterion_names(self) -> dict[str, str]:
        return self._criterion_names(self.goal)

    def resources_of(self, step: ActionStep) -> list[str]:
        return names(step.resource_ids, self.resource_names)

    def criteria_of(self, ids: tuple[str, ...]) -> list[str]:
        return names(ids, self.criterion_names)

    def resource(self, resource_id: str) -> Resource | None:
        return self.inventory.resource(resource_id)

    def meeting_name(self, meeting_id: str) -> str:
        meeting = self.meetings.meeting(meeting_id)
        return meeting.name if meeting else f"(removed: {meeting_id})"

    def cycle_hours(self, placed: PlacedCycle) -> float:
        """Hours the cycle's sessions give to the goal: each session's goal minutes with the
        re-purposing plan, not the whole meeting (the rest of it is still spent on logistics and
        the like). So cycle time never exceeds the goal time the plan's headline counts."""
        minutes = 0
        for session in placed.sessions:
            line = self.ledger.line(session.meeting_id)
            if line is None or session.date not in line.dates:
                continue
            index = line.dates.index(session.date)
            minutes += self.what_if.purposes_at(session.meeting_id, index)[Purpose.GOAL]
        return minutes / 60

    def linked_resources(self, criterion: SuccessCriterion) -> list[str]:
        """The resources that serve a criterion: those the team linked to it on Day 2, then
        those its action steps draw on, each once, in that order."""
        found = dict.fromkeys(
            r.name for r in self.inventory.resources if criterion.id in r.success_criteria
        )
        for step in self.plan.actions:
            if criterion.id in step.criterion_ids:
                found.update(dict.fromkeys(self.resources_of(step)))
        return list(found)

    def links(self) -> list[CriterionLink]:
        """For each success criterion: resources, learning cycles, actions and progress checks."""
        result = []
        for criterion in self.goal.success_criteria:
            steps = tuple(s for s in self.plan.actions if criterion.id in s.criterion_ids)
            resources = self.linked_resources(criterion)
            cycles = tuple(p for p in self.cycles if criterion.id in p.cycle.criterion_ids)
            checks = tuple(sorted({(c.date, c.evidence) for s in steps for c in s.progress_checks}))
            result.append(
                CriterionLink(
                    criterion,
                    tuple(resources),
                    cycles,
                    sum(self.cycle_hours(p) for p in cycles),
                    steps,
                    checks,
                )
            )
        return result

    def next_steps(self, today: dt.date, count: int = 5) -> list[DatedStep]:
        """The first ``count`` steps of the plan not over by ``today``, by start date: the
        session the team leads for its staff, the learning cycles and the action steps not done
        (a step already under way is listed until its due date)."""
        steps: list[DatedStep] = []
        launch = self.plan.launch
        if launch is not None and launch.date is not None and launch.date >= today:
            steps.append(
                DatedStep(
                    launch.date, None, "The session we lead for our staff", "Our leadership team"
                )
            )
        for placed in self.cycles:
            if placed.end >= today:
                cycle = placed.cycle
                name = f"{cycle.name}: {cycle.focus}" if cycle.focus else cycle.name
                meetings = ", ".join(self.meeting_name(m) for m in cycle.meeting_ids)
                steps.append(DatedStep(cycle.start, placed.end, name, meetings))
        for step in self.plan.actions:
            if step.status != "done" and step.due >= today:
                steps.append(DatedStep(step.start, step.due, step.action, step.owner))
        steps.sort(key=lambda s: (s.start, s.end or s.start))
        return steps[:count]

    def routine_label(self, routine_id: str) -> str:
        """How the Day 3 config names a routine the launch session models ("" for none; an id
        the config no longer lists is shown as words)."""
        if not routine_id:
            return ""
        return self.config.launch.routine_labels.get(routine_id, routine_id.replace("_", " "))

    @property
    def launch_checks(self) -> list[LaunchCheck]:
        """The launch session's checklist (empty when the team has not planned one)."""
        if self.plan.launch is None:
            return []
        return launch_checks(
            self.plan.launch,
            members=self.team.member_names,
            year=self.year,
            routine_labels=self.config.launch.routine_labels,
            goal=self.goal.goal.statement,
        )

    def agenda_meeting_minutes(self, agenda: Agenda) -> int | None:
        meeting = self.meetings.meeting(agenda.meeting_id)
        return meeting.minutes if meeting else None

    @property
    def title(self) -> str:
        return f"{self.team.name or 'Our team'}: our plan for {self.year.label}"
