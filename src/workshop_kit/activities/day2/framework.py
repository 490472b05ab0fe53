"""The framework activity: the team's Day 1 goal at the top, the framework's assumptions, and
the four quadrants of instructional resources."""

from __future__ import annotations

import ipywidgets as widgets

from workshop_kit.activities.day2.base import Day2Panel
from workshop_kit.logic.words import plural
from workshop_kit.model.base import Document
from workshop_kit.model.goal import GoalWork
from workshop_kit.ui.html import esc
from workshop_kit.ui.parts import tagged


class FrameworkPanel(Day2Panel):
    """The team's Day 1 goal, the framework's three assumptions, and the four quadrants."""

    kinds = (GoalWork,)

    def build(self) -> list[widgets.Widget]:
        self.goal = tagged(widgets.HTML(), "wk-day1-goal")
        self.grid = tagged(widgets.HTML(self.framework_html()), "wk-quadrants")
        return [self.goal, self.grid]

    def status(self) -> str:
        work = self.load(GoalWork)
        if not work.goal.statement:
            return "no goal yet"
        criteria = plural(len(work.success_criteria), "success criterion", "success criteria")
        return f"goal set, {criteria}"

    def refresh(self) -> None:
        work = self.load(GoalWork)
        self.goal.value = goal_html(work)
        if not work.goal.statement:
            self.messages.info(
                "This workbook has no goal yet. Write it in the Day 1 workbook first: today's map "
                "is read against it."
            )

    def on_document_saved(self, kind: type[Document]) -> None:
        if kind is GoalWork:
            self.rebuild()

    def framework_html(self) -> str:
        assumptions = "".join(f"<li>{esc(a)}</li>" for a in self.config.framework_assumptions)
        cells = []
        for quadrant in self.config.quadrants:
            examples = "".join(f"<li>{esc(x)}</li>" for x in quadrant.examples)
            cells.append(
                f'<td class="wk-quadrant wk-quadrant-{esc(quadrant.id)}" style="vertical-align:top;'
                f'padding:8px;border:1px solid #9aa5b1;width:50%"><b>{esc(quadrant.label)}</b>'
                f"<p>{esc(quadrant.description)}</p><i>For example:</i><ul>{examples}</ul></td>"
            )
        rows = "".join(f"<tr>{''.join(cells[i : i + 2])}</tr>" for i in range(0, len(cells), 2))
        return (
            "<p><b>The framework assumes that:</b></p>"
            f"<ol class='wk-assumptions'>{assumptions}</ol>"
            "<table class='wk-quadrant-grid' style='border-collapse:collapse;max-width:900px'>"
            f"{rows}</table>"
        )


def goal_html(work: GoalWork) -> str:
    if not work.goal.statement:
        return "<p class='wk-goal-missing'><b>Our goal:</b> <i>not written yet (Day 1)</i></p>"
    criteria = "".join(
        f"<li>{esc(c.measure)}: from {c.baseline:g}{esc(c.unit)} to {c.target:g}{esc(c.unit)} "
        f"by {c.by.isoformat()}</li>"
        for c in work.success_criteria
    )
    return (
        "<div class='wk-goal-box' style='border-left:4px solid #0072B2;padding:4px 10px;"
        f"background:#eef5fb'><p><b>Our goal:</b> {esc(work.goal.statement)}</p>"
        + (f"<p><b>Success criteria</b></p><ul>{criteria}</ul>" if criteria else "")
        + "</div>"
    )
