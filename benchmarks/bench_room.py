"""The institute room on the pages server (issue 31, item 7): ``./kit bench room``.

A load script, not a test: it prints figures next to the issue's targets, says "met" or
"MISSED" beside each, and never retries. It starts its own ``workshop-kit app`` (one Solara
process) on 127.0.0.1 with a temporary workspace of 25 teams, and drives one system Chromium
(one browser context per device, holding its team's join code as the page's cookie would)
through Playwright's async API, so that many pages wait at once.

1. **First interactive render against a bare Voila page**, alternating A B A B in this run:
   a plain ``python -m voila`` serving a one-cell notebook that imports pandas, matplotlib and
   ipywidgets and shows one button (A), then a day page of a team (B), each in a fresh browser
   context (a first visit, nothing cached). Timed inside the page, from its navigation start
   until, for Voila, the button is drawn, and for a day page, the team picker shows the team and
   every activity's place ("Open this activity") is drawn. Each day page against the bare page
   measured right before it; medians and spreads. The Voila page's kernel is shut down (and its
   end waited for) before the next measurement. Voila is then stopped.
2. **125 devices open Day 1 within 60 s** (25 teams x 5 devices, starts spread evenly over the
   window): seconds from each page's navigation start until it is open as above (checked on
   every page), median, p95 and spread; then every page is checked again.
3. **125 page views held open**: the memory of the server's process tree (RSS summed over the
   server and every process below it, psutil), sampled for a few seconds; against the server at
   start (the baseline, measured in this run).
4. **A burst of 125 saves within 10 s**: every device opens the candidate goals and the Day 1
   summary, types a candidate goal of its own, and then the devices press "Save the
   candidates" one after the other, evenly over 10 s (the 5 devices of a team within 0.4 s of
   each other, so most saves merge with another device's). Timed inside the pages with
   ``Date.now()`` (one clock: one machine): from the click to the new goal's text drawn in the
   summary, on the saving device and on each of the team's other devices (the live view).
   Afterwards every team's ``goal.yaml`` is read: every goal clicked must be in it.

``WORKSHOP_KIT_BENCH_QUICK=1`` runs a small room (3 teams x 3 devices, one round of Day 1
against Voila, 15 s to open)
to try the script; its figures are not the issue's. The load average is printed at each phase:
on a busy machine the browser's 125 pages and the server share the same 2 cores.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
from common import CHROMIUM, CHROMIUM_ARGS, closed_activities

#: ``./kit bench`` without names leaves the room out (run_all.py): ``./kit bench room`` runs it
ONLY_WHEN_NAMED = True
QUICK = os.environ.get("WORKSHOP_KIT_BENCH_QUICK") == "1"
#: ``WORKSHOP_KIT_BENCH_TEAMS=10``: a room of another size (the figures are then not the issue's)
TEAMS = int(os.environ.get("WORKSHOP_KIT_BENCH_TEAMS") or (3 if QUICK else 25))
DEVICES = 3 if QUICK else 5
ROUNDS = 1 if QUICK else 5
#: the day pages timed against the bare Voila page (address, config file)
RENDER_DAYS = (
    [("day1", "day1.yaml")]
    if QUICK
    else [("day1", "day1.yaml"), ("day2", "day2.yaml"), ("day3", "day3.yaml"),
          ("year", "year.yaml")]
)  # fmt: skip
OPEN_WINDOW_S = 15.0 if QUICK else 60.0
BURST_WINDOW_S = 10.0
#: ceilings, not waits: a page that is not open by then counts as not open
OPEN_TIMEOUT_MS = 300_000
STEP_TIMEOUT_MS = 120_000
CHECK_TIMEOUT_S = 60.0
SHOWN_TIMEOUT_S = 60.0
MEMORY_TARGET = 2 * 1024**3
#: nothing off the machine: no host name resolves (every address here is 127.0.0.1). Not
#: Playwright's request routing: with it, every request of every page waits on this script's
#: Python, and with 125 pages on a loaded machine pages stayed blank for 5 minutes
OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
MB = 1024 * 1024
VIEWPORT = {"width": 1280, "height": 900}
FLOOR_SOURCE = (
    "import pandas, matplotlib.pyplot, ipywidgets\nipywidgets.Button(description='Ready')"
)

#: a bare Voila page is drawn: its one button is in the output area
FLOOR_DRAWN = """() => document.querySelector('.jp-OutputArea-output .widget-button')
  ? performance.now() : false"""
#: a day page is open: the team picker shows the team, and every activity's place is drawn
DAY_OPEN = """([team, ids]) => {
  const current = document.querySelector('.wk-team-picker .wk-current-team');
  if (!current || !current.textContent.includes(team)) return false;
  for (const id of ids) {
    if (!document.querySelector('button.wk-open-' + id)) return false;
  }
  return performance.now();
}"""
#: after the burst: still the team's page, its picker and both panels the device opened
STILL_OPEN = """([team]) => {
  const current = document.querySelector('.wk-team-picker .wk-current-team');
  return !!(current && current.textContent.includes(team)
    && document.querySelector('.wk-candidates button.wk-save-candidates')
    && document.querySelector('.wk-day1-summary'));
}"""
#: notes in the page when each of the team's goals is first drawn in the summary, and when this
#: device's Save was clicked (the click's own event, before any of Playwright's round trips)
WATCH = """([names]) => {
  window.wkSeen = {};
  const look = () => {
    const box = document.querySelector('.wk-day1-summary');
    if (!box) return;
    const text = box.textContent;
    for (const name of names) {
      if (!(name in window.wkSeen) && text.includes(name)) window.wkSeen[name] = Date.now();
    }
  };
  new MutationObserver(look).observe(document.body,
    {subtree: true, childList: true, characterData: true});
  document.querySelector('.wk-candidates button.wk-save-candidates').addEventListener(
    'click', () => { window.wkClicked = window.wkClicked || Date.now(); }, {capture: true});
  look();
}"""
SEEN = """() => ({clicked: window.wkClicked || null, seen: window.wkSeen || {},
  ok: Array.from(document.querySelectorAll('.wk-candidates .wk-msg.wk-ok'))
    .map(e => e.textContent),
  error: Array.from(document.querySelectorAll('.wk-candidates .wk-msg.wk-error'))
    .map(e => e.textContent)})"""
#: an address Voila answers (404) without starting a kernel: its page "/" starts one
NO_PAGE = "/no-page-here"
SHUT_DOWN = """async (id) => (await fetch(`/api/kernels/${id}`, {method: "DELETE"})).status"""


# -- figures -------------------------------------------------------------------------------------


def p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def spread(values: Sequence[float]) -> str:
    return f"{min(values):.2f}-{max(values):.2f}"


def seconds(value: float | None) -> str:
    return "not open" if value is None else f"{value:.2f} s"


def line(label: str, value: str, target: str = "", met: bool | None = None) -> None:
    verdict = "" if met is None else ("met" if met else "MISSED")
    shown = f"  {label:<66} {value:>16}"
    if target:
        shown += f"  (target {target}) {verdict}"
    print(shown.rstrip(), flush=True)


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"


def phase(title: str) -> None:
    print(f"-- {title}  [{load()}]", flush=True)


# -- servers -------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    url: str
    log: Path

    @property
    def tree(self) -> list[psutil.Process]:
        """The server and every process below it (the pages server should have none)."""
        try:
            top = psutil.Process(self.process.pid)
            return [top, *top.children(recursive=True)]
        except psutil.Error:
            return []

    def rss(self) -> int:
        total = 0
        for process in self.tree:
            with contextlib.suppress(psutil.Error):
                total += int(process.memory_info().rss)
        return total

    def cpu_seconds(self) -> float:
        """CPU time (user and system) the server's process tree has used so far: what the
        server itself costs, apart from the browsers sharing the machine's cores."""
        total = 0.0
        for process in self.tree:
            with contextlib.suppress(psutil.Error):
                times = process.cpu_times()
                total += times.user + times.system
        return total

    def kernels(self) -> int:
        count = 0
        for process in self.tree[1:]:
            with contextlib.suppress(psutil.Error):
                count += any("ipykernel" in part for part in process.cmdline())
        return count


