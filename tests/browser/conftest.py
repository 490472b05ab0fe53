"""Browser tests: the system Chromium driven by Playwright against servers these fixtures start.

Servers listen on free 127.0.0.1 ports, with Jupyter's config/data folders in a temporary folder
and a temporary workspace holding a fresh copy of the demo team. They run in their own process
group and are stopped by that group's id. One pages server (``workshop-kit app``, one process)
serves the whole session; a test that stops or restarts a server starts its own.

Pages may not reach off the machine: every request to another host is refused and recorded, and
the tests assert that none was made (the workshop must work without internet).

``WORKSHOP_KIT_SKIP_BROWSER=1`` skips these tests (documented in ``kit``); otherwise a missing
Chromium is an error, never a silent skip.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from chromium import CHROMIUM, CHROMIUM_ARGS, CLOSED_ON_PAGE
from workshop_kit.pages.site import address_of
from workshop_kit.store import JOIN_CODES_FILE, Workspace

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
SCREENSHOTS = ROOT / "docs" / "screenshots"
#: tall: a screenshot stops at the viewport
VIEWPORT = {"width": 1280, "height": 2400}
RENDER_TIMEOUT_MS = 90_000
#: ceilings, not waits: with the suite on two workers, two browsers and their pages' kernels share
#: two cores, and a kernel's answer took over 20 s under load (a passing test never waits them out)
KERNEL_TIMEOUT_MS = 60_000
EXPECT_TIMEOUT_MS = 60_000


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("WORKSHOP_KIT_SKIP_BROWSER") != "1":
        return
    skip = pytest.mark.skip(reason="WORKSHOP_KIT_SKIP_BROWSER=1")
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


# -- servers -----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """A server process in its own process group, with its log for error messages."""

    process: subprocess.Popen[bytes]
    url: str
    log: Path

    def log_tail(self) -> str:
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")[-3000:]
        except OSError:
            return ""

    def wait_until_ready(self, path: str, timeout: float = 90.0) -> None:
        """Poll ``path`` until it answers 200 (or fail with the server's log)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited early:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url + path, timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.1)
        raise RuntimeError(
            f"the server did not answer {path} within {timeout:.0f} s:\n{self.log_tail()}"
        )

    def stop(self) -> None:
        """SIGTERM the server's process group (it shuts its kernels down), then SIGKILL the group
        and the process group of every kernel it started (Jupyter starts each kernel in a
        session of its own, so they are not in the server's group)."""
        kernels = descendants(self.process.pid)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=15)
        for group in [self.process.pid, *kernels]:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(group, signal.SIGKILL)
        self.process.wait(timeout=5)


def descendants(pid: int) -> list[int]:
    """Ids of every process below ``pid`` (read from /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def isolated_environment(folder: Path, workspace: Path) -> dict[str, str]:
    """Jupyter's and matplotlib's folders inside ``folder``; the given workspace."""
    env = dict(os.environ)
    for var, sub in [
        ("JUPYTER_CONFIG_DIR", "jupyter-config"),
        ("JUPYTER_DATA_DIR", "jupyter-data"),
        ("JUPYTER_RUNTIME_DIR", "jupyter-runtime"),
        ("JUPYTERLAB_SETTINGS_DIR", "lab-settings"),
        ("JUPYTERLAB_WORKSPACES_DIR", "lab-workspaces"),
        ("MPLCONFIGDIR", "mpl"),
        ("IPYTHONDIR", "ipython"),
    ]:
        (folder / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(folder / sub)
    env["WORKSHOP_KIT_WORKSPACE"] = str(workspace)
    env["MPLBACKEND"] = "Agg"
    env.pop("WORKSHOP_KIT_TEAM", None)
    env.pop("JUPYTER_PATH", None)
    return env


def start_server(command: list[str], env: dict[str, str], log: Path, url: str) -> Server:
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=log.parent,
            start_new_session=True,
        )
    return Server(process, url, log)


def read_yaml(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


@dataclass
class PagesServer:
    """``workshop-kit app`` (one Solara process, no kernels) on a temporary workspace."""

    server: Server
    workspace: Path

    @property
    def url(self) -> str:
        return self.server.url

    def day_url(self, notebook: str) -> str:
        """The page's plain address (``/day1``) for a notebook's file name."""
        address = address_of(notebook)
        assert address is not None, f"{notebook} has no page address"
        return f"{self.url}/{address}"

    def join_codes(self) -> dict[str, Any]:
        """The codes the server made for the workspace's teams (and the facilitator) at start."""
        data = json.loads((self.workspace / JOIN_CODES_FILE).read_text(encoding="utf-8"))
        assert isinstance(data, dict)
        return data

    def team_folder(self, display_name: str) -> Path:
        """The folder of the team called ``display_name`` (found through its team.yaml)."""
        for folder in sorted(self.workspace.iterdir()):
            team = folder / "team.yaml"
            if team.is_file() and read_yaml(team).get("name") == display_name:
                return folder
        raise AssertionError(f"no team called {display_name!r} in {self.workspace}")

    read = staticmethod(read_yaml)


