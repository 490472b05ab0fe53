"""From a click to the change on the page: four interactions timed in the real browser.

``workshop-kit app`` (the pages server: one Solara process, no kernels) serves a fresh temporary
workspace (the demo team; for Day 2 its inventory is replaced by the 300 resources of
``bench_day2.big_inventory`` before the server starts). The system Chromium opens each day page
on the demo team (``/day1?team=demo``; the demo team's pages need no join code) and repeats one
interaction ``REPEATS`` times, each a real change (the values alternate):

1. Day 1, evidence: another subject in the subject filter -> the trend chart (``<img>``) shows the
   new picture (its ``src`` or ``alt`` changed). The subjects are taken in turn, so each is drawn
   once and then shown again, as a team flipping the filter back and forth sees it.
2. Day 1, ratings: one member's rating cell changed, then "Save" clicked -> the team-score bars
   (``.wk-rating-chart``) changed, with the saved message shown. Timed from the click.
3. Day 2, 300 resources: the use of the table's first resource changed, then "Save the table"
   clicked -> the resource map (``<img>``: its ``src`` or ``alt``, which counts the uses) changed.
   Timed from the click.
4. Day 3, re-purposing what-if: one digit typed over the first move's logistics minutes -> the
   figures (``.wk-what-if``: the hours a year moved to the goal) changed.

How a repetition is timed, inside the page, so that Playwright's round trips are not counted:
the page is first armed (one ``page.evaluate``) with a capture listener for the action's event on
its element (``change`` of a drop-down, ``click`` of a button, ``input`` of a field) and a
MutationObserver on the page. Then Playwright performs the action as a person would (a real
choice, click or key press). The listener takes ``performance.now()`` when the event reaches the
page; the observer notes when the watched element differs from what it was when armed (and any
required message is there). The change counts as visible once the next frame after it is drawn
(a task queued from that frame's ``requestAnimationFrame`` callback runs), a new ``<img>`` being
decoded first. The figure is that moment minus the event's; the time to the DOM change is printed
beside it. Python only waits for the result (``wait_for_function``). A change that does not show
within ``TIMEOUT_MS`` is an error, never retried.

Before the first repetition the page is open (its team picker shows the demo team and every
activity's place is drawn) and every activity is opened, as on a page a team has worked through
(the most to update). Between repetitions the benchmark waits until the page's virtual kernel
is idle (Solara sends the Jupyter "busy" / "idle" status on the page's websocket, read by a
script added before the page's own) and the page unchanged for ``QUIET_MS``: a repetition never
starts while the server still answers the one before. When that idle status reached the page is
printed too ("until the page had the server's whole answer"): the change may be shown long
before the rest of the answer (the other panels) is in. The page handles the websocket's
messages in order on its main thread, so this time includes the browser's work on every message
before it, not only the server's. At the end the benchmark checks that the server started no
process of its own (no kernels).

The < 50 ms target printed beside each figure is the kernel's (issue 16: ``bench_day1``,
``bench_day2``, ``bench_day3`` measure it); these browser figures add the websocket, the widget
views and the drawing, and are context for it.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

import psutil
from common import (
    CHROMIUM,
    CHROMIUM_ARGS,
    closed_activities,
    open_activities,
    p95,
    report,
    stop_server,
    wait_until_answering,
)

#: (page address, its day's configuration)
DAY1 = ("day1", "day1.yaml")
DAY2 = ("day2", "day2.yaml")
DAY3 = ("day3", "day3.yaml")
#: the demo team's name as its page's team picker shows it
DEMO = "(demo)"
#: a day page is open: the team picker shows the team, and every activity's place is drawn
DAY_OPEN = """([team, ids]) => {
  const current = document.querySelector('.wk-team-picker .wk-current-team');
  return !!(current && current.textContent.includes(team)
    && ids.every(id => document.querySelector('button.wk-open-' + id)));
}"""
REPEATS = 20
TIMEOUT_MS = 20_000  # a change not shown by then is an error
QUIET_MS = 150  # settled: the kernel idle and the page unchanged for this long
#: the longest wait for a page to settle after a change was shown: not part of the figure (the
#: kernel's whole answer may take much longer than the change it shows first), but a limit
SETTLE_TIMEOUT_MS = 60_000
RENDER_TIMEOUT_MS = 120_000
VIEWPORT = {"width": 1280, "height": 2400}  # tall, as the browser tests: the charts are in view

#: before the page's scripts: the kernel's last status (busy / idle) as its websocket reports
#: it, so a repetition starts only once the kernel has answered the one before in full (a quiet
#: page alone is not enough: a save of 300 resources keeps the kernel busy with no DOM change)
KERNEL_STATUS = """(() => {
  const Native = window.WebSocket;
  const status = {state: "", changed: performance.now(), seen: 0};
  window.__wkKernel = status;
  const text = new TextDecoder();
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      const note = (data) => {
        const found = data.match(/"execution_state"\\s*:\\s*"(busy|idle)"/);
        if (found) {
          status.state = found[1];
          status.changed = performance.now();
          status.seen += 1;
        }
      };
      this.addEventListener("message", (event) => {
        if (typeof event.data === "string") note(event.data);
        else if (event.data instanceof ArrayBuffer) note(text.decode(event.data));
        else if (event.data instanceof Blob) event.data.text().then(note);
      });
    }
  };
})();"""

#: once per page: the time of the page's last DOM change, for waiting until it is quiet
QUIET = """() => {
  window.__wkLastChange = performance.now();
  new MutationObserver(() => { window.__wkLastChange = performance.now(); })
    .observe(document.body, {subtree: true, childList: true, attributes: true,
                             characterData: true});
}"""

#: arm one measurement: returns "" or what is missing on the page. The watched element is read
#: again only when a change touches it (or its place): a save on Day 2 changes the page a
#: thousand times, and reading a chart's whole picture each time would add to what is measured
ARM = """(spec) => {
  const trigger = document.querySelectorAll(spec.trigger)[spec.nth];
  if (!trigger) { return `nothing on the page matches ${spec.trigger} (#${spec.nth})`; }
  const read = (el) => el.tagName === "IMG"
    ? `${el.getAttribute("src")}|${el.getAttribute("alt")}` : el.innerHTML;
  const required = () => !spec.also || Array.from(document.querySelectorAll(spec.also))
    .some((el) => el.textContent.includes(spec.alsoText));
  let current = document.querySelector(spec.watch);
  if (current === null) { return `nothing on the page matches ${spec.watch}`; }
  const before = read(current);
  let differs = false;
  const touches = (r) => r.target === current || r.target.contains(current)
    || current.contains(r.target);
  const state = {t0: null, dom: null, shown: null, error: null};
  window.__wkClick = state;
  const heard = (event) => {
    if (state.t0 === null && trigger.contains(event.target)) {
      state.t0 = performance.now();
      document.removeEventListener(spec.event, heard, true);
    }
  };
  document.addEventListener(spec.event, heard, true);
  const observer = new MutationObserver((records) => {
    if (state.t0 === null || state.dom !== null) { return; }
    if (!differs && (current === null || !current.isConnected || records.some(touches))) {
      current = document.querySelector(spec.watch);
      differs = current !== null && read(current) !== before;
    }
    if (!differs || !required()) { return; }
    state.dom = performance.now();
    observer.disconnect();
    const drawn = current.tagName === "IMG" ? current.decode() : Promise.resolve();
    // the frame after the change: its callback runs before the frame is drawn, a task queued
    // from it runs once the frame is drawn
    const painted = () => setTimeout(() => { state.shown = performance.now(); }, 0);
    drawn.then(() => requestAnimationFrame(painted),
               (e) => { state.error = `the new picture could not be decoded: ${e}`; });
  });
  observer.observe(document.body, {subtree: true, childList: true, attributes: true,
                                   characterData: true});
  return "";
}"""


class Watch(NamedTuple):
    """What one repetition watches: the ``event`` on the ``nth`` element matching ``trigger``
    starts the clock; a change of ``watch`` (with an ``also`` element holding ``also_text``, when
    given) stops it."""

    trigger: str
    event: str
    watch: str
    nth: int = 0
    also: str = ""
    also_text: str = ""


class Sample(NamedTuple):
    """One repetition, in ms from the action's event in the page."""

    shown: float  # to the frame showing the change: the figure reported
    dom: float  # to the DOM change
    answered: float  # to the kernel's idle status handled by the page: its whole answer in


