"""Day 1, ratings: every member rates every candidate goal; the team's ranking updates.

Who may see what and rate as whom is :mod:`workshop_kit.logic.rating_privacy`; this panel asks
it and puts into its widgets only what the rule allows (hidden ratings are not on the page)."""

from __future__ import annotations

import ipywidgets as widgets
from ipywidgets.widgets.widget_description import DescriptionStyle

from workshop_kit.activities.day1.base import Day1Panel
from workshop_kit.charts.day1 import ratings_bars_html
from workshop_kit.errors import InputError
from workshop_kit.logic.rating_privacy import RatingRules
from workshop_kit.logic.scoring import rank_candidates
from workshop_kit.logic.words import series
from workshop_kit.model.base import Document
from workshop_kit.model.goal import CandidateGoal, GoalWork
from workshop_kit.model.team import Team
from workshop_kit.ui.closing import replace_children
from workshop_kit.ui.guard import guarded
from workshop_kit.ui.html import esc, html_table
from workshop_kit.ui.labels import title_of
from workshop_kit.ui.messages import Messages
from workshop_kit.ui.parts import button, dropdown, save_button, tagged

NOT_RATED = "–"


def new_ratings(before: GoalWork, now: GoalWork) -> dict[str, int]:
    """Per member, how many scores ``now`` has that ``before`` did not (new or changed)."""
    counts: dict[str, int] = {}
    for member, by_candidate in now.ratings.items():
        for candidate_id, scores in by_candidate.items():
            for criterion_id, score in scores.items():
                if before.score(member, candidate_id, criterion_id) != score:
                    counts[member] = counts.get(member, 0) + 1
    return counts


