"""Day 3 charts: where meeting hours go today, what the plan changes, and the year at a glance.

Each chart comes twice: a matplotlib ``Figure`` for the printable plan, and an ``..._html`` version
(plain HTML and CSS, every name escaped) that panels show, because a browser draws it in no time
while a team types.

Purposes keep one colour everywhere (learning toward the goal is always green), so a team reads the
before/after bars, the hours by meeting type and the printed plan the same way. Charts that redraw
while a team edits the plan use fixed margins to stay fast.
"""

from __future__ import annotations

import calendar
import datetime as dt
import textwrap
from collections.abc import Mapping, Sequence
from html import escape

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from workshop_kit.charts import PALETTE, new_figure
from workshop_kit.logic.cycles import PlacedCycle
from workshop_kit.logic.ledger import Ledger, hours_text, share_text
from workshop_kit.logic.repurpose import WhatIf
from workshop_kit.model.meetings import Purpose

PURPOSE_COLOURS: dict[Purpose, str] = {
    Purpose.GOAL: PALETTE[2],
    Purpose.OTHER_INSTRUCTIONAL: PALETTE[5],
    Purpose.COMPLIANCE: PALETTE[1],
    Purpose.LOGISTICS: "#b9b9b9",
}
#: drawing order, left to right: time on the goal first so its growth is easy to see
ORDER = (Purpose.GOAL, Purpose.OTHER_INSTRUCTIONAL, Purpose.COMPLIANCE, Purpose.LOGISTICS)
CYCLE_COLOURS = (PALETTE[3], PALETTE[4], PALETTE[0], PALETTE[1], PALETTE[7], PALETTE[2])


def _legend(
    ax: object, labels: Mapping[Purpose, str], columns: int = 4, below: float = -0.12
) -> None:
    handles = [Patch(color=PURPOSE_COLOURS[p], label=labels[p]) for p in ORDER]
    ax.legend(  # type: ignore[attr-defined]
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(-0.2, below),
        ncols=columns,
        frameon=False,
        fontsize=8.5,
    )


def _stacked(
    ax: object,
    rows: Sequence[str],
    minutes: Sequence[Mapping[Purpose, int]],
    *,
    height: float = 0.62,
) -> None:
    """Horizontal bars, one per row, split by purpose, in hours, with the total at the end."""
    positions = list(range(len(rows)))[::-1]
    left = [0.0] * len(rows)
    for purpose in ORDER:
        hours = [m.get(purpose, 0) / 60 for m in minutes]
        ax.barh(positions, hours, left=left, color=PURPOSE_COLOURS[purpose], height=height)  # type: ignore[attr-defined]
        left = [a + b for a, b in zip(left, hours, strict=True)]
    for y, total in zip(positions, left, strict=True):
        ax.annotate(  # type: ignore[attr-defined]
            f"{total:,.0f} h",
            (total, y),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8.5,
        )
    ax.set_yticks(positions, rows, fontsize=9)  # type: ignore[attr-defined]
    ax.set_xlabel("hours in the school year")  # type: ignore[attr-defined]
    ax.spines[["top", "right"]].set_visible(False)  # type: ignore[attr-defined]
    ax.set_xlim(0, max([*left, 1.0]) * 1.15)  # type: ignore[attr-defined]


def hours_by_type(
    ledger: Ledger, type_labels: Mapping[str, str], purpose_labels: Mapping[Purpose, str]
) -> Figure:
    """Hours per meeting type in the year, each bar split by what the minutes are spent on."""
    by_type = ledger.type_purpose_minutes()
    order = sorted(by_type, key=lambda t: -sum(by_type[t].values()))
    height = max(2.4, 0.42 * len(order) + 1.6)
    # fixed margins (no layout solver): room for type names on the left and the legend below
    fig = new_figure(7.5, height, margins=(2.3 / 7.5, 0.93, 1.15 / height, 1 - 0.45 / height))
    ax = fig.add_subplot()
    ax.set_title(
        f"Meeting hours by type: {hours_text(ledger.total_hours)} in all, "
        f"{share_text(ledger.goal_share)} on the goal",
        loc="left",
        fontsize=11,
    )
    if not order:
        ax.text(0.5, 0.5, "No meetings listed yet", ha="center", va="center")
        ax.set_axis_off()
        return fig
    labels = [textwrap.shorten(type_labels.get(t, t), 34, placeholder="…") for t in order]
    _stacked(ax, labels, [by_type[t] for t in order])
    _legend(ax, purpose_labels, columns=2, below=-0.16)
    return fig


