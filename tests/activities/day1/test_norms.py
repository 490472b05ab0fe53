"""Day 1 norms panel driven headlessly: suggested norms, agreement, and stale saves."""

from __future__ import annotations

from collections.abc import Callable

from workshop_kit.activities import day1
from workshop_kit.model.team import Team
from workshop_kit.session import Session
from workshop_kit.store import TeamWorkbook, Workspace

Saved = Callable[[Session, str], dict[str, object]]
NewTeam = Callable[..., None]


class TestNorms:
    def test_suggested_norms_are_added_edited_and_agreed(
        self,
        session: Session,
        new_team: NewTeam,
        saved: Saved,
    ) -> None:
        new_team(session)
        panel = day1.NormsPanel(session)
        panel.suggest_button.click()
        suggested = panel.typed_norms()
        assert len(suggested) >= 3
        panel.norms.value = panel.norms.value + "\nPhones stay in our bags."
        panel.agreed.value = True
        panel.save_button.click()
        data = saved(session, "team.yaml")
        assert data["norms"] == [*suggested, "Phones stay in our bags."]
        assert data["norms_agreed"] is True

    def test_agreeing_to_no_norms_is_refused(
        self,
        session: Session,
        new_team: NewTeam,
        saved: Saved,
    ) -> None:
        new_team(session)
        panel = day1.NormsPanel(session)
        panel.agreed.value = True
        panel.save_button.click()
        assert panel.messages.kind == "error"
        assert saved(session, "team.yaml")["norms_agreed"] is False


class TestPastedNorms:
    def test_pasted_norms_come_in_without_their_heading(
        self, session: Session, new_team: NewTeam, saved: Saved
    ) -> None:
        new_team(session)
        panel = day1.NormsPanel(session)
        panel.norms.value = "Start on time"
        panel.paste.open_button.click()
        panel.paste.text.value = "Norms\nAssume good intent\nPhones away\n"
        panel.paste.preview_button.click()
        assert panel.paste.add_button.description == "Add these 2 norms"
        panel.paste.add_button.click()
        assert panel.typed_norms() == ["Start on time", "Assume good intent", "Phones away"]
        panel.save_button.click()
        assert saved(session, "team.yaml")["norms"] == [
            "Start on time",
            "Assume good intent",
            "Phones away",
        ]

    def test_a_heading_pasted_straight_into_the_list_is_not_saved_as_a_norm(
        self, session: Session, new_team: NewTeam, saved: Saved
    ) -> None:
        new_team(session)
        panel = day1.NormsPanel(session)
        panel.norms.value = "Our norms\nStart on time\nListen to understand"
        panel.save_button.click()
        assert saved(session, "team.yaml")["norms"] == ["Start on time", "Listen to understand"]
        assert "‘Our norms’, is a heading and was left out" in panel.messages.text
        assert panel.typed_norms() == ["Start on time", "Listen to understand"]


class TestSafety:
    def test_norms_written_on_two_laptops_at_once_both_land(
        self, session: Session, saved: Saved
    ) -> None:
        """Another laptop saves its norms after this panel opened; this panel's save keeps them,
        and the panel then shows both."""
        panel = day1.NormsPanel(session)
        other = TeamWorkbook(Workspace(session.workspace.root), "demo")
        other.load(Team)
        other.update(Team, lambda t: t.model_copy(update={"norms": ("Their norm",)}))
        panel.norms.value = "My norm"
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        assert "another device" in panel.merge_note.text
        assert saved(session, "team.yaml")["norms"] == ["Their norm", "My norm"]
        assert panel.norms.value == "Their norm\nMy norm"
