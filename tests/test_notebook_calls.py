"""Every call a committed notebook makes shows a plain message, never a traceback, when the
facilitator's configuration for that day is broken (the cells' input is hidden from teams)."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import nbformat
import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output

from workshop_kit.session import Session

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
DAY_NOTEBOOKS = {1: "01_day1_worthy_goal.ipynb", 2: "02_day2_resource_map.ipynb",
                 3: "03_day3_meeting_time.ipynb"}  # fmt: skip


NEEDS_NO_CONFIG = {"versions"}  # earlier versions of a team's files stay reachable regardless
WIDGET = "application/vnd.jupyter.widget-view+json"


def calls_in(notebook: str, module: str) -> list[str]:
    """The ``module.name()`` calls in a notebook's code cells, in order."""
    nb = nbformat.read(NOTEBOOKS / notebook, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    return re.findall(rf"^{module}\.([a-z_]+)\(\)\s*$", code, flags=re.MULTILINE)


CASES = [
    (day, name)
    for day, notebook in DAY_NOTEBOOKS.items()
    for name in calls_in(notebook, f"day{day}")
]


def test_every_day_notebook_makes_calls() -> None:
    """Guards the parametrisation below: a notebook whose calls cannot be found fails here."""
    for day in DAY_NOTEBOOKS:
        assert len([c for c in CASES if c[0] == day]) >= 5


@pytest.mark.parametrize(("day", "name"), CASES)
def test_a_broken_config_is_a_message_not_a_traceback(
    session: Session, day: int, name: str
) -> None:
    InteractiveShell.instance()  # display() publishes rich output only inside a shell
    folder = session.workspace.root / "config"
    folder.mkdir()
    (folder / f"day{day}.yaml").write_text("schema_version: 1\ntitle: [unclosed\n", "utf-8")
    call = getattr(importlib.import_module(f"workshop_kit.activities.day{day}"), name)
    with capture_output() as captured:
        call()
    html = "".join(o.data.get("text/html", "") for o in captured.outputs)
    assert "Traceback" not in html + captured.stdout + captured.stderr
    if name in NEEDS_NO_CONFIG:
        assert any(WIDGET in o.data for o in captured.outputs)  # still there to restore files
    else:
        assert "This activity cannot be shown" in html, (name, html[:300])
        assert f"day{day}.yaml" in html


@pytest.mark.parametrize("day", sorted(DAY_NOTEBOOKS))
def test_the_config_check_knows_every_activity_a_notebook_shows(day: int) -> None:
    """``config check`` checks the activity ids the notebook asks for: they are the config
    class's NOTEBOOK_ACTIVITIES, in the notebook's order (a call that is an activity carries its
    id as its name)."""
    from workshop_kit.config import day1 as config1
    from workshop_kit.config import day2 as config2
    from workshop_kit.config import day3 as config3

    wanted = {1: config1.Day1Config, 2: config2.Day2Config, 3: config3.Day3Config}[day]
    module = importlib.import_module(f"workshop_kit.activities.day{day}")
    shown = [getattr(module, name).__name__ for name in calls_in(DAY_NOTEBOOKS[day], f"day{day}")]
    ids = [name for name in shown if name not in {"opening", "versions"}]
    assert ids == list(wanted.NOTEBOOK_ACTIVITIES)
