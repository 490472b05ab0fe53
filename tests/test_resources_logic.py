"""What the inventory says (counts, gaps, links, support) and the map drawn from it."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from matplotlib.lines import Line2D

from workshop_kit.charts.resource_map import resource_map, to_screen_svg
from workshop_kit.config.day2 import Day2Config, load_day2
from workshop_kit.logic.resources import (
    check_inventory,
    find,
    link_criterion,
    most_relevant,
    tag_support_form,
)
from workshop_kit.model.goal import SuccessCriterion
from workshop_kit.model.resources import Resource, ResourceInventory


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

    def test_quadrants_below_the_threshold_are_thin(self, config: Day2Config) -> None:
        f = find(INVENTORY, config, CRITERIA)
        assert config.thin_quadrant_below == 5
        assert f.thin_quadrants == ("knowledge", "tools", "structures", "relationships")
        wider = config.model_copy(update={"thin_quadrant_below": 2})
        assert find(INVENTORY, wider, CRITERIA).thin_quadrants == (
            "knowledge",
            "structures",
            "relationships",
        )

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


def dots(fig: object) -> int:
    ax = fig.axes[0]  # type: ignore[attr-defined]
    return sum(len(line.get_xdata()) for line in ax.lines if isinstance(line, Line2D))


def texts(fig: object) -> list[str]:
    return [t.get_text() for t in fig.axes[0].texts]  # type: ignore[attr-defined]


class TestResourceMap:
    @pytest.mark.parametrize("n", [0, 5, 40, 300])
    def test_every_resource_is_a_dot(self, config: Day2Config, n: int) -> None:
        assert dots(resource_map(many(n, config), config)) == n

    def test_a_handful_are_all_named(self, config: Day2Config) -> None:
        shown = texts(resource_map(many(5, config), config))
        assert all(any(t.startswith(f"Resource {i}") for t in shown) for i in range(5))

    def test_three_hundred_show_counts_and_only_the_most_relevant_names(
        self, config: Day2Config
    ) -> None:
        inventory = many(300, config)
        shown = texts(resource_map(inventory, config))
        named = [t for t in shown if t.startswith("Resource ")]
        assert len(named) == 3 * config.map_names_per_quadrant
        assert sum(1 for t in shown if t.startswith("+ ") and " more: " in t) == 3
        assert any(t.startswith("100 resources:") for t in shown)
        # the names shown in a quadrant are its most relevant ones
        knowledge = [x for x in inventory.resources if x.quadrant == "knowledge"]
        expected = [x.name for x in most_relevant(knowledge, config, config.map_names_per_quadrant)]
        assert [t.split("  (")[0] for t in named[: config.map_names_per_quadrant]] == expected

    def test_empty_quadrants_say_so(self, config: Day2Config) -> None:
        shown = " ".join(texts(resource_map(many(5, config), config)))
        assert "No resources here yet" in shown and "thin" in shown

    def test_screen_svg_keeps_team_text_as_escaped_text(self, config: Day2Config) -> None:
        inventory = ResourceInventory(
            resources=(Resource(id="x", name="<script>alert(1)</script> & co", quadrant="tools"),)
        )
        svg = to_screen_svg(resource_map(inventory, config))
        assert b"<script>" not in svg
        root = ET.fromstring(svg)
        assert any("<script>alert(1)</script> & co" in (el.text or "") for el in root.iter())
