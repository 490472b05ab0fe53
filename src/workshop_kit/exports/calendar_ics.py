"""The year's meetings, learning cycles, progress checks and the launch session with staff as an
iCalendar (.ics) file.

Written with the ``icalendar`` library, which escapes text and folds long lines as RFC 5545 asks,
so Google Calendar, Outlook and Apple Calendar import it. Meetings with a start time are timed
events in the facilitator's time zone (a VTIMEZONE is included); meetings without one, cycles,
progress checks and the launch session (which has a date, not a time) are all-day events.

A meeting that repeats is one series (an RRULE with its holidays as EXDATEs), not one event per
date: a year of weekly meetings is a few dozen lines in the team's calendar instead of hundreds of
events. A date whose title or notes differ (a learning cycle's session) is written as a changed
occurrence of the series (RECURRENCE-ID). Each event has a stable UID and a SEQUENCE that grows with
each export, so importing an updated file updates events instead of duplicating them.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import Counter

from icalendar import Calendar, Event, vRecur, vText

from workshop_kit.logic.cells import strip_controls
from workshop_kit.logic.ledger import SeriesRule, series_rule
from workshop_kit.logic.team_plan import TeamPlanSummary
from workshop_kit.model.meetings import Meeting, Purpose

PRODID = "-//workshop-kit//Leadership for Learning team plan//EN"
DAY = dt.timedelta(days=1)
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _uid(slug: str, *parts: str) -> str:
    return "-".join((slug, *parts)) + "@workshop-kit"


def _purposes_text(minutes: dict[Purpose, int], labels: dict[Purpose, str]) -> str:
    return "; ".join(f"{labels[p]}: {minutes[p]} min" for p in Purpose if minutes[p])


def _one_line(text: str) -> str:
    """A name or title as one line: a line break or lone carriage return a team typed can
    never start a new calendar line (every text also goes through vText, which escapes), and
    no control character reaches the file."""
    return " ".join(strip_controls(text).split())


def _lines(text: str) -> str:
    """Free text with its line breaks as plain newlines, which vText writes escaped (\\n);
    a vertical tab (Word's Shift+Enter) is a line break too, other controls are dropped."""
    text = strip_controls(text)
    return "\n".join(
        line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    )


Span = tuple[dt.date | dt.datetime, dt.date | dt.datetime]


def _span(meeting: Meeting, day: dt.date, zone: dt.tzinfo) -> Span:
    """A meeting's start and end on ``day``: timed in the school's zone, or the whole day."""
    if meeting.start_time is None:
        return day, day + DAY
    start = dt.datetime.combine(day, meeting.start_time, tzinfo=zone)
    return start, start + dt.timedelta(minutes=meeting.minutes)


def _rule(series: SeriesRule, last_start: dt.date | dt.datetime) -> vRecur:
    """The RRULE; a timed series ends at its last start in UTC, as RFC 5545 asks when the
    start has a time zone."""
    day = WEEKDAYS[series.weekday]
    rule = vRecur(freq="MONTHLY" if series.monthly else "WEEKLY")
    if series.interval != 1:
        rule["interval"] = series.interval
    rule["byday"] = f"{series.nth}{day}" if series.nth is not None else day
    if isinstance(last_start, dt.datetime):
        rule["until"] = last_start.astimezone(dt.timezone.utc)
    else:
        rule["until"] = last_start
    return rule


def to_ics(summary: TeamPlanSummary, slug: str, *, stamp: dt.datetime | None = None) -> bytes:
    """The calendar as bytes (UTF-8, CRLF line ends, folded at 75 octets)."""
    config = summary.config
    zone = zoneinfo.ZoneInfo(config.time_zone)
    labels = config.purpose_labels
    stamp = (stamp or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", vText(_one_line(summary.title)))
    cal.add("x-wr-timezone", config.time_zone)

    sequence = int(stamp.timestamp() // 60)  # grows with each export: an import updates

    def event(
        uid: str, title: str, start: dt.date | dt.datetime, end: dt.date | dt.datetime, text: str
    ) -> Event:
        item = Event()
        item.add("uid", uid)
        item.add("dtstamp", stamp)
        item.add("sequence", sequence)
        item.add("summary", vText(_one_line(title)))
        item.add("dtstart", start)
        item.add("dtend", end)
        if text:
            item.add("description", vText(_lines(text)))
        item.add("transp", "OPAQUE" if isinstance(start, dt.datetime) else "TRANSPARENT")
        cal.add_component(item)
        return item

    sessions = {
        (x.date, x.meeting_id): (p.cycle.name, x.phase) for p in summary.cycles for x in p.sessions
    }
    for line in summary.ledger.lines:
        meeting = line.meeting

        dated: list[tuple[dt.date, str, str]] = []
        for index, day in enumerate(line.dates):
            minutes = summary.what_if.purposes_at(meeting.id, index)
            title = meeting.name
            text = f"{meeting.attendees}\n" if meeting.attendees else ""
            session = sessions.get((day, meeting.id))
            if session:
                title = f"{meeting.name} · {session[0]}"
                text += f"Learning cycle: {session[0]}, {session[1]}\n"
            text += "Time with our plan: " + _purposes_text(minutes, labels)
            dated.append((day, title, text))
        series = series_rule(meeting.recurrence, line.dates)
        if series is None:
            for day, title, text in dated:
                uid = _uid(slug, "meeting", meeting.id, day.strftime("%Y%m%d"))
                event(uid, title, *_span(meeting, day, zone), text)
            continue
        uid = _uid(slug, "meeting", meeting.id)
        usual = Counter((title, text) for _, title, text in dated).most_common(1)[0][0]
        master = event(uid, usual[0], *_span(meeting, series.first, zone), usual[1])
        master.add("rrule", _rule(series, _span(meeting, series.last, zone)[0]))
        if series.skipped:
            master.add("exdate", [_span(meeting, day, zone)[0] for day in series.skipped])
        for day, title, text in dated:
            if (title, text) != usual:  # this date's own title or notes: a changed occurrence
                event(uid, title, *_span(meeting, day, zone), text).add(
                    "recurrence-id", _span(meeting, day, zone)[0]
                )
    for placed in summary.cycles:
        cycle = placed.cycle
        title = f"{cycle.name}" + (f": {cycle.focus}" if cycle.focus else "")
        text = "\n".join(
            f"{x.date.isoformat()} {x.meeting_name}: {x.phase}" for x in placed.sessions
        )
        event(_uid(slug, "cycle", cycle.id), title, cycle.start, placed.end + DAY, text)
    for step in summary.plan.actions:
        for n, check in enumerate(step.progress_checks, start=1):
            event(
                _uid(slug, "check", step.id, str(n)),
                f"Progress check: {step.action}",
                check.date,
                check.date + DAY,
                f"Look at: {check.evidence}\nOwner: {step.owner}",
            )
    launch = summary.plan.launch
    if launch is not None and launch.date is not None:
        agenda = "\n".join(
            f"{p.minutes} min: {p.title}"
            + (f" ({p.lead})" if p.lead else "")
            + (f" · {summary.routine_label(p.routine)}" if p.routine else "")
            for p in launch.segments
        )
        text = (f"{launch.purpose}\n\n" if launch.purpose else "") + agenda
        event(
            _uid(slug, "launch"),
            f"Back-to-school session we lead ({launch.minutes} min)",
            launch.date,
            launch.date + DAY,
            text,
        )
    year = summary.year
    cal.add_missing_timezones(
        first_date=year.first_day - dt.timedelta(days=400),
        last_date=year.last_day + dt.timedelta(days=400),
    )
    return bytes(cal.to_ical())
