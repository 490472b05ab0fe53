"""``workshop-kit hub`` for real, on loopback: JupyterHub with the proxy from the project's
``node_modules``, two teams and the facilitator logged in, each in a browser context of its own.

Needs root (the set-up creates one Unix user per account with useradd; this fixture removes them
again) and the proxy (``./kit test`` runs ``npm ci``). Without either the test is skipped, saying
why. Each team's server runs the kit's Python as the team's user, so the hub runs from a copy of
the kit and its environment that every user can read (tests/hub_runtime.py: seconds, hard links),
wherever the checkout is (CI clones into a private folder) and wherever its Python lives.
"""

from __future__ import annotations

import os
import pwd
import shutil
import stat
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import hub_runtime
from workshop_kit import hub

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
TEAMS = ["Hubtest Oak ILT", "Hubtest Elm ILT"]
OAK, ELM = "hubtest-oak-ilt", "hubtest-elm-ilt"
USERS = [hub.username_for(OAK), hub.username_for(ELM), hub.FACILITATOR]
LANDING_READY = ".wk-day-card >> nth=0"
DAY1 = "01_day1_worthy_goal.ipynb"


def skip_unless_possible() -> None:
    if os.geteuid() != 0:
        pytest.skip("the hub test creates Unix users (useradd), which needs root")
    if not (shutil.which("useradd") and shutil.which("runuser")):
        pytest.skip("useradd or runuser is missing")
    if not hub.proxy_command().exists():
        pytest.skip(
            "configurable-http-proxy is not installed in node_modules (./kit test runs npm ci; "
            "is npm missing?)"
        )
    if shutil.which("node") is None:
        pytest.skip("Node.js is missing, so the proxy cannot run")
    why = hub_runtime.why_not()
    if why:
        pytest.skip(why)
    for name in [*USERS, hub.FACILITATOR_GROUP]:
        taken = subprocess.run(["getent", "passwd", name], capture_output=True).returncode == 0
        taken |= subprocess.run(["getent", "group", name], capture_output=True).returncode == 0
        if taken:
            pytest.skip(f"‘{name}’ already exists on this machine; the test will not touch it")


@dataclass
class RunningHub:
    url: str
    workspace: Path
    hub_dir: Path
    passwords: dict[str, str]
    server: Any
    started_in: float

    def user_url(self, user: str, path: str) -> str:
        return f"{self.url}/user/{user}/{path}"


@pytest.fixture(scope="module")
def running_hub(server_tools: Any) -> Iterator[RunningHub]:
    skip_unless_possible()
    # not pytest's tmp_path: root's is private (0700), and the team users must reach the
    # workspace, their homes and the kit below this folder
    folder = Path(tempfile.mkdtemp(prefix="workshop-kit-hub-"))
    os.chmod(folder, 0o755)
    python = str(hub_runtime.readable_kit(ROOT, folder / "runtime"))
    workspace, hub_dir = folder / "workspace", folder / "hub"
    cohort = folder / "cohort.txt"
    cohort.write_text("\n".join(TEAMS) + "\n", encoding="utf-8")
    port = server_tools.free_port()
    command = [python, "-m", "workshop_kit.cli", "--workspace", str(workspace), "hub"]
    command += ["--from-file", str(cohort), "--hub-dir", str(hub_dir), "--port", str(port)]
    command += ["--hub-api-port", str(server_tools.free_port())]
    command += ["--proxy-api-port", str(server_tools.free_port())]
    env = server_tools.isolated_environment(folder, workspace)
    env.pop("PYTHONPATH", None)  # the shared environment has the kit installed (editable)
    began = time.monotonic()
    server = server_tools.start_server(command, env, folder / "hub.log", f"http://127.0.0.1:{port}")
    try:
        server.wait_until_ready("/hub/login", timeout=180)
        rows = (hub_dir / hub.ACCOUNTS_CSV).read_text(encoding="utf-8").splitlines()[1:]
        passwords = {r.split(",")[2]: r.split(",")[3] for r in rows}
        yield RunningHub(
            server.url, workspace, hub_dir, passwords, server, time.monotonic() - began
        )
    finally:
        server.stop()
        hub.remove_unix_users(USERS, hub.FACILITATOR_GROUP)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def log_in(
    running_hub: RunningHub, new_page: Callable[[], Any], day_page: Any
) -> Callable[[str, str, str], Any]:
    """``log_in(user, expected_path, ready)``: a new browser context logged in as ``user``,
    on the page the hub sends it to (checked to be ``expected_path``), rendered."""

    def login(user: str, expected_path: str, ready: str) -> Any:
        offline = new_page()
        page = offline.page
        page.goto(f"{running_hub.url}/hub/login", timeout=120_000)
        page.fill("#username_input", user)
        page.fill("#password_input", running_hub.passwords[user])
        began = time.monotonic()
        page.click("#login_submit")
        page.wait_for_url(f"**/user/{user}/{expected_path}", timeout=180_000)
        day = day_page(offline, page.url, ready)
        day.wait_rendered()
        print(f"{user}: login to rendered page {time.monotonic() - began:.1f} s")
        return day

    return login


def save_norm(day: Any, norm: str) -> None:
    day.fill(".wk-norms-text textarea", norm)
    day.click(".wk-norms-agreed input")
    day.click("button.wk-save-norms")
    day.expect_message(".wk-norms", "1 norm agreed")


