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


class TestSafety:
    def test_a_stale_save_is_refused_and_reload_is_offered(
        self, session: Session, saved: Saved
    ) -> None:
        """Two laptops: another one saves the roster after this panel opened it."""
        panel = day1.NormsPanel(session)
        other = TeamWorkbook(Workspace(session.workspace.root), "demo")
        other.load(Team)
        other.update(Team, lambda t: t.model_copy(update={"norms": ("Their norm",)}))
        panel.norms.value = "My norm"
        panel.save_button.click()
        assert panel.messages.kind == "error"
        assert "Someone else saved" in panel.messages.text
        assert saved(session, "team.yaml")["norms"] == ["Their norm"]
        reload_button = panel._recovery.children[0]
        reload_button.click()
        assert panel.norms.value == "Their norm"
        panel.norms.value = "Their norm\nMy norm"
        panel.save_button.click()
        assert saved(session, "team.yaml")["norms"] == ["Their norm", "My norm"]
