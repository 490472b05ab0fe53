"""Shared timing helpers. Benchmarks print figures; they never decide pass or fail."""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"

FLOOR_SOURCE = "import pandas, matplotlib.pyplot, ipywidgets\n"


def fresh_workspace() -> tempfile.TemporaryDirectory[str]:
    tmp = tempfile.TemporaryDirectory(prefix="workshop-kit-bench-")
    os.environ["WORKSHOP_KIT_WORKSPACE"] = str(Path(tmp.name) / "workspace")
    os.environ["MPLBACKEND"] = "Agg"
    return tmp


def execute_seconds(nb: nbformat.NotebookNode, cwd: Path) -> float:
    """Wall time to start a kernel and run ``nb`` top to bottom, against a fresh demo workspace."""
    with fresh_workspace():
        client = NotebookClient(
            nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}
        )
        start = time.perf_counter()
        client.execute()
        return time.perf_counter() - start


def floor_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(FLOOR_SOURCE)]
    return nb


def notebook_ratio(name: str, repeats: int = 3) -> tuple[float, float]:
    """Median seconds for the day notebook and for the floor, measured alternately in this run."""
    day, floor = [], []
    for _ in range(repeats):
        floor.append(execute_seconds(floor_notebook(), NOTEBOOKS))
        day.append(execute_seconds(nbformat.read(NOTEBOOKS / name, as_version=4), NOTEBOOKS))
    return statistics.median(day), statistics.median(floor)


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


def wait_until_answering(
    process: subprocess.Popen[bytes], url: str, log: Path, seconds: float
) -> None:
    """Wait until the app server started as ``process`` answers at ``url``; a server that ends or
    does not answer within ``seconds`` is reported with the end of its ``log``."""
    deadline = time.monotonic() + seconds
    while True:
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the server did not start:\n{log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url + "/voila/tree", timeout=2):
                return
        except OSError:
            time.sleep(0.1)


def report(label: str, value: float, unit: str, target: str = "") -> None:
    """One figure per line; a figure without a target of its own is context for the ratio."""
    print(f"{label:<58} {value:8.3f} {unit:<4}" + (f" (target {target})" if target else ""))
