"""The institute room's load on the server (issue 31, item 7): ``./kit bench room_server``.

``bench_room`` drives every one of the 125 devices with Chromium on the server's own two cores,
and there the browsers, not the server, ran out of CPU: no page opened (docs/decisions.md). In a
room the devices are other machines. This bench keeps the room's figures and the issue's
targets but gives most devices a light page (``light_device.py``: the page's own messages on the
same websocket, nothing drawn), and a few devices a real Chromium page, checked as a person sees
it:

1. **125 devices open Day 1 within 60 s** (25 teams x 5 devices, starts spread evenly): device 1
   of every fifth team is a Chromium page, the others light pages. Open means the team picker
   names the team and every activity's "Open this activity" is there (drawn, on Chromium).
2. **125 page views held open**: the server's process-tree RSS (psutil), against the server at
   start, measured in the same run.
3. **A burst of 125 saves within 10 s**: every device opens the candidate goals and the summary
   and types a goal of its own; the saves are pressed one after the other over 10 s (a team's
   five within 0.4 s, so most merge with another device's). From the press to the goal shown
   in the Day 1 summary, on the saving device and on the team's other devices (light pages:
   the moment the server's message holding it arrives; Chromium: drawn, ``Date.now()``; one
   machine, one clock). Every pressed goal is then looked for in its team's ``goal.yaml``.

The figures are the server's: a light page costs the bench process a little CPU on the same
cores (printed), never the drawing. The load average is printed at each phase. A load script,
not a test: no retries; "met" or "MISSED" beside each target.
"""

from __future__ import annotations

import asyncio
import contextlib
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil
from bench_room import (
    BURST_WINDOW_S,
    DAY_OPEN,
    DEVICES,
    MB,
    MEMORY_TARGET,
    OPEN_WINDOW_S,
    QUICK,
    SHOWN_TIMEOUT_S,
    STEP_TIMEOUT_MS,
    Device,
    MemorySampler,
    Server,
    Team,
    bench,
    check_open,
    goals_in_files,
    launch_chromium,
    line,
    load,
    new_device,
    open_timed,
    p95,
    phase,
    prepare_saves,
    report_saves,
    room_server,
    spread,
)
from common import CHROMIUM, closed_activities
from light_device import LightPage

ONLY_WHEN_NAMED = True
#: every CHECKED_EVERY-th team's first device is a real Chromium page
CHECKED_EVERY = 1 if QUICK else 5
OPEN_TIMEOUT_S = 300.0


@dataclass(eq=False)
class RoomDevice(Device):
    light: LightPage | None = None
    save_button: str = ""  # a light page's Save, by its widget's id


def light_is_open(page: LightPage, team: Team, ids: list[str]) -> bool:
    picker = any(f'data-wk-team="{team.slug}"' in str(m.get("value", ""))
                 for m in page.models.values())  # fmt: skip
    return picker and all(page.with_class(f"wk-open-{i}") for i in ids)


async def open_room(browser: Any, url: str, devices: list[RoomDevice]) -> float:
    """Every device opens Day 1, the starts spread evenly over the window; gives the seconds
    from the first start to the last page open."""
    ids = closed_activities("day1.yaml")
    start = time.monotonic()

    async def one(n: int, device: RoomDevice) -> None:
        await asyncio.sleep(max(0.0, start + n * OPEN_WINDOW_S / len(devices) - time.monotonic()))
        path = f"/day1?team={device.team.slug}"
        if device.light is None:
            device.context = await new_device(browser, url, device.team.code)
            device.page, device.opened = await open_timed(
                device.context, url + path, DAY_OPEN, [device.team.name, ids], polling=100
            )
            return
        began = time.monotonic()
        try:
            await device.light.open(OPEN_TIMEOUT_S)
            await device.light.until(
                lambda: light_is_open(device.light, device.team, ids),  # type: ignore[arg-type]
                OPEN_TIMEOUT_S,
            )
            device.opened = time.monotonic() - began
        except Exception as exc:
            print(f"    light page not open: {path}: {str(exc)[:160]}", flush=True)

    await asyncio.gather(*(one(n, d) for n, d in enumerate(devices)))
    return time.monotonic() - start


