"""The add-or-change switch: adding and changing an item cannot be confused."""

from __future__ import annotations

import pytest

from workshop_kit.ui import form as form_layer
from workshop_kit.ui.form import ItemForm

ITEMS = [("grade-3-team", "Grade 3 team"), ("grade-6-team", "Grade 6 team")]


class Shown:
    """Stands for a panel's fields: records which item the form asked it to show."""

    def __init__(self) -> None:
        self.calls: list[str | None] = []

    def __call__(self, item_id: str | None) -> None:
        self.calls.append(item_id)


@pytest.fixture
def shown() -> Shown:
    return Shown()


class Fields:
    """Stands for the form's fields: blank or not."""

    def __init__(self) -> None:
        self.typed = ""


@pytest.fixture
def fields() -> Fields:
    return Fields()


@pytest.fixture
def form(shown: Shown, fields: Fields) -> ItemForm:
    made = ItemForm("meeting", shown, "meeting", is_blank=lambda: not fields.typed)
    made.set_items(ITEMS)
    return made


class TestItemForm:
    def test_it_starts_on_a_new_item_with_an_add_button(self, form: ItemForm) -> None:
        assert form.editing is None
        assert form.save_button.description == "Add this meeting"
        assert form.remove_button.layout.display == "none"
        assert form.new_button.layout.display == "none"
        assert [label for label, _ in form.choice.options] == [
            "a new meeting",
            "change ‘Grade 3 team’",
            "change ‘Grade 6 team’",
        ]

    def test_choosing_an_item_to_change_names_it_on_the_button(
        self, form: ItemForm, shown: Shown
    ) -> None:
        form.choice.value = "grade-6-team"
        assert form.editing == "grade-6-team"
        assert form.save_button.description == "Save changes to ‘Grade 6 team’"
        assert shown.calls == ["grade-6-team"]
        assert form.remove_button.layout.display == "" and form.new_button.layout.display == ""

    def test_after_a_save_the_form_is_empty_and_says_what_happened(
        self, form: ItemForm, shown: Shown
    ) -> None:
        form.choose("grade-6-team")
        form.saved([*ITEMS, ("grade-7-team", "Grade 7 team")], "Saved changes to ‘Grade 6 team’.")
        assert form.editing is None
        assert form.save_button.description == "Add this meeting"
        assert shown.calls[-1] is None, "the panel was asked to empty its fields"
        assert form.message.kind == "ok" and "Grade 6 team" in form.message.text
        assert len(form.choice.options) == 4

    def test_add_a_new_one_instead_leaves_the_change(self, form: ItemForm, shown: Shown) -> None:
        form.choose("grade-3-team")
        form.new_button.click()
        assert form.editing is None and shown.calls == ["grade-3-team", None]

    def test_listing_items_keeps_the_choice_without_refilling_the_fields(
        self, form: ItemForm, shown: Shown
    ) -> None:
        form.choose("grade-3-team")
        form.set_items([*ITEMS, ("x", "X")])
        assert form.editing == "grade-3-team" and shown.calls == ["grade-3-team"]
        form.set_items([ITEMS[1]])  # removed elsewhere: back to a new item
        assert form.editing is None

    def test_a_long_name_is_shortened_in_the_list_but_not_lost(self, form: ItemForm) -> None:
        long_name = "A very long meeting name that goes on and on past forty characters"
        form.set_items([("long", long_name)])
        form.choose("long")
        assert form.editing_name == long_name
        assert form.save_button.description.endswith("…’")
        assert form.save_button.tooltip == form.save_button.description

    def test_a_second_click_right_after_an_add_is_the_same_double_click(
        self, form: ItemForm, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        clock = [100.0]
        monkeypatch.setattr(form_layer.time, "monotonic", lambda: clock[0])
        assert not form.is_double_click()
        form.saved(ITEMS, "Added ‘Grade 6 team’.")
        clock[0] += 0.3
        assert form.is_double_click()
        assert form.message.text == "Added ‘Grade 6 team’. (The double click added it once.)"
        assert form.is_double_click()  # a triple click says it once too
        assert form.message.text.count("added it once") == 1
        clock[0] += 1.0
        assert not form.is_double_click()

    def test_the_next_item_typed_at_once_is_never_taken_for_a_double_click(
        self, form: ItemForm, fields: Fields, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(form_layer.time, "monotonic", lambda: 100.0)
        form.saved(ITEMS, "Added ‘Grade 6 team’.")
        fields.typed = "Grade 7 team"  # a browser can deliver typing and the click together
        assert not form.is_double_click()

    def test_a_change_is_never_taken_for_a_double_click(
        self, form: ItemForm, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(form_layer.time, "monotonic", lambda: 100.0)
        form.saved(ITEMS, "Added.")
        form.choose("grade-3-team")
        assert not form.is_double_click()
