"""An unexpected error in a panel: a plain message next to the panel for the team, and its
traceback in the workspace log for the facilitator, written by the handler that the page's or
notebook's start-up sets on the ``workshop_kit`` logger (the view only logs)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import ipywidgets as widgets
import pytest

from workshop_kit import paths
from workshop_kit.error_log import WorkspaceErrorLog, log_errors_to_workspace
from workshop_kit.session import Session
from workshop_kit.ui.guard import UNEXPECTED, guarded
from workshop_kit.ui.panel import Panel
from workshop_kit.ui.parts import button

LOG = logging.getLogger("workshop_kit")


class BrokenPanel(Panel):
    """A panel whose button meets a bug."""

    def build(self) -> list[widgets.Widget]:
        self.go = button("wk-go", self.press, "Go")
        return [self.go]

    def refresh(self) -> None:
        pass

    @guarded(lambda self: self.messages)
    def press(self) -> None:
        raise RuntimeError("a bug behind the button")


@pytest.fixture
def log_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The workspace log's folder, with the start-up's handler set for the test only."""
    monkeypatch.setenv(paths.WORKSPACE_ENV, str(tmp_path / "logged"))
    before = list(LOG.handlers)
    # a handler an earlier test's start-up set (a notebook call's first session) is not this one
    LOG.handlers = [h for h in before if not isinstance(h, WorkspaceErrorLog)]
    yield tmp_path / "logged" / ".logs"
    LOG.handlers = before


class TestUnexpectedErrors:
    def test_the_team_sees_a_plain_message_and_the_log_gets_the_traceback(
        self, session: Session, log_folder: Path
    ) -> None:
        log_errors_to_workspace()
        panel = BrokenPanel(session)
        panel.go.click()
        assert panel.messages.kind == "error" and panel.messages.text == UNEXPECTED
        assert "Traceback" not in panel.messages.value
        written = (log_folder / "errors.log").read_text(encoding="utf-8")
        assert "Traceback" in written and "RuntimeError: a bug behind the button" in written

    def test_the_view_only_logs(
        self, session: Session, log_folder: Path, caplog: pytest.LogCaptureFixture
    ) -> None:
        """Without the start-up's handler nothing is written: the panel writes no file."""
        panel = BrokenPanel(session)
        with caplog.at_level(logging.ERROR, logger="workshop_kit"):
            panel.go.click()
        assert panel.messages.text == UNEXPECTED
        assert [r.exc_info is not None for r in caplog.records] == [True]
        assert not log_folder.exists()

    def test_the_handler_is_set_once(self, log_folder: Path) -> None:
        log_errors_to_workspace()
        log_errors_to_workspace(terminal=True)
        log_errors_to_workspace(terminal=True)
        assert sum(isinstance(h, WorkspaceErrorLog) for h in LOG.handlers) == 1
        assert sum(type(h) is logging.StreamHandler for h in LOG.handlers) == 1

    def test_a_log_that_cannot_be_written_stays_quiet(
        self, session: Session, log_folder: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        log_folder.parent.mkdir(parents=True)
        log_folder.write_text("a file where the log folder would go", encoding="utf-8")
        log_errors_to_workspace()
        panel = BrokenPanel(session)
        panel.go.click()
        assert panel.messages.text == UNEXPECTED
        assert "Traceback" not in capsys.readouterr().err
