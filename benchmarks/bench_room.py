"""The institute room (issue 10): one ``workshop-kit app`` server, many devices, nothing lost.

A load script, not a test: it starts its own server on 127.0.0.1 (a temporary workspace, short
idle timeout), drives the system Chromium through Playwright and prints figures next to the
issue's targets, as ratios against the server's RSS measured at its start in this same run.

* Phase 1: 60 page views in sequence (Day 1 and Day 2 alternately, one browser context): open,
  wait until the page is interactive, close it (its shutdown beacon runs). Then: seconds until no
  kernel is left, and the server's RSS against its start.
* Phase 2: 25 pages open at once (5 teams x 5 members, one browser context each, Day 1 ratings and
  Day 2 resources alternately), opened one after the other; then one Python thread goes round the
  pages for 60 s and has each page save every 2 s (one more rating, or one new resource) by
  clicking, as a person does. Saves attempted, confirmed on the page (its ok message) and refused
  (an error message) are counted; afterwards the team files are read: every confirmed resource
  must be in resources.yaml and every member's last confirmed ratings in goal.yaml.
* Phase 3: the browser is killed (no page says goodbye: a lid closed, a network gone); after the
  idle timeout the server culls the kernels. Seconds until none is left, and the RSS after.

It takes about 11 minutes on 2 busy cores, so ``./kit bench`` (run_all.py) does not run it. Run
it on its own::

    .venv/bin/python benchmarks/bench_room.py

Kernels are counted as the server's child processes running ipykernel.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
import yaml
from common import CHROMIUM, CHROMIUM_ARGS, open_activities, stop_server, wait_until_answering

ROOT = Path(__file__).resolve().parents[1]
DAY1 = "01_day1_worthy_goal.ipynb"
DAY2 = "02_day2_resource_map.ipynb"
VIEWPORT = {"width": 1280, "height": 900}
#: ``WORKSHOP_KIT_BENCH_QUICK=1``: a small room (to try the script, not to quote its figures)
QUICK = os.environ.get("WORKSHOP_KIT_BENCH_QUICK") == "1"
PAGE_VIEWS = 4 if QUICK else 60
TEAMS = 2 if QUICK else 5
MEMBERS = 2 if QUICK else 5
CANDIDATES = 5  # x 6 criteria = 30 cells: each of the (at most) 30 saves rates one cell more
SAVE_EVERY = 2.0
SAVING_SECONDS = 10.0 if QUICK else 60.0
IDLE_MINUTES = 0.25 if QUICK else 1.0
MAX_PAGES = 40
RENDER_TIMEOUT_MS = 180_000
QUADRANTS = [
    "Instructional knowledge",
    "Instructional tools",
    "Organizational structures and routines",
    "Relationships and relational qualities",
]
MB = 1024 * 1024

# A message the page drew after the last click: the panel's message widgets re-draw their HTML
# on every new message, so the elements present before the click are marked as seen first.
MARK_SEEN = "s => document.querySelectorAll(s + ' .wk-msg').forEach(e => e.dataset.wkSeen = 1)"
NEW_MESSAGE = """s => {
  const m = document.querySelector(s + ' .wk-msg.wk-ok:not([data-wk-seen]), '
                                   + s + ' .wk-msg.wk-error:not([data-wk-seen])');
  return m ? [m.classList.contains('wk-ok') ? 'ok' : 'error', m.textContent] : null;
}"""


# -- the server ----------------------------------------------------------------------------------


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def kernels(server: psutil.Process) -> list[psutil.Process]:
    found = []
    for child in server.children(recursive=True):
        with contextlib.suppress(psutil.Error):
            if any("ipykernel" in part for part in child.cmdline()):
                found.append(child)
    return found


def rss(process: psutil.Process) -> int:
    try:
        return int(process.memory_info().rss)
    except psutil.Error:
        return 0


def kernels_rss(server: psutil.Process) -> int:
    return sum(rss(k) for k in kernels(server))


def wait_for_no_kernels(server: psutil.Process, limit: float) -> tuple[float | None, list[str]]:
    """Seconds until the server runs no kernel (None if still some after ``limit``), with a
    count every 2 s along the way."""
    start = time.monotonic()
    trace, next_note = [], 0.0
    while True:
        elapsed = time.monotonic() - start
        live = len(kernels(server))
        if elapsed >= next_note:
            trace.append(f"{elapsed:.0f}s:{live}")
            next_note += 2
        if live == 0:
            return elapsed, trace
        if elapsed > limit:
            return None, trace
        time.sleep(0.25)


@contextlib.contextmanager
def app_server(folder: Path, workspace: Path, env: dict[str, str]) -> Iterator[Any]:
    port = free_port()
    command = [
        sys.executable, "-m", "workshop_kit.cli", "--workspace", str(workspace), "app",
        "--no-browser", "--port", str(port), "--idle-minutes", f"{IDLE_MINUTES:g}",
        "--max-pages", str(MAX_PAGES),
    ]  # fmt: skip
    log = folder / "app.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            cwd=folder, start_new_session=True,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(process, url, log, 120)
        yield url, psutil.Process(process.pid), log
    finally:
        left = []
        with contextlib.suppress(psutil.Error):
            left = psutil.Process(process.pid).children(recursive=True)
        stop_server(process)
        for child in left:  # kernels run in sessions of their own
            with contextlib.suppress(psutil.Error):
                child.kill()


def prepare_teams(workspace: Path, env: dict[str, str]) -> list[tuple[str, list[str]]]:
    """5 teams made with the CLI, each given 5 members and 5 candidate goals (through the store,
    as the roster and candidates panels would save them). Gives (slug, member names)."""
    names = [f"Team {chr(ord('A') + n)}" for n in range(TEAMS)]
    subprocess.run(
        [sys.executable, "-m", "workshop_kit.cli", "--workspace", str(workspace), "new-team",
         *names],
        env=env, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    from workshop_kit.model.goal import CandidateGoal, GoalWork
    from workshop_kit.model.team import Member, Team
    from workshop_kit.store import Workspace, team_slug

    ws = Workspace(workspace)
    teams = []
    for name in names:
        book = ws.open_team(name)
        members = [f"{name} member {m + 1}" for m in range(MEMBERS)]
        book.load(Team)
        book.update(
            Team,
            lambda t, n=name, ms=members: t.with_roster(
                n, "A school", [Member(name=m, role="Teacher") for m in ms]
            ),
        )
        book.load(GoalWork)
        candidates = [
            CandidateGoal(id=f"goal-{c + 1}", text=f"Candidate goal {c + 1}")
            for c in range(CANDIDATES)
        ]
        book.update(GoalWork, lambda g, cs=candidates: g.with_candidates(cs))
        teams.append((team_slug(name), members))
    return teams


# -- the browser ---------------------------------------------------------------------------------


def _off_machine(url: str) -> bool:
    return not url.startswith(("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "blob:"))


def new_context(browser: Any) -> Any:
    """A new device. Only off-machine requests are routed (and refused): a routed request of a
    page being closed is dropped, and the page's shutdown beacon would be lost with it."""
    context = browser.new_context(viewport=VIEWPORT)
    context.route(_off_machine, lambda route: route.abort())
    return context


