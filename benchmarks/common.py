"""Shared timing helpers. Benchmarks print figures; they never decide pass or fail."""

from __future__ import annotations

import contextlib
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
# the browser tests' page helpers (tests/chromium.py): a benchmark drives a page as they do
sys.path.insert(0, str(ROOT / "tests"))
from chromium import CHROMIUM as CHROMIUM  # noqa: E402
from chromium import CHROMIUM_ARGS as CHROMIUM_ARGS  # noqa: E402
from chromium import CLOSED_ON_PAGE as CLOSED_ON_PAGE  # noqa: E402

FLOOR_SOURCE = "import pandas, matplotlib.pyplot, ipywidgets\n"


def fresh_workspace() -> tempfile.TemporaryDirectory[str]:
    tmp = tempfile.TemporaryDirectory(prefix="workshop-kit-bench-")
    os.environ["WORKSHOP_KIT_WORKSPACE"] = str(Path(tmp.name) / "workspace")
    os.environ["MPLBACKEND"] = "Agg"
    return tmp


def execute_seconds(nb: nbformat.NotebookNode, cwd: Path) -> tuple[float, float]:
    """Seconds to start a kernel and run ``nb`` top to bottom against a fresh demo workspace:
    until the last cell is done (what a person waits for), and until the kernel has also shut
    down (what a batch run such as nbval waits for)."""
    with fresh_workspace():
        client = NotebookClient(
            nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}
        )
        start = time.perf_counter()
        with client.setup_kernel():
            for index, cell in enumerate(nb.cells):
                client.execute_cell(cell, index)
            done = time.perf_counter() - start
        return done, time.perf_counter() - start


def floor_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(FLOOR_SOURCE)]
    return nb


def report_notebook(label: str, name: str, repeats: int = 5) -> None:
    """The notebook ``name`` against the floor, run alternately in this run: medians and
    spreads, to the last cell done (target 1.15 x, issue 16) and with the kernel's shutdown."""
    day: list[tuple[float, float]] = []
    floor: list[tuple[float, float]] = []
    for _ in range(repeats):
        floor.append(execute_seconds(floor_notebook(), NOTEBOOKS))
        day.append(execute_seconds(nbformat.read(NOTEBOOKS / name, as_version=4), NOTEBOOKS))
    for part, what in ((0, "to its last cell done"), (1, "with the kernel shut down")):
        days, floors = [t[part] for t in day], [t[part] for t in floor]
        ratio = statistics.median(d / f for d, f in zip(days, floors, strict=True))
        spread = f"{min(days):.2f}-{max(days):.2f} s vs {min(floors):.2f}-{max(floors):.2f} s"
        report(f"{label} notebook, {what}, median of {repeats}", statistics.median(days), "s")
        report("  floor notebook (imports pandas, matplotlib, ipywidgets)",
               statistics.median(floors), "s")  # fmt: skip
        print(f"  spread (min-max): {spread}")
        report(f"{label} notebook / floor, {what} (median of pairs)", ratio, "x",
               "<= 1.15" if part == 0 else "")  # fmt: skip


def sample_ms(action: Callable[[], object], runs: int = 40) -> list[float]:
    """``action``'s wall times in milliseconds over ``runs`` runs after one warm-up, sorted."""
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)


def p95(times: list[float]) -> float:
    """The 95th percentile of sorted ``times``."""
    return times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def p95_ms(action: Callable[[], object], runs: int = 40) -> float:
    """95th percentile of ``action``'s wall time in milliseconds (after one warm-up run)."""
    return p95(sample_ms(action, runs))


def closed_activities(config_file: str) -> list[str]:
    """The activities a day page of the pages server shows behind "Open this activity": every
    one in the day's configuration (``day1.yaml``) but the team picker, shown open."""
    import yaml

    data = yaml.safe_load((ROOT / "data" / "config" / config_file).read_text(encoding="utf-8"))
    return [a["id"] for a in data["activities"] if a["id"] != "workbook"]


def open_activities(page: Any, ids: list[str] | None, timeout_ms: float) -> None:
    """On a page of the pages server (``workshop-kit app``): press "Open this activity" for
    each of ``ids`` (None: every closed activity drawn now), as a team working through the day
    does, and wait until each panel has taken its button's place."""
    opened = page.evaluate(CLOSED_ON_PAGE) if ids is None else ids
    for activity in opened:
        page.locator(f"button.wk-open-{activity}").click(timeout=timeout_ms)
    for activity in opened:
        page.locator(f"button.wk-open-{activity}").wait_for(state="detached", timeout=timeout_ms)


def wait_until_answering(
    process: subprocess.Popen[bytes], url: str, log: Path, seconds: float, path: str = "/"
) -> None:
    """Wait until the server started as ``process`` answers ``path`` at ``url`` (the pages
    server answers ``/``; a Voila server ``/voila/tree``); a server that ends or does not
    answer within ``seconds`` is reported with the end of its ``log``."""
    deadline = time.monotonic() + seconds
    while True:
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the server did not start:\n{log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url + path, timeout=2):
                return
        except OSError:
            time.sleep(0.1)


def stop_server(process: subprocess.Popen[bytes]) -> None:
    """Stop a server started in a session of its own: SIGTERM to its group (it shuts its kernels
    down), SIGKILL if it has not ended within 20 s."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def report(label: str, value: float, unit: str, target: str = "") -> None:
    """One figure per line; a figure without a target of its own is context for the ratio."""
    print(f"{label:<58} {value:8.3f} {unit:<4}" + (f" (target {target})" if target else ""))
