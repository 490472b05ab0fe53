"""Day 1 summary panel: what a team typed is shown as text and saved as Markdown and a page."""

from __future__ import annotations

from bs4 import BeautifulSoup

from workshop_kit.activities import day1
from workshop_kit.model.goal import GoalWork
from workshop_kit.session import Session


class TestSummary:
    def test_hostile_text_is_shown_as_text_in_the_summary(self, session: Session) -> None:
        panel = day1.NormsPanel(session)
        panel.norms.value = "<script>alert(1)</script>\n<img src=x onerror=alert(2)>"
        panel.save_button.click()
        summary = day1.SummaryPanel(session)
        assert "<script>" not in summary.view.value
        assert "&lt;script&gt;" in summary.view.value
        assert "<img" not in summary.view.value
        summary.save_button.click()
        text = (session.team.exports_folder / "day1_summary.md").read_text(encoding="utf-8")
        assert "<script>" not in text and "&lt;script&gt;" in text
        page = BeautifulSoup(
            (session.team.exports_folder / "day1_summary.html").read_bytes(), "html.parser"
        )
        assert page.find("script") is None and page.find("img") is None
        assert "<script>alert(1)</script>" in page.get_text()  # shown as the text typed
        assert page.title is not None and "Maple Grove" in page.title.get_text()
        assert "@media print" in page.style.get_text()  # type: ignore[union-attr]
        assert summary.messages.kind == "ok" and "day1_summary.html" in summary.messages.text

    def test_a_goal_pasted_from_word_is_clean_in_both_files(self, session: Session) -> None:
        """Word's Shift+Enter (a vertical tab) parts the lines; no control character is written
        into the page (where HTML counts it as an error) or the Markdown."""
        work = session.team.load(GoalWork)
        goal = work.goal.model_copy(update={"statement": "Raise\x0bwriting\x07 scores"})
        session.team.save(work.model_copy(update={"goal": goal}))
        summary = day1.SummaryPanel(session)
        summary.save_button.click()
        folder = session.team.exports_folder
        for name in ("day1_summary.md", "day1_summary.html"):
            text = (folder / name).read_text(encoding="utf-8")
            assert "\x0b" not in text and "\x07" not in text, name
        page = BeautifulSoup((folder / "day1_summary.html").read_bytes(), "html.parser")
        assert page.blockquote is not None
        assert page.blockquote.get_text() == "Raise\nwriting scores"
        assert "> Raise writing scores" in (folder / "day1_summary.md").read_text("utf-8")

    def test_the_summary_says_whose_voice_is_missing_and_who_holds_each_role(
        self, session: Session
    ) -> None:
        summary = day1.SummaryPanel(session)
        page = BeautifulSoup(summary.view.value, "html.parser").get_text()
        assert "Priya Shah (Lead teacher, speaks for Grade 4)" in page
        assert "No one on the team speaks for: Kindergarten" in page
        assert "Meeting roles (they rotate)" in page
        summary.save_button.click()
        text = (session.team.exports_folder / "day1_summary.md").read_text(encoding="utf-8")
        assert "| Meeting | Facilitator | Timekeeper | Note-taker | Norms checker |" in text
        assert "| 2 | Marcus Lee | Priya Shah |" in text