def page_url(url: str, notebook: str, team: str, member: str) -> str:
    from urllib.parse import urlencode

    return f"{url}/voila/render/{notebook}?" + urlencode({"team": team, "member": member})


READY = {DAY1: "button.wk-save-ratings", DAY2: "button.wk-add-resource"}
OPENED = {DAY1: "ratings", DAY2: "inventory"}  # the activity each member works in


def open_page(context: Any, address: str, notebook: str) -> Any:
    page = context.new_page()
    page.set_default_timeout(RENDER_TIMEOUT_MS)
    page.goto(address, timeout=RENDER_TIMEOUT_MS)
    open_activities(page, [OPENED[notebook]], RENDER_TIMEOUT_MS)
    page.locator(READY[notebook]).first.wait_for(state="visible", timeout=RENDER_TIMEOUT_MS)
    return page


@dataclass
class Device:
    """One member's page in phase 2."""

    page: Any
    notebook: str
    team: str
    member: str
    scope: str
    cells: list[tuple[str, Any]] = field(default_factory=list)  # (key, select) per grid cell
    points: list[int] = field(default_factory=list)  # the score of each option after "not rated"
    attempted: int = 0
    confirmed: int = 0
    refused: int = 0
    refusals: list[str] = field(default_factory=list)
    pending: Callable[[], None] | None = None  # what to record once the page confirms
    pending_since: float = 0.0
    next_due: float = 0.0
    scores: dict[str, int] = field(default_factory=dict)  # as on the page
    saved_scores: dict[str, int] = field(default_factory=dict)  # as last confirmed
    resources: list[str] = field(default_factory=list)  # confirmed
    latency: list[float] = field(default_factory=list)

    def prepare(self) -> None:
        if self.notebook == DAY1:
            # private ratings: a device rates as the member under "I am" (the rater follows)
            self.page.locator(".wk-member select").select_option(label=self.member)
            self.page.locator(".wk-rater select").select_option(label=self.member)
            button = self.page.locator("button.wk-save-ratings")
            button.filter(has_text=self.member).wait_for(state="visible")
            selects = self.page.locator(".wk-ratings [class*='wk-rate-'] select")
            keys = self.page.locator(".wk-ratings [class*='wk-rate-']:has(select)").evaluate_all(
                "els => els.map(e => [...e.classList].find(c => c.startsWith('wk-rate-')))"
            )
            self.cells = [(str(k), selects.nth(n)) for n, k in enumerate(keys)]
            labels = selects.first.evaluate("s => [...s.options].map(o => o.text)")
            self.points = [int(str(label).split()[0]) for label in labels[1:]]

    def save(self, now: float) -> None:
        """Start one save: one more rating, or one new resource."""
        self.page.evaluate(MARK_SEEN, self.scope)
        n = self.attempted
        if self.notebook == DAY1:
            key, select = self.cells[n % len(self.cells)]
            index = n % len(self.points)
            select.select_option(index=1 + index)
            self.scores[key] = self.points[index]
            snapshot = dict(self.scores)
            self.page.locator("button.wk-save-ratings").click()

            def record() -> None:
                self.saved_scores = snapshot

        else:
            name = f"{self.member} resource {n + 1}"
            self.page.locator(".wk-resource-name input").first.fill(name)
            self.page.locator(".wk-resource-quadrant select").first.select_option(
                label=QUADRANTS[n % 4]
            )
            self.page.locator("button.wk-add-resource").first.click()

            def record() -> None:
                self.resources.append(name)

        self.attempted += 1
        self.pending = record
        self.pending_since = now

    def check(self, now: float) -> None:
        if self.pending is None:
            return
        found = self.page.evaluate(NEW_MESSAGE, self.scope)
        if found is None:
            return
        kind, text = found
        if kind == "ok":
            self.confirmed += 1
            self.pending()
        else:
            self.refused += 1
            self.refusals.append(str(text))
        self.latency.append(now - self.pending_since)
        self.pending = None


