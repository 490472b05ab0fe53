"""Fields with a length limit carry it for the page's live counter (``wk-limit-500``).

Every text field of every panel is found by walking the panel's widgets: a field whose model
has a limit carries exactly that limit, read from the model (``limit_of``), and any other text
field is listed here with the reason it has none. A new limited field that is not tagged, or a
limit copied by hand that no longer matches the model, fails here."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import ipywidgets as widgets
import pytest
from pydantic import BaseModel

from workshop_kit.activities import day1, day2, day3, year
from workshop_kit.activities.team_picker import TeamPicker
from workshop_kit.model.goal import CandidateGoal, EvidenceNote, GoalStatement, SuccessCriterion
from workshop_kit.model.meetings import Meeting
from workshop_kit.model.plan import (
    ActionStep,
    Agenda,
    AgendaItem,
    Cycle,
    LaunchSegment,
    LaunchSession,
    Move,
    ProgressCheck,
    StaffMessage,
    TeamPlan,
)
from workshop_kit.model.progress import (
    Measurement,
    MeetingRecord,
    NextStep,
    Pdsa,
    StepCheck,
    TeamCheck,
)
from workshop_kit.model.resources import Resource, SupportRequest
from workshop_kit.model.team import Member, Team
from workshop_kit.ui.panel import Panel
from workshop_kit.ui.parts import LIMIT_CLASS, limit_of, limited
from workshop_kit.ui.row_editor import Column, RowEditor

Field = tuple[type[BaseModel], str]

#: panel -> each limited text field, by its CSS class (a table's cells by their column), and
#: the model field it fills
LIMITED: dict[type[Panel], dict[str, Field]] = {
    TeamPicker: {"wk-new-team-name": (Team, "name")},
    day1.RosterPanel: {
        "wk-team-name": (Team, "name"),
        "wk-school": (Team, "school"),
        "wk-col-name": (Member, "name"),
    },
    day1.EvidencePanel: {
        "wk-evidence-notice": (EvidenceNote, "notice"),
        "wk-evidence-explanation": (EvidenceNote, "explanation"),
    },
    day1.CandidatesPanel: {
        "wk-col-text": (CandidateGoal, "text"),
        "wk-col-evidence": (CandidateGoal, "evidence"),
    },
    day1.GoalPanel: {
        **{f"wk-goal-{key}": (GoalStatement, key) for key in GoalStatement.PARTS},
        "wk-goal-statement": (GoalStatement, "statement"),
        "wk-col-measure": (SuccessCriterion, "measure"),
        "wk-col-unit": (SuccessCriterion, "unit"),
    },
    day2.InventoryPanel: {
        "wk-resource-name": (Resource, "name"),
        "wk-resource-description": (Resource, "description"),
        "wk-resource-holder": (Resource, "holder"),
        "wk-resource-how": (Resource, "how_to_generate"),
        "wk-col-name": (Resource, "name"),
        "wk-col-holder": (Resource, "holder"),
    },
    day2.SupportPanel: {
        "wk-support-need": (SupportRequest, "need"),
        "wk-support-whom": (SupportRequest, "ask_whom"),
    },
    day3.MeetingsPanel: {
        "wk-meeting-name": (Meeting, "name"),
        "wk-meeting-attendees": (Meeting, "attendees"),
    },
    day3.RepurposePanel: {"wk-col-how": (Move, "how")},
    day3.CyclesPanel: {
        "wk-cycle-focus": (Cycle, "focus"),
        "wk-col-name": (Cycle, "name"),
        "wk-col-focus": (Cycle, "focus"),
    },
    day3.AgendaPanel: {
        "wk-agenda-purpose": (Agenda, "purpose"),
        "wk-agenda-facilitator": (Agenda, "facilitator"),
        "wk-agenda-timekeeper": (Agenda, "timekeeper"),
        "wk-agenda-note-taker": (Agenda, "note_taker"),
        "wk-col-title": (AgendaItem, "title"),
        "wk-col-lead": (AgendaItem, "lead"),
        "wk-col-notes": (AgendaItem, "notes"),
    },
    day3.ActionPlanPanel: {
        "wk-step-action": (ActionStep, "action"),
        "wk-step-owner": (ActionStep, "owner"),
        "wk-col-evidence": (ProgressCheck, "evidence"),
    },
    day3.CommunicationPanel: {
        "wk-key-message": (TeamPlan, "key_message"),
        "wk-col-audience": (StaffMessage, "audience"),
        "wk-col-who": (StaffMessage, "who"),
        "wk-col-message": (StaffMessage, "message"),
    },
    day3.LaunchPanel: {
        "wk-launch-purpose": (LaunchSession, "purpose"),
        "wk-col-title": (LaunchSegment, "title"),
        "wk-col-lead": (LaunchSegment, "lead"),
        "wk-col-notes": (LaunchSegment, "notes"),
    },
    year.MeasuresPanel: {"wk-measure-note": (Measurement, "note")},
    year.StepsPanel: {"wk-step-note": (StepCheck, "note")},
    year.PdsaPanel: {
        f"wk-pdsa-{key}": (Pdsa, key) for key in ("change", "prediction", "happened", "learned")
    },
    year.TeamCheckPanel: {"wk-check-note": (TeamCheck, "note")},
    year.IltMeetingsPanel: {
        "wk-ilt-decisions": (MeetingRecord, "decisions"),
        "wk-col-what": (NextStep, "what"),
        "wk-col-who": (NextStep, "who"),
    },
}

#: panel -> its text fields without a limit of their own: numbers, times and dates typed as
#: text, and boxes of one item a line (each line is checked when saved)
UNLIMITED: dict[type[Panel], set[str]] = {
    day1.NormsPanel: {"wk-norms-text"},  # one norm a line
    day1.GoalPanel: {"wk-col-baseline", "wk-col-target"},  # numbers
    day3.SchoolYearPanel: {"wk-holidays"},  # one holiday a line
    day3.MeetingsPanel: {
        "wk-meeting-headcount",
        "wk-meeting-minutes",
        "wk-meeting-start-time",
        "wk-meeting-dates",
        "wk-meeting-per-year",
        "wk-minutes-logistics",
        "wk-minutes-compliance",
        "wk-minutes-goal",
        "wk-minutes-other_instructional",
    },
    day3.RepurposePanel: {"wk-col-logistics", "wk-col-compliance", "wk-col-other_instructional"},
    day3.CyclesPanel: {"wk-col-weeks"},
    day3.AgendaPanel: {"wk-col-minutes"},
    day3.LaunchPanel: {"wk-launch-date", "wk-launch-minutes", "wk-launch-norms", "wk-col-minutes"},
    year.MeasuresPanel: {"wk-measure-value"},
    year.TeamCheckPanel: {"wk-check-instructional", "wk-check-managerial"},
}

#: panels with no text field at all
NO_TEXT = {
    day1.MeetingRolesPanel,
    day1.RatingsPanel,
    day1.SummaryPanel,
    day2.FrameworkPanel,
    day2.MapPanel,
    day2.InsightsPanel,
    day2.LinksPanel,
    day2.SummaryPanel,
    day3.LedgerPanel,
    day3.TeamPlanPanel,
    year.ProgressReportPanel,
}

PANELS = sorted({*LIMITED, *UNLIMITED, *NO_TEXT}, key=lambda p: f"{p.__module__}.{p.__name__}")
#: a field's name: its CSS class, without the id of the item a row of fields is repeated for
ONE_PER_ITEM = re.compile(r"^(wk-support-(?:need|whom))-.+$")


def _walk(widget: Any) -> Iterator[Any]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def text_fields(panel: Panel) -> dict[str, set[str]]:
    """Each text field of ``panel`` by its name, with the limit classes it carries. A table
    with no rows gets an empty one first, so its cells are there to be looked at."""
    for table in [w for w in _walk(panel) if isinstance(w, RowEditor)]:
        if not table.rows:
            table.add_button.click()
    found: dict[str, set[str]] = {}
    for w in _walk(panel):
        if not isinstance(w, widgets.Text | widgets.Textarea):
            continue
        classes = set(w._dom_classes)
        limits = {c for c in classes if c.startswith(LIMIT_CLASS)}
        names = sorted(c for c in classes - limits if c != "wk-live")
        name = ONE_PER_ITEM.sub(r"\1", " ".join(names))
        found.setdefault(name, set()).update(limits)
    return found


@pytest.mark.parametrize(
    "panel", PANELS, ids=lambda p: f"{p.__module__.split('.')[-2]}.{p.__name__}"
)
def test_each_limited_field_carries_its_models_limit(session: Any, panel: type[Panel]) -> None:
    expected = {
        name: {f"{LIMIT_CLASS}{limit_of(model, key)}"}
        for name, (model, key) in LIMITED.get(panel, {}).items()
    }
    expected.update({name: set() for name in UNLIMITED.get(panel, set())})
    assert text_fields(panel(session)) == expected


@pytest.mark.parametrize(
    "panel", sorted(LIMITED, key=lambda p: p.__name__), ids=lambda p: p.__name__
)
def test_limited_fields_send_their_value_only_when_left(session: Any, panel: type[Panel]) -> None:
    """The counter is the page's: a limited field sends no keystrokes to the kernel."""
    live = [
        w._dom_classes
        for w in _walk(panel(session))
        if isinstance(w, widgets.Text | widgets.Textarea)
        and any(c.startswith(LIMIT_CLASS) for c in w._dom_classes)
        and w.continuous_update
    ]
    assert live == []


class TestTheParts:
    def test_the_limit_is_read_from_the_model(self) -> None:
        assert limit_of(ProgressCheck, "evidence") == 500
        assert limit_of(GoalStatement, "statement") == 1000
        assert limit_of(Cycle, "weeks") is None  # a number: no length

    def test_limited_tags_a_field_and_refuses_a_field_without_a_limit(self) -> None:
        field = limited(widgets.Textarea(), EvidenceNote, "notice")
        assert f"{LIMIT_CLASS}500" in field._dom_classes
        with pytest.raises(ValueError):
            limited(widgets.Text(), Cycle, "weeks")

    def test_a_column_of_a_model_takes_its_limit(self) -> None:
        assert Column.of(Member, "name").limit == limit_of(Member, "name")
        assert Column("name", "Name").limit is None