def kernel_users(kernels: list[int]) -> set[str]:
    """The Unix users the given kernel processes run as."""
    users = set()
    for pid in kernels:
        try:
            users.add(pwd.getpwuid(Path(f"/proc/{pid}").stat().st_uid).pw_name)
        except OSError:
            continue
    return users


def test_two_teams_and_the_facilitator_each_see_only_what_is_theirs(
    running_hub: RunningHub,
    log_in: Callable[[str, str, str], Any],
    yaml_file: Any,
    running_kernels: Callable[[Any], list[int]],
) -> None:
    from playwright.sync_api import expect

    print(f"hub start to login page {running_hub.started_in:.1f} s")
    oak_user, elm_user = USERS[0], USERS[1]
    landing = "voila/render/00_start_here.ipynb?team="
    oak = log_in(oak_user, landing + OAK, LANDING_READY)
    elm = log_in(elm_user, landing + ELM, LANDING_READY)

    # each team saves a norm on Day 1, from its own server
    for day, team, norm in ((oak, OAK, "Oak starts on time."), (elm, ELM, "Elm brings work.")):
        day.page.goto(f"{day.page.url.split('/voila/')[0]}/voila/render/{DAY1}?team={team}")
        day.ready, day.activities = ".wk-norms-text textarea", ["norms"]
        day.wait_rendered()
        save_norm(day, norm)
        assert yaml_file(running_hub.workspace / team / "team.yaml")["norms"] == [norm]
        day.assert_clean()

    # a figure for docs/server.md (printed, not checked): memory of one active team server
    rss = 0  # every process of the team's Unix user (the fixture created it: nothing else runs)
    for pid in (int(p.name) for p in Path("/proc").glob("[0-9]*")):
        try:
            if Path(f"/proc/{pid}").stat().st_uid != pwd.getpwnam(USERS[0]).pw_uid:
                continue
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        rss += int(next(line.split()[1] for line in status.splitlines() if line[:6] == "VmRSS:"))
    print(f"memory of one active team server (server + its kernels): {rss / 1024:.0f} MB")

    # the kernels run as the teams' own Unix users
    assert {oak_user, elm_user} <= kernel_users(running_kernels(running_hub.server))
    for team, user in ((OAK, oak_user), (ELM, elm_user)):
        info = (running_hub.workspace / team).stat()
        assert pwd.getpwuid(info.st_uid).pw_name == user
        assert stat.S_IMODE(info.st_mode) & 0o007 == 0  # nothing for other users

    # Oak is refused Elm's server: its pages, its files API, its landing page
    for path in (f"{landing}{ELM}", "api/contents", f"files/{DAY1}"):
        answer = oak.page.request.get(running_hub.user_url(elm_user, path))
        assert answer.status in (403, 404), (path, answer.status)
    assert oak.page.goto(running_hub.user_url(elm_user, f"{landing}{ELM}")).status in (403, 404)

    # inside Oak's own server, naming Elm in the address opens nothing: Oak's kernel cannot read
    # Elm's folder (file permissions). The page says only that something went wrong (no path,
    # no traceback; a plainer message belongs in session.py, see docs/server.md), shows none of
    # Elm's work, and Elm's workbook is unchanged.
    oak.page.goto(running_hub.user_url(oak_user, f"voila/render/{DAY1}?team={ELM}"))
    oak.ready = ".wk-norms-text textarea"
    oak.wait_rendered()
    expect(oak.locator("[role=alert]").first).to_contain_text("Something went wrong")
    assert "Elm brings work." not in oak.value(".wk-norms-text textarea")
    expect(oak.locator("body")).not_to_contain_text("Elm brings work.")
    expect(oak.locator("body")).not_to_contain_text("Permission denied")
    oak.assert_clean()
    refused = subprocess.run(
        ["runuser", "-u", oak_user, "--", "ls", str(running_hub.workspace / ELM)],
        capture_output=True,
        text=True,
    )
    assert refused.returncode != 0 and "Permission denied" in refused.stderr
    assert yaml_file(running_hub.workspace / ELM / "team.yaml")["norms"] == ["Elm brings work."]

    # the facilitator's overview shows both teams (group read access on their folders)
    facilitator = log_in(
        hub.FACILITATOR, f"voila/render/{hub.OVERVIEW}", "button.wk-refresh-overview"
    )
    table = facilitator.locator(".wk-overview-table").first
    expect(table).to_contain_text("Hubtest Oak ILT")
    expect(table).to_contain_text("Hubtest Elm ILT")
    facilitator.assert_clean()

    # logout: Oak's context is signed out and sent to the login page for its own server again
    oak.page.goto(f"{running_hub.url}/hub/logout")
    oak.page.goto(running_hub.user_url(oak_user, f"{landing}{OAK}"))
    oak.page.wait_for_url("**/hub/login**")
    expect(oak.page.locator("#login_submit")).to_be_visible()


def test_a_wrong_password_is_refused(running_hub: RunningHub, new_page: Callable[[], Any]) -> None:
    page = new_page().page
    page.goto(f"{running_hub.url}/hub/login")
    page.fill("#username_input", USERS[0])
    page.fill("#password_input", running_hub.passwords[USERS[1]])
    page.click("#login_submit")
    from playwright.sync_api import expect

    expect(page.locator(".login_error, #login_error, .alert-danger").first).to_be_visible()
    assert "/user/" not in page.url
