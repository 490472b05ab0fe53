"""Day 3, agendas: the panel driven headlessly, as a team would:
set values, click, then look at the files."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workshop_kit.activities import day3
from workshop_kit.model.plan import TeamPlan
from workshop_kit.session import Session


class TestAgendas:
    def test_a_drafted_agenda_adds_up_and_is_saved(self, session: Session) -> None:
        panel = day3.AgendaPanel(session)
        assert panel.saved_choice.value == ""  # the form starts on a new agenda
        assert "1 agenda saved, none open" in repr(panel)
        panel.saved_choice.value = panel.saved_choice.options[1][1]  # the demo's saved agenda
        assert "meets 6 of 6 practices" in repr(panel)
        panel.saved_choice.value = ""  # a new agenda
        assert panel.meeting.value == "ilt"
        panel.draft_button.click()
        assert sum(int(r["minutes"]) for r in panel.items.values()) == 75
        assert "meets 4 of 6 practices" in repr(panel)  # purpose and roles still missing
        panel.purpose.value = "Plan cycle 2"
        for box, who in zip(panel.roles, ("Ana Ruiz", "Marcus Lee", "Priya Shah"), strict=True):
            box.value = who
        assert "meets 6 of 6" in repr(panel)
        panel.date.value = panel.date.options[3][1]
        panel.save_button.click()
        assert panel.form_message.kind == "ok", panel.form_message.text
        assert panel.form_message.text == (
            "Added the agenda (75 minutes). The form is empty for the next agenda."
        )
        assert len(session.team.load(TeamPlan).agendas) == 2

    def test_minutes_that_do_not_fill_the_meeting_are_refused(
        self, session: Session, revision: Callable[..., Any]
    ) -> None:
        panel = day3.AgendaPanel(session)
        panel.saved_choice.value = panel.saved_choice.options[1][1]
        before = revision(session, "plan.yaml")
        panel.items.rows[2].widgets["minutes"].value = "35"
        assert "minutes too few" in panel.checklist.value
        panel.save_button.click()
        assert panel.form_message.kind == "error"
        assert "10 minutes too few" in panel.form_message.text
        assert revision(session, "plan.yaml") == before


class TestTheAgendaFormNeverOverwrites:
    def test_two_agendas_in_a_row_and_a_change_named_on_the_button(
        self, session: Session, new_team: Callable[..., Any], fill_meeting: Callable[..., Any]
    ) -> None:
        new_team(session)
        meetings = day3.MeetingsPanel(session)
        fill_meeting(meetings, name="ILT", type="ilt")
        meetings.save_button.click()
        panel = day3.AgendaPanel(session)
        for n in (1, 2):
            assert panel.save_button.description == "Add this agenda"
            panel.date.value = panel.date.options[n][1]
            panel.draft_button.click()
            panel.purpose.value = f"Agenda {n}"
            panel.save_button.click()
            assert panel.form_message.kind == "ok", panel.form_message.text
            assert panel.purpose.value == "" and panel.items.values() == []
        agendas = session.team.load(TeamPlan).agendas
        assert [a.purpose for a in agendas] == ["Agenda 1", "Agenda 2"]
        panel.saved_choice.value = agendas[0].id
        assert panel.save_button.description == "Save changes to ‘ILT, 2026-09-01’"
        panel.purpose.value = "Agenda 1, changed"
        panel.save_button.click()
        assert panel.form_message.text.startswith("Saved the changes to the agenda (45 minutes)")
        assert panel.form.editing is None and panel.purpose.value == ""
        assert [a.purpose for a in session.team.load(TeamPlan).agendas] == [
            "Agenda 1, changed",
            "Agenda 2",
        ]


class TestRolesComeFromTheConfig:
    def test_a_one_role_config_labels_only_the_first_role(self, session: Session) -> None:
        """The Timekeeper was labelled ‘Facilitator’: labels were indexed past the config's."""
        from workshop_kit.config import default_config_dir

        text = (default_config_dir() / "day3.yaml").read_text(encoding="utf-8")
        assert "  roles: [Facilitator, Timekeeper, Note-taker]\n" in text
        folder = session.workspace.root / "config"
        folder.mkdir()
        (folder / "day3.yaml").write_text(
            text.replace("  roles: [Facilitator, Timekeeper, Note-taker]", "  roles: [Chair]"),
            "utf-8",
        )
        panel = day3.AgendaPanel(session)
        labels = {role: w.description for role, w in panel.role_fields.items()}
        assert labels == {
            "facilitator": "Chair",
            "timekeeper": "Timekeeper",
            "note_taker": "Note-taker",
        }
