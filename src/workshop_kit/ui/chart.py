"""A chart on a panel, drawn as SVG with a text alternative."""

from __future__ import annotations

import base64
from collections.abc import Callable, Hashable
from typing import Any

import ipywidgets as widgets
from matplotlib.figure import Figure

from workshop_kit.charts import describe_figure, drawn, to_svg
from workshop_kit.ui.html import esc


class Chart(widgets.HTML):
    """A chart on the page, drawn as SVG (fast to draw, sharp when projected), as an ``<img>``
    with a text alternative: ipywidgets' Image has no alt text."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.add_class("wk-chart-box")
        self.svg = b""
        self.alt = ""

    def show(self, fig: Figure, alt: str = "") -> None:
        """Draw ``fig``; ``alt`` (by default the figure's titles and axes) says it in words."""
        self.show_svg(to_svg(fig), alt or describe_figure(fig))

    def show_drawn(self, key: Hashable, draw: Callable[[], Figure]) -> None:
        """Show the chart ``draw()`` makes, drawn once per ``key`` (everything the chart shows):
        a team flipping a filter back and forth waits for matplotlib only the first time."""
        self.show_svg(*drawn(key, draw))

    def show_svg(self, svg: bytes, alt: str) -> None:
        self.svg, self.alt = svg, alt
        data = base64.b64encode(svg).decode("ascii")
        self.value = (
            f'<img class="wk-chart" src="data:image/svg+xml;base64,{data}" alt="{esc(alt)}" '
            'style="width:100%;max-width:1200px;height:auto">'
        )
