"""The tick-box list that replaces Ctrl-click lists (``parts.CheckboxList``): options as
(label, id) pairs, ``value`` the ids ticked, and no widget models left behind."""

from __future__ import annotations

from typing import Any

import pytest
import traitlets
from ipywidgets.widgets import widget as widget_registry

from workshop_kit.ui.checkbox_list import CheckboxList

MEETINGS = [("Grade 3 team", "g3"), ("Grade 4 team", "g4"), ("Staff meeting", "staff")]


def live_models() -> int:
    return len(widget_registry._instances)


class TestChoosing:
    def test_ticking_boxes_sets_the_value_in_the_order_of_the_options(self) -> None:
        """Ticking a box adds its id; the value follows the options' order, not the clicks'."""
        checks = CheckboxList("Held in")
        checks.options = MEETINGS
        seen: list[tuple[str, ...]] = []
        checks.observe(lambda change: seen.append(change["new"]), names="value")
        checks.check("staff").value = True
        checks.check("g3").value = True
        assert checks.value == ("g3", "staff")
        checks.check("staff").value = False
        assert checks.value == ("g3",)
        assert seen == [("staff",), ("g3", "staff"), ("g3",)]

    def test_setting_the_value_ticks_the_boxes(self) -> None:
        checks = CheckboxList("Held in")
        checks.options = MEETINGS
        checks.value = ("g4",)
        assert {item: checks.check(item).value for _label, item in MEETINGS} == {
            "g3": False,
            "g4": True,
            "staff": False,
        }
        checks.value = ()
        assert not any(checks.check(item).value for _label, item in MEETINGS)

    def test_an_id_not_listed_is_refused(self) -> None:
        checks = CheckboxList("Held in")
        checks.options = MEETINGS
        with pytest.raises(traitlets.TraitError):
            checks.value = ("g5",)
        assert checks.value == ()

    def test_each_box_shows_the_full_label_and_the_group_its_name(self) -> None:
        """The label is the box's description and its tooltip (the full name on hover); the
        list's heading is the group name the page gives screen readers."""
        long = "Sentence-frame cards for explaining reasoning (Human: people and their time)"
        checks = CheckboxList("Resources it uses", "wk-step-resources")
        checks.options = [(long, "cards")]
        box = checks.check("cards")
        assert (box.description, box.tooltip) == (long, long)
        assert checks.children[0].value == "<b>Resources it uses</b>"
        assert checks.tooltip is None  # a tooltip keeps ipywidgets 8.1 from drawing a Box
        assert {"wk-checks", "wk-step-resources"} <= set(checks._dom_classes)


class TestOptionsChanging:
    def test_ticks_of_items_still_listed_are_kept(self) -> None:
        checks = CheckboxList("Held in")
        checks.options = MEETINGS
        checks.value = ("g3", "staff")
        checks.options = [("Grade 3 team", "g3"), ("Grade 5 team", "g5")]
        assert checks.value == ("g3",)
        assert checks.check("g3").value is True and checks.check("g5").value is False

    def test_a_renamed_item_keeps_its_tick(self) -> None:
        checks = CheckboxList("Held in")
        checks.options = MEETINGS
        checks.value = ("g4",)
        checks.options = [("Grade 3 team", "g3"), ("Grade 4 PLC", "g4")]
        assert checks.value == ("g4",) and checks.check("g4").value is True

    def test_boxes_of_items_gone_are_closed_and_the_others_kept(self) -> None:
        checks = CheckboxList("Held in")
        checks.options = MEETINGS
        kept, gone = checks.check("g3"), checks.check("staff")
        checks.options = [("Grade 3 team", "g3")]
        assert checks.check("g3") is kept and kept.comm is not None
        assert gone.comm is None

    def test_no_options_show_a_note_instead_of_an_empty_box(self) -> None:
        checks = CheckboxList("Held in", empty="List your meetings first.")
        shown = [getattr(w, "value", "") for w in checks.children]
        assert any("List your meetings first." in str(v) for v in shown)
        checks.options = MEETINGS
        assert not any(
            "List your meetings first." in str(getattr(w, "value", "")) for w in checks.children
        )


class TestModels:
    def test_each_box_is_one_model_sharing_a_layout_and_a_style(self) -> None:
        """Twenty items bring twenty models, not sixty: the boxes share one layout and style."""
        checks = CheckboxList("Resources it uses")
        before = live_models()
        checks.options = [(f"Resource {n}", f"r{n}") for n in range(20)]
        assert live_models() - before == 20
        boxes = [checks.check(f"r{n}") for n in range(20)]
        assert len({id(b.layout) for b in boxes}) == 1
        assert len({id(b.style) for b in boxes}) == 1

    def test_listing_the_same_options_again_makes_no_models(self) -> None:
        checks = CheckboxList("Held in")
        checks.options = MEETINGS
        before = live_models()
        checks.options = list(MEETINGS)
        assert live_models() == before

    def test_closing_the_list_frees_every_model_it_made(self) -> None:
        before = live_models()
        checks = CheckboxList("Held in")
        checks.options = MEETINGS
        checks.value = ("g4",)
        checks.close()
        assert live_models() == before


def test_the_day3_panels_use_it(session: Any) -> None:
    """The action step's resources and a cycle's meetings are tick-box lists."""
    from workshop_kit.activities import day3

    step = day3.ActionPlanPanel(session)
    cycles = day3.CyclesPanel(session)
    assert isinstance(step.resources, CheckboxList) and step.resources.options
    assert isinstance(cycles.hosts, CheckboxList) and cycles.hosts.options
