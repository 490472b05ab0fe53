"""The Day 1 summary: what the team decided, as Markdown (saved) and HTML (shown)."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from workshop_kit.config.day1 import Day1Config
from workshop_kit.exports.printable import escape
from workshop_kit.logic.cells import strip_controls
from workshop_kit.logic.goal_check import Feedback, GoalContext, check_criteria, check_goal
from workshop_kit.logic.scoring import Ranking, rank_candidates
from workshop_kit.logic.team import Rotation, member_line, team_rotation, voice_summary
from workshop_kit.logic.words import long_date
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.team import Team


@dataclass(frozen=True)
class Day1Summary:
    team: Team
    work: GoalWork
    ranking: Ranking
    feedback: list[Feedback]
    #: whose voice the team lacks, in plain words (empty when the config lists no staff groups)
    voice: str = ""
    rotation: Rotation = field(default_factory=lambda: Rotation((), ()))

    @classmethod
    def of(
        cls, team: Team, work: GoalWork, config: Day1Config, context: GoalContext | None = None
    ) -> Day1Summary:
        ranking = rank_candidates(
            work, team.member_names, config.criteria, config.low_consensus_spread
        )
        checker = config.goal_checker
        feedback = [
            *check_goal(work.goal, checker, context),
            *check_criteria(work.success_criteria, work.goal, checker, context),
        ]
        voice = voice_summary(team.members, config.staff_groups)
        rotation = team_rotation(
            team.members, team.rotation, config.meeting_roles, config.rotation_meetings
        )
        return cls(team, work, ranking, feedback, voice, rotation)

    @property
    def open_points(self) -> list[str]:
        points = [f.message for f in self.feedback if not f.ok]
        if not self.team.members:
            points.insert(0, "Add the team's members.")
        if not self.team.norms_agreed:
            points.append("Agree your norms.")
        if not self.work.success_criteria:
            points.append("Add at least one success criterion with a baseline, target and date.")
        if self.ranking.missing:
            points.append(f"{len(self.ranking.missing)} ratings are still missing.")
        return points


def _md(text: str) -> str:
    """Keep typed text from turning into Markdown structure or HTML when the file is rendered."""
    escaped = html.escape(strip_controls(text), quote=False)
    for ch in "\\`*_[]#|":
        escaped = escaped.replace(ch, "\\" + ch)
    return " ".join(escaped.split())


def to_markdown(summary: Day1Summary) -> str:
    team, work = summary.team, summary.work
    lines = [f"# Day 1 summary: {_md(team.name or 'our team')}", ""]
    if team.school:
        lines += [f"School: {_md(team.school)}", ""]
    lines += ["## Team", ""]
    lines += [
        f"- {member_line(_md(m.name), _md(m.role), _md(m.represents))}" for m in team.members
    ] or ["- (no members yet)"]
    if summary.voice:
        lines += ["", _md(summary.voice)]
    agreed = "agreed" if team.norms_agreed else "not yet agreed"
    lines += ["", f"## Norms ({agreed})", ""]
    lines += [f"- {_md(n)}" for n in team.norms] or ["- (none yet)"]
    rotation = summary.rotation
    if rotation.meetings:
        lines += [
            "",
            "## Meeting roles (they rotate)",
            "",
            "| Meeting | " + " | ".join(_md(r) for r in rotation.roles) + " |",
            "|---|" + "---|" * len(rotation.roles),
        ]
        lines += [
            f"| {n} | " + " | ".join(_md(h) for h in holders) + " |"
            for n, holders in enumerate(rotation.meetings, start=1)
        ]
    lines += [
        "",
        "## Candidate goals, ranked",
        "",
        "| Rank | Candidate goal | Team score | Spread | Note |",
        "|---|---|---|---|---|",
    ]
    for rank, s in enumerate(summary.ranking.scores, start=1):
        score = f"{s.team_score:.2f}" if s.team_score is not None else "not rated"
        spread = f"{s.spread:.2f}" if s.spread is not None else ""
        note = "; ".join(
            n
            for n in ("low consensus" if s.low_consensus else "", "tie" if s.tied_with else "")
            if n
        )
        lines.append(f"| {rank} | {_md(s.text)} | {score} | {spread} | {note} |")
    goal = work.goal
    lines += ["", "## Our goal", "", f"> {_md(goal.statement) or '(not written yet)'}", ""]
    if work.success_criteria:
        lines += [
            "## Success criteria",
            "",
            "| Measure | Baseline | Target | By |",
            "|---|---|---|---|",
        ]
        for c in work.success_criteria:
            unit = _md(c.unit)
            lines.append(
                f"| {_md(c.measure)} | {c.baseline:g}{unit} | {c.target:g}{unit} "
                f"| {long_date(c.by)} |"
            )
        lines.append("")
    if summary.open_points:
        lines += ["## Still to do", ""] + [f"- {_md(p)}" for p in summary.open_points] + [""]
    return "\n".join(lines)


def to_html(summary: Day1Summary) -> str:
    e = escape
    team, work = summary.team, summary.work
    members = (
        "".join(
            f"<li>{member_line(e(m.name), e(m.role), e(m.represents))}</li>" for m in team.members
        )
        or "<li>(no members yet)</li>"
    )
    voice = f"<p>{e(summary.voice)}</p>" if summary.voice else ""
    rotation = summary.rotation
    roles = (
        "<h4>Meeting roles (they rotate)</h4><table><tr><th>Meeting</th>"
        + "".join(f"<th>{e(r)}</th>" for r in rotation.roles)
        + "</tr>"
        + "".join(
            f"<tr><td>{n}</td>" + "".join(f"<td>{e(h)}</td>" for h in holders) + "</tr>"
            for n, holders in enumerate(rotation.meetings, start=1)
        )
        + "</table>"
        if rotation.meetings
        else ""
    )
    norms = "".join(f"<li>{e(n)}</li>" for n in team.norms) or "<li>(none yet)</li>"
    rows = []
    for rank, s in enumerate(summary.ranking.scores, start=1):
        score = f"{s.team_score:.2f}" if s.team_score is not None else "not rated"
        flag = " ⚑ low consensus" if s.low_consensus else ""
        rows.append(f"<tr><td>{rank}</td><td>{e(s.text)}</td><td>{score}{flag}</td></tr>")
    criteria = "".join(
        f"<tr><td>{e(c.measure)}</td><td>{c.baseline:g}{e(c.unit)}</td><td>{c.target:g}{e(c.unit)}</td>"
        f"<td>{long_date(c.by)}</td></tr>"
        for c in work.success_criteria
    )
    todo = "".join(f"<li>{e(p)}</li>" for p in summary.open_points)
    agreed = "agreed" if team.norms_agreed else "not yet agreed"
    return (
        f'<div class="wk-summary"><h3>{e(team.name or "Our team")}</h3>'
        f"<h4>Team</h4><ul>{members}</ul>{voice}"
        f"<h4>Norms ({agreed})</h4><ul>{norms}</ul>{roles}"
        "<h4>Candidate goals, ranked</h4><table><tr><th>#</th><th>Candidate</th>"
        f"<th>Team score</th></tr>{''.join(rows)}</table>"
        f"<h4>Our goal</h4><blockquote>{e(work.goal.statement) or '(not written yet)'}</blockquote>"
        + (
            "<h4>Success criteria</h4><table><tr><th>Measure</th><th>Baseline</th>"
            f"<th>Target</th><th>By</th></tr>{criteria}</table>"
            if criteria
            else ""
        )
        + (f"<h4>Still to do</h4><ul>{todo}</ul>" if todo else "<p>✅ Day 1 is complete.</p>")
        + "</div>"
    )