class Timings(NamedTuple):
    label: str
    meaning: str
    samples: list[Sample]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def app_server(folder: Path) -> Iterator[tuple[str, int]]:
    """``workshop-kit app`` (the pages server) on the workspace in ``folder``: its address and
    process id. Stopped with its process group."""
    env = dict(os.environ)
    for var in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "MPLCONFIGDIR"):
        (folder / var).mkdir()
        env[var] = str(folder / var)
    env["MPLBACKEND"] = "Agg"
    env.pop("WORKSHOP_KIT_TEAM", None)
    port = free_port()
    command = [
        sys.executable, "-m", "workshop_kit.cli", "--workspace", str(folder / "workspace"),
        "app", "--no-browser", "--port", str(port),
    ]  # fmt: skip
    env["HOME"] = str(folder)
    url, log = f"http://127.0.0.1:{port}", folder / "app.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        wait_until_answering(process, url, log, 90)
        yield url, process.pid
    finally:
        stop_server(process)


def write_big_inventory(workspace: Path) -> int:
    """The demo team, its inventory replaced by bench_day2's 300 resources; how many."""
    from bench_day2 import RESOURCES, big_inventory

    from workshop_kit.config.day2 import load_day2
    from workshop_kit.model.resources import ResourceInventory
    from workshop_kit.store import Workspace

    ws = Workspace(workspace)
    team = ws.ensure_demo()
    team.load(ResourceInventory)
    inventory = big_inventory(load_day2(ws.root))
    assert isinstance(inventory, ResourceInventory)
    team.save(inventory)
    saved = len(team.load(ResourceInventory).resources)
    if saved != RESOURCES:
        raise RuntimeError(f"the demo team holds {saved} resources, not {RESOURCES}")
    return saved


