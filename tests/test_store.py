"""The store: a team's work as plain files, saved atomically, never silently overwritten, kept in
history, recoverable when damaged, and only ever inside the workspace."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
import yaml

from workshop_kit import paths, store
from workshop_kit.errors import (
    ConflictError,
    DamagedFileError,
    StaleSaveError,
    TeamNotFoundError,
    UnsafeTeamNameError,
    WorkshopError,
)
from workshop_kit.model import document_kinds
from workshop_kit.model.goal import CandidateGoal, GoalWork
from workshop_kit.model.team import Member, Team
from workshop_kit.store import KEEP_REVISIONS, TeamWorkbook, Workspace, team_slug


def saved(book: TeamWorkbook, name: str = "team.yaml") -> dict[str, object]:
    data = yaml.safe_load(book.file(name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def leftovers(folder: Path) -> list[str]:
    """Temporary files an interrupted write could leave behind."""
    return sorted(p.name for p in folder.rglob("*.tmp"))


def team(name: str = "Lincoln ILT", *members: str) -> Team:
    return Team(name=name, members=tuple(Member(name=m, role="Teacher") for m in members))


@pytest.fixture
def book(workspace: Workspace) -> TeamWorkbook:
    """A new team's workbook, as created by the kit (team.yaml saved once, revision 1)."""
    return workspace.create_team("Lincoln ILT")


def second_laptop(book: TeamWorkbook) -> TeamWorkbook:
    """The same team folder opened independently, as a second laptop on a shared drive would."""
    return Workspace(book.workspace.root).open_team(book.slug)


