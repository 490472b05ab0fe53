"""App mode speed: each day's time to first interactive render against a bare Voila page.

Both are measured in the same run, alternately, in the system Chromium: the day pages from
``workshop-kit app`` (fresh demo workspace, kernels kept ready as it serves by default), each
opened on the demo team as a team's link opens it (without a team in its address a day page holds
only a "choose your team" note per activity, which says nothing of a team's wait), the floor
from a plain ``voila`` serving a one-cell notebook that imports pandas, matplotlib and ipywidgets
and shows one button (no kernel kept ready: a bare Voila page). A page counts as rendered when
every widget its notebook displays is drawn (Voila shows nothing before that). A day page shows
each activity closed, with an "Open this activity" button, until a person opens it; so after the
first render the benchmark opens the day's main activity and reports that time as well, alone and
added to the page's (what a team waits for before its first edit).

Between measurements the benchmark waits until the closed page's kernel is gone and every pool
is full again, so no measurement shares the CPU with a kernel starting or stopping, and it checks
that no kernel leaked: at the end the app server runs exactly its kernels kept ready.
Each is measured twice, alternately: a first visit (a fresh browser context, nothing cached) and
a page opened again (one context kept for the run, which has shown every page once before: the
browser's cache holds the scripts, as for a member who opens the days many times a day).
Target (issue 16): each day <= 0.5 x the floor.
"""

from __future__ import annotations

import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
from common import CHROMIUM, CHROMIUM_ARGS, NOTEBOOKS, report, stop_server, wait_until_answering

DAYS = [
    "01_day1_worthy_goal.ipynb",
    "02_day2_resource_map.ipynb",
    "03_day3_meeting_time.ipynb",
    "04_through_the_year.ipynb",
]
LABELS = {"01": "Day 1", "02": "Day 2", "03": "Day 3", "04": "Through the year"}
FLOOR_NOTEBOOK = "floor.ipynb"
FLOOR_SOURCE = (
    "import pandas, matplotlib.pyplot, ipywidgets\nipywidgets.Button(description='Ready')"
)
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
TOP_LEVEL_WIDGETS = ".jp-OutputArea-output > .jupyter-widgets"
REPEATS = 5
#: the day pages are opened on a team, with every panel built and drawn
TEAM_QUERY = "?team=demo"
#: per day, the activity a team spends longest in, and a part of it drawn last: a page shows
#: each activity closed until it is opened, so opening it is timed too (from the click)
MAIN_ACTIVITY = {
    "01": ("ratings", "button.wk-save-ratings"),
    "02": ("inventory", "button.wk-save-inventory"),
    "03": ("repurpose", ".wk-repurpose .wk-what-if"),
    "04": ("measures", "button.wk-record-value"),
}
SHUT_DOWN = """async (id) => {
  const xsrf = decodeURIComponent((document.cookie.match(/_xsrf=([^;]+)/) || [])[1] || "");
  const headers = {"X-XSRFToken": xsrf};
  const answer = await fetch(`/api/kernels/${id}`, {method: "DELETE", headers});
  return answer.status;
}"""
SERVERS: dict[int, Path] = {}  # the running servers' process ids and logs, for settle()
SETTLE_SECONDS = 120


def widget_outputs(path: Path) -> int:
    """How many widgets the notebook displays at top level (from its committed outputs)."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return sum(
        1
        for cell in cells
        if cell["cell_type"] == "code"
        for output in cell.get("outputs", [])
        if WIDGET_VIEW in output.get("data", {})
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def kernels_of(parents: set[int]) -> list[int]:
    """Process ids of the kernels the servers ``parents`` started and still run."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue
        if parent in parents and b"ipykernel" in command:
            found.append(int(entry.name))
    return found


def pools(log: Path) -> dict[str, int]:
    """Kernels standing ready per notebook, from Voila's log read in order: a pool filled holds
    its size, each page served from it takes one."""
    text = log.read_text(encoding="utf-8", errors="replace")
    event = re.compile(
        r"Kernel pool of (?P<filled>\S+) is filled with (?P<size>\d+)"
        r"|Using pre-heated kernel: \S+ for (?P<used>\S+)"
    )
    ready: dict[str, int] = {}
    for match in event.finditer(text):
        if match["filled"]:
            ready[match["filled"]] = int(match["size"])
        else:
            ready[match["used"]] = ready.get(match["used"], 0) - 1
    return ready


def settled(pid: int, log: Path) -> bool:
    """Every pool full again and no kernel beyond them (the closed page's is gone)."""
    ready = pools(log)
    return all(n >= 1 for n in ready.values()) and len(kernels_of({pid})) == sum(ready.values())


