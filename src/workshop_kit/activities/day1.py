"""Day 1 panels: workbook, roster, norms, evidence, candidate goals, ratings, goal, summary.

Each notebook cell calls one function here (``day1.roster()``), which prints the activity's
worksheet text from the facilitator config and shows its panel.
"""

from __future__ import annotations

import re
from typing import Any

import ipywidgets as widgets
import pandas as pd
from ipywidgets.widgets.widget_description import DescriptionStyle

from workshop_kit.activities.common import (
    Chart,
    Column,
    DaySummaryPanel,
    Messages,
    Panel,
    RowEditor,
    esc,
    guarded,
    notebook_call,
    on_click,
    replace_children,
    show_activity,
    show_opening,
    take_upload,
)
from workshop_kit.activities.team_picker import TeamPicker
from workshop_kit.charts.day1 import evidence_trend, ratings_chart
from workshop_kit.config.day1 import Day1Config, load_day1
from workshop_kit.errors import InputError
from workshop_kit.exports.day1_summary import Day1Summary, to_html, to_markdown
from workshop_kit.logic import evidence as ev
from workshop_kit.logic.goal_check import check_goal, draft_statement, is_measurable
from workshop_kit.logic.scoring import rank_candidates
from workshop_kit.model.base import Document
from workshop_kit.model.goal import CandidateGoal, GoalStatement, GoalWork, SuccessCriterion
from workshop_kit.model.team import Member, Team
from workshop_kit.session import Session, current_session
from workshop_kit.validation import build

EVIDENCE_FILE = "evidence.csv"
SUMMARY_FILE = "day1_summary.md"
NOT_RATED = "–"


def config_for(session: Session) -> Day1Config:
    return load_day1(session.workspace.root)


class Day1Panel(Panel):
    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(session, **kwargs)
        self.config = config_for(self.session)


# -- roster -----------------------------------------------------------------------------------


class RosterPanel(Day1Panel):
    """Team name, school, and every member with their role."""

    kinds = (Team,)

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(session, **kwargs)
        self.add_class("wk-roster")
        self.team_name = widgets.Text(description="Team name", layout={"width": "460px"})
        self.team_name.add_class("wk-team-name")
        self.school = widgets.Text(description="School", layout={"width": "460px"})
        self.school.add_class("wk-school")
        self.members = RowEditor(
            [
                Column("name", "Name", placeholder="First and last name", width="240px"),
                Column("role", "Role", kind="choice", options=self.config.roles, width="220px"),
            ],
            add_label="Add a member",
        )
        self.save_button = widgets.Button(
            description="Save the roster", icon="save", button_style="primary"
        )
        self.save_button.add_class("wk-save-roster")
        on_click(self.save_button, self.save_roster)
        self.layout_children(self.team_name, self.school, self.members, self.save_button)
        self.rebuild()

    def status(self) -> str:
        rows = [r for r in self.members.values() if (r["name"] or "").strip()]
        return f"{len(rows)} members"

    def refresh(self) -> None:
        team = self.load(Team)
        self.team_name.value = team.name
        self.school.value = team.school
        self.members.set_rows([m.model_dump() for m in team.members])
        if not team.members:
            self.members.add_row({})

    @guarded(lambda self: self.messages)
    def save_roster(self) -> None:
        self.members.clear_errors()
        members = []
        names: dict[str, int] = {}
        problems = 0
        for index, row in enumerate(self.members.values()):
            name, role = (row["name"] or "").strip(), row["role"]
            if not name and not role:
                continue  # an empty row the team added but did not use
            if not name:
                self.members.show_row_error(index, "Please type this member's name.")
                problems += 1
                continue
            if not role:
                self.members.show_row_error(index, f"Please choose a role for {name}.")
                problems += 1
                continue
            if name.casefold() in names:
                self.members.show_row_error(index, f"{name} is already on the list.")
                problems += 1
                continue
            names[name.casefold()] = index
            members.append(build(Member, {"name": name, "role": role}))
        if problems:
            raise InputError("Nothing was saved: please fix the rows marked above.")
        saved = self.update_fields(
            Team, "the roster", name=self.team_name.value, school=self.school.value, members=members
        )
        self.messages.ok(f"Saved the roster: {len(saved.members)} members.")