@contextlib.contextmanager
def server(
    command: list[str], env: dict[str, str], log: Path, url: str, probe: str = "/"
) -> Iterator[Server]:
    """``command`` in a session of its own, once it answers ``probe`` at ``url`` (any answer, a
    404 too); stopped with its group and every process it started (kernels run in sessions of
    their own)."""
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            cwd=log.parent, start_new_session=True,
        )  # fmt: skip
    running = Server(process, url, log)
    try:
        deadline = time.monotonic() + 180
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{command[2]} did not start:\n{log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(url + probe, timeout=2):
                    break
            except urllib.error.HTTPError:
                break
            except OSError:
                time.sleep(0.2)
        yield running
    finally:
        below = running.tree[1:]
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        for child in below:
            with contextlib.suppress(psutil.Error):
                child.kill()


def environment(folder: Path, workspace: Path) -> dict[str, str]:
    env = dict(os.environ)
    for var in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR",
                "MPLCONFIGDIR", "IPYTHONDIR"):  # fmt: skip
        (folder / var.lower()).mkdir(exist_ok=True)
        env[var] = str(folder / var.lower())
    env.update(HOME=str(folder / "home"), MPLBACKEND="Agg", WORKSHOP_KIT_WORKSPACE=str(workspace))
    env.pop("WORKSHOP_KIT_TEAM", None)
    env.pop("JUPYTER_PATH", None)
    return env


