"""The institute agenda and the ball game's script as HTML: shown in the facilitator guide and
printed as one page (``workshop-kit agenda``). Everything comes from the facilitator's config."""

from __future__ import annotations

import datetime as dt
from html import escape

from workshop_kit.config.institute import BallGame, InstituteConfig
from workshop_kit.exports.printable import printable_page
from workshop_kit.logic.institute import AgendaDay, hours_and_minutes

KIND_LABELS = {
    "whole_group": "Whole group",
    "team": "Team work",
    "break": "Break",
    "lunch": "Lunch",
}


def _time(value: dt.time) -> str:
    return f"{value.hour}:{value.minute:02d}"


def _items(items: tuple[str, ...], tag: str = "ul") -> str:
    return f"<{tag}>" + "".join(f"<li>{escape(i)}</li>" for i in items) + f"</{tag}>"


def day_html(day: AgendaDay) -> str:
    rows = []
    for row in day.rows:
        segment = row.segment
        detail = ""
        if row.activities:
            detail += "Notebook activities: " + _items(row.activities)
        if segment.what:
            detail += f"<p>{escape(segment.what)}</p>"
        if segment.materials:
            detail += "<p><i>Materials:</i> " + escape("; ".join(segment.materials)) + "</p>"
        rows.append(
            f'<tr class="wk-agenda-{segment.kind}"><td>{_time(row.start)}–{_time(row.end)}</td>'
            f"<td>{escape(KIND_LABELS[segment.kind])}</td>"
            f"<td><b>{escape(segment.title)}</b>{detail}</td><td>{row.minutes} min</td></tr>"
        )
    team = day.minutes_of("team")
    whole = day.minutes_of("whole_group")
    pauses = day.minutes_of("break", "lunch")
    return (
        f'<div class="wk-agenda-day"><h4>Day {day.day.day}: {escape(day.day.title)}</h4>'
        f"<p>{_time(day.start)} to {_time(day.end)} ({hours_and_minutes(day.minutes)}): "
        f"team work {hours_and_minutes(team)}, whole group {hours_and_minutes(whole)}, breaks "
        f"and lunch {hours_and_minutes(pauses)}.</p>"
        "<table><thead><tr><th>Time</th><th>Who</th><th>What</th><th>Length</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def ball_game_html(game: BallGame) -> str:
    return (
        '<div class="wk-ball-game">'
        f"<p>{escape(game.purpose)}</p>"
        f"<p><b>Materials</b></p>{_items(game.materials)}"
        f"<p><b>The hidden rules</b> (on the keeper's card; never read out before round "
        f"three)</p>{_items(game.rules, 'ol')}"
        f"<p><b>How to run it</b></p>{_items(game.run, 'ol')}"
        f"<p><b>Debrief questions</b></p>{_items(game.debrief, 'ol')}"
        f"<p><b>Working alone</b> {escape(game.self_paced)}</p></div>"
    )


def agenda_html(institute: InstituteConfig, days: list[AgendaDay]) -> str:
    return (
        '<div class="wk-agenda">'
        + "".join(day_html(d) for d in days)
        + "<h4>Materials</h4>"
        + _items(institute.materials)
        + "</div>"
    )


def agenda_page(
    institute: InstituteConfig, days: list[AgendaDay], made_on: dt.date | None = None
) -> str:
    """The agenda and the ball game as one page to print."""
    body = (
        agenda_html(institute, days)
        + "<h4>The ball game</h4>"
        + ball_game_html(institute.ball_game)
    )
    return printable_page(institute.title, body, made_on)
