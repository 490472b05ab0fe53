"""Two devices' edits of one team file merge item by item; only a change to the same item by both
is a conflict. Checked on the merge itself and through the store, with generated edit sequences."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop_kit.errors import ConflictError
from workshop_kit.merge import MergeConflict, merge
from workshop_kit.model.goal import CandidateGoal, GoalWork
from workshop_kit.model.resources import Resource, ResourceInventory
from workshop_kit.model.team import Member, Team
from workshop_kit.store import TeamWorkbook, Version, Workspace

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=3),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=2), inner),
    max_leaves=8,
)


class TestTheMergeItself:
    @given(json_values, json_values)
    def test_a_side_that_changed_nothing_takes_the_other_sides_change(
        self, base: object, changed: object
    ) -> None:
        assert merge(base, base, changed) == changed
        assert merge(base, changed, base) == changed

    @given(json_values, json_values)
    def test_the_same_change_on_both_sides_is_no_conflict(
        self, base: object, changed: object
    ) -> None:
        assert merge(base, changed, changed) == changed

    def test_records_merge_by_id_new_ones_last_in_the_saved_order(self) -> None:
        base = {"items": [{"id": "a", "n": 1}, {"id": "b", "n": 1}]}
        ours = {"items": [{"id": "a", "n": 2}, {"id": "b", "n": 1}, {"id": "ours", "n": 0}]}
        theirs = {"items": [{"id": "a", "n": 1}, {"id": "theirs", "n": 0}]}  # b removed
        assert merge(base, ours, theirs) == {
            "items": [{"id": "a", "n": 2}, {"id": "theirs", "n": 0}, {"id": "ours", "n": 0}]
        }

    def test_a_change_to_a_record_the_other_side_removed_is_a_conflict(self) -> None:
        base = {"items": [{"id": "a", "n": 1}]}
        with pytest.raises(MergeConflict) as refused:
            merge(base, {"items": [{"id": "a", "n": 2}]}, {"items": []})
        assert [c.path for c in refused.value.conflicts] == [("items", "a")]

    def test_two_changes_to_one_field_conflict_at_that_field(self) -> None:
        base = {"items": [{"id": "a", "text": "x", "n": 1}]}
        ours = {"items": [{"id": "a", "text": "ours", "n": 1}]}
        theirs = {"items": [{"id": "a", "text": "theirs", "n": 2}]}
        with pytest.raises(MergeConflict) as refused:
            merge(base, ours, theirs)
        (conflict,) = refused.value.conflicts
        assert (conflict.path, conflict.ours, conflict.theirs) == (
            ("items", "a", "text"),
            "ours",
            "theirs",
        )

    def test_lists_of_plain_values_merge_as_sets_in_the_saved_order(self) -> None:
        base = {"norms": ["listen", "start on time"]}
        ours = {"norms": ["listen", "start on time", "phones away"]}
        theirs = {"norms": ["be kind", "listen"]}
        assert merge(base, ours, theirs) == {"norms": ["be kind", "listen", "phones away"]}

    def test_records_told_apart_by_a_named_key(self) -> None:
        base = {"members": [{"name": "Ana", "role": "Principal"}]}
        ours = {"members": [{"name": "Ana", "role": "Coach"}]}
        theirs = {"members": [{"name": "Ana", "role": "Principal"}, {"name": "Li", "role": "T"}]}
        assert merge(base, ours, theirs, keys={"members": "name"}) == {
            "members": [{"name": "Ana", "role": "Coach"}, {"name": "Li", "role": "T"}]
        }


# -- generated edit sequences on the resource inventory --------------------------------------

Edit = tuple[str, int, str]  # (what, which resource of the device's own, text)
edits = st.lists(
    st.tuples(
        st.sampled_from(["add", "describe", "remove"]),
        st.integers(0, 5),
        st.text("abc xyz", min_size=1, max_size=8).filter(str.strip),
    ),
    max_size=6,
)


def _apply(inventory: ResourceInventory, device: str, edit: Edit, counter: list[int]) -> object:
    """One edit by ``device`` to resources it added itself (so two devices never touch the same
    item); gives the inventory after it."""
    what, which, text = edit
    own = [r for r in inventory.resources if r.id.startswith(device)]
    if what == "add" or not own:
        counter[0] += 1
        number = counter[0]
        return inventory.with_resource(
            Resource(id=f"{device}-{number}", name=f"{device} resource {number}", quadrant="tools")
        )
    target = own[which % len(own)]
    if what == "describe":
        return inventory.with_resource(target.model_copy(update={"description": text.strip()}))
    return inventory.without(target.id)


def _book(root: Path) -> TeamWorkbook:
    return Workspace(root).open_team("lincoln-ilt")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), edits), min_size=1, max_size=8))
def test_devices_editing_their_own_resources_all_land(
    tmp_path_factory: pytest.TempPathFactory, turns: list[tuple[str, list[Edit]]]
) -> None:
    """Three laptops save in turn, each from the version its page was last filled from (its own
    last save; it never reloads others' saves in between): no save is refused, and the file ends
    up exactly as every device's edits say, as if each had worked alone on its own resources."""
    root = tmp_path_factory.mktemp("ws")
    Workspace(root).create_team("Lincoln ILT")
    laptops = {d: _book(root) for d in "abc"}
    pages: dict[str, tuple[ResourceInventory, Version]] = {
        d: laptops[d].read(ResourceInventory) for d in "abc"
    }
    expected: dict[str, ResourceInventory] = {d: ResourceInventory() for d in "abc"}
    counters = {d: [0] for d in "abc"}
    for device, sequence in turns:
        page, version = pages[device]
        for edit in sequence:
            page = _apply(page, device, edit, counters[device])  # type: ignore[assignment]
        expected[device] = ResourceInventory(
            resources=tuple(r for r in page.resources if r.id.startswith(device))
        )
        saved, version = laptops[device].update(
            ResourceInventory, lambda _current, final=page: final, base=version
        )
        pages[device] = (saved, version)  # the panel shows what was saved, others' edits too
    result = _book(root).load(ResourceInventory)
    for device in "abc":
        mine = {r.id: r for r in result.resources if r.id.startswith(device)}
        assert mine == {r.id: r for r in expected[device].resources}


def test_two_members_rating_at_once_keep_both_ratings(workspace: Workspace) -> None:
    book = workspace.create_team("Lincoln ILT")
    book.save(GoalWork(candidates=(CandidateGoal(id="writing", text="Write to explain."),)))
    ana, marcus = (Workspace(workspace.root).open_team(book.slug) for _ in range(2))
    _, seen_by_ana = ana.read(GoalWork)
    _, seen_by_marcus = marcus.read(GoalWork)
    ana.update(GoalWork, lambda g: g.with_ratings("Ana", {("writing", "impact"): 4}), seen_by_ana)
    marcus.update(
        GoalWork, lambda g: g.with_ratings("Marcus", {("writing", "impact"): 2}), seen_by_marcus
    )
    ratings = book.reload(GoalWork).ratings
    assert ratings == {"Ana": {"writing": {"impact": 4}}, "Marcus": {"writing": {"impact": 2}}}


def test_a_conflict_names_the_item_and_who_saved_it(workspace: Workspace) -> None:
    book = workspace.create_team("Lincoln ILT")
    start = ResourceInventory(
        resources=(Resource(id="rubric", name="Writing rubric", quadrant="tools"),)
    )
    book.save(start)
    ana, marcus = (Workspace(workspace.root).open_team(book.slug) for _ in range(2))
    _, seen_by_ana = ana.read(ResourceInventory)
    _, seen_by_marcus = marcus.read(ResourceInventory)

    def describe(text: str) -> object:
        return lambda inv: inv.with_resource(
            inv.resources[0].model_copy(update={"description": text})
        )

    ana.update(ResourceInventory, describe("Ana's words"), seen_by_ana, author="Ana Ruiz")
    with pytest.raises(ConflictError) as refused:
        marcus.update(ResourceInventory, describe("Marcus's words"), seen_by_marcus)
    message = refused.value.message
    assert "Ana Ruiz" in message and "‘Writing rubric’ in the resource inventory" in message
    assert book.reload(ResourceInventory).resources[0].description == "Ana's words"
    # keeping his own: the save made again from the version now saved goes over Ana's
    current = refused.value.current
    assert isinstance(current, Version)
    marcus.update(ResourceInventory, describe("Marcus's words"), current, author="Marcus Lee")
    assert book.reload(ResourceInventory).resources[0].description == "Marcus's words"


def test_a_merge_that_breaks_a_rule_is_refused_in_plain_words(workspace: Workspace) -> None:
    """Two laptops add a member with the same name in different spelling: one roster cannot hold
    both, so the second save is refused and the first stays."""
    book = workspace.create_team("Lincoln ILT")
    ana, marcus = (Workspace(workspace.root).open_team(book.slug) for _ in range(2))
    _, seen_by_ana = ana.read(Team)
    _, seen_by_marcus = marcus.read(Team)
    ana.update(
        Team,
        lambda t: t.with_roster(t.name, t.school, [Member(name="Li Wei", role="Coach")]),
        seen_by_ana,
    )
    with pytest.raises(ConflictError, match="twice"):
        marcus.update(
            Team,
            lambda t: t.with_roster(t.name, t.school, [Member(name="li wei", role="Teacher")]),
            seen_by_marcus,
        )
    assert [m.name for m in book.reload(Team).members] == ["Li Wei"]
