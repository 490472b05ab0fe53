"""Private ratings on the pages server, in a real Chromium: a second device of the team can
neither see a member's ratings nor save over them. "Private" is checked in the page's content
(what the browser was sent), not in its styling."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.browser.conftest import DayPage, PagesServer, read_yaml

from workshop_kit.config.day1 import load_day1
from workshop_kit.model.goal import CandidateGoal, GoalWork
from workshop_kit.model.team import Member, Team
from workshop_kit.store import Workspace

pytestmark = pytest.mark.browser
TIMEOUT_MS = 30_000  # a ceiling for what a person waits for, on a busy 2-core machine
DAY1 = "01_day1_worthy_goal.ipynb"
MEMBERS = ("Ana Ruiz", "Marcus Lee", "Priya Shah")
CELLS = "[class*='wk-rate-'] select"  # the grid's cells, inside .wk-ratings


def seed_team_where_ana_rated(workspace: Any, name: str) -> tuple[str, dict[str, Any]]:
    """A team with a roster, two candidates and Ana's ratings (nobody else has rated yet);
    gives its slug and Ana's ratings as saved."""
    book = Workspace(workspace).create_team(name)
    book.load(Team)
    book.update(
        Team, lambda t: t.with_roster(t.name, "", [Member(name=n, role="Teacher") for n in MEMBERS])
    )
    book.load(GoalWork)
    book.save(
        GoalWork(
            candidates=(
                CandidateGoal(id="writing", text="Students explain their reasoning in writing."),
                CandidateGoal(id="reading", text="Students read grade-level texts fluently."),
            )
        )
    )
    criteria = [c.id for c in load_day1(Path(workspace)).criteria]
    anas = {("writing", c): 1 for c in criteria} | {("reading", c): 4 for c in criteria}
    book.update(GoalWork, lambda g: g.with_ratings("Ana Ruiz", anas), author="Ana Ruiz")
    ratings = read_yaml(workspace / book.slug / "goal.yaml")["ratings"]
    return book.slug, ratings["Ana Ruiz"]


def options(day: DayPage, css: str) -> list[str]:
    texts = day.locator(f"{css} option").all_inner_texts()
    return [str(t).replace("\xa0", " ") for t in texts]


def test_a_second_device_cannot_see_or_overwrite_a_members_private_ratings(
    pages_server: PagesServer, open_page: Callable[..., DayPage]
) -> None:
    from playwright.sync_api import expect

    slug, anas = seed_team_where_ana_rated(pages_server.workspace, "Privacy Room ILT")
    day = open_page(DAY1, team=slug, activities=["ratings"])
    ratings = day.locator(".wk-ratings")
    expect(ratings.locator(CELLS).first).to_be_attached(timeout=TIMEOUT_MS)

    # nobody said "I am" on this device: nobody to rate as, nothing of the team's on the page
    expect(ratings.locator(".wk-ratings-hidden").first).to_contain_text("“I am”")
    assert options(day, ".wk-rater select") == []
    expect(day.locator("button.wk-save-ratings")).to_be_disabled()
    expect(ratings.locator(CELLS).first).to_be_disabled()
    assert ratings.locator(".wk-ranking").count() == 0
    assert "Ana Ruiz" not in ratings.inner_html()

    # Marcus says who he is: he rates as himself only, and Ana's ratings are not in the page
    day.choose(".wk-member select", "Marcus Lee")
    expect(day.locator("button.wk-save-ratings")).to_contain_text("Save Marcus Lee's ratings")
    assert options(day, ".wk-rater select") == ["Marcus Lee"]
    expect(ratings.locator(".wk-ratings-hidden")).to_contain_text("once you have saved yours")
    assert (
        day.values(f".wk-ratings {CELLS}") == [""] * ratings.locator(CELLS).count()
    )  # nothing chosen yet
    assert ratings.locator(".wk-ranking").count() == 0  # absent, not hidden
    assert ratings.locator(".wk-rating-chart img, .wk-rating-chart svg").count() == 0
    html = ratings.inner_html()
    assert "Ana Ruiz" not in html and "/3" not in html

    # his own save is his own; Ana's stay as she saved them; now the team's ranking is his too
    cells = ratings.locator(CELLS)
    for n in range(cells.count()):
        cells.nth(n).select_option(index=3)
    day.click("button.wk-save-ratings")
    day.expect_message(".wk-ratings", "Saved Marcus Lee's ratings")
    expect(ratings.locator(".wk-ranking").first).to_contain_text("2/3", timeout=TIMEOUT_MS)
    expect(ratings.locator(".wk-ratings-hidden")).to_have_count(0)
    saved = read_yaml(pages_server.workspace / slug / "goal.yaml")["ratings"]
    assert sorted(saved) == ["Ana Ruiz", "Marcus Lee"] and saved["Ana Ruiz"] == anas
    day.assert_clean()
