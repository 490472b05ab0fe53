"""A real conflict on the Day 2 inventory (the reported case): two devices change the same
resource. The refusal, both versions side by side and the two choices are together, under
the form's Save, and each choice does what it says."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from workshop_kit.activities.day2.inventory import InventoryPanel
from workshop_kit.model.resources import ResourceInventory
from workshop_kit.session import Session
from workshop_kit.store import Workspace

RUBRIC = "school-writing-rubric-grades-3-5"
Helper = Callable[..., Any]


def conflicted(session: Session) -> InventoryPanel:
    """This device changes the rubric's holder after another device changed it differently."""
    panel = InventoryPanel(session)
    panel.form.choice.value = RUBRIC
    panel.holder.value = "Grade 3-5 team leads"
    laptop = Workspace(session.workspace.root).open_team("demo")
    laptop.load(ResourceInventory)
    laptop.update(
        ResourceInventory,
        lambda inv: inv.with_resource(
            inv.resource(RUBRIC).model_copy(update={"holder": "Ms Okafor"})  # type: ignore[union-attr]
        ),
        author="Ana Ruiz",
    )
    panel.add_button.click()
    return panel


class TestAConflictWhereTheMemberLooks:
    def test_both_versions_side_by_side_under_the_refusal(self, session: Session) -> None:
        panel = conflicted(session)
        assert panel.form_message.kind == "error" and "Ana Ruiz" in panel.form_message.text
        assert panel.conflict is not None
        form = next(
            c for c in panel.children if "wk-resource-form" in getattr(c, "_dom_classes", ())
        )
        assert isinstance(form, widgets.VBox)
        children = list(form.children)
        # right under the message under Save, not at the panel's foot below the table
        assert children.index(panel.conflict) == children.index(panel.form_message) + 1
        assert panel.conflict not in panel.children and panel._recovery.children == ()
        (row,) = panel.conflict.rows
        assert "School writing rubric" in row.place and row.field == "holder"
        assert (row.theirs, row.mine) == ("Ms Okafor", "Grade 3-5 team leads")
        assert "Ms Okafor" in panel.conflict.table.value
        assert "Grade 3-5 team leads" in panel.conflict.table.value
        assert panel.holder.value == "Grade 3-5 team leads"  # nothing typed is lost

    def test_keeping_mine_saves_it_over_theirs(self, session: Session, by_name: Helper) -> None:
        panel = conflicted(session)
        assert panel.conflict is not None
        panel.conflict.keep_button.click()
        assert panel.form_message.kind == "ok", panel.form_message.text
        assert "Kept your version" in panel.form_message.text
        assert by_name(session)["School writing rubric (grades 3-5)"]["holder"] == (
            "Grade 3-5 team leads"
        )
        assert panel.conflict is None

    def test_reloading_shows_theirs(self, session: Session, by_name: Helper) -> None:
        panel = conflicted(session)
        assert panel.conflict is not None
        panel.conflict.reload_button.click()
        assert panel.form_message.kind == "info" and "Reloaded" in panel.form_message.text
        assert by_name(session)["School writing rubric (grades 3-5)"]["holder"] == "Ms Okafor"
        assert panel.conflict is None
        form = next(
            c for c in panel.children if "wk-resource-form" in getattr(c, "_dom_classes", ())
        )
        assert all("wk-conflict" not in getattr(c, "_dom_classes", ()) for c in form.children)
        assert panel.holder.value == "Ms Okafor"  # the form shows the saved version
