"""The live view: an open page hears, within one check, that another device saved; derived views
update, forms keep what was typed and say so, and ratings arrive on the chart as they are saved."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from workshop_kit.activities import day1, day2
from workshop_kit.config.day1 import load_day1
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.resources import Resource, ResourceInventory
from workshop_kit.model.team import Team
from workshop_kit.session import Session
from workshop_kit.store import TeamWorkbook, Workspace


def other_device(session: Session) -> TeamWorkbook:
    return Workspace(session.workspace.root).open_team(session.team.slug)


class TestSavesElsewhere:
    def test_nothing_is_reported_until_another_device_saves(self, session: Session) -> None:
        day1.NormsPanel(session)
        assert session.check_for_saves_elsewhere() == []
        day1.NormsPanel(session).save_button.click()  # a save on this page is not "elsewhere"
        assert session.check_for_saves_elsewhere() == []
        laptop = other_device(session)
        laptop.load(Team)
        laptop.update(Team, lambda t: t.model_copy(update={"school": "X"}), author="Ana Ruiz")
        assert session.check_for_saves_elsewhere() == [Team]
        assert session.check_for_saves_elsewhere() == []  # reported once per version

    def test_a_form_keeps_what_was_typed_and_offers_the_other_version(
        self, session: Session
    ) -> None:
        norms = day1.NormsPanel(session)
        norms.norms.value = "Typed here, not saved"
        laptop = other_device(session)
        laptop.load(Team)
        laptop.update(Team, lambda t: t.model_copy(update={"school": "X"}), author="Ana Ruiz")
        session.check_for_saves_elsewhere()
        assert norms.norms.value == "Typed here, not saved"
        assert "Ana Ruiz saved changes to the team roster" in norms.merge_note.text
        (show,) = norms._recovery.children
        show.click()
        assert norms.norms.value != "Typed here, not saved"

    def test_a_form_with_nothing_typed_shows_the_other_version_at_once(
        self, session: Session
    ) -> None:
        """Nothing typed here, nothing to keep: another device's norms are shown by themselves,
        with a line saying who saved them."""
        norms = day1.NormsPanel(session)
        laptop = other_device(session)
        laptop.load(Team)
        laptop.update(
            Team, lambda t: t.with_norms(["Saved on the laptop"], True), author="Ana Ruiz"
        )
        session.check_for_saves_elsewhere()
        assert norms.norms.value == "Saved on the laptop"
        assert "Ana Ruiz saved changes to the team roster and norms on another device" in (
            norms.merge_note.text
        )
        assert norms._recovery.children == ()

    def test_a_list_just_saved_here_takes_in_the_next_save_elsewhere(
        self, session: Session, new_team: Callable[[Session], None]
    ) -> None:
        """A resource added here empties the form (saved: nothing typed); a resource then added
        on another device appears in this page's table and in the form's list by itself, and
        the map draws it."""
        new_team(session)
        inventory = day2.InventoryPanel(session)
        drawn = day2.MapPanel(session)
        inventory.name.value = "Added here"
        inventory.quadrant.value = "relationships"
        inventory.add_button.click()
        assert inventory.form_message.kind == "ok", inventory.form_message.text
        laptop = other_device(session)
        laptop.load(ResourceInventory)
        laptop.update(
            ResourceInventory,
            lambda inv: inv.with_resource(
                Resource(id="added-there", name="Added there", quadrant="knowledge")
            ),
            author="Ana Ruiz",
        )
        session.check_for_saves_elsewhere()
        assert [row["name"] for row in inventory.table.values()] == ["Added here", "Added there"]
        assert "change ‘Added there’" in [label for label, _ in inventory.form.choice.options]
        assert b"Added there" in drawn.picture.svg and "(2)" in drawn.picture.alt
        assert "Ana Ruiz saved changes" in inventory.merge_note.text

    def test_typing_after_a_save_here_is_kept_when_another_device_saves(
        self, session: Session
    ) -> None:
        """Only what a save left in the inputs counts as saved: text typed after it is kept."""
        norms = day1.NormsPanel(session)
        norms.norms.value = "Saved here"
        norms.save_button.click()
        assert norms.messages.kind == "ok", norms.messages.text
        norms.norms.value = "Typed after the save"
        laptop = other_device(session)
        laptop.load(Team)
        laptop.update(Team, lambda t: t.model_copy(update={"school": "X"}), author="Ana Ruiz")
        session.check_for_saves_elsewhere()
        assert norms.norms.value == "Typed after the save"
        assert "What you typed here is kept" in norms.merge_note.text

    def test_a_list_with_a_row_changed_here_keeps_it(self, session: Session) -> None:
        """Typed in the table and not saved: the table stays as typed, and the note offers
        the other version."""
        inventory = day2.InventoryPanel(session)
        holder = inventory.table.rows[0].widgets["holder"]
        holder.value = "Typed here, not saved"
        laptop = other_device(session)
        laptop.load(ResourceInventory)
        laptop.update(
            ResourceInventory,
            lambda inv: inv.with_resource(
                Resource(id="added-there", name="Added there", quadrant="knowledge")
            ),
            author="Ana Ruiz",
        )
        session.check_for_saves_elsewhere()
        assert inventory.table.rows[0].widgets["holder"].value == "Typed here, not saved"
        assert "What you typed here is kept" in inventory.merge_note.text

    def test_results_uploaded_on_another_device_are_shown(self, session: Session) -> None:
        """The evidence table is a plain file, not a document: the live view watches it too,
        and the note being typed under the chart stays."""
        evidence = day1.EvidencePanel(session)
        evidence.notice.value = "Typed here, not kept yet"
        rows_before = len(evidence.table)
        laptop = other_device(session)
        raw, version = laptop.read_file("evidence.csv")
        assert raw is not None
        lines = raw.decode("utf-8").splitlines()
        laptop.write_file(
            "evidence.csv", "\n".join(lines[:3]) + "\n", keep_previous=True, base=version
        )
        assert session.check_for_saves_elsewhere() == []  # no document changed
        assert len(evidence.table) == 2 != rows_before
        assert "uploaded on another device" in evidence.upload_message.text
        assert evidence.notice.value == "Typed here, not kept yet"
        assert session.team.plain_files_saved_elsewhere() == []  # reported once

    def test_a_derived_view_updates_by_itself(self, session: Session) -> None:
        summary = day2.SummaryPanel(session)
        laptop = other_device(session)
        laptop.load(ResourceInventory)
        laptop.update(
            ResourceInventory,
            lambda inv: inv.with_resource(
                Resource(id="reading-buddies", name="Reading buddies", quadrant="relationships")
            ),
        )
        assert "(40 resources)" in summary.view.value
        session.check_for_saves_elsewhere()
        assert "(41 resources)" in summary.view.value


class TestRatingsForARoom:
    def test_new_ratings_arrive_on_the_chart_and_own_choices_stay(self, session: Session) -> None:
        session.member = "Marcus Lee"
        panel = day1.RatingsPanel(session)
        key = next(iter(panel.cells))
        panel.cells[key].value = 1  # chosen here, not yet saved
        chart_before = panel.chart.value
        laptop = other_device(session)
        work = laptop.load(GoalWork)
        candidate, criterion = key

        def another(member: str) -> int:  # a score different from the one saved before
            return 1 if work.score(member, candidate, criterion) != 1 else 2

        laptop.update(
            GoalWork,
            lambda g: (
                g.with_ratings("Ana Ruiz", {key: another("Ana Ruiz")})
                .with_ratings("Rosa Diaz", {key: another("Rosa Diaz")})
                .with_ratings("Dana Cole", {key: another("Dana Cole")})
            ),
        )
        session.check_for_saves_elsewhere()
        assert panel.cells[key].value == 1
        assert "from Ana Ruiz, Dana Cole and Rosa Diaz, chart updated" in panel.arrivals.text
        assert panel.chart.value != chart_before

    @pytest.fixture
    def privacy(self, session: Session) -> object:
        def set_to(mode: str) -> None:
            folder = session.workspace.root / "config"
            folder.mkdir(exist_ok=True)
            from workshop_kit import paths

            text = (paths.data_dir() / "config" / "day1.yaml").read_text(encoding="utf-8")
            (folder / "day1.yaml").write_text(
                text.replace("ratings_privacy: until_saved", f"ratings_privacy: {mode}"),
                encoding="utf-8",
            )
            assert load_day1(session.workspace.root).ratings_privacy == mode

        return set_to

    def test_others_ratings_stay_hidden_until_the_member_has_saved(self, session: Session) -> None:
        session.team.load(GoalWork)
        session.team.update(GoalWork, lambda g: g.model_copy(update={"ratings": {}}))
        laptop = other_device(session)
        laptop.load(GoalWork)
        panel = day1.RatingsPanel(session)
        key = next(iter(panel.cells))
        laptop.update(GoalWork, lambda g: g.with_ratings("Ana Ruiz", {key: 4}))
        session.member = "Marcus Lee"
        session.check_for_saves_elsewhere()
        # not on the page at all, not merely hidden
        assert panel.chart.value == "" and panel.results.value == ""
        assert "once you have saved" in panel.hidden_note.value
        panel.cells[key].value = 2
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        assert panel.chart.value != "" and "wk-ranking" in panel.results.value
        assert panel.hidden_note.value == ""

    def test_or_until_the_facilitator_reveals_them(self, session: Session, privacy: object) -> None:
        privacy("until_revealed")  # type: ignore[operator]
        session.member = "Marcus Lee"
        panel = day1.RatingsPanel(session)
        key = next(iter(panel.cells))
        panel.cells[key].value = 2
        panel.save_button.click()
        assert panel.chart.value == "" and "facilitator" in panel.hidden_note.value
        assert panel.reveal_button.layout.display == ""
        panel.reveal_button.click()
        assert panel.chart.value != ""
        assert session.team.load(GoalWork).ratings_revealed is True
        assert panel.reveal_button.layout.display == "none"

    def test_a_team_at_one_screen_can_choose_open_ratings(
        self, session: Session, privacy: object
    ) -> None:
        privacy("open")  # type: ignore[operator]
        session.member = "Marcus Lee"
        panel = day1.RatingsPanel(session)
        assert panel.chart.value != "" and panel.hidden_note.value == ""
