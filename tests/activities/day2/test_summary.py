"""The summary panel: the day in words, saved as Markdown and a page to print.

Driven headlessly, as a team would: set values, click, then look at the files."""

from __future__ import annotations

from bs4 import BeautifulSoup

from workshop_kit.activities.day2.inventory import InventoryPanel
from workshop_kit.activities.day2.summary import SummaryPanel
from workshop_kit.model.goal import GoalWork
from workshop_kit.session import Session


class TestSummary:
    def test_the_summary_is_saved_as_markdown(self, session: Session) -> None:
        panel = SummaryPanel(session)
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        text = (session.team.exports_folder / "day2_summary.md").read_text(encoding="utf-8")
        assert text.startswith("# Day 2 summary: Maple Grove Elementary (demo)")
        assert "| Relationships and relational qualities (thin) | 4 |" in text
        assert "## Not recognised as resources before today" in text
        page = BeautifulSoup(
            (session.team.exports_folder / "day2_summary.html").read_bytes(), "html.parser"
        )
        assert page.h1 is not None and page.h1.get_text().startswith("Day 2 summary")
        assert "Relationships and relational qualities" in page.get_text()

    def test_a_goal_pasted_from_word_is_clean_in_both_files(self, session: Session) -> None:
        work = session.team.load(GoalWork)
        goal = work.goal.model_copy(update={"statement": "Raise\x0bwriting\x1b scores"})
        session.team.save(work.model_copy(update={"goal": goal}))
        SummaryPanel(session).save_button.click()
        folder = session.team.exports_folder
        for name in ("day2_summary.md", "day2_summary.html"):
            text = (folder / name).read_text(encoding="utf-8")
            assert "\x0b" not in text and "\x1b" not in text, name
        assert "Raise\nwriting scores" in (folder / "day2_summary.html").read_text("utf-8")

    def test_hostile_names_are_text_in_html_and_markdown(self, session: Session) -> None:
        form = InventoryPanel(session)
        form.name.value = "<script>alert(1)</script> *bold* [link](x)"
        form.quadrant.value = "tools"
        form.recognized.value = False
        form.add_button.click()
        panel = SummaryPanel(session)
        assert "<script>" not in panel.view.value and "&lt;script&gt;" in panel.view.value
        panel.save_button.click()
        text = (session.team.exports_folder / "day2_summary.md").read_text(encoding="utf-8")
        assert "<script>" not in text and "\\*bold\\*" in text and "\\[link\\]" in text
        page = BeautifulSoup(
            (session.team.exports_folder / "day2_summary.html").read_bytes(), "html.parser"
        )
        assert page.find("script") is None and "<script>alert(1)</script>" in page.get_text()