def kill_browser() -> int:
    """SIGKILL every Chromium below this process: no page runs its unload handler."""
    killed = 0
    for child in psutil.Process().children(recursive=True):
        with contextlib.suppress(psutil.Error):
            if "chrom" in child.name().lower():
                child.kill()
                killed += 1
    return killed


# -- the figures ---------------------------------------------------------------------------------


@dataclass
class Figures:
    rows: list[tuple[str, str, str, str]] = field(default_factory=list)

    def add(self, label: str, value: str, target: str = "", passed: bool | None = None) -> None:
        verdict = "" if passed is None else ("PASS" if passed else "FAIL")
        self.rows.append((label, value, target, verdict))
        print(f"  {label:<62} {value:>14}  {target:<18} {verdict}", flush=True)


def mb(value: float) -> str:
    return f"{value / MB:.0f} MB"


def ratio(value: float, base: float) -> str:
    return f"{value / base:.2f} x"


def check_files(workspace: Path, devices: list[Device]) -> tuple[int, int, int, int]:
    """(resources lost, resources confirmed, ratings lost, ratings confirmed): a confirmed item
    missing from the team's file, or a member's file ratings differing from the last confirmed."""
    from workshop_kit.store import Workspace

    ws = Workspace(workspace)
    lost_resources = confirmed_resources = lost_ratings = confirmed_ratings = 0
    for device in devices:
        folder = ws.open_team(device.team).folder
        if device.notebook == DAY2:
            data = yaml.safe_load((folder / "resources.yaml").read_text(encoding="utf-8"))
            names = {r["name"] for r in data.get("resources", [])}
            confirmed_resources += len(device.resources)
            lost_resources += sum(1 for name in device.resources if name not in names)
        else:
            data = yaml.safe_load((folder / "goal.yaml").read_text(encoding="utf-8"))
            saved = {
                f"wk-rate-{candidate}-{criterion}": score
                for candidate, by in data.get("ratings", {}).get(device.member, {}).items()
                for criterion, score in by.items()
            }
            confirmed_ratings += len(device.saved_scores)
            lost_ratings += sum(
                1 for key, score in device.saved_scores.items() if saved.get(key) != score
            )
    return lost_resources, confirmed_resources, lost_ratings, confirmed_ratings


# -- the run -------------------------------------------------------------------------------------


