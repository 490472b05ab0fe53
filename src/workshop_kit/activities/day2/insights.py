"""The insights activity: what the map says (counts, thin quadrants, unrecognised and under-used
resources, what the school could generate more of)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets

from workshop_kit.activities.day2.base import Day2Panel
from workshop_kit.logic.resources import find
from workshop_kit.model.base import Document
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.resources import Resource, ResourceInventory
from workshop_kit.ui.html import LIST_SHOWN, esc, html_table, names_html, number


class InsightsPanel(Day2Panel):
    """Counts, thin quadrants, unrecognised and under-used resources, what the school can grow."""

    kinds = (ResourceInventory,)

    def build(self) -> list[widgets.Widget]:
        self.view = widgets.HTML()
        return [self.view]

    def findings(self) -> Any:
        return find(self.load(ResourceInventory), self.config, self.load(GoalWork).success_criteria)

    def status(self) -> str:
        f = self.findings()
        return (
            f"thin: {', '.join(f.thin_quadrants) or 'none'}; {len(f.not_recognized_before)} newly "
            f"recognised; {len(f.untapped_for_goal)} untapped and {len(f.under_used_for_goal)} "
            f"under-used for the goal; {len(f.can_generate)} could grow"
        )

    def refresh(self) -> None:
        f = self.findings()
        if f.total == 0:
            self.view.value = "<p><i>The inventory is empty: list some resources first.</i></p>"
            return
        statuses = self.config.use_statuses
        rows = [
            (
                q.label,
                number(q.total),
                *(number(q.by_use.get(s.id, 0)) for s in statuses),
                "⚠ thin" if q.thin else "",
            )
            for q in f.quadrants
        ]
        thin = ", ".join(esc(self.config.quadrant_label(q)) for q in f.thin_quadrants)
        # the findings' groups are named by the config's use statuses: the least used, and the
        # ones between it and the status that counts as well used
        least = statuses[0].label
        between = (
            " or ".join(s.label for s in statuses[1:] if s.id != self.config.well_used) or least
        )

        def item(title: str, resources: Sequence[Resource], empty: str, css: str) -> str:
            body = names_html(resources) if resources else f"<i>{esc(empty)}</i>"
            return f"<li class='{css}'><b>{esc(title)} ({len(resources)}):</b> {body}</li>"

        generate = "".join(
            f"<li>{esc(r.name)}{': ' + esc(r.how_to_generate) if r.how_to_generate else ''}</li>"
            for r in f.can_generate[:LIST_SHOWN]
        )
        more = len(f.can_generate) - LIST_SHOWN
        problems = "".join(f"<li>{esc(p)}</li>" for p in f.problems)
        self.view.value = (
            html_table(
                ("Quadrant", "Resources", *(s.label for s in statuses), ""),
                rows,
                "wk-quadrant-counts",
            )
            + (
                f"<p class='wk-thin'><b>Thin quadrants:</b> {thin}. Who in your school could add "
                "to "
                "them?</p>"
                if thin
                else "<p class='wk-thin'>No quadrant is thin.</p>"
            )
            + "<ul class='wk-findings'>"
            + item(
                "Not recognised as resources before today",
                f.not_recognized_before,
                "none",
                "wk-not-recognized",
            )
            + item(f"{least}, and could serve the goal", f.untapped_for_goal, "none", "wk-untapped")
            + item(
                f"{between}, and could serve the goal",
                f.under_used_for_goal,
                "none",
                "wk-under-used",
            )
            + item("Would cost new money", f.new_money, "none", "wk-new-money")
            + "</ul>"
            + f"<p><b>The school could generate more of ({len(f.can_generate)}):</b></p>"
            + (
                f"<ul class='wk-can-generate'>{generate}</ul>"
                if generate
                else "<p><i>none named yet</i></p>"
            )
            + (f"<p>… and {more} more.</p>" if more > 0 else "")
            + (
                f"<p><b>Needs a look:</b></p><ul class='wk-problems'>{problems}</ul>"
                if problems
                else ""
            )
        )

    def on_document_saved(self, kind: type[Document]) -> None:
        if kind in (ResourceInventory, GoalWork):
            self.rebuild()
