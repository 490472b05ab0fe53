"""The Day 2 resource map: the four ICB quadrants as a 2x2 grid, every resource a coloured dot.

Legible with five resources and with three hundred: each quadrant names its most relevant
resources (those serving the most success criteria, least used first) up to the facilitator's
``map_names_per_quadrant``, and places every other resource as an unnamed dot below, with counts.
Colours come from the use statuses in the config (colour-blind safe by default). Fixed margins
keep a redraw well under 100 ms.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from workshop_kit.charts import new_figure
from workshop_kit.config.day2 import Day2Config
from workshop_kit.logic.resources import most_relevant, use_rank
from workshop_kit.model.resources import Resource, ResourceInventory

WIDTH, HEIGHT = 8.0, 7.0
MARGINS = (0.01, 0.99, 0.09, 0.94)  # left, right, bottom, top (figure fractions)
UNKNOWN_COLOUR = "#777777"
THIN_FILL = "#fff4e5"
PLAIN_FILL = "#f7f9fc"
NAME_CHARS = 46
LINE_POINTS = 11.5
PAD = 0.035


def _points_per_unit() -> tuple[float, float]:
    left, right, bottom, top = MARGINS
    return WIDTH * (right - left) * 72 / 2, HEIGHT * (top - bottom) * 72 / 2


def _origin(index: int) -> tuple[float, float]:
    """Lower-left corner of quadrant ``index``.

    Knowledge and tools are on top; structures and relationships below.
    """
    row, col = divmod(index, 2)
    return float(col), float(1 - row)


def resource_map(inventory: ResourceInventory, config: Day2Config, title: str = "") -> Figure:
    """Every resource in its quadrant, coloured by how well it is used toward the goal."""
    fig = new_figure(WIDTH, HEIGHT, margins=MARGINS)
    ax = fig.add_subplot()
    ax.set_xlim(0, 2)
    ax.set_ylim(0, 2)
    ax.set_axis_off()
    total = len(inventory.resources)
    ax.set_title(
        title or f"Our instructional resources ({total})",
        loc="left",
        fontsize=12,
        fontweight="bold",
    )
    colours = {s.id: s.colour for s in config.use_statuses}
    xs: list[float] = []
    ys: list[float] = []
    dot_colours: list[str] = []
    sizes: list[float] = []
    known = set(config.quadrant_ids)
    for index, quadrant in enumerate(config.quadrants):
        inside = [r for r in inventory.resources if r.quadrant == quadrant.id]
        _draw_quadrant(
            ax, index, quadrant.label, inside, config, colours, (xs, ys, dot_colours, sizes)
        )
    stray = [r for r in inventory.resources if r.quadrant not in known]
    if stray:
        ax.text(
            0.0,
            -0.03,
            f"{len(stray)} resource(s) are in a quadrant this workshop does not use; "
            "see the inventory.",
            fontsize=8,
            color="#8a1c1c",
            va="top",
        )
    # one marker line per colour and size: SVG then defines each dot once and reuses it, which is
    # far cheaper than a scatter with a colour per point
    groups: dict[tuple[str, float], tuple[list[float], list[float]]] = {}
    for x, y, colour, size in zip(xs, ys, dot_colours, sizes, strict=True):
        gx, gy = groups.setdefault((colour, size), ([], []))
        gx.append(x)
        gy.append(y)
    for (colour, size), (gx, gy) in groups.items():
        ax.plot(
            gx,
            gy,
            linestyle="",
            marker="o",
            markersize=math.sqrt(size),
            color=colour,
            markeredgewidth=0,
            zorder=3,
        )
    handles = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            color=s.colour,
            markersize=7,
            label=f"{s.label} ({sum(1 for r in inventory.resources if r.use == s.id)})",
        )
        for s in config.use_statuses
    ]
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.005),
        ncol=len(handles),
        frameon=False,
        fontsize=9,
        handletextpad=0.3,
        columnspacing=1.5,
    )
    fig.text(
        0.5,
        0.012,
        "(2✓): serves 2 of the goal's success criteria.   Italic: not recognised as a resource "
        "before today.   Names listed first deserve attention first.",
        ha="center",
        fontsize=7.5,
        color="#444444",
    )
    return fig


def to_screen_svg(fig: Figure) -> bytes:
    """SVG for the panel: text stays text (the browser draws it), which makes a redraw several
    times faster than rendering every glyph into a PNG. Exports use :func:`charts.to_svg`."""
    import io

    import matplotlib

    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "workshop-kit"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


Dots = tuple[list[float], list[float], list[str], list[float]]


def _draw_quadrant(
    ax: object,
    index: int,
    label: str,
    inside: Sequence[Resource],
    config: Day2Config,
    colours: dict[str, str],
    dots: Dots,
) -> None:
    from matplotlib.axes import Axes

    assert isinstance(ax, Axes)
    x0, y0 = _origin(index)
    thin = len(inside) < config.thin_quadrant_below
    ax.add_patch(
        Rectangle(
            (x0 + 0.005, y0 + 0.005),
            0.99,
            0.99,
            facecolor=THIN_FILL if thin else PLAIN_FILL,
            edgecolor="#9aa5b1",
            linewidth=1,
            zorder=0,
        )
    )
    px, py = _points_per_unit()
    line = LINE_POINTS / py
    top = y0 + 1 - PAD
    ax.text(x0 + PAD, top, label, fontsize=10.5, fontweight="bold", va="top", zorder=2)
    counts = ", ".join(
        f"{sum(1 for r in inside if r.use == s.id)} {s.label.lower()}" for s in config.use_statuses
    )
    summary = f"{len(inside)} resource{'' if len(inside) == 1 else 's'}"
    if inside:
        summary += f": {counts}"
    if thin:
        summary += "  ·  thin"
    ax.text(x0 + PAD, top - 1.35 * line, summary, fontsize=8.5, va="top", color="#333333", zorder=2)
    if not inside:
        ax.text(
            x0 + 0.5,
            y0 + 0.45,
            "No resources here yet.\nWho in your school could add one?",
            ha="center",
            va="center",
            fontsize=9,
            color="#555555",
            style="italic",
        )
        return
    xs, ys, dot_colours, sizes = dots
    ordered = most_relevant(inside, config)
    named = ordered[: config.map_names_per_quadrant]
    # unnamed dots are grouped by colour so their mix can be read at a glance
    rest = sorted(ordered[config.map_names_per_quadrant :], key=lambda r: use_rank(r, config))
    y = top - 2.9 * line
    for resource in named:
        xs.append(x0 + PAD + 0.012)
        ys.append(y - 0.45 * line)
        dot_colours.append(colours.get(resource.use, UNKNOWN_COLOUR))
        sizes.append(36.0)
        name = textwrap.shorten(resource.name, NAME_CHARS, placeholder="…")
        if resource.success_criteria:
            name += f"  ({len(resource.success_criteria)}✓)"
        ax.text(
            x0 + PAD + 0.035,
            y,
            name,
            fontsize=8,
            va="top",
            zorder=2,
            style="normal" if resource.recognized_before else "italic",
        )
        y -= line
    if not rest:
        return
    ax.text(
        x0 + PAD,
        y - 0.3 * line,
        _more_line(rest, config),
        fontsize=8,
        va="top",
        color="#333333",
        zorder=2,
    )
    _place_dots(rest, colours, (x0 + PAD, y0 + PAD, x0 + 1 - PAD, y - 1.6 * line), dots, px, py)


def _more_line(rest: Sequence[Resource], config: Day2Config) -> str:
    parts = [
        f"{n} {s.label.lower()}"
        for s in config.use_statuses
        if (n := sum(1 for r in rest if r.use == s.id))
    ]
    return f"+ {len(rest)} more: {', '.join(parts)}"


def _place_dots(
    rest: Sequence[Resource],
    colours: dict[str, str],
    box: tuple[float, float, float, float],
    dots: Dots,
    px: float,
    py: float,
) -> None:
    """Fill ``box`` (left, bottom, right, top in data units) with one dot per resource, in rows."""
    left, bottom, right, top = box
    width_pt, height_pt = (right - left) * px, max(top - bottom, 0.01) * py
    spacing = min(12.0, math.sqrt(width_pt * height_pt / len(rest)))
    columns = max(1, int(width_pt // spacing))
    while math.ceil(len(rest) / columns) * spacing > height_pt and spacing > 2.5:
        spacing *= 0.9
        columns = max(1, int(width_pt // spacing))
    size = (0.75 * spacing) ** 2
    xs, ys, dot_colours, sizes = dots
    for n, resource in enumerate(rest):
        row, col = divmod(n, columns)
        xs.append(left + (col + 0.5) * spacing / px)
        ys.append(top - (row + 0.5) * spacing / py)
        dot_colours.append(colours.get(resource.use, UNKNOWN_COLOUR))
        sizes.append(size)