def pages_command(workspace: Path, port: int) -> list[str]:
    return [sys.executable, "-m", "workshop_kit.cli", "--workspace", str(workspace), "app",
            "--no-browser", "--port", str(port)]  # fmt: skip


def floor_command(folder: Path, port: int) -> list[str]:
    """A plain Voila on the one-cell notebook (no kernel kept ready: Voila's default). Its
    page's shutdown request is accepted without an _xsrf token (loopback only), so a measured
    page's kernel is gone before the next measurement; page speed is untouched."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(FLOOR_SOURCE)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}  # fmt: skip
    nbformat.write(nb, folder / "floor.ipynb")
    return [sys.executable, "-m", "voila", str(folder / "floor.ipynb"), "--no-browser",
            f"--port={port}", "--Voila.ip=127.0.0.1",
            "--Voila.tornado_settings=disable_check_xsrf=True"]  # fmt: skip


# -- the room ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Team:
    name: str
    slug: str
    code: str


def prepare_teams(workspace: Path) -> list[tuple[str, str]]:
    """TEAMS teams with DEVICES members each, made through the store as the roster panel saves
    them. Gives (name, slug); the server makes their join codes when it starts."""
    from workshop_kit.model.team import Member
    from workshop_kit.model.team import Team as TeamDoc
    from workshop_kit.store import Workspace

    ws = Workspace(workspace)
    teams = []
    for n in range(TEAMS):
        name = f"Team {n + 1:02d}"
        book = ws.create_team(name)
        members = [Member(name=f"Member {m + 1} of {name}", role="Teacher") for m in range(DEVICES)]
        book.load(TeamDoc)
        book.update(TeamDoc, lambda t, n=name, ms=members: t.with_roster(n, "A school", ms))
        teams.append((name, book.folder.name))
    return teams


async def new_device(browser: Any, url: str, code: str = "") -> Any:
    """A new device: a browser context of its own, holding ``code`` as a typed join code. No
    request is routed through Playwright (see OFFLINE)."""
    context = await browser.new_context(viewport=VIEWPORT)
    if code:
        await context.add_cookies([{"name": "wk-codes", "value": code, "url": url}])
    return context


async def open_timed(
    context: Any, address: str, ready: str, arg: Any = None, polling: Any = "raf"
) -> tuple[Any, float | None]:
    """A new page at ``address``; seconds from its navigation start until ``ready`` holds
    (None if it did not within the ceiling)."""
    page = await context.new_page()
    try:
        await page.goto(address, wait_until="commit", timeout=OPEN_TIMEOUT_MS)
        handle = await page.wait_for_function(
            ready, arg=arg, polling=polling, timeout=OPEN_TIMEOUT_MS
        )
        return page, float(await handle.json_value()) / 1000
    except Exception as exc:
        shown = ""
        with contextlib.suppress(Exception):
            shown = " ".join((await page.inner_text("body", timeout=5000)).split())[:200]
        print(f"    not open: {address}: {str(exc).splitlines()[0][:100]}; the page shows: "
              f"{shown!r}", flush=True)  # fmt: skip
        return page, None


# -- phase 1: pages against a bare Voila page ----------------------------------------------------


async def floor_render(browser: Any, voila: Server) -> float | None:
    context = await new_device(browser, voila.url)
    page, seconds = await open_timed(context, f"{voila.url}/", FLOOR_DRAWN)
    kernel = re.search(r'"kernelId": "([0-9a-f-]{36})"', await page.content())
    if kernel:
        status = await page.evaluate(SHUT_DOWN, kernel[1])
        if status != 204:
            print(f"    the bare page's kernel was not shut down: {status}", flush=True)
    await context.close()
    deadline = time.monotonic() + 60
    while voila.kernels() and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    if voila.kernels():
        print(f"    the bare Voila server still runs {voila.kernels()} kernel(s)", flush=True)
    return seconds


async def day_render(browser: Any, pages: Server, team: Team, address: str, ids: list[str]) -> (
    float | None
):  # fmt: skip
    context = await new_device(browser, pages.url, team.code)
    _, seconds = await open_timed(
        context, f"{pages.url}/{address}?team={team.slug}", DAY_OPEN, [team.name, ids]
    )
    await context.close()
    return seconds


async def render_phase(browser: Any, pages: Server, voila: Server, team: Team) -> None:
    phase(f"1. first interactive render: {ROUNDS} rounds, bare Voila page and day page alternating")
    days = [(address, closed_activities(config)) for address, config in RENDER_DAYS]
    # warm-up, not counted: the first imports of each server and the disk cache
    await floor_render(browser, voila)
    for address, ids in days:
        await day_render(browser, pages, team, address, ids)
    floors: dict[str, list[float | None]] = {address: [] for address, _ in days}
    times: dict[str, list[float | None]] = {address: [] for address, _ in days}
    for _ in range(ROUNDS):
        for address, ids in days:
            floors[address].append(await floor_render(browser, voila))  # A
            times[address].append(await day_render(browser, pages, team, address, ids))  # B
            print(f"    bare Voila {seconds(floors[address][-1])}, /{address} "
                  f"{seconds(times[address][-1])}", flush=True)  # fmt: skip
    every_floor = [f for fs in floors.values() for f in fs if f is not None]
    if every_floor:
        line(f"bare Voila page, median of {len(every_floor)} (the baseline)",
             f"{statistics.median(every_floor):.2f} s")  # fmt: skip
        line("  spread (min-max)", f"{spread(every_floor)} s")
    for address, _ in days:
        pairs = [(t, f) for t, f in zip(times[address], floors[address], strict=True)
                 if t is not None and f is not None]  # fmt: skip
        drawn = [t for t, _ in pairs]
        missing = len(times[address]) - len(drawn)
        if not pairs:
            line(f"/{address}: first interactive render", "never open", "<= 0.5 x", False)
            continue
        ratios = [t / f for t, f in pairs]
        line(f"/{address}: first interactive render, median of {len(drawn)}",
             f"{statistics.median(drawn):.2f} s")  # fmt: skip
        line("  spread (min-max)", f"{spread(drawn)} s")
        ratio = statistics.median(ratios)
        line(f"/{address} / bare Voila page right before it (median of pairs)",
             f"{ratio:.2f} x", "<= 0.5 x", ratio <= 0.5 and not missing)  # fmt: skip
        line("  spread of the pairs' ratios (min-max)", f"{spread(ratios)} x")
        if missing:
            line(f"/{address}: renders not open within {OPEN_TIMEOUT_MS // 1000} s",
                 str(missing), "0", False)  # fmt: skip


# -- phases 2-4: the room ------------------------------------------------------------------------


@dataclass
class Device:
    team: Team
    number: int
    context: Any = None
    page: Any = None
    opened: float | None = None
    goal: str = ""
    clicked: float | None = None  # Date.now() in the page, ms
    seen: dict[str, float] = field(default_factory=dict)
    ready: bool = False  # the candidates and summary open, the goal typed
    ok: list[str] = field(default_factory=list)
    error: list[str] = field(default_factory=list)


def browser_cpu_seconds() -> float:
    """CPU time (user and system) used so far by the Chromium processes this script drives:
    with the browsers on the server's own cores, what the devices take from it."""
    total = 0.0
    for process in psutil.Process().children(recursive=True):
        with contextlib.suppress(psutil.Error):
            if "chrom" in process.name().lower():
                times = process.cpu_times()
                total += times.user + times.system
    return total


