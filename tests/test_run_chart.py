"""The run-chart rules (Anhøj, as qicharts2's runs.analysis) and the on-track statement."""

from __future__ import annotations

import datetime as dt
import itertools
import math

from hypothesis import given
from hypothesis import strategies as st

from workshop_kit.logic.run_chart import (
    RECENT,
    Path,
    crossings_limit,
    longest_run_limit,
    median,
    on_track,
    runs_analysis,
)

#: qicharts2's table of critical values ("Critical Values for Longest Runs and Number of
#: Crossings", n = 10 to 30), as published with the package and in Anhøj and Olesen (2014)
PUBLISHED = {
    10: (6, 2), 11: (6, 2), 12: (7, 3), 13: (7, 3), 14: (7, 4), 15: (7, 4), 16: (7, 4),
    17: (7, 5), 18: (7, 5), 19: (7, 6), 20: (7, 6), 21: (7, 6), 22: (7, 7), 23: (8, 7),
    24: (8, 8), 25: (8, 8), 26: (8, 8), 27: (8, 9), 28: (8, 9), 29: (8, 10), 30: (8, 10),
}  # fmt: skip


class TestLimits:
    def test_the_published_table_of_limits(self) -> None:
        """Longest-run and crossings limits match qicharts2's table for 10 to 30 points."""
        found = {n: (longest_run_limit(n), crossings_limit(n)) for n in PUBLISHED}
        assert found == PUBLISHED

    def test_the_qicharts2_summary_example(self) -> None:
        """qicharts2's summary() example: 24 useful points give limits 8 and 8."""
        assert (longest_run_limit(24), crossings_limit(24)) == (8, 8)

    @given(st.integers(min_value=1, max_value=300))
    def test_crossings_limit_is_the_binomial_5th_percentile(self, n: int) -> None:
        """The smallest k whose lower tail reaches 5 %, as R's qbinom(0.05, n - 1, 0.5)."""
        k = crossings_limit(n)
        trials = n - 1

        def tail(j: int) -> float:
            return sum(math.comb(trials, i) for i in range(j + 1)) / 2**trials

        assert tail(k) >= 0.05
        assert k == 0 or tail(k - 1) < 0.05