# -- norms ------------------------------------------------------------------------------------


class NormsPanel(Day1Panel):
    """The team's norms, one per line, starting from the facilitator's suggestions."""

    kinds = (Team,)

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(session, **kwargs)
        self.add_class("wk-norms")
        self.norms = widgets.Textarea(
            placeholder="One norm per line", layout={"width": "680px", "height": "170px"}
        )
        self.norms.add_class("wk-norms-text")
        self.suggest_button = widgets.Button(
            description="Add the suggested norms", icon="lightbulb-o"
        )
        self.suggest_button.add_class("wk-suggest-norms")
        self.agreed = widgets.Checkbox(
            description="Everyone on the team can live with these norms", indent=False
        )
        self.agreed.add_class("wk-norms-agreed")
        self.save_button = widgets.Button(
            description="Save the norms", icon="save", button_style="primary"
        )
        self.save_button.add_class("wk-save-norms")
        on_click(self.suggest_button, self.add_suggestions)
        on_click(self.save_button, self.save_norms)
        self.layout_children(self.norms, self.suggest_button, self.agreed, self.save_button)
        self.rebuild()

    def status(self) -> str:
        agreed = "agreed" if self.agreed.value else "not yet agreed"
        return f"{len(self.typed_norms())} norms, {agreed}"

    def refresh(self) -> None:
        team = self.load(Team)
        self.norms.value = "\n".join(team.norms)
        self.agreed.value = team.norms_agreed
        if not team.norms:
            self.messages.info("No norms saved yet: add the suggested ones and make them your own.")

    def typed_norms(self) -> list[str]:
        return [
            line.strip(" -•*\t") for line in self.norms.value.splitlines() if line.strip(" -•*\t")
        ]

    @guarded(lambda self: self.messages)
    def add_suggestions(self) -> None:
        have = {n.casefold() for n in self.typed_norms()}
        extra = [n for n in self.config.suggested_norms if n.casefold() not in have]
        self.norms.value = "\n".join([*self.typed_norms(), *extra])
        self.messages.info(f"Added {len(extra)} suggested norms. Edit them, then save.")

    @guarded(lambda self: self.messages)
    def save_norms(self) -> None:
        norms = self.typed_norms()
        if self.agreed.value and not norms:
            raise InputError("Write at least one norm before marking them agreed.")
        self.update_fields(Team, "the norms", norms=norms, norms_agreed=self.agreed.value)
        state = "agreed" if self.agreed.value else "saved as a draft (not yet agreed)"
        self.messages.ok(f"{len(norms)} norms {state}.")


# -- evidence ---------------------------------------------------------------------------------


