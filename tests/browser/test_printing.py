"""The printable pages print well: the team plan and its staff summary, printed to PDF by the
system Chromium (as a principal's "Print → Save as PDF" does) and read back with pypdf, a reader
independent of the browser.

Figures measured on the demo team's plan, US Letter, 2026-12-07: with rows kept whole and
sections on new pages (the print stylesheet before issue 32) it printed on 21 pages, two of them
with 359 and 405 characters (a few lines at the top of an empty page) and the last with 85; now
14 pages, the least filled but the last with 691 characters (a page of chart and table), and the
staff summary on one page with about an eighth of it to spare.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from workshop_kit.config.day3 import load_day3
from workshop_kit.exports import plan_html, printable
from workshop_kit.exports.team_plan import files_for, summary_for
from workshop_kit.logic.team_plan import TeamPlanSummary
from workshop_kit.model.plan import TeamPlan
from workshop_kit.store import Workspace

pytestmark = pytest.mark.browser

TODAY = dt.date(2026, 8, 1)
#: the most pages the demo plan may print on (14 measured; 21 before issue 32)
MOST_PAGES = 15
#: every page but the last holds at least this much text: a nearly blank page, a few lines at the
#: top, held 359 and 405 characters; the least filled page now holds 691 (half of it a chart)
LEAST_TEXT = 500
#: the width a Letter page leaves for the text, in CSS pixels (8.5 in less two 1.4 cm margins)
LETTER_TEXT_WIDTH = round(8.5 * 96 - 2 * 1.4 / 2.54 * 96)


def printed(chromium: Any, html: str, folder: Path, paper: str = "Letter") -> list[str]:
    """The text of each page of ``html`` printed to PDF on ``paper``, opened as a file (as a
    principal opens the exported page)."""
    path = folder / "page.html"
    path.write_text(html, encoding="utf-8")
    context = chromium.new_context()
    try:
        page = context.new_page()
        # nothing may leave the machine: the pages are self-contained
        context.route(lambda url: not url.startswith(("file:", "data:")), lambda r: r.abort())
        page.goto(path.as_uri())
        pdf = page.pdf(format=paper)
    finally:
        context.close()
    reader = PdfReader(io.BytesIO(pdf))
    return [(p.extract_text() or "") for p in reader.pages]


def flat(text: str) -> str:
    """Text with its line breaks as spaces (a PDF breaks lines where the page did)."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def demo(
    demo_workspace_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> TeamPlanSummary:
    """The demo team's plan (read from a copy of the demo workspace; nothing here changes it)."""
    root = tmp_path_factory.mktemp("printing") / "workspace"
    shutil.copytree(demo_workspace_template, root, symlinks=True)
    return summary_for(Workspace(root).ensure_demo(), load_day3())


@pytest.fixture(scope="module")
def exported(demo: TeamPlanSummary) -> dict[str, str]:
    """What `workshop-kit export demo --format html` writes: the plan and the staff summary."""
    files = files_for(demo, "demo", "html", today=TODAY)
    return {name: data.decode("utf-8") for name, data in files.items()}


@pytest.fixture(scope="module")
def plan_pages(
    chromium: Any, exported: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> list[str]:
    """The demo plan printed on Letter paper, page by page (printed once for the module)."""
    return printed(chromium, exported["demo-team-plan.html"], tmp_path_factory.mktemp("plan"))


class TestThePlan:
    def test_it_prints_on_few_pages_none_nearly_blank(
        self, plan_pages: list[str], demo: TeamPlanSummary
    ) -> None:
        pages = plan_pages
        counts = [len(p.strip()) for p in pages]
        assert len(pages) <= MOST_PAGES, f"{len(pages)} pages: {counts}"
        nearly_blank = [i + 1 for i, n in enumerate(counts[:-1]) if n < LEAST_TEXT]
        assert nearly_blank == [], f"nearly blank pages {nearly_blank} of {counts}"
        text = flat(" ".join(pages))
        assert flat(demo.goal.goal.statement) in text
        assert "June 11, 2027" in text  # a success criterion's date, as a person writes it
        assert "2027-06-11" not in text

    def test_a_long_table_repeats_its_header_row_on_each_page(self, plan_pages: list[str]) -> None:
        """The table of how the plan fits together runs over pages: each shows its headings."""
        with_header = [i for i, p in enumerate(plan_pages) if "Resources we use" in flat(p)]
        assert len(with_header) >= 2, with_header
        assert with_header == list(range(with_header[0], with_header[-1] + 1))  # page after page

    def test_nothing_runs_off_the_side_of_the_page(
        self, chromium: Any, demo: TeamPlanSummary
    ) -> None:
        """A web address pasted into a step, with no space to break it at, wraps in its cell."""
        plan: TeamPlan = demo.plan
        link = "https://docs.example.org/" + "writing-rubric-anchor-papers-grade-4" * 6
        first = plan.actions[0].model_copy(update={"action": f"Read {link} together"})
        wide = dataclasses.replace(
            demo, plan=plan.model_copy(update={"actions": (first, *plan.actions[1:])})
        )
        context = chromium.new_context(viewport={"width": LETTER_TEXT_WIDTH, "height": 1000})
        try:
            page = context.new_page()
            page.emulate_media(media="print")
            page.set_content(plan_html.to_html(wide, today=TODAY))
            widest = page.evaluate(
                "() => Math.max(...Array.from(document.querySelectorAll('body *'),"
                " e => e.getBoundingClientRect().right))"
            )
        finally:
            context.close()
        assert widest <= LETTER_TEXT_WIDTH, widest


class TestTheStaffSummary:
    @pytest.mark.parametrize("paper", ["Letter", "A4"])
    def test_it_is_one_page_with_the_goal_measures_time_and_next_steps(
        self,
        chromium: Any,
        demo: TeamPlanSummary,
        exported: dict[str, str],
        tmp_path: Path,
        paper: str,
    ) -> None:
        pages = printed(chromium, exported["demo-staff-summary.html"], tmp_path, paper)
        assert len(pages) == 1, [len(p) for p in pages]
        text = flat(pages[0])
        assert flat(demo.goal.goal.statement) in text
        assert (
            "Students in grades 3-5 scoring 3+ on the writing rubric 41% 60% June 11, 2027" in text
        )
        assert "62.9 hours" in text
        assert "August 21, 2026 The session we lead for our staff" in text


class TestTallRows:
    @pytest.mark.parametrize(
        "style", [plan_html.STYLE, printable.STYLE], ids=["team plan", "day summaries"]
    )
    def test_a_row_taller_than_what_is_left_of_the_page_starts_on_it(
        self, chromium: Any, tmp_path: Path, style: str
    ) -> None:
        """Half a page of text, then a row two thirds of a page tall: the row begins under the
        text and runs onto the next page, instead of leaving the first page half empty."""
        lines = "".join(f"<p>Opening line {i}</p>" for i in range(18))
        cell = "<br>".join(f"Row line {i}" for i in range(35))
        html = (
            f"<!DOCTYPE html><html><head><style>{style}</style></head><body>{lines}"
            f"<table><thead><tr><th>Step</th><th>Notes</th></tr></thead>"
            f"<tr><td>The tall row</td><td>{cell}</td></tr></table></body></html>"
        )
        pages = printed(chromium, html, tmp_path)
        assert len(pages) == 2, [flat(p)[:80] for p in pages]
        assert "Opening line 17" in pages[0]
        assert "Row line 0" in pages[0], "the row was moved whole to the next page"
        assert "Row line 34" in pages[1]