def brute_force(values: list[float]) -> tuple[int, int, int]:
    """An independent reading of the rules: (useful points, longest run, crossings)."""
    mid = sorted(values)[len(values) // 2]
    if len(values) % 2 == 0:
        mid = (sorted(values)[len(values) // 2 - 1] + mid) / 2
    signs = [v > mid for v in values if v != mid]
    runs = [len(list(group)) for _, group in itertools.groupby(signs)]
    return len(signs), max(runs, default=0), max(len(runs) - 1, 0)


class TestRunsAnalysis:
    def test_a_shift_is_a_long_run(self) -> None:
        """Ten points low then ten high: one crossing and a run of ten, both signals."""
        result = runs_analysis([1.0] * 10 + [5.0] * 10)
        assert result.median == 3.0
        assert (result.useful, result.longest_run, result.crossings) == (20, 10, 1)
        assert result.long_run and result.few_crossings and result.signal
        assert result.longest_run_at == tuple(range(10)) or result.longest_run_at == tuple(
            range(10, 20)
        )
        assert "Signal" in result.signal_text()

    def test_points_on_the_median_are_skipped(self) -> None:
        """The median point neither breaks nor extends a run."""
        result = runs_analysis([1.0, 2.0, 3.0, 4.0, 5.0])
        assert result.median == 3.0
        assert (result.useful, result.longest_run, result.crossings) == (4, 2, 1)

    def test_alternating_points_give_no_signal(self) -> None:
        result = runs_analysis([1.0, 3.0] * 10)
        assert (result.longest_run, result.crossings) == (1, 19)
        assert not result.signal
        assert result.signal_text().startswith("No signal")

    def test_no_points(self) -> None:
        result = runs_analysis([])
        assert not result.signal and result.signal_text() == "No points yet."

    @given(st.lists(st.integers(min_value=0, max_value=20).map(float), min_size=1, max_size=60))
    def test_agrees_with_a_brute_force_reading(self, values: list[float]) -> None:
        result = runs_analysis(values)
        assert result.median == median(values)
        assert (result.useful, result.longest_run, result.crossings) == brute_force(values)
        assert result.long_run == (
            result.useful > 0 and result.longest_run > result.longest_run_max
        )
        assert len(result.longest_run_at) == result.longest_run

    @given(st.lists(st.floats(min_value=-1e6, max_value=1e6), min_size=1, max_size=60))
    def test_order_reversed_or_values_mirrored_change_nothing(self, values: list[float]) -> None:
        """Runs and crossings depend only on the sides of the median, not on direction."""
        result = runs_analysis(values)
        for other in (runs_analysis(values[::-1]), runs_analysis([-v for v in values])):
            assert (other.useful, other.longest_run, other.crossings) == (
                result.useful,
                result.longest_run,
                result.crossings,
            )


START, BY = dt.date(2026, 8, 26), dt.date(2027, 6, 11)


class TestOnTrack:
    def test_the_path_runs_from_baseline_to_target(self) -> None:
        path = Path(START, 40.0, BY, 60.0)
        assert path.at(START) == 40.0 and path.at(BY) == 60.0
        assert path.at(START - dt.timedelta(days=10)) == 40.0
        assert path.at(BY + dt.timedelta(days=10)) == 60.0
        middle = START + (BY - START) / 2
        assert abs(path.at(middle) - 50.0) < 0.1

    def test_three_of_four_above_the_path_is_on_track(self) -> None:
        path = Path(START, 40.0, BY, 60.0)
        days = [dt.date(2026, 10, 1) + dt.timedelta(days=14 * i) for i in range(4)]
        values = [path.at(d) + (2 if i != 1 else -2) for i, d in enumerate(days)]
        result = on_track(list(zip(days, values, strict=True)), path)
        assert result.standing == "on_track"
        assert (
            result.text
            == "3 of the last 4 points are above the path to the target or on it: on track."
        )

    def test_lower_is_better_when_the_target_is_below_the_baseline(self) -> None:
        """A target below the baseline (say, absences) turns the comparison round."""
        path = Path(START, 20.0, BY, 10.0)
        days = [dt.date(2026, 10, 1), dt.date(2026, 11, 1)]
        high = on_track([(d, path.at(d) + 1) for d in days], path)
        low = on_track([(d, path.at(d) - 1) for d in days], path)
        assert (high.standing, low.standing) == ("behind", "on_track")
        assert "below the path" in low.text and "not on track" in high.text

    def test_only_the_latest_points_count(self) -> None:
        path = Path(START, 40.0, BY, 60.0)
        days = [dt.date(2026, 9, 1) + dt.timedelta(days=14 * i) for i in range(10)]
        early_good = [(d, 100.0 if i < 6 else 0.0) for i, d in enumerate(days)]
        result = on_track(early_good, path)
        assert (result.ahead, result.looked_at, result.standing) == (0, RECENT, "behind")

    @given(
        st.lists(
            st.tuples(st.integers(min_value=0, max_value=400), st.floats(-100, 100)),
            max_size=12,
        ),
        st.floats(-50, 50),
        st.floats(0.5, 50),
    )
    def test_lower_is_better_mirrors_higher_is_better(
        self, offsets: list[tuple[int, float]], baseline: float, gain: float
    ) -> None:
        """Mirroring the path and every value turns 'above' into 'below' and keeps the verdict."""
        up = Path(START, baseline, BY, baseline + gain)
        down = Path(START, -baseline, BY, -baseline - gain)
        points = [(START + dt.timedelta(days=d), v) for d, v in offsets]
        mirrored = [(day, -v) for day, v in points]
        a, b = on_track(points, up), on_track(mirrored, down)
        assert (a.standing, a.ahead, a.looked_at) == (b.standing, b.ahead, b.looked_at)
        assert a.text.replace("above", "below") == b.text

    def test_one_point_is_said_in_the_singular(self) -> None:
        path = Path(START, 40.0, BY, 60.0)
        days = [dt.date(2026, 10, 1) + dt.timedelta(days=14 * i) for i in range(4)]
        points = [(d, 100.0 if i == 0 else 0.0) for i, d in enumerate(days)]
        assert on_track(points, path).text.startswith("1 of the last 4 points is above")

    def test_half_and_half_is_mixed_and_no_points_say_so(self) -> None:
        path = Path(START, 40.0, BY, 60.0)
        days = [dt.date(2026, 10, 1), dt.date(2026, 11, 1)]
        assert on_track([(days[0], 99.0), (days[1], 0.0)], path).standing == "mixed"
        assert on_track([], path).standing == "no_data"
