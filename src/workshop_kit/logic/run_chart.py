"""Run charts: the median, the Anhøj run rules, and whether a measure is on track.

The rules are those of qicharts2's ``runs.analysis`` (Anhøj and Olesen, 2014), which keep the
rate of false alarms near 5 % whatever the number of points:

* points exactly on the median are skipped; the rest are *useful* observations (n);
* **an unusually long run**: the longest run of useful points on one side of the median is longer
  than ``round(log2(n)) + 3`` (Schilling);
* **unusually few crossings**: the number of times the line crosses the median is fewer than
  ``qbinom(0.05, n - 1, 0.5)``, the 5th percentile of a binomial(n - 1, 1/2) (Chen).

The classic *trend* rule (five or six points in a row going up or down) is left out on purpose:
simulation studies (Davis and Woodall 1988; Anhøj and Olesen 2014) show that it adds false alarms
without finding real shifts sooner than the run rule does, so qicharts2 dropped it too.

Before writing this module we looked for a maintained Python library. ``pyqicharts`` 2.0 judges
the longest run with ``ceil`` instead of ``round``, and takes as the crossings limit the largest
count whose lower tail is within 5 %, one less than qicharts2's ``qbinom`` for most n, so its
signals differ from qicharts2's. The rules are a few lines; they are written out here and tested
against qicharts2's published table of limits and against a brute-force version (hypothesis).

The on-track statement compares the latest points with the straight path from the baseline (at
the start of the school year) to the target (on its date), in the direction the target lies:
a target below the baseline means lower is better.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from workshop_kit.logic.words import series

#: how many of the latest points the on-track statement looks at
RECENT = 4


def median(values: Sequence[float]) -> float:
    """The median (for an even count, the mean of the two middle values, as R's ``median``)."""
    if not values:
        raise ValueError("the median of no values is not defined")
    return float(statistics.median(values))


def longest_run_limit(useful: int) -> int:
    """The longest run expected by chance among ``useful`` points: ``round(log2(n)) + 3``."""
    if useful < 1:
        return 0
    # log2 of a whole number is never exactly halfway between two whole numbers, so Python's
    # round (to even) and R's round give the same result here
    return round(math.log2(useful)) + 3


def crossings_limit(useful: int) -> int:
    """The fewest crossings expected by chance: ``qbinom(0.05, n - 1, 0.5)``, the smallest k with
    P(X <= k) >= 0.05 for X ~ binomial(n - 1, 1/2). Exact: counts over 2**(n - 1), no floats."""
    trials = max(useful - 1, 0)
    total = 2**trials
    below = 0
    for k in range(trials + 1):
        below += math.comb(trials, k)
        if 20 * below >= total:  # P(X <= k) >= 1/20
            return k
    return trials


@dataclass(frozen=True)
class RunsAnalysis:
    """What the run rules find in one series of points."""

    points: int
    useful: int
    median: float
    longest_run: int
    longest_run_max: int
    crossings: int
    crossings_min: int
    #: the positions (in the series) of the points in the longest run
    longest_run_at: tuple[int, ...]

    @property
    def long_run(self) -> bool:
        return self.useful > 0 and self.longest_run > self.longest_run_max

    @property
    def few_crossings(self) -> bool:
        return self.useful > 0 and self.crossings < self.crossings_min

    @property
    def signal(self) -> bool:
        return self.long_run or self.few_crossings

    def signal_text(self) -> str:
        """The signals in words, or that there is none."""
        if not self.points:
            return "No points yet."
        found = []
        if self.long_run:
            found.append(
                f"a run of {self.longest_run} points on one side of the median (more than "
                f"{self.longest_run_max} is unusual for {self.useful} points)"
            )
        if self.few_crossings:
            found.append(
                f"the line crosses the median only {_times(self.crossings)} (fewer than "
                f"{self.crossings_min} is unusual for {self.useful} points)"
            )
        if not found:
            return (
                "No signal: the points vary around the median as chance alone would make them "
                f"(longest run {self.longest_run}, crossing the median {_times(self.crossings)})."
            )
        return f"Signal of a real change: {series(found)}."


def _times(n: int) -> str:
    return {0: "0 times", 1: "once", 2: "twice"}.get(n, f"{n} times")


def runs_analysis(values: Sequence[float], centre: float | None = None) -> RunsAnalysis:
    """The run rules applied to ``values`` in time order, around their median (or ``centre``)."""
    if not values:
        return RunsAnalysis(0, 0, math.nan, 0, 0, 0, 0, ())
    mid = median(values) if centre is None else centre
    sides = [(i, 1 if v > mid else -1) for i, v in enumerate(values) if v != mid]
    plain = _runs_of(sides)
    longest = max(plain, key=len, default=[])
    useful = len(sides)
    return RunsAnalysis(
        points=len(values),
        useful=useful,
        median=mid,
        longest_run=len(longest),
        longest_run_max=longest_run_limit(useful),
        crossings=max(len(plain) - 1, 0),
        crossings_min=crossings_limit(useful),
        longest_run_at=tuple(longest),
    )


def _runs_of(sides: Sequence[tuple[int, int]]) -> list[list[int]]:
    runs: list[list[int]] = []
    previous = 0
    for position, side in sides:
        if runs and side == previous:
            runs[-1].append(position)
        else:
            runs.append([position])
        previous = side
    return runs


# -- on track ---------------------------------------------------------------------------------

Standing = Literal["on_track", "mixed", "behind", "no_data"]


@dataclass(frozen=True)
class Path:
    """The straight line from the baseline on its date to the target on its date."""

    start: dt.date
    baseline: float
    by: dt.date
    target: float

    @property
    def higher_is_better(self) -> bool:
        return self.target > self.baseline

    def at(self, day: dt.date) -> float:
        """Where the path is on ``day``: the baseline before it starts, the target after."""
        span = (self.by - self.start).days
        if span <= 0 or day >= self.by:
            return self.target
        if day <= self.start:
            return self.baseline
        return self.baseline + (self.target - self.baseline) * (day - self.start).days / span

    def ahead(self, day: dt.date, value: float) -> bool:
        """Whether ``value`` on ``day`` is on the path or on its better side."""
        mark = self.at(day)
        return value >= mark if self.higher_is_better else value <= mark


@dataclass(frozen=True)
class OnTrack:
    standing: Standing
    ahead: int
    looked_at: int
    text: str


def on_track(points: Sequence[tuple[dt.date, float]], path: Path) -> OnTrack:
    """Whether the latest points (up to :data:`RECENT`) keep to the path, said in words.

    More than half on the path or its better side is on track; fewer than half is behind; exactly
    half is mixed. Never colour alone: the text says it.
    """
    side = "above" if path.higher_is_better else "below"
    if not points:
        return OnTrack("no_data", 0, 0, "No values recorded yet, so no one can say yet.")
    recent = sorted(points, key=lambda point: point[0])[-RECENT:]  # by date only, stable
    ahead = sum(1 for day, value in recent if path.ahead(day, value))
    n = len(recent)
    where = (
        f"{ahead} of the last {n} points {'is' if ahead == 1 else 'are'} {side} the path to the "
        "target or on it"
        if n > 1
        else f"the only point is {'' if ahead else 'not '}{side} the path to the target or on it"
    )
    if 2 * ahead > n:
        standing: Standing = "on_track"
        verdict = "on track"
    elif 2 * ahead < n:
        standing, verdict = "behind", "not on track"
    else:
        standing, verdict = "mixed", "not clearly on track yet"
    return OnTrack(standing, ahead, n, f"{where[0].upper()}{where[1:]}: {verdict}.")
