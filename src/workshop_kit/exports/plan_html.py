"""The team plan as one self-contained, printable HTML page.

Everything is inside the file: styles (with a print stylesheet) and charts as base64 PNG images, so
the page opens from a USB stick or an email attachment and prints cleanly. Jinja2 autoescaping
escapes every piece of text a team typed; no template value is ever marked safe (the chart data
URIs hold only base64 characters, which escaping leaves as they are).
"""

# The HTML template below keeps one table row per line for readability: long lines are expected.
# ruff: noqa: E501
from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from jinja2 import DictLoader, Environment, StrictUndefined

from workshop_kit.charts import to_png
from workshop_kit.charts.meeting_time import before_after, hours_by_type, year_calendar
from workshop_kit.logic.cells import strip_controls
from workshop_kit.logic.cycles import sessions_by_phase
from workshop_kit.logic.ledger import LedgerLine, hours_text, share_text
from workshop_kit.logic.team_plan import TeamPlanSummary
from workshop_kit.logic.words import long_date
from workshop_kit.model.meetings import RECURRENCE_LABELS, Purpose
from workshop_kit.model.plan import STATUS_LABELS, WHICH_LABELS


def _no_controls(value: object) -> object:
    """Every value the template prints, before it is escaped: text without control characters
    (HTML counts them as errors; a vertical tab from Word becomes a line break)."""
    return strip_controls(value) if isinstance(value, str) else value


#: the styles of the plan and the staff summary, screen and print
STYLE = """  body { font: 15px/1.45 "Segoe UI", Helvetica, Arial, sans-serif; color: #1d1d1d; max-width: 62rem;
         margin: 1.5rem auto; padding: 0 1.2rem; }
  h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.25rem; border-bottom: 2px solid #009E73;
  padding-bottom: .15rem; margin-top: 2rem; } h3 { font-size: 1.05rem; margin-bottom: .3rem; }
  .meta { color: #555; margin-top: 0; } .goal { font-size: 1.15rem; border-left: 5px solid #009E73;
  background: #eef8f4; padding: .6rem .9rem; }
  table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .9rem; }
  th, td { border: 1px solid #cfcfcf; padding: .3rem .45rem; vertical-align: top; text-align: left;
           overflow-wrap: break-word; }
  th { background: #f1f4f7; } td.n { text-align: right; white-space: nowrap; }
  .figures { display: flex; gap: 1rem; flex-wrap: wrap; } .figure { border: 1px solid #ddd;
  padding: .5rem .9rem; border-radius: 6px; min-width: 11rem; } .figure b { display: block; font-size: 1.4rem; }
  img.chart { max-width: 100%; height: auto; display: block; margin: .5rem 0; }
  ul.tight { margin: .2rem 0; padding-left: 1.1rem; } .muted { color: #666; }
  .open li { color: #8a1c1c; } .ok { color: #1b5e20; } .no { color: #8a1c1c; }
  nav ol { columns: 2; } nav a { color: #0b57a4; }
  /* Print (Letter or A4, portrait; docs/facilitator-guide.md, "Printing and PDF"). Rows of long
     text break across pages, so no page is left nearly blank by a row too tall for what is left
     of it, and a table's header row is printed again on each page it runs onto. Only short
     things are kept whole: headings with what follows them, the goal, the figures, the charts,
     an agenda's heading lines. Sections run on (a section starting on a new page left the page
     before it part empty): the demo plan printed on 21 Letter pages with rows kept whole and
     sections on new pages, and prints on 14 (tests/browser/test_printing.py). */
  @media print {
    @page { margin: 1.5cm 1.4cm; }
    body { font-size: 10pt; max-width: none; margin: 0; padding: 0; }
    nav, .screen-only { display: none; }
    h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
    .figures, .figure, img.chart, .agenda-head, p.goal { break-inside: avoid; page-break-inside: avoid; }
    table { font-size: 8.8pt; }
    tr { break-inside: auto; page-break-inside: auto; }
    thead { display: table-header-group; }
    /* a long word or web address wraps instead of running off the page; as that lets a column
       be as narrow as one letter, each keeps room for a word like "September" */
    th, td { overflow-wrap: anywhere; min-width: 5em; }
    /* the two widest tables get the columns their text needs (in %, of Letter or A4) */
    table.links, table.actions { table-layout: fixed; }
    table.links col:nth-child(1) { width: 17%; } table.links col:nth-child(2) { width: 27%; }
    table.links col:nth-child(3) { width: 14%; } table.links col:nth-child(4) { width: 24%; }
    table.links col:nth-child(5) { width: 18%; }
    table.actions col:nth-child(1) { width: 19%; } table.actions col:nth-child(2) { width: 9%; }
    table.actions col:nth-child(3), table.actions col:nth-child(4) { width: 9.5%; }
    table.actions col:nth-child(5) { width: 16%; } table.actions col:nth-child(6) { width: 13%; }
    table.actions col:nth-child(7) { width: 16%; } table.actions col:nth-child(8) { width: 8%; }
    /* long lists of names (the resources) run on as one paragraph: "a; b; c" */
    ul.names { padding-left: 0; list-style: none; }
    ul.names li { display: inline; }
    ul.names li:not(:last-child)::after { content: "; "; }
    a { color: inherit; text-decoration: none; }
    /* the light shading of headings and the goal prints without "Background graphics" ticked */
    th, .goal { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
    footer { break-before: avoid; page-break-before: avoid; }
  }
"""

