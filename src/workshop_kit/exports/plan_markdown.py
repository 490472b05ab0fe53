"""The team plan as Markdown: the same sections as the printable page, as plain, diffable text.

Text a team typed is escaped so it stays text: it cannot become a heading, a link, a table cell
break or raw HTML when a Markdown viewer renders the file.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from workshop_kit.logic.cells import strip_controls
from workshop_kit.logic.cycles import sessions_by_phase
from workshop_kit.logic.ledger import hours_text, share_text
from workshop_kit.logic.team import member_line
from workshop_kit.logic.team_plan import TeamPlanSummary
from workshop_kit.logic.words import long_date
from workshop_kit.model.meetings import MOVABLE
from workshop_kit.model.plan import STATUS_LABELS, WHICH_LABELS

#: characters that carry Markdown meaning anywhere in a line (HTML's < > & become entities first)
_SPECIAL = "\\`*_[]|~"
#: a line that starts like a list item, heading, quote or numbered item
_LEADING = re.compile(r"^(\d*)([-+#>=.)])")


def md(text: object) -> str:
    """One line of typed text, safe inside Markdown paragraphs, lists and table cells."""
    flat = " ".join(strip_controls(str(text)).split())
    escaped = html.escape(flat, quote=False)
    escaped = "".join("\\" + ch if ch in _SPECIAL else ch for ch in escaped)
    return _LEADING.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped, count=1)


def _num(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def _table(headings: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(headings) + " |", "|" + "---|" * len(headings)]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    return [*lines, ""]


def to_markdown(summary: TeamPlanSummary, *, today: dt.date | None = None) -> str:
    s = summary
    config = s.config
    labels = config.purpose_labels
    out = [f"# {md(s.title)}", ""]
    meta = f"School year {long_date(s.year.first_day)} to {long_date(s.year.last_day)}"
    if s.team.school:
        meta = f"{md(s.team.school)} · {meta}"
    out += [f"{meta} · made on {long_date(today or dt.date.today())}", ""]

    out += ["## Our goal and how we will know", ""]
    out += [
        f"> {md(s.goal.goal.statement)}"
        if s.goal.goal.statement
        else "_The goal statement is not written yet._",
        "",
    ]
    if s.team.members:
        team = ", ".join(
            member_line(md(m.name), md(m.role), md(m.represents)) for m in s.team.members
        )
        out += [f"**Our team:** {team}", ""]
        if s.voice:
            out += [md(s.voice), ""]
        if s.rotation.meetings:
            turns = "; ".join(
                f"meeting {n}: "
                + ", ".join(
                    f"{md(h)} ({md(r)})" for r, h in zip(s.rotation.roles, holders, strict=True)
                )
                for n, holders in enumerate(s.rotation.meetings, start=1)
            )
            out += [f"**Our meeting roles rotate:** {turns}.", ""]
    if s.goal.success_criteria:
        out += _table(
            ["Success criterion", "Baseline", "Target", "By"],
            [
                [
                    md(c.measure),
                    f"{_num(c.baseline)}{md(c.unit)}",
                    f"{_num(c.target)}{md(c.unit)}",
                    long_date(c.by),
                ]
                for c in s.goal.success_criteria
            ],
        )

    out += ["## How the plan fits together", ""]
    rows = []
    for link in s.links():
        rows.append(
            [
                md(link.criterion.measure),
                "; ".join(md(r) for r in link.resources) or "none yet",
                (
                    "; ".join(
                        f"{md(p.cycle.name)} ({len(p.sessions)} sessions)" for p in link.cycles
                    )
                    + f" · {hours_text(link.cycle_hours)} on the goal"
                )
                if link.cycles
                else "no cycle yet",
                "; ".join(
                    f"{md(a.action)} ({md(a.owner)}, due {long_date(a.due)})" for a in link.actions
                )
                or "no step yet",
                "; ".join(f"{long_date(d)}: {md(e)}" for d, e in link.checks) or "none yet",
            ]
        )
    out += _table(
        ["Success criterion", "Resources", "Meeting time", "Actions", "Progress checks"], rows
    )
    if s.problems:
        out += ["**Still open:**", ""] + [f"- {md(p)}" for p in s.problems] + [""]

    ledger, what = s.ledger, s.what_if
    out += ["## The meeting time we have", ""]
    out += [
        f"- {hours_text(ledger.total_hours)} of recurring meetings in the year "
        f"({_num(ledger.person_hours)} person-hours)",
        f"- {share_text(ledger.goal_share)} of it on learning toward the goal today, "
        f"{share_text(what.goal_share_after)} with our plan",
        "",
    ]
    out += _table(
        [
            "Meeting",
            "Type",
            "How often",
            "Times",
            "Minutes",
            "Hours",
            "Person-hours",
            "On the goal",
        ],
        [
            [
                md(line.meeting.name),
                md(config.type_label(line.meeting.type)),
                md(line.meeting.recurrence.describe(long_date)),
                str(line.count),
                str(line.meeting.minutes),
                _num(line.hours),
                _num(line.person_hours),
                share_text(line.goal_share),
            ]
            for line in ledger.lines
        ],
    )

    out += ["## Time we re-purpose toward the goal", ""]
    out += [
        f"With these moves, **{hours_text(what.reclaimed_hours)}** a year "
        f"({_num(what.reclaimed_person_hours)} person-hours) go to learning toward our goal.",
        "",
    ]
    if what.effects:
        out += _table(
            [
                "Meeting",
                "What changes",
                "Taken from",
                "Min per meeting",
                "Which meetings",
                "Hours a year",
            ],
            [
                [
                    md(e.line.meeting.name),
                    md(e.move.how),
                    ", ".join(
                        f"{md(labels[p].lower())} {e.move.take.of(p)}"
                        for p in MOVABLE
                        if e.move.take.of(p)
                    ),
                    str(e.minutes_per_meeting),
                    f"{WHICH_LABELS[e.move.which]} ({e.occurrences})",
                    _num(e.hours),
                ]
                for e in what.effects
            ],
        )

    out += ["## Learning cycles", ""]
    if not s.cycles:
        out += ["_No learning cycles placed yet._", ""]
    for placed in s.cycles:
        c = placed.cycle
        title = f"### {md(c.name)}" + (f": {md(c.focus)}" if c.focus else "")
        out += [
            title,
            "",
            f"{long_date(c.start)} to {long_date(placed.end)}, {len(placed.sessions)} sessions",
            "",
        ]
        for phase, days in sessions_by_phase(placed):
            dates = "; ".join(
                f"{long_date(d)} ({', '.join(md(n) for n in names)})" for d, names in days
            )
            out.append(f"- **{md(phase)}:** {dates}")
        out.append("")

    out += ["## ILT agendas", ""]
    for agenda in s.plan.agendas:
        when = f", {long_date(agenda.date)}" if agenda.date else ""
        out += [f"### {md(s.meeting_name(agenda.meeting_id))}{when}", ""]
        out += [
            f"**Purpose:** {md(agenda.purpose) or '(not stated)'}  ",
            f"**Facilitator:** {md(agenda.facilitator) or '–'} · **Timekeeper:** "
            f"{md(agenda.timekeeper) or '–'} · **Note-taker:** {md(agenda.note_taker) or '–'}",
            "",
        ]
        out += _table(
            ["Minutes", "Item", "Lead", "Notes"],
            [[str(i.minutes), md(i.title), md(i.lead), md(i.notes)] for i in agenda.items],
        )
        out += [f"- {'✓' if c.ok else '✗'} {md(c.message)}" for c in s.agenda_checks[agenda.id]] + [
            ""
        ]
    if not s.plan.agendas:
        out += ["_No agendas drafted yet._", ""]

    out += ["## Action plan", ""]
    if s.plan.actions:
        out += _table(
            ["Step", "Owner", "Start", "Due", "Resources", "Serves", "Progress checks", "Status"],
            [
                [
                    md(a.action),
                    md(a.owner),
                    long_date(a.start),
                    long_date(a.due),
                    "; ".join(md(r) for r in s.resources_of(a)),
                    "; ".join(md(c) for c in s.criteria_of(a.criterion_ids)),
                    "; ".join(f"{long_date(c.date)}: {md(c.evidence)}" for c in a.progress_checks),
                    STATUS_LABELS[a.status],
                ]
                for a in s.plan.actions
            ],
        )
    else:
        out += ["_No action steps yet._", ""]

    out += ["## Support we will ask for", ""]
    if s.support_requests:
        out += _table(
            ["Form of support", "What we will ask for", "From whom", "Who will ask"],
            [
                [md(label), md(r.need), md(r.ask_whom), md(r.asker)]
                for label, r in s.support_requests
            ],
        )
    else:
        out += ["_No support requests yet (Day 2)._", ""]

    out += ["## Telling our staff", ""]
    if s.plan.key_message:
        out += [f"> {md(s.plan.key_message)}", ""]
    if s.plan.communication:
        out += _table(
            ["When", "Who hears it", "How", "Who tells them", "What"],
            [
                [long_date(m.date), md(m.audience), md(m.channel), md(m.who), md(m.message)]
                for m in s.plan.communication
            ],
        )

    out += ["## The session we lead for our staff", ""]
    launch = s.plan.launch
    if launch is None:
        out += ["_No back-to-school session planned yet._", ""]
    else:
        when = long_date(launch.date) if launch.date else "(no date yet)"
        out += [
            f"**When:** {when} · {launch.minutes} minutes  ",
            f"**Purpose:** {md(launch.purpose) or '(not stated)'}",
            "",
        ]
        out += _table(
            ["Minutes", "Part", "Who leads", "Routine it models", "Notes"],
            [
                [
                    str(p.minutes),
                    md(p.title),
                    md(p.lead),
                    md(s.routine_label(p.routine)),
                    md(p.notes),
                ]
                for p in launch.segments
            ],
        )
        if launch.norms:
            out += ["**Our norms for the session:**", ""]
            out += [f"- {md(n)}" for n in launch.norms] + [""]
        out += [f"- {'✓' if c.ok else '✗'} {md(c.message)}" for c in s.launch_checks]
    return "\n".join(out).rstrip() + "\n"
