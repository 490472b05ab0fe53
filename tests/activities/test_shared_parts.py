"""Plain texts share one layout and one style (issue 16: fewer widget models on each page)."""

from __future__ import annotations

import ipywidgets as widgets

from workshop_kit.activities.common import Messages, plain_html
from workshop_kit.activities.parts import button, close_tree, dropdown


def test_plain_texts_and_messages_share_one_layout_and_style() -> None:
    first, second, message = plain_html("<b>One</b>"), plain_html("Two"), Messages()
    assert first.layout is second.layout is message.layout
    assert first.style is second.style is message.style
    own = plain_html("Hidden later", layout=widgets.Layout())
    assert own.layout is not first.layout and own.style is first.style


def test_closing_a_text_keeps_the_shared_parts_for_the_others() -> None:
    box = widgets.VBox([plain_html("Gone"), Messages()])
    kept = plain_html("Still shown")
    close_tree(box)
    assert kept.layout.comm is not None and kept.style.comm is not None
    assert all(child.comm is None for child in box.children)


def test_a_closed_shared_part_is_made_anew() -> None:
    text = plain_html("x")
    text.layout.close()  # as when every widget of a kernel is closed
    assert plain_html("y").layout.comm is not None


def test_buttons_and_drop_downs_share_a_style_unless_given_their_own() -> None:
    a, b = button("wk-a", lambda: None, "A"), button("wk-b", lambda: None, "B")
    assert a.style is b.style and a.layout is not b.layout  # layouts are shown and hidden
    plain = dropdown("wk-c", "C", "200px", options=["x"])
    narrow = dropdown("wk-d", "D", "200px", options=["x"], style={"description_width": "90px"})
    assert narrow.style is not plain.style and narrow.style.description_width == "90px"
    assert plain.style is dropdown("wk-e", "E", "200px", options=["x"]).style


def test_a_shared_part_refuses_a_change_that_would_reach_every_text() -> None:
    """Hiding one text by its shared layout would hide them all: such code fails at once."""
    import pytest

    text = plain_html("Hidden by mistake")
    with pytest.raises(RuntimeError, match="shared Layout"):
        text.layout.display = "none"
    assert plain_html("Another").layout.display is None
