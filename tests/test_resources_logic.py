"""What the inventory says (counts, gaps, links, support) and the map drawn from it."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from workshop_kit.charts.resource_map import MapLayout, layout_map, map_svg, resource_map
from workshop_kit.config.day2 import Day2Config, load_day2
from workshop_kit.logic.resources import (
    check_inventory,
    find,
    link_criterion,
    most_relevant,
    tag_support_form,
    thin_quadrants,
)
from workshop_kit.model.goal import SuccessCriterion
from workshop_kit.model.resources import Resource, ResourceInventory

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def config() -> Day2Config:
    return load_day2()


def criterion(cid: str) -> SuccessCriterion:
    return SuccessCriterion(
        id=cid, measure=f"Measure {cid}", baseline=1, target=2, by=dt.date(2027, 6, 1)
    )


def r(rid: str, quadrant: str = "tools", **fields: object) -> Resource:
    return Resource.model_validate({"id": rid, "name": rid.title(), "quadrant": quadrant, **fields})


INVENTORY = ResourceInventory(
    resources=(
        r("rubric", use="well_used", success_criteria=["all"]),
        r("anchors", use="under_used", success_criteria=["all", "el"], can_generate=True),
        r(
            "frames",
            use="untapped",
            success_criteria=["el"],
            recognized_before=False,
            new_money=True,
        ),
        r("library", use="untapped"),
        r("meetings", "structures", use="under_used", support_forms=["providing_resources"]),
        r("aides", "knowledge", use="untapped", recognized_before=False, success_criteria=["all"]),
    )
)
CRITERIA = (criterion("all"), criterion("el"), criterion("state"))


class TestFindings:
    def test_counts_per_quadrant_and_use(self, config: Day2Config) -> None:
        f = find(INVENTORY, config, CRITERIA)
        assert f.total == 6
        assert {q.quadrant_id: q.total for q in f.quadrants} == {
            "knowledge": 1,
            "tools": 4,
            "structures": 1,
            "relationships": 0,
        }
        tools = next(q for q in f.quadrants if q.quadrant_id == "tools")
        assert tools.by_use == {"untapped": 2, "under_used": 1, "well_used": 1}

    def test_thin_is_relative_to_the_schools_own_inventory(self, config: Day2Config) -> None:
        """1, 4, 1 and 0 resources: an average of 1.5, so only the empty quadrant is under half
        of it. (With a fixed threshold of 5, every quadrant used to be thin.)"""
        assert config.thin_share_of_average == 0.5 and config.thin_quadrant_below == 0
        assert find(INVENTORY, config, CRITERIA).thin_quadrants == ("relationships",)
        stricter = config.model_copy(update={"thin_share_of_average": 0.7})
        assert find(INVENTORY, stricter, CRITERIA).thin_quadrants == (
            "knowledge",
            "structures",
            "relationships",
        )

    def test_a_facilitators_floor_still_counts(self, config: Day2Config) -> None:
        floored = config.model_copy(update={"thin_quadrant_below": 2})
        assert find(INVENTORY, floored, CRITERIA).thin_quadrants == (
            "knowledge",
            "structures",
            "relationships",
        )

    def test_twelve_resources_spread_evenly_make_no_quadrant_thin(self, config: Day2Config) -> None:
        even = {q: 3 for q in config.quadrant_ids}
        assert thin_quadrants(even, config) == ()
        assert thin_quadrants({q: 0 for q in config.quadrant_ids}, config) == config.quadrant_ids
        lopsided = dict(even, relationships=1)  # 1 of an average of 2.5
        assert thin_quadrants(lopsided, config) == ("relationships",)

    def test_unrecognised_resources_are_listed(self, config: Day2Config) -> None:
        f = find(INVENTORY, config, CRITERIA)
        assert {x.id for x in f.not_recognized_before} == {"frames", "aides"}

    def test_untapped_and_under_used_count_only_when_they_serve_the_goal(
        self, config: Day2Config
    ) -> None:
        """The library is untapped but linked to no criterion: not a finding about the goal."""
        f = find(INVENTORY, config, CRITERIA)
        assert {x.id for x in f.untapped_for_goal} == {"frames", "aides"}
        assert [x.id for x in f.under_used_for_goal] == ["anchors"]

    def test_can_generate_and_new_money(self, config: Day2Config) -> None:
        f = find(INVENTORY, config, CRITERIA)
        assert [x.id for x in f.can_generate] == ["anchors"]
        assert [x.id for x in f.new_money] == ["frames"]

    def test_criteria_without_resources_are_named(self, config: Day2Config) -> None:
        f = find(INVENTORY, config, CRITERIA)
        assert f.criteria_without_resources == ("state",)
        assert [x.id for x in f.by_criterion["el"]] == ["anchors", "frames"]

    def test_support_forms_used_and_missing(self, config: Day2Config) -> None:
        f = find(INVENTORY, config, CRITERIA)
        assert f.support_forms_used == ("providing_resources",)
        assert set(f.support_forms_missing) == set(config.support_form_ids) - {
            "providing_resources"
        }

    def test_an_empty_inventory_has_every_quadrant_thin_and_every_criterion_bare(
        self, config: Day2Config
    ) -> None:
        f = find(ResourceInventory(), config, CRITERIA)
        assert f.total == 0 and len(f.thin_quadrants) == 4
        assert f.criteria_without_resources == ("all", "el", "state")


class TestRelevance:
    def test_more_criteria_first_then_least_used_then_unrecognised(
        self, config: Day2Config
    ) -> None:
        ordered = [x.id for x in most_relevant(INVENTORY.resources, config)]
        assert ordered[0] == "anchors"  # serves two criteria
        # one criterion each: untapped before well used; unrecognised before recognised
        assert ordered[1:4] == ["aides", "frames", "rubric"]
        assert (
            most_relevant(INVENTORY.resources, config, limit=2)
            == most_relevant(INVENTORY.resources, config)[:2]
        )


class TestChecks:
    def test_ids_the_config_or_goal_no_longer_knows_are_reported(self, config: Day2Config) -> None:
        stale = ResourceInventory(
            resources=(
                r(
                    "x",
                    "furniture",
                    use="so_so",
                    success_criteria=["gone"],
                    support_forms=["bribes"],
                ),
            )
        )
        problems = check_inventory(stale, config, CRITERIA)
        assert len(problems) == 4
        assert all("‘X’" in p for p in problems)
        assert check_inventory(INVENTORY, config, CRITERIA) == []
        assert find(stale, config, CRITERIA).problems == tuple(problems)


class TestLinks:
    def test_linking_sets_exactly_the_chosen_resources(self) -> None:
        linked = link_criterion(INVENTORY, "el", {"rubric", "library"})
        by_id = {x.id: x for x in linked.resources}
        assert by_id["rubric"].success_criteria == ("all", "el")
        assert by_id["library"].success_criteria == ("el",)
        assert by_id["anchors"].success_criteria == ("all",), "other criteria are kept"
        assert by_id["frames"].success_criteria == ()

    def test_support_tags_follow_the_same_rule(self) -> None:
        tagged = tag_support_form(INVENTORY, "sponsorship", {"aides"})
        by_id = {x.id: x for x in tagged.resources}
        assert by_id["aides"].support_forms == ("sponsorship",)
        assert by_id["meetings"].support_forms == ("providing_resources",)

    def test_an_unknown_resource_id_is_refused(self) -> None:
        with pytest.raises(KeyError):
            link_criterion(INVENTORY, "el", {"ghost"})


def many(n: int, config: Day2Config) -> ResourceInventory:
    quadrants, statuses = config.quadrant_ids, config.use_status_ids
    return ResourceInventory(
        resources=tuple(
            Resource(
                id=f"r{i}",
                name=f"Resource {i}",
                quadrant=quadrants[i % 3],
                use=statuses[i % len(statuses)],
                success_criteria=("all",) if i % 5 == 0 else (),
            )
            for i in range(n)
        )
    )


def named(layout: MapLayout) -> list[str]:
    return [label.text for label in layout.labels if label.text.startswith("Resource ")]


def texts(layout: MapLayout) -> list[str]:
    return [label.text for label in layout.labels]


class TestResourceMap:
    @pytest.mark.parametrize("n", [0, 5, 40, 300])
    def test_every_resource_is_a_dot_in_both_renderers(self, config: Day2Config, n: int) -> None:
        """One dot per resource, plus one per use status in the legend."""
        inventory = many(n, config)
        expected = n + len(config.use_statuses)
        assert len(layout_map(inventory, config).dots) == expected
        figure = resource_map(inventory, config)
        assert sum(len(line.get_xdata()) for line in figure.axes[0].lines) == expected
        circles = ET.fromstring(map_svg(inventory, config)).iter(f"{SVG}circle")
        assert sum(1 for _ in circles) == expected

    def test_dots_stay_inside_their_quadrant(self, config: Day2Config) -> None:
        layout = layout_map(many(300, config), config)
        quadrant_dots = layout.dots[: -len(config.use_statuses)]
        assert all(
            any(b.x < d.x < b.x + b.width and b.y < d.y < b.y + b.height for b in layout.boxes)
            for d in quadrant_dots
        )

    def test_a_handful_are_all_named(self, config: Day2Config) -> None:
        shown = named(layout_map(many(5, config), config))
        assert sorted(t.split("  (")[0] for t in shown) == [f"Resource {i}" for i in range(5)]

    def test_three_hundred_show_counts_and_only_the_most_relevant_names(
        self, config: Day2Config
    ) -> None:
        inventory = many(300, config)
        layout = layout_map(inventory, config)
        shown = texts(layout)
        assert len(named(layout)) == 3 * config.map_names_per_quadrant
        assert sum(1 for t in shown if t.startswith("+ ") and " more: " in t) == 3
        assert any(t.startswith("100 resources:") for t in shown)
        knowledge = [x for x in inventory.resources if x.quadrant == "knowledge"]
        expected = [x.name for x in most_relevant(knowledge, config, config.map_names_per_quadrant)]
        first = named(layout)[: config.map_names_per_quadrant]
        assert [t.split("  (")[0] for t in first] == expected

    def test_empty_quadrants_say_so(self, config: Day2Config) -> None:
        shown = " ".join(texts(layout_map(many(5, config), config)))
        assert "No resources here yet" in shown and "thin" in shown

    def test_both_renderers_show_the_same_text(self, config: Day2Config) -> None:
        inventory = many(40, config)
        figure_texts = sorted(t.get_text() for t in resource_map(inventory, config).axes[0].texts)
        root = ET.fromstring(map_svg(inventory, config))
        svg_texts = sorted(el.text or "" for el in root.iter(f"{SVG}text"))
        assert figure_texts == svg_texts == sorted(texts(layout_map(inventory, config)))

    def test_team_text_is_escaped_in_the_svg(self, config: Day2Config) -> None:
        inventory = ResourceInventory(
            resources=(Resource(id="x", name="<script>alert(1)</script> & co", quadrant="tools"),)
        )
        data = map_svg(inventory, config, title="<b>&")
        assert b"<script>" not in data and b"<b>" not in data
        root = ET.fromstring(data)
        assert any((el.text or "") == "<script>alert(1)</script> & co" for el in root.iter())
