"""Day 2 on the pages (``workshop-kit app``, one Solara process), as a new team uses it:
resources added through the form, edited in the table, a request for leadership support
written, the map and summary saved, and all of it found again in a new session (another
browser) on the page and in the team's files; and two devices of one team, each showing what
the other saved. The facilitator's browser creates the teams."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.browser.conftest import read_yaml

from workshop_kit.store import Workspace

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
        open_page: Callable[..., Any],
        pages_server: Any,
        yaml_file: Callable[[Path], dict[str, Any]],
    ) -> None:
        """Typed resources, an edit, a tag, the map and the summary survive a new session."""
        from playwright.sync_api import expect

        day = open_page(NOTEBOOK, team="demo")
        day.screenshot("day2", anchor="#activity-map")  # the demo team's resource map
        day.create_team(TEAM)

        add_resource(day, MEETINGS, seen_before=True)
        add_resource(day, EXPERTISE, seen_before=False)
        expect(day.locator(".wk-insights").first).to_contain_text(EXPERTISE["name"])

        # Edit a row of the table, then save the table
        day.expect_values(
            ".wk-inventory .wk-col-name input",
            [
                MEETINGS["name"],
                EXPERTISE["name"],
            ],
        )
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

        # A new session in another browser, so what is shown comes from the team's files and
        # not from what this tab keeps for a reload: pick the team again and find everything
        day = open_page(NOTEBOOK)
        day.open_team(TEAM)
        day.expect_values(
            ".wk-inventory .wk-col-name input",
            [
                MEETINGS["name"],
                EXPERTISE["name"],
            ],
        )
        day.expect_values(
            ".wk-inventory .wk-col-holder input",
            [
                EDITED_HOLDER,
                EXPERTISE["holder"],
            ],
        )
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
        folder = pages_server.team_folder(TEAM)
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
        open_page: Callable[..., Any],
        pages_server: Any,
        yaml_file: Callable[[Path], dict[str, Any]],
    ) -> None:
        """The Day 3 data-loss bug cannot happen here: after "Add this resource" the form is
        empty, so the next resource typed is added, never written over the one just saved."""
        from playwright.sync_api import expect

        day = open_page(NOTEBOOK)
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
        day.expect_values(".wk-inventory .wk-col-name input", names)
        expect(day.locator(".wk-inventory .wk-inventory-page").first).to_contain_text("of 8")
        day.assert_clean()

        folder = pages_server.team_folder(EIGHT_TEAM)
        saved = yaml_file(folder / "resources.yaml")["resources"]
        assert [r["name"] for r in saved] == names
        assert len({r["id"] for r in saved}) == 8

    def test_a_double_click_on_add_adds_once_and_says_so(
        self,
        open_page: Callable[..., Any],
        pages_server: Any,
        yaml_file: Callable[[Path], dict[str, Any]],
    ) -> None:
        """The second click lands on the form the first one emptied: no second resource, no red
        "Please give the resource a name", and the message says the double click added once."""
        from playwright.sync_api import expect

        day = open_page(NOTEBOOK)
        day.create_team("Double Click ILT")
        day.fill(".wk-resource-name input", "Reading buddies")
        day.choose(".wk-resource-quadrant select", "Relationships and relational qualities")
        day.locator("button.wk-add-resource").first.dblclick()
        day.expect_message(".wk-resource-form", "The double click added it once.")
        expect(day.locator(".wk-resource-form .wk-msg.wk-error")).to_have_count(0)
        folder = pages_server.team_folder("Double Click ILT")
        assert [r["name"] for r in yaml_file(folder / "resources.yaml")["resources"]] == [
            "Reading buddies"
        ]
        day.assert_clean()


MAP_TEXT = """() => {
    const img = document.querySelector('.wk-map img.wk-chart');
    if (!img) return '';
    const data = img.getAttribute('src').split(',')[1];
    return new TextDecoder().decode(Uint8Array.from(atob(data), c => c.charCodeAt(0)));
}"""


def shown_on_the_other_device(what: str, started: float) -> None:
    """Print how long the other device took (for the record; the pass/fail check is the
    condition itself, waited for with the suite's generous ceiling)."""
    waited = time.monotonic() - started
    print(f"\n  {what}: shown on the other device {waited:.1f} s after the save")


#: a resource list exported from another tool (semicolons, a byte order mark, headings the kit
#: does not know): issue 32 found it refused with no way to say which column is which
EXPORT = (
    "\ufeffItem;Bucket;Contact;Usage;Notes\n"
    "Reading buddies;Relationships;Grades 1 and 5;Untapped;Older students read with younger\n"
    "Writing rubric;Tools;ILT;Well used;\n"
)


class TestColumnsMatchedByHand:
    def test_a_file_with_other_headings_is_imported_once_its_columns_are_matched(
        self, open_page: Callable[..., Any], pages_server: Any, tmp_path: Path
    ) -> None:
        """The file is refused with the matching step shown, each heading with its examples and
        a list of the kit's fields; choosing them and importing puts both resources in the
        table and the team's file."""
        from playwright.sync_api import expect

        slug = Workspace(pages_server.workspace).create_team("Cedar Point ILT").slug
        export = tmp_path / "export.csv"
        export.write_text(EXPORT, encoding="utf-8")
        day = open_page(NOTEBOOK, team=slug, activities=["inventory"])
        with day.page.expect_file_chooser() as chooser:
            day.click(".wk-resource-upload")
        chooser.value.set_files(str(export))
        choices = day.locator(".wk-column-map .wk-column-choice select")
        expect(choices).to_have_count(5)
        expect(day.locator(".wk-column-map")).to_contain_text("Reading buddies")
        for heading, field in [
            ("Item", "Name"),
            ("Bucket", "Quadrant"),
            ("Contact", "Who holds it"),
            ("Usage", "Use toward the goal"),
        ]:
            day.page.get_by_label(heading, exact=True).select_option(label=field)
        day.click("button.wk-import-mapped")
        day.expect_message(".wk-inventory", "Imported 2 new and updated 0 resources")
        day.expect_values(".wk-inventory .wk-col-name input", ["Reading buddies", "Writing rubric"])
        saved = read_yaml(pages_server.workspace / slug / "resources.yaml")["resources"]
        assert [(r["name"], r["quadrant"], r["holder"]) for r in saved] == [
            ("Reading buddies", "relationships", "Grades 1 and 5"),
            ("Writing rubric", "tools", "ILT"),
        ]
        day.assert_clean()


class TestTwoDevicesOfOneTeam:
    def test_what_one_device_saves_the_other_shows_on_every_panel(
        self, open_page: Callable[..., Any], pages_server: Any
    ) -> None:
        """Two browsers on one team's Day 2, nothing typed on the second: a resource added on
        the first appears on the second by itself in the inventory table and the form's list,
        on the map (its name in the picture), in the findings, the links' tick boxes and the
        summary; a change in the table and a support request arrive too."""
        from playwright.sync_api import expect

        slug = Workspace(pages_server.workspace).create_team("Twin Pines ILT").slug
        first = open_page(NOTEBOOK, team=slug)
        second = open_page(NOTEBOOK, team=slug)
        expect(second.locator(".wk-current-team")).to_contain_text("Twin Pines ILT")

        add_resource(first, EXPERTISE, seen_before=False)
        started = time.monotonic()
        expect(second.locator(".wk-inventory .wk-col-name input")).to_have_count(1)
        second.expect_value(".wk-inventory .wk-col-name input", EXPERTISE["name"])
        choices = second.locator(".wk-resource-choice select option")
        expect(choices.filter(has_text=f"change ‘{EXPERTISE['name']}’")).to_have_count(1)
        second.page.wait_for_function(
            f"() => ({MAP_TEXT})().includes({EXPERTISE['name']!r})", timeout=60_000
        )
        expect(second.locator(".wk-insights").first).to_contain_text(EXPERTISE["name"])
        expect(second.locator(".wk-links .wk-tag-resources")).to_contain_text(EXPERTISE["name"])
        expect(second.locator(".wk-day2-summary").first).to_contain_text(EXPERTISE["name"])
        shown_on_the_other_device("a resource added through the form", started)

        first.fill(".wk-inventory .wk-col-holder input", EDITED_HOLDER, nth=0)
        first.click("button.wk-save-inventory")
        first.expect_message(".wk-inventory", "Saved the inventory: 1 resource")
        started = time.monotonic()
        second.expect_value(".wk-inventory .wk-col-holder input", EDITED_HOLDER)
        shown_on_the_other_device("a change in the table", started)

        first.fill(SPONSOR, SPONSOR_NEED)
        first.click(".wk-support button.wk-save-support")
        first.expect_message(".wk-support", "Saved the support requests")
        started = time.monotonic()
        second.expect_value(SPONSOR, SPONSOR_NEED)
        shown_on_the_other_device("a support request", started)
        first.assert_clean()
        second.assert_clean()