def start_pages(folder: Path, port: int | None = None) -> PagesServer:
    """``workshop-kit app`` (the real CLI) on the workspace in ``folder``, in its own process
    group, HOME pointed at a temporary folder; ready to answer. Started again on the same
    folder and port, it is the same server after a restart."""
    workspace = folder / "workspace"
    port = port or free_port()
    env = isolated_environment(folder, workspace)
    env["HOME"] = str(folder / "home")
    command = [
        sys.executable,
        "-m",
        "workshop_kit.cli",
        "--workspace",
        str(workspace),
        "app",
        "--no-browser",
        "--port",
        str(port),
    ]
    log = folder / f"pages-{len(list(folder.glob('pages-*.log')))}.log"
    server = start_server(command, env, log, f"http://127.0.0.1:{port}")
    try:
        server.wait_until_ready("/")
    except BaseException:
        server.stop()
        raise
    return PagesServer(server, workspace)


def remember_code(offline: OfflinePage, url: str, code: str) -> None:
    """The browser holds ``code`` as if it had been typed there once."""
    offline.page.context.add_cookies([{"name": "wk-codes", "value": code, "url": url}])


@pytest.fixture(scope="session")
def pages_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PagesServer]:
    """One pages server for the session (one per worker), on a workspace holding the demo team
    and Lincoln ILT (a second team, whose pages need its join code)."""
    folder = tmp_path_factory.mktemp("pages-server")
    Workspace(folder / "workspace").create_team("Lincoln ILT")
    pages = start_pages(folder)
    try:
        yield pages
    finally:
        pages.server.stop()


# -- the browser -------------------------------------------------------------------------------


def chromium_executable() -> str:
    if CHROMIUM is not None:
        return CHROMIUM
    pytest.fail(
        "Chromium is missing, so the browser tests cannot run. `./kit test` installs it "
        "(apt-get install chromium fonts-liberation); or set WORKSHOP_KIT_SKIP_BROWSER=1 to skip "
        "the browser tests.",
        pytrace=False,
    )


@pytest.fixture(scope="session")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from playwright.sync_api import expect, sync_playwright

    # a ceiling, not a wait: a kernel's answer can take seconds on a busy 2-core machine
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    executable = chromium_executable()
    home = tmp_path_factory.mktemp("chromium-home")  # its crash reports and caches go here
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"),
           "XDG_CACHE_HOME": str(home / "cache")}  # fmt: skip
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, env=env
        )
        yield browser
        browser.close()


@dataclass
class OfflinePage:
    """A Playwright page that may only reach 127.0.0.1; off-machine requests are recorded."""

    page: Any
    off_machine: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


#: every address off this machine. A pattern, not a Python function: Playwright hands the browser
#: a pattern to match, where a function makes it stop every request of the page (39 for a day
#: page) and ask this process about it, which cost the suite more CPU than some of its tests
OFF_MACHINE = re.compile(r"^(?!(?:https?|wss?)://127\.0\.0\.1:|data:|blob:|about:)")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Keep each phase's report on the test, so a fixture can tell that the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


