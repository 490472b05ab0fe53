"""What a resource inventory says: counts per quadrant, gaps, and links to the goal.

Pure functions over :class:`ResourceInventory`, the Day 2 config and the Day 1 success criteria.
The map, the findings panel, the summary and Day 3 all read the same :class:`ResourceFindings`, so
they never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from workshop_kit.config.day2 import Day2Config
from workshop_kit.model.goal import SuccessCriterion
from workshop_kit.model.resources import Resource, ResourceInventory


def default_use(config: Day2Config) -> str:
    """The use status a new resource starts with: the model's default when the config has it,
    else the least used status."""
    default = Resource.model_fields["use"].default
    ids = config.use_status_ids
    return str(default) if default in ids else ids[0]


def serves_goal(resource: Resource) -> bool:
    """A resource linked to at least one success criterion is relevant to the goal."""
    return bool(resource.success_criteria)


def use_rank(resource: Resource, config: Day2Config) -> int:
    """0 for the least used status; unknown statuses count as least used (they need a look)."""
    ids = config.use_status_ids
    return ids.index(resource.use) if resource.use in ids else 0


def relevance_key(resource: Resource, config: Day2Config) -> tuple[int, int, int, str]:
    """Sort key putting first what most deserves the team's attention.

    Resources serving more success criteria come first; among those, the least used (the biggest
    untapped opportunity) and then the ones the team had not recognised. Names break ties so the
    order is stable.
    """
    return (
        -len(resource.success_criteria),
        use_rank(resource, config),
        0 if not resource.recognized_before else 1,
        resource.name.casefold(),
    )


def most_relevant(
    resources: Iterable[Resource], config: Day2Config, limit: int | None = None
) -> list[Resource]:
    ordered = sorted(resources, key=lambda r: relevance_key(r, config))
    return ordered if limit is None else ordered[:limit]


def quadrant_counts(resources: Sequence[Resource], config: Day2Config) -> dict[str, int]:
    """How many of ``resources`` each of the config's quadrants holds, in the config's order."""
    return {q.id: sum(1 for r in resources if r.quadrant == q.id) for q in config.quadrants}


def thin_quadrants(counts: Mapping[str, int], config: Day2Config) -> tuple[str, ...]:
    """The quadrants that are thin for this school: holding clearly fewer resources than its
    own average per quadrant (``thin_share_of_average``), or fewer than the facilitator's floor
    (``thin_quadrant_below``, off by default). Twelve resources spread three to a quadrant make
    no quadrant thin; a quadrant with nothing in it is always thin."""
    average = sum(counts.values()) / max(len(counts), 1)
    return tuple(
        quadrant
        for quadrant, count in counts.items()
        if count == 0
        or count < config.thin_share_of_average * average
        or count < config.thin_quadrant_below
    )


@dataclass(frozen=True)
class QuadrantCount:
    quadrant_id: str
    label: str
    total: int
    by_use: dict[str, int]
    thin: bool


@dataclass(frozen=True)
class ResourceFindings:
    """Everything the team reads off its map, in the order the findings panel shows it."""

    total: int
    quadrants: tuple[QuadrantCount, ...]
    thin_quadrants: tuple[str, ...]
    not_recognized_before: tuple[Resource, ...]
    untapped_for_goal: tuple[Resource, ...]
    under_used_for_goal: tuple[Resource, ...]
    can_generate: tuple[Resource, ...]
    new_money: tuple[Resource, ...]
    by_criterion: dict[str, tuple[Resource, ...]]
    criteria_without_resources: tuple[str, ...]
    by_support_form: dict[str, tuple[Resource, ...]]
    support_forms_missing: tuple[str, ...]
    problems: tuple[str, ...]

    def count(self, quadrant_id: str) -> int:
        return next((q.total for q in self.quadrants if q.quadrant_id == quadrant_id), 0)

    @property
    def support_forms_used(self) -> tuple[str, ...]:
        return tuple(form for form, found in self.by_support_form.items() if found)


def check_inventory(
    inventory: ResourceInventory, config: Day2Config, criteria: Sequence[SuccessCriterion]
) -> list[str]:
    """Plain messages for resources whose ids the config or the goal no longer knows.

    This happens when a facilitator renames an id or the team deletes a success criterion after
    linking resources to it. The resources are kept; the team is told what to fix.
    """
    quadrants, statuses = set(config.quadrant_ids), set(config.use_status_ids)
    forms, criterion_ids = set(config.support_form_ids), {c.id for c in criteria}
    problems = []
    for resource in inventory.resources:
        if resource.quadrant not in quadrants:
            problems.append(
                f"‘{resource.name}’ is in a quadrant this workshop does not use "
                f"(‘{resource.quadrant}’); choose one of the four quadrants for it."
            )
        if resource.use not in statuses:
            problems.append(
                f"‘{resource.name}’ has a use status this workshop does not use (‘{resource.use}’)."
            )
        for form in resource.support_forms:
            if form not in forms:
                problems.append(
                    f"‘{resource.name}’ is tagged with an unknown form of leadership support "
                    f"(‘{form}’)."
                )
        for criterion in resource.success_criteria:
            if criterion not in criterion_ids:
                problems.append(
                    f"‘{resource.name}’ is linked to a success criterion that is no longer in the "
                    f"goal (‘{criterion}’); link it again in ‘Link resources to your success "
                    "criteria’."
                )
    return problems


def find(
    inventory: ResourceInventory, config: Day2Config, criteria: Sequence[SuccessCriterion]
) -> ResourceFindings:
    """Summarise the inventory for the map, the findings, the summary and Day 3."""
    resources = inventory.resources
    statuses = config.use_status_ids
    quadrants = []
    thin = set(thin_quadrants(quadrant_counts(resources, config), config))
    for quadrant in config.quadrants:
        inside = [r for r in resources if r.quadrant == quadrant.id]
        by_use = {s: sum(1 for r in inside if r.use == s) for s in statuses}
        quadrants.append(
            QuadrantCount(quadrant.id, quadrant.label, len(inside), by_use, quadrant.id in thin)
        )
    least_used = statuses[0]
    goal_related = [r for r in resources if serves_goal(r)]

    def ranked(chosen: Iterable[Resource]) -> tuple[Resource, ...]:
        return tuple(most_relevant(chosen, config))

    by_criterion = {
        c.id: ranked(r for r in resources if c.id in r.success_criteria) for c in criteria
    }
    by_form = {
        f: ranked(r for r in resources if f in r.support_forms) for f in config.support_form_ids
    }
    return ResourceFindings(
        total=len(resources),
        quadrants=tuple(quadrants),
        thin_quadrants=tuple(q.quadrant_id for q in quadrants if q.thin),
        not_recognized_before=ranked(r for r in resources if not r.recognized_before),
        untapped_for_goal=ranked(r for r in goal_related if r.use == least_used),
        under_used_for_goal=ranked(
            r for r in goal_related if r.use not in (least_used, config.well_used)
        ),
        can_generate=ranked(r for r in resources if r.can_generate),
        new_money=ranked(r for r in resources if r.new_money),
        by_criterion=by_criterion,
        criteria_without_resources=tuple(c for c, found in by_criterion.items() if not found),
        by_support_form=by_form,
        support_forms_missing=tuple(f for f, found in by_form.items() if not found),
        problems=tuple(check_inventory(inventory, config, criteria)),
    )


# -- edits the link panels make ---------------------------------------------------------------


def _with_tag(
    inventory: ResourceInventory, field: str, tag: str, chosen: Iterable[str]
) -> ResourceInventory:
    chosen_ids = set(chosen)
    unknown = chosen_ids - inventory.ids
    if unknown:
        raise KeyError(sorted(unknown)[0])
    updated = []
    for resource in inventory.resources:
        tags: tuple[str, ...] = getattr(resource, field)
        has = tag in tags
        if resource.id in chosen_ids and not has:
            tags = (*tags, tag)
        elif resource.id not in chosen_ids and has:
            tags = tuple(t for t in tags if t != tag)
        updated.append(
            resource.model_copy(update={field: tags})
            if tags != getattr(resource, field)
            else resource
        )
    return ResourceInventory.model_validate({"resources": updated})


def link_criterion(
    inventory: ResourceInventory, criterion_id: str, resource_ids: Iterable[str]
) -> ResourceInventory:
    """Exactly ``resource_ids`` serve ``criterion_id`` afterwards; other links are kept."""
    return _with_tag(inventory, "success_criteria", criterion_id, resource_ids)


def tag_support_form(
    inventory: ResourceInventory, form_id: str, resource_ids: Iterable[str]
) -> ResourceInventory:
    """Exactly ``resource_ids`` provide ``form_id`` afterwards; other tags are kept."""
    return _with_tag(inventory, "support_forms", form_id, resource_ids)
