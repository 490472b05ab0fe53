"""The Day 2 resource model: what a resource may hold, and how the inventory is edited."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from workshop_kit.errors import InputError
from workshop_kit.model import document_kinds
from workshop_kit.model.names import new_id
from workshop_kit.model.resources import Resource, ResourceInventory
from workshop_kit.store import Workspace


def resource(rid: str = "coaching", name: str = "Coaching cycles", **fields: object) -> Resource:
    return Resource.model_validate({"id": rid, "name": name, "quadrant": "structures", **fields})


class TestResource:
    def test_defaults_describe_a_known_resource_not_yet_linked(self) -> None:
        """A resource with only a name and quadrant: recognised, under-used, no links, no money."""
        r = resource()
        assert r.recognized_before is True
        assert r.use == "under_used"
        assert r.success_criteria == () and r.support_forms == ()
        assert r.can_generate is False and r.new_money is False

    @pytest.mark.parametrize("bad_id", ["Coaching", "coach ing", "", "a_b", "x/y"])
    def test_ids_are_slugs(self, bad_id: str) -> None:
        with pytest.raises(ValidationError):
            resource(rid=bad_id)

    def test_a_name_is_required_and_spaces_are_trimmed(self) -> None:
        assert resource(name="  Coaching cycles  ").name == "Coaching cycles"
        with pytest.raises(ValidationError):
            resource(name="   ")

    def test_linking_the_same_criterion_twice_is_refused(self) -> None:
        with pytest.raises(ValidationError, match="twice"):
            resource(success_criteria=["rubric-all", "rubric-all"])

    def test_unknown_fields_are_refused(self) -> None:
        with pytest.raises(ValidationError):
            resource(cost=3)

    def test_generation_idea_is_kept_when_unticked(self) -> None:
        """An idea typed before unticking "can generate" is not lost."""
        r = resource(can_generate=False, how_to_generate="Ask the coach")
        assert r.how_to_generate == "Ask the coach"


class TestInventory:
    def test_two_resources_with_one_id_are_refused(self) -> None:
        with pytest.raises(ValidationError, match="more than one resource"):
            ResourceInventory(resources=(resource(), resource(name="Other")))

    def test_two_resources_with_one_name_are_refused_whatever_the_case(self) -> None:
        with pytest.raises(ValidationError, match="twice"):
            ResourceInventory(resources=(resource(), resource("c2", "coaching  CYCLES")))

    def test_with_resource_replaces_by_id_or_appends(self) -> None:
        inventory = ResourceInventory(resources=(resource(),))
        renamed = inventory.with_resource(resource(name="Coaching cycles (K-5)"))
        assert [r.name for r in renamed.resources] == ["Coaching cycles (K-5)"]
        added = renamed.with_resource(resource("pd-days", "PD days"))
        assert [r.id for r in added.resources] == ["coaching", "pd-days"]
        assert [r.id for r in inventory.resources] == ["coaching"], "the original is unchanged"

    def test_with_resource_refuses_a_second_resource_with_the_same_name(self) -> None:
        """Before: a ValidationError from the inventory's validator, shown to a team as an
        unexpected error. Now a plain message on the name field, by the one rule ``name_key``."""
        inventory = ResourceInventory(resources=(resource(),))
        for same in ("COACHING cycles", "coaching-cycles", "Cóaching (cycles)", " coaching_cycles"):
            with pytest.raises(InputError, match="‘Coaching cycles’ is already in the inventory"):
                inventory.with_resource(resource("other", same))
        try:
            inventory.with_resource(resource("other", "Coaching-cycles"))
        except InputError as exc:
            assert exc.field == "name"
        assert inventory.resources == (resource(),), "nothing changed"

    def test_with_resource_may_keep_or_change_the_name_of_the_same_id(self) -> None:
        inventory = ResourceInventory(resources=(resource(), resource("pd", "PD days")))
        same = inventory.with_resource(resource(name="coaching CYCLES", holder="Ms. Ruiz"))
        assert [(r.id, r.name, r.holder) for r in same.resources[:1]] == [
            (
                "coaching",
                "coaching CYCLES",
                "Ms. Ruiz",
            )
        ]
        with pytest.raises(InputError):
            inventory.with_resource(resource(name="PD-days"))

    def test_with_resource_adds_names_that_differ(self) -> None:
        inventory = ResourceInventory(resources=(resource(),))
        added = inventory.with_resource(resource("coaching-2", "Coaching cycles 2"))
        assert [r.id for r in added.resources] == ["coaching", "coaching-2"]

    def test_same_name_as_finds_the_other_resource(self) -> None:
        inventory = ResourceInventory(resources=(resource(), resource("pd", "PD days")))
        other = inventory.same_name_as(resource("x", "pd  DAYS"))
        assert other is not None and other.id == "pd"
        assert inventory.same_name_as(resource(name="Coaching cycles")) is None, "itself"
        assert inventory.same_name_as(resource("y", "Book club")) is None

    def test_without_removes_only_that_resource(self) -> None:
        inventory = ResourceInventory(resources=(resource(), resource("pd", "PD days")))
        assert [r.id for r in inventory.without("coaching").resources] == ["pd"]
        assert inventory.without("nothing") == inventory

    def test_it_is_a_document_kind_of_the_workbook(self) -> None:
        assert ResourceInventory in document_kinds()
        assert ResourceInventory.FILE_NAME == "resources.yaml"


class TestResourceIds:
    """Resource ids come from ``new_id`` with the fallback ``resource``."""

    @pytest.mark.parametrize(
        ("name", "expected"),
        [
            ("Writing rubric (K-5)", "writing-rubric-k-5"),
            ("  Coach's  binder ", "coach-s-binder"),
            ("Élan vital: Tomás", "elan-vital-tomas"),
            ("???", "resource"),
        ],
    )
    def test_names_become_slugs(self, name: str, expected: str) -> None:
        assert new_id(name, fallback="resource") == expected

    def test_taken_ids_are_avoided(self) -> None:
        assert new_id("PD days", {"pd-days", "pd-days-2"}, "resource") == "pd-days-3"

    def test_long_names_give_ids_the_model_accepts(self) -> None:
        rid = new_id("x" * 300, {"x" * 56}, "resource")
        assert resource(rid=rid).id == rid


class TestDemoInventory:
    def test_demo_school_has_about_forty_resources_spread_unevenly(
        self, workspace: Workspace
    ) -> None:
        """The demo gives the map something to say: a thin quadrant, unrecognised, untapped."""
        inventory = workspace.ensure_demo().load(ResourceInventory)
        assert 35 <= len(inventory.resources) <= 45
        counts = sorted(
            sum(1 for r in inventory.resources if r.quadrant == q)
            for q in ("knowledge", "tools", "structures", "relationships")
        )
        assert counts[0] < 5 < counts[-1]
        assert any(not r.recognized_before for r in inventory.resources)
        assert any(r.use == "untapped" and r.success_criteria for r in inventory.resources)
        linked = {c for r in inventory.resources for c in r.success_criteria}
        assert linked == {"rubric-all", "rubric-el", "ela-proficiency"}