#: what a page says of itself when its test failed: its address, its connection bar, and how
#: often it loaded (a page that started itself again says so here)
PAGE_STATE = """() => {
    const bar = document.querySelector('.wk-connection');
    return {address: location.href, bar: bar ? (bar.hidden ? '(hidden) ' : '') + bar.innerText
            : '(none)', focused: document.activeElement ? document.activeElement.outerHTML
            .slice(0, 160) : ''};
}"""


@pytest.fixture
def new_page(chromium: Any, request: pytest.FixtureRequest) -> Iterator[Callable[[], OfflinePage]]:
    """Open fresh browser contexts (a new user each); closed after the test. When the test
    failed, each page's state is printed first (in the report's captured output)."""
    contexts: list[Any] = []
    loads: list[list[str]] = []

    def open_page() -> OfflinePage:
        context = chromium.new_context(viewport=VIEWPORT)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(KERNEL_TIMEOUT_MS)
        wrapped = OfflinePage(page)
        loaded: list[str] = []
        loads.append(loaded)
        page.on("load", lambda: loaded.append(time.strftime("%H:%M:%S")))

        def refuse(request_route: Any) -> None:
            wrapped.off_machine.append(request_route.request.url)
            request_route.abort()

        # only off-machine requests are routed: a routed request made while a page unloads (its
        # shutdown beacon) can be dropped by Playwright, which made closed pages look leaked
        context.route(OFF_MACHINE, refuse)
        page.on("pageerror", lambda exc: wrapped.errors.append(str(exc)))
        return wrapped

    yield open_page
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed:
        for n, context in enumerate(contexts):
            for page in context.pages:
                try:
                    state = page.evaluate(PAGE_STATE)
                except Exception as exc:  # a page that no longer answers says that much
                    state = {"unanswered": str(exc).splitlines()[0]}
                print(f"page {n + 1}: loaded at {loads[n]}; {state}")
    for context in contexts:
        context.close()


SCREENSHOT_HEIGHT = 1500


def save_screenshot(
    page: Any, name: str, anchor: str | None = None, only_anchor: bool = False
) -> Path:
    """Save ``docs/screenshots/<name>.png`` for the README: the top of the page, or the part
    starting at ``anchor`` (scrolled to the top first); with
    ``only_anchor``, just the anchor element."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    top = 0.0
    if anchor:
        element = page.locator(anchor).first
        # at once: the pages' stylesheet scrolls smoothly, and a box measured mid-scroll is wrong
        element.evaluate("e => e.scrollIntoView({block: 'start', behavior: 'instant'})")
        box = element.bounding_box()
        assert box is not None, f"{anchor} is not on the page"
        top = max(0.0, box["y"] - 8)
    height = min(SCREENSHOT_HEIGHT, VIEWPORT["height"] - top)
    if anchor and only_anchor:
        height = min(height, box["height"] + 16)
    page.screenshot(
        path=str(path), clip={"x": 0, "y": top, "width": VIEWPORT["width"], "height": height}
    )
    return path


@pytest.fixture(scope="session")
def notebooks_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the notebooks, so JupyterLab's autosave can never touch the committed ones."""
    target = tmp_path_factory.mktemp("notebooks")
    for path in NOTEBOOKS.glob("*.ipynb"):
        shutil.copy(path, target / path.name)
    return target


# -- a day's page, as a team uses it -----------------------------------------------------------


