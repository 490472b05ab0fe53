"""Day 1 goal panel: feedback on the parts, the statement and its success criteria."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from workshop_kit.activities import day1
from workshop_kit.session import Session

Saved = Callable[[Session, str], dict[str, object]]
NewTeam = Callable[..., None]


class TestGoal:
    def test_feedback_names_what_is_missing(self, session: Session, new_team: NewTeam) -> None:
        new_team(session)
        panel = day1.GoalPanel(session)
        panel.parts["what"].value = "write explanations of their reasoning"
        panel.parts["how_much"].value = "some more students"
        panel.parts["by_when"].value = "soon"
        assert "not a number" in panel.feedback["how_much"].text
        assert "not a time" in panel.feedback["by_when"].text
        assert panel.feedback["what"].kind == "ok"
        assert panel.verdict.value == ""

    def test_a_new_goal_panel_shows_no_error_until_typed_or_saved(
        self, session: Session, new_team: NewTeam
    ) -> None:
        new_team(session)
        panel = day1.GoalPanel(session)
        assert [k for k, m in panel.feedback.items() if m.kind == "error"] == []
        panel.parts["how_much"].value = "some more students"
        errors = [k for k, m in panel.feedback.items() if m.kind == "error"]
        assert errors == ["how_much"]  # only the part typed into; the empty ones wait
        panel.save_button.click()  # Save asks for everything: now the empty parts are named
        assert "what" in [k for k, m in panel.feedback.items() if m.kind == "error"]

    def test_goal_and_success_criteria_are_saved(
        self,
        session: Session,
        new_team: NewTeam,
        saved: Saved,
    ) -> None:
        new_team(session)
        panel = day1.GoalPanel(session)
        for key, value in {
            "what": "explain their reasoning in writing",
            "for_whom": "students in grades 6 to 8",
            "how_much": "70% of students",
            "by_when": "May 2027",
            "baseline": "52% in September 2026",
        }.items():
            panel.parts[key].value = value
        panel.draft_button.click()
        assert panel.statement.value == (
            "By May 2027, students in grades 6 to 8 will explain their reasoning in writing, "
            "reaching 70% of students (baseline: 52% in September 2026)."
        )
        row = panel.criteria.rows[0].widgets
        row["measure"].value = "Students scoring 3+ on the rubric"
        row["baseline"].value = "52"
        row["target"].value = "70%"
        row["by"].value = dt.date(2027, 5, 28)
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        assert "✅" in panel.verdict.value
        data = saved(session, "goal.yaml")
        assert data["goal"]["by_when"] == "May 2027"  # type: ignore[index]
        assert data["success_criteria"][0]["target"] == 70.0  # type: ignore[index]

    def test_a_criterion_without_a_date_is_refused_on_its_row(self, session: Session) -> None:
        """The date is the browser's date control; a date it cannot hold ("next June") reaches
        the kernel as no date at all, and the row asks for one."""
        panel = day1.GoalPanel(session)
        before = session.team.file("goal.yaml").read_bytes()
        row = panel.criteria.rows[0].widgets
        row["measure"].value, row["baseline"].value, row["target"].value = "Writing", "41", "60"
        row["by"].value = None
        panel.save_button.click()
        assert "Please choose the date" in panel.criteria.row_error(0)
        assert session.team.file("goal.yaml").read_bytes() == before


class TestSuccessCriteria:
    """The criteria table reads numbers and dates with the kit's parsers and keeps saved ids."""

    def fill(self, panel: day1.GoalPanel, row: int, **values: str) -> None:
        while len(panel.criteria.rows) <= row:
            panel.criteria.add_button.click()
        for key, value in {"measure": "Students tested", "by": "2027-06-11", **values}.items():
            if key == "by":  # the date control holds a date, or None when left empty
                panel.criteria.rows[row].widgets[key].value = (
                    dt.date.fromisoformat(value) if value else None
                )
            else:
                panel.criteria.rows[row].widgets[key].value = value

    def test_thousands_are_read_as_thousands(
        self, session: Session, new_team: NewTeam, saved: Saved
    ) -> None:
        """'1,050' is one thousand and fifty (it used to be read as 1.05); '49,5' is 49.5."""
        new_team(session)
        panel = day1.GoalPanel(session)
        self.fill(panel, 0, baseline="1,050", target="1,200", unit="students")
        self.fill(panel, 1, measure="Share proficient", baseline="49,5", target="60 %")
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        criteria = saved(session, "goal.yaml")["success_criteria"]
        assert isinstance(criteria, list)
        assert [(c["baseline"], c["target"]) for c in criteria] == [(1050.0, 1200.0), (49.5, 60.0)]

    def test_a_target_that_moves_the_wrong_way_or_too_late_is_named(
        self, session: Session, new_team: NewTeam
    ) -> None:
        """45 -> 20 on a goal that raises its measure, and a date in 2031, are saved (the team
        may be mid-way) but the checker says what is wrong, and the goal is not measurable."""
        new_team(session)
        panel = day1.GoalPanel(session)
        self.fill(panel, 0, measure="Share proficient", baseline="45", target="20")
        self.fill(panel, 1, measure="Share at 3+", baseline="41", target="60", by="2031-06-01")
        panel.save_button.click()
        shown = panel.feedback["criteria"].text
        assert panel.feedback["criteria"].kind == "error"
        assert "‘Share proficient’: the goal is to raise it" in shown
        assert "June 1, 2031" in shown
        assert "criteria" in panel.status()

    def test_a_target_equal_to_its_baseline_is_named_on_its_row(self, session: Session) -> None:
        panel = day1.GoalPanel(session)
        before = session.team.file("goal.yaml").read_bytes()
        self.fill(panel, 0, baseline="41", target="41%")
        panel.save_button.click()
        assert panel.messages.kind == "error"
        assert "‘Target’ needs a target different from its baseline" in panel.criteria.row_error(0)
        assert session.team.file("goal.yaml").read_bytes() == before

    def test_a_missing_date_asks_for_one(self, session: Session) -> None:
        panel = day1.GoalPanel(session)
        self.fill(panel, 0, baseline="41", target="60", by="")
        panel.save_button.click()
        assert "Please choose the date" in panel.criteria.row_error(0)

    def test_new_criteria_get_distinct_ids_and_saved_ids_never_change(
        self, session: Session, new_team: NewTeam, saved: Saved
    ) -> None:
        new_team(session)
        panel = day1.GoalPanel(session)
        self.fill(panel, 0, measure="Students proficient (writing)", baseline="41", target="60")
        panel.save_button.click()
        self.fill(panel, 0, measure="Students proficient on the new task")  # reworded
        self.fill(panel, 1, measure="Students proficient (writing)", baseline="30", target="50")
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        criteria = saved(session, "goal.yaml")["success_criteria"]
        assert isinstance(criteria, list)
        assert [(c["id"], c["measure"]) for c in criteria] == [
            ("students-proficient-writing", "Students proficient on the new task"),
            ("students-proficient-writing-2", "Students proficient (writing)"),
        ]


