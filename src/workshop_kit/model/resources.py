"""Day 2 resource inventory: the school's instructional resources, each placed in one ICB quadrant.

Quadrant, use-status and support-form ids are slugs defined in the facilitator config
(``day2.yaml``); the model only checks their shape so that it stays free of I/O. Checking them
against the config (and success-criterion ids against ``goal.yaml``) is done by
:mod:`workshop_kit.logic.resources`. Ids are made from names by
:func:`workshop_kit.model.names.new_id`, and two names are the same by
:func:`~workshop_kit.model.names.name_key`.
"""

from __future__ import annotations

import re
from typing import ClassVar

from pydantic import Field, field_validator

from workshop_kit.errors import InputError
from workshop_kit.model.base import Document, Record, unique_ids
from workshop_kit.model.names import name_key

NAME_MAX = 120
TEXT_MAX = 500
SLUG = r"^[a-z0-9-]+$"
CONFIG_ID = r"^[a-z0-9_-]+$"  # ids from the facilitator config (quadrants, use statuses, forms)
SLUG_MAX = 60


def _ids(values: tuple[str, ...], what: str, pattern: str) -> tuple[str, ...]:
    cleaned = tuple(v.strip() for v in values)
    for value in cleaned:
        if not re.fullmatch(pattern, value):
            raise ValueError(f"names a {what} ‘{value}’ that is not a valid id")
    if len(set(cleaned)) != len(cleaned):
        raise ValueError(f"lists the same {what} twice")
    return cleaned


class Resource(Record):
    """One instructional resource the school has (or could have), as the team sees it today."""

    id: str = Field(min_length=1, max_length=SLUG_MAX, pattern=SLUG)
    name: str = Field(min_length=1, max_length=NAME_MAX)
    description: str = Field(default="", max_length=TEXT_MAX)
    quadrant: str = Field(min_length=1, max_length=SLUG_MAX, pattern=CONFIG_ID)
    holder: str = Field(default="", max_length=NAME_MAX)
    recognized_before: bool = True
    use: str = Field(default="under_used", min_length=1, max_length=SLUG_MAX, pattern=CONFIG_ID)
    success_criteria: tuple[str, ...] = ()
    can_generate: bool = False
    #: kept even when ``can_generate`` is unticked, so an idea is not lost by a stray click
    how_to_generate: str = Field(default="", max_length=TEXT_MAX)
    support_forms: tuple[str, ...] = ()
    new_money: bool = False

    @field_validator("success_criteria")
    @classmethod
    def _criteria_are_ids(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return _ids(values, "success criterion", SLUG)

    @field_validator("support_forms")
    @classmethod
    def _forms_are_ids(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return _ids(values, "form of leadership support", CONFIG_ID)


class SupportRequest(Record):
    """What the team will ask its district or network for under one form of leadership
    support (Knapp et al.: supports leaders *receive*), from whom, and who on the team asks."""

    form: str = Field(min_length=1, max_length=SLUG_MAX, pattern=CONFIG_ID)
    need: str = Field(min_length=1, max_length=TEXT_MAX, title="What we will ask for")
    ask_whom: str = Field(default="", max_length=NAME_MAX, title="From whom")
    asker: str = Field(default="", max_length=NAME_MAX, title="Who will ask")


class ResourceInventory(Document):
    """``resources.yaml``: the team's inventory of instructional resources (Day 2)."""

    FILE_NAME: ClassVar[str] = "resources.yaml"
    TITLE: ClassVar[str] = "the resource inventory"

    resources: tuple[Resource, ...] = Field(default=(), title="the resource inventory")
    #: what the team will ask its district or network for, one request per form at most
    support_requests: tuple[SupportRequest, ...] = Field(default=(), title="the support requests")

    _unique_resources = unique_ids("resources", "resource")

    @field_validator("support_requests")
    @classmethod
    def _one_request_per_form(
        cls, requests: tuple[SupportRequest, ...]
    ) -> tuple[SupportRequest, ...]:
        forms = [r.form for r in requests]
        repeated = next((f for f in forms if forms.count(f) > 1), None)
        if repeated:
            raise ValueError(f"has two requests for the form ‘{repeated}’; keep one per form")
        return requests

    def request_for(self, form: str) -> SupportRequest | None:
        return next((r for r in self.support_requests if r.form == form), None)

    def with_support_requests(self, requests: tuple[SupportRequest, ...]) -> ResourceInventory:
        """A copy with these requests, in the order given, instead of the saved ones."""
        return self.model_validate({**self.model_dump(), "support_requests": requests})

    # Saved files are checked with the looser rule they were saved under (case and spacing), so
    # a file from an earlier version still opens; new names go through ``with_resource``, which
    # refuses a second resource with the same name by ``name_key``.
    @field_validator("resources")
    @classmethod
    def _unique_names(cls, resources: tuple[Resource, ...]) -> tuple[Resource, ...]:
        seen: set[str] = set()
        for resource in resources:
            key = " ".join(resource.name.casefold().split())
            if key in seen:
                raise ValueError(f"lists ‘{resource.name}’ twice; give each resource its own name")
            seen.add(key)
        return resources

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(r.id for r in self.resources)

    def resource(self, resource_id: str) -> Resource | None:
        return next((r for r in self.resources if r.id == resource_id), None)

    def same_name_as(self, resource: Resource) -> Resource | None:
        """The other resource (another id) whose name is the same as ``resource``'s by
        :func:`~workshop_kit.model.names.name_key`, if there is one."""
        key = name_key(resource.name)
        return next(
            (r for r in self.resources if r.id != resource.id and name_key(r.name) == key), None
        )

    def with_resource(self, resource: Resource) -> ResourceInventory:
        """A copy with ``resource`` replacing the one with its id, or added at the end.

        A second resource with the same name (by :func:`~workshop_kit.model.names.name_key`:
        "Staff meetings" and "staff-meetings" are one name) is refused with an
        :class:`~workshop_kit.errors.InputError` on the field ``name``."""
        other = self.same_name_as(resource)
        if other is not None:
            raise InputError(
                f"‘{other.name}’ is already in the inventory; give this resource another name, "
                "or change that one.",
                field="name",
            )
        if resource.id in self.ids:
            updated = tuple(resource if r.id == resource.id else r for r in self.resources)
        else:
            updated = (*self.resources, resource)
        return self.model_validate({**self.model_dump(), "resources": updated})

    def without(self, resource_id: str) -> ResourceInventory:
        """A copy without the resource with ``resource_id`` (unchanged if there is none)."""
        kept = tuple(r for r in self.resources if r.id != resource_id)
        return self.model_copy(update={"resources": kept})
