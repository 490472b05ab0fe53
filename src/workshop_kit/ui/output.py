"""Where an activity call's output goes: the notebook cell's output in a kernel (IPython's
``display``), or, on an app page, a list the page collects and lays out itself (:func:`collecting`).

The list is held in a context variable, so two pages composed at once in one process (one per
thread of a Solara server) each collect only their own output.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from IPython.display import display

_shown: ContextVar[list[object] | None] = ContextVar("workshop_kit_shown", default=None)


def show(*objects: object) -> None:
    """Show ``objects`` (widgets, ``IPython.display.HTML``) where this call's output goes."""
    shown = _shown.get()
    if shown is None:
        display(*objects)
    else:
        shown.extend(objects)


@contextmanager
def collecting() -> Iterator[list[object]]:
    """Within the block, :func:`show` appends to the list given, in order, instead of displaying."""
    shown: list[object] = []
    token = _shown.set(shown)
    try:
        yield shown
    finally:
        _shown.reset(token)
