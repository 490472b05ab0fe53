"""Counts shown to a team have the right plural."""

from __future__ import annotations

from workshop_kit.logic.words import plural


def test_one_is_singular_and_other_counts_are_plural() -> None:
    assert plural(1, "member") == "1 member"
    assert plural(0, "member") == "0 members"
    assert plural(2, "resource") == "2 resources"
    assert plural(3, "criterion", "criteria") == "3 criteria"
    assert plural(1, "criterion", "criteria") == "1 criterion"
