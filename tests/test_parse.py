"""The one parsing module: forms and spreadsheet imports read a value the same way."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop_kit.errors import InputError
from workshop_kit.logic.parse import (
    parse_date,
    parse_dates,
    parse_minutes,
    parse_number,
    parse_time,
    parse_whole,
)
from workshop_kit.model.names import name_key, new_id, same_name


class TestTimes:
    @pytest.mark.parametrize(
        ("typed", "expected"),
        [
            ("15:15", dt.time(15, 15)),
            ("15.15", dt.time(15, 15)),
            ("15h15", dt.time(15, 15)),
            ("3:15 pm", dt.time(15, 15)),
            ("3:15PM", dt.time(15, 15)),
            ("3:15 p.m.", dt.time(15, 15)),
            ("3 pm", dt.time(15, 0)),
            ("12:05 am", dt.time(0, 5)),
            ("12:30 pm", dt.time(12, 30)),
            ("7:45", dt.time(7, 45)),
            ("15:15:00", dt.time(15, 15)),
        ],
    )
    def test_the_ways_people_write_a_time(self, typed: str, expected: dt.time) -> None:
        assert parse_time(typed) == expected

    def test_blank_is_no_time(self) -> None:
        assert parse_time("  ") is None

    @pytest.mark.parametrize("typed", ["25:00", "15:75", "15", "15 pm", "soon", "0 am"])
    def test_a_non_time_names_the_field_and_the_text(self, typed: str) -> None:
        with pytest.raises(InputError) as caught:
            parse_time(typed, "start time")
        assert "start time" in caught.value.message
        assert typed in caught.value.message
        assert caught.value.field == "start time"


class TestDates:
    def test_iso_dates_and_date_objects(self) -> None:
        assert parse_date("2026-09-15", "first day") == dt.date(2026, 9, 15)
        assert parse_date(dt.date(2026, 9, 15), "x") == dt.date(2026, 9, 15)
        assert parse_date(dt.datetime(2026, 9, 15, 8, 0), "x") == dt.date(2026, 9, 15)
        assert parse_date("2026-09-15 00:00:00", "x") == dt.date(2026, 9, 15)

    def test_blank_is_refused_only_when_required(self) -> None:
        assert parse_date("", "last date", required=False) is None
        with pytest.raises(InputError, match="Please give the last date"):
            parse_date("", "last date")

    def test_an_impossible_day_says_what_is_wrong(self) -> None:
        with pytest.raises(InputError) as caught:
            parse_date("2027-02-30", "due date")
        assert "February 2027 has no day 30" in caught.value.message
        assert "28 days" in caught.value.message

    def test_a_leap_year_has_february_29(self) -> None:
        assert parse_date("2028-02-29", "x") == dt.date(2028, 2, 29)

    def test_month_13_and_other_formats(self) -> None:
        with pytest.raises(InputError, match="no month 13"):
            parse_date("2026-13-01", "x")
        with pytest.raises(InputError, match=r"such as 9/15/2026 \(month first\) or 2026-09-15"):
            parse_date("Sept 15", "x")

    def test_a_us_date_is_read_month_first(self) -> None:
        """Issue 32: 9/15/2026, as US schools write dates, was refused everywhere."""
        assert parse_date("9/15/2026", "x") == dt.date(2026, 9, 15)
        assert parse_date("09/05/2026", "x") == dt.date(2026, 9, 5)
        assert parse_date(" 3/4/2027 0:00:00", "x") == dt.date(2027, 3, 4)
        assert parse_dates("9/15/2026, 2026-10-01", "dates") == [
            dt.date(2026, 9, 15),
            dt.date(2026, 10, 1),
        ]

    @pytest.mark.parametrize(
        ("typed", "words"),
        [
            (
                "15/09/2026",
                "read month first, as in 9/15/2026 for September 15, and ‘15/09/2026’ "
                "has no month 15",
            ),
            ("2/30/2027", "cannot be ‘2/30/2027’: February 2027 has no day 30 (it has 28 days)"),
            ("9/15/26", "needs its year in four digits"),
            ("9/15/1850", "out of range"),
        ],
    )
    def test_a_us_date_that_is_none_says_why(self, typed: str, words: str) -> None:
        with pytest.raises(InputError) as caught:
            parse_date(typed, "due date")
        assert caught.value.message.startswith("The due date")
        assert words in caught.value.message

    def test_several_dates(self) -> None:
        assert parse_dates("2026-09-15, 2026-10-01;2026-11-03\n2026-12-01", "dates") == [
            dt.date(2026, 9, 15),
            dt.date(2026, 10, 1),
            dt.date(2026, 11, 3),
            dt.date(2026, 12, 1),
        ]


class TestNumbers:
    @pytest.mark.parametrize(
        ("typed", "expected"),
        [("49", 49.0), ("49.5", 49.5), ("49,5", 49.5), ("1,050", 1050.0), ("1 050", 1050.0)],
    )
    def test_numbers(self, typed: str, expected: float) -> None:
        assert parse_number(typed, "Baseline") == expected

    def test_percent_sign_only_where_allowed(self) -> None:
        assert parse_number("45%", "Target", percent=True) == 45.0
        with pytest.raises(InputError, match="Target must be a number"):
            parse_number("45%", "Target")

    def test_whole_numbers(self) -> None:
        assert parse_whole("12", "People") == 12
        assert parse_whole("", "People", blank=0) == 0
        with pytest.raises(InputError, match="at least 5"):
            parse_whole("3", "Length", minimum=5)
        with pytest.raises(InputError, match="whole number"):
            parse_whole("2.5", "People")
        with pytest.raises(InputError, match="cannot be negative"):
            parse_whole("-1", "People", minimum=0)

    def test_an_empty_number_says_it_is_empty(self) -> None:
        """Issue 32: an empty field read "must be a whole number (found ‘’)"."""
        with pytest.raises(InputError, match=r"^People is empty: type a whole number\.$"):
            parse_whole("  ", "People")
        with pytest.raises(InputError, match=r"^Baseline is empty: type a number\.$"):
            parse_number("", "Baseline")

    def test_minutes(self) -> None:
        assert parse_minutes("", "Logistics") == 0
        assert parse_minutes(" 15 ", "Logistics") == 15
        with pytest.raises(InputError, match="cannot be negative"):
            parse_minutes("-5", "Logistics")
        with pytest.raises(InputError, match="whole minutes"):
            parse_minutes("7.5", "Logistics")


class TestIdsAndNames:
    def test_an_id_from_a_name(self) -> None:
        assert new_id("Writing rubric (K-5)") == "writing-rubric-k-5"
        assert new_id("Équipe de 3e année") == "equipe-de-3e-annee"
        assert new_id("!!!", fallback="meeting") == "meeting"

    def test_taken_ids_are_avoided(self) -> None:
        assert new_id("Grade 3 team", {"grade-3-team", "grade-3-team-2"}) == "grade-3-team-3"

    @given(st.text(max_size=200), st.sets(st.text(max_size=20), max_size=5))
    def test_ids_are_always_safe_short_and_new(self, text: str, taken: set[str]) -> None:
        made = new_id(text, taken)
        assert made not in taken
        assert made.replace("-", "").isalnum() and made.isascii()
        assert len(made) <= 60

    def test_one_rule_for_the_same_name(self) -> None:
        assert same_name("Grade 3 Team", "grade-3  team")
        assert same_name("Grade 3 (team)", "grade 3 team")
        assert same_name("Équipe", "equipe")
        assert not same_name("Grade 3 team", "Grade 4 team")
        assert name_key("  Staff_meeting ") == "staff meeting"
