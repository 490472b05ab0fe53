"""The facilitator's chart: how many milestones of each day every team has reached."""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure

from workshop_kit.charts import PALETTE, new_figure
from workshop_kit.logic.progress import DAYS, MILESTONES, TeamProgress

DAY_COLOURS = {1: PALETTE[0], 2: PALETTE[2], 3: PALETTE[4]}
PROBLEM_COLOUR = PALETTE[3]


def progress_chart(rows: list[TeamProgress]) -> Figure:
    height = max(2.2, 0.35 * len(rows) + 1.4)
    fig = new_figure(height=height, margins=(0.3, 0.95, 0.5 / height + 0.08, 1 - 0.45 / height))
    ax = fig.add_subplot()
    ax.set_title("Milestones reached per team", loc="left", fontsize=11)
    if not rows:
        ax.text(0.5, 0.5, "No teams yet", ha="center", va="center")
        ax.set_axis_off()
        return fig
    ordered = rows[::-1]  # first team at the top
    names = [textwrap.shorten(r.name, 34, placeholder="…") for r in ordered]
    left = [0] * len(ordered)
    for day in DAYS:
        counts = [r.reached(day) for r in ordered]
        ax.barh(
            range(len(ordered)),
            counts,
            left=left,
            color=DAY_COLOURS[day],
            height=0.6,
            label=f"Day {day}",
        )
        left = [a + b for a, b in zip(left, counts, strict=True)]
    for y, row in enumerate(ordered):
        if row.problems:
            ax.text(
                left[y] + 0.1,
                y,
                "⚠ a file needs attention",
                va="center",
                color=PROBLEM_COLOUR,
                fontsize=9,
            )
    ax.set_yticks(list(range(len(ordered))), names, fontsize=9)
    ax.set_xlim(0, len(MILESTONES))
    ax.set_xticks(list(range(len(MILESTONES) + 1)))
    ax.set_xlabel(f"milestones reached (of {len(MILESTONES)})")
    ax.legend(
        loc="lower right",
        bbox_to_anchor=(1.0, 1.0),
        ncols=3,
        frameon=False,
        fontsize=9,
        borderaxespad=0.2,
        handlelength=1.2,
        columnspacing=1.0,
    )
    ax.spines[["top", "right"]].set_visible(False)
    return fig
