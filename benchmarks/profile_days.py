"""Where each day notebook's time goes (issue 16): imports, then the notebook's calls split into
reading and validating the team's files, drawing charts, and the rest (mostly building widgets),
with the widget models created and the messages they would send to the page.

Runs the notebook's code cells in this process, against a fresh demo workspace, under cProfile
(so the parts add up to a little more than a plain run). Not part of ``./kit bench``: it explains
the figures rather than measuring them. ``.venv/bin/python benchmarks/profile_days.py``.
"""

from __future__ import annotations

import contextlib
import cProfile
import io
import pstats
import subprocess
import sys
import time

import nbformat
from common import NOTEBOOKS, fresh_workspace

DAYS = [
    "01_day1_worthy_goal.ipynb",
    "02_day2_resource_map.ipynb",
    "03_day3_meeting_time.ipynb",
    "04_through_the_year.ipynb",
]
#: parts reported on their own: the cumulative time of these functions (none calls another)
PARTS = {
    "read and validate the team's files": ("store.py", ("read", "read_file")),
    "render charts to SVG (matplotlib)": ("charts/__init__.py", ("to_svg",)),
}


def part_seconds(stats: pstats.Stats, where: str, names: tuple[str, ...]) -> float:
    items = stats.stats.items()  # type: ignore[attr-defined]
    return sum(
        cumulative
        for (filename, _, name), (_, _, _, cumulative, _) in items
        if where in filename and name in names
    )


def profile(day: str) -> None:
    cells = [
        c.source
        for c in nbformat.read(NOTEBOOKS / day, as_version=4).cells
        if c.cell_type == "code"
    ]
    import ipywidgets as widgets
    from ipywidgets.widgets.widget import _instances

    namespace: dict[str, object] = {}
    imports = [line for line in cells[0].splitlines() if line.startswith(("import ", "from "))]
    start = time.perf_counter()
    exec("\n".join(imports), namespace)  # the day's own modules, as its first cell imports them
    imported = time.perf_counter() - start
    sent = {"n": 0}
    send = widgets.Widget._send

    def counting_send(self: widgets.Widget, msg: object, buffers: object = None) -> None:
        sent["n"] += 1
        send(self, msg, buffers)

    widgets.Widget._send = counting_send  # type: ignore[method-assign]
    models_before = len(_instances)
    profiler = cProfile.Profile()
    with fresh_workspace():
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):  # what display() prints outside a kernel
            profiler.enable()
            for source in cells:
                exec(compile(source, day, "exec"), namespace)
            profiler.disable()
        total = time.perf_counter() - start
    widgets.Widget._send = send  # type: ignore[method-assign]
    stats = pstats.Stats(profiler)
    print(f"{day}")
    print(f"  imports of the day's modules (cold)      {imported:6.2f} s")
    print(f"  the notebook's calls                     {total:6.2f} s")
    accounted = 0.0
    for label, (where, names) in PARTS.items():
        seconds = part_seconds(stats, where, names)
        accounted += seconds
        print(f"    {label:<37}{seconds:6.2f} s")
    print(f"    the rest (building widgets, logic)   {total - accounted:6.2f} s")
    models = len(_instances) - models_before
    print(f"  widget models created                    {models:6d}")
    print(f"  messages sent to the page                {sent['n']:6d}")


def main() -> None:
    if len(sys.argv) == 2:
        profile(sys.argv[1])
        return
    for day in DAYS:  # each in a process of its own: imports and caches start cold
        subprocess.run([sys.executable, __file__, day], check=True)


if __name__ == "__main__":
    main()
