"""The item forms: adding and changing an item cannot be confused, and a form's fields,
declared once in a table, are made, filled, emptied, read back and given their problems."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import ipywidgets as widgets
import pytest
from pydantic import Field as ModelField

from workshop_kit.errors import InputError
from workshop_kit.model.base import Record
from workshop_kit.ui import form as form_layer
from workshop_kit.ui.form import Field, FieldForm, ItemForm
from workshop_kit.ui.messages import Messages

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


class When(Record):
    day: dt.date | None = None
    per_year: int | None = ModelField(default=None, ge=1, le=50)


class Visit(Record):
    """A small item with one field of each kind the meetings form uses."""

    id: str
    name: str = ModelField(min_length=1, max_length=30)
    kind: Literal["class", "walk"] = "class"
    notes: str = ModelField(default="", max_length=200)
    people: int = ModelField(ge=1, le=40)
    minutes: int = 0
    at: dt.time | None = None
    when: When


TABLE = {
    "what": [
        Field("name", "text", "Name", "e.g. Room 12"),
        Field("kind", "choice", "Kind", options=[("Class", "class"), ("Walk", "walk")]),
        Field("notes", "long_text", "Notes"),
        Field("people", "whole", "People", beside=True),
        Field("minutes", "minutes", "Minutes", beside=True),
        Field("at", "time", "At"),
    ],
    "when": [
        Field("when.day", "date", "Day", required=False),
        Field("when.per_year", "whole", "Times a year", css="wk-visit-often"),
    ],
}
VISIT = Visit(
    id="v",
    name="Room 12",
    kind="walk",
    people=3,
    minutes=20,
    at=dt.time(9, 5),
    when=When(day=dt.date(2026, 10, 1), per_year=4),
)


@pytest.fixture
def visit_form() -> FieldForm[Visit]:
    return FieldForm(Visit, TABLE, "visit", Messages(), {"when": ("when", "When")})


class TestFieldForm:
    def test_each_row_makes_its_widget_found_by_its_css_class(
        self, visit_form: FieldForm[Visit]
    ) -> None:
        assert isinstance(visit_form["notes"], widgets.Textarea)
        assert isinstance(visit_form["kind"], widgets.Dropdown)
        assert isinstance(visit_form["when.day"], widgets.DatePicker)
        assert "wk-visit-per-year" not in visit_form["when.per_year"]._dom_classes
        assert "wk-visit-often" in visit_form["when.per_year"]._dom_classes
        assert set(visit_form["name"]._dom_classes) == {"wk-visit-name", "wk-limit-30"}
        assert set(visit_form["people"]._dom_classes) == {"wk-visit-people"}  # a number
        assert visit_form["when.day"].description == "Day (optional)"
        assert not visit_form["name"].continuous_update

    def test_rows_put_a_field_beside_the_one_before_it(self, visit_form: FieldForm[Visit]) -> None:
        rows = visit_form.rows("what")
        assert len(rows) == 4 and isinstance(rows[2], widgets.HBox)
        assert list(rows[2].children) == [
            visit_form["notes"],
            visit_form["people"],
            visit_form["minutes"],
        ]

    def test_an_item_filled_in_reads_back_as_the_same_item(
        self, visit_form: FieldForm[Visit]
    ) -> None:
        visit_form.fill(VISIT)
        assert visit_form["at"].value == "09:05" and visit_form["people"].value == "3"
        assert visit_form.item(id="v") == VISIT

    def test_clearing_empties_the_fields_and_keeps_a_choice_without_a_reset(
        self, visit_form: FieldForm[Visit]
    ) -> None:
        visit_form.fill(VISIT)
        visit_form.clear()
        assert visit_form["name"].value == "" and visit_form["when.day"].value is None
        assert visit_form["kind"].value == "walk"

    def test_what_is_typed_is_read_by_the_parser_of_its_kind(
        self, visit_form: FieldForm[Visit]
    ) -> None:
        typed = {"name": "  Room   7 ", "people": "2.5", "minutes": "", "at": "3:15 pm"}
        for path, text in typed.items():
            visit_form[path].value = text
        visit_form["when.per_year"].value = "2"
        with pytest.raises(InputError, match="People must be a whole number"):
            visit_form.read()
        visit_form["people"].value = "12"
        assert visit_form.item(id="x") == Visit(
            id="x",
            name="Room 7",
            people=12,
            at=dt.time(15, 15),
            when=When(per_year=2),
        )

    def test_a_hidden_field_is_not_read(self, visit_form: FieldForm[Visit]) -> None:
        visit_form.fill(VISIT)
        visit_form["when.per_year"].value = "not a number"
        visit_form.show_only("when", {"day"})
        assert visit_form["when.per_year"].layout.display == "none"
        assert visit_form.read()["when"] == {"day": dt.date(2026, 10, 1)}

    def test_a_models_problem_shows_under_its_group_named_by_the_label(
        self, visit_form: FieldForm[Visit]
    ) -> None:
        visit_form.fill(VISIT)
        visit_form["when.per_year"].value = "60"
        with pytest.raises(InputError) as raised:
            visit_form.item(id="v")
        visit_form.show_error(raised.value)
        assert visit_form.messages["when"].text == "‘Times a year’ must be at most 50."
        assert visit_form.errors.form_message.kind == "error"
        visit_form.clear_errors()
        assert visit_form.messages["when"].text == ""

    def test_a_problem_of_a_path_no_field_holds_goes_where_also_says(
        self, visit_form: FieldForm[Visit]
    ) -> None:
        visit_form.show_error(InputError("‘when’ is not possible.", field="when"))
        assert visit_form.messages["when"].text == "‘When’ is not possible."

    def test_a_form_of_one_group_shares_its_label_width_and_reads_a_percent(self) -> None:
        class Score(Record):
            value: float

        line = Messages()
        form = FieldForm(
            Score, {"": [Field("value", "number", "Value")]}, "s", line, label_width="9px"
        )
        assert form["value"].style.description_width == "9px"
        form["value"].value = "47%"
        assert form.item() == Score(value=47.0)
        assert form.messages == {}  # its problems go to the form's own line
        form.show_error(InputError("‘value’ must be at most 5.", field="value"))
        assert line.text == "‘Value’ must be at most 5." and line.kind == "error"
