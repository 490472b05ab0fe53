"""Through the year, activity 2: record measured values and read each run chart."""

from __future__ import annotations

import ipywidgets as widgets

from workshop_kit.activities.spreadsheet_import import SpreadsheetImport
from workshop_kit.activities.year.base import LABEL, YearPanel, run_chart_html
from workshop_kit.errors import InputError
from workshop_kit.logic.measurement_import import MeasurementImport, read_measurements
from workshop_kit.logic.year import CriterionProgress, amount, criterion_progress
from workshop_kit.model.base import Document
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.plan import TeamPlan
from workshop_kit.model.progress import Measurement, YearProgress, dated_id
from workshop_kit.ui.form import Field, FieldForm
from workshop_kit.ui.guard import guarded
from workshop_kit.ui.html import counted, html_table, number
from workshop_kit.ui.parts import button, save_button

#: the form of a measured value (the criteria to choose from are the goal's, filled in later)
VALUE_FIELDS = [
    Field("criterion_id", "choice", "Success criterion", css="wk-measure-criterion"),
    Field("date", "date", "Measured on"),
    Field("value", "number", "Value", "e.g. 47", width="300px", beside=True),
    Field("note", "text", "Note", "what was measured, anything unusual", required=False),
]


class MeasuresPanel(YearPanel):
    """A run chart per success criterion, and a form to record a value for one of them."""

    kinds = (YearProgress,)

    def build(self) -> list[widgets.Widget]:
        self.charts: dict[str, widgets.HTML] = {}
        self.charts_box = widgets.VBox()
        self.fields = FieldForm(
            Measurement,
            {"": VALUE_FIELDS},
            "measure",
            self.messages,
            label_width=LABEL["description_width"],
        )
        self.fields["criterion_id"].observe(lambda _c: self.show_values(), names="value")
        self.record_button = save_button(
            "wk-record-value", self.record, "Record this value", width="220px"
        )
        self.remove_button = button(
            "wk-remove-value",
            self.remove,
            "Remove the value on this date",
            "trash",
            width="260px",
        )
        self.values_view = widgets.HTML()
        self.importer = SpreadsheetImport(
            self, "wk-values-upload", self.read_spreadsheet, self.import_report
        )
        return [
            self.charts_box,
            widgets.HTML("<b>Record a measured value</b>"),
            *self.fields.rows(""),
            widgets.HBox([self.record_button, self.remove_button]),
            self.values_view,
            widgets.HTML(
                "<b>Or load a spreadsheet</b> with the columns <i>Success criterion</i> (its "
                "measure, as above), <i>Date</i> (YYYY-MM-DD), <i>Value</i> and, if you like, "
                "<i>Note</i>: one row per value."
            ),
            self.importer,
        ]

    def status(self) -> str:
        items = self.criteria_progress()
        if not items:
            return "no success criteria yet"
        on = sum(1 for i in items if i.track.standing == "on_track")
        points = sum(len(i.points) for i in items)
        return (
            f"{counted(len(items), 'criterion', 'criteria')}, {counted(points, 'value')}, "
            f"{on} on track"
        )

    def refresh(self) -> None:
        goal = self.load(GoalWork)
        self.load(YearProgress)  # the base of the next save
        criterion = self.fields["criterion_id"]
        chosen = criterion.value
        criterion.options = [(c.measure, c.id) for c in goal.success_criteria]
        ids = [c.id for c in goal.success_criteria]
        if ids:
            criterion.value = chosen if chosen in ids else ids[0]
        self.charts = {}
        for item in self.criteria_progress():
            view = widgets.HTML(run_chart_html(item))
            self.charts[item.criterion.id] = view
        self.charts_box.children = list(self.charts.values()) or [
            widgets.HTML(
                "<p>Your goal has no success criteria yet. Add them in the Day 1 goal activity; "
                "each one gets a run chart here.</p>"
            )
        ]
        self.show_values()

    def on_document_saved(self, kind: type[Document]) -> None:
        if kind in (GoalWork, TeamPlan, YearProgress):
            self.rebuild()

    def _progress_of(self, criterion_id: str) -> CriterionProgress | None:
        goal = self.load(GoalWork)
        criterion = next((c for c in goal.success_criteria if c.id == criterion_id), None)
        if criterion is None:
            return None
        return criterion_progress(
            criterion, self.load(YearProgress), self.load(TeamPlan), self.year_start()
        )

    def show_values(self) -> None:
        item = self._progress_of(self.fields["criterion_id"].value or "")
        if item is None:
            self.values_view.value = ""
            return
        progress = self.load(YearProgress)
        unit = item.criterion.unit
        rows = [
            [m.date.isoformat(), number(amount(m.value, unit)), m.note]
            for m in progress.values_of(item.criterion.id)
        ]
        self.values_view.value = (
            html_table(["Measured on", "Value", "Note"], rows, css="wk-measure-values")
            if rows
            else "<p>No values recorded for this criterion yet.</p>"
        )

    def redraw(self, criterion_id: str) -> None:
        """Draw one criterion's chart again (the others did not change)."""
        item = self._progress_of(criterion_id)
        view = self.charts.get(criterion_id)
        if item is not None and view is not None:
            view.value = run_chart_html(item)
        self.show_values()

    def _read(self) -> Measurement:
        criterion_id = self.fields["criterion_id"].value
        if not criterion_id:
            raise InputError("Choose a success criterion first.")
        return self.fields.item(id=dated_id(criterion_id, self.fields.value("date")))

    @guarded(lambda self: self.messages)
    def record(self) -> None:
        measurement = self._read()
        self.update(YearProgress, lambda p: p.with_measurement(measurement), "the value")
        self.redraw(measurement.criterion_id)
        item = self._progress_of(measurement.criterion_id)
        self.fields["value"].value = self.fields["note"].value = ""
        if item is not None:
            self.messages.ok(
                f"Recorded {amount(measurement.value, item.criterion.unit)} on "
                f"{measurement.date.isoformat()}. {item.track.text}"
            )

    def read_spreadsheet(self, name: str, content: bytes) -> MeasurementImport:
        return read_measurements(
            content, name, self.load(GoalWork).success_criteria, self.load(YearProgress)
        )

    def import_report(self, report: MeasurementImport) -> str:
        self.update(YearProgress, report.apply, "the values from the spreadsheet")
        for criterion_id in sorted(report.criteria):
            self.redraw(criterion_id)
        self.messages.clear()
        return (
            f"Recorded {counted(len(report.rows), 'value')} from ‘{report.file_name}’; the charts "
            "above show them."
        )

    @guarded(lambda self: self.messages)
    def remove(self) -> None:
        criterion_id = self.fields["criterion_id"].value or ""
        day = self.fields.value("date")
        gone = dated_id(criterion_id, day)
        if not any(m.id == gone for m in self.load(YearProgress).measurements):
            raise InputError(f"No value is recorded for this criterion on {day.isoformat()}.")
        self.update(YearProgress, lambda p: p.without_measurement(gone), "the removal")
        self.redraw(criterion_id)
        self.messages.ok(f"Removed the value of {day.isoformat()}.")
