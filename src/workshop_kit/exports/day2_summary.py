"""The Day 2 summary: the resource map in words, as Markdown (saved) and HTML (shown)."""

from __future__ import annotations

from dataclasses import dataclass

from workshop_kit.config.day2 import Day2Config
from workshop_kit.exports.day1_summary import _md
from workshop_kit.exports.printable import escape
from workshop_kit.logic.resources import ResourceFindings, find
from workshop_kit.logic.words import plural
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.resources import Resource, ResourceInventory
from workshop_kit.model.team import Team

LIST_LIMIT = 12


@dataclass(frozen=True)
class Day2Summary:
    team: Team
    work: GoalWork
    inventory: ResourceInventory
    findings: ResourceFindings
    config: Day2Config

    @classmethod
    def of(
        cls, team: Team, work: GoalWork, inventory: ResourceInventory, config: Day2Config
    ) -> Day2Summary:
        return cls(team, work, inventory, find(inventory, config, work.success_criteria), config)

    @property
    def open_points(self) -> list[str]:
        f, points = self.findings, []
        if not self.work.goal.statement:
            points.append("Write your goal on Day 1 first: the map is read against it.")
        if f.total == 0:
            points.append("List the resources your school has.")
            return points
        if not self.work.success_criteria:
            points.append("Add success criteria on Day 1, then link resources to them.")
        elif not any(r.success_criteria for r in self.inventory.resources):
            points.append("Link resources to your success criteria.")
        if not self.inventory.support_requests:
            points.append("Write what you will ask your district or network for (support).")
        points += list(f.problems)
        return points

    def criterion_label(self, criterion_id: str) -> str:
        found = next((c for c in self.work.success_criteria if c.id == criterion_id), None)
        return found.measure if found else criterion_id

    def sections(self) -> list[tuple[str, list[str], str]]:
        """(heading, items, text when empty) in reading order, shared by Markdown and HTML."""
        f = self.findings

        def names(resources: tuple[Resource, ...], detail: bool = False) -> list[str]:
            shown = [
                f"{r.name} ({self.config.quadrant_label(r.quadrant)}"
                + (f"; {r.holder}" if detail and r.holder else "")
                + ")"
                for r in resources[:LIST_LIMIT]
            ]
            if len(resources) > LIST_LIMIT:
                shown.append(f"… and {len(resources) - LIST_LIMIT} more")
            return shown

        generate = [
            f"{r.name}: {r.how_to_generate}" if r.how_to_generate else r.name
            for r in f.can_generate[:LIST_LIMIT]
        ]
        if len(f.can_generate) > LIST_LIMIT:
            generate.append(f"… and {len(f.can_generate) - LIST_LIMIT} more")
        criteria = [
            f"{self.criterion_label(c)}: {len(found)} resource{'s' if len(found) != 1 else ''}"
            + ("" if found else " ⚠ nothing behind it yet")
            for c, found in f.by_criterion.items()
        ]
        forms = [
            f"{self.config.form_label(form.id)}: "
            + (
                f"{request.need}"
                + (f" (from {request.ask_whom})" if request.ask_whom else "")
                + (f", asked by {request.asker}" if request.asker else "")
                if (request := self.inventory.request_for(form.id))
                else "no request yet"
            )
            for form in self.config.support_forms
        ]
        return [
            (
                "Not recognised as resources before today",
                names(f.not_recognized_before, True),
                "None: the team knew every resource listed.",
            ),
            ("Untapped, and could serve the goal", names(f.untapped_for_goal, True), "None."),
            ("Under-used, and could serve the goal", names(f.under_used_for_goal, True), "None."),
            ("Resources the school could generate more of", generate, "None named yet."),
            (
                "Success criteria and the resources behind them",
                criteria,
                "No success criteria yet (Day 1).",
            ),
            ("Support we will ask our district or network for", forms, "None configured."),
        ]


def to_markdown(summary: Day2Summary) -> str:
    team, f = summary.team, summary.findings
    lines = [f"# Day 2 summary: {_md(team.name or 'our team')}", ""]
    if summary.work.goal.statement:
        lines += ["Our goal:", "", f"> {_md(summary.work.goal.statement)}", ""]
    lines += [f"## The resource map ({plural(f.total, 'resource')})", ""]
    statuses = summary.config.use_statuses
    lines += ["| Quadrant | Resources | " + " | ".join(_md(s.label) for s in statuses) + " |"]
    lines += ["|---|---|" + "---|" * len(statuses)]
    for q in f.quadrants:
        thin = " (thin)" if q.thin else ""
        counts = " | ".join(str(q.by_use.get(s.id, 0)) for s in statuses)
        lines.append(f"| {_md(q.label)}{thin} | {q.total} | {counts} |")
    lines.append("")
    for heading, items, empty in summary.sections():
        lines += [f"## {heading}", ""]
        lines += [f"- {_md(item)}" for item in items] or [f"{_md(empty)}"]
        lines.append("")
    if summary.open_points:
        lines += ["## Still to do", ""] + [f"- {_md(p)}" for p in summary.open_points] + [""]
    return "\n".join(lines)


def to_html(summary: Day2Summary) -> str:
    e = escape
    f = summary.findings
    statuses = summary.config.use_statuses
    head = "".join(f"<th>{e(s.label)}</th>" for s in statuses)
    rows = "".join(
        f"<tr><td>{e(q.label)}{' <b>(thin)</b>' if q.thin else ''}</td><td>{q.total}</td>"
        + "".join(f"<td>{q.by_use.get(s.id, 0)}</td>" for s in statuses)
        + "</tr>"
        for q in f.quadrants
    )
    parts = [
        f'<div class="wk-summary wk-day2-summary"><h3>{e(summary.team.name or "Our team")}</h3>'
    ]
    if summary.work.goal.statement:
        parts.append(f"<p><b>Our goal:</b> {e(summary.work.goal.statement)}</p>")
    parts.append(
        f"<h4>The resource map ({plural(f.total, 'resource')})</h4>"
        "<table class='wk-quadrant-counts'>"
        f"<tr><th>Quadrant</th><th>Resources</th>{head}</tr>{rows}</table>"
    )
    for heading, items, empty in summary.sections():
        body = "".join(f"<li>{e(i)}</li>" for i in items)
        parts.append(
            f"<h4>{e(heading)}</h4>" + (f"<ul>{body}</ul>" if items else f"<p>{e(empty)}</p>")
        )
    todo = "".join(f"<li>{e(p)}</li>" for p in summary.open_points)
    parts.append(f"<h4>Still to do</h4><ul>{todo}</ul>" if todo else "<p>✅ Day 2 is complete.</p>")
    parts.append("</div>")
    return "".join(parts)
