"""A composed page becomes the widgets of one page, built for that page's own session: the real
Day 1 notebook and panels, no kernel (workshop_kit.pages.render)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import ipywidgets as widgets
import pytest
import yaml

from workshop_kit import paths
from workshop_kit import session as session_module
from workshop_kit.activities.day1 import NormsPanel
from workshop_kit.activities.team_picker import TeamPicker
from workshop_kit.pages.compose import CANNOT_SHOW, ActivityCall, Unshowable, compose_file
from workshop_kit.pages.registry import activity_registry
from workshop_kit.pages.render import page_links, page_widgets
from workshop_kit.pages.site import link_for
from workshop_kit.session import Session, reset_session, serve_many_pages
from workshop_kit.store import Workspace
from workshop_kit.ui.guard import UNEXPECTED
from workshop_kit.ui.placeholders import ClosedActivity

DAY1 = paths.notebooks_dir() / "01_day1_worthy_goal.ipynb"


@pytest.fixture(autouse=True)
def many_pages(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """As in the Solara server: no session for the whole process, only the pages' own."""
    monkeypatch.setattr(session_module, "_one_page_per_process", True)
    reset_session(None)
    serve_many_pages()
    yield
    reset_session(None)


def walk(items: list[widgets.Widget]) -> Iterator[widgets.Widget]:
    for item in items:
        yield item
        yield from walk(list(getattr(item, "children", ())))


def day1_page(workspace: Workspace, query: str) -> tuple[Session, list[widgets.Widget]]:
    session = Session.start(workspace.root, query=query, app_page=True)
    parts = compose_file(DAY1, activity_registry(), link_for)
    return session, page_widgets(parts, session)


def open_norms(page: list[widgets.Widget]) -> NormsPanel:
    [closed] = [w for w in walk(page) if isinstance(w, ClosedActivity) and w.activity.id == "norms"]
    closed.open_panel()
    assert isinstance(closed.panel, NormsPanel)
    return closed.panel


def saved_norms(folder: Path) -> list[str]:
    data = yaml.safe_load((folder / "team.yaml").read_text(encoding="utf-8"))
    return list(data["norms"])


class TestDay1Page:
    def test_the_page_holds_the_prose_and_the_panels_in_order(self, workspace: Workspace) -> None:
        session, page = day1_page(workspace, "?team=demo")
        html = [w.value for w in page if isinstance(w, widgets.HTML)]
        assert html[0].startswith('<h1 id="Day-1:')
        assert any("What you will do" in h for h in html), "day1.opening() was shown"
        found = list(walk(page))
        assert any(isinstance(w, TeamPicker) for w in found)
        closed = [w.activity.id for w in found if isinstance(w, ClosedActivity)]
        assert closed[:3] == ["roster", "norms", "meeting_roles"] and len(closed) == 8
        assert all(w.session is session for w in found if isinstance(w, ClosedActivity))

    def test_a_norm_typed_and_saved_reaches_the_teams_file(self, workspace: Workspace) -> None:
        _, page = day1_page(workspace, "?team=demo")
        norms = open_norms(page)
        norms.norms.value = "We start on time\nEveryone speaks once before anyone speaks twice"
        norms.save_button.click()
        assert norms.messages.kind == "ok", norms.messages.text
        assert saved_norms(workspace.root / "demo") == [
            "We start on time",
            "Everyone speaks once before anyone speaks twice",
        ]

    def test_two_teams_side_by_side_do_not_cross(self, workspace: Workspace) -> None:
        """Two pages in one process, each saving: each team's file holds its own norms only,
        and neither page hears of the other's save."""
        workspace.create_team("Lincoln ILT")
        demo_session, demo_page = day1_page(workspace, "?team=demo")
        lincoln_session, lincoln_page = day1_page(workspace, "?team=lincoln-ilt")
        assert demo_session is not lincoln_session
        demo, lincoln = open_norms(demo_page), open_norms(lincoln_page)
        before = lincoln.norms.value
        demo.norms.value = "Demo norm"
        demo.save_button.click()
        assert lincoln.norms.value == before
        lincoln.norms.value = "Lincoln norm"
        lincoln.save_button.click()
        assert saved_norms(workspace.root / "demo") == ["Demo norm"]
        assert saved_norms(workspace.root / "lincoln-ilt") == ["Lincoln norm"]
        assert demo.session is demo_session and lincoln.session is lincoln_session

    def test_without_a_team_the_page_asks_for_one(self, workspace: Workspace) -> None:
        session, page = day1_page(workspace, "")
        assert session.chosen is None
        assert any(isinstance(w, TeamPicker) for w in walk(page))


class TestPlainParts:
    def test_a_cell_the_page_cannot_show_is_a_plain_message(self, workspace: Workspace) -> None:
        session = Session(workspace, None)
        [widget] = page_widgets([Unshowable(3, "not a call")], session)
        assert isinstance(widget, widgets.HTML)
        assert CANNOT_SHOW.split(".")[0] in widget.value and "not a call" not in widget.value

    def test_a_call_that_fails_is_a_plain_message_not_a_traceback(
        self, workspace: Workspace
    ) -> None:
        def broken() -> None:
            raise RuntimeError("boom")

        session = Session(workspace, None)
        [widget] = page_widgets([ActivityCall("day1", "broken", broken)], session)
        assert isinstance(widget, widgets.HTML)
        assert UNEXPECTED.split(",")[0] in widget.value and "boom" not in widget.value

    def test_links_to_notebooks_lead_to_the_teams_pages(self, workspace: Workspace) -> None:
        session = Session(workspace, workspace.ensure_demo())
        html = page_links(
            '<a href="01_day1_worthy_goal.ipynb">Day 1</a> <a href="/guide#Sources">guide</a>'
            ' <a href="https://example.org/">out</a>',
            session,
        )
        assert 'href="/day1?team=demo"' in html
        assert 'href="/guide?team=demo#Sources"' in html
        assert 'href="https://example.org/"' in html

    def test_behind_a_prefix_the_links_carry_it(
        self, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """On the hub an account's pages are at /user/<account>/pages/: a link to /day1 would
        leave them."""
        monkeypatch.setenv("SOLARA_ROOT_PATH", "/user/team-oak/pages")
        session = Session(workspace, workspace.ensure_demo())
        html = page_links(
            '<a href="00_start_here.ipynb">Start</a> <a href="/user/team-oak/pages/guide#S">g</a>',
            session,
        )
        assert 'href="/user/team-oak/pages/?team=demo"' in html
        assert 'href="/user/team-oak/pages/guide?team=demo#S"' in html
