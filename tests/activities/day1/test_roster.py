"""Day 1 roster panel driven headlessly: set values, click, then look at the files."""

from __future__ import annotations

from collections.abc import Callable

from workshop_kit.activities import day1
from workshop_kit.model.team import Team
from workshop_kit.session import Session
from workshop_kit.store import TeamWorkbook, Workspace

Saved = Callable[[Session, str], dict[str, object]]
NewTeam = Callable[..., None]
Restarted = Callable[[Session], Session]


class TestRoster:
    def test_roster_is_saved_and_rebuilt_after_a_restart(
        self,
        session: Session,
        restarted: Restarted,
        new_team: NewTeam,
        saved: Saved,
    ) -> None:
        new_team(session)
        panel = day1.RosterPanel(session)
        panel.school.value = "Lincoln Elementary"
        panel.members.set_rows([{"name": "Rosa Diaz", "role": "Principal"}])
        panel.members.add_button.click()
        panel.members.rows[-1].widgets["name"].value = "Sam Ode"
        panel.members.rows[-1].widgets["role"].value = "Instructional coach"
        panel.members.rows[-1].widgets["represents"].value = "Grade 2"
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        assert saved(session, "team.yaml")["members"] == [
            {"name": "Rosa Diaz", "role": "Principal", "represents": ""},
            {"name": "Sam Ode", "role": "Instructional coach", "represents": "Grade 2"},
        ]
        # a kernel restart: a new workspace object and a new panel read the files again
        fresh = restarted(session)
        again = day1.RosterPanel(fresh)
        assert [r["name"] for r in again.members.values()] == ["Rosa Diaz", "Sam Ode"]
        assert again.school.value == "Lincoln Elementary"

    def test_a_member_without_a_role_changes_nothing(self, session: Session) -> None:
        panel = day1.RosterPanel(session)
        before = session.team.file("team.yaml").read_bytes()
        panel.members.add_button.click()
        panel.members.rows[-1].widgets["name"].value = "Nobody Yet"
        panel.save_button.click()
        assert panel.messages.kind == "error"
        assert "Please choose a role for Nobody Yet" in panel.members.row_error(-1)
        assert session.team.file("team.yaml").read_bytes() == before

    def test_duplicate_names_are_flagged_on_their_row(self, session: Session, saved: Saved) -> None:
        panel = day1.RosterPanel(session)
        panel.members.add_row({"name": "ana ruiz", "role": "Teacher"})
        panel.save_button.click()
        assert "already on the list" in panel.members.row_error(-1)
        assert len(saved(session, "team.yaml")["members"]) == 5  # type: ignore[arg-type]

    def test_the_same_name_written_differently_is_flagged_on_its_row(
        self, session: Session, saved: Saved
    ) -> None:
        """The kit's one "same name" rule: case, spacing and dashes do not count."""
        panel = day1.RosterPanel(session)
        panel.members.add_row({"name": "Marcus-Lee", "role": "Teacher"})
        panel.save_button.click()
        assert panel.messages.kind == "error"
        assert "Marcus-Lee is already on the list" in panel.members.row_error(-1)
        assert panel.members.row_error(1) == ""
        assert len(saved(session, "team.yaml")["members"]) == 5  # type: ignore[arg-type]

    def test_a_long_team_name_is_refused_by_its_label(self, session: Session) -> None:
        panel = day1.RosterPanel(session)
        before = session.team.file("team.yaml").read_bytes()
        panel.team_name.value = "x" * 81
        panel.save_button.click()
        assert panel.messages.kind == "error"
        assert "‘Team name’" in panel.messages.text
        assert session.team.file("team.yaml").read_bytes() == before