class RatingsPanel(Day1Panel):
    """One member at a time rates every candidate on every criterion; the team view updates."""

    kinds = (GoalWork,)

    def build(self) -> list[widgets.Widget]:
        self.member = dropdown("wk-rater", "Rating as", "360px", self.show_member)
        # a grid, a column per criterion, each candidate's goal on a line of its own above its
        # scores (see the pages' stylesheet): a column is as wide as its widest score's label, so
        # a chosen score is never cut ("4 · Compl"), and eight fit a 1366 px laptop's page
        self.grid = tagged(
            widgets.VBox(
                layout={
                    "grid_template_columns": f"repeat({len(self.config.criteria)}, max-content)"
                }
            ),
            "wk-rating-grid",
        )
        self.cells: dict[tuple[str, str], widgets.Dropdown] = {}
        # shared by every cell of the grid (see RowEditor): fewer widget models for the page
        self._goal_layout = widgets.Layout()
        self._cell_layout = widgets.Layout(width="auto")
        self._cell_style = DescriptionStyle()
        self._grid_shared = [self._goal_layout, self._cell_layout, self._cell_style]
        self.legend = widgets.HTML()
        self.save_button = save_button("wk-save-ratings", self.save_ratings, "Save my ratings")
        self.chart = tagged(widgets.HTML(), "wk-rating-chart")
        self.results = widgets.HTML()
        self.hidden_note = widgets.HTML()
        self.arrivals = Messages()  # "2 new ratings from Ana and Marcus, chart updated"
        self.reveal_button = button(
            "wk-reveal-ratings", self.reveal, "Reveal the ratings (facilitator)", "eye"
        )
        self.work = GoalWork()
        self.rules = RatingRules(self.config.ratings_privacy, ())
        self._grid_shape: tuple[object, ...] = ()
        return [
            self.legend,
            self.member,
            self.grid,
            self.save_button,
            self.hidden_note,
            self.arrivals,
            self.chart,
            self.results,
            self.reveal_button,
        ]

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
        self.offer_raters(team)
        if not team.members:
            self.messages.info(
                "Add the team's members in the roster first; ratings are per member."
            )
        if not self.work.candidates:
            self.messages.info("Add candidate goals first; then every member rates each one.")
        self.build_grid()
        self.show_member()
        self.show_results(team)

    def offer_raters(self, team: Team) -> None:
        """Offer only the members this device may rate as (the rule), keeping the one chosen
        while still allowed."""
        current = self.member.value or ""
        self.rules = RatingRules.of(
            self.config.ratings_privacy, team.member_names, self.session.member
        )
        raters = list(self.rules.raters())
        if list(self.member.options) != raters:
            self.member.options = raters
        self.member.value = self.rules.rater(current) or None

    def on_member_chosen(self) -> None:
        """Another member is at the device: rate as them, and show what they may see."""
        self.offer_raters(self.team.peek(Team))
        self.show_member()

    def on_document_saved(self, kind: type[Document]) -> None:
        if kind is GoalWork and self.same_candidates(self.team.peek(GoalWork)):
            self.on_merged_save(kind)
        elif kind in (Team, GoalWork):
            self.rebuild()

    def same_candidates(self, work: GoalWork) -> bool:
        return [(c.id, c.text) for c in work.candidates] == [
            (c.id, c.text) for c in self.work.candidates
        ]

    def on_merged_save(self, kind: type[Document]) -> None:
        """The goal work changed but not its candidates (others' ratings came in with this
        member's save, or the goal statement was saved): the results show it, and the grid
        stays as it is, so a score chosen meanwhile and not yet saved is kept."""
        self.work = self.team.peek(GoalWork)
        self.show_results(self.team.peek(Team))

    def on_saved_elsewhere(self, kind: type[Document], author: str) -> None:
        """Others' ratings arrive as they save them: the chart and ranking update, and this
        member's choices not yet saved stay as they are. New or removed candidates change the
        grid itself, which is offered rather than rebuilt under the member's hands."""
        before = self.work
        now = self.team.peek(GoalWork)
        if not self.same_candidates(now):
            super().on_saved_elsewhere(kind, author)
            return
        self.work = now
        self.show_results(self.team.peek(Team))
        arrived = new_ratings(before, now)
        if arrived and not self.rules.team_hidden_because(now):
            count = sum(arrived.values())
            who = series(sorted(arrived))
            self.arrivals.info(
                f"{count} new rating{'s' if count != 1 else ''} from {who}, chart updated."
            )

    def build_grid(self) -> None:
        """One drop-down per candidate and criterion; made again only when the candidates or
        criteria changed, so choices are never dropped by a refresh (see :meth:`show_member`)."""
        shape = (
            tuple((c.id, c.text) for c in self.work.candidates),
            tuple(c.id for c in self.config.criteria),
        )
        if shape == self._grid_shape and self.cells:
            return
        self._grid_shape = shape
        scale = self.config.rating_scale
        options = [(NOT_RATED, None)] + [(f"{p} · {scale.label(p)}", p) for p in scale.points]
        header = tagged(
            widgets.HTML(
                '<div class="wk-table-heads">'
                + "".join(
                    f'<b style="width:112px;max-width:112px" title="{esc(c.description)}">'
                    f"{esc(c.label)}</b>"
                    for c in self.config.criteria
                )
                + "</div>"
            ),
            "wk-table-header",
        )
        rows: list[widgets.Widget] = [header]
        self.cells = {}
        for candidate in self.work.candidates:
            rows.append(
                tagged(
                    widgets.HTML(f"<b>{esc(candidate.text)}</b>", layout=self._goal_layout),
                    "wk-rating-goal",
                )
            )
            line: list[widgets.Widget] = []
            for criterion in self.config.criteria:
                cell = tagged(
                    widgets.Dropdown(
                        options=options,
                        value=None,
                        layout=self._cell_layout,
                        style=self._cell_style,
                        tooltip=f"{criterion.label}: {candidate.text}",
                    ),
                    f"wk-rate-{candidate.id}-{criterion.id}",
                )
                self.cells[(candidate.id, criterion.id)] = cell
                line.append(cell)
            rows.append(tagged(widgets.HBox(line), "wk-table-row"))
        # rebuilt after every save: the old grid is closed, the column layouts are shared
        replace_children(self.grid, rows if self.work.candidates else [], self._grid_shared)

    @guarded(lambda self: self.messages)
    def show_member(self) -> None:
        """Fill the grid with the rater's own saved scores (only theirs, only when this device
        may rate as them)."""
        member = self.member.value or ""
        scores = self.rules.own_scores(self.work, member)
        for key, cell in self.cells.items():
            cell.value = scores.get(key)
            cell.disabled = not self.rules.may_rate_as(member)
        self.save_button.description = f"Save {member}'s ratings" if member else "Save my ratings"
        self.save_button.disabled = not self.rules.may_rate_as(member)
        if not self._rebuilding:
            self.show_results(self.team.peek(Team))  # what this member may see

    @guarded(lambda self: self.messages)
    def reveal(self) -> None:
        self.work = self.update(
            GoalWork,
            lambda current: current.model_copy(update={"ratings_revealed": True}),
            "the reveal of the ratings",
        )
        self.show_results(self.team.peek(Team))

    def show_results(self, team: Team) -> None:
        """The team's ranking and chart, or, while the rule keeps them off this device, nothing
        of them at all (empty widgets, not hidden ones) and a note saying why."""
        self.rules = RatingRules.of(
            self.config.ratings_privacy, team.member_names, self.session.member
        )
        hidden = self.rules.team_hidden_because(self.work)
        cannot_rate = self.rules.cannot_rate_because()
        self.reveal_button.layout.display = "" if self.rules.offers_reveal(self.work) else "none"
        notes = [text for text in (cannot_rate, hidden) if text]
        self.hidden_note.value = "".join(
            f'<p class="wk-ratings-hidden">{esc(text)}</p>' for text in notes
        )
        if hidden:
            self.chart.value = ""
            self.results.value = ""
            self.arrivals.clear()
            self.status_line = "the team's ratings are hidden on this device"
            return
        ranking = rank_candidates(
            self.work, team.member_names, self.config.criteria, self.config.low_consensus_spread
        )
        scale = self.config.rating_scale
        self.chart.value = ratings_bars_html(ranking, scale.minimum, scale.maximum)
        top = (
            ranking.scores[0]
            if ranking.scores and ranking.scores[0].team_score is not None
            else None
        )
        low = [s.candidate_id for s in ranking.scores if s.low_consensus]
        self.status_line = (
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
                (rank, s.text, score, spread, f"{s.raters}/{len(team.members)}", "; ".join(flags))
            )
        missing = ""
        if ranking.missing:
            who = sorted({m.member for m in ranking.missing})
            missing = (
                f"<p class='wk-missing'>{len(ranking.missing)} ratings missing, from: "
                f"{esc(', '.join(who))}.</p>"
            )
        self.results.value = (
            html_table(
                ("#", title_of(CandidateGoal, "text"), "Team score", "Spread", "Rated by", "Notes"),
                rows,
                "wk-ranking",
            )
            + missing
        )

    @guarded(lambda self: self.messages)
    def save_ratings(self) -> None:
        member = self.member.value or ""
        if not self.rules.may_rate_as(member):
            raise InputError(self.rules.cannot_rate_because() or "Choose who is rating first.")
        scores = {key: cell.value for key, cell in self.cells.items() if cell.value is not None}
        self.work = self.update(
            GoalWork, lambda current: current.with_ratings(member, scores), f"{member}'s ratings"
        )
        self.show_results(self.load(Team))
        total = len(self.cells)
        self.messages.ok(f"Saved {member}'s ratings ({len(scores)} of {total} given).")
