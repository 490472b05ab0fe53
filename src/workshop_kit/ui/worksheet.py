"""The printed worksheet text around the panels: a day's opening (what you will do, learn and
need, with the time plan), and each activity's header and debrief question."""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as widgets
from IPython.display import HTML

from workshop_kit.config.common import Activity, DayPlan
from workshop_kit.ui.html import esc
from workshop_kit.ui.output import show


def _list(items: Sequence[str]) -> str:
    return "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>"


def day_opening_html(plan: DayPlan) -> str:
    rows = "".join(
        f"<tr><td>{n}</td><td>{esc(a.title)}</td>"
        f"<td style='text-align:right'>{a.minutes} min</td></tr>"
        for n, a in enumerate(plan.activities, start=1)
    )
    hours, minutes = divmod(plan.total_minutes, 60)
    return (
        # no title here: the notebook's own heading above names the day (it was shown twice)
        '<div class="wk-opening">'
        f"<h2>What you will do</h2>{_list(plan.you_will_do)}"
        f"<h2>What you will learn</h2>{_list(plan.you_will_learn)}"
        f"<h2>What you will need</h2>{_list(plan.you_will_need)}"
        f"<h2>Time plan</h2><table class='wk-timeplan'><tr><th>#</th><th>Activity</th>"
        f"<th>Time box</th></tr>{rows}<tr><td></td><td><b>Total</b></td>"
        f"<td style='text-align:right'><b>{hours} h {minutes:02d} min</b></td></tr></table></div>"
    )


def activity_header_html(activity: Activity, number: int) -> str:
    def detail(label: str, text: str, css: str) -> str:
        if not text:
            return ""
        if text.startswith(label):  # the config's text may begin with the label itself
            text = text[len(label) :].lstrip()
        return f'<p class="{css}"><b>{label}</b> {esc(text)}</p>'

    return (
        f'<div class="wk-activity" id="activity-{esc(activity.id)}">'
        f"<h3>{number}. {esc(activity.title)} "
        f'<span class="wk-timebox" style="font-weight:normal;font-size:0.8em">'
        f"⏱ {activity.minutes} min</span></h3>"
        f"<p>{esc(activity.prompt)}</p>"
        + detail("Facilitator note:", activity.facilitator_note, "wk-facilitator")
        + detail("Working alone?", activity.self_paced, "wk-self-paced")
        + "</div>"
    )


def debrief_html(activity: Activity) -> str:
    if not activity.debrief:
        return ""
    return f'<p class="wk-debrief"><b>Debrief:</b> <i>{esc(activity.debrief)}</i></p>'


def show_opening(plan: DayPlan) -> None:
    show(HTML(day_opening_html(plan)))


def show_activity(plan: DayPlan, activity_id: str, panel: widgets.Widget | None) -> None:
    """Print the activity's header, its panel, and its debrief question, in that order."""
    activity = plan.activity(activity_id)
    number = [a.id for a in plan.activities].index(activity_id) + 1
    show(HTML(activity_header_html(activity, number)))
    if panel is not None:
        show(panel)
    if activity.debrief:
        show(HTML(debrief_html(activity)))