class MemorySampler:
    """The server tree's RSS every ``every`` seconds on a thread, with the phase it fell in."""

    def __init__(self, pages: Server, every: float = 0.5) -> None:
        self.pages, self.every = pages, every
        self.samples: list[tuple[str, int]] = []
        self.phase = "start"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.samples.append((self.phase, self.pages.rss()))
            self._stop.wait(self.every)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def of(self, name: str) -> list[int]:
        return [rss for p, rss in self.samples if p == name]


async def open_room(browser: Any, pages: Server, devices: list[Device]) -> float:
    """Every device opens Day 1, the starts spread evenly over the window; gives the seconds
    from the first start to the last page open."""
    ids = closed_activities("day1.yaml")
    start = time.monotonic()

    async def one(n: int, device: Device) -> None:
        await asyncio.sleep(max(0.0, start + n * OPEN_WINDOW_S / len(devices) - time.monotonic()))
        device.context = await new_device(browser, pages.url, device.team.code)
        device.page, device.opened = await open_timed(
            device.context, f"{pages.url}/day1?team={device.team.slug}", DAY_OPEN,
            [device.team.name, ids], polling=100,
        )  # fmt: skip

    await asyncio.gather(*(one(n, d) for n, d in enumerate(devices)))
    return time.monotonic() - start


