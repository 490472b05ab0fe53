"""Day 1 in JupyterLab, as a facilitator or self-paced learner uses it: the notebook opens cleanly
(no news or update prompt, code collapsed), Run All draws the panels, what the team types is saved
to its files, and a restarted kernel shows it again."""

from __future__ import annotations

import json
import secrets
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from workshop_kit.cli import lab_environment
from workshop_kit.store import team_slug

pytestmark = pytest.mark.browser

NOTEBOOK = "01_day1_worthy_goal.ipynb"
NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
TEAM = "Roosevelt Middle ILT"
SCHOOL = "Roosevelt Middle School"
MEMBER = ("Amara Nwosu", "Instructional coach")
NORMS = ["We test ideas in classrooms, then talk.", "Every voice before any voice twice."]

KERNEL_READY = """() => {
    const widget = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    const kernel = widget && widget.sessionContext && widget.sessionContext.session
        && widget.sessionContext.session.kernel;
    return !!kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
}"""


@pytest.fixture(scope="module")
def lab(
    tmp_path_factory: pytest.TempPathFactory, notebooks_copy: Path, server_tools: Any
) -> Iterator[Any]:
    """JupyterLab on a copy of the notebooks, started the way ``workshop-kit start`` starts it."""
    folder = tmp_path_factory.mktemp("lab-server")
    workspace = folder / "workspace"
    port, token = server_tools.free_port(), secrets.token_hex(16)
    env = {**lab_environment(), **server_tools.isolated_environment(folder, workspace)}
    command = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}",
        "--ServerApp.ip=127.0.0.1", "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={notebooks_copy}", f"--IdentityProvider.token={token}",
        "--LabApp.expose_app_in_browser=True", "--allow-root",
    ]  # fmt: skip
    server = server_tools.start_server(command, env, folder / "lab.log", f"http://127.0.0.1:{port}")
    try:
        server.wait_until_ready("/api")
        yield server, token, workspace
    finally:
        server.stop()


def wait_kernel_idle(page: Any) -> None:
    page.wait_for_function(KERNEL_READY, timeout=60_000)


def run_menu(page: Any, menu: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=menu).first.click()
    page.locator(".lm-Menu-itemLabel", has_text=item).first.click()


class TestDay1InJupyterLab:
    def test_run_all_fill_save_restart_and_find_it_again(
        self, lab: Any, new_page: Callable[[], Any], day_page: Any, yaml_file: Any
    ) -> None:
        """A clean first start with code collapsed; typed work survives a kernel restart."""
        from playwright.sync_api import expect

        server, token, workspace = lab
        offline = new_page()
        page = offline.page
        page.goto(f"{server.url}/lab/tree/{NOTEBOOK}?token={token}", timeout=90_000)
        wait_kernel_idle(page)

        # First start is clean: no news or update toast, no dialog; code cells collapsed.
        assert page.locator(".jp-Dialog").count() == 0
        assert page.locator(".Toastify__toast").count() == 0, "a notification popped up"
        # every code cell of the file is drawn collapsed; JupyterLab draws the cells one after
        # another, so the count is awaited (a cell drawn open never counts as collapsed)
        cells = json.loads((NOTEBOOKS / NOTEBOOK).read_text(encoding="utf-8"))["cells"]
        code = sum(1 for cell in cells if cell["cell_type"] == "code")
        assert code >= 8
        expect(page.locator(".jp-Notebook .jp-CodeCell")).to_have_count(code)
        expect(page.locator(".jp-Notebook .jp-CodeCell .jp-InputPlaceholder")).to_have_count(code)
        assert page.locator(".jp-Notebook .jp-CodeCell .cm-editor:visible").count() == 0

        run_menu(page, "Run", "Run All Cells")
        # the notebook's cells are drawn one after another: the two activities used are opened
        day = day_page(offline, page.url, activities=["roster", "norms"])
        day.wait_rendered()
        wait_kernel_idle(page)
        day.create_team(TEAM)
        # every panel rebuilt for the new team; until the kernel has said so (idle), the page
        # holds back a field's value while a button's click goes ahead (see
        # tests/activities/test_typed_text.py), so a name typed now could miss the save
        wait_kernel_idle(page)
        day.fill(".wk-school input", SCHOOL)
        # leaving the field sends it; the kernel handles it before the next field is typed (a
        # value sent while the kernel is busy waits, a click does not: the same reason as above)
        day.locator(".wk-school input").press("Tab")
        wait_kernel_idle(page)
        day.type(".wk-roster .wk-col-name input", MEMBER[0])
        day.choose(".wk-roster .wk-col-role select", MEMBER[1])
        wait_kernel_idle(page)
        day.click("button.wk-save-roster")
        day.expect_message(".wk-roster", "1 member.")
        day.fill(".wk-norms-text textarea", "\n".join(NORMS))
        # as for the school above: the roster save keeps the kernel busy, and a value sent then
        # waits while the click does not
        day.locator(".wk-norms-text textarea").press("Tab")
        wait_kernel_idle(page)
        day.click("button.wk-save-norms")
        day.expect_message(".wk-norms", "2 norms saved as a draft")

        team = yaml_file(workspace / team_slug(TEAM) / "team.yaml")
        assert team["school"] == SCHOOL
        assert [(m["name"], m["role"]) for m in team["members"]] == [MEMBER]
        assert team["norms"] == NORMS and team["norms_agreed"] is False

        # A new kernel (restart and run all), then pick the team again.
        run_menu(page, "Kernel", "Restart Kernel and Run All Cells")
        page.locator(".jp-Dialog .jp-mod-accept").click()
        expect(page.locator(".wk-current-team").first).to_contain_text("Maple Grove")
        wait_kernel_idle(page)
        day.open_activities(["roster", "norms"])  # a new kernel shows them closed again
        day.open_team(TEAM)
        assert day.value(".wk-school input") == SCHOOL
        day.expect_values(".wk-roster .wk-col-name input", [MEMBER[0]])
        assert day.value(".wk-norms-text textarea").splitlines() == NORMS
        assert offline.off_machine == [], offline.off_machine
        assert page.locator(".Toastify__toast").count() == 0, "a notification popped up"
