"""The printed text around panels: each label once, the day's title once."""

from __future__ import annotations

from workshop_kit.config.day1 import load_day1
from workshop_kit.ui.worksheet import activity_header_html, day_opening_html


def test_a_label_the_config_text_already_starts_with_is_shown_once() -> None:
    plan = load_day1()
    roster = next(a for a in plan.activities if a.self_paced.startswith("Working alone?"))
    page = activity_header_html(roster, 2)
    assert page.count("Working alone?") == 1


def test_the_day_opening_leaves_the_title_to_the_notebook_heading() -> None:
    plan = load_day1()
    assert plan.title not in day_opening_html(plan)
