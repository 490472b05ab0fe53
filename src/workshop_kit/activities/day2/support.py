"""The support activity: which forms of leadership support the resources provide, and which
are missing."""

from __future__ import annotations

from collections.abc import Callable

from workshop_kit.activities.common import esc
from workshop_kit.activities.day2.tags import TagPanel
from workshop_kit.activities.html import names_html
from workshop_kit.logic.resources import find, most_relevant, tag_support_form
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.resources import Resource, ResourceInventory


class SupportPanel(TagPanel):
    """Which forms of leadership support the resources provide, and which are missing."""

    chooser_label = "Form of support"
    save_label = "Save the support"

    def tag_options(self) -> list[tuple[str, str]]:
        return [(f"{f.label}: {f.description}", f.id) for f in self.config.support_forms]

    def tags_of(self, resource: Resource) -> tuple[str, ...]:
        return resource.support_forms

    def apply(self, tag: str) -> Callable[[ResourceInventory, set[str]], ResourceInventory]:
        return lambda inventory, chosen: tag_support_form(inventory, tag, chosen)

    def overview_html(self, inventory: ResourceInventory) -> str:
        f = find(inventory, self.config, self.load(GoalWork).success_criteria)
        used = "".join(
            f"<li>{esc(self.config.support_form(form).label)} ({len(found)}): "
            f"{names_html(most_relevant(found, self.config), 5)}</li>"
            for form, found in f.by_support_form.items()
            if found
        )
        missing = "".join(
            f"<li>{esc(self.config.support_form(form).label)}: "
            f"<i>{esc(self.config.support_form(form).description)}</i></li>"
            for form in f.support_forms_missing
        )
        return (
            "<p><b>Your plan relies on:</b></p>"
            f"<ul class='wk-support-used'>{used or '<li>nothing yet</li>'}</ul>"
            + (
                f"<p><b>Missing:</b></p><ul class='wk-support-missing'>{missing}</ul>"
                if missing
                else "<p>Every form of support is provided by at least one resource.</p>"
            )
        )

    def status(self) -> str:
        f = find(self.load(ResourceInventory), self.config, ())
        missing = ", ".join(f.support_forms_missing) or "none"
        return f"{len(f.support_forms_used)} forms used, missing: {missing}"