class DayPage:
    """A day notebook in app mode, driven only through what a team sees: typing and clicking."""

    def __init__(
        self,
        offline: OfflinePage,
        url: str,
        ready: str = "button.wk-create-team",
        activities: Sequence[str] | None = None,
    ) -> None:
        self.offline = offline
        self.page = offline.page
        self.url = url
        self.ready = ready  # drawn once the page is interactive (a day's team picker by default)
        #: the activities opened once the page is drawn, as a team opens them (None: all)
        self.activities = activities

    def open(self) -> DayPage:
        self.page.goto(self.url, timeout=RENDER_TIMEOUT_MS)
        self.wait_rendered()
        return self

    def wait_rendered(self) -> None:
        """Wait until the ``ready`` widget is drawn (the page arrives whole), then open the
        activities the test works in (each button is waited for)."""
        self.page.locator(self.ready).wait_for(state="visible", timeout=RENDER_TIMEOUT_MS)
        self.open_activities(self.activities)

    def open_activities(self, ids: Sequence[str] | None = None) -> None:
        """Press "Open this activity" for each of ``ids`` (None: every closed activity on the
        page), as a team does, and check that each panel takes its button's place (an
        assertion with the test's own waits, where the benchmarks' helper only waits)."""
        from playwright.sync_api import expect

        if ids is None:
            ids = self.page.evaluate(CLOSED_ON_PAGE)
        for activity in ids:
            self.click(f"button.wk-open-{activity}")
        for activity in ids:
            expect(self.locator(f"button.wk-open-{activity}")).to_have_count(0)

    def reload(self) -> None:
        """Reload the page: a new session, which knows nothing of the old one."""
        self.page.reload(timeout=RENDER_TIMEOUT_MS)
        self.wait_rendered()

    def locator(self, css: str) -> Any:
        return self.page.locator(css)

    def fill(self, css: str, text: str, nth: int = 0) -> None:
        self.locator(css).nth(nth).fill(text)

    def type(self, css: str, text: str, nth: int = 0) -> None:
        """Click into the field and type key by key, as a person does (slower: used for a few
        short fields). What was there is selected first, so typing replaces it."""
        field = self.locator(css).nth(nth)
        field.click()
        field.press("ControlOrMeta+a")
        field.press_sequentially(text)

    def choose(self, css: str, label: str, nth: int = 0) -> None:
        self.locator(css).nth(nth).select_option(label=label)

    def click(self, css: str, nth: int = 0) -> None:
        self.locator(css).nth(nth).click()

    def expect_message(self, scope: str, text: str, kind: str = "ok") -> None:
        from playwright.sync_api import expect

        try:
            expect(
                self.locator(f"{scope} .wk-msg.wk-{kind}").filter(has_text=text).first
            ).to_be_visible()
        except AssertionError as missing:
            raise AssertionError(
                f"no {kind} message with {text!r} in {scope}; what the page says there:\n"
                f"{self.said(scope)}"
            ) from missing

    def said(self, scope: str) -> str:
        """The messages in ``scope`` and the connection bar, for a failure to show."""
        found = self.page.evaluate(
            """scope => {
                const lines = [];
                document.querySelectorAll(scope + ' .wk-msg').forEach(m =>
                    lines.push(m.className + ': ' + m.innerText.trim()));
                const bar = document.querySelector('.wk-connection');
                if (bar) lines.push('bar' + (bar.hidden ? ' (hidden)' : '') + ': ' + bar.innerText);
                document.querySelectorAll(scope + ' textarea, ' + scope + ' input').forEach(
                    f => f.value && lines.push('field ' + f.className + ': ' + f.value));
                return lines;
            }""",
            scope,
        )
        return "\n".join(str(line) for line in found) or "(nothing)"

    def expect_value(self, css: str, part: str, nth: int = 0) -> None:
        """Wait until the field's value holds ``part`` (the kernel fills it asynchronously)."""
        import re

        from playwright.sync_api import expect

        expect(self.locator(css).nth(nth)).to_have_value(re.compile(re.escape(part)))

    def value(self, css: str, nth: int = 0) -> str:
        return str(self.locator(css).nth(nth).input_value())

    def values(self, css: str) -> list[str]:
        return [str(v) for v in self.locator(css).evaluate_all("els => els.map(e => e.value)")]

    def expect_values(self, css: str, expected: list[str]) -> None:
        """Wait until the fields matching ``css`` hold ``expected``, in order (a table is drawn
        again after the message that announces its new row), then compare them, so a timeout
        shows what they held."""
        from playwright.sync_api import Error

        with contextlib.suppress(Error):  # the comparison below says what differs
            self.page.wait_for_function(
                """([css, want]) => JSON.stringify(
                    Array.from(document.querySelectorAll(css), e => e.value)
                ) === JSON.stringify(want)""",
                arg=[css, expected],
                timeout=EXPECT_TIMEOUT_MS,
            )
        assert self.values(css) == expected

    def selected_label(self, css: str, nth: int = 0) -> str:
        """The chosen option's text (ipywidgets writes spaces in labels as no-break spaces)."""
        text = (
            self.locator(css)
            .nth(nth)
            .evaluate("s => s.selectedIndex < 0 ? '' : s.options[s.selectedIndex].text")
        )
        return str(text).replace("\xa0", " ")

    def create_team(self, name: str) -> None:
        """Create a team's workbook; returns once every panel has rebuilt for it (the picker's
        confirmation is sent after all panels have rebuilt)."""
        self.type(".wk-new-team-name input", name)
        self.click("button.wk-create-team")
        self.expect_message(".wk-team-picker", f"Created a workbook for {name}")
        self.expect_current_team(name)

    def open_team(self, name: str) -> None:
        self.choose(".wk-team-choice select", name)
        self.click("button.wk-open-team")
        self.expect_message(".wk-team-picker", f"Opened the workbook of {name}")
        self.expect_current_team(name)

    def expect_current_team(self, name: str) -> None:
        from playwright.sync_api import expect

        expect(self.locator(".wk-current-team").first).to_contain_text(name)

    def screenshot(self, name: str, anchor: str | None = None, only_anchor: bool = False) -> Path:
        return save_screenshot(self.page, name, anchor, only_anchor)

    def assert_clean(self) -> None:
        """No request left the machine and no script error reached the page."""
        assert self.offline.off_machine == [], f"off-machine requests: {self.offline.off_machine}"
        assert self.offline.errors == [], f"errors in the page: {self.offline.errors}"
        body = self.page.inner_text("body")
        # the last: a widget whose view failed to draw (ipywidgets shows this in its place)
        for marker in ("Traceback", "workshop_kit", "Error:", "javascript error"):
            assert marker not in body, f"{marker!r} is on the page"
        assert self.locator(".jp-CodeCell .jp-InputArea, .jp-CodeMirrorEditor").count() == 0, (
            "code on the page"
        )