class EvidencePanel(Day1Panel):
    """The school's results: upload a table, filter by grade, subject and group, see the trend."""

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(session, **kwargs)
        self.add_class("wk-evidence")
        self.table = pd.DataFrame()
        self.upload = widgets.FileUpload(
            accept=".csv,.xlsx", multiple=False, description="Upload results"
        )
        self.upload.add_class("wk-evidence-upload")
        self.upload_message = Messages()
        self.put_back_button = widgets.Button(
            description="Put back the previous results", icon="undo", layout={"width": "260px"}
        )
        self.put_back_button.add_class("wk-evidence-put-back")
        on_click(self.put_back_button, self.put_back)
        self.grade = widgets.Dropdown(description="Grade", layout={"width": "200px"})
        self.subject = widgets.Dropdown(description="Subject", layout={"width": "220px"})
        self.group = widgets.Dropdown(description="Group", layout={"width": "340px"})
        for w, css in ((self.grade, "grade"), (self.subject, "subject"), (self.group, "group")):
            w.add_class(f"wk-filter-{css}")
            w.observe(lambda _change: self.redraw(), names="value")
        self.chart = Chart()
        self.needs = widgets.HTML()
        self.upload.observe(lambda _change: self.load_upload(), names="value")
        self._filling = False
        self.layout_children(
            widgets.HBox([self.upload, self.put_back_button]),
            self.upload_message,
            widgets.HBox([self.grade, self.subject, self.group]),
            self.chart,
            self.needs,
        )
        self.rebuild()

    def status(self) -> str:
        c = self.chosen
        return f"{len(self.table)} rows; {c.grade}/{c.subject}/{c.student_group}"

    def refresh(self) -> None:
        self.show_put_back()  # first: it is the way out when the saved table cannot be read
        path = self.team.file(EVIDENCE_FILE)
        if not path.exists():
            self.table = pd.DataFrame()
            self.messages.info(
                "No results loaded for this team yet. Upload a CSV or Excel file with the columns "
                f"{', '.join(ev.REQUIRED)}."
            )
        else:
            self.table = ev.read_evidence(path.read_bytes(), EVIDENCE_FILE)
        self.fill_filters()
        self.redraw()

    def show_put_back(self) -> None:
        kept = bool(self.team.kept_copies(EVIDENCE_FILE))
        self.put_back_button.layout.display = None if kept else "none"

    @guarded(lambda self: self.upload_message)
    def put_back(self) -> None:
        self.team.put_back(EVIDENCE_FILE)
        self.rebuild()
        self.upload_message.ok(
            f"Put back the previous results ({len(self.table)} rows). The results they replaced "
            "are kept too: putting back again swaps them once more."
        )

    def fill_filters(self) -> None:
        self._filling = True
        try:
            if self.table.empty:
                for w in (self.grade, self.subject, self.group):
                    w.options = [ev.ALL]
            else:
                options = ev.choices(self.table)
                self.grade.options = options["grade"]
                self.subject.options = options["subject"]
                self.group.options = options["student_group"]
            for w in (self.grade, self.subject, self.group):
                w.value = ev.ALL
        finally:
            self._filling = False

    @property
    def chosen(self) -> ev.EvidenceFilter:
        return ev.EvidenceFilter(
            grade=self.grade.value or ev.ALL,
            subject=self.subject.value or ev.ALL,
            student_group=self.group.value or ev.ALL,
        )

    @guarded(lambda self: self.messages)
    def redraw(self) -> None:
        if self._filling:
            return
        chosen = self.chosen
        trend = ev.trend(self.table, chosen) if not self.table.empty else pd.DataFrame()
        self.chart.show(evidence_trend(trend, chosen))
        needs = ev.largest_needs(self.table, chosen) if not self.table.empty else pd.DataFrame()
        if needs.empty:
            self.needs.value = ""
            return
        rows = "".join(
            f"<tr><td>{esc(r.grade)}</td><td>{esc(r.subject)}</td><td>{esc(r.student_group)}</td>"
            f"<td style='text-align:right'>{r.percent_proficient:.0f}%</td>"
            f"<td style='text-align:right'>{r.students_tested}</td></tr>"
            for r in needs.itertuples()
        )
        self.needs.value = (
            f"<p><b>Largest needs in {esc(needs['year'].iloc[0])}</b> (lowest results within these "
            "filters)</p><table class='wk-needs'><tr><th>Grade</th><th>Subject</th><th>Group</th>"
            f"<th>Proficient</th><th>Tested</th></tr>{rows}</table>"
        )

    @guarded(lambda self: self.upload_message)
    def load_upload(self) -> None:
        chosen = take_upload(self.upload)
        if chosen is None:
            return
        name, content = chosen
        self.upload_message.clear()
        table = ev.read_evidence(content, name)  # raises InputError: nothing is saved
        had_results = self.team.file(EVIDENCE_FILE).exists()
        self.team.write_file(EVIDENCE_FILE, ev.to_csv_bytes(table), keep_previous=True)
        self.table = table
        self.fill_filters()
        self.redraw()
        self.show_put_back()
        self.upload_message.ok(
            f"Loaded {len(table)} rows from ‘{name}’ and saved them for this team."
            + (
                " The results you had before are kept; you can put them back."
                if had_results
                else ""
            )
        )