BEFORE_AFTER_MARGINS = (0.17, 0.93, 0.4, 0.8)


def before_after(what: WhatIf, purpose_labels: Mapping[Purpose, str]) -> Figure:
    """Today's hours by purpose beside the hours with the plan: same total, more on the goal."""
    fig = new_figure(7.5, 3.0, margins=BEFORE_AFTER_MARGINS)
    ax = fig.add_subplot()
    ax.set_title(
        f"With the plan, {hours_text(what.reclaimed_hours)} a year move to the goal.\n"
        f"Time on the goal: {share_text(what.goal_share_before)} of meeting time today, "
        f"{share_text(what.goal_share_after)} with the plan.",
        loc="left",
        fontsize=10.5,
    )
    _stacked(ax, ["Today", "With the plan"], [what.before, what.after], height=0.55)
    _legend(ax, purpose_labels, columns=2, below=-0.42)
    return fig


MONTH_ROWS = 12


def _months(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    months: list[tuple[int, int]] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month) and len(months) < MONTH_ROWS + 1:
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


CAL_COLOURS = {
    "none": (1.0, 1.0, 1.0),
    "outside": (1.0, 1.0, 1.0),
    "weekend": (1.0, 1.0, 1.0),
    "closed": (0.55, 0.55, 0.55),
    "open": (0.99, 0.94, 0.80),
}
CELL = 8
MEETING_SHADES = ((0.74, 0.86, 0.95), (0.42, 0.68, 0.87), (0.13, 0.44, 0.71))


def year_calendar(ledger: Ledger, cycles: Sequence[PlacedCycle] = (), title: str = "") -> Figure:
    """One row per month, one square per day: breaks, meeting days (darker: more meetings),
    and a dot on every learning-cycle session in that cycle's colour."""
    year = ledger.year
    months = _months(year.first_day, year.last_day)
    closed = year.closed_days()
    per_day = {d: len(ms) for d, ms in ledger.by_date().items()}
    grid = np.ones((len(months), 31, 3))
    for row, (y, m) in enumerate(months):
        days_in_month = calendar.monthrange(y, m)[1]
        for day in range(1, 32):
            if day > days_in_month:
                grid[row, day - 1] = CAL_COLOURS["none"]
                continue
            date = dt.date(y, m, day)
            if not year.contains(date):
                kind = "outside"
            elif date.weekday() >= 5:
                kind = "weekend"
            elif date in closed:
                kind = "closed"
            else:
                kind = "open"
            colour = CAL_COLOURS[kind]
            count = per_day.get(date, 0)
            if count and kind == "open":
                colour = MEETING_SHADES[min(count, 3) - 1]
            grid[row, day - 1] = colour
    height = 0.34 * len(months) + 1.6
    fig = new_figure(8.2, height, margins=(0.08, 0.98, 1.0 / height, 1 - 0.4 / height))
    ax = fig.add_subplot()
    # each day is a block of CELL x CELL pixels with a white edge: the gaps between days are part
    # of the image, which is far cheaper to draw than grid lines
    cells = np.repeat(np.repeat(grid, CELL, axis=0), CELL, axis=1)
    cells[::CELL, :] = 1.0
    cells[:, ::CELL] = 1.0
    extent = (0.5, 31.5, len(months) - 0.5, -0.5)
    ax.imshow(cells, aspect="auto", interpolation="nearest", extent=extent)
    ax.set_xticks([1, 5, 10, 15, 20, 25, 30])
    ax.tick_params(axis="x", labelsize=7.5, length=0)
    ax.set_yticks(
        range(len(months)),
        [f"{calendar.month_abbr[m]} {str(y)[-2:]}" for y, m in months],
        fontsize=8.5,
    )
    ax.tick_params(axis="y", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    row_of = {ym: i for i, ym in enumerate(months)}
    handles: list[object] = [
        Patch(color=CAL_COLOURS["open"], label="school day, no meeting"),
        Patch(color=MEETING_SHADES[0], label="1 meeting"),
        Patch(color=MEETING_SHADES[1], label="2 meetings"),
        Patch(color=MEETING_SHADES[2], label="3 or more"),
        Patch(color=CAL_COLOURS["closed"], label="holiday or break"),
    ]
    for n, placed in enumerate(cycles):
        dot_colour = CYCLE_COLOURS[n % len(CYCLE_COLOURS)]
        days = sorted({s.date for s in placed.sessions})
        xs = [d.day for d in days if (d.year, d.month) in row_of]
        ys = [row_of[(d.year, d.month)] for d in days if (d.year, d.month) in row_of]
        handle = ax.scatter(
            xs,
            ys,
            s=34,
            color=dot_colour,
            edgecolors="white",
            linewidths=0.8,
            zorder=3,
            label=textwrap.shorten(placed.cycle.name, 22, placeholder="…"),
        )
        handles.append(handle)
    ax.set_title(title or f"The {year.label} school year at a glance", loc="left", fontsize=11)
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(-0.07, -0.04),
        ncols=5,
        frameon=False,
        fontsize=8,
        handlelength=1.2,
        columnspacing=1.2,
    )
    undated = ledger.undated
    if undated:
        names = ", ".join(line.meeting.name for line in undated)
        fig.text(
            0.08,
            0.01,
            textwrap.shorten(f"Not on the calendar (no set dates): {names}", 130),
            fontsize=7.5,
            color="#555555",
        )
    return fig