@pytest.fixture
def open_page(
    pages_server: PagesServer, new_page: Callable[[], OfflinePage]
) -> Callable[..., DayPage]:
    """``open_page("01_day1_worthy_goal.ipynb")``: a new browser's page on that day on the pages
    server, drawn. The browser holds the facilitator's join code (``code="facilitator"``, who
    creates teams there), a team's code (``code="lincoln-ilt"``) or none (``code=""``); with
    ``team="demo"`` the page opens on that team, as the link on a team's card does."""

    def opener(
        notebook: str,
        ready: str = ".wk-team-picker",
        team: str = "",
        activities: Sequence[str] | None = None,
        code: str = "facilitator",
    ) -> DayPage:
        if not (NOTEBOOKS / notebook).is_file():
            pytest.fail(f"the notebook {notebook} does not exist", pytrace=False)
        offline = new_page()
        if code:
            codes = pages_server.join_codes()
            held = codes["facilitator"] if code == "facilitator" else codes["teams"][code]
            remember_code(offline, pages_server.url, held)
        url = pages_server.day_url(notebook) + (f"?team={team}" if team else "")
        return DayPage(offline, url, ready, activities).open()

    return opener


@pytest.fixture(scope="session")
def server_tools() -> SimpleNamespace:
    """The helpers above, for test modules that start a server of their own."""
    return SimpleNamespace(
        free_port=free_port, isolated_environment=isolated_environment, start_server=start_server
    )


@pytest.fixture(scope="session")
def day_page() -> type[DayPage]:
    """The :class:`DayPage` class, for pages opened some other way (e.g. in JupyterLab)."""
    return DayPage


@pytest.fixture(scope="session")
def yaml_file() -> Callable[[Path], dict[str, Any]]:
    """Read one of a team's YAML files as plain data."""
    return read_yaml
