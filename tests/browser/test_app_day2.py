"""Day 2 in app mode, as a new team uses it: resources added through the form, edited in the
table, a request for leadership support written, the map and summary saved, and all of it found
again after a reload (a new kernel) on the page and in the team's files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

NOTEBOOK = "02_day2_resource_map.ipynb"
TEAM = "Oak Hill ILT"
MEETINGS = {
    "name": "Weekly grade-level meetings",
    "description": "45 minutes every Tuesday, mostly spent on logistics today",
    "quadrant": "Organizational structures and routines",
    "holder": "Grade-level leads",
    "use": "Under-used",
    "how": "Protect 20 minutes for looking at student work",
}
EXPERTISE = {
    "name": "Ms. Patel's reading expertise",
    "description": "Trained reading specialist; runs small-group interventions",
    "quadrant": "Instructional knowledge",
    "holder": "Ms. Patel, grade 2",
    "use": "Untapped",
}
EDITED_HOLDER = "Grade 2-5 team leads"
EIGHT_TEAM = "Birch Lane ILT"
EIGHT = ("coaching", "rubric", "PD days", "book club", "data team", "mentors", "library", "aides")


def add_resource(day: Any, resource: dict[str, str], seen_before: bool) -> None:
    day.fill(".wk-resource-name input", resource["name"])
    day.fill(".wk-resource-description textarea", resource["description"])
    day.choose(".wk-resource-quadrant select", resource["quadrant"])
    day.fill(".wk-resource-holder input", resource["holder"])
    if not seen_before:
        day.click(".wk-resource-recognized input")
    day.choose(".wk-resource-use select", resource["use"])
    if "how" in resource:
        day.click(".wk-resource-can-generate input")
        day.fill(".wk-resource-how input", resource["how"])
    day.click("button.wk-add-resource")
    day.expect_message(".wk-resource-form", f"Added ‘{resource['name']}’")


SPONSOR_NEED = "The superintendent opens our staff day with the goal"
SPONSOR = ".wk-support-need-sponsorship textarea"


class TestDay2InAppMode:
    def test_a_new_team_maps_its_resources_and_finds_them_again_after_reload(
        self,
        open_day: Callable[[str], Any],
        app_server: Any,
        yaml_file: Callable[[Path], dict[str, Any]],
    ) -> None:
        """Typed resources, an edit, a tag, the map and the summary survive a new kernel."""
        from playwright.sync_api import expect

        day = open_day(NOTEBOOK, team="demo")
        day.screenshot("day2", anchor="#activity-map")  # the demo team's resource map
        day.create_team(TEAM)

        add_resource(day, MEETINGS, seen_before=True)
        add_resource(day, EXPERTISE, seen_before=False)
        expect(day.locator(".wk-insights").first).to_contain_text(EXPERTISE["name"])

        # Edit a row of the table, then save the table
        assert day.values(".wk-inventory .wk-col-name input") == [
            MEETINGS["name"],
            EXPERTISE["name"],
        ]
        day.fill(".wk-inventory .wk-col-holder input", EDITED_HOLDER, nth=0)
        day.click("button.wk-save-inventory")
        day.expect_message(".wk-inventory", "Saved the inventory: 2 resources")

        # Ask the district for sponsorship
        day.fill(SPONSOR, SPONSOR_NEED)
        day.fill(".wk-support-whom-sponsorship input", "Superintendent")
        day.click(".wk-support button.wk-save-support")
        day.expect_message(".wk-support", "Saved the support requests")

        day.click("button.wk-save-map")
        day.expect_message(".wk-map", "resource_map.png")
        day.click(".wk-day2-summary button.wk-save-summary")
        day.expect_message(".wk-day2-summary", "day2_summary.md")
        day.assert_clean()

        # A new kernel: pick the team again and find everything
        day.reload()
        day.open_team(TEAM)
        assert day.values(".wk-inventory .wk-col-name input") == [
            MEETINGS["name"],
            EXPERTISE["name"],
        ]
        assert day.values(".wk-inventory .wk-col-holder input") == [
            EDITED_HOLDER,
            EXPERTISE["holder"],
        ]
        assert [day.selected_label(".wk-inventory .wk-col-quadrant select", n) for n in (0, 1)] == [
            MEETINGS["quadrant"],
            EXPERTISE["quadrant"],
        ]
        assert [day.selected_label(".wk-inventory .wk-col-use select", n) for n in (0, 1)] == [
            MEETINGS["use"],
            EXPERTISE["use"],
        ]
        seen = day.locator(".wk-inventory .wk-col-recognized_before input")
        assert [seen.nth(0).is_checked(), seen.nth(1).is_checked()] == [True, False]
        assert day.value(SPONSOR) == SPONSOR_NEED
        expect(day.locator(".wk-insights").first).to_contain_text(EXPERTISE["name"])
        day.assert_clean()

        # ... and in the team's files
        folder = app_server.team_folder(TEAM)
        resources = {r["name"]: r for r in yaml_file(folder / "resources.yaml")["resources"]}
        assert set(resources) == {MEETINGS["name"], EXPERTISE["name"]}
        meetings, expertise = resources[MEETINGS["name"]], resources[EXPERTISE["name"]]
        assert meetings["quadrant"] == "structures" and meetings["use"] == "under_used"
        assert meetings["holder"] == EDITED_HOLDER
        assert meetings["description"] == MEETINGS["description"]
        assert meetings["can_generate"] is True
        assert meetings["how_to_generate"] == MEETINGS["how"]
        assert yaml_file(folder / "resources.yaml")["support_requests"] == [
            {
                "form": "sponsorship",
                "need": SPONSOR_NEED,
                "ask_whom": "Superintendent",
                "asker": "",
            }
        ]
        assert expertise["quadrant"] == "knowledge" and expertise["use"] == "untapped"
        assert expertise["recognized_before"] is False and expertise["support_forms"] == []
        exports = folder / "exports"
        assert (exports / "resource_map.png").is_file() and (exports / "resource_map.svg").is_file()
        assert not (folder / "resource_map.png").exists(), "derived files stay in exports/"
        assert EXPERTISE["name"] in (folder / "exports" / "day2_summary.md").read_text(
            encoding="utf-8"
        )

    def test_eight_resources_added_in_a_row_are_all_saved(
        self,
        open_day: Callable[[str], Any],
        app_server: Any,
        yaml_file: Callable[[Path], dict[str, Any]],
    ) -> None:
        """The Day 3 data-loss bug cannot happen here: after "Add this resource" the form is
        empty, so the next resource typed is added, never written over the one just saved."""
        from playwright.sync_api import expect

        day = open_day(NOTEBOOK)
        day.create_team(EIGHT_TEAM)
        names = [f"Resource {n}: {kind}" for n, kind in enumerate(EIGHT, start=1)]
        quadrants = [
            "Instructional knowledge",
            "Instructional tools",
            "Organizational structures and routines",
            "Relationships and relational qualities",
        ]
        for n, name in enumerate(names):
            expect(day.locator("button.wk-add-resource").first).to_contain_text("Add this resource")
            day.fill(".wk-resource-name input", name)
            day.choose(".wk-resource-quadrant select", quadrants[n % 4])
            day.click("button.wk-add-resource")
            day.expect_message(".wk-resource-form", f"Added ‘{name}’")
            count = f"{n + 1} resource{'' if n == 0 else 's'}"
            day.expect_message(".wk-resource-form", f"now has {count}.")
            # empty, ready for the next one
            expect(day.locator(".wk-resource-name input").first).to_have_value("")

        expect(day.locator(".wk-inventory .wk-col-name input")).to_have_count(8)
        assert day.values(".wk-inventory .wk-col-name input") == names
        expect(day.locator(".wk-inventory .wk-inventory-page").first).to_contain_text("of 8")
        day.assert_clean()

        folder = app_server.team_folder(EIGHT_TEAM)
        saved = yaml_file(folder / "resources.yaml")["resources"]
        assert [r["name"] for r in saved] == names
        assert len({r["id"] for r in saved}) == 8

    def test_a_double_click_on_add_adds_once_and_says_so(
        self,
        open_day: Callable[[str], Any],
        app_server: Any,
        yaml_file: Callable[[Path], dict[str, Any]],
    ) -> None:
        """The second click lands on the form the first one emptied: no second resource, no red
        "Please give the resource a name", and the message says the double click added once."""
        from playwright.sync_api import expect

        day = open_day(NOTEBOOK)
        day.create_team("Double Click ILT")
        day.fill(".wk-resource-name input", "Reading buddies")
        day.choose(".wk-resource-quadrant select", "Relationships and relational qualities")
        day.locator("button.wk-add-resource").first.dblclick()
        day.expect_message(".wk-resource-form", "The double click added it once.")
        expect(day.locator(".wk-resource-form .wk-msg.wk-error")).to_have_count(0)
        folder = app_server.team_folder("Double Click ILT")
        assert [r["name"] for r in yaml_file(folder / "resources.yaml")["resources"]] == [
            "Reading buddies"
        ]
        day.assert_clean()