def settle(deadline_seconds: float = SETTLE_SECONDS) -> bool:
    """Wait until the page just closed has its kernel shut down and the pools are refilled, so
    the next measurement does not share the CPU with a kernel on its way in or out (on 2 cores
    that skews a pair by 10-20 %). False if that did not happen in time."""
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        if all(settled(pid, log) for pid, log in SERVERS.items()):
            time.sleep(0.3)  # a refilled kernel's last import output is flushed
            return True
        time.sleep(0.1)
    return False


@contextmanager
def server(command: list[str], env: dict[str, str], url: str, log: Path) -> Iterator[str]:
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        wait_until_answering(process, url, log, 90)
        SERVERS[process.pid] = log
        yield url
    finally:
        SERVERS.pop(process.pid, None)
        stop_server(process)


def new_context(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    # only off-machine requests are routed (and refused): a routed request made while a page
    # unloads, such as its shutdown beacon, is dropped, and the page's kernel would stay
    context.route(lambda url: not url.startswith(("http://127.", "ws://127.")), lambda r: r.abort())
    return context


def render_seconds(
    browser: Any, url: str, widgets: int, returning: Any = None, opened: list[float] | None = None
) -> tuple[float, float]:
    """Seconds from navigation to every top-level widget drawn, and the part of it spent before
    the page was served (kernel start and notebook run). In a fresh browser context (a first
    visit: nothing cached), or in ``returning``, a context kept open that has shown the pages
    before (a member opening a page again: scripts and styles come from the browser's cache)."""
    context = returning or new_context(browser)
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url, timeout=120_000)
    page.wait_for_function(
        f"n => document.querySelectorAll('{TOP_LEVEL_WIDGETS}').length >= n",
        arg=widgets,
        timeout=120_000,
    )
    seconds = time.perf_counter() - start
    served = page.evaluate("performance.getEntriesByType('navigation')[0].responseEnd") / 1000
    main = next((v for k, v in MAIN_ACTIVITY.items() if f"/{k}_" in url), None)
    if opened is not None and main is not None:  # then the day's main activity, opened
        activity, drawn_last = main
        began = time.perf_counter()
        page.locator(f"button.wk-open-{activity}").click(timeout=120_000)
        page.locator(drawn_last).first.wait_for(state="visible", timeout=120_000)
        opened.append(time.perf_counter() - began)
    # the page's goodbye, sent and awaited here: a beacon sent while the page unloads is at
    # times lost on a busy machine, and the kernel would then wait for the culler
    kernel = re.search(r'"kernelId": "([0-9a-f-]{36})"', page.content())
    status = page.evaluate(SHUT_DOWN, kernel[1]) if kernel else 0
    if status != 204:
        print(f"  (the page's kernel was not shut down: {status})")
    page.close()
    if returning is None:
        context.close()
    if not settle():
        print(f"  (after {url}: kernels did not settle within {SETTLE_SECONDS} s)")
    return seconds, float(served)