# -- candidate goals --------------------------------------------------------------------------


def new_candidate_id(text: str, taken: set[str]) -> str:
    words = re.findall(r"[a-z0-9]+", text.casefold())[:4]
    base = "-".join(words) or "goal"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


class CandidatesPanel(Day1Panel):
    """Add, edit and remove candidate school-wide goals, each with the evidence behind it."""

    kinds = (GoalWork,)

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(session, **kwargs)
        self.add_class("wk-candidates")
        self.rows = RowEditor(
            [
                Column(
                    "text",
                    "Candidate goal",
                    kind="long",
                    width="380px",
                    placeholder="One sentence: what students will learn or do",
                ),
                Column("evidence", "Evidence behind it", kind="long", width="300px"),
            ],
            add_label="Add a candidate goal",
        )
        self.examples = widgets.Dropdown(
            options=[("Start from an example…", "")] + [(e, e) for e in self.config.example_goals],
            layout={"width": "520px"},
        )
        self.examples.add_class("wk-example-goals")
        self.examples.observe(lambda _c: self.use_example(), names="value")
        self.save_button = widgets.Button(
            description="Save the candidates", icon="save", button_style="primary"
        )
        self.save_button.add_class("wk-save-candidates")
        on_click(self.save_button, self.save_candidates)
        self.layout_children(self.rows, self.examples, self.save_button)
        self.rebuild()

    def status(self) -> str:
        return (
            f"{len([r for r in self.rows.values() if (r['text'] or '').strip()])} candidate goals"
        )

    def refresh(self) -> None:
        work = self.load(GoalWork)
        self.rows.set_rows([c.model_dump() for c in work.candidates])
        if not work.candidates:
            self.rows.add_row({})

    @guarded(lambda self: self.messages)
    def use_example(self) -> None:
        if self.examples.value:
            self.rows.add_row({"text": self.examples.value})
            self.examples.value = ""

    @guarded(lambda self: self.messages)
    def save_candidates(self) -> None:
        self.rows.clear_errors()
        typed = [
            r
            for r in self.rows.values()
            if (r["text"] or "").strip() or (r["evidence"] or "").strip()
        ]
        for index, row in enumerate(self.rows.values()):
            if not (row["text"] or "").strip() and (row["evidence"] or "").strip():
                self.rows.show_row_error(index, "Write the goal itself, not only its evidence.")
                raise InputError("Nothing was saved: a candidate has evidence but no goal.")
        taken = {r["id"] for r in typed if r.get("id")}
        candidates = []
        for row in typed:
            cid = row.get("id") or new_candidate_id(row["text"], taken)
            taken.add(cid)
            candidates.append(
                build(CandidateGoal, {"id": cid, "text": row["text"], "evidence": row["evidence"]})
            )
        kept = {c.id for c in candidates}
        dropped: list[int] = []

        def change(current: GoalWork) -> GoalWork:
            ratings = {
                member: {cid: scores for cid, scores in by.items() if cid in kept}
                for member, by in current.ratings.items()
            }
            dropped.append(
                sum(len(by) for by in current.ratings.values())
                - sum(len(by) for by in ratings.values())
            )
            chosen = current.goal.chosen_candidate if current.goal.chosen_candidate in kept else ""
            return build(
                GoalWork,
                {
                    **current.model_dump(),
                    "candidates": candidates,
                    "ratings": ratings,
                    "goal": {**current.goal.model_dump(), "chosen_candidate": chosen},
                },
            )

        self.update(GoalWork, change, "the candidate goals")
        self.refresh()
        note = (
            f" Removed the ratings of {dropped[0]} deleted candidate(s)."
            if dropped and dropped[0]
            else ""
        )
        self.messages.ok(f"Saved {len(candidates)} candidate goals.{note}")


