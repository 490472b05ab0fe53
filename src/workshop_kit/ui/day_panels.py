"""The panels of one day: :class:`DayPanel` reads the day's facilitator config, and
:class:`DaySummaryPanel` shows and saves what the team decided that day."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

import ipywidgets as widgets

from workshop_kit.config.common import DayPlan
from workshop_kit.exports.printable import printable_page
from workshop_kit.model.base import Document
from workshop_kit.session import Session
from workshop_kit.ui.guard import guarded
from workshop_kit.ui.panel import Panel
from workshop_kit.ui.parts import on_click

C = TypeVar("C", bound=DayPlan)


class DayPanel(Panel, Generic[C]):
    """A panel of one day: it reads that day's facilitator config once, when it is built.

    A day's base class names its config loader, for example
    ``class Day1Panel(DayPanel[Day1Config]): load_config = staticmethod(load_day1)``."""

    load_config: Callable[[Path], C]

    def __init__(self, session: Session, **kwargs: Any) -> None:
        self.config: C = type(self).load_config(session.workspace.root)  # build() uses it
        super().__init__(session, **kwargs)


class DaySummary(Protocol):
    """What every day's summary has: the points still open (empty when the day is complete)."""

    @property
    def open_points(self) -> Sequence[str]: ...


class DaySummaryPanel(Panel):
    """A day's summary: what the team decided, kept up to date as other panels save, saved as
    Markdown on request. A day gives :meth:`summary` and the two ways to render it."""

    day: int = 0
    summary_file: str = ""

    @classmethod
    def css_class(cls) -> str:
        return f"wk-day{cls.day}-summary"

    def build(self) -> list[widgets.Widget]:
        self.view = widgets.HTML()
        self.save_button = widgets.Button(
            description=f"Save the Day {self.day} summary",
            icon="save",
            button_style="primary",
            layout={"width": "260px"},
        )
        self.save_button.add_class("wk-save-summary")
        on_click(self.save_button, self.save_summary)
        return [self.view, self.save_button]

    def summary(self) -> DaySummary:
        raise NotImplementedError

    def summary_html(self, summary: Any) -> str:
        raise NotImplementedError

    def summary_markdown(self, summary: Any) -> str:
        raise NotImplementedError

    def status(self) -> str:
        points = self.summary().open_points
        return f"Day {self.day} complete" if not points else f"{len(points)} things still to do"

    def refresh(self) -> None:
        self.view.value = self.summary_html(self.summary())

    def on_document_saved(self, kind: type[Document]) -> None:
        self.rebuild()

    def on_saved_elsewhere(self, kind: type[Document], author: str) -> None:
        """A summary has nothing typed to keep: it shows the new version at once."""
        self.rebuild()

    @guarded(lambda self: self.messages)
    def save_summary(self) -> None:
        """Save it twice: Markdown to keep and compare, and a page to print or hand out."""
        summary = self.summary()
        text = self.team.write_export(self.summary_file, self.summary_markdown(summary))
        title = f"Day {self.day} summary: {self.team.display_name}"
        page = self.team.write_export(
            Path(self.summary_file).with_suffix(".html").name,
            printable_page(title, self.summary_html(summary)),
        )
        self.messages.ok(
            f"Saved the summary as {text.name} and as a page to print, {page.name}, in the "
            "team's exports folder."
        )