class Page:
    """One day's page on the demo team, timed as described above."""

    def __init__(self, browser: Any, url: str, config_file: str, ready: str) -> None:
        self.context = browser.new_context(viewport=VIEWPORT)
        # only off-machine requests are routed (and refused), as in bench_room
        self.context.route(
            lambda u: not u.startswith(("http://127.", "ws://127.")), lambda r: r.abort()
        )
        self.context.add_init_script(KERNEL_STATUS)
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.errors: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.console: list[str] = []  # the page's console errors, for an error message
        self.page.on(
            "console", lambda m: self.console.append(m.text) if m.type == "error" else None
        )
        self.page.goto(url, timeout=RENDER_TIMEOUT_MS)
        # open: the team picker shows the team and every activity's place is drawn
        ids = closed_activities(config_file)
        self.page.wait_for_function(DAY_OPEN, arg=[DEMO, ids], timeout=RENDER_TIMEOUT_MS)
        # every activity open, as on a page a team has worked through (the most to update)
        open_activities(self.page, ids, RENDER_TIMEOUT_MS)
        self.page.locator(ready).first.wait_for(state="visible", timeout=RENDER_TIMEOUT_MS)
        self.page.evaluate(QUIET)
        self.quiet()
        if not self.page.evaluate("() => window.__wkKernel.seen"):
            raise RuntimeError(f"{url}: no kernel status was seen on the page's websocket")

    def locator(self, css: str) -> Any:
        return self.page.locator(css)

    def quiet(self, what: str = "the page") -> None:
        """Wait until the kernel is idle and the page has not changed for QUIET_MS: the kernel
        has answered everything sent so far, and the page has drawn it."""
        try:
            self.page.wait_for_function(
                """q => { const now = performance.now(), k = window.__wkKernel;
                          return k.state === "idle" && now - k.changed > q
                                 && now - window.__wkLastChange > q; }""",
                arg=QUIET_MS,
                timeout=SETTLE_TIMEOUT_MS,
            )
        except Exception as exc:
            kernel, since = self.page.evaluate(
                """() => [window.__wkKernel,
                          Math.round(performance.now() - window.__wkLastChange)]"""
            )
            raise RuntimeError(
                f"{what}: the page did not settle within {SETTLE_TIMEOUT_MS / 1000:.0f} s after "
                f"the change was shown: the kernel is "
                f"{kernel['state'] or 'unknown'} since "
                f"{performance_ago(kernel, self.page):.0f} ms, the page changed {since} ms ago"
            ) from exc

    def timed(self, watch: Watch, act: Callable[[], object], what: str) -> Sample:
        """``act`` timed from its event in the page to the change of ``watch`` shown."""
        problem = self.page.evaluate(
            ARM,
            {
                "trigger": watch.trigger,
                "nth": watch.nth,
                "event": watch.event,
                "watch": watch.watch,
                "also": watch.also,
                "alsoText": watch.also_text,
            },
        )
        if problem:
            raise RuntimeError(f"{what}: {problem}")
        act()
        try:
            self.page.wait_for_function(
                "() => window.__wkClick.shown !== null || window.__wkClick.error !== null",
                timeout=TIMEOUT_MS,
            )
        except Exception as exc:
            state = self.page.evaluate("() => window.__wkClick")
            shown = self.page.evaluate(
                "() => Array.from(document.querySelectorAll('.wk-msg.wk-error'))"
                ".map(e => e.textContent)"
            )
            if state["t0"] is None:
                heard = "the action's event never reached the page"
            elif state["dom"] is None:
                heard = "the action's event reached the page, the page did not change"
            else:
                heard = "the page changed, but no frame showed it"
            raise RuntimeError(
                f"{what}: {watch.watch} did not change within {TIMEOUT_MS / 1000:.0f} s "
                f"({heard}; error messages on the page: {shown or 'none'}; "
                f"script errors: {self.errors or 'none'}; "
                f"console errors: {self.console[-5:] or 'none'})"
            ) from exc
        state = self.page.evaluate("() => window.__wkClick")
        if state["error"]:
            raise RuntimeError(f"{what}: {state['error']}")
        self.quiet(what)
        idle = self.page.evaluate("() => window.__wkKernel.changed")
        t0 = state["t0"]
        return Sample(float(state["shown"] - t0), float(state["dom"] - t0), float(idle - t0))

    def close(self) -> None:
        self.page.close()
        self.context.close()