class TestImplausibleTarget:
    def test_a_target_above_100_percent_is_saved_only_when_confirmed(
        self, session: Session, new_team: NewTeam, saved: Saved
    ) -> None:
        new_team(session)
        panel = day1.GoalPanel(session)
        row = panel.criteria.rows[0].widgets
        row["measure"].value = "Students meeting the writing standard"
        row["baseline"].value = "45"
        row["target"].value = "150"
        row["by"].value = dt.date(2027, 5, 28)
        panel.save_button.click()
        assert panel.messages.kind == "warning", panel.messages.text
        assert (
            "the target of ‘Students meeting the writing standard’ is 150%, but a share of "
            "students lies between 0% and 100%"
        ) in panel.messages.text
        assert not session.team.file("goal.yaml").exists(), (
            "nothing is saved before it is confirmed"
        )
        row["target"].value = "65"  # fixed: saved at once
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        assert saved(session, "goal.yaml")["success_criteria"][0]["target"] == 65.0  # type: ignore[index]

    def test_a_confirmed_target_is_kept(
        self, session: Session, new_team: NewTeam, saved: Saved
    ) -> None:
        new_team(session)
        panel = day1.GoalPanel(session)
        row = panel.criteria.rows[0].widgets
        row["measure"].value = "Growth index"
        row["baseline"].value = "90"
        row["target"].value = "120"
        row["by"].value = dt.date(2027, 5, 28)
        panel.save_button.click()
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        assert saved(session, "goal.yaml")["success_criteria"][0]["target"] == 120.0  # type: ignore[index]
