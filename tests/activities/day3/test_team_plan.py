"""Day 3, the team plan: the panel driven headlessly, as a team would:
set values, click, then look at the files."""

from __future__ import annotations

from bs4 import BeautifulSoup

from workshop_kit.activities import day3
from workshop_kit.model.goal import GoalWork
from workshop_kit.session import Session

HOSTILE = '<img src=x onerror="alert(1)">'


class TestTeamPlan:
    def test_downloads_in_every_format(self, session: Session) -> None:
        panel = day3.TeamPlanPanel(session)
        assert "62.9 hours re-purposed, 5 cycles, 7 steps, 3 of 3 success criteria covered" in repr(
            panel
        )
        panel.prepare_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        soup = BeautifulSoup(panel.downloads.value, "html.parser")
        names = [a["download"] for a in soup.find_all("a")]
        assert names == [
            "demo-team-plan.html",
            "demo-staff-summary.html",
            "demo-team-plan.md",
            "demo-calendar.ics",
            "demo-meeting-ledger.csv",
            "demo-action-plan.csv",
            "demo-plan.xlsx",
        ]
        assert all(str(a["href"]).startswith("data:") for a in soup.find_all("a"))
        assert all((session.team.exports_folder / str(n)).stat().st_size > 100 for n in names)
        assert not any(session.team.file(str(n)).exists() for n in names)  # not beside the work

    def test_the_view_follows_other_panels(self, session: Session) -> None:
        panel = day3.TeamPlanPanel(session)
        moves = day3.RepurposePanel(session)
        moves.table.rows[0].widgets["logistics"].value = "10"
        moves.save_button.click()
        assert "60.1 hours re-purposed" in repr(panel)

    def test_hostile_typed_text_is_escaped(self, session: Session) -> None:
        actions = day3.ActionPlanPanel(session)
        actions.choice.value = actions.choice.options[1][1]
        actions.action.value = HOSTILE
        actions.save_button.click()
        assert actions.form_message.kind == "ok", actions.form_message.text
        session.team.update(
            GoalWork,
            lambda g: g.model_copy(
                update={"goal": g.goal.model_copy(update={"statement": HOSTILE})}
            ),
        )
        panel = day3.TeamPlanPanel(session)
        for html in (panel.view.value, actions.table.value):
            soup = BeautifulSoup(html, "html.parser")
            assert soup.find_all("img") == []
            assert HOSTILE in soup.get_text()