class TestSafety:
    def test_a_panel_opened_after_someone_elses_save_saves_it_was_no_false_alarm(
        self, session: Session, saved: Saved
    ) -> None:
        """This kernel had the roster open; another laptop saved the norms; a norms panel opened
        afterwards shows their norms and saves; the roster panel filled before saves too, and
        keeps both norms saves."""
        roster = day1.RosterPanel(session)
        other = TeamWorkbook(Workspace(session.workspace.root), "demo")
        other.load(Team)
        other.update(Team, lambda t: t.model_copy(update={"norms": ("Their norm",)}))
        norms = day1.NormsPanel(session)
        assert norms.norms.value == "Their norm"
        norms.norms.value = "Their norm\nMy norm"
        norms.save_button.click()
        assert norms.messages.kind == "ok", norms.messages.text
        assert saved(session, "team.yaml")["norms"] == ["Their norm", "My norm"]
        roster.school.value = "Maple Grove"
        roster.save_button.click()
        assert roster.messages.kind == "ok", roster.messages.text
        assert saved(session, "team.yaml")["norms"] == ["Their norm", "My norm"]
        assert saved(session, "team.yaml")["school"] == "Maple Grove"

    def test_a_member_changed_on_two_laptops_is_a_conflict_explained(
        self, session: Session, saved: Saved
    ) -> None:
        """Both laptops change the same member's role: the second save is refused, naming the
        member and who saved; what was typed stays; either version can then be kept."""
        panel = day1.RosterPanel(session)
        first = panel.members.rows[0].widgets["name"].value
        other = TeamWorkbook(Workspace(session.workspace.root), "demo")
        team = other.load(Team)
        changed = [
            m.model_copy(update={"role": "Other"}) if i == 0 else m
            for i, m in enumerate(team.members)
        ]
        other.update(Team, lambda t: t.with_roster(t.name, t.school, changed), author="Ana Ruiz")
        panel.members.rows[0].widgets["role"].value = "Specialist"
        panel.save_button.click()
        assert panel.messages.kind == "error"
        assert (
            "Ana Ruiz" in panel.messages.text and f"‘{first}’ in the roster" in panel.messages.text
        )
        assert saved(session, "team.yaml")["members"][0]["role"] == "Other"
        assert panel.members.rows[0].widgets["role"].value == "Specialist"  # nothing typed is lost
        # the refusal already told of Ana's save: the live view's next look must not replace
        # the choices it offers with "their changes were saved elsewhere"
        assert session.check_for_saves_elsewhere() == []
        assert panel.conflict is not None
        panel.conflict.keep_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        assert panel.conflict is None  # chosen: the choices go
        assert saved(session, "team.yaml")["members"][0]["role"] == "Specialist"

    def test_a_conflict_after_the_live_view_noticed_the_save_offers_both_choices(
        self, session: Session, saved: Saved
    ) -> None:
        """The member was typing when the live view saw Ana's save ("saving keeps their
        changes too"); the refusal then replaces that note, and offers reloading or keeping
        this version."""
        panel = day1.RosterPanel(session)
        other = TeamWorkbook(Workspace(session.workspace.root), "demo")
        other.load(Team)
        other.update(Team, lambda t: t.model_copy(update={"school": "Their school"}), author="Ana")
        panel.school.value = "My school"
        assert session.check_for_saves_elsewhere() == [Team]
        assert "Ana saved changes" in panel.merge_note.text
        assert panel.school.value == "My school"
        panel.save_button.click()
        assert panel.messages.kind == "error" and "the school" in panel.messages.text
        assert panel.merge_note.text == ""
        assert panel.conflict is not None
        offered = [
            panel.conflict.reload_button._dom_classes,
            panel.conflict.keep_button._dom_classes,
        ]
        assert offered == [("wk-reload",), ("wk-keep-mine",)]
        # right under the refusal, with both versions side by side
        children = list(panel.children)
        assert children.index(panel.conflict) == children.index(panel.messages) + 1
        (row,) = panel.conflict.rows
        assert (row.theirs, row.mine) == ("Their school", "My school")

    def test_reloading_after_a_conflict_shows_the_other_version(
        self, session: Session, saved: Saved
    ) -> None:
        panel = day1.RosterPanel(session)
        other = TeamWorkbook(Workspace(session.workspace.root), "demo")
        other.load(Team)
        other.update(Team, lambda t: t.model_copy(update={"school": "Their school"}))
        panel.school.value = "My school"
        panel.save_button.click()
        assert panel.messages.kind == "error" and "the school" in panel.messages.text
        assert panel.conflict is not None
        panel.conflict.reload_button.click()
        assert panel.school.value == "Their school" and panel.conflict is None
        assert saved(session, "team.yaml")["school"] == "Their school"

    def test_a_damaged_file_is_reported_and_can_be_restored(
        self, session: Session, restarted: Restarted
    ) -> None:
        day1.NormsPanel(session).save_button.click()  # revision 2 exists in the history
        path = session.team.file("team.yaml")
        path.write_text("schema_version: 1\nrevision: 3\nmembers: [oops\n", encoding="utf-8")
        fresh = restarted(session)
        panel = day1.RosterPanel(fresh)
        assert panel.messages.kind == "error"
        assert "team.yaml" in panel.messages.text and "line" in panel.messages.text
        assert "not readable YAML" in panel.messages.text
        assert path.read_text(encoding="utf-8").endswith("[oops\n")  # not overwritten
        panel._recovery.children[0].click()
        assert panel.messages.kind == "ok", panel.messages.text
        assert len(panel.members.values()) == 5
        assert (path.parent / "team.damaged-1.yaml").exists()