class TestAtomicSave:
    def test_a_save_writes_the_document_with_its_version_and_revision(
        self, book: TeamWorkbook
    ) -> None:
        """The file is plain YAML: schema_version and revision first, then the team's fields."""
        book.save(team("Lincoln ILT", "Rosa Diaz"))
        data = saved(book)
        assert list(data)[:2] == ["schema_version", "revision"]
        assert data["schema_version"] == Team.SCHEMA_VERSION
        assert data["members"] == [{"name": "Rosa Diaz", "role": "Teacher", "represents": ""}]

    def test_no_temporary_files_are_left_behind(self, book: TeamWorkbook) -> None:
        """Writing aside and renaming leaves only the real files in the folder."""
        for n in range(3):
            book.save(team(f"Lincoln ILT {n}"))
        book.write_file("notes.txt", "plain text")
        assert leftovers(book.folder) == []
        assert (book.folder / "notes.txt").read_text(encoding="utf-8") == "plain text"

    def test_a_write_that_fails_midway_leaves_the_old_file_intact(
        self, book: TeamWorkbook, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """If the final rename never happens (crash, full disk), the old file stays whole."""
        before = book.path_of(Team).read_bytes()

        def crash(src: object, dst: object) -> None:
            raise OSError("simulated crash before the rename")

        monkeypatch.setattr(os, "replace", crash)
        with pytest.raises(WorkshopError, match="Could not save lincoln-ilt/") as refused:
            book.save(team("Half-written name"))
        assert str(book.folder) not in refused.value.message  # no absolute path on screen
        monkeypatch.undo()
        assert book.path_of(Team).read_bytes() == before
        assert leftovers(book.folder) == []
        assert [r.number for r in book.revisions(Team)] == [1]
        # the failed save did not move this workbook's base: the next save goes through
        book.save(team("Lincoln ILT, second try"))
        assert saved(book)["name"] == "Lincoln ILT, second try"

    def test_saving_an_invalid_document_is_refused_before_writing(self, book: TeamWorkbook) -> None:
        """A document built without validation never reaches the disk."""
        before = book.path_of(Team).read_bytes()
        broken = Team.model_construct(name="x" * 500)
        with pytest.raises(ValueError):
            book.save(broken)
        assert book.path_of(Team).read_bytes() == before


class TestRevisionsAndHistory:
    def test_revisions_increase_with_every_save(self, book: TeamWorkbook) -> None:
        assert saved(book)["revision"] == 1
        book.save(team("Two"))
        book.save(team("Three"))
        assert saved(book)["revision"] == 3
        assert book.current_revision(Team) == 3

    def test_every_save_is_kept_in_history(self, book: TeamWorkbook) -> None:
        book.save(team("Two"))
        book.save(team("Three"))
        assert [r.number for r in book.revisions(Team)] == [3, 2, 1]
        assert book.load_revision(Team, 2).name == "Two"
        assert book.load_revision(Team, 1).name == "Lincoln ILT"

    def test_old_revisions_are_pruned(
        self, book: TeamWorkbook, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Only the newest KEEP_REVISIONS versions are kept; numbering carries on regardless."""
        monkeypatch.setattr(store, "KEEP_REVISIONS", 3)
        for n in range(2, 7):
            book.save(team(f"Name {n}"))
        assert [r.number for r in book.revisions(Team)] == [6, 5, 4]
        book.save(team("Name 7"))
        assert saved(book)["revision"] == 7

    def test_numbering_carries_on_after_the_file_was_deleted(self, book: TeamWorkbook) -> None:
        """A file deleted by hand starts again above its history; no kept version is replaced."""
        book.save(team("Two"))
        book.path_of(Team).unlink()
        fresh = second_laptop(book)
        assert fresh.load(Team) == Team()
        fresh.save(team("After the deletion"))
        assert saved(book)["revision"] == 3
        assert [r.number for r in book.revisions(Team)] == [3, 2, 1]
        assert book.load_revision(Team, 1).name == "Lincoln ILT"

    def test_a_revision_that_is_not_kept_is_explained(self, book: TeamWorkbook) -> None:
        with pytest.raises(WorkshopError, match=r"Revision 42 of team\.yaml is not kept"):
            book.load_revision(Team, 42)

    def test_restore_makes_an_old_revision_current_as_a_new_revision(
        self, book: TeamWorkbook
    ) -> None:
        """Going back never rewrites history: the restored content becomes the newest revision."""
        book.save(team("Two", "Rosa Diaz"))
        book.save(team("Three"))
        restored = book.restore(Team, 2)
        assert restored.name == "Two"
        assert saved(book)["name"] == "Two"
        assert saved(book)["revision"] == 4
        assert [r.number for r in book.revisions(Team)] == [4, 3, 2, 1]
        # the restoring workbook may keep saving
        book.save(team("Five"))
        assert saved(book)["revision"] == 5

    def test_restoring_an_unknown_revision_changes_nothing(self, book: TeamWorkbook) -> None:
        before = book.path_of(Team).read_bytes()
        with pytest.raises(WorkshopError):
            book.restore(Team, 9)
        assert book.path_of(Team).read_bytes() == before


class TestPlainFiles:
    """A team's own plain files (the evidence table) keep the copy a new upload replaces."""

    def test_the_replaced_copy_is_kept_and_can_be_put_back_and_back_again(
        self, book: TeamWorkbook
    ) -> None:
        book.write_file("evidence.csv", b"first\n", keep_previous=True)
        assert book.kept_copies("evidence.csv") == []  # nothing was replaced
        book.write_file("evidence.csv", b"second\n", keep_previous=True)
        book.write_file("evidence.csv", b"second\n", keep_previous=True)  # same: nothing kept
        assert [p.read_bytes() for p in book.kept_copies("evidence.csv")] == [b"first\n"]
        book.put_back("evidence.csv")
        assert book.file("evidence.csv").read_bytes() == b"first\n"
        book.put_back("evidence.csv")
        assert book.file("evidence.csv").read_bytes() == b"second\n"
        assert leftovers(book.folder) == []

    def test_only_the_newest_copies_are_kept(self, book: TeamWorkbook) -> None:
        for n in range(KEEP_REVISIONS + 5):
            book.write_file("evidence.csv", f"{n}\n", keep_previous=True)
        kept = book.kept_copies("evidence.csv")
        assert len(kept) == KEEP_REVISIONS
        assert kept[0].read_text() == f"{KEEP_REVISIONS + 3}\n"

    def test_nothing_to_put_back_is_a_plain_message(self, book: TeamWorkbook) -> None:
        with pytest.raises(WorkshopError, match=r"no earlier copy of evidence\.csv"):
            book.put_back("evidence.csv")

    def test_other_files_are_not_kept(self, book: TeamWorkbook) -> None:
        book.write_file("summary.md", "a")
        book.write_file("summary.md", "b")
        assert book.kept_copies("summary.md") == []


class TestVersions:
    def test_a_read_gives_the_version_and_a_save_gives_the_next(self, book: TeamWorkbook) -> None:
        """One version value travels from a load to the save made from it."""
        empty, never = book.read(GoalWork)  # a part the team has not saved yet
        assert empty == GoalWork() and never == store.Version(0, None)
        book.save(team("First"))
        first, version = book.read(Team)
        raw = book.path_of(Team).read_bytes()
        assert first.name == "First"
        revision = book.current_revision(Team)
        assert version == store.Version(revision, hashlib.sha256(raw).hexdigest())
        doc, after = book.update(Team, lambda t: t.model_copy(update={"school": "X"}), version)
        assert doc.school == "X" and after.revision == revision + 1
        assert after.digest == hashlib.sha256(book.path_of(Team).read_bytes()).hexdigest()

    def test_a_hand_edit_that_keeps_the_revision_is_still_noticed(self, book: TeamWorkbook) -> None:
        """The digest tells the edit apart: a save over it merges with it, or is refused."""
        book.save(team("First"))
        _, version = book.read(Team)
        path = book.path_of(Team)
        path.write_text(path.read_text(encoding="utf-8").replace("First", "Edited"), "utf-8")
        with pytest.raises(ConflictError, match="the team name"):
            book.update(Team, lambda t: t.model_copy(update={"name": "Mine"}), version)
        assert saved(book)["name"] == "Edited"
        book.update(Team, lambda t: t.model_copy(update={"school": "X"}), version)
        assert (saved(book)["name"], saved(book)["school"]) == ("Edited", "X")


class TestPlainFileVersions:
    """The evidence table gets the same stale-save check as the YAML files."""

    def test_a_write_from_an_outdated_read_is_refused_and_changes_nothing(
        self, book: TeamWorkbook
    ) -> None:
        book.write_file("evidence.csv", "a\n", keep_previous=True)
        laptop_b = second_laptop(book)
        _, seen_by_b = laptop_b.read_file("evidence.csv")
        book.write_file("evidence.csv", "from A\n", keep_previous=True)
        with pytest.raises(StaleSaveError, match="the evidence"):
            laptop_b.write_file(
                "evidence.csv", "from B\n", keep_previous=True, base=seen_by_b, what="the evidence"
            )
        assert book.file("evidence.csv").read_text(encoding="utf-8") == "from A\n"
        assert len(book.kept_copies("evidence.csv")) == 1  # nothing kept for the refused write

    def test_writes_from_a_current_read_go_ahead_one_after_another(
        self, book: TeamWorkbook
    ) -> None:
        raw, version = book.read_file("evidence.csv")
        assert raw is None and version == store.Version(0, None)
        book.write_file("evidence.csv", "one\n", keep_previous=True, base=version)
        raw, version = book.read_file("evidence.csv")
        assert raw == b"one\n" and version.revision == 1
        book.write_file("evidence.csv", "two\n", keep_previous=True, base=version)
        book.write_file("evidence.csv", "three\n", keep_previous=True, base=version)  # ours
        assert book.file("evidence.csv").read_text(encoding="utf-8") == "three\n"
        assert book.read_file("evidence.csv")[1].revision == 3

    def test_putting_back_a_copy_makes_it_the_base(self, book: TeamWorkbook) -> None:
        book.write_file("evidence.csv", "one\n", keep_previous=True)
        book.write_file("evidence.csv", "two\n", keep_previous=True)
        book.put_back("evidence.csv")
        _, version = book.read_file("evidence.csv")
        book.write_file("evidence.csv", "three\n", keep_previous=True, base=version)
        assert book.file("evidence.csv").read_text(encoding="utf-8") == "three\n"


class TestStaleSaves:
    def test_a_save_from_a_stale_copy_is_refused(self, book: TeamWorkbook) -> None:
        """Two laptops open the team; the first saves; the second one's save is refused."""
        laptop_a, laptop_b = second_laptop(book), second_laptop(book)
        laptop_a.load(Team)
        laptop_b.load(Team)
        laptop_a.save(team("Saved on laptop A"))
        with pytest.raises(ConflictError) as refused:
            laptop_b.save(team("Saved on laptop B"))
        assert "the team name" in refused.value.message and "reload" in refused.value.message
        assert refused.value.places == ["the team name"]
        assert saved(book)["name"] == "Saved on laptop A"
        assert saved(book)["revision"] == 2

    def test_after_a_reload_the_second_laptop_can_save(self, book: TeamWorkbook) -> None:
        laptop_a, laptop_b = second_laptop(book), second_laptop(book)
        laptop_b.load(Team)
        laptop_a.load(Team)
        laptop_a.save(team("A"))
        with pytest.raises(StaleSaveError):
            laptop_b.save(team("B"))
        assert laptop_b.reload(Team).name == "A"
        laptop_b.save(team("B, after reading A"))
        assert saved(book)["name"] == "B, after reading A"
        assert saved(book)["revision"] == 3

    def test_showing_the_team_name_does_not_fix_the_base_of_later_saves(
        self, book: TeamWorkbook
    ) -> None:
        """A team picker lists names early; the panel opened later saves what it showed."""
        laptop_a, laptop_b = second_laptop(book), second_laptop(book)
        assert laptop_b.display_name == "Lincoln ILT"
        laptop_a.load(Team)
        laptop_a.save(team("Renamed on laptop A"))
        shown = laptop_b.load(Team)
        assert shown.name == "Renamed on laptop A"
        laptop_b.update(Team, lambda t: t.model_copy(update={"school": "Lincoln Elementary"}))
        assert saved(book)["name"] == "Renamed on laptop A"
        assert saved(book)["school"] == "Lincoln Elementary"

    def test_a_view_filled_after_someone_elses_save_saves_without_a_false_alarm(
        self, book: TeamWorkbook
    ) -> None:
        """Laptop B opened the team early; laptop A saved; a form B opens afterwards shows A's
        version and may save. A form B filled before A's save may not."""
        laptop_a, laptop_b = second_laptop(book), second_laptop(book)
        early_form = laptop_b.read(Team)[1]
        laptop_a.load(Team)
        laptop_a.save(team("Renamed on laptop A"))
        late, late_form = laptop_b.read(Team)
        assert late.name == "Renamed on laptop A"
        laptop_b.update(Team, lambda t: t.model_copy(update={"school": "Lincoln"}), base=late_form)
        assert saved(book)["name"] == "Renamed on laptop A"
        assert saved(book)["school"] == "Lincoln"
        with pytest.raises(StaleSaveError):
            laptop_b.update(
                Team, lambda t: t.model_copy(update={"name": "Early form"}), base=early_form
            )
        assert saved(book)["name"] == "Renamed on laptop A"

    def test_forms_in_one_workbook_build_on_each_others_saves(self, book: TeamWorkbook) -> None:
        """Two panels in one kernel filled from the same version each save their own field."""
        both = book.read(Team)[1]
        book.update(Team, lambda t: t.model_copy(update={"school": "Lincoln"}), base=both)
        book.update(Team, lambda t: t.model_copy(update={"norms": ("Start on time",)}), base=both)
        assert saved(book)["school"] == "Lincoln"
        assert saved(book)["norms"] == ["Start on time"]
        other = second_laptop(book)
        other.load(Team)
        other.update(Team, lambda t: t.model_copy(update={"school": "Elsewhere"}))
        with pytest.raises(ConflictError):  # both changed the school since ``both``
            book.update(Team, lambda t: t.model_copy(update={"school": "X"}), base=both)
        assert saved(book)["school"] == "Elsewhere"

    def test_changes_to_different_fields_from_two_laptops_both_land(
        self, book: TeamWorkbook
    ) -> None:
        laptop_a, laptop_b = second_laptop(book), second_laptop(book)
        laptop_a.load(Team)
        laptop_b.load(Team)
        laptop_a.update(Team, lambda t: t.model_copy(update={"school": "Lincoln Elementary"}))
        laptop_b.update(Team, lambda t: t.model_copy(update={"norms_agreed": True}))
        assert saved(book)["school"] == "Lincoln Elementary"
        assert saved(book)["norms_agreed"] is True

    def test_saving_without_having_loaded_an_existing_file_is_refused(
        self, book: TeamWorkbook
    ) -> None:
        """A workbook that never read the file cannot know what it would overwrite."""
        before = book.path_of(Team).read_bytes()
        with pytest.raises(StaleSaveError):
            second_laptop(book).save(team("Blind overwrite"))
        assert book.path_of(Team).read_bytes() == before

    def test_a_file_created_elsewhere_after_loading_is_not_overwritten(
        self, book: TeamWorkbook
    ) -> None:
        """Laptop B saw no goal.yaml; laptop A then created one; B's save merges with it, and a
        different text for the same candidate is refused."""
        laptop_a, laptop_b = second_laptop(book), second_laptop(book)
        assert laptop_b.load(GoalWork) == GoalWork()
        laptop_a.load(GoalWork)
        first = GoalWork(candidates=(CandidateGoal(id="writing", text="Write to explain."),))
        laptop_a.save(first)
        with pytest.raises(ConflictError, match="Write to explain"):
            laptop_b.save(GoalWork(candidates=(CandidateGoal(id="writing", text="Write."),)))
        assert book.reload(GoalWork) == first
        laptop_b.save(GoalWork(candidates=(CandidateGoal(id="math", text="Math."),)))
        assert [c.id for c in book.reload(GoalWork).candidates] == ["writing", "math"]

    def test_reading_again_does_not_make_a_stale_view_fresh(self, book: TeamWorkbook) -> None:
        """A second load() keeps the base of the first; only reload() takes the new version."""
        laptop_a, laptop_b = second_laptop(book), second_laptop(book)
        laptop_a.load(Team)
        laptop_b.load(Team)
        laptop_a.save(team("A"))
        assert laptop_b.load(Team).name == "A"
        with pytest.raises(StaleSaveError):
            laptop_b.save(team("B"))

    def test_the_same_workbook_can_save_again_and_again(self, book: TeamWorkbook) -> None:
        """Its own saves move its base, so panels in one kernel are never refused by themselves."""
        for n in range(3):
            book.save(team(f"Name {n}"))
        assert saved(book)["name"] == "Name 2"


DAMAGED = {
    "broken YAML": ("name: [unclosed\n", ["line 4", "readable YAML"]),
    "wrong type": ("name: x\nmembers: just one person\n", ["line 4", "‘members’", "list"]),
    "wrong type in a list": (
        "name: x\nmembers:\n- name: Rosa\n  role: [1, 2]\n",
        ["line 6", "‘members → 1st entry → role’", "text"],
    ),
    "unknown field": ("name: x\ncolour: red\n", ["line 4", "‘colour’", "not a known field"]),
    "duplicate member": (
        "name: x\nmembers:\n- {name: Rosa, role: Coach}\n- {name: rosa, role: Coach}\n",
        ["line 5", "‘members’", "twice"],
    ),
}


def damage(book: TeamWorkbook, body: str, version: int = Team.SCHEMA_VERSION) -> bytes:
    text = f"schema_version: {version}\nrevision: 1\n{body}"
    data = text.encode("utf-8")
    book.path_of(Team).write_bytes(data)
    return data


class TestDamagedFiles:
    @pytest.mark.parametrize("case", list(DAMAGED), ids=list(DAMAGED))
    def test_the_message_names_the_file_the_field_and_the_line(
        self, book: TeamWorkbook, case: str
    ) -> None:
        body, expected = DAMAGED[case]
        damage(book, body)
        with pytest.raises(DamagedFileError) as damaged:
            second_laptop(book).load(Team)
        message = damaged.value.message
        assert "lincoln-ilt/team.yaml" in message
        for part in expected:
            assert part in message
        assert "Traceback" not in message

    def test_a_newer_format_is_named_with_its_field(self, book: TeamWorkbook) -> None:
        """A file written by a newer kit is not guessed at: the message says so."""
        damage(book, "name: x\n", version=Team.SCHEMA_VERSION + 1)
        with pytest.raises(DamagedFileError) as damaged:
            second_laptop(book).load(Team)
        message = damaged.value.message
        assert "lincoln-ilt/team.yaml" in message
        assert "schema_version" in message
        assert "newer workshop-kit" in message

    def test_the_last_good_revision_is_offered(self, book: TeamWorkbook) -> None:
        book.save(team("Two"))
        damage(book, DAMAGED["unknown field"][0])
        with pytest.raises(DamagedFileError) as damaged:
            second_laptop(book).load(Team)
        assert damaged.value.last_good_revision == 2
        assert "revision 2" in damaged.value.message
        assert damaged.value.path == str(book.path_of(Team))

    def test_a_file_damaged_before_it_was_ever_opened_has_nothing_to_restore(
        self, workspace: Workspace
    ) -> None:
        folder = workspace.root / "handmade"
        folder.mkdir()
        (folder / "team.yaml").write_text("schema_version: 1\nname: [\n", encoding="utf-8")
        with pytest.raises(DamagedFileError) as damaged:
            workspace.open_team("handmade").load(Team)
        assert damaged.value.last_good_revision is None
        assert "No earlier good version" in damaged.value.message

    def test_the_demo_as_copied_is_kept_so_a_broken_demo_file_can_be_restored(
        self, workspace: Workspace
    ) -> None:
        """The demo is copied without history; opening it keeps its current version."""
        demo = workspace.ensure_demo()
        revision = demo.current_revision(Team)
        demo.path_of(Team).write_text("schema_version: 1\nname: [\n", encoding="utf-8")
        with pytest.raises(DamagedFileError) as damaged:
            second_laptop(demo).load(Team)
        assert damaged.value.last_good_revision == revision

    def test_a_damaged_file_is_not_overwritten_by_a_save(self, book: TeamWorkbook) -> None:
        """Nothing is written until a person decides, even by a workbook that loaded it before."""
        book.load(Team)
        hand_edit = damage(book, DAMAGED["wrong type"][0])
        with pytest.raises(DamagedFileError):
            book.save(team("Overwrite"))
        with pytest.raises(DamagedFileError):
            second_laptop(book).save(team("Overwrite"))
        assert book.path_of(Team).read_bytes() == hand_edit
        assert [r.number for r in book.revisions(Team)] == [1]

    def test_restore_moves_the_damaged_file_aside(self, book: TeamWorkbook) -> None:
        """The hand edit is kept beside the file, so nothing typed is lost."""
        book.save(team("Two"))
        hand_edit = damage(book, DAMAGED["broken YAML"][0])
        laptop = second_laptop(book)
        with pytest.raises(DamagedFileError) as damaged:
            laptop.load(Team)
        good = damaged.value.last_good_revision
        assert good is not None
        assert laptop.restore(Team, good).name == "Two"
        assert (book.folder / "team.damaged-1.yaml").read_bytes() == hand_edit
        assert laptop.load(Team).name == "Two"
        assert saved(book)["revision"] == 3
        assert [r.number for r in book.revisions(Team)] == [3, 2, 1]
        assert book.load_revision(Team, 1).name == "Lincoln ILT", "history is never rewritten"
        # the restoring laptop saves on top of what it restored
        laptop.save(team("Four"))
        assert saved(book)["name"] == "Four"

    def test_a_second_damage_is_kept_beside_the_first(self, book: TeamWorkbook) -> None:
        first = damage(book, DAMAGED["broken YAML"][0])
        book.restore(Team, 1)
        second = damage(book, DAMAGED["unknown field"][0])
        book.restore(Team, 1)
        assert (book.folder / "team.damaged-1.yaml").read_bytes() == first
        assert (book.folder / "team.damaged-2.yaml").read_bytes() == second

    def test_check_lists_every_damaged_file(self, book: TeamWorkbook) -> None:
        assert book.check(document_kinds()) == []
        damage(book, DAMAGED["unknown field"][0])
        book.file("goal.yaml").write_text("schema_version: 1\ncandidates: 3\n", encoding="utf-8")
        problems = book.check(document_kinds())
        assert len(problems) == 2
        assert "team.yaml" in problems[0]
        assert "goal.yaml" in problems[1]


UNSAFE_NAMES = {
    "parent folder": "../x",
    "absolute path": "/etc",
    "climbing path": "a/../../b",
    "NUL": "bad\x00name",
    "backslash": "a\\b",
    "leading dot": ".hidden",
    "dot dot": "..",
    "empty": "",
    "only spaces": "   ",
    "only punctuation": "!!!",
    "too long": "x" * (store.MAX_NAME_LENGTH + 1),
    "newline": "two\nlines",
    "the settings folder": "Config",
    "the notebooks folder": "Notebooks",
}


class TestTeamNames:
    @pytest.mark.parametrize("name", list(UNSAFE_NAMES.values()), ids=list(UNSAFE_NAMES))
    def test_unsafe_names_are_refused(self, workspace: Workspace, name: str) -> None:
        before = sorted(p.name for p in workspace.root.parent.rglob("*"))
        with pytest.raises(UnsafeTeamNameError) as refused:
            workspace.create_team(name)
        assert refused.value.message
        with pytest.raises(UnsafeTeamNameError):
            workspace.open_team(name)
        assert sorted(p.name for p in workspace.root.parent.rglob("*")) == before

    def test_names_become_plain_folder_names(self) -> None:
        assert team_slug("  Lincoln ILT  ") == "lincoln-ilt"
        assert team_slug("Escuela Año 2026") == "escuela-año-2026"
        assert team_slug("x" * store.MAX_NAME_LENGTH) == "x" * store.MAX_NAME_LENGTH

    def test_a_team_folder_that_links_out_of_the_workspace_is_refused(
        self, workspace: Workspace, tmp_path: Path
    ) -> None:
        outside = tmp_path / "elsewhere"
        outside.mkdir()
        (workspace.root / "intruder").symlink_to(outside, target_is_directory=True)
        with pytest.raises(UnsafeTeamNameError, match="outside the workspace"):
            workspace.open_team("intruder")
        with pytest.raises(UnsafeTeamNameError):
            workspace.create_team("Intruder")
        assert "intruder" not in workspace.team_slugs()
        assert list(outside.iterdir()) == []


class TestWorkspace:
    def test_create_then_open_and_list(self, workspace: Workspace) -> None:
        workspace.create_team("Lincoln ILT")
        workspace.create_team("Oak Ridge Middle")
        assert workspace.team_slugs() == ["demo", "lincoln-ilt", "oak-ridge-middle"]
        fresh = Workspace(workspace.root)
        assert fresh.open_team("Oak Ridge Middle").load(Team).name == "Oak Ridge Middle"
        assert fresh.open_team("lincoln-ilt").display_name == "Lincoln ILT"

    def test_a_name_that_is_taken_is_refused(self, workspace: Workspace) -> None:
        workspace.create_team("Lincoln ILT")
        with pytest.raises(WorkshopError, match="already exists"):
            workspace.create_team("lincoln ilt")

    def test_opening_a_missing_team_says_so(self, workspace: Workspace) -> None:
        with pytest.raises(TeamNotFoundError, match="no team called ‘Nobody’"):
            workspace.open_team("Nobody")

    def test_one_workbook_per_team_within_a_workspace(self, workspace: Workspace) -> None:
        """Panels in one kernel share a workbook, so they never see each other as stale."""
        workspace.create_team("Lincoln ILT")
        assert workspace.open_team("Lincoln ILT") is workspace.open_team("lincoln-ilt")

    def test_hidden_folders_and_files_are_not_teams(self, workspace: Workspace) -> None:
        (workspace.root / ".demo-staging").mkdir()
        (workspace.root / "config").mkdir()
        (workspace.root / "notes.txt").write_text("not a team", encoding="utf-8")
        assert workspace.team_slugs() == ["demo"]

    def test_an_empty_or_missing_workspace_lists_no_teams(self, tmp_path: Path) -> None:
        assert Workspace(tmp_path / "nothing-here").team_slugs() == []

    def test_a_team_file_can_only_be_a_plain_name(self, book: TeamWorkbook) -> None:
        """Names of other files come from the kit; a path is a programming error, not a file."""
        for bad in ("../team.yaml", ".history", "sub/x.csv"):
            with pytest.raises(ValueError):
                book.file(bad)


def digest_tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


class TestDemo:
    def test_the_demo_is_copied_into_the_workspace(self, tmp_path: Path) -> None:
        ws = Workspace(tmp_path / "ws")
        demo = ws.ensure_demo()
        assert demo.slug == store.DEMO_SLUG
        copied = digest_tree(demo.folder)
        kept = {name for name in copied if name.startswith(".history/")}
        copied.pop(".lock", None)  # taken while opening it
        assert {n: d for n, d in copied.items() if n not in kept} == digest_tree(
            paths.demo_team_dir()
        )
        assert len(kept) == len(document_kinds()), "each file's version is kept on opening"
        assert ws.team_slugs() == ["demo"]
        assert [p.name for p in ws.root.iterdir()] == ["demo"], "no staging folder is left"

    def test_the_demo_files_validate(self, workspace: Workspace) -> None:
        demo = workspace.ensure_demo()
        assert demo.check(document_kinds()) == []
        assert "(demo)" in demo.display_name

    def test_edits_change_the_copy_and_never_data(self, workspace: Workspace) -> None:
        before = digest_tree(paths.data_dir())
        demo = workspace.ensure_demo()
        demo.load(Team)
        demo.save(demo.load(Team).model_copy(update={"norms_agreed": False}))
        demo.restore(Team, demo.revisions(Team)[-1].number)
        assert digest_tree(paths.data_dir()) == before

    def test_two_kernels_copying_the_demo_at_once_both_get_it(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Two app pages opened together on a fresh workspace: the second copy loses the race
        quietly and uses the first, leaving no staging folder behind."""
        ws = Workspace(tmp_path / "ws")
        real_copytree = shutil.copytree

        def other_kernel_first(src: Path, dst: Path, **kwargs: object) -> object:
            real_copytree(src, ws.root / store.DEMO_SLUG)  # the other kernel finishes first
            return real_copytree(src, dst, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(shutil, "copytree", other_kernel_first)
        demo = ws.ensure_demo()
        assert demo.load(Team).name == "Maple Grove Elementary (demo)"
        assert [p.name for p in ws.root.iterdir()] == ["demo"]

    def test_the_demo_is_not_copied_again_over_a_teams_edits(self, workspace: Workspace) -> None:
        demo = workspace.ensure_demo()
        demo.load(Team)
        demo.save(team("Edited demo"))
        again = Workspace(workspace.root).ensure_demo()
        assert again.load(Team).name == "Edited demo"


class TestWorkspaceLocation:
    def test_an_explicit_folder_wins(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv(paths.WORKSPACE_ENV, str(tmp_path / "from-env"))
        assert paths.workspace_dir(tmp_path / "given") == (tmp_path / "given").resolve()

    def test_the_environment_comes_next(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv(paths.WORKSPACE_ENV, str(tmp_path / "from-env"))
        assert paths.workspace_dir() == (tmp_path / "from-env").resolve()
        assert Workspace.default().root == (tmp_path / "from-env").resolve()

    def test_the_default_is_workspace_at_the_project_root(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.delenv(paths.WORKSPACE_ENV, raising=False)
        assert paths.workspace_dir() == paths.project_root() / "workspace"
        assert (paths.project_root() / "pyproject.toml").is_file()
