"""Day 3, the back-to-school session the team leads: the panel driven headlessly, as a team
would: set values, click, then look at the files and the page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workshop_kit.activities import day3
from workshop_kit.activities.day3.launch import NO_ROUTINE
from workshop_kit.model.team import Team
from workshop_kit.session import Session


def fill_parts(panel: day3.LaunchPanel, parts: list[tuple[str, str, str, str]]) -> None:
    """Type the agenda: (minutes, part, who leads, routine label) per row."""
    panel.segments.set_rows([])
    for minutes, title, lead, routine in parts:
        panel.segments.add_button.click()
        row = panel.segments.rows[-1].widgets
        row["minutes"].value, row["title"].value = minutes, title
        row["lead"].value, row["routine"].value = lead, routine


class TestPlanningTheSession:
    def test_a_new_team_types_its_session_saves_it_and_sees_it(
        self,
        session: Session,
        new_team: Callable[..., Any],
        saved: Callable[[Session, str], dict[str, Any]],
    ) -> None:
        new_team(session)
        session.team.save(Team(name="Lincoln ILT", norms=("We start on time.", "Everyone speaks.")))
        panel = day3.LaunchPanel(session)
        assert "no launch session saved yet" in repr(panel)
        assert panel.norms.value == "We start on time.\nEveryone speaks."  # the team's own
        assert panel.minutes.value == "120"  # the config's usual length
        panel.purpose.value = "Every teacher tries think-pair-share on student writing."
        panel.date.value = "2026-08-20"
        panel.minutes.value = "60"
        fill_parts(
            panel,
            [
                ("15", "The ball game", "Ana Ruiz", "The ball game"),
                ("35", "Student writing, in pairs", "Ana Ruiz", "Think-pair-share"),
                ("10", "How did it go?", "", NO_ROUTINE),
            ],
        )
        assert "Name who leads ‘How did it go?’" in panel.checklist.value
        assert "‘Ana Ruiz’ is not on the team roster" in panel.checklist.value  # no roster yet
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        assert panel.messages.text == (
            "Saved the launch session: 3 parts in 60 minutes. 2 points of the checklist still open."
        )
        launch = saved(session, "plan.yaml")["launch"]
        assert launch["date"] == "2026-08-20" and launch["minutes"] == 60
        assert [s["routine"] for s in launch["segments"]] == ["ball_game", "think_pair_share", ""]
        assert launch["norms"] == ["We start on time.", "Everyone speaks."]
        assert repr(panel).endswith(
            "a 60-minute launch session on 2026-08-20: 3 parts, 2 routines modelled, 1 lead>"
        )
        # the page shows it in the plan the team prints
        plan = day3.TeamPlanPanel(session)
        assert "Student writing, in pairs" in plan.view.value

    def test_the_saved_session_comes_back_after_a_restart(
        self, session: Session, restarted: Callable[[Session], Session]
    ) -> None:
        panel = day3.LaunchPanel(restarted(session))  # the demo school's session
        assert panel.date.value == "2026-08-21" and panel.minutes.value == "120"
        routines = [r["routine"] for r in panel.segments.values()]
        assert routines[:2] == [NO_ROUTINE, "The ball game"]
        assert "✗" not in panel.checklist.value and "✓" in panel.checklist.value

    def test_the_team_norms_button_copies_them_again(self, session: Session) -> None:
        panel = day3.LaunchPanel(session)
        panel.norms.value = ""
        panel.norms_button.click()
        assert panel.norms.value.splitlines() == list(session.team.load(Team).norms)
        assert "Copied the team's 5 norms" in panel.norms_message.text


class TestBadInput:
    def test_parts_that_do_not_fill_the_length_are_refused_next_to_the_agenda(
        self, session: Session, revision: Callable[..., Any]
    ) -> None:
        panel = day3.LaunchPanel(session)
        before = revision(session, "plan.yaml")
        panel.minutes.value = "150"
        panel.save_button.click()
        assert panel.segments_message.kind == "error"
        assert panel.segments_message.text.startswith(
            "The parts add up to 120 minutes, 30 minutes too few for the 150-minute session."
        )
        assert panel.messages.text == "Nothing was saved: please fix the problem marked above."
        assert revision(session, "plan.yaml") == before

    def test_a_bad_length_is_named_by_its_label(
        self, session: Session, revision: Callable[..., Any]
    ) -> None:
        panel = day3.LaunchPanel(session)
        before = revision(session, "plan.yaml")
        for typed, words in (("two hours", "must be a whole number"), ("5", "must be at least 15")):
            panel.minutes.value = typed
            panel.save_button.click()
            assert panel.details_message.kind == "error"
            assert "Length (minutes)" in panel.details_message.text, panel.details_message.text
            assert words in panel.details_message.text
            assert "minutes’" not in panel.details_message.text.replace("(minutes)’", "")
        assert revision(session, "plan.yaml") == before

    def test_an_impossible_date_is_refused_and_nothing_changes(
        self, session: Session, revision: Callable[..., Any]
    ) -> None:
        panel = day3.LaunchPanel(session)
        before = revision(session, "plan.yaml")
        panel.date.value = "2026-02-30"
        panel.save_button.click()
        assert panel.details_message.kind == "error"
        assert "Traceback" not in panel.details_message.text
        assert revision(session, "plan.yaml") == before

    def test_a_row_without_a_title_is_marked_under_its_row(
        self, session: Session, revision: Callable[..., Any]
    ) -> None:
        panel = day3.LaunchPanel(session)
        before = revision(session, "plan.yaml")
        panel.segments.rows[1].widgets["title"].value = ""
        panel.save_button.click()
        assert panel.messages.kind == "error"
        assert "‘Part’ cannot be empty" in panel.segments.row_error(1)
        assert revision(session, "plan.yaml") == before

    def test_typed_text_is_escaped_on_the_page(self, session: Session) -> None:
        panel = day3.LaunchPanel(session)
        panel.purpose.value = ""
        session.team.save(session.team.load(Team).model_copy(update={"norms": ("<b>bold</b>",)}))
        from workshop_kit.model.goal import GoalWork

        goal = session.team.load(GoalWork)
        session.team.save(
            goal.model_copy(
                update={"goal": goal.goal.model_copy(update={"statement": "<script>x</script>"})}
            )
        )
        panel.rebuild()
        assert "<script>" not in panel.goal_line.value
        assert "&lt;script&gt;" in panel.goal_line.value
        assert "<script>" not in panel.checklist.value
