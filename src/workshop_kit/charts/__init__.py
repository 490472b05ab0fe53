"""Charts: data in, a matplotlib ``Figure`` out. No pyplot global state, no display.

Figures are built with ``matplotlib.figure.Figure`` directly (Agg), so they are cheap, safe to build
in any process, and identical in JupyterLab, app mode, exports and tests. Panels show them as PNG
images through :func:`to_png`.
"""

from __future__ import annotations

import hashlib
import io
from collections import OrderedDict
from collections.abc import Callable, Hashable

import matplotlib
import pandas as pd
from matplotlib.figure import Figure

# Colour-blind-safe palette (Okabe-Ito), used by every chart for consistency.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")


def new_figure(
    width: float = 7.5,
    height: float = 3.6,
    margins: tuple[float, float, float, float] | None = None,
) -> Figure:
    """A figure laid out automatically, or with fixed ``(left, right, bottom, top)`` margins.

    Fixed margins skip the constrained-layout solver (about 25 ms a draw): charts that redraw
    while a team clicks use them to stay well under 100 ms.
    """
    if margins is None:
        return Figure(figsize=(width, height), dpi=100, layout="constrained")
    fig = Figure(figsize=(width, height), dpi=100)
    left, right, bottom, top = margins
    fig.subplots_adjust(left=left, right=right, bottom=bottom, top=top)
    return fig


def to_png(fig: Figure, dpi: int = 100) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def to_svg(fig: Figure) -> bytes:
    """SVG with text kept as text: about half the time of a PNG, and sharp on any projector.

    No date is written, so the same chart gives the same bytes.
    """
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "workshop-kit"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def describe_figure(fig: Figure) -> str:
    """A short text alternative for a chart: its title, then each plot's title and axes."""
    parts = []
    title = fig.get_suptitle() if hasattr(fig, "get_suptitle") else ""
    if title:
        parts.append(title)
    for axes in fig.get_axes():
        text = ", ".join(b for b in (axes.get_title(), axes.get_xlabel(), axes.get_ylabel()) if b)
        if text:
            parts.append(text)
    return "Chart: " + "; ".join(parts) if parts else "Chart"


#: charts kept drawn, by what they show (a few MB at most: an SVG here is 20-60 kB)
DRAWN_CHARTS = 64
_drawn: OrderedDict[Hashable, tuple[bytes, str]] = OrderedDict()


def drawn(key: Hashable, draw: Callable[[], Figure]) -> tuple[bytes, str]:
    """The SVG and text alternative of the chart ``draw()`` makes, drawn once per ``key``.

    ``key`` must hold everything the chart shows (the data, not where it came from), so a
    changed file gives a new key and never an old picture. Most recently used charts are kept.
    """
    hit = _drawn.get(key)
    if hit is None:
        fig = draw()
        hit = (to_svg(fig), describe_figure(fig))
        _drawn[key] = hit
        while len(_drawn) > DRAWN_CHARTS:
            _drawn.popitem(last=False)
    else:
        _drawn.move_to_end(key)
    return hit


def frame_key(frame: pd.DataFrame) -> str:
    """A digest of a table's values, row labels and column names: same table, same key."""
    digest = hashlib.sha256(repr((list(frame.columns), list(frame.index))).encode("utf-8"))
    if not frame.empty:
        digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return digest.hexdigest()


def forget_drawn() -> None:
    """Forget every drawn chart (the benchmark measures a first drawing with it)."""
    _drawn.clear()