#: the plan's and the staff summary's templates are rendered here
PAGE_ENV = Environment(
    autoescape=True,
    # the one template included in the pages: their styles (template text, never a value)
    loader=DictLoader({"page.css": STYLE}),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    finalize=_no_controls,
)
PAGE_ENV.filters["day"] = long_date
PAGE_ENV.filters["hours"] = hours_text
PAGE_ENV.filters["share"] = share_text
PAGE_ENV.filters["num"] = lambda value: f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"

TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="workshop-kit">
<title>{{ s.title }}</title>
<style>
{% include "page.css" %}
</style>
</head>
<body>
<header>
  <h1>{{ s.title }}</h1>
  <p class="meta">{{ s.team.school }}{% if s.team.school %} · {% endif %}School year {{ s.year.first_day|day }} to {{ s.year.last_day|day }} · Made on {{ today }}</p>
</header>
<nav class="screen-only"><ol>
  <li><a href="#goal">Our goal and how we will know</a></li>
  <li><a href="#links">How the plan fits together</a></li>
  <li><a href="#time">The meeting time we have</a></li>
  <li><a href="#repurpose">Time we re-purpose toward the goal</a></li>
  <li><a href="#cycles">Learning cycles</a></li>
  <li><a href="#agendas">ILT agendas</a></li>
  <li><a href="#actions">Action plan</a></li>
  <li><a href="#staff">Telling our staff</a></li>
  <li><a href="#launch">The session we lead for our staff</a></li>
</ol></nav>

<section id="goal">
<h2>Our goal and how we will know</h2>
{% if s.goal.goal.statement %}<p class="goal">{{ s.goal.goal.statement }}</p>{% else %}<p class="muted">The goal statement is not written yet (Day 1).</p>{% endif %}
{% if s.team.members %}<p><b>Our team:</b> {% for m in s.team.members %}{{ m.name }} ({{ m.role }}{% if m.represents %}, speaks for {{ m.represents }}{% endif %}){% if not loop.last %}, {% endif %}{% endfor %}</p>{% endif %}
{% if s.voice %}<p>{{ s.voice }}</p>{% endif %}
{% if s.rotation.meetings %}<p><b>Our meeting roles rotate:</b></p>
<table><thead><tr><th>Meeting</th>{% for r in s.rotation.roles %}<th>{{ r }}</th>{% endfor %}</tr></thead>
{% for holders in s.rotation.meetings %}<tr><td class="n">{{ loop.index }}</td>{% for h in holders %}<td>{{ h }}</td>{% endfor %}</tr>
{% endfor %}</table>
{% endif %}
{% if s.goal.success_criteria %}
<table><thead><tr><th>Success criterion</th><th>Baseline</th><th>Target</th><th>By</th></tr></thead>
{% for c in s.goal.success_criteria %}<tr><td>{{ c.measure }}</td><td class="n">{{ c.baseline|num }}{{ c.unit }}</td><td class="n">{{ c.target|num }}{{ c.unit }}</td><td>{{ c.by|day }}</td></tr>
{% endfor %}</table>
{% endif %}
</section>

