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