def _bar_html(
    label: str,
    minutes: Mapping[Purpose, int],
    purpose_labels: Mapping[Purpose, str],
    scale: float,
    after: str,
) -> str:
    """One horizontal bar split by purpose; ``scale`` minutes fill the whole width."""
    segments = "".join(
        f'<div title="{escape(purpose_labels[p])}: {minutes[p] / 60:,.1f} h" '
        f'style="width:{100 * minutes[p] / scale:.2f}%;background:{PURPOSE_COLOURS[p]}"></div>'
        for p in ORDER
        if scale and minutes[p]
    )
    return (
        f'<div style="display:flex;align-items:center;gap:8px;margin:4px 0">'
        f'<div style="width:220px;text-align:right">{escape(label)}</div>'
        f'<div role="img" aria-label="{escape(label)}: {escape(after)}" '
        f'style="display:flex;width:460px;height:24px;background:#f4f4f4">{segments}</div>'
        f"<div>{escape(after)}</div></div>"
    )


def _legend_html(purpose_labels: Mapping[Purpose, str]) -> str:
    items = "".join(
        f'<span style="margin-right:14px"><span style="display:inline-block;width:12px;'
        f'height:12px;background:{PURPOSE_COLOURS[p]};margin-right:4px"></span>'
        f"{escape(purpose_labels[p])}</span>"
        for p in ORDER
    )
    return f'<div style="font-size:0.9em;margin:4px 0 0 228px">{items}</div>'


def hours_by_type_html(
    ledger: Ledger, type_labels: Mapping[str, str], purpose_labels: Mapping[Purpose, str]
) -> str:
    """Hours per meeting type split by purpose, as HTML bars for panels (see :func:`hours_by_type`
    for the printable figure; same colours and order)."""
    by_type = ledger.type_purpose_minutes()
    order = sorted(by_type, key=lambda t: -sum(by_type[t].values()))
    title = (
        f"<p><b>Meeting hours by type: {hours_text(ledger.total_hours)} in all, "
        f"{share_text(ledger.goal_share)} on the goal</b></p>"
    )
    if not order:
        return f'<div class="wk-hours-by-type">{title}<p><i>No meetings listed yet.</i></p></div>'
    largest = max(sum(by_type[t].values()) for t in order)
    bars = "".join(
        _bar_html(
            type_labels.get(t, t),
            by_type[t],
            purpose_labels,
            largest,
            hours_text(sum(by_type[t].values()) / 60),
        )
        for t in order
    )
    return f'<div class="wk-hours-by-type">{title}{bars}{_legend_html(purpose_labels)}</div>'


def before_after_html(what: WhatIf, purpose_labels: Mapping[Purpose, str]) -> str:
    """The before/after bars as HTML and CSS, for the live what-if while a team types.

    Same colours and order as :func:`before_after`, drawn by the browser instead of matplotlib:
    a redraw costs microseconds instead of tens of milliseconds, and the numbers are real text that
    screen readers can read. Exports keep the matplotlib figure.
    """
    total = sum(what.before.values())
    return (
        f'<div class="wk-before-after"><p><b>With the plan, {hours_text(what.reclaimed_hours)} a '
        f"year move to the goal.</b> Time on the goal: {share_text(what.goal_share_before)} of "
        f"meeting time today, {share_text(what.goal_share_after)} with the plan "
        f"({hours_text(total / 60)} in all, unchanged).</p>"
        + _bar_html(
            "Today",
            what.before,
            purpose_labels,
            total,
            f"{what.before[Purpose.GOAL] / 60:,.1f} h on the goal",
        )
        + _bar_html(
            "With the plan",
            what.after,
            purpose_labels,
            total,
            f"{what.after[Purpose.GOAL] / 60:,.1f} h on the goal",
        )
        + _legend_html(purpose_labels)
        + "</div>"
    )


