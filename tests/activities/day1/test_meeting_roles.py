"""Day 1 meeting roles panel: tick the roles that rotate, choose who starts, see the table, save."""

from __future__ import annotations

from collections.abc import Callable

from workshop_kit.activities import day1
from workshop_kit.session import Session

Saved = Callable[[Session, str], dict[str, object]]
Restarted = Callable[[Session], Session]


class TestMeetingRoles:
    def test_the_demo_rotates_every_configured_role_from_the_top_of_the_roster(
        self, session: Session
    ) -> None:
        panel = day1.MeetingRolesPanel(session)
        assert all(check.value for check in panel.role_checks.values())
        assert list(panel.role_checks) == list(panel.config.meeting_roles)
        table = panel.table.value
        assert "Meeting 1" in table and f"Meeting {panel.config.rotation_meetings}" in table
        first_row = table.split("Meeting 1")[1].split("</tr>")[0]
        assert first_row.index("Ana Ruiz") < first_row.index("Marcus Lee")

    def test_the_choice_is_saved_and_shown_again_after_a_restart(
        self, session: Session, saved: Saved, restarted: Restarted
    ) -> None:
        panel = day1.MeetingRolesPanel(session)
        panel.role_checks["Norms checker"].value = False
        panel.first.value = "Priya Shah"
        assert "Norms checker" not in panel.table.value  # the table follows before saving
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        assert saved(session, "team.yaml")["rotation"] == {
            "roles": ["Facilitator", "Timekeeper", "Note-taker"],
            "first": "Priya Shah",
        }
        again = day1.MeetingRolesPanel(restarted(session))
        assert again.first.value == "Priya Shah"
        assert not again.role_checks["Norms checker"].value
        first_row = again.table.value.split("Meeting 1")[1].split("</tr>")[0]
        assert first_row.index("Priya Shah") < first_row.index("Tomás Okafor")

    def test_no_role_ticked_changes_nothing(self, session: Session) -> None:
        panel = day1.MeetingRolesPanel(session)
        before = session.team.file("team.yaml").read_bytes()
        for check in panel.role_checks.values():
            check.value = False
        assert "No rotation yet: tick a role" in panel.table.value
        panel.save_button.click()
        assert panel.messages.kind == "error"
        assert "Tick at least one role that rotates." in panel.messages.text
        assert session.team.file("team.yaml").read_bytes() == before

    def test_a_roster_saved_on_the_page_shows_in_the_table(self, session: Session) -> None:
        roles = day1.MeetingRolesPanel(session)
        roster = day1.RosterPanel(session)
        roster.members.add_row({"name": "Lee <b>Park</b>", "role": "Teacher"})
        roster.save_button.click()
        assert roster.messages.kind == "ok", roster.messages.text
        assert "Lee &lt;b&gt;Park&lt;/b&gt;" in roles.table.value  # escaped, and there
        assert "Lee <b>Park</b>" in [label for label, _ in roles.first.options]