class TestPastedRoster:
    PASTED = (
        "Name\tRole\tSpeaks for\n"
        "Ana Ruiz\tprincipal\n"
        "Marcus Lee\tTeacher\tgrade 3\n"
        "Jo Park\tInstructional coach\tSpecial education\n"
    )

    def test_three_pasted_rows_become_three_members(
        self, session: Session, new_team: NewTeam, saved: Saved
    ) -> None:
        new_team(session)
        panel = day1.RosterPanel(session)
        panel.paste.open_button.click()
        panel.paste.text.value = self.PASTED
        panel.paste.preview_button.click()
        found = panel.paste.preview_view.value
        assert "3 rows to add" in found and "left out" in found, found
        assert panel.paste.add_button.description == "Add these 3 members"
        assert saved(session, "team.yaml").get("members", []) == []  # a preview changes nothing
        panel.paste.add_button.click()
        assert panel.paste.message.text.startswith("Added 3 members to the table"), (
            panel.paste.message.text
        )
        # the blank row a new roster starts with is replaced, not kept above the pasted rows
        assert [r["name"] for r in panel.members.values()] == ["Ana Ruiz", "Marcus Lee", "Jo Park"]
        panel.save_button.click()
        assert panel.messages.text == "Saved the roster: 3 members.", panel.messages.text
        assert saved(session, "team.yaml")["members"] == [
            {
                "name": "Ana Ruiz",
                "role": "Principal",
                "represents": "",
            },  # the option that reads the same
            {"name": "Marcus Lee", "role": "Teacher", "represents": "Grade 3"},
            {"name": "Jo Park", "role": "Instructional coach", "represents": "Special education"},
        ]

    def test_pasted_text_is_escaped_in_the_preview(self, session: Session) -> None:
        panel = day1.RosterPanel(session)
        panel.paste.open_button.click()
        panel.paste.text.value = "<b>Ana</b>\tTeacher"
        panel.paste.preview_button.click()
        assert "<b>Ana</b>" not in panel.paste.preview_view.value
        assert "&lt;b&gt;Ana&lt;/b&gt;" in panel.paste.preview_view.value

    def test_cells_pasted_into_one_name_are_refused_with_a_way_out(self, session: Session) -> None:
        panel = day1.RosterPanel(session)
        before = session.team.file("team.yaml").read_bytes()
        panel.members.add_row(
            {"name": "Ana Ruiz\tPrincipal Marcus Lee\tTeacher", "role": "Teacher"}
        )
        panel.save_button.click()
        assert panel.messages.kind == "error"
        assert "Paste from a spreadsheet" in panel.members.row_error(-1)
        assert session.team.file("team.yaml").read_bytes() == before

    def test_cancel_adds_nothing(self, session: Session) -> None:
        panel = day1.RosterPanel(session)
        rows = panel.members.values()
        panel.paste.open_button.click()
        panel.paste.text.value = "Ana Ruiz\tTeacher"
        panel.paste.preview_button.click()
        panel.paste.cancel_button.click()
        assert panel.members.values() == rows
        assert panel.paste.children == (panel.paste.open_button, panel.paste.message)


class TestEmptyRoster:
    def test_a_roster_with_no_one_is_saved_only_when_confirmed(
        self, session: Session, new_team: NewTeam, saved: Saved
    ) -> None:
        new_team(session)
        panel = day1.RosterPanel(session)
        before = session.team.file("team.yaml").read_bytes()
        panel.school.value = "Lincoln Elementary"
        panel.save_button.click()
        assert panel.messages.kind == "warning", panel.messages.text
        assert panel.messages.text.startswith("Please check: the roster lists no one yet.")
        assert session.team.file("team.yaml").read_bytes() == before
        panel.save_button.click()
        assert panel.messages.text == "Saved the roster: 0 members."
        assert saved(session, "team.yaml")["school"] == "Lincoln Elementary"


class TestWhoseVoice:
    def test_the_panel_names_the_staff_groups_no_one_speaks_for(self, session: Session) -> None:
        panel = day1.RosterPanel(session)
        text = panel.voice.value
        assert "No one on the team speaks for: Kindergarten, Grade 1, Grade 3" in text
        assert "Grade 4" not in text  # Priya Shah speaks for it

    def test_saving_a_member_for_a_group_takes_it_off_the_list(
        self, session: Session, saved: Saved
    ) -> None:
        panel = day1.RosterPanel(session)
        panel.members.add_button.click()
        row = panel.members.rows[-1].widgets
        row["name"].value = "Kim Ito"
        row["role"].value = "Teacher"
        row["represents"].value = "Kindergarten"
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        assert "Kindergarten" not in panel.voice.value
        assert "Grade 1" in panel.voice.value
        members = saved(session, "team.yaml")["members"]
        assert isinstance(members, list)
        assert members[-1] == {"name": "Kim Ito", "role": "Teacher", "represents": "Kindergarten"}

    def test_the_choices_come_from_the_facilitator_config(self, session: Session) -> None:
        panel = day1.RosterPanel(session)
        options = panel.members.rows[0].widgets["represents"].options
        assert tuple(options) == ("", *panel.config.staff_groups)