def main() -> None:
    if CHROMIUM is None:
        print("bench_app: Chromium is missing (./kit test installs it); skipped.")
        return
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="workshop-kit-bench-app-") as tmp:
        folder = Path(tmp)
        env = dict(os.environ)
        for var in (
            "JUPYTER_CONFIG_DIR",
            "JUPYTER_DATA_DIR",
            "JUPYTER_RUNTIME_DIR",
            "MPLCONFIGDIR",
        ):
            (folder / var).mkdir()
            env[var] = str(folder / var)
        env["MPLBACKEND"] = "Agg"
        floor_dir = folder / "floor"
        floor_dir.mkdir()
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(FLOOR_SOURCE)]
        nb.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        nbformat.write(nb, floor_dir / FLOOR_NOTEBOOK)

        app_port, floor_port = free_port(), free_port()
        app_command = [
            sys.executable, "-m", "workshop_kit.cli", "--workspace", str(folder / "workspace"),
            "app", "--no-browser", "--port", str(app_port),
        ]  # fmt: skip
        floor_command = [
            sys.executable, "-m", "voila", str(floor_dir), "--no-browser", f"--port={floor_port}",
            "--Voila.ip=127.0.0.1",
            # a bare Voila refuses a closed page's shutdown beacon (it sets no _xsrf cookie) and
            # the kernel stays: accepted here (loopback only), so the floor server holds only the
            # page being measured; page speed is untouched
            "--Voila.tornado_settings=disable_check_xsrf=True",
        ]  # fmt: skip
        with (
            server(app_command, env, f"http://127.0.0.1:{app_port}", folder / "app.log") as app,
            server(
                floor_command, env, f"http://127.0.0.1:{floor_port}", folder / "floor.log"
            ) as bare,
            sync_playwright() as playwright,
        ):
            home = {
                "HOME": str(folder),
                "XDG_CONFIG_HOME": str(folder),
                "XDG_CACHE_HOME": str(folder),
            }
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, env={**os.environ, **home}
            )
            floor_url = f"{bare}/voila/render/{FLOOR_NOTEBOOK}"
            if not settle():  # every pool full before the first measurement
                print(f"  (the pools did not fill within {SETTLE_SECONDS} s)")
            render_seconds(browser, floor_url, 1)  # warm-up: first imports fill the disk cache
            returning = new_context(browser)  # one per run: each page seen once before it counts
            for url, widgets in [(floor_url, 1)] + [
                (f"{app}/voila/render/{day}{TEAM_QUERY}", widget_outputs(NOTEBOOKS / day))
                for day in DAYS
            ]:
                render_seconds(browser, url, widgets, returning)
            visits: dict[str, Visits] = {"first visit": Visits(), "page opened again": Visits()}
            for _ in range(REPEATS):
                for day in DAYS:
                    url = f"{app}/voila/render/{day}{TEAM_QUERY}"
                    for visit, context in zip(visits.values(), (None, returning), strict=True):
                        # each day page right after a bare page: the pair sees the same load
                        visit.floor.append(render_seconds(browser, floor_url, 1, context))
                        drawn = render_seconds(
                            browser, url, widget_outputs(NOTEBOOKS / day), context,
                            visit.opened.setdefault(day, []),
                        )  # fmt: skip
                        visit.days.setdefault(day, []).append(drawn)
            returning.close()
            leaked = {pid: len(kernels_of({pid})) - sum(pools(log).values())
                      for pid, log in SERVERS.items()}  # fmt: skip
            browser.close()
        for name, visit in visits.items():
            print(f"-- {name}")
            visit.report()
        extra = sum(leaked.values())
        print(f"kernels left beyond the pools after the run: {extra}"
              + (" (none leaked)" if extra == 0 else " (LEAK)"))  # fmt: skip


@dataclass
class Visits:
    """Times (total, served) of the bare page and of each day page, measured in pairs."""

    floor: list[tuple[float, float]] = field(default_factory=list)
    days: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    #: per day, seconds from the click on its main activity's button to that panel drawn
    opened: dict[str, list[float]] = field(default_factory=dict)

    def report(self) -> None:
        report(f"bare Voila page (pandas, matplotlib, ipywidgets), median of {len(self.floor)}",
               statistics.median(t for t, _ in self.floor), "s", "")  # fmt: skip
        report("  spread (min-max)", spread(t for t, _ in self.floor), "s", "")
        report("  of which served (kernel start + run)",
               statistics.median(s for _, s in self.floor), "s", "")  # fmt: skip
        for day, times in self.days.items():
            total = statistics.median(t for t, _ in times)
            served = statistics.median(s for _, s in times)
            label = LABELS[day[:2]]
            report(f"{label} in app mode: first interactive render, median of {len(times)}",
                   total, "s", "")  # fmt: skip
            report("  spread (min-max)", spread(t for t, _ in times), "s", "")
            report("  of which served (kernel kept ready + notebook run)", served, "s", "")
            report("  of which widgets drawn in the browser", total - served, "s", "")
            # each day page against the bare page measured right before it
            ratios = [t / f for (t, _), (f, _) in zip(times, self._floors_of(day), strict=True)]
            report(f"{label} in app mode / bare Voila page (median of paired runs)",
                   statistics.median(ratios), "x", "<= 0.5")  # fmt: skip
            if self.opened.get(day):
                activity = MAIN_ACTIVITY[day[:2]][0]
                report(f"  then opening ‘{activity}’, click to panel drawn, median",
                       statistics.median(self.opened[day]), "s", "")  # fmt: skip
                together = [t + o for (t, _), o in zip(times, self.opened[day], strict=True)]
                ratios = [t / f for t, (f, _) in zip(together, self._floors_of(day), strict=True)]
                report("  page and that activity / bare Voila page (median of pairs)",
                       statistics.median(ratios), "x", "")  # fmt: skip

    def _floors_of(self, day: str) -> list[tuple[float, float]]:
        """The bare page measured right before each of ``day``'s pages (pairs in DAYS order)."""
        index = list(self.days).index(day)
        return self.floor[index :: len(self.days)]


def spread(values: Iterable[float]) -> float:
    """The range of the values: with 5 runs, a plain and honest measure of their spread."""
    items = list(values)
    return max(items) - min(items)


if __name__ == "__main__":
    main()