async def check_open(devices: list[Device]) -> int:
    """How many pages are open now (the team picker with the team, every activity's place)."""
    ids = closed_activities("day1.yaml")

    async def one(device: Device) -> bool:
        try:  # a page whose renderer does not answer within a minute is not open
            return bool(
                await asyncio.wait_for(
                    device.page.evaluate(DAY_OPEN, [device.team.name, ids]), CHECK_TIMEOUT_S
                )
            )
        except Exception:
            return False

    return sum(await asyncio.gather(*(one(d) for d in devices)))


async def prepare_saves(devices: list[Device]) -> int:
    """Each device opens the candidate goals and the summary and types its goal (not saved);
    gives how many are ready. Ten devices at a time, as a room does not click all at once."""
    gate = asyncio.Semaphore(10)

    async def one(device: Device) -> bool:
        page = device.page
        device.goal = f"Goal {device.team.slug}-{device.number} from the bench"
        if device.opened is None:  # never open: it cannot save
            return False
        names = [f"Goal {device.team.slug}-{m + 1} from the bench" for m in range(DEVICES)]
        async with gate:
            try:
                await page.locator("button.wk-open-candidates").click(timeout=STEP_TIMEOUT_MS)
                await page.locator("button.wk-open-summary").click(timeout=STEP_TIMEOUT_MS)
                text = page.locator(".wk-candidates .wk-col-text textarea").first
                await text.fill(device.goal, timeout=STEP_TIMEOUT_MS)
                await text.blur()
                await page.locator(".wk-day1-summary").first.wait_for(timeout=STEP_TIMEOUT_MS)
                await page.evaluate(WATCH, [names])
                device.ready = True
                return True
            except Exception as exc:
                print(f"    not ready to save: {device.goal}: {str(exc).splitlines()[0][:160]}")
                return False

    return sum(await asyncio.gather(*(one(d) for d in devices)))


