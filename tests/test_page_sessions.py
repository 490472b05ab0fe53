"""A page served with many others in one process hands its own session to the calls that build
it, and collects what they show instead of displaying it (workshop_kit.session,
workshop_kit.ui.output)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from workshop_kit import session as session_module
from workshop_kit.session import (
    NoPageSessionError,
    Session,
    current_session,
    reset_session,
    serve_many_pages,
    using_session,
)
from workshop_kit.store import Workspace
from workshop_kit.ui.output import collecting, show


@pytest.fixture
def many_pages(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This process serves many pages, for one test (the flag is put back afterwards)."""
    monkeypatch.setattr(session_module, "_one_page_per_process", True)
    reset_session(None)
    serve_many_pages()
    yield
    reset_session(None)


class TestHandedSession:
    def test_the_handed_session_is_the_current_one_inside_the_block_only(
        self, workspace: Workspace, session: Session
    ) -> None:
        """`session` (the fixture) is this kernel's; a page's own session wins inside the block."""
        page = Session(workspace, None)
        with using_session(page):
            assert current_session() is page
        assert current_session() is session

    def test_another_thread_does_not_see_it(self, workspace: Workspace) -> None:
        """Solara serves each page from its own thread: a session handed down in one is not
        found from another."""
        page = Session(workspace, workspace.ensure_demo())
        seen: list[Session | None] = []

        def other_page() -> None:
            seen.append(session_module._handed.get())

        with using_session(page):
            thread = threading.Thread(target=other_page)
            thread.start()
            thread.join()
        assert seen == [None]

    def test_many_pages_refuse_a_session_nobody_handed_down(
        self, many_pages: None, workspace: Workspace
    ) -> None:
        """No session for the whole process: it would be every team's at once."""
        with pytest.raises(NoPageSessionError, match="reload the page"):
            current_session()
        page = Session(workspace, None)
        with using_session(page):
            assert current_session() is page


class TestAppPageSession:
    def test_an_app_page_without_a_team_opens_none_not_the_demo(self, workspace: Workspace) -> None:
        started = Session.start(workspace.root, query="", app_page=True)
        assert started.chosen is None

    def test_the_address_names_the_team(self, workspace: Workspace) -> None:
        started = Session.start(workspace.root, query="?team=demo&member=Ana", app_page=True)
        assert started.chosen is not None and started.chosen.slug == "demo"
        assert started.member == "Ana"

    def test_the_process_environment_does_not_pick_a_team_for_every_page(
        self, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("WORKSHOP_KIT_TEAM", "demo")
        assert Session.start(workspace.root, query="", app_page=True).chosen is None
        assert Session.start(workspace.root, query="", app_page=False).chosen is not None

    def test_an_unsafe_team_in_the_address_is_a_plain_message(self, workspace: Workspace) -> None:
        started = Session.start(workspace.root, query="?team=../../etc", app_page=True)
        assert started.chosen is None
        assert "cannot be opened. " in started.address_problem

    def test_a_team_not_in_the_workspace_is_said_once_in_plain_words(
        self, workspace: Workspace
    ) -> None:
        """Issue 32: "… which cannot be opened: There is no team called …" said it twice."""
        started = Session.start(workspace.root, query="?team=nobody-here", app_page=True)
        assert started.chosen is None
        assert started.address_problem == (
            "There is no team called ‘nobody-here’ here: check the page's address. Choose "
            "your team below."
        )


class TestCollecting:
    def test_what_is_shown_is_collected_in_order(self) -> None:
        with collecting() as shown:
            show("first")
            show("second", "third")
        assert shown == ["first", "second", "third"]

    def test_nested_blocks_collect_their_own(self) -> None:
        with collecting() as outer:
            show("outer")
            with collecting() as inner:
                show("inner")
            show("outer again")
        assert outer == ["outer", "outer again"] and inner == ["inner"]
