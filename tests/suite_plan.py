"""How the suite is laid out for a run: what is ``slow``, what must run on one worker, and in which
order the work is handed out. The root ``conftest.py`` applies it to every collection, and
``tests/test_packaging.py`` checks it on a small project of its own (pytester), in-process.

- ``slow``: what starts a kernel or a browser (every notebook cell under nbval, every browser
  test). ``./kit test --fast`` leaves these out.
- ``xdist_group``: what shares a kernel or a server runs on one worker. A notebook's cells share
  one kernel and must run in order; a browser module's tests share its module's servers (the hub).
- Order: under pytest-xdist the heaviest groups are handed out first, so the quick unit tests
  fill the gaps at the end instead of one long notebook starting last.
"""

from __future__ import annotations

import os

import pytest

#: groups handed out first, longest first (module or notebook file names; measured with
#: ``--durations``). Anything else slow follows, then the quick tests in collection order.
HEAVIEST_FIRST = (
    "test_hub.py",
    "01_day1_worthy_goal.ipynb",
    "03_day3_meeting_time.ipynb",
    "02_day2_resource_map.ipynb",
    "04_through_the_year.ipynb",
    "test_lab_day1.py",
)


def is_notebook_cell(item: pytest.Item) -> bool:
    return type(item).__name__ == "IPyNbCell"


def is_browser_test(item: pytest.Item) -> bool:
    return item.get_closest_marker("browser") is not None or "browser" in item.path.parts


def worker_group(item: pytest.Item) -> str | None:
    """The name of the group ``item`` must run in, or None when it can run anywhere."""
    if is_notebook_cell(item):
        return f"notebook:{item.path.name}"
    if is_browser_test(item):
        return f"browser:{item.path.name}"
    return None


def _rank(item: pytest.Item) -> int:
    name = item.path.name
    if name in HEAVIEST_FIRST:
        return HEAVIEST_FIRST.index(name)
    return len(HEAVIEST_FIRST) + (0 if worker_group(item) else 1)


def plan(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if is_browser_test(item) or is_notebook_cell(item):
            item.add_marker(pytest.mark.slow)
        group = worker_group(item)
        if group is not None:
            item.add_marker(pytest.mark.xdist_group(group))
    # Only on xdist's workers (they all sort alike, as xdist requires); a plain run keeps the
    # collection order, quick tests first.
    if os.environ.get("PYTEST_XDIST_WORKER"):
        order = {id(item): i for i, item in enumerate(items)}
        items.sort(key=lambda item: (_rank(item), order[id(item)]))