async def burst(devices: list[Device]) -> float:
    """Every device clicks Save, evenly over the window (a team's devices one after the other);
    gives the seconds the clicks took from Python's side."""
    start = time.monotonic()

    async def one(n: int, device: Device) -> None:
        await asyncio.sleep(max(0.0, start + n * BURST_WINDOW_S / len(devices) - time.monotonic()))
        if not device.ready:
            return
        try:
            await device.page.locator(".wk-candidates button.wk-save-candidates").click(
                timeout=STEP_TIMEOUT_MS
            )
        except Exception as exc:
            print(f"    click failed: {device.goal}: {str(exc).splitlines()[0][:160]}")

    await asyncio.gather(*(one(n, d) for n, d in enumerate(devices)))
    return time.monotonic() - start


async def collect(devices: list[Device]) -> None:
    """Read every page's notes until each shows its team's goals (or the ceiling is reached)."""
    deadline = time.monotonic() + SHOWN_TIMEOUT_S
    clicked_goals: dict[str, set[str]] = {}
    while True:
        for device in devices:
            if not device.ready:
                continue
            with contextlib.suppress(Exception):
                notes = await asyncio.wait_for(device.page.evaluate(SEEN), CHECK_TIMEOUT_S)
                device.clicked = notes["clicked"]
                device.seen = {k: float(v) for k, v in notes["seen"].items()}
                device.ok, device.error = notes["ok"], notes["error"]
        clicked_goals = {}
        for device in devices:
            if device.clicked is not None:
                clicked_goals.setdefault(device.team.slug, set()).add(device.goal)
        if all(clicked_goals.get(d.team.slug, set()) <= d.seen.keys() for d in devices):
            return
        if time.monotonic() > deadline:
            return
        await asyncio.sleep(0.5)


def goals_in_files(workspace: Path, teams: list[Team]) -> dict[str, set[str]]:
    from workshop_kit.model.goal import GoalWork
    from workshop_kit.store import Workspace

    ws = Workspace(workspace)
    return {t.slug: {c.text for c in ws.open_team(t.slug).peek(GoalWork).candidates} for t in teams}


def report_saves(devices: list[Device], files: dict[str, set[str]], span_ms: float) -> None:
    clicked = [d for d in devices if d.clicked is not None]
    own: list[float] = []
    others: list[float] = []
    not_shown_own = not_shown_others = 0
    for saver in clicked:
        assert saver.clicked is not None
        for device in devices:
            if device.team != saver.team:
                continue
            seen = device.seen.get(saver.goal)
            if seen is None:
                if device is saver:
                    not_shown_own += 1
                else:
                    not_shown_others += 1
                continue
            (own if device is saver else others).append((seen - saver.clicked) / 1000)
    lost = [d.goal for d in clicked if d.goal not in files[d.team.slug]]
    refused = [d for d in clicked if d.error]
    line("saves clicked (in the pages)", f"{len(clicked)} of {len(devices)}",
         str(len(devices)), len(clicked) == len(devices))  # fmt: skip
    line("  from the first click to the last, in the pages", f"{span_ms / 1000:.1f} s",
         f"<= {BURST_WINDOW_S:g} s", span_ms / 1000 <= BURST_WINDOW_S)  # fmt: skip
    line("saves lost: a clicked goal missing from the team's goal.yaml", str(len(lost)),
         "0", not lost and len(clicked) == len(devices))  # fmt: skip
    line("saves refused on the page (an error message)", str(len(refused)), "0", not refused)
    for device in refused[:5]:
        print(f"    refused: {device.goal}: {device.error[-1][:150]}", flush=True)
    for name, values, ceiling, missing in (
        ("on the saving device", own, 1.0, not_shown_own),
        ("on the team's other devices", others, 3.0, not_shown_others),
    ):
        if values:
            line(f"Save to the goal shown {name}: p95 of {len(values)}", f"{p95(values):.2f} s",
                 f"<= {ceiling:g} s", p95(values) <= ceiling and not missing)  # fmt: skip
            line("  median", f"{statistics.median(values):.2f} s")
            line("  spread (min-max)", f"{spread(values)} s")
        line(f"  not shown {name} within {SHOWN_TIMEOUT_S:g} s", str(missing), "0", not missing)


