"""The support activity: what the team will ask its district or network for, under each of
the five forms of support for learning-focused leadership (Knapp et al., 2010), from whom, and
who on the team will ask. These are supports the school's leaders *receive*; the school's own
resources are on the map."""

from __future__ import annotations

import ipywidgets as widgets

from workshop_kit.activities.day2.base import Day2Panel
from workshop_kit.model.base import Document
from workshop_kit.model.resources import ResourceInventory, SupportRequest
from workshop_kit.model.team import Team
from workshop_kit.ui.guard import guarded
from workshop_kit.ui.html import esc
from workshop_kit.ui.parts import limited, save_button, tagged
from workshop_kit.validation import build

NOBODY = "(choose who will ask)"


class SupportPanel(Day2Panel):
    """One row per form of support: what we will ask for, from whom, who will ask."""

    kinds = (ResourceInventory,)

    def build(self) -> list[widgets.Widget]:
        self.needs: dict[str, widgets.Textarea] = {}
        self.whom: dict[str, widgets.Text] = {}
        self.askers: dict[str, widgets.Dropdown] = {}
        rows: list[widgets.Widget] = []
        for form in self.config.support_forms:
            self.needs[form.id] = tagged(
                limited(
                    widgets.Textarea(
                        continuous_update=False,
                        placeholder="What we will ask for (blank: nothing for now)",
                        layout={"width": "420px", "height": "56px"},
                    ),
                    SupportRequest,
                    "need",
                ),
                f"wk-support-need-{form.id}",
            )
            self.whom[form.id] = tagged(
                limited(
                    widgets.Text(
                        continuous_update=False,
                        placeholder="From whom (district office, network, a person)",
                        layout={"width": "300px"},
                    ),
                    SupportRequest,
                    "ask_whom",
                ),
                f"wk-support-whom-{form.id}",
            )
            self.askers[form.id] = tagged(
                widgets.Dropdown(
                    options=[NOBODY],
                    layout={"width": "220px"},
                    tooltip=f"Who asks for {form.label}",
                ),
                f"wk-support-asker-{form.id}",
            )
            rows.append(
                widgets.VBox(
                    [
                        widgets.HTML(f"<b>{esc(form.label)}</b>: <i>{esc(form.description)}</i>"),
                        widgets.HBox(
                            [self.needs[form.id], self.whom[form.id], self.askers[form.id]]
                        ),
                    ]
                )
            )
        self.overview = tagged(widgets.HTML(), "wk-support-overview")
        self.save_button = save_button("wk-save-support", self.save, "Save the support requests")
        return [*rows, self.save_button, self.overview]

    def refresh(self) -> None:
        inventory = self.load(ResourceInventory)
        for form in self.config.support_forms:
            request = inventory.request_for(form.id)
            self.set_askers(form.id, request.asker if request else "")
            self.needs[form.id].value = request.need if request else ""
            self.whom[form.id].value = request.ask_whom if request else ""
        self.show_overview(inventory)

    def set_askers(self, form: str, asker: str) -> None:
        """The team's members to choose from (a saved name no longer on the team is kept)."""
        members = [NOBODY, *self.load(Team).member_names]
        self.askers[form].options = members + ([asker] if asker and asker not in members else [])
        self.askers[form].value = asker or NOBODY

    def on_document_saved(self, kind: type[Document]) -> None:
        if kind is Team:  # a member added on Day 1 can be chosen; typed requests stay
            for form, dropdown in self.askers.items():
                self.set_askers(form, "" if dropdown.value == NOBODY else str(dropdown.value))

    def typed(self) -> tuple[SupportRequest, ...]:
        requests = []
        for form in self.config.support_forms:
            need = self.needs[form.id].value.strip()
            if not need:
                continue
            asker = self.askers[form.id].value
            requests.append(
                build(
                    SupportRequest,
                    {
                        "form": form.id,
                        "need": need,
                        "ask_whom": self.whom[form.id].value.strip(),
                        "asker": "" if asker in (None, NOBODY) else asker,
                    },
                )
            )
        return tuple(requests)

    @guarded(lambda self: self.messages)
    def save(self) -> None:
        requests = self.typed()
        known = {f.id for f in self.config.support_forms}
        inventory = self.update(
            ResourceInventory,
            lambda current: current.with_support_requests(
                # a request for a form this config no longer lists is kept, not lost
                (*requests, *(r for r in current.support_requests if r.form not in known))
            ),
            "the support requests",
        )
        self.show_overview(inventory)

    def show_overview(self, inventory: ResourceInventory) -> None:
        asked = [f for f in self.config.support_forms if inventory.request_for(f.id)]
        missing = [f for f in self.config.support_forms if not inventory.request_for(f.id)]
        no_asker = [
            f.label
            for f in asked
            if not (request := inventory.request_for(f.id)) or not request.asker
        ]
        self.overview.value = (
            f"<p><b>{len(asked)} of {len(self.config.support_forms)}</b> forms of support have a "
            "request.</p>"
            + (
                "<p><b>No request yet:</b> " + esc(", ".join(f.label for f in missing)) + "</p>"
                if missing
                else ""
            )
            + (
                "<p><b>Nobody named to ask yet:</b> " + esc(", ".join(no_asker)) + "</p>"
                if no_asker
                else ""
            )
        )
        self.status_line = f"{len(asked)} of {len(self.config.support_forms)} forms requested" + (
            f", no request yet: {', '.join(f.id for f in missing)}" if missing else ""
        )
