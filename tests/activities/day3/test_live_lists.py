"""Day 3's lists follow another device's saves (issue 31, item 8): one look for saves made
elsewhere (a page makes one every 2 s) brings the meetings list and table, the agendas list and
the action plan up to date, while what is typed on this device stays in its fields."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from workshop_kit.activities import day3
from workshop_kit.session import Session
from workshop_kit.store import Workspace


def other_device(session: Session) -> Session:
    """The same team's page on another device: a session of its own on its own workbook."""
    workspace = Workspace(session.workspace.root)
    return Session(workspace, workspace.open_team(session.team.slug))


def choices(panel: Any) -> list[str]:
    return [label for label, _ in panel.form.choice.options]


class TestDay3ListsFollowOtherDevices:
    def test_a_meeting_added_elsewhere_is_listed_and_the_typing_here_stays(
        self, session: Session, fill_meeting: Callable[..., None]
    ) -> None:
        here = day3.MeetingsPanel(session)
        here.fields["name"].value = "Typed here, not saved"
        laptop = day3.MeetingsPanel(other_device(session))
        fill_meeting(laptop, name="Reading intervention team")
        laptop.save_button.click()
        assert laptop.form_message.kind == "ok", laptop.form_message.text
        assert "change ‘Reading intervention team’" not in choices(here)

        session.check_for_saves_elsewhere()
        assert "change ‘Reading intervention team’" in choices(here)
        assert "Reading intervention team" in here.table.value
        assert here.fields["name"].value == "Typed here, not saved"
        assert here.form.editing is None and here.save_button.description == "Add this meeting"
        assert "saved changes to" in here.merge_note.text

    def test_an_agenda_saved_elsewhere_is_listed_and_the_agenda_typed_here_stays(
        self, session: Session
    ) -> None:
        here = day3.AgendaPanel(session)
        here.purpose.value = "Typed here, not saved"
        laptop = day3.AgendaPanel(other_device(session))
        laptop.draft_button.click()
        laptop.purpose.value = "Choose the focus of cycle 2"
        laptop.date.value = laptop.date.options[3][1]
        laptop.save_button.click()
        assert laptop.form_message.kind == "ok", laptop.form_message.text
        before = len(choices(here))

        session.check_for_saves_elsewhere()
        assert len(choices(here)) == before + 1
        assert choices(here)[-1] == laptop.saved_choice.options[-1][0]
        assert here.purpose.value == "Typed here, not saved"
        assert here.form.editing is None

    def test_a_step_saved_elsewhere_is_in_the_action_plan_and_the_step_typed_here_stays(
        self, session: Session
    ) -> None:
        here = day3.ActionPlanPanel(session)
        here.action.value = "Typed here, not saved"
        laptop = day3.ActionPlanPanel(other_device(session))
        laptop.action.value = "Collect September writing samples"
        laptop.owner.value = laptop.owner.options[0]
        laptop.start.value, laptop.due.value = dt.date(2026, 9, 1), dt.date(2026, 9, 18)
        laptop.save_button.click()
        assert laptop.form_message.kind == "ok", laptop.form_message.text
        assert "Collect September writing samples" not in here.table.value

        session.check_for_saves_elsewhere()
        assert "change ‘Collect September writing samples’" in choices(here)
        assert "Collect September writing samples" in here.table.value
        assert "8 steps" in repr(here)
        assert here.action.value == "Typed here, not saved"

    def test_the_team_plan_shows_a_step_saved_elsewhere(self, session: Session) -> None:
        plan = day3.TeamPlanPanel(session)
        laptop = day3.ActionPlanPanel(other_device(session))
        laptop.action.value = "Collect September writing samples"
        laptop.owner.value = laptop.owner.options[0]
        laptop.start.value, laptop.due.value = dt.date(2026, 9, 1), dt.date(2026, 9, 18)
        laptop.save_button.click()
        assert laptop.form_message.kind == "ok", laptop.form_message.text
        assert "7 steps" in repr(plan)

        session.check_for_saves_elsewhere()
        assert "8 steps" in repr(plan)

    def test_a_meeting_saved_elsewhere_is_offered_and_the_agenda_and_step_typed_here_stay(
        self, session: Session, fill_meeting: Callable[..., None]
    ) -> None:
        """The agenda and the action step forms rebuilt themselves on any meeting saved
        elsewhere (or here), emptying what a member was typing into them."""
        agenda = day3.AgendaPanel(session)
        agenda.draft_button.click()
        agenda.purpose.value = "Typed here, not saved"
        items = agenda.items.values()
        steps = day3.ActionPlanPanel(session)
        steps.action.value = "Typed here, not saved"
        steps.owner.value = "Marcus Lee"
        laptop = day3.MeetingsPanel(other_device(session))
        fill_meeting(laptop, name="Reading intervention team")
        laptop.save_button.click()
        assert laptop.form_message.kind == "ok", laptop.form_message.text

        session.check_for_saves_elsewhere()
        assert "Reading intervention team" in [label for label, _ in agenda.meeting.options]
        assert agenda.purpose.value == "Typed here, not saved"
        assert agenda.items.values() == items
        assert steps.action.value == "Typed here, not saved"
        assert steps.owner.value == "Marcus Lee"