<section id="links">
<h2>How the plan fits together</h2>
<p class="muted">For each success criterion: the resources from our map, the goal time of the learning cycles' sessions, the action steps and the progress checks that serve it.</p>
<table class="links"><colgroup><col><col><col><col><col></colgroup>
<thead><tr><th>Success criterion</th><th>Resources we use</th><th>Meeting time</th><th>Actions</th><th>Progress checks</th></tr></thead>
{% for link in links %}<tr>
<td>{{ link.criterion.measure }}<br><span class="muted">{{ link.criterion.baseline|num }}{{ link.criterion.unit }} → {{ link.criterion.target|num }}{{ link.criterion.unit }} by {{ link.criterion.by|day }}</span></td>
<td>{% if link.resources %}<ul class="tight names">{% for r in link.resources %}<li>{{ r }}</li>{% endfor %}</ul>{% else %}<span class="no">none yet</span>{% endif %}</td>
<td>{% if link.cycles %}<ul class="tight">{% for p in link.cycles %}<li>{{ p.cycle.name }}: {{ p.sessions|length }} sessions</li>{% endfor %}</ul>{{ link.cycle_hours|hours }} on the goal{% else %}<span class="no">no cycle yet</span>{% endif %}</td>
<td>{% if link.actions %}<ul class="tight">{% for a in link.actions %}<li>{{ a.action }} <span class="muted">({{ a.owner }}, due {{ a.due|day }})</span></li>{% endfor %}</ul>{% else %}<span class="no">no step yet</span>{% endif %}</td>
<td>{% if link.checks %}<ul class="tight">{% for d, e in link.checks %}<li>{{ d|day }}: {{ e }}</li>{% endfor %}</ul>{% else %}<span class="no">none yet</span>{% endif %}</td>
</tr>{% endfor %}
</table>
{% if s.problems %}<h3>Still open</h3><ul class="open">{% for p in s.problems %}<li>{{ p }}</li>{% endfor %}</ul>{% endif %}
</section>

<section id="time">
<h2>The meeting time we have</h2>
<div class="figures">
  <div class="figure"><b>{{ s.ledger.total_hours|hours }}</b>of recurring meetings in the year</div>
  <div class="figure"><b>{{ "{:,.0f}".format(s.ledger.person_hours) }}</b>person-hours (everyone in the room)</div>
  <div class="figure"><b>{{ s.ledger.goal_share|share }}</b>on learning toward the goal today</div>
  <div class="figure"><b>{{ s.what_if.goal_share_after|share }}</b>on the goal with our plan</div>
</div>
<img class="chart" alt="Meeting hours by type of meeting and purpose" src="{{ charts.types }}">
<table><thead><tr><th>Meeting</th><th>Type</th><th>How often</th><th>Times</th><th>Minutes</th><th>Hours</th><th>Person-hours</th><th>On the goal today</th><th>With the plan</th></tr></thead>
{% for line in s.ledger.lines %}<tr><td>{{ line.meeting.name }}<br><span class="muted">{{ line.meeting.attendees }}</span></td><td>{{ type_label(line.meeting.type) }}</td><td>{{ line.meeting.recurrence.describe(long_date) }}</td><td class="n">{{ line.count }}</td><td class="n">{{ line.meeting.minutes }}</td><td class="n">{{ line.hours|num }}</td><td class="n">{{ line.person_hours|num }}</td><td class="n">{{ line.goal_share|share }}</td><td class="n">{{ goal_after(line)|share }}</td></tr>
{% endfor %}
<tr><th colspan="3">Total</th><th class="n">{{ s.ledger.meeting_count }}</th><th></th><th class="n">{{ s.ledger.total_hours|num }}</th><th class="n">{{ s.ledger.person_hours|num }}</th><th class="n">{{ s.ledger.goal_share|share }}</th><th class="n">{{ s.what_if.goal_share_after|share }}</th></tr>
</table>
</section>

<section id="repurpose">
<h2>Time we re-purpose toward the goal</h2>
<p>With these moves, <b>{{ s.what_if.reclaimed_hours|hours }}</b> of meeting time a year ({{ "{:,.0f}".format(s.what_if.reclaimed_person_hours) }} person-hours) go to learning toward our goal, without adding a single meeting.</p>
<img class="chart" alt="Hours by purpose today and with the plan" src="{{ charts.before_after }}">
{% if s.what_if.effects %}
<table><thead><tr><th>Meeting</th><th>What changes</th><th>Minutes per meeting</th><th>Which meetings</th><th>Hours a year</th><th>Person-hours</th></tr></thead>
{% for e in s.what_if.effects %}<tr><td>{{ e.line.meeting.name }}</td><td>{{ e.move.how }}<br><span class="muted">from {{ taken(e.move) }}</span></td><td class="n">{{ e.minutes_per_meeting }}</td><td>{{ which(e.move.which) }} ({{ e.occurrences }})</td><td class="n">{{ e.hours|num }}</td><td class="n">{{ e.person_hours|num }}</td></tr>
{% endfor %}</table>
{% else %}<p class="muted">No re-purposing moves yet.</p>{% endif %}
</section>