async def room(
    browser: Any, pages: Server, teams: list[Team], workspace: Path, at_start: int
) -> None:
    devices = [Device(team, m + 1) for team in teams for m in range(DEVICES)]
    count = len(devices)
    with MemorySampler(pages) as memory:
        memory.phase = "opening"
        phase(f"2. {count} devices ({len(teams)} teams x {DEVICES}) open Day 1 within "
              f"{OPEN_WINDOW_S:g} s")  # fmt: skip
        cpu, browser_cpu = pages.cpu_seconds(), browser_cpu_seconds()
        took = await open_room(browser, pages, devices)
        opening_cpu = pages.cpu_seconds() - cpu
        opening_browser_cpu = browser_cpu_seconds() - browser_cpu
        opened = [d.opened for d in devices if d.opened is not None]
        line("pages open (team picker with the team, every activity's place)",
             f"{len(opened)} of {count}", str(count), len(opened) == count)  # fmt: skip
        if opened:
            line(f"  seconds to open, p95 of {len(opened)}", f"{p95(opened):.2f} s")
            line("  median", f"{statistics.median(opened):.2f} s")
            line("  spread (min-max)", f"{spread(opened)} s")
        line("  from the first start to the last page open", f"{took:.1f} s")
        line("  the server's CPU time for the openings (its process tree)",
             f"{opening_cpu:.1f} s")  # fmt: skip
        line("    per page", f"{opening_cpu / count:.2f} s")
        line("  the browser's CPU time meanwhile (its processes still running)",
             f"{opening_browser_cpu:.1f} s")  # fmt: skip

        memory.phase = "held"
        phase(f"3. {count} page views held open")
        still = await check_open(devices)
        line("pages still open, checked on every page", f"{still} of {count}", str(count),
             still == count)  # fmt: skip
        await asyncio.sleep(5)  # a measuring period for the memory samples, not a wait
        held = memory.of("held")
        rss = statistics.median(held)
        line(f"server process tree RSS, {count} page views ({still} open), median of {len(held)}",
             f"{rss / MB:.0f} MB", f"<= {MEMORY_TARGET / MB:.0f} MB",
             rss <= MEMORY_TARGET and still == count)  # fmt: skip
        line("  spread (min-max)", f"{min(held) / MB:.0f}-{max(held) / MB:.0f} MB")
        line("  processes in the tree", str(len(pages.tree)))
        line("  / the server at start (the baseline)", f"{rss / at_start:.2f} x")
        growth = (rss - at_start) / count
        line("  per page view, above the server at start", f"{growth / MB:.1f} MB")

        phase(f"4. a burst of {count} saves within {BURST_WINDOW_S:g} s (Day 1 candidate goals)")
        memory.phase = "preparing"
        ready = await prepare_saves(devices)
        line("devices with the candidates and summary open, a goal typed",
             f"{ready} of {count}")  # fmt: skip
        memory.phase = "burst"
        cpu = pages.cpu_seconds()
        clicking = await burst(devices)
        await collect(devices)
        saving_cpu = pages.cpu_seconds() - cpu
        memory.phase = "after"
        clicks = [d.clicked for d in devices if d.clicked is not None]
        span = (max(clicks) - min(clicks)) if clicks else 0.0
        report_saves(devices, goals_in_files(workspace, teams), span)
        line("  seconds the clicks took from Playwright's side", f"{clicking:.1f} s")
        line("  the server's CPU time for the saves and their live updates",
             f"{saving_cpu:.1f} s")  # fmt: skip
        peak = max(rss for p, rss in memory.samples if p in ("preparing", "burst", "after"))
        line("server process tree RSS, peak during the saves", f"{peak / MB:.0f} MB",
             f"<= {MEMORY_TARGET / MB:.0f} MB", peak <= MEMORY_TARGET)  # fmt: skip

        async def still_open(device: Device) -> bool:
            try:
                return bool(
                    await asyncio.wait_for(
                        device.page.evaluate(STILL_OPEN, [device.team.name]), CHECK_TIMEOUT_S
                    )
                )
            except Exception:
                return False

        alive = await asyncio.gather(*(still_open(d) for d in devices if d.page))
        line("pages still open after the saves, checked on every page",
             f"{sum(map(bool, alive))} of {count}", str(count),
             sum(map(bool, alive)) == count)  # fmt: skip
    for device in devices:
        if device.context is not None:
            with contextlib.suppress(Exception):
                await device.context.close()