def performance_ago(kernel: dict[str, Any], page: Any) -> float:
    """How long ago (ms) the kernel's status last changed."""
    return float(page.evaluate("() => performance.now()")) - float(kernel["changed"])


def other_option(page: Page, select: str, choices: list[str]) -> str:
    """The first of ``choices`` (option labels) that is not the one ``select`` shows now."""
    current = page.locator(select).first.evaluate(
        "s => s.selectedIndex < 0 ? '' : s.options[s.selectedIndex].text"
    )
    for label in choices:
        if label != current:
            return label
    raise RuntimeError(f"{select} offers nothing but {current!r}")


def labels_of(page: Page, select: str) -> list[str]:
    """The option labels of the first drop-down matching ``select``, as the page writes them
    (ipywidgets turns their spaces into no-break spaces)."""
    return [str(t) for t in page.locator(select).first.locator("option").all_text_contents()]


def evidence_filter(page: Page) -> Timings:
    """Day 1: another subject chosen -> the evidence chart shows it."""
    select = ".wk-evidence .wk-filter-subject select"
    watch = Watch(select, "change", ".wk-evidence img.wk-chart")
    subjects = labels_of(page, select)
    if len(subjects) < 2:
        raise RuntimeError(f"the subject filter offers only {subjects}")
    samples = []
    for n in range(REPEATS):
        label = other_option(page, select, subjects[n % len(subjects) :] + subjects)
        act = partial(page.locator(select).select_option, label=label)
        samples.append(page.timed(watch, act, f"evidence filter, repetition {n + 1}"))
    return Timings(
        "Day 1 evidence filter -> chart",
        f"another subject chosen in the evidence filter ({len(subjects)} in turn) until the "
        "new trend chart is drawn",
        samples,
    )


def ratings_save(page: Page) -> Timings:
    """Day 1: one rating cell changed and saved -> the team-score bars change."""
    rater = ".wk-ratings .wk-rater select"
    # private ratings: a device rates as the member under "I am" (after "Not said")
    label = labels_of(page, ".wk-member select")[1]
    page.locator(".wk-member select").select_option(label=label)
    member = label.replace("\xa0", " ")  # as the button and the messages write it
    page.locator(rater).select_option(label=label)
    save = "button.wk-save-ratings"
    page.page.wait_for_function(
        "([css, who]) => ((document.querySelector(css) || {}).textContent || '').includes(who)",
        arg=[save, member],
        timeout=TIMEOUT_MS,
    )
    page.quiet()
    cells = ".wk-ratings [class*='wk-rate-'] select"
    scores = labels_of(page, cells)[1:]  # not "not rated": every save gives a score
    low, high = scores[0], scores[-1]
    watch = Watch(
        save,
        "click",
        ".wk-ratings .wk-rating-chart",
        also=".wk-ratings .wk-msg.wk-ok",
        also_text=f"Saved {member}",
    )
    samples = []
    for n in range(REPEATS):
        page.locator(cells).first.select_option(label=other_option(page, cells, [low, high]))
        what = f"ratings save, repetition {n + 1}"
        samples.append(page.timed(watch, page.locator(save).click, what))
    return Timings(
        "Day 1 ratings Save -> bars",
        f"Save clicked after one of {member}'s ratings changed, until the team-score bars "
        "show it (the saved message on the page)",
        samples,
    )


