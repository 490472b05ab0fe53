"""Day 1, evidence: the school's results (state tests, rubric scores, classroom assessments),
uploaded, filtered by source, grade, subject and group, and drawn as a trend."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from workshop_kit.activities.day1.base import Day1Panel
from workshop_kit.charts import drawn, frame_key
from workshop_kit.charts.day1 import evidence_trend
from workshop_kit.errors import InputError
from workshop_kit.logic import evidence as ev
from workshop_kit.logic.words import plural
from workshop_kit.model.goal import EvidenceNote, GoalWork
from workshop_kit.model.names import new_id
from workshop_kit.store import Version
from workshop_kit.ui.chart import Chart
from workshop_kit.ui.guard import guarded
from workshop_kit.ui.html import esc, html_table, number
from workshop_kit.ui.messages import Messages
from workshop_kit.ui.parts import button, dropdown, limited, tagged, upload_button
from workshop_kit.validation import build

EVIDENCE_FILE = "evidence.csv"

#: what the panel says about the files it reads (each layout's columns, as read_evidence reads)
UPLOAD_HELP = (
    "<details><summary>Which files can I upload?</summary><ul>"
    "<li><b>State test results</b>: "
    + ", ".join(ev.REQUIRED)
    + ".</li><li><b>Rubric scores</b>: the same, with the number of students at each score level "
    "(score_1, score_2, ...) instead of percent_proficient and students_tested.</li>"
    "<li><b>Classroom assessment results</b> (common assessments, unit tasks): "
    + ", ".join(ev.CLASSROOM)
    + ". The date can be a school year (2025-26) in a column named year; student_group can be "
    "left out for all students.</li></ul>"
    "<p>An upload replaces the results from the same source and keeps the others, so state tests "
    "and classroom assessments stay side by side, each shown on its own.</p></details>"
)


class EvidencePanel(Day1Panel):
    """The school's results: upload a table, filter by grade, subject and group, see the trend,
    and keep what the team notices apart from what might explain it."""

    kinds = (GoalWork,)

    def build(self) -> list[widgets.Widget]:
        self.table = pd.DataFrame()
        self.version: Version | None = None  # of the results shown; an upload is saved over it
        self.upload = upload_button("wk-evidence-upload", "Upload results", self.load_upload)
        self.upload_message = Messages()
        self.put_back_button = button(
            "wk-evidence-put-back",
            self.put_back,
            "Put back the previous results",
            "undo",
            width="260px",
        )
        self.help = widgets.HTML(UPLOAD_HELP)
        self.source = dropdown("wk-filter-source", "Results", "340px", self.source_chosen)
        self.grade = dropdown("wk-filter-grade", "Grade", "200px", self.redraw)
        self.subject = dropdown("wk-filter-subject", "Subject", "220px", self.redraw)
        self.group = dropdown("wk-filter-group", "Group", "340px", self.redraw)
        self.chart = Chart()
        self.needs = widgets.HTML()
        self._filling = False
        self.notice = tagged(
            limited(
                widgets.Textarea(
                    continuous_update=False,
                    placeholder=(
                        "What we notice: only what the chart shows (numbers, groups, years)"
                    ),
                    layout={"width": "620px", "height": "60px"},
                ),
                EvidenceNote,
                "notice",
            ),
            "wk-evidence-notice",
        )
        self.explanation = tagged(
            limited(
                widgets.Textarea(
                    continuous_update=False,
                    placeholder="What might explain it (kept apart, to test later)",
                    layout={"width": "620px", "height": "60px"},
                ),
                EvidenceNote,
                "explanation",
            ),
            "wk-evidence-explanation",
        )
        self.note_button = button("wk-keep-note", self.keep_note, "Keep this note", "plus")
        self.note_message = Messages()
        self.notes = tagged(widgets.HTML(), "wk-evidence-notes")
        return [
            widgets.HBox([self.upload, self.put_back_button]),
            self.help,
            self.upload_message,
            self.source,
            widgets.HBox([self.grade, self.subject, self.group]),
            self.chart,
            self.needs,
            widgets.HTML(
                "<b>What we notice</b>: first what the data shows, then, kept apart, what might "
                "explain it."
            ),
            self.notice,
            self.explanation,
            self.note_button,
            self.note_message,
            self.notes,
        ]

    def looked_at(self) -> str:
        c = self.chosen
        return f"{c.source}: grade {c.grade}, subject {c.subject}, group {c.student_group}"

    @guarded(lambda self: self.note_message)
    def keep_note(self) -> None:
        if not self.notice.value.strip():
            raise InputError(
                "Write first what you notice in the chart; an explanation can wait.",
                field="notice",
            )
        work = self.load(GoalWork)
        taken = {n.id for n in work.evidence_notes}
        note = build(
            EvidenceNote,
            {
                "id": new_id(self.notice.value or "note", set(taken), "note"),
                "looked_at": self.looked_at(),
                "notice": self.notice.value.strip(),
                "explanation": self.explanation.value.strip(),
            },
        )
        saved = self.update(GoalWork, lambda w: w.with_evidence_note(note), "the note")
        self.notice.value = self.explanation.value = ""
        self.show_notes(saved)
        self.note_message.ok(f"Kept the note ({len(saved.evidence_notes)} in all).")

    def show_notes(self, work: GoalWork) -> None:
        rows = [[n.looked_at, n.notice, n.explanation or "–"] for n in work.evidence_notes]
        self.notes.value = (
            html_table(["What we looked at", "What we notice", "What might explain it"], rows)
            if rows
            else "<p><i>No notes yet.</i></p>"
        )

    def status(self) -> str:
        c = self.chosen
        return f"{len(self.table)} rows; {c.source}: {c.grade}/{c.subject}/{c.student_group}"

    def refresh(self) -> None:
        self.show_put_back()  # first: it is the way out when the saved table cannot be read
        raw, self.version = self.team.read_file(EVIDENCE_FILE)
        if raw is None:
            self.table = pd.DataFrame()
            self.messages.info(
                "No results loaded for this team yet. Upload a CSV or Excel file in one of the "
                "layouts below."
            )
        else:
            self.table = ev.read_evidence(
                raw, EVIDENCE_FILE, cut_score=self.config.rubric_cut_score
            )
        self.fill_filters()
        self.redraw()
        self.show_notes(self.load(GoalWork))

    def on_file_saved_elsewhere(self, name: str) -> None:
        """Results uploaded on another device: shown here at once (the upload replaced the
        table; a note being typed below the chart is kept, as a refill never touches it)."""
        if name == EVIDENCE_FILE:
            self.rebuild()
            self.upload_message.info("Results uploaded on another device are shown here now.")

    def show_put_back(self) -> None:
        kept = bool(self.team.kept_copies(EVIDENCE_FILE))
        self.put_back_button.layout.display = None if kept else "none"

    @guarded(lambda self: self.upload_message)
    def put_back(self) -> None:
        self.team.put_back(EVIDENCE_FILE)
        self.rebuild()
        self.upload_message.ok(
            f"Put back the previous results ({plural(len(self.table), 'row')}). "
            "The results they replaced are kept too: putting back again swaps them once more."
        )

    def fill_filters(self) -> None:
        """The sources the results hold (the first one shown), then the other filters."""
        self._filling = True
        try:
            sources = ev.sources_in(self.table) if not self.table.empty else []
            self.source.options = sources or [ev.ALL]
            self.source.value = self.source.options[0]
        finally:
            self._filling = False
        self.fill_within_source()

    def fill_within_source(self) -> None:
        """Grade, subject and group as the chosen source's results have them, each back on
        "All" (state tests and classroom assessments seldom share their subjects)."""
        self._filling = True
        try:
            rows = self.table
            if not rows.empty and self.source.value != ev.ALL:
                rows = rows[rows["source"] == self.source.value]
            if rows.empty:
                for w in (self.grade, self.subject, self.group):
                    w.options = [ev.ALL]
            else:
                options = ev.choices(rows)
                self.grade.options = options["grade"]
                self.subject.options = options["subject"]
                self.group.options = options["student_group"]
            for w in (self.grade, self.subject, self.group):
                w.value = ev.ALL
        finally:
            self._filling = False

    def source_chosen(self) -> None:
        if self._filling:
            return
        self.fill_within_source()
        self.redraw()

    @property
    def chosen(self) -> ev.EvidenceFilter:
        return ev.EvidenceFilter(
            grade=self.grade.value or ev.ALL,
            subject=self.subject.value or ev.ALL,
            student_group=self.group.value or ev.ALL,
            source=self.source.value or ev.ALL,
        )

    @property
    def table(self) -> pd.DataFrame:
        return self._table

    @table.setter
    def table(self, table: pd.DataFrame) -> None:
        """The team's results as read from its file; what each filter showed is forgotten."""
        self._table = table
        self._views: dict[ev.EvidenceFilter, tuple[bytes, str, str]] = {}

    @guarded(lambda self: self.messages)
    def redraw(self) -> None:
        if self._filling:
            return
        chosen = self.chosen
        view = self._views.get(chosen)
        if view is None:  # filters are flipped back and forth: each is worked out once per table
            view = self._views[chosen] = self.view_of(chosen)
        svg, alt, self.needs.value = view
        self.chart.show_svg(svg, alt)

    def view_of(self, chosen: ev.EvidenceFilter) -> tuple[bytes, str, str]:
        """The chart (SVG and text alternative) and the needs table for one choice of filters."""
        trend = ev.trend(self.table, chosen) if not self.table.empty else pd.DataFrame()
        svg, alt = drawn(
            ("evidence_trend", chosen, frame_key(trend)), lambda: evidence_trend(trend, chosen)
        )
        return svg, alt, self.needs_html(chosen)

    def needs_html(self, chosen: ev.EvidenceFilter) -> str:
        needs = ev.largest_needs(self.table, chosen) if not self.table.empty else pd.DataFrame()
        if needs.empty:
            return ""
        classroom = chosen.source == ev.CLASSROOM_SOURCE
        rows = [
            (
                *((r.assessment,) if classroom else ()),
                r.grade,
                r.subject,
                r.student_group,
                number(f"{r.percent_proficient:.0f}%"),
                number(r.students_tested),
            )
            for r in needs.itertuples()
        ]
        headers = (
            ("Assessment", "Grade", "Subject", "Group", "Meeting the standard", "Assessed")
            if classroom
            else ("Grade", "Subject", "Group", "Proficient", "Tested")
        )
        return (
            f"<p><b>Largest needs in {esc(needs['year'].iloc[0])}</b> (lowest results within these "
            "filters)</p>" + html_table(headers, rows, "wk-needs")
        )

    def save_evidence(self, table: pd.DataFrame) -> None:
        """The one place the team's results are written: the previous ones are kept, and the
        save is refused when another device saved results after these were shown here."""
        self.version = self.team.write_file(
            EVIDENCE_FILE,
            ev.to_csv_bytes(table),
            keep_previous=True,
            base=self.version,
            what="the school's results",
        )

    @guarded(lambda self: self.upload_message)
    def load_upload(self, name: str, content: bytes) -> None:
        self.upload_message.clear()
        new = ev.read_evidence(  # raises InputError: nothing is saved
            content, name, cut_score=self.config.rubric_cut_score
        )
        had_results = self.team.file(EVIDENCE_FILE).exists()
        table = ev.combined(self.table, new)
        self.save_evidence(table)
        self.table = table
        self.fill_filters()
        shown = ev.sources_in(new)
        self._filling = True
        try:
            self.source.value = shown[0]  # show what was just loaded
        finally:
            self._filling = False
        self.source_chosen()
        self.show_put_back()
        others = len(table) - len(new)
        self.upload_message.ok(
            f"Loaded {plural(len(new), 'row')} of {', '.join(s.lower() for s in shown)} results "
            f"from ‘{name}’ and saved them for this team."
            + (
                f" The {plural(others, 'row')} from other sources are kept as they were."
                if others
                else ""
            )
            + (
                " The results you had before are kept; you can put them back."
                if had_results
                else ""
            )
        )
