"""How the suite is laid out for a run: what is ``slow``, and in which order the work is handed
out. The root ``conftest.py`` applies it to every collection, and ``tests/test_packaging.py``
checks it on a small project of its own (pytester), in-process.

- ``slow``: what starts a kernel, a browser or many processes (every notebook cell under nbval,
  every browser test, and tests marked by hand). ``./kit test --fast`` leaves these out.
- Workers: ``./kit test`` runs pytest-xdist with ``--dist loadfile``, so each file runs whole on
  one worker: a notebook's cells share one kernel and must run in order, and a browser module's
  tests share its module's servers (the hub). (``--dist loadgroup`` would be finer, but with
  pytest 9 it silently stops grouping: xdist 3.8 renames ``item._nodeid``, which pytest 9 no
  longer reads.)
- Order: on xdist's workers the heaviest files are handed out first, so the quick unit tests
  fill the gaps at the end instead of one long notebook or journey starting last.
"""

from __future__ import annotations

import os

import pytest

#: files handed out first, longest first (measured with ``--durations``); any other slow file
#: follows, then the quick ones in collection order
HEAVIEST_FIRST = (
    "test_hub.py",
    "test_pages_accessibility.py",
    "test_app_room.py",
    "test_app_day1.py",
    "test_app_day3.py",
    "test_app_day2.py",
    "01_day1_worthy_goal.ipynb",
    "test_pages_solara.py",
    "03_day3_meeting_time.ipynb",
    "02_day2_resource_map.ipynb",
    "04_through_the_year.ipynb",
    "test_app_safety.py",
    "test_lab_day1.py",
)


def is_notebook_cell(item: pytest.Item) -> bool:
    return type(item).__name__ == "IPyNbCell"


def is_browser_test(item: pytest.Item) -> bool:
    return item.get_closest_marker("browser") is not None or "browser" in item.path.parts


def _rank(item: pytest.Item) -> int:
    name = item.path.name
    if name in HEAVIEST_FIRST:
        return HEAVIEST_FIRST.index(name)
    return len(HEAVIEST_FIRST) + (0 if item.get_closest_marker("slow") else 1)


def plan(items: list[pytest.Item]) -> None:
    for item in items:
        if is_browser_test(item) or is_notebook_cell(item):
            item.add_marker(pytest.mark.slow)
    # Only on xdist's workers (they all sort alike, as xdist requires); a plain run keeps the
    # collection order, quick tests first. The sort is stable: a file's tests keep their order.
    if os.environ.get("PYTEST_XDIST_WORKER"):
        order = {id(item): i for i, item in enumerate(items)}
        items.sort(key=lambda item: (_rank(item), order[id(item)]))