def inventory_save(page: Page, resources: int) -> Timings:
    """Day 2: the first resource's use changed in the table and saved -> the map changes."""
    use = ".wk-inventory .wk-col-use select"
    uses = labels_of(page, use)
    if len(uses) < 2:
        raise RuntimeError(f"the use column offers only {uses}")
    save = "button.wk-save-inventory"
    watch = Watch(save, "click", ".wk-map img.wk-chart")
    samples = []
    for n in range(REPEATS):
        page.locator(use).first.select_option(label=other_option(page, use, uses[:2]))
        what = f"inventory save, repetition {n + 1}"
        samples.append(page.timed(watch, page.locator(save).click, what))
    return Timings(
        f"Day 2 table Save ({resources} resources) -> map",
        "Save the table clicked after one resource's use changed, until the new resource map "
        "is drawn",
        samples,
    )


def what_if_typing(page: Page) -> Timings:
    """Day 3: one digit typed over the first move's logistics minutes -> the figures change."""
    field_css = ".wk-repurpose .wk-col-logistics input"
    field = page.locator(field_css).first
    watch = Watch(field_css, "input", ".wk-repurpose .wk-what-if")
    samples = []
    for n in range(REPEATS):
        digit = "5" if n % 2 == 0 else "9"
        field.click()
        field.press("ControlOrMeta+a")
        what = f"what-if typing, repetition {n + 1}"
        samples.append(page.timed(watch, partial(field.press, digit), what))
    return Timings(
        "Day 3 what-if digit -> hours",
        "a digit typed over a move's logistics minutes, until the what-if figures (hours a "
        "year to the goal) show the new sum",
        samples,
    )


def main() -> None:
    if CHROMIUM is None:
        print("bench_clicks: Chromium is missing (./kit test installs it); skipped.")
        return
    from playwright.sync_api import sync_playwright

    began = time.perf_counter()
    results: list[Timings] = []
    with tempfile.TemporaryDirectory(prefix="workshop-kit-bench-clicks-") as tmp:
        folder = Path(tmp)
        resources = write_big_inventory(folder / "workspace")
        home = {"HOME": str(folder), "XDG_CONFIG_HOME": str(folder), "XDG_CACHE_HOME": str(folder)}
        with app_server(folder) as (url, pid), sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, env={**os.environ, **home}
            )
            try:
                steps: list[tuple[tuple[str, str], str, list[Callable[[Page], Timings]]]] = [
                    (DAY1, ".wk-evidence img.wk-chart", [evidence_filter, ratings_save]),
                    (DAY2, ".wk-map img.wk-chart",
                     [lambda p: inventory_save(p, resources)]),
                    (DAY3, ".wk-repurpose .wk-what-if", [what_if_typing]),
                ]  # fmt: skip
                for (address, config_file), ready, measures in steps:
                    page = Page(browser, f"{url}/{address}?team=demo", config_file, ready)
                    try:
                        results.extend(measure(page) for measure in measures)
                    finally:
                        page.close()
            finally:
                browser.close()
            below = len(psutil.Process(pid).children(recursive=True))
    seconds = time.perf_counter() - began
    print(
        "from the action's event in the page to the change drawn; the < 50 ms target is the "
        "server's (issue 16), these browser figures are context for it"
    )
    for t in results:
        ordered = sorted(s.shown for s in t.samples)
        report(f"{t.label}, median of {len(ordered)}", statistics.median(ordered), "ms", "< 50")
        report("  p95", p95(ordered), "ms", "< 50")
        dom = statistics.median(s.dom for s in t.samples)
        report("  of which until the DOM changed (median)", dom, "ms", "")
        answered = statistics.median(s.answered for s in t.samples)
        report("  until the page had the server's whole answer (median)", answered, "ms", "")
        first, last = t.samples[0].answered, t.samples[-1].answered
        print(f"    (first and last repetition: {first:.0f} and {last:.0f} ms)")
        print(f"  the figure: {t.meaning}")
    print(f"processes the pages server started: {below}"
          + (" (none: no kernels)" if below == 0 else " (it should start none)"))  # fmt: skip
    report("bench_clicks wall time", seconds, "s", "")


if __name__ == "__main__":
    main()