<section id="cycles">
<h2>Learning cycles</h2>
<img class="chart" alt="The school year at a glance, with meeting days, breaks and learning-cycle sessions" src="{{ charts.calendar }}">
{% for p in s.cycles %}
<h3>{{ p.cycle.name }}{% if p.cycle.focus %}: {{ p.cycle.focus }}{% endif %}</h3>
<p class="muted">{{ p.cycle.start|day }} to {{ p.end|day }} · {{ p.cycle.weeks }} weeks · {{ p.sessions|length }} sessions in {{ cycle_meetings(p) }}</p>
<table><thead><tr><th>Phase</th><th>Sessions</th></tr></thead>
{% for phase, days in by_phase(p) %}<tr><td>{{ phase }}</td><td>{% for day, names in days %}{{ day|day }} ({{ names|join(", ") }}){% if not loop.last %}; {% endif %}{% endfor %}</td></tr>
{% endfor %}</table>
{% else %}<p class="muted">No learning cycles placed yet.</p>{% endfor %}
</section>

<section id="agendas">
<h2>ILT agendas</h2>
{% for a in s.plan.agendas %}
<div class="agenda">
<div class="agenda-head">
<h3>{{ meeting_name(a.meeting_id) }}{% if a.date %}, {{ a.date|day }}{% endif %}</h3>
<p><b>Purpose:</b> {{ a.purpose or "(not stated)" }}<br>
<b>Facilitator:</b> {{ a.facilitator or "–" }} · <b>Timekeeper:</b> {{ a.timekeeper or "–" }} · <b>Note-taker:</b> {{ a.note_taker or "–" }}</p>
</div>
<table><thead><tr><th>Minutes</th><th>Item</th><th>Lead</th><th>Notes</th></tr></thead>
{% for item in a.items %}<tr><td class="n">{{ item.minutes }}</td><td>{{ item.title }}</td><td>{{ item.lead }}</td><td>{{ item.notes }}</td></tr>
{% endfor %}<tr><th class="n">{{ a.total_minutes }}</th><th colspan="3">minutes in all</th></tr></table>
<ul class="tight">{% for c in s.agenda_checks[a.id] %}<li class="{{ 'ok' if c.ok else 'no' }}">{{ '✓' if c.ok else '✗' }} {{ c.message }}</li>{% endfor %}</ul>
</div>
{% else %}<p class="muted">No agendas drafted yet.</p>{% endfor %}
<h3>Our check at the end of every meeting</h3>
<ul class="tight">{% for q in s.config.agenda_template.meeting_check %}<li>{{ q }}</li>{% endfor %}</ul>
</section>

<section id="actions">
<h2>Action plan</h2>
{% if s.plan.actions %}
<table class="actions"><colgroup><col><col><col><col><col><col><col><col></colgroup>
<thead><tr><th>Step</th><th>Owner</th><th>Start</th><th>Due</th><th>Resources</th><th>Serves</th><th>Progress checks</th><th>Status</th></tr></thead>
{% for a in s.plan.actions %}<tr><td>{{ a.action }}</td><td>{{ a.owner }}</td><td>{{ a.start|day }}</td><td>{{ a.due|day }}</td>
<td><ul class="tight names">{% for r in s.resources_of(a) %}<li>{{ r }}</li>{% endfor %}</ul></td>
<td><ul class="tight">{% for c in s.criteria_of(a.criterion_ids) %}<li>{{ c }}</li>{% endfor %}</ul></td>
<td><ul class="tight">{% for c in a.progress_checks %}<li>{{ c.date|day }}: {{ c.evidence }}</li>{% endfor %}</ul></td>
<td>{{ status(a.status) }}</td></tr>
{% endfor %}</table>
{% else %}<p class="muted">No action steps yet.</p>{% endif %}
</section>

<section id="support">
<h2>Support we will ask for</h2>
{% if s.support_requests %}
<table><thead><tr><th>Form of support</th><th>What we will ask for</th><th>From whom</th><th>Who will ask</th></tr></thead>
{% for label, r in s.support_requests %}<tr><td>{{ label }}</td><td>{{ r.need }}</td><td>{{ r.ask_whom }}</td><td>{{ r.asker }}</td></tr>
{% endfor %}</table>
{% else %}<p class="muted">No support requests yet (Day 2).</p>{% endif %}
</section>

