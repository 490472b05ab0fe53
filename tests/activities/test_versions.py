"""The versions panel: an earlier version is restored and the open panels show it."""

from __future__ import annotations

from collections.abc import Callable

from workshop_kit.activities import day1
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.team import Team
from workshop_kit.session import Session

Saved = Callable[[Session, str], dict[str, object]]


class TestVersions:
    def test_an_earlier_version_is_restored_and_the_panels_show_it(
        self, session: Session, saved: Saved
    ) -> None:
        from workshop_kit.activities.versions import VersionsPanel

        norms = day1.NormsPanel(session)
        original = norms.norms.value
        norms.norms.value = "Only one norm now"
        norms.save_button.click()
        versions = VersionsPanel((Team, GoalWork), session)
        numbers = [value for _label, value in versions.version.options]
        assert len(numbers) == 1 or numbers[0] > numbers[-1]
        # the demo ships without history: the first save kept only itself, so save once more
        norms.norms.value = "Two\nNorms"
        norms.save_button.click()
        numbers = [value for _label, value in versions.version.options]
        versions.version.value = numbers[1]
        versions.restore_button.click()
        assert versions.messages.kind == "ok", versions.messages.text
        assert norms.norms.value == "Only one norm now"
        assert saved(session, "team.yaml")["norms"] == ["Only one norm now"]
        assert original != norms.norms.value

    def test_each_version_says_who_saved_it(self, session: Session) -> None:
        """The team's history names who made each version: a member, or the facilitator acting
        for the team (issue 27)."""
        from workshop_kit.activities.versions import VersionsPanel

        norms = day1.NormsPanel(session)
        session.member = "Ana Ruiz"
        norms.save_button.click()
        session.facilitator = True
        norms.norms.value = "Start on time"
        norms.save_button.click()
        labels = [label for label, _value in VersionsPanel((Team,), session).version.options]
        assert labels[0].endswith("by Ana Ruiz, with the facilitator's code (current)"), labels
        assert labels[1].endswith("by Ana Ruiz"), labels