async def prepare_light(devices: list[RoomDevice]) -> int:
    """Each light device opens the candidate goals and the summary and types its goal (sent as
    a field's value is when it is left: not saved). Ten at a time, as a room does."""
    gate = asyncio.Semaphore(10)
    names = {t: [f"Goal {t}-{m + 1} from the bench" for m in range(DEVICES)]
             for t in {d.team.slug for d in devices}}  # fmt: skip

    async def one(device: RoomDevice) -> bool:
        page = device.light
        device.goal = f"Goal {device.team.slug}-{device.number} from the bench"
        if page is None or device.opened is None:
            return False
        page.watched = set(names[device.team.slug])
        async with gate:
            try:
                for activity in ("candidates", "summary"):
                    (button,) = page.with_class(f"wk-open-{activity}")
                    await page.press(button)
                save = await page.until(lambda: page.with_class("wk-save-candidates"), 120)
                text = await page.until(
                    lambda: [i for i in page.with_class("wk-col-text")
                             if page.models[i].get("_model_name") == "TextareaModel"],
                    120,
                )  # fmt: skip
                await page.until(lambda: page.with_class("wk-day1-summary"), 120)
                await page.set_value(text[0], device.goal)
                device.save_button = save[0]
                device.ready = True
                return True
            except Exception as exc:
                print(f"    not ready to save: {device.goal}: {str(exc)[:160]}", flush=True)
                return False

    return sum(await asyncio.gather(*(one(d) for d in devices)))


async def burst(devices: list[RoomDevice]) -> float:
    """Every ready device presses Save, evenly over the window; gives the seconds it took."""
    start = time.monotonic()

    async def one(n: int, device: RoomDevice) -> None:
        await asyncio.sleep(max(0.0, start + n * BURST_WINDOW_S / len(devices) - time.monotonic()))
        if not device.ready:
            return
        try:
            if device.light is not None:
                device.clicked = time.time() * 1000
                await device.light.press(device.save_button)
            else:
                await device.page.locator(".wk-candidates button.wk-save-candidates").click(
                    timeout=STEP_TIMEOUT_MS
                )
        except Exception as exc:
            print(f"    press failed: {device.goal}: {str(exc)[:160]}", flush=True)

    await asyncio.gather(*(one(n, d) for n, d in enumerate(devices)))
    return time.monotonic() - start


async def collect(devices: list[RoomDevice]) -> None:
    """Until every device has seen its team's pressed goals (or the ceiling): the light pages'
    notes as they come, the Chromium pages' notes read from the page."""
    from bench_room import SEEN

    deadline = time.monotonic() + SHOWN_TIMEOUT_S
    while True:
        for device in devices:
            if not device.ready:
                continue
            if device.light is not None:
                device.seen = dict(device.light.seen)
                device.error = [
                    str(m.get("value")) for m in device.light.models.values()
                    if "wk-msg wk-error" in str(m.get("value", ""))
                ]  # fmt: skip
                continue
            with contextlib.suppress(Exception):
                notes = await asyncio.wait_for(device.page.evaluate(SEEN), 60)
                device.clicked = notes["clicked"]
                device.seen = {k: float(v) for k, v in notes["seen"].items()}
                device.ok, device.error = notes["ok"], notes["error"]
        pressed: dict[str, set[str]] = {}
        for device in devices:
            if device.clicked is not None:
                pressed.setdefault(device.team.slug, set()).add(device.goal)
        if all(pressed.get(d.team.slug, set()) <= d.seen.keys() for d in devices if d.ready):
            return
        if time.monotonic() > deadline:
            return
        await asyncio.sleep(0.5)


def own_cpu_seconds() -> float:
    """CPU time of this bench process (the light pages) so far, user and system."""
    times = psutil.Process().cpu_times()
    return float(times.user + times.system)


