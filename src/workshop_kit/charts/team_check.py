"""The quarterly team checks side by side: each item's rating at each check.

Each check is drawn with its own marker shape as well as its own colour, and the table beside the
chart (``logic.year.check_history``) says the same in numbers, so colour is never the only cue.
"""

from __future__ import annotations

from matplotlib.figure import Figure

from workshop_kit.charts import PALETTE, new_figure
from workshop_kit.logic.year import CheckHistory

MARKERS = ("o", "s", "D", "^", "v", "P", "X", "*")


def team_check_chart(history: CheckHistory, scale_min: int, scale_max: int) -> Figure:
    rows = [r for r in history.rows if not r.label.startswith("Principal")]
    height = 0.42 * len(rows) + 1.3
    fig = new_figure(
        width=7.5, height=height, margins=(0.3, 0.97, 0.95 / height, 1 - 0.45 / height)
    )
    ax = fig.add_subplot()
    ax.set_title("Our team checks, one shape per check", loc="left", fontsize=11, y=1.02)
    positions = list(range(len(rows)))[::-1]
    for n, date in enumerate(history.dates):
        xs, ys = [], []
        for row, y in zip(rows, positions, strict=True):
            value = row.values[n]
            if value not in ("", "–"):
                xs.append(float(value))
                ys.append(y - 0.2 * (n - (len(history.dates) - 1) / 2))
        ax.plot(
            xs,
            ys,
            linestyle="none",
            marker=MARKERS[n % len(MARKERS)],
            color=PALETTE[n % len(PALETTE)],
            markersize=7,
            label=date,
        )
    ax.set_yticks(positions, [r.label for r in rows], fontsize=9)
    ax.set_xticks(list(range(scale_min, scale_max + 1)))
    ax.set_xlim(scale_min - 0.3, scale_max + 0.3)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.grid(axis="x", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    if history.dates:
        fig.legend(
            loc="lower center",
            bbox_to_anchor=(0.63, 0.0),
            ncol=min(4, len(history.dates)),
            frameon=False,
            fontsize=8,
            title="Check of",
            title_fontsize=8,
        )
    return fig
