"""Day 1 charts: evidence trends, and the team's combined ratings of candidate goals."""

from __future__ import annotations

import html

import pandas as pd
from matplotlib.figure import Figure

from workshop_kit.charts import PALETTE, new_figure
from workshop_kit.logic.evidence import EvidenceFilter, measure_words
from workshop_kit.logic.scoring import Ranking


def evidence_trend(trend: pd.DataFrame, chosen: EvidenceFilter) -> Figure:
    """Percent proficient (or meeting the standard, for classroom assessments) over the years
    or dates, one line per student group."""
    fig = new_figure(height=4.2, margins=(0.08, 0.93, 0.27, 0.92))
    ax = fig.add_subplot()
    scope = ", ".join(
        part
        for part in (
            "all grades" if chosen.grade == "All" else f"grade {chosen.grade}",
            "all subjects" if chosen.subject == "All" else chosen.subject,
        )
    )
    measure = measure_words(chosen.source)
    source = "" if chosen.source == "All" else f"{chosen.source}: "
    ax.set_title(f"{source}percent of students {measure} ({scope})", loc="left", fontsize=11)
    if trend.empty:
        ax.text(0.5, 0.5, "No results match these filters", ha="center", va="center")
        ax.set_axis_off()
        return fig
    years = list(trend.index)
    for n, group in enumerate(trend.columns):
        values = trend[group]
        ax.plot(
            years, values, marker="o", color=PALETTE[n % len(PALETTE)], label=group, linewidth=2
        )
        last = values.dropna()
        if not last.empty:
            ax.annotate(
                f"{last.iloc[-1]:.0f}%",
                (years[-1], last.iloc[-1]),
                xytext=(6, 0),
                textcoords="offset points",
                va="center",
                fontsize=9,
            )
    ax.set_ylim(0, 100)
    ax.set_ylabel(f"% {measure}" if len(measure) < 24 else "%")
    ax.grid(axis="y", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, frameon=False, fontsize=9)
    return fig


def _share(value: float, scale_min: int, scale_max: int) -> float:
    """Where ``value`` sits on the rating scale, as a percentage of the bar's track."""
    return max(0.0, min(100.0, 100 * (value - scale_min) / max(scale_max - scale_min, 1)))


def ratings_bars_html(ranking: Ranking, scale_min: int, scale_max: int) -> str:
    """The team score per candidate as bars drawn in HTML, best on top, with the range of the
    members' scores. Not matplotlib: its SVG took most of the time of every saved rating, and
    this redraws in well under a millisecond. Every goal and score is real text (read aloud,
    never cut off, sized with the page); a goal the team disagrees on is striped and says "low
    consensus" in words too."""
    rated = [s for s in ranking.scores if s.team_score is not None]
    caption = (
        "<figcaption><b>Team score per candidate goal</b> <span class='wk-bars-key'>(bar: "
        f"the team's weighted score from {scale_min} to {scale_max}; black line: lowest to "
        "highest member)</span></figcaption>"
    )
    if not rated:
        return f"<figure class='wk-rating-bars'>{caption}<p>No complete ratings yet.</p></figure>"
    rows = []
    for score in rated:
        team = score.team_score or 0.0
        low, high = min(score.member_scores.values()), max(score.member_scores.values())
        start = _share(low, scale_min, scale_max)
        span = _share(high, scale_min, scale_max) - start
        flagged = score.low_consensus
        fill = (
            f"repeating-linear-gradient(45deg,{PALETTE[1]} 0 6px,#ffffff 6px 9px)"
            if flagged
            else PALETTE[0]
        )
        flag = " <span class='wk-bars-flag'>· low consensus</span>" if flagged else ""
        rows.append(
            f"<li class='wk-bars-row{' wk-low-consensus' if flagged else ''}' "
            "style='margin:0 0 0.6em'>"
            f"<div class='wk-bars-label'>{html.escape(score.text)} "
            f"<b class='wk-bars-score'>{team:.2f}</b>{flag}</div>"
            "<div class='wk-bars-track' aria-hidden='true' style='position:relative;"
            "height:1.4em;background:#f2f2f2;border-left:2px solid #333'>"
            f"<div style='width:{_share(team, scale_min, scale_max):.1f}%;height:100%;"
            f"background:{fill};border:1px solid #1a1a1a;box-sizing:border-box'></div>"
            f"<div style='position:absolute;top:calc(50% - 2px);left:{start:.1f}%;"
            f"width:max({span:.1f}%,3px);height:4px;background:#000'></div></div></li>"
        )
    return (
        f"<figure class='wk-rating-bars' style='margin:0.5em 0;max-width:1200px'>{caption}"
        "<ol style='list-style:none;padding:0;margin:0.4em 0'>" + "".join(rows) + "</ol></figure>"
    )