async def room(
    browser: Any, pages: Server, teams: list[Team], workspace: Path, at_start: int
) -> None:
    devices = [RoomDevice(team, m + 1) for team in teams for m in range(DEVICES)]
    for device in devices:
        index = teams.index(device.team)
        if not (device.number == 1 and index % CHECKED_EVERY == 0):
            device.light = LightPage(pages.url, f"/day1?team={device.team.slug}",
                                     device.team.code)  # fmt: skip
    count, checked = len(devices), [d for d in devices if d.light is None]
    with MemorySampler(pages) as memory:
        memory.phase = "opening"
        phase(f"1. {count} devices ({len(teams)} teams x {DEVICES}; {len(checked)} of them "
              f"Chromium pages) open Day 1 within {OPEN_WINDOW_S:g} s")  # fmt: skip
        cpu, own = pages.cpu_seconds(), own_cpu_seconds()
        took = await open_room(browser, pages.url, devices)
        opening_cpu, own_cpu = pages.cpu_seconds() - cpu, own_cpu_seconds() - own
        opened = [d.opened for d in devices if d.opened is not None]
        line("pages open (team picker with the team, every activity's place)",
             f"{len(opened)} of {count}", str(count), len(opened) == count)  # fmt: skip
        for label, group in (("light pages", [d for d in devices if d.light]),
                             ("Chromium pages", checked)):  # fmt: skip
            times = [d.opened for d in group if d.opened is not None]
            if times:
                line(f"  seconds to open, {label}: p95 of {len(times)}", f"{p95(times):.2f} s")
                line("    median; spread (min-max)",
                     f"{statistics.median(times):.2f} s; {spread(times)} s")  # fmt: skip
        line("  from the first start to the last page open", f"{took:.1f} s")
        line("  the server's CPU time for the openings (its process tree)",
             f"{opening_cpu:.1f} s; {opening_cpu / count:.2f} s a page")  # fmt: skip
        line("  the light pages' CPU time meanwhile (this process)", f"{own_cpu:.1f} s")

        memory.phase = "held"
        phase(f"2. {count} page views held open ({load()})")
        ids = closed_activities("day1.yaml")
        still = sum(1 for d in devices if d.light and not d.light.closed
                    and light_is_open(d.light, d.team, ids))  # fmt: skip
        still += await check_open(checked)
        line("pages still open, checked on every page", f"{still} of {count}", str(count),
             still == count)  # fmt: skip
        await asyncio.sleep(5)  # a measuring period for the memory samples, not a wait
        held = memory.of("held")
        rss = statistics.median(held)
        line(f"server process tree RSS, {count} page views, median of {len(held)}",
             f"{rss / MB:.0f} MB", f"<= {MEMORY_TARGET / MB:.0f} MB",
             rss <= MEMORY_TARGET and still == count)  # fmt: skip
        line("  spread (min-max)", f"{min(held) / MB:.0f}-{max(held) / MB:.0f} MB")
        line("  / the server at start (the baseline, this run)", f"{rss / at_start:.2f} x")
        line("  per page view, above the server at start",
             f"{(rss - at_start) / count / MB:.1f} MB")  # fmt: skip

        phase(f"3. a burst of {count} saves within {BURST_WINDOW_S:g} s ({load()})")
        memory.phase = "preparing"
        ready = await prepare_light(devices) + await prepare_saves(checked)
        line("devices with the candidates and summary open, a goal typed",
             f"{ready} of {count}")  # fmt: skip
        memory.phase = "burst"
        cpu = pages.cpu_seconds()
        pressing = await burst(devices)
        await collect(devices)
        saving_cpu = pages.cpu_seconds() - cpu
        memory.phase = "after"
        clicks = [d.clicked for d in devices if d.clicked is not None]
        span = (max(clicks) - min(clicks)) if clicks else 0.0
        report_saves(devices, goals_in_files(workspace, teams), span)  # type: ignore[arg-type]
        line("  seconds the presses took from the bench's side", f"{pressing:.1f} s")
        line("  the server's CPU time for the saves and their live updates",
             f"{saving_cpu:.1f} s")  # fmt: skip
        peak = max(rss for p, rss in memory.samples if p in ("preparing", "burst", "after"))
        line("server process tree RSS, peak during the saves", f"{peak / MB:.0f} MB",
             f"<= {MEMORY_TARGET / MB:.0f} MB", peak <= MEMORY_TARGET)  # fmt: skip
    for device in devices:
        if device.light is not None:
            with contextlib.suppress(Exception):
                await device.light.close()
        elif device.context is not None:
            with contextlib.suppress(Exception):
                await device.context.close()


async def run(folder: Path) -> None:
    from playwright.async_api import async_playwright

    async with (
        room_server(folder) as (pages, teams, workspace, at_start),
        async_playwright() as playwright,
    ):
        browser = await launch_chromium(playwright, folder)
        await room(browser, pages, teams, workspace, at_start)
        await browser.close()


def main() -> None:
    if CHROMIUM is None:
        print("bench_room_server: Chromium is missing (./kit test installs it); skipped.")
        return
    bench("bench_room_server", run)


if __name__ == "__main__":
    main()