# -- ratings ----------------------------------------------------------------------------------


class RatingsPanel(Day1Panel):
    """One member at a time rates every candidate on every criterion; the team view updates."""

    kinds = (GoalWork,)

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(session, **kwargs)
        self.add_class("wk-ratings")
        self.member = widgets.Dropdown(description="Rating as", layout={"width": "360px"})
        self.member.add_class("wk-rater")
        self.member.observe(lambda _c: self.show_member(), names="value")
        self.grid = widgets.VBox()
        self.cells: dict[tuple[str, str], widgets.Dropdown] = {}
        # shared by every cell of the grid (see RowEditor): fewer widget models for the page
        self._goal_layout = widgets.Layout(width="260px")
        self._cell_layout = widgets.Layout(width="112px")
        self._cell_style = DescriptionStyle()
        self._grid_shared = [self._goal_layout, self._cell_layout, self._cell_style]
        self.legend = widgets.HTML()
        self.save_button = widgets.Button(
            description="Save my ratings", icon="save", button_style="primary"
        )
        self.save_button.add_class("wk-save-ratings")
        on_click(self.save_button, self.save_ratings)
        self.chart = Chart()
        self.results = widgets.HTML()
        self.work = GoalWork()
        self.results_line = ""
        self.layout_children(
            self.legend, self.member, self.grid, self.save_button, self.chart, self.results
        )
        self.rebuild()

    def status(self) -> str:
        return self.results_line

    def refresh(self) -> None:
        team = self.load(Team)
        self.work = self.load(GoalWork)
        scale = self.config.rating_scale
        self.legend.value = (
            "<details><summary>What the criteria and scores mean</summary><ul>"
            + "".join(
                f"<li><b>{esc(c.label)}</b> (weight {c.weight:g}): {esc(c.description)}</li>"
                for c in self.config.criteria
            )
            + "</ul><p>"
            + ", ".join(f"{p} = {esc(scale.label(p))}" for p in scale.points)
            + "</p></details>"
        )
        current = self.member.value
        self.member.options = list(team.member_names)
        if current in team.member_names:
            self.member.value = current
        if not team.members:
            self.messages.info(
                "Add the team's members in the roster first; ratings are per member."
            )
        if not self.work.candidates:
            self.messages.info("Add candidate goals first; then every member rates each one.")
        self.build_grid()
        self.show_member()
        self.show_results(team)

    def on_document_saved(self, kind: type[Document]) -> None:
        if kind in (Team, GoalWork):
            self.rebuild()

    def build_grid(self) -> None:
        scale = self.config.rating_scale
        options = [(NOT_RATED, None)] + [(f"{p} · {scale.label(p)}", p) for p in scale.points]
        header = widgets.HTML(
            '<div style="display:flex;gap:4px"><b style="width:260px;flex:none">Candidate goal</b>'
            + "".join(
                f'<b style="width:112px;flex:none" title="{esc(c.description)}">{esc(c.label)}</b>'
                for c in self.config.criteria
            )
            + "</div>"
        )
        rows: list[widgets.Widget] = [header]
        self.cells = {}
        for candidate in self.work.candidates:
            line: list[widgets.Widget] = [
                widgets.HTML(esc(candidate.text), layout=self._goal_layout)
            ]
            for criterion in self.config.criteria:
                cell = widgets.Dropdown(
                    options=options, value=None, layout=self._cell_layout, style=self._cell_style
                )
                cell.add_class(f"wk-rate-{candidate.id}-{criterion.id}")
                self.cells[(candidate.id, criterion.id)] = cell
                line.append(cell)
            rows.append(widgets.HBox(line))
        # rebuilt after every save: the old grid is closed, the column layouts are shared
        replace_children(self.grid, rows if self.work.candidates else [], self._grid_shared)

    @guarded(lambda self: self.messages)
    def show_member(self) -> None:
        member = self.member.value
        for (candidate_id, criterion_id), cell in self.cells.items():
            cell.value = self.work.score(member, candidate_id, criterion_id) if member else None
        self.save_button.description = f"Save {member}'s ratings" if member else "Save my ratings"

    def show_results(self, team: Team) -> None:
        ranking = rank_candidates(
            self.work, team.member_names, self.config.criteria, self.config.low_consensus_spread
        )
        scale = self.config.rating_scale
        self.chart.show(ratings_chart(ranking, scale.minimum, scale.maximum))
        top = (
            ranking.scores[0]
            if ranking.scores and ranking.scores[0].team_score is not None
            else None
        )
        low = [s.candidate_id for s in ranking.scores if s.low_consensus]
        self.results_line = (
            f"top {top.candidate_id} {top.team_score:.2f}"
            if top and top.team_score
            else "no scores"
        ) + f"; low consensus: {', '.join(low) or 'none'}; {len(ranking.missing)} missing"
        rows = []
        for rank, s in enumerate(ranking.scores, start=1):
            score = f"{s.team_score:.2f}" if s.team_score is not None else "not rated"
            spread = f"{s.spread:.2f}" if s.spread is not None else ""
            flags = []
            if s.low_consensus:
                flags.append("⚑ low consensus: talk it through")
            if s.tied_with:
                flags.append("tie")
            rows.append(
                f"<tr><td>{rank}</td><td>{esc(s.text)}</td><td>{score}</td><td>{spread}</td>"
                f"<td>{s.raters}/{len(team.members)}</td><td>{esc('; '.join(flags))}</td></tr>"
            )
        missing = ""
        if ranking.missing:
            who = sorted({m.member for m in ranking.missing})
            missing = (
                f"<p class='wk-missing'>{len(ranking.missing)} ratings missing, from: "
                f"{esc(', '.join(who))}.</p>"
            )
        self.results.value = (
            "<table class='wk-ranking'><tr><th>#</th><th>Candidate goal</th><th>Team score</th>"
            "<th>Spread</th><th>Rated by</th><th>Notes</th></tr>"
            + "".join(rows)
            + "</table>"
            + missing
        )

    @guarded(lambda self: self.messages)
    def save_ratings(self) -> None:
        member = self.member.value
        if not member:
            raise InputError("Choose who is rating first.")
        scores = {key: cell.value for key, cell in self.cells.items() if cell.value is not None}

        def change(current: GoalWork) -> GoalWork:
            known = {c.id for c in current.candidates}
            updated = current
            for (candidate_id, criterion_id), score in scores.items():
                if candidate_id in known:
                    updated = updated.with_score(member, candidate_id, criterion_id, score)
            return updated

        self.work = self.update(GoalWork, change, f"{member}'s ratings")
        self.show_results(self.load(Team))
        total = len(self.cells)
        self.messages.ok(f"Saved {member}'s ratings ({len(scores)} of {total} given).")


