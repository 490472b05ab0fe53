"""A run chart per success criterion: points in time order, the median, the path to the target.

Signals are drawn with shape and words as well as colour: the points of an unusually long run are
drawn as large diamonds, and the median's label says when the rules find a signal. The chart's
text alternative is :meth:`workshop_kit.logic.year.CriterionProgress.description`.
"""

from __future__ import annotations

import datetime as dt
import textwrap

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from workshop_kit.charts import PALETTE, new_figure
from workshop_kit.logic.year import CriterionProgress, amount

#: fixed margins: no layout solver, so recording a value redraws quickly
MARGINS = (0.08, 0.80, 0.14, 0.86)


def _x(day: dt.date) -> float:
    """A date as a position on the x axis: days since the first of January 1970."""
    return float(day.toordinal() - dt.date(1970, 1, 1).toordinal())


def _month_ticks(first: dt.date, last: dt.date) -> tuple[list[float], list[str]]:
    ticks, labels = [], []
    day = dt.date(first.year, first.month, 1)
    while day <= last:
        if day >= first:
            ticks.append(_x(day))
            labels.append(day.strftime("%b"))
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return ticks, labels


def run_chart(item: CriterionProgress) -> Figure:
    c = item.criterion
    fig = new_figure(width=7.5, height=3.4, margins=MARGINS)
    ax = fig.add_subplot()
    # a fixed title position: matplotlib's automatic one measures every tick label (~30 ms)
    ax.set_title(textwrap.shorten(c.measure, 80, placeholder="…"), loc="left", fontsize=11, y=1.03)
    path = item.path
    ax.plot(
        [_x(path.start), _x(path.by)],
        [path.baseline, path.target],
        color=PALETTE[2],
        linestyle=":",
        linewidth=1.5,
    )
    ax.annotate(
        f"target {amount(c.target, c.unit)}\nby {c.by.isoformat()}",
        (_x(path.by), path.target),
        xytext=(6, 0),
        textcoords="offset points",
        va="center",
        fontsize=8,
        color="#1d1d1d",
    )
    ax.plot([_x(path.start)], [path.baseline], marker="s", color=PALETTE[2], markersize=7)
    ax.annotate(
        f"baseline {amount(c.baseline, c.unit)}",
        (_x(path.start), path.baseline),
        xytext=(4, -12 if path.higher_is_better else 8),
        textcoords="offset points",
        fontsize=8,
    )
    if item.points:
        days = [_x(d) for d, _ in item.points]
        values = [v for _, v in item.points]
        ax.plot(days, values, marker="o", color=PALETTE[0], linewidth=1.8, markersize=5)
        runs = item.runs
        if runs.long_run:
            ax.plot(
                [days[i] for i in runs.longest_run_at],
                [values[i] for i in runs.longest_run_at],
                linestyle="none",
                marker="D",
                markersize=9,
                markerfacecolor="none",
                markeredgecolor=PALETTE[3],
                markeredgewidth=1.8,
            )
        ax.axhline(
            runs.median,
            color=PALETTE[3] if runs.signal else "#555555",
            linestyle="--" if runs.signal else "-",
            linewidth=1.2,
        )
        ax.annotate(
            f"median {amount(runs.median, c.unit)}" + ("\nsignal" if runs.signal else ""),
            (1.0, runs.median),
            xycoords=("axes fraction", "data"),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    if item.markers:  # one collection of lines, numbered at the top of the plot
        axis_x = ax.get_xaxis_transform()
        starts = [_x(m.date) for m in item.markers]
        ax.vlines(starts, 0, 1, transform=axis_x, colors="#999999", linewidth=0.8, linestyles="-.")
        for n, x in enumerate(starts):
            ax.text(x, 0.97, f" {n + 1}", transform=axis_x, fontsize=7, color="#444444", va="top")
    if item.markers:
        legend = "  ".join(
            f"{n + 1}: {textwrap.shorten(m.label, 34, placeholder='…')}"
            for n, m in enumerate(item.markers)
        )
        fig.text(0.08, 0.015, textwrap.fill(legend, 135), fontsize=7, color="#444444")
    dates = [path.start, path.by, *(d for d, _ in item.points), *(m.date for m in item.markers)]
    ticks, labels = _month_ticks(min(dates), max(dates))
    ax.set_xticks(ticks, labels)
    ax.yaxis.set_major_locator(MaxNLocator(5))  # few ticks: each costs time to draw
    ax.tick_params(labelsize=8)
    ax.margins(y=0.12)  # room for the baseline's and the target's labels
    ax.set_ylabel(c.unit or "value", fontsize=9)
    ax.grid(axis="y", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    return fig
