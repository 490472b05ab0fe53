"""Day 1 charts: evidence trends, and the team's combined ratings of candidate goals."""

from __future__ import annotations

import textwrap

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


def ratings_chart(ranking: Ranking, scale_min: int, scale_max: int) -> Figure:
    """Team score per candidate (bar) with the range of members' scores (line), best on top.

    Candidates the team disagrees on are drawn hatched so the conversation starts there.
    """
    rated = [s for s in ranking.scores if s.team_score is not None]
    height = max(2.2, 0.75 * len(rated) + 1.0)
    fig = new_figure(height=height, margins=(0.47, 0.96, 0.55 / height + 0.04, 1 - 0.4 / height))
    ax = fig.add_subplot()
    ax.set_title("Team score per candidate goal", loc="left", fontsize=11)
    if not rated:
        ax.text(0.5, 0.5, "No complete ratings yet", ha="center", va="center")
        ax.set_axis_off()
        return fig
    labels = [
        f"{textwrap.shorten(s.text, 42, placeholder='…')}\n"
        f"{s.team_score or 0.0:.2f}{'  ·  low consensus' if s.low_consensus else ''}"
        for s in rated
    ][::-1]
    scores = [s.team_score or 0.0 for s in rated][::-1]
    lows = [min(s.member_scores.values()) for s in rated][::-1]
    highs = [max(s.member_scores.values()) for s in rated][::-1]
    flags = [s.low_consensus for s in rated][::-1]
    positions = range(len(rated))
    bars = ax.barh(
        positions, scores, color=[PALETTE[1] if f else PALETTE[0] for f in flags], height=0.6
    )
    for bar, flagged in zip(bars, flags, strict=True):
        if flagged:
            bar.set_hatch("//")
    ax.hlines(positions, lows, highs, color="black", linewidth=2)
    ax.set_yticks(list(positions), labels, fontsize=9)
    ax.set_xlim(scale_min, scale_max)
    ax.set_xlabel("weighted score  (black line: lowest to highest member)")
    ax.spines[["top", "right"]].set_visible(False)
    return fig
