"""Day 1 goal panel: feedback on the parts, the statement and its success criteria."""

from __future__ import annotations

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
        row["by"].value = "2027-05-28"
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        assert "✅" in panel.verdict.value
        data = saved(session, "goal.yaml")
        assert data["goal"]["by_when"] == "May 2027"  # type: ignore[index]
        assert data["success_criteria"][0]["target"] == 70.0  # type: ignore[index]

    def test_a_bad_date_is_refused_on_its_row(self, session: Session) -> None:
        panel = day1.GoalPanel(session)
        before = session.team.file("goal.yaml").read_bytes()
        panel.criteria.rows[0].widgets["by"].value = "next June"
        panel.save_button.click()
        assert "YYYY-MM-DD" in panel.criteria.row_error(0)
        assert session.team.file("goal.yaml").read_bytes() == before
