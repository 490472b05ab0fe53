"""Activities open when a person asks (issue 16): a day page shows each activity's heading and an
"Open this activity" button, and builds the panel from the team's files when it is pressed."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import nbformat
import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output
from ipywidgets.widgets.widget import _instances  # the page's widgets by model id

from workshop_kit.activities import day1
from workshop_kit.config.common import Activity
from workshop_kit.config.day1 import load_day1
from workshop_kit.errors import WorkshopError
from workshop_kit.model.team import Team
from workshop_kit.session import Session
from workshop_kit.store import Workspace
from workshop_kit.ui.panel import Panel
from workshop_kit.ui.placeholders import ClosedActivity, WaitingForTeam


def roster_activity(session: Session) -> Activity:
    return load_day1(session.workspace.root).activity("roster")


def closed_roster(session: Session) -> ClosedActivity:
    return ClosedActivity(session, roster_activity(session), day1.RosterPanel)


class TestClosedActivities:
    def test_nothing_is_built_until_the_button_is_pressed(self, session: Session) -> None:
        place = closed_roster(session)
        assert place.panel is None
        assert place.children == (place.button,)
        assert place.button.description == "Open this activity"
        # its name for a screen reader holds what is seen, and says which activity it opens
        assert place.button.tooltip.startswith("Open this activity: ")
        assert roster_activity(session).title in place.button.tooltip
        assert repr(place) == "<activity ‘roster’: opens when asked>"

    def test_the_panel_shows_what_was_saved_before_it_was_opened(self, session: Session) -> None:
        place = closed_roster(session)
        _, version = session.team.read(Team)
        session.team.update(
            Team, lambda team: team.model_copy(update={"members": team.members[:2]}), base=version
        )
        place.button.click()
        assert isinstance(place.panel, day1.RosterPanel)
        assert place.children == (place.panel,)
        assert place.panel.status() == "2 members"
        assert repr(place) == repr(place.panel)

    def test_pressing_again_builds_no_second_panel(self, session: Session) -> None:
        place = closed_roster(session)
        place.button.click()
        first = place.panel
        place.open_panel()
        assert place.panel is first

    def test_a_problem_while_opening_is_a_message_and_the_button_stays(
        self, session: Session
    ) -> None:
        def broken(_session: Session) -> day1.RosterPanel:
            raise WorkshopError("The roster cannot be read just now.")

        place = ClosedActivity(session, roster_activity(session), broken)
        place.button.click()
        assert place.panel is None
        assert place.messages is not None
        assert place.messages.kind == "error"
        assert place.messages.text == "The roster cannot be read just now."
        assert place.children == (place.button, place.messages)
        assert not place.button.disabled

    def test_opened_without_a_team_it_waits_for_one(self, workspace: Workspace) -> None:
        session = Session(workspace, None)
        place = closed_roster(session)
        place.button.click()
        assert isinstance(place.panel, WaitingForTeam)

    def test_the_notebook_call_shows_the_heading_and_a_closed_activity(
        self, session: Session
    ) -> None:
        InteractiveShell.instance()  # display() publishes rich output only inside a shell
        with capture_output() as captured:
            day1.roster()
        texts = [o.data.get("text/plain", "") for o in captured.outputs]
        assert "<activity ‘roster’: opens when asked>" in texts
        html = "".join(o.data.get("text/html", "") for o in captured.outputs)
        assert 'id="activity-roster"' in html


NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
DAYS = {
    "day1": "01_day1_worthy_goal.ipynb",
    "day2": "02_day2_resource_map.ipynb",
    "day3": "03_day3_meeting_time.ipynb",
    "year": "04_through_the_year.ipynb",
}
WIDGET = "application/vnd.jupyter.widget-view+json"
NOT_ACTIVITIES = {"opening", "workbook", "versions"}  # shown open, with no button


def activity_calls(module: str) -> list[str]:
    nb = nbformat.read(NOTEBOOKS / DAYS[module], as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    calls = re.findall(rf"^{module}\.([a-z_]+)\(\)\s*$", code, flags=re.MULTILINE)
    return [c for c in calls if c not in NOT_ACTIVITIES]


@pytest.mark.parametrize(("module", "call"), [(m, c) for m in DAYS for c in activity_calls(m)])
def test_every_notebook_activity_opens_on_the_demo_team(
    session: Session, module: str, call: str
) -> None:
    """What strict nbval checked while panels were built with the page: each activity, opened
    as a team opens it, shows the demo team's work without a problem message."""
    InteractiveShell.instance()
    with capture_output() as captured:
        getattr(importlib.import_module(f"workshop_kit.activities.{module}"), call)()
    shown = [_instances[o.data[WIDGET]["model_id"]] for o in captured.outputs if WIDGET in o.data]
    assert len(shown) == 1 and isinstance(shown[0], ClosedActivity), shown
    place = shown[0]
    place.button.click()
    assert isinstance(place.panel, Panel)
    assert place.panel.messages.kind != "error", place.panel.messages.text
    assert repr(place).startswith(f"<{type(place.panel).__name__} for team ‘demo’")