# -- the run -------------------------------------------------------------------------------------


@contextlib.asynccontextmanager
async def room_server(folder: Path) -> AsyncIterator[tuple[Server, list[Team], Path, int]]:
    """The pages server on a workspace of TEAMS teams (made first, with their join codes), and
    its process tree's RSS at start; checks at the end that it started no process below it."""
    from workshop_kit.store import JOIN_CODES_FILE

    workspace = folder / "workspace"
    made = prepare_teams(workspace)
    env = environment(folder, workspace)
    port = free_port()
    with server(pages_command(workspace, port), env, folder / "pages.log",
                f"http://127.0.0.1:{port}") as pages:  # fmt: skip
        codes = json.loads((workspace / JOIN_CODES_FILE).read_text(encoding="utf-8"))
        teams = [Team(name, slug, codes["teams"][slug]) for name, slug in made]
        at_start = pages.rss()
        line("server process tree RSS at start (the baseline)", f"{at_start / MB:.0f} MB")
        yield pages, teams, workspace, at_start
        line("processes below the server at the end", str(len(pages.tree) - 1), "0",
             len(pages.tree) == 1)  # fmt: skip


async def launch_chromium(playwright: Any, folder: Path) -> Any:
    """The system Chromium, with a home of its own below ``folder`` and no request leaving the
    machine (OFFLINE)."""
    home = folder / "chromium"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home),
           "XDG_CACHE_HOME": str(home)}  # fmt: skip
    return await playwright.chromium.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, OFFLINE], env=env
    )


async def run(folder: Path) -> None:
    from playwright.async_api import async_playwright

    (folder / "floor").mkdir()
    floor_port = free_port()
    async with (
        room_server(folder) as (pages, teams, workspace, at_start),
        async_playwright() as playwright,
    ):
        browser = await launch_chromium(playwright, folder)
        with server(floor_command(folder / "floor", floor_port),
                    environment(folder, workspace), folder / "floor" / "voila.log",
                    f"http://127.0.0.1:{floor_port}", NO_PAGE) as voila:  # fmt: skip
            await render_phase(browser, pages, voila, teams[0])
        line("server process tree RSS after the renders", f"{pages.rss() / MB:.0f} MB")
        await room(browser, pages, teams, workspace, at_start)
        await browser.close()


def stop_as_ctrl_c(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def bench(name: str, run: Callable[[Path], Coroutine[Any, Any, None]]) -> None:
    """Run ``run`` in a temporary folder, printing the room's size, the whole run's time and the
    load at both ends; a stopped run (SIGTERM) still stops its servers and browser, as Ctrl-C
    does."""
    signal.signal(signal.SIGTERM, stop_as_ctrl_c)
    started = time.monotonic()
    print(f"{name}{' (QUICK: a small room, not the issue figures)' if QUICK else ''}: "
          f"{TEAMS} teams x {DEVICES} devices; {load()}", flush=True)  # fmt: skip
    with tempfile.TemporaryDirectory(prefix=f"workshop-kit-{name.replace('_', '-')}-") as tmp:
        asyncio.run(run(Path(tmp)))
    line("whole run", f"{time.monotonic() - started:.0f} s")
    print(f"at the end: {load()}", flush=True)


def main() -> None:
    if CHROMIUM is None:
        print("bench_room: Chromium is missing (./kit test installs it); skipped.")
        return
    if shutil.which("voila", path=str(Path(sys.executable).parent)) is None:
        print("bench_room: Voila is missing (the bench extra: pip install -e '.[bench]').")
        return
    bench("bench_room", run)


if __name__ == "__main__":
    main()
