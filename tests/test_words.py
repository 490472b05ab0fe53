"""Counts shown to a team have the right plural; dates read as a person writes them."""

from __future__ import annotations

import datetime as dt

from workshop_kit.logic.words import long_date, plural, series


def test_one_is_singular_and_other_counts_are_plural() -> None:
    assert plural(1, "member") == "1 member"
    assert plural(0, "member") == "0 members"
    assert plural(2, "resource") == "2 resources"
    assert plural(3, "criterion", "criteria") == "3 criteria"
    assert plural(1, "criterion", "criteria") == "1 criterion"


def test_a_date_is_written_out_whatever_the_locale() -> None:
    assert long_date(dt.date(2027, 6, 11)) == "June 11, 2027"
    assert long_date(dt.date(2026, 1, 1)) == "January 1, 2026"
    assert long_date(dt.date(2026, 12, 31)) == "December 31, 2026"


def test_names_are_listed_as_a_sentence_lists_them() -> None:
    """Issue 32: "from Lena Berg and Marcus Lee and Priya Shah"."""
    assert series(["Lena Berg", "Marcus Lee", "Priya Shah"]) == (
        "Lena Berg, Marcus Lee and Priya Shah"
    )
    assert series(["Lena Berg", "Marcus Lee"]) == "Lena Berg and Marcus Lee"
    assert series(["Lena Berg"]) == "Lena Berg"
    assert series([]) == ""