<section id="staff">
<h2>Telling our staff</h2>
{% if s.plan.key_message %}<p class="goal">{{ s.plan.key_message }}</p>{% endif %}
{% if s.plan.communication %}
<table><thead><tr><th>When</th><th>Who hears it</th><th>How</th><th>Who tells them</th><th>What</th></tr></thead>
{% for m in s.plan.communication %}<tr><td>{{ m.date|day }}</td><td>{{ m.audience }}</td><td>{{ m.channel }}</td><td>{{ m.who }}</td><td>{{ m.message }}</td></tr>
{% endfor %}</table>
{% else %}<p class="muted">No plan for telling the staff yet.</p>{% endif %}
</section>

<section id="launch">
<h2>The session we lead for our staff</h2>
{% set l = s.plan.launch %}
{% if l %}
<div class="agenda">
<p><b>When:</b> {{ l.date|day if l.date else "(no date yet)" }} · {{ l.minutes }} minutes<br>
<b>Purpose:</b> {{ l.purpose or "(not stated)" }}</p>
<table><thead><tr><th>Minutes</th><th>Part</th><th>Who leads</th><th>Routine it models</th><th>Notes</th></tr></thead>
{% for p in l.segments %}<tr><td class="n">{{ p.minutes }}</td><td>{{ p.title }}</td><td>{{ p.lead }}</td><td>{{ routine(p.routine) }}</td><td>{{ p.notes }}</td></tr>
{% endfor %}<tr><th class="n">{{ l.total_minutes }}</th><th colspan="4">minutes in all</th></tr></table>
{% if l.norms %}<p><b>Our norms for the session</b></p>
<ul class="tight">{% for n in l.norms %}<li>{{ n }}</li>{% endfor %}</ul>{% endif %}
<ul class="tight">{% for c in s.launch_checks %}<li class="{{ 'ok' if c.ok else 'no' }}">{{ '✓' if c.ok else '✗' }} {{ c.message }}</li>{% endfor %}</ul>
</div>
{% else %}<p class="muted">No back-to-school session planned yet.</p>{% endif %}
</section>
<footer class="muted"><p>Made with workshop-kit for the Leadership for Learning institute.</p></footer>
</body>
</html>
"""


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def chart_images(summary: TeamPlanSummary, dpi: int = 110) -> dict[str, str]:
    """The plan's three charts as PNG data URIs."""
    config = summary.config
    labels = {t.id: t.label for t in config.meeting_types}
    return {
        "types": _data_uri(
            to_png(hours_by_type(summary.ledger, labels, config.purpose_labels), dpi)
        ),
        "before_after": _data_uri(
            to_png(before_after(summary.what_if, config.purpose_labels), dpi)
        ),
        "calendar": _data_uri(to_png(year_calendar(summary.ledger, summary.cycles), dpi)),
    }


def to_html(summary: TeamPlanSummary, *, today: dt.date | None = None) -> str:
    """The whole plan as one HTML document (UTF-8 text)."""
    config = summary.config
    purpose_labels = config.purpose_labels
    what = summary.what_if

    def goal_after(line: LedgerLine) -> float | None:
        minutes = line.minutes
        if not minutes:
            return None
        moved = sum(e.minutes for e in what.effects if e.move.meeting_id == line.meeting.id)
        return (line.purpose_minutes(Purpose.GOAL) + moved) / minutes

    def taken(move: Any) -> str:
        parts = [
            f"{purpose_labels[p].lower()} {move.take.of(p)} min"
            for p in (Purpose.LOGISTICS, Purpose.COMPLIANCE, Purpose.OTHER_INSTRUCTIONAL)
            if move.take.of(p)
        ]
        return ", ".join(parts)

    def cycle_meetings(placed: Any) -> str:
        return ", ".join(summary.meeting_name(mid) for mid in placed.cycle.meeting_ids)

    return PAGE_ENV.from_string(TEMPLATE).render(
        s=summary,
        links=summary.links(),
        charts=chart_images(summary),
        today=long_date(today or dt.date.today()),
        long_date=long_date,
        type_label=config.type_label,
        goal_after=goal_after,
        taken=taken,
        which=lambda w: WHICH_LABELS.get(w, w),
        status=lambda st: STATUS_LABELS.get(st, st),
        meeting_name=summary.meeting_name,
        routine=summary.routine_label,
        cycle_meetings=cycle_meetings,
        by_phase=sessions_by_phase,
        recurrence_labels=RECURRENCE_LABELS,
    )