# -- goal statement ---------------------------------------------------------------------------


BUILDER_FIELDS = (
    ("what", "What will improve", "the skill or practice students will show"),
    ("for_whom", "For whom", "which students: grades, groups"),
    ("how_much", "How much", "e.g. at least 60% of students"),
    ("by_when", "By when", "e.g. June 2027"),
    ("baseline", "From what baseline", "e.g. 41% on the September writing task"),
)


class GoalPanel(Day1Panel):
    """Build the goal statement from its parts, with plain feedback, and its success criteria."""

    kinds = (GoalWork,)

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(session, **kwargs)
        self.add_class("wk-goal")
        self.chosen = widgets.Dropdown(description="Goal chosen", layout={"width": "620px"})
        self.chosen.add_class("wk-chosen-candidate")
        self.parts: dict[str, widgets.Text] = {}
        self.feedback: dict[str, Messages] = {}
        rows: list[widgets.Widget] = []
        for key, label, hint in BUILDER_FIELDS:
            field = widgets.Text(
                description=label,
                placeholder=hint,
                layout={"width": "620px"},
                style={"description_width": "150px"},
            )
            field.add_class(f"wk-goal-{key}")
            field.observe(lambda _c: self.check(), names="value")
            self.parts[key] = field
            self.feedback[key] = Messages()
            rows += [field, self.feedback[key]]
        self.draft_button = widgets.Button(
            description="Draft the statement from the parts", icon="magic"
        )
        self.draft_button.add_class("wk-draft-goal")
        on_click(self.draft_button, self.draft)
        self.statement = widgets.Textarea(
            placeholder="Your goal in one sentence", layout={"width": "620px", "height": "90px"}
        )
        self.statement.add_class("wk-goal-statement")
        self.statement.observe(lambda _c: self.check(), names="value")
        self.feedback["statement"] = Messages()
        self.criteria = RowEditor(
            [
                Column("measure", "Measure", width="260px", placeholder="what you will count"),
                Column("baseline", "Baseline", kind="number", width="80px"),
                Column("target", "Target", kind="number", width="80px"),
                Column("unit", "Unit", width="60px"),
                Column("by", "By (YYYY-MM-DD)", width="130px"),
            ],
            add_label="Add a success criterion",
        )
        self.save_button = widgets.Button(
            description="Save the goal", icon="save", button_style="primary"
        )
        self.save_button.add_class("wk-save-goal")
        on_click(self.save_button, self.save_goal)
        self.verdict = widgets.HTML()
        self.layout_children(
            self.chosen,
            *rows,
            self.draft_button,
            self.statement,
            self.feedback["statement"],
            self.verdict,
            widgets.HTML("<b>Success criteria</b>: how you will know, with numbers and dates."),
            self.criteria,
            self.save_button,
        )
        self.rebuild()

    def status(self) -> str:
        feedback = check_goal(self.typed_goal(), self.config.goal_checker)
        missing = [f.part for f in feedback if not f.ok]
        return "measurable" if not missing else f"still missing: {', '.join(missing)}"

    def refresh(self) -> None:
        work = self.load(GoalWork)
        self.set_candidate_options(work)
        self.chosen.value = work.goal.chosen_candidate or ""
        for key, field in self.parts.items():
            field.value = getattr(work.goal, key)
        self.statement.value = work.goal.statement
        self.criteria.set_rows(
            [{**c.model_dump(), "by": c.by.isoformat()} for c in work.success_criteria]
        )
        if not work.success_criteria:
            self.criteria.add_row({"unit": "%"})
        self.check()

    def set_candidate_options(self, work: GoalWork) -> None:
        keep = self.chosen.value
        self.chosen.options = [("(choose the candidate this goal grows from)", "")] + [
            (c.text, c.id) for c in work.candidates
        ]
        if keep in {c.id for c in work.candidates}:
            self.chosen.value = keep

    def on_document_saved(self, kind: type[Document]) -> None:
        if kind is GoalWork:  # only the choice list: typed parts stay as they are
            self.set_candidate_options(self.team.load(GoalWork))

    def typed_goal(self) -> GoalStatement:
        return GoalStatement(
            **{key: field.value for key, field in self.parts.items()},
            statement=self.statement.value,
            chosen_candidate=self.chosen.value or "",
        )

    @guarded(lambda self: self.messages)
    def check(self) -> None:
        feedback = check_goal(self.typed_goal(), self.config.goal_checker)
        for item in feedback:
            self.feedback[item.part].show("ok" if item.ok else "error", item.message)
        if is_measurable(feedback):
            self.verdict.value = "<p class='wk-verdict'><b>✅ This goal can be measured.</b></p>"
        else:
            self.verdict.value = ""

    @guarded(lambda self: self.messages)
    def draft(self) -> None:
        self.statement.value = draft_statement(self.typed_goal())

    def typed_criteria(self) -> list[SuccessCriterion]:
        self.criteria.clear_errors()
        result: list[SuccessCriterion] = []
        taken = {r["id"] for r in self.criteria.values() if r.get("id")}
        problems = 0
        for index, row in enumerate(self.criteria.values()):
            if not any(str(row[k]).strip() for k in ("measure", "baseline", "target", "by")):
                continue
            try:
                cid = row.get("id") or new_candidate_id(row["measure"], taken)
                taken.add(cid)
                result.append(
                    build(
                        SuccessCriterion,
                        {
                            "id": cid,
                            "measure": row["measure"],
                            "baseline": _number(row["baseline"], "Baseline"),
                            "target": _number(row["target"], "Target"),
                            "unit": row["unit"],
                            "by": _date(row["by"]),
                        },
                    )
                )
            except InputError as exc:
                self.criteria.show_row_error(index, exc.message)
                problems += 1
        if problems:
            raise InputError("Nothing was saved: please fix the success criteria marked above.")
        return result

    @guarded(lambda self: self.messages)
    def save_goal(self) -> None:
        criteria = self.typed_criteria()
        goal = self.typed_goal()
        self.update_fields(GoalWork, "the goal", goal=goal, success_criteria=criteria)
        self.refresh()
        open_parts = [f for f in check_goal(goal, self.config.goal_checker) if not f.ok]
        note = (
            "" if not open_parts else f" {len(open_parts)} part(s) still need work (see the notes)."
        )
        self.messages.ok(f"Saved the goal and {len(criteria)} success criteria.{note}")


