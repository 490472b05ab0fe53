"""The Day 2 resource map: the four ICB quadrants as a 2x2 grid, every resource a coloured dot.

Legible with five resources and with three hundred: each quadrant names its most relevant
resources (those serving the most success criteria, least used first) up to the facilitator's
``map_names_per_quadrant``, and places every other resource as an unnamed dot below, with counts.
Colours come from the use statuses in the config (colour-blind safe by default).

The picture is computed once as a :class:`MapLayout` (boxes, dots and labels in points on a page)
and drawn by two renderers that cannot disagree about what is shown:

* :func:`resource_map` draws it with matplotlib, for the PNG and SVG exports;
* :func:`map_svg` writes it as SVG directly, for the panel. Matplotlib measures every label with
  FreeType before placing it (about 1 ms a label here), which alone put a redraw of a full map
  above 100 ms; writing the same layout directly takes a few milliseconds.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal
from xml.sax.saxutils import escape, quoteattr

from workshop_kit.config.day2 import Day2Config
from workshop_kit.logic.resources import most_relevant, quadrant_counts, thin_quadrants, use_rank
from workshop_kit.model.resources import Resource, ResourceInventory

if TYPE_CHECKING:  # the panel's SVG needs no matplotlib; exports import it when they draw
    from matplotlib.figure import Figure

WIDTH, HEIGHT = 576.0, 540.0  # points: 8 x 7.5 inches
SIDE, TOP, BOTTOM, GAP = 6.0, 30.0, 46.0, 4.0
UNKNOWN_COLOUR = "#777777"
THIN_FILL = "#fff4e5"
PLAIN_FILL = "#f7f9fc"
EDGE = "#9aa5b1"
NAME_CHARS = 46
LINE = 11.5
NAMED_DOT = 3.0
MAX_SPACING = 10.0
LIST_TOP = 46.0  # baseline of the first name, below the quadrant's heading and counts
FONT_FAMILY = "DejaVu Sans, Bitstream Vera Sans, Verdana, Arial, sans-serif"
FOOTNOTE = (
    "(2✓): serves 2 of the goal's success criteria.   Italic: not recognised as a resource "
    "before today.   Names listed first deserve attention first."
)


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float
    fill: str


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    radius: float
    colour: str


@dataclass(frozen=True)
class Label:
    """A line of text; ``y`` is its baseline."""

    x: float
    y: float
    text: str
    size: float
    bold: bool = False
    italic: bool = False
    colour: str = "#000000"
    anchor: Literal["start", "middle"] = "start"


@dataclass
class MapLayout:
    """Everything the map shows, in points on a ``WIDTH`` x ``HEIGHT`` page (y grows downward)."""

    title: str
    boxes: list[Box] = field(default_factory=list)
    dots: list[Dot] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)


def layout_map(inventory: ResourceInventory, config: Day2Config, title: str = "") -> MapLayout:
    """Place every resource of ``inventory`` on the page."""
    title = title or f"Our instructional resources ({len(inventory.resources)})"
    layout = MapLayout(title)
    layout.labels.append(Label(SIDE, 20, title, 12, bold=True))
    colours = {s.id: s.colour for s in config.use_statuses}
    width = (WIDTH - 2 * SIDE - GAP) / 2
    height = (HEIGHT - TOP - BOTTOM - GAP) / 2
    thin = set(thin_quadrants(quadrant_counts(inventory.resources, config), config))
    for index, quadrant in enumerate(config.quadrants):
        row, col = divmod(index, 2)
        box = Box(SIDE + col * (width + GAP), TOP + row * (height + GAP), width, height, PLAIN_FILL)
        inside = [r for r in inventory.resources if r.quadrant == quadrant.id]
        _place_quadrant(layout, box, quadrant.label, inside, config, colours, quadrant.id in thin)
    known = set(config.quadrant_ids)
    stray = sum(1 for r in inventory.resources if r.quadrant not in known)
    if stray:
        layout.labels.append(
            Label(
                SIDE,
                HEIGHT - BOTTOM + 14,
                f"{stray} resource(s) are in a quadrant this workshop does not use; "
                "see the inventory.",
                8,
                colour="#8a1c1c",
            )
        )
    _place_legend(layout, inventory, config)
    layout.labels.append(
        Label(WIDTH / 2, HEIGHT - 6, FOOTNOTE, 7.5, colour="#444444", anchor="middle")
    )
    return layout


def _place_quadrant(
    layout: MapLayout,
    box: Box,
    label: str,
    inside: Sequence[Resource],
    config: Day2Config,
    colours: dict[str, str],
    thin: bool,
) -> None:
    layout.boxes.append(Box(box.x, box.y, box.width, box.height, THIN_FILL if thin else PLAIN_FILL))
    left = box.x + 8
    layout.labels.append(Label(left, box.y + 16, label, 10.5, bold=True))
    summary = f"{len(inside)} resource{'' if len(inside) == 1 else 's'}"
    if inside:
        counts = ", ".join(
            f"{sum(1 for r in inside if r.use == s.id)} {s.label.lower()}"
            for s in config.use_statuses
        )
        summary += f": {counts}"
    if thin:
        summary += "  ·  thin"
    layout.labels.append(Label(left, box.y + 30, summary, 8.5, colour="#333333"))
    if not inside:
        middle = box.x + box.width / 2
        for n, line in enumerate(("No resources here yet.", "Who in your school could add one?")):
            layout.labels.append(
                Label(
                    middle,
                    box.y + box.height / 2 + n * 13,
                    line,
                    9,
                    italic=True,
                    colour="#555555",
                    anchor="middle",
                )
            )
        return
    ordered = most_relevant(inside, config)
    # name them all when they fit as a list; otherwise the most relevant ones, and dots for the rest
    fits = int((box.height - LIST_TOP - 8) // LINE) + 1
    limit = len(ordered) if len(ordered) <= fits else config.map_names_per_quadrant
    named = ordered[:limit]
    # unnamed dots are grouped by colour so their mix can be read at a glance
    rest = sorted(ordered[limit:], key=lambda r: use_rank(r, config))
    baseline = box.y + LIST_TOP
    for resource in named:
        layout.dots.append(
            Dot(left + 3, baseline - 3, NAMED_DOT, colours.get(resource.use, UNKNOWN_COLOUR))
        )
        name = textwrap.shorten(resource.name, NAME_CHARS, placeholder="…")
        if resource.success_criteria:
            name += f"  ({len(resource.success_criteria)}✓)"
        layout.labels.append(
            Label(left + 11, baseline, name, 8, italic=not resource.recognized_before)
        )
        baseline += LINE
    if not rest:
        return
    layout.labels.append(Label(left, baseline + 2, _more_line(rest, config), 8, colour="#333333"))
    area = (left, baseline + 8, box.x + box.width - 8, box.y + box.height - 6)
    _place_dots(layout, rest, colours, area)


def _more_line(rest: Sequence[Resource], config: Day2Config) -> str:
    parts = [
        f"{n} {s.label.lower()}"
        for s in config.use_statuses
        if (n := sum(1 for r in rest if r.use == s.id))
    ]
    return f"+ {len(rest)} more: {', '.join(parts)}"


def _place_dots(
    layout: MapLayout,
    rest: Sequence[Resource],
    colours: dict[str, str],
    area: tuple[float, float, float, float],
) -> None:
    """Fill ``area`` (left, top, right, bottom) with one dot per resource, row by row."""
    left, top, right, bottom = area
    width, height = right - left, max(bottom - top, 1.0)
    spacing = min(MAX_SPACING, math.sqrt(width * height / len(rest)))
    columns = max(1, int(width // spacing))
    while math.ceil(len(rest) / columns) * spacing > height and spacing > 2.5:
        spacing *= 0.95
        columns = max(1, int(width // spacing))
    radius = 0.38 * spacing
    for n, resource in enumerate(rest):
        row, col = divmod(n, columns)
        layout.dots.append(
            Dot(
                left + (col + 0.5) * spacing,
                top + (row + 0.5) * spacing,
                radius,
                colours.get(resource.use, UNKNOWN_COLOUR),
            )
        )


def _place_legend(layout: MapLayout, inventory: ResourceInventory, config: Day2Config) -> None:
    entries = [
        f"{s.label} ({sum(1 for r in inventory.resources if r.use == s.id)})"
        for s in config.use_statuses
    ]
    # an estimate of each entry's width is enough to centre a one-line legend
    widths = [14 + 5.4 * len(text) for text in entries]
    spacing = 22.0
    x = WIDTH / 2 - (sum(widths) + spacing * (len(entries) - 1)) / 2
    y = HEIGHT - 22
    for status, text, entry_width in zip(config.use_statuses, entries, widths, strict=True):
        layout.dots.append(Dot(x + 4, y - 3.2, 4, status.colour))
        layout.labels.append(Label(x + 12, y, text, 9))
        x += entry_width + spacing


# -- renderers -----------------------------------------------------------------------------------


def resource_map(inventory: ResourceInventory, config: Day2Config, title: str = "") -> Figure:
    """The map as a matplotlib figure (for PNG and SVG exports)."""
    return draw(layout_map(inventory, config, title))


def draw(layout: MapLayout) -> Figure:
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    fig = Figure(figsize=(WIDTH / 72, HEIGHT / 72), dpi=100)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, WIDTH)
    ax.set_ylim(HEIGHT, 0)
    ax.set_axis_off()
    for box in layout.boxes:
        ax.add_patch(
            Rectangle(
                (box.x, box.y), box.width, box.height, facecolor=box.fill, edgecolor=EDGE, lw=1
            )
        )
    # one marker line per colour and size: each dot shape is then defined once in an SVG
    groups: dict[tuple[str, float], tuple[list[float], list[float]]] = {}
    for dot in layout.dots:
        xs, ys = groups.setdefault((dot.colour, dot.radius), ([], []))
        xs.append(dot.x)
        ys.append(dot.y)
    for (colour, radius), (xs, ys) in groups.items():
        ax.plot(xs, ys, linestyle="", marker="o", markersize=2 * radius, color=colour, mew=0)
    for label in layout.labels:
        ax.text(
            label.x,
            label.y,
            label.text,
            fontsize=label.size,
            fontweight="bold" if label.bold else "normal",
            style="italic" if label.italic else "normal",
            color=label.colour,
            ha="left" if label.anchor == "start" else "center",
            va="baseline",
        )
    return fig


def map_svg(inventory: ResourceInventory, config: Day2Config, title: str = "") -> bytes:
    """The map as SVG text for the panel, written directly from the layout (fast)."""
    return svg(layout_map(inventory, config, title))


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def svg(layout: MapLayout) -> bytes:
    """Standalone SVG; every text a team typed is XML-escaped, so it is shown, never run."""
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(WIDTH)}pt" height="{_n(HEIGHT)}pt" '
        f'viewBox="0 0 {_n(WIDTH)} {_n(HEIGHT)}" font-family={quoteattr(FONT_FAMILY)}>',
        f"<title>{escape(layout.title)}</title>",
        f'<rect width="{_n(WIDTH)}" height="{_n(HEIGHT)}" fill="#ffffff"/>',
    ]
    parts += [
        f'<rect x="{_n(b.x)}" y="{_n(b.y)}" width="{_n(b.width)}" height="{_n(b.height)}" '
        f'fill="{b.fill}" stroke="{EDGE}"/>'
        for b in layout.boxes
    ]
    parts += [
        f'<circle cx="{_n(d.x)}" cy="{_n(d.y)}" r="{_n(d.radius)}" fill="{d.colour}"/>'
        for d in layout.dots
    ]
    for label in layout.labels:
        style = (' font-weight="bold"' if label.bold else "") + (
            ' font-style="italic"' if label.italic else ""
        )
        anchor = ' text-anchor="middle"' if label.anchor == "middle" else ""
        parts.append(
            f'<text x="{_n(label.x)}" y="{_n(label.y)}" font-size="{_n(label.size)}" '
            f'fill="{label.colour}"{style}{anchor} xml:space="preserve">'
            f"{escape(label.text)}</text>"
        )
    parts.append("</svg>\n")
    return "\n".join(parts).encode("utf-8")
