"""The facilitator's chart: how many Day 1 milestones each team has reached."""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure

from workshop_kit.charts import PALETTE, new_figure
from workshop_kit.logic.progress import MILESTONES, TeamProgress


def progress_chart(rows: list[TeamProgress]) -> Figure:
    height = max(2.0, 0.35 * len(rows) + 1.2)
    fig = new_figure(height=height, margins=(0.3, 0.95, 0.5 / height + 0.08, 1 - 0.35 / height))
    ax = fig.add_subplot()
    ax.set_title("Day 1 milestones reached per team", loc="left", fontsize=11)
    if not rows:
        ax.text(0.5, 0.5, "No teams yet", ha="center", va="center")
        ax.set_axis_off()
        return fig
    names = [textwrap.shorten(r.name, 34, placeholder="…") for r in rows][::-1]
    counts = [sum(r.done.values()) for r in rows][::-1]
    colours = [PALETTE[3] if r.problems else PALETTE[2] for r in rows][::-1]
    ax.barh(range(len(rows)), counts, color=colours, height=0.6)
    for y, row in enumerate(rows[::-1]):
        if row.problems:
            ax.text(0.05, y, "⚠ a file needs attention", va="center", color=PALETTE[3], fontsize=9)
    ax.set_yticks(list(range(len(rows))), names, fontsize=9)
    ax.set_xlim(0, len(MILESTONES))
    ax.set_xticks(list(range(len(MILESTONES) + 1)))
    ax.set_xlabel(f"milestones reached (of {len(MILESTONES)})")
    ax.spines[["top", "right"]].set_visible(False)
    return fig