TICKS = (1, 5, 10, 15, 20, 25, 30)
DOT = "display:inline-block;width:9px;height:9px;border-radius:50%;border:1px solid #fff"


def _hex(colour: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(255 * c):02x}" for c in colour)


def year_calendar_html(ledger: Ledger, cycles: Sequence[PlacedCycle] = ()) -> str:
    """The year at a glance as an HTML grid, for panels: same colours as :func:`year_calendar`.

    A browser draws 370 coloured cells faster than matplotlib renders them, and each day's cell
    names its meetings and cycle session on hover. The printable plan keeps the matplotlib figure.
    """
    year = ledger.year
    months = _months(year.first_day, year.last_day)
    closed = year.closed_days()
    on_day = ledger.by_date()
    sessions: dict[dt.date, tuple[int, str]] = {}
    for n, placed in enumerate(cycles):
        for session in placed.sessions:
            sessions.setdefault(session.date, (n, placed.cycle.name))
    cell = "width:17px;height:17px;padding:0;border:1px solid #fff;text-align:center"
    rows = []
    for y, m in months:
        days_in_month = calendar.monthrange(y, m)[1]
        cells = [
            f"<th style='text-align:right;padding-right:6px;font-weight:normal'>"
            f"{calendar.month_abbr[m]} {str(y)[-2:]}</th>"
        ]
        for day in range(1, 32):
            if day > days_in_month:
                cells.append(f"<td style='{cell}'></td>")
                continue
            date = dt.date(y, m, day)
            meetings = on_day.get(date, [])
            holiday = year.holiday_on(date) if year.contains(date) else None
            if not year.contains(date) or date.weekday() >= 5:
                colour, names = CAL_COLOURS["weekend"], ""
            elif holiday is not None or date in closed:
                colour, names = CAL_COLOURS["closed"], holiday.name if holiday else ""
            elif meetings:
                colour = MEETING_SHADES[min(len(meetings), 3) - 1]
                names = ", ".join(mt.name for mt in meetings)
            else:
                colour, names = CAL_COLOURS["open"], ""
            mark = ""
            if date in sessions:
                n, name = sessions[date]
                names += f" · {name}"
                dot = CYCLE_COLOURS[n % len(CYCLE_COLOURS)]
                mark = f"<span style='{DOT};background:{dot}'></span>"
            title = f"{date.isoformat()}: {names}" if names else date.isoformat()
            cells.append(
                f"<td title='{escape(title)}' style='{cell};background:{_hex(colour)}'>{mark}</td>"
            )
        rows.append("<tr>" + "".join(cells) + "</tr>")
    header = (
        "<tr><th></th>"
        + "".join(
            f"<th style='font-weight:normal;font-size:0.75em'>{d if d in TICKS else ''}</th>"
            for d in range(1, 32)
        )
        + "</tr>"
    )
    swatch = "display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle"
    legend = "".join(
        f"<span style='{swatch};background:{_hex(colour)}'></span>{label}"
        for colour, label in (
            (CAL_COLOURS["open"], "school day, no meeting"),
            (MEETING_SHADES[0], "1 meeting"),
            (MEETING_SHADES[1], "2"),
            (MEETING_SHADES[2], "3 or more"),
            (CAL_COLOURS["closed"], "holiday or break"),
        )
    ) + "".join(
        f"<span style='{swatch};border-radius:50%;"
        f"background:{CYCLE_COLOURS[n % len(CYCLE_COLOURS)]}'></span>{escape(p.cycle.name)}"
        for n, p in enumerate(cycles)
    )
    undated = ", ".join(line.meeting.name for line in ledger.undated)
    note = (
        (
            f"<p style='font-size:0.85em;color:#555'>Not on the calendar (no set dates): "
            f"{escape(undated)}</p>"
        )
        if undated
        else ""
    )
    return (
        f"<div class='wk-year-calendar'>"
        f"<p><b>The {escape(year.label)} school year at a glance</b></p>"
        f"<table style='border-collapse:collapse;font-size:0.85em'>{header}{''.join(rows)}</table>"
        f"<div style='font-size:0.85em;margin-top:4px'>{legend}</div>{note}</div>"
    )