def main() -> None:
    if CHROMIUM is None:
        print("bench_room: Chromium is missing (./kit test installs it); skipped.")
        return
    from playwright.sync_api import sync_playwright

    figures = Figures()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="workshop-kit-bench-room-") as tmp:
        folder = Path(tmp)
        workspace = folder / "workspace"
        env = dict(os.environ)
        for var in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR",
                    "MPLCONFIGDIR", "IPYTHONDIR"):  # fmt: skip
            (folder / var).mkdir()
            env[var] = str(folder / var)
        env["MPLBACKEND"] = "Agg"
        env.pop("WORKSHOP_KIT_TEAM", None)
        teams = prepare_teams(workspace, env)
        home = {"HOME": str(folder), "XDG_CONFIG_HOME": str(folder), "XDG_CACHE_HOME": str(folder)}
        with app_server(folder, workspace, env) as (url, server, log), sync_playwright() as pw:
            time.sleep(2)
            base = rss(server)
            figures.add("server RSS at start (the baseline)", mb(base))
            browser = pw.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, env={**os.environ, **home}
            )

            # -- phase 1 -------------------------------------------------------------------------
            print(f"phase 1: {PAGE_VIEWS} page views in sequence", flush=True)
            context = new_context(browser)
            slug, members = teams[0]
            most, opened_at = 0, time.monotonic()
            after_first = 0
            for n in range(PAGE_VIEWS):
                notebook = DAY1 if n % 2 == 0 else DAY2
                page = open_page(context, page_url(url, notebook, slug, members[0]), notebook)
                most = max(most, len(kernels(server)))
                page.close(run_before_unload=True)
                if n == 0:
                    wait_for_no_kernels(server, 30)
                    after_first = rss(server)
            views_seconds = time.monotonic() - opened_at
            # the browser stays open, as after a person closes a tab: closing the context at once
            # would cancel the last page's shutdown beacon before it is sent
            freed, trace = wait_for_no_kernels(server, 120)
            context.close()
            time.sleep(1)
            after = rss(server)
            figures.add(
                f"phase 1: seconds for the {PAGE_VIEWS} page views", f"{views_seconds:.0f} s"
            )
            figures.add("phase 1: most live kernels seen after a page opened", str(most))
            figures.add(
                "phase 1: seconds from the last close to 0 live kernels",
                "never (120 s)" if freed is None else f"{freed:.1f} s",
                "<= 10 s",
                freed is not None and freed <= 10,
            )
            print(f"    live kernels over time: {' '.join(trace)}", flush=True)
            figures.add("phase 1: live kernels after", str(len(kernels(server))), "0", None)
            figures.add(
                "phase 1: server RSS after / at start",
                ratio(after, base),
                "<= 1.10 x",
                after <= 1.10 * base,
            )
            # the first page view loads the page machinery into the server (a one-time cost);
            # a leak shows as growth over the views after it
            figures.add("  server RSS after / after the first page view", ratio(after, after_first))
            figures.add("  server RSS growth per page view after the first",
                        f"{(after - after_first) / (PAGE_VIEWS - 1) / 1024:.0f} kB")  # fmt: skip

            # -- phase 2 -------------------------------------------------------------------------
            pages = TEAMS * MEMBERS
            print(f"phase 2: {pages} pages open, each saving every {SAVE_EVERY:g} s "
                  f"for {SAVING_SECONDS:g} s", flush=True)  # fmt: skip
            devices: list[Device] = []
            opening = time.monotonic()
            for n in range(pages):
                slug, members = teams[n // MEMBERS]
                member = members[n % MEMBERS]
                notebook = DAY1 if n % 2 == 0 else DAY2
                page = open_page(
                    new_context(browser), page_url(url, notebook, slug, member), notebook
                )
                scope = ".wk-ratings" if notebook == DAY1 else ".wk-resource-form"
                device = Device(page, notebook, slug, member, scope)
                device.prepare()
                devices.append(device)
            figures.add(f"phase 2: seconds to open the {pages} pages one by one",
                        f"{time.monotonic() - opening:.0f} s")  # fmt: skip
            start = time.monotonic()
            for n, device in enumerate(devices):  # spread over the first 2 s, as people are
                device.next_due = start + SAVE_EVERY * n / len(devices)
            late = 0
            while time.monotonic() - start < SAVING_SECONDS:
                for device in devices:
                    now = time.monotonic()
                    device.check(now)
                    if device.pending is None and now >= device.next_due:
                        if now - device.next_due > SAVE_EVERY / 2:
                            late += 1
                        device.save(now)
                        device.next_due += SAVE_EVERY
                        # a page that fell behind does not make up: at most one save per 2 s
                        device.next_due = max(device.next_due, now)
            saving = time.monotonic() - start
            drain = time.monotonic() + 60
            while any(d.pending for d in devices) and time.monotonic() < drain:
                for device in devices:
                    device.check(time.monotonic())
                time.sleep(0.1)
            unanswered = sum(1 for d in devices if d.pending)
            live = len(kernels(server))
            server_rss, kernel_rss = rss(server), kernels_rss(server)
            attempted = sum(d.attempted for d in devices)
            confirmed = sum(d.confirmed for d in devices)
            refused = sum(d.refused for d in devices)
            lost_res, conf_res, lost_rat, conf_rat = check_files(workspace, devices)
            per_page = [d.attempted for d in devices]
            latencies = sorted(x for d in devices for x in d.latency)
            figures.add(
                f"phase 2: live kernels with {pages} pages open",
                str(live),
                str(pages),
                live == pages,
            )
            figures.add("phase 2: server RSS / at start", ratio(server_rss, base))
            figures.add("phase 2: server RSS", mb(server_rss))
            figures.add(f"phase 2: kernels' RSS, all {live}", mb(kernel_rss))
            figures.add(f"phase 2: memory per open page (server growth + kernels) / {pages}",
                        mb((server_rss - base + kernel_rss) / pages))  # fmt: skip
            rounds = round(SAVING_SECONDS / SAVE_EVERY)
            figures.add(f"phase 2: saves possible at the pace ({pages} x {rounds})",
                        str(pages * rounds))  # fmt: skip
            figures.add("phase 2: saves attempted", str(attempted))
            figures.add("phase 2: saves per page, fewest / most",
                        f"{min(per_page)} / {max(per_page)}")  # fmt: skip
            figures.add("phase 2: saves started > 1 s late (pace not kept)", str(late))
            if latencies:
                median = latencies[len(latencies) // 2]
                p95 = latencies[min(len(latencies) - 1, round(0.95 * (len(latencies) - 1)))]
                figures.add("phase 2: click to message, median / 95th percentile",
                            f"{median:.2f} / {p95:.2f} s")  # fmt: skip
            figures.add("phase 2: saves confirmed on the page", str(confirmed))
            figures.add("phase 2: saves refused (error message)", str(refused), "0", refused == 0)
            figures.add("phase 2: saves with no answer within 60 s", str(unanswered), "0",
                        unanswered == 0)  # fmt: skip
            figures.add(f"phase 2: confirmed resources missing from resources.yaml (of {conf_res})",
                        str(lost_res), "0", lost_res == 0)  # fmt: skip
            figures.add(f"phase 2: confirmed ratings missing or other in goal.yaml (of {conf_rat})",
                        str(lost_rat), "0", lost_rat == 0)  # fmt: skip
            figures.add("phase 2: seconds of the saving loop", f"{saving:.0f} s")
            for text in sorted({t for d in devices for t in d.refusals})[:5]:
                print(f"    refused: {text[:150]}", flush=True)

            # -- phase 3 -------------------------------------------------------------------------
            print(f"phase 3: the browser killed, pages never closed; idle timeout "
                  f"{IDLE_MINUTES:g} min", flush=True)  # fmt: skip
            killed = kill_browser()
            with contextlib.suppress(Exception):
                browser.close()
            culled, trace = wait_for_no_kernels(server, IDLE_MINUTES * 60 + 120)
            time.sleep(1)
            after_cull = rss(server)
            print(f"    Chromium processes killed: {killed}; live kernels over time: "
                  f"{' '.join(trace[::5])}", flush=True)  # fmt: skip
            figures.add(
                "phase 3: seconds from the browser's end to 0 live kernels",
                "never" if culled is None else f"{culled:.0f} s",
                f"<= {IDLE_MINUTES * 60 + 30:.0f} s",
                culled is not None and culled <= IDLE_MINUTES * 60 + 30,
            )
            figures.add("phase 3: live kernels after culling", str(len(kernels(server))), "0",
                        not kernels(server))  # fmt: skip
            figures.add("phase 3: server RSS after culling / at start", ratio(after_cull, base),
                        "<= 1.10 x", after_cull <= 1.10 * base)  # fmt: skip
            figures.add("  server RSS after culling / after phase 1", ratio(after_cull, after))
            refusals_logged = log.read_text(errors="replace").count("_xsrf' argument missing")
            figures.add("server log: shutdowns refused for a missing _xsrf", str(refusals_logged),
                        "0", refusals_logged == 0)  # fmt: skip
    figures.add("whole run", f"{time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