def _number(text: Any, label: str) -> float:
    cleaned = str(text).strip().rstrip("%").replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        raise InputError(f"{label} must be a number (found ‘{text}’).", field=label) from None


def _date(text: Any) -> str:
    import datetime as dt

    cleaned = str(text).strip()
    try:
        return dt.date.fromisoformat(cleaned).isoformat()
    except ValueError:
        raise InputError(
            f"The date must be written as YYYY-MM-DD, for example 2027-06-11 (found ‘{cleaned}’).",
            field="by",
        ) from None


# -- summary ----------------------------------------------------------------------------------


class SummaryPanel(DaySummaryPanel, Day1Panel):
    """What the team decided today, kept up to date as panels save, and saved as Markdown."""

    kinds = (Team, GoalWork)
    day = 1
    summary_file = SUMMARY_FILE

    def summary(self) -> Day1Summary:
        return Day1Summary.of(self.load(Team), self.load(GoalWork), self.config)

    def summary_html(self, summary: Day1Summary) -> str:
        return to_html(summary)

    def summary_markdown(self, summary: Day1Summary) -> str:
        return to_markdown(summary)


# -- what the notebook calls ------------------------------------------------------------------


def _plan() -> Day1Config:
    return config_for(current_session())


@notebook_call
def opening() -> None:
    show_opening(_plan())


@notebook_call
def workbook() -> None:
    show_activity(_plan(), "workbook", TeamPicker(current_session()))


@notebook_call
def roster() -> None:
    show_activity(_plan(), "roster", RosterPanel(current_session()))


@notebook_call
def norms() -> None:
    show_activity(_plan(), "norms", NormsPanel(current_session()))


@notebook_call
def evidence() -> None:
    show_activity(_plan(), "evidence", EvidencePanel(current_session()))


@notebook_call
def candidates() -> None:
    show_activity(_plan(), "candidates", CandidatesPanel(current_session()))


@notebook_call
def ratings() -> None:
    show_activity(_plan(), "ratings", RatingsPanel(current_session()))


@notebook_call
def goal() -> None:
    show_activity(_plan(), "goal_statement", GoalPanel(current_session()))


@notebook_call
def summary() -> None:
    show_activity(_plan(), "summary", SummaryPanel(current_session()))


@notebook_call
def versions() -> None:
    """Offer earlier versions of today's files (shown without a time box: used only when needed)."""
    from IPython.display import display

    from workshop_kit.activities.versions import VersionsPanel

    display(VersionsPanel((Team, GoalWork), current_session()))
