"""The plan on one printed page, for the whole staff: the goal, how the team will know, the meeting
time it re-purposes and the next dated steps.

Made with the plan's own styles and template settings (``plan_html.PAGE_ENV``: every value a team
typed is escaped, nothing is marked safe) from the same :class:`TeamPlanSummary`; it fits one
Letter or A4 page for a plan the size of the demo team's (``tests/browser/test_printing.py``).
"""

# The HTML template below keeps one table row per line for readability: long lines are expected.
# ruff: noqa: E501
from __future__ import annotations

import datetime as dt

from workshop_kit.exports.plan_html import PAGE_ENV
from workshop_kit.logic.team_plan import TeamPlanSummary
from workshop_kit.logic.words import long_date

#: how many of the next steps the page lists
NEXT_STEPS = 5

TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="workshop-kit">
<title>{{ s.team.name or "Our team" }}: our goal for {{ s.year.label }}</title>
<style>
{% include "page.css" %}
  .staff h2 { margin-top: 1.2rem; }
  /* one page, with room to spare for a longer goal or wider fonts */
  @media print {
    .staff { font-size: 10.5pt; } .staff h1 { font-size: 17pt; } .staff .goal { font-size: 11.5pt; }
    .staff h2 { font-size: 13pt; margin: 12pt 0 4pt; }
  }
</style>
</head>
<body class="staff">
<header>
  <h1>{{ s.team.name or "Our team" }}: our goal for {{ s.year.label }}</h1>
  <p class="meta">{{ s.team.school }}{% if s.team.school %} · {% endif %}For our staff · Made on {{ today }}</p>
</header>
<section id="staff-goal">
{% if s.goal.goal.statement %}<p class="goal">{{ s.goal.goal.statement }}</p>{% else %}<p class="muted">The goal statement is not written yet.</p>{% endif %}
{% if s.plan.key_message %}<p>{{ s.plan.key_message }}</p>{% endif %}
</section>
<section id="staff-measures">
<h2>How we will know</h2>
{% if s.goal.success_criteria %}
<table><thead><tr><th>What we measure</th><th>Now</th><th>Our target</th><th>By</th></tr></thead>
{% for c in s.goal.success_criteria %}<tr><td>{{ c.measure }}</td><td class="n">{{ c.baseline|num }}{{ c.unit }}</td><td class="n">{{ c.target|num }}{{ c.unit }}</td><td>{{ c.by|day }}</td></tr>
{% endfor %}</table>
{% else %}<p class="muted">No success criteria yet.</p>{% endif %}
</section>
<section id="staff-time">
<h2>Time for it, without a single new meeting</h2>
<p>We re-purpose <b>{{ s.what_if.reclaimed_hours|hours }}</b> of the meeting time we already have each year ({{ "{:,.0f}".format(s.what_if.reclaimed_person_hours) }} person-hours) to learning together toward the goal{% if s.ledger.goal_share is not none and s.what_if.goal_share_after is not none %}: from {{ s.ledger.goal_share|share }} of our meeting time today to {{ s.what_if.goal_share_after|share }}{% endif %}.</p>
</section>
<section id="staff-next">
<h2>What comes next</h2>
{% if steps %}
<table><thead><tr><th>When</th><th>What</th><th>Who</th></tr></thead>
{% for step in steps %}<tr><td>{{ step.start|day }}{% if step.end %} to {{ step.end|day }}{% endif %}</td><td>{{ step.what }}</td><td>{{ step.who }}</td></tr>
{% endfor %}</table>
{% else %}<p class="muted">No dated steps ahead in the plan.</p>{% endif %}
</section>
{% if s.team.members %}<p><b>Questions? Ask anyone on our leadership team:</b> {{ s.team.member_names|join(", ") }}.</p>{% endif %}
</body>
</html>
"""


def to_html(summary: TeamPlanSummary, *, today: dt.date | None = None) -> str:
    """The staff summary as one HTML document (UTF-8 text); its next steps are those not over by
    ``today``."""
    day = today or dt.date.today()
    return PAGE_ENV.from_string(TEMPLATE).render(
        s=summary, steps=summary.next_steps(day, NEXT_STEPS), today=long_date(day)
    )
