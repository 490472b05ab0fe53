"""Building blocks every activity panel shares (the widget parts are in :mod:`.parts`).

* :class:`Messages`: a plain-language message line placed next to the fields it speaks about.
* :func:`guarded`: wraps a button callback so that any error becomes a message, never a traceback.
* :class:`Panel`: rebuilds itself from the team's files, saves through the store, and handles
  stale saves and damaged files with a Reload / Restore button.
* :class:`DayPanel`, :class:`NotebookDay`: a day's panels and the calls its notebook makes.
* :func:`activity_header`, :func:`day_opening`: the printed worksheet text around each panel.
"""

from __future__ import annotations

import base64
import functools
import html
import logging
import re
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path
from typing import Any, Generic, Literal, Protocol, TypeVar

import ipywidgets as widgets
from IPython.display import HTML
from matplotlib.figure import Figure

from workshop_kit.activities.conflict_choices import (
    ConflictChoices,
    parent_of,
    place_after,
    take_out,
)
from workshop_kit.activities.output import show
from workshop_kit.charts import describe_figure, drawn, to_svg
from workshop_kit.config.common import Activity, DayPlan
from workshop_kit.errors import ConflictError, DamagedFileError, StaleSaveError, WorkshopError
from workshop_kit.logic.conflicts import side_by_side
from workshop_kit.model import document_kinds
from workshop_kit.model.base import Document
from workshop_kit.session import Session, current_session
from workshop_kit.store import TeamWorkbook, Version
from workshop_kit.validation import build

log = logging.getLogger("workshop_kit")
D = TypeVar("D", bound=Document)

UNEXPECTED = (
    "Something went wrong on our side, and your change may not have been saved. Your earlier "
    "saved work is safe. Please tell your facilitator; the details are in the workspace log."
)

_STYLE = {
    "ok": "color:#1b5e20;background:#e8f5e9;border-left:4px solid #2e7d32",
    "error": "color:#8a1c1c;background:#fdecea;border-left:4px solid #c62828",
    "info": "color:#0d3c61;background:#e8f1fb;border-left:4px solid #1565c0",
    "warning": "color:#5c3b00;background:#fff4d6;border-left:4px solid #b26a00",
}


def esc(text: object) -> str:
    """Escape anything a team typed before it goes into HTML."""
    return html.escape(str(text), quote=True)


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


class Messages(widgets.HTML):
    """A message line. Text is always escaped: what a team typed is shown, never run."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(value="", **kwargs)
        self.kind: str = ""
        self.text: str = ""

    def show(self, kind: Literal["ok", "error", "info", "warning"], text: str) -> None:
        self.kind, self.text = kind, text
        role = "status" if kind in ("ok", "info") else "alert"
        self.value = (
            f'<div class="wk-msg wk-{kind}" role="{role}" '
            f'style="{_STYLE[kind]};padding:4px 8px;margin:2px 0">{esc(text)}</div>'
        )

    def ok(self, text: str) -> None:
        self.show("ok", text)

    def error(self, text: str) -> None:
        self.show("error", text)

    def info(self, text: str) -> None:
        self.show("info", text)

    def warning(self, text: str) -> None:
        self.show("warning", text)

    def clear(self) -> None:
        self.kind, self.text, self.value = "", "", ""


class SecondSave:
    """Keeps implausible values (see :mod:`workshop_kit.logic.plausibility`) only when they are
    saved twice: the first Save shows the warning and saves nothing; the same values saved again
    go ahead. Changed values are checked afresh."""

    def __init__(self) -> None:
        self._warned: Hashable | None = None

    def holds_back(
        self, messages: Messages, warnings: Sequence[str], values: Hashable, button: str
    ) -> bool:
        """True when ``warnings`` about ``values`` are shown now (so the panel saves nothing);
        False when there is none, or when they were shown for these values before."""
        if not warnings or self._warned == values:
            self._warned = None
            return False
        self._warned = values
        messages.warning(
            f"Please check: {'; '.join(warnings)}. Nothing has been saved yet. If that is right, "
            f"press “{button}” again to save it as it is."
        )
        return True


def report_unexpected(messages: Messages, exc: BaseException) -> None:
    log.exception("unexpected error in an activity panel", exc_info=exc)
    _log_to_workspace(exc)
    messages.error(UNEXPECTED)


def _log_to_workspace(exc: BaseException) -> None:
    import traceback

    try:
        from workshop_kit import paths

        folder = paths.workspace_dir(None) / ".logs"
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / "errors.log").open("a", encoding="utf-8") as fh:
            fh.write("".join(traceback.format_exception(exc)) + "\n")
    except Exception:  # logging must never raise into a team's screen
        log.debug("could not write the workspace log", exc_info=True)


F = TypeVar("F", bound=Callable[..., Any])


def guarded(messages_of: Callable[..., Messages]) -> Callable[[F], F]:
    """Decorate a panel method so errors land in a message area instead of a traceback.

    ``messages_of(self)`` picks the message area; a :class:`WorkshopError` shows its own text and
    any other error shows a calm generic message (details go to the workspace log).
    """

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            messages = messages_of(self)
            owner = self if isinstance(self, Panel) else getattr(self, "panel", None)
            panel = owner if isinstance(owner, Panel) else None
            if panel is not None:
                panel.enter_handler()
            done = False
            try:
                result = fn(self, *args, **kwargs)
                done = True
                return result
            except StaleSaveError as exc:
                messages.error(exc.message)
                if panel is not None:  # a part of a panel offers its panel's way out
                    if isinstance(exc, ConflictError):
                        panel.offer_conflict_choices(exc, messages)
                    else:
                        panel.offer_reload()
            except WorkshopError as exc:
                messages.error(exc.message)
            except Exception as exc:
                report_unexpected(messages, exc)
            finally:
                if panel is not None:
                    panel.leave_handler(done)
            return None

        return wrapper  # type: ignore[return-value]

    return decorate


def notebook_call(fn: Callable[[], None]) -> Callable[[], None]:
    """For the functions a notebook cell calls: a problem (say, a facilitator's config that does
    not validate) is shown as a plain message in the cell's output instead of a traceback."""

    @functools.wraps(fn)
    def wrapper() -> None:
        try:
            fn()
        except WorkshopError as exc:
            show(HTML(problem_html(exc.message)))
        except Exception as exc:
            log.exception("unexpected error in a notebook call", exc_info=exc)
            _log_to_workspace(exc)
            show(HTML(problem_html(UNEXPECTED)))

    return wrapper


def problem_html(text: str) -> str:
    return (
        f'<div class="wk-msg wk-error" role="alert" style="{_STYLE["error"]};padding:8px">'
        f"<b>This activity cannot be shown.</b> {esc(text)}</div>"
    )


def on_click(button: widgets.Button, callback: Callable[[], Any]) -> None:
    button.on_click(lambda _b: callback())


#: widgets that show something rather than take what a person types or chooses
_SHOWN_ONLY = (widgets.HTML, widgets.HTMLMath, widgets.Label, widgets.Valid)


def input_values(root: widgets.Widget) -> list[tuple[str, object]]:
    """Every input below ``root`` with its value, in page order. Taken when a panel has just
    been filled and compared later, it tells whether the person typed or chose anything since."""
    found: list[tuple[str, object]] = []
    todo = [root]
    while todo:
        widget = todo.pop()
        if isinstance(widget, widgets.Box):
            todo.extend(reversed(widget.children))
        elif isinstance(widget, widgets.ValueWidget) and not isinstance(widget, _SHOWN_ONLY):
            found.append((widget.model_id, widget.value))
    return found


class Panel(widgets.VBox):
    """Base of every activity panel.

    Subclasses make their widgets in :meth:`build` and implement :meth:`refresh`, which fills them
    from the team's saved files. The panel calls it on creation, after a reload, after a restore
    and whenever the session switches team. Nothing is displayed from the constructor.
    """

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.add_class("wk-panel")
        self.add_class(self.css_class())
        self.session = session
        self.messages = Messages()
        #: says when a save took in changes saved on another device meanwhile
        self.merge_note = Messages()
        self._recovery = widgets.HBox()
        #: after a conflict: theirs and mine side by side with the two choices, shown under the
        #: message that reported it (in the box that holds it)
        self.conflict: ConflictChoices | None = None
        self._conflict_box: widgets.Box | None = None
        # per file: the version this panel's inputs were last filled from (see TeamWorkbook.update)
        self._bases: dict[str, Version] = {}
        self._rebuilding = False
        # the save a conflict refused (kind, change, what), for "Keep my version"
        self._refused: tuple[type[Any], Callable[[Any], Any], str] | None = None
        #: what :meth:`status` says; a panel sets it as it fills itself from the files
        self.status_line = ""
        # the inputs as last filled from the files or saved (None: not known); whether the
        # button's handler running now (nested _handlers deep) saved: see leave_handler
        self._settled: list[tuple[str, object]] | None = None
        self._saved_now = False
        self._handlers = 0
        self.session.attach(self)
        self.layout_children(*self.build())
        self.rebuild()

    #: the CSS class the page's style and the browser tests find this panel by, when it is not
    #: the one :meth:`css_class` makes of the class name
    css: str = ""

    @classmethod
    def css_class(cls) -> str:
        """The panel's CSS class: :attr:`css`, or else its class name without "Panel", in lower
        case with dashes (``SchoolYearPanel`` is ``wk-school-year``)."""
        words = re.findall(r"[A-Z][a-z0-9]*", cls.__name__.removesuffix("Panel"))
        return cls.css or "wk-" + "-".join(w.lower() for w in words)

    #: the kinds of team file this panel edits; reloaded when the team chooses "Reload"
    kinds: tuple[type[Document], ...] = ()

    def document_saved(self, kind: type[Document]) -> None:
        """Another panel saved ``kind``; panels that show it override :meth:`on_document_saved`."""
        try:
            self.on_document_saved(kind)
        except Exception as exc:
            report_unexpected(self.messages, exc)

    def on_document_saved(self, kind: type[Document]) -> None:
        """Update what this panel derives from ``kind`` (default: nothing)."""

    def saved_elsewhere(self, kind: type[Document], author: str) -> None:
        """Another device saved ``kind`` (the live view). A panel that only shows what it derives
        from it updates as after a save on this page; a panel editing it keeps what was typed
        here and says so, offering to show the other version now (a save here merges both)."""
        try:
            if kind in self.kinds:
                self.on_saved_elsewhere(kind, author)
            else:
                self.on_document_saved(kind)
        except Exception as exc:
            report_unexpected(self.messages, exc)

    def member_chosen(self) -> None:
        """Another member said "I am" on this device; panels that depend on who is at the
        device override :meth:`on_member_chosen`."""
        try:
            self.on_member_chosen()
        except Exception as exc:
            report_unexpected(self.messages, exc)

    def on_member_chosen(self) -> None:
        """Update what depends on who is at the device (default: nothing)."""

    def on_reloaded(self) -> None:
        """After "Reload saved version" (a conflict): show the saved version where a refresh
        keeps what was typed, as an item form does (default: nothing more)."""

    def file_saved_elsewhere(self, name: str) -> None:
        """Another device wrote the team's plain file ``name`` (the evidence table); a panel
        showing it overrides :meth:`on_file_saved_elsewhere`."""
        try:
            self.on_file_saved_elsewhere(name)
        except Exception as exc:
            report_unexpected(self.messages, exc)

    def on_file_saved_elsewhere(self, name: str) -> None:
        """Show another device's version of the plain file ``name`` (default: nothing)."""

    def on_merged_save(self, kind: type[Document]) -> None:
        """This panel's save took in changes saved elsewhere: show the merged version (default:
        fill the panel again from the files)."""
        self.rebuild()

    def nothing_typed(self) -> bool:
        """Whether every input still holds what the panel filled it with (or saved)."""
        return self._settled is not None and input_values(self) == self._settled

    def enter_handler(self) -> None:
        """A button's handler (or a part's, or one it calls) starts."""
        if self._handlers == 0:
            self._saved_now = False
        self._handlers += 1

    def leave_handler(self, done: bool) -> None:
        """The handler ends; when the outermost one is ``done`` after a save, what the inputs
        hold now is saved, so it counts as nothing typed (a form emptied after its save too)."""
        self._handlers -= 1
        if self._handlers == 0:
            if done and self._saved_now:
                self._settled = input_values(self)
            self._saved_now = False

    def on_saved_elsewhere(self, kind: type[Document], author: str) -> None:
        """Nothing typed here: show the other device's version at once. Something typed: keep
        it and say so, offering their version (a save here merges both)."""
        who = author or "Someone"
        if self.nothing_typed():
            self.rebuild()
            if self.messages.kind != "error":
                self.merge_note.info(
                    f"{who} saved changes to {kind.TITLE} on another device; they are shown here."
                )
            return
        self.merge_note.info(
            f"{who} saved changes to {kind.TITLE} on another device. What you typed here is "
            "kept, and saving it keeps their changes too."
        )
        show_theirs = widgets.Button(description="Show their changes now", icon="refresh")
        show_theirs.add_class("wk-show-theirs")
        on_click(show_theirs, lambda: _safely(self.messages, self.rebuild, self))
        self._recovery.children = [show_theirs]

    def __repr__(self) -> str:
        """The panel's text/plain output: stable and readable, so strict nbval checks real state."""
        status = self.status()
        suffix = f": {status}" if status else ""
        team = self.session.chosen.slug if self.session.chosen else ""
        return f"<{type(self).__name__} for team ‘{team}’{suffix}>"

    def status(self) -> str:
        """One line saying what the panel shows (counts, results): :attr:`status_line`."""
        return self.status_line

    @property
    def team(self) -> TeamWorkbook:
        return self.session.team

    def layout_children(self, *children: widgets.Widget) -> None:
        self.children = [*children, self.messages, self.merge_note, self._recovery]

    def build(self) -> Sequence[widgets.Widget]:
        """Make the panel's widgets and give them in the order they are shown (above its message
        line). Called once, by the constructor, before the panel first fills itself."""
        raise NotImplementedError

    def refresh(self) -> None:
        raise NotImplementedError

    def rebuild(self) -> None:
        """Fill the panel from the files; a damaged file becomes a message with a way out."""
        self._recovery.children = []
        self.close_conflict()
        self.messages.clear()
        self.merge_note.clear()
        self._bases = {}
        self._rebuilding = True
        self._settled = None
        try:
            self.refresh()
            self._settled = input_values(self)
        except DamagedFileError as exc:
            self.messages.error(exc.message)
            self.offer_restore(exc)
        except WorkshopError as exc:
            self.messages.error(exc.message)
        except Exception as exc:
            report_unexpected(self.messages, exc)
        finally:
            self._rebuilding = False

    def load(self, kind: type[D]) -> D:
        """The saved document. While the panel fills its inputs (:meth:`rebuild`), the version
        read becomes the base its next save of that file is checked against; later reads (for
        figures, labels, checks) do not move it, so an outdated form cannot look fresh."""
        doc, version = self.team.read(kind)
        if self._rebuilding:
            self._bases.setdefault(kind.FILE_NAME, version)
        return doc

    def update(self, kind: type[D], change: Callable[[D], D], what: str) -> D:
        """Apply ``change`` to the saved document, save it, and tell the other panels.

        Edits saved on other devices since this panel was filled are merged in (the store lays
        this change over them); the panel then shows the merged version. A change to the same
        item as another device is a :class:`ConflictError`: nothing is saved, what was typed
        stays, and :meth:`offer_conflict_choices` lets the member keep theirs or ours."""
        base = self._bases.get(kind.FILE_NAME)
        try:
            doc, saved = self.team.update(kind, change, base=base, author=self.session.member)
        except ConflictError:
            self._refused = (kind, change, what)
            raise
        self._refused = None
        self._saved_now = True
        merged = base is not None and base.revision >= 0 and saved.revision != base.revision + 1
        self._bases[kind.FILE_NAME] = saved
        if merged:  # others' edits came in with this save: show them too
            self.on_merged_save(kind)
        self.messages.ok(f"Saved {what}.")
        if merged:
            self.merge_note.info(
                f"Changes to {kind.TITLE} saved on another device meanwhile were kept too; "
                "they are shown here now."
            )
        else:
            self.merge_note.clear()
        self.session.notify_saved(kind, self)
        return doc

    def update_fields(self, kind: type[D], what: str, **fields: Any) -> D:
        """Save new values for some fields, keeping every other field as saved."""
        return self.update(
            kind, lambda current: build(kind, {**current.model_dump(), **fields}), what
        )

    def offer_conflict_choices(self, conflict: ConflictError, near: Messages | None = None) -> None:
        """After a conflict: both versions side by side, where they differ, and the two ways
        out (reload the version saved elsewhere, or save this one over it), shown right under
        ``near``, the message that reported the conflict (default: the panel's own)."""
        refused = self._refused
        if refused is None or not isinstance(conflict.current, Version):
            self.offer_reload()
            return
        kind, change, what = refused
        current = conflict.current
        note = near if near is not None else self.messages
        rows = side_by_side(*conflict.versions) if conflict.versions else ()

        def reload() -> None:
            for each in self.kinds:
                self.team.reload(each)
            self.rebuild()
            self.on_reloaded()
            if self.messages.kind != "error":
                note.info("Reloaded the saved version. Make your change again, then save.")
                if note is not self.messages:
                    self.messages.clear()

        def keep_mine() -> None:
            self._bases[kind.FILE_NAME] = current
            self.update(kind, change, what)
            self.close_conflict()
            note.ok(f"Kept your version: saved {what} over the other one.")
            if note is not self.messages:
                self.messages.clear()

        self.close_conflict()
        self.merge_note.clear()  # the refusal says what happened
        self.conflict = ConflictChoices(
            rows,
            lambda: _safely(note, reload, self),
            lambda: _safely(note, keep_mine, self),
        )
        box = parent_of(self, note) or self._recovery
        if box is self._recovery:
            self._recovery.children = [self.conflict]
        else:
            place_after(box, note, self.conflict)
        self._conflict_box = box

    def close_conflict(self) -> None:
        """Take the choices after a conflict away (chosen, or the panel filled again)."""
        if self.conflict is not None and self._conflict_box is not None:
            take_out(self._conflict_box, self.conflict)
            self.conflict.close()
        self.conflict, self._conflict_box = None, None

    def offer_reload(self, *more: widgets.Button) -> None:
        """After a refused save: reload the saved version (and the ``more`` ways out). The
        refusal says what happened, so an earlier note about saves elsewhere goes."""
        button = widgets.Button(description="Reload saved version", icon="refresh")
        button.add_class("wk-reload")

        def reload() -> None:
            for kind in self.kinds:
                self.team.reload(kind)
            self.rebuild()
            if self.messages.kind != "error":
                self.messages.info("Reloaded the saved version. Make your change again, then save.")

        on_click(button, reload)
        self.merge_note.clear()
        self._recovery.children = [button, *more]

    def offer_restore(self, exc: DamagedFileError) -> None:
        if exc.last_good_revision is None:
            return
        number = exc.last_good_revision
        button = widgets.Button(
            description=f"Restore revision {number}", icon="undo", button_style="warning"
        )
        button.add_class("wk-restore")
        path = exc.path

        def restore() -> None:
            kind = next(k for k in document_kinds() if str(self.team.path_of(k)) == path)
            self.team.restore(kind, number)
            self.rebuild()
            if self.messages.kind != "error":
                self.messages.ok(
                    f"Restored revision {number}. The damaged file was kept beside it as "
                    "‘.damaged’ so nothing typed by hand is lost."
                )

        button.on_click(lambda _b: _safely(self.messages, restore))
        self._recovery.children = [button]


C = TypeVar("C", bound=DayPlan)


class DayPanel(Panel, Generic[C]):
    """A panel of one day: it reads that day's facilitator config once, when it is built.

    A day's base class names its config loader, for example
    ``class Day1Panel(DayPanel[Day1Config]): load_config = staticmethod(load_day1)``."""

    load_config: Callable[[Path], C]

    def __init__(self, session: Session, **kwargs: Any) -> None:
        self.config: C = type(self).load_config(session.workspace.root)  # build() uses it
        super().__init__(session, **kwargs)


class NotebookDay(Generic[C]):
    """The calls a day's notebook makes (``day3.meetings()``): each resolves this kernel's
    session, the one place that does, and hands it to the panel it builds, so the route from a
    cell to the team's files is passed as parameters from there on. ``kinds`` are the team files
    the day edits, offered by ``versions()``."""

    def __init__(self, load_config: Callable[[Path], C], kinds: tuple[type[Document], ...]) -> None:
        self.load_config = load_config
        self.kinds = kinds

    def config(self, session: Session) -> C:
        return self.load_config(session.workspace.root)

    def activity(
        self,
        activity_id: str,
        make_panel: Callable[[Session], widgets.Widget],
        needs_team: bool = True,
    ) -> Callable[[], None]:
        """A notebook call that prints an activity's worksheet text around its panel (built once
        the page has a team, when it ``needs_team``)."""

        @notebook_call
        def call() -> None:
            session = current_session()
            session.watch()
            plan = self.config(session)
            panel = (
                ClosedActivity(session, plan.activity(activity_id), make_panel)
                if needs_team
                else make_panel(session)
            )
            show_activity(plan, activity_id, panel)

        call.__name__ = call.__qualname__ = activity_id
        call.__doc__ = f"Show the ‘{activity_id}’ activity with its panel."
        return call

    def opening(self) -> None:
        """What the team will do, learn and need today, with the time plan."""
        notebook_call(lambda: show_opening(self.config(current_session())))()

    def workbook(self) -> None:
        """Choose or create the team's workbook."""
        from workshop_kit.activities.team_picker import TeamPicker

        self.activity("workbook", TeamPicker, needs_team=False)()

    def versions(self) -> None:
        """Offer earlier versions of the day's files (no time box: used only when needed)."""
        from workshop_kit.activities.versions import VersionsPanel

        notebook_call(
            lambda: show(
                when_team_chosen(
                    current_session(), lambda session: VersionsPanel(self.kinds, session)
                )
            )
        )()


class ClosedActivity(widgets.VBox):
    """An activity's place on the page until a person opens it, so a page draws only the panels
    that are used: a day page opens in the time of its headings, and each panel is built from
    the team's files when its button is pressed (a Day 3 page held about 700 widgets)."""

    def __init__(
        self,
        session: Session,
        activity: Activity,
        make_panel: Callable[[Session], widgets.Widget],
    ) -> None:
        super().__init__()
        self.add_class("wk-closed-activity")
        self.session = session
        self.activity = activity
        self.make_panel = make_panel
        self.panel: widgets.Widget | None = None
        self.messages: Messages | None = None  # made only for a problem: fewer widgets to draw
        self.button = widgets.Button(
            description="Open this activity",
            icon="folder-open",
            button_style="primary",
            tooltip=f"Open this activity: {activity.title}",
            layout={"width": "auto"},
        )
        self.button.add_class("wk-open-activity")
        self.button.add_class(f"wk-open-{activity.id}")
        on_click(self.button, self.open_panel)
        self.children = [self.button]

    def open_panel(self) -> None:
        """Build the panel in the button's place (the button says so while it is built)."""
        if self.panel is not None:
            return
        self.button.disabled = True
        self.button.description = "Opening…"
        try:
            self.panel = when_team_chosen(self.session, self.make_panel)
        except Exception as exc:
            self.messages = self.messages or Messages()
            if isinstance(exc, WorkshopError):
                self.messages.error(exc.message)
            else:
                report_unexpected(self.messages, exc)
            self.button.disabled = False
            self.button.description = "Open this activity"
            self.children = [self.button, self.messages]
            return
        self.children = [self.panel]

    def __repr__(self) -> str:
        """The text/plain output strict nbval compares: what is shown, stable across runs."""
        if self.panel is not None:
            return repr(self.panel)
        return f"<activity ‘{self.activity.id}’: opens when asked>"


class WaitingForTeam(widgets.VBox):
    """Where a panel will be, on an app page opened without a team: it says to choose one, and
    builds the panel as soon as the person has (the session tells it, as it tells panels)."""

    kinds: tuple[type[Document], ...] = ()

    def __init__(self, session: Session, make_panel: Callable[[Session], widgets.Widget]) -> None:
        super().__init__()
        self.add_class("wk-waiting-for-team")
        self.session = session
        self.make_panel = make_panel
        self.built: widgets.Widget | None = None
        self.children = [
            widgets.HTML(
                '<p class="wk-choose-team-first">This activity opens once you have chosen your '
                "team's workbook at the top of the page.</p>"
            )
        ]
        session.attach(self)

    def rebuild(self) -> None:
        if self.built is None and self.session.chosen is not None:
            self.built = self.make_panel(self.session)
            self.children = [self.built]

    def document_saved(self, kind: type[Document]) -> None:
        """The panel, once built, hears of saves itself."""

    def saved_elsewhere(self, kind: type[Document], author: str) -> None:
        """The panel, once built, hears of saves itself."""

    def member_chosen(self) -> None:
        """The panel, once built, hears of it itself."""

    def file_saved_elsewhere(self, name: str) -> None:
        """The panel, once built, hears of saves itself."""


def when_team_chosen(
    session: Session, make_panel: Callable[[Session], widgets.Widget]
) -> widgets.Widget:
    """The panel, or (no team chosen on this page yet) a place that builds it once one is."""
    if session.chosen is not None:
        return make_panel(session)
    return WaitingForTeam(session, make_panel)


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
        from workshop_kit.exports.printable import printable_page

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


def _safely(messages: Messages, fn: Callable[[], Any], panel: Panel | None = None) -> None:
    if panel is not None:
        panel.enter_handler()
    done = False
    try:
        fn()
        done = True
    except ConflictError as exc:
        messages.error(exc.message)
        if panel is not None:
            panel.offer_conflict_choices(exc, messages)
    except WorkshopError as exc:
        messages.error(exc.message)
    except Exception as exc:
        report_unexpected(messages, exc)
    finally:
        if panel is not None:
            panel.leave_handler(done)


# -- worksheet text ---------------------------------------------------------------------------


def _list(items: Sequence[str]) -> str:
    return "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>"


def day_opening_html(plan: DayPlan) -> str:
    rows = "".join(
        f"<tr><td>{n}</td><td>{esc(a.title)}</td>"
        f"<td style='text-align:right'>{a.minutes} min</td></tr>"
        for n, a in enumerate(plan.activities, start=1)
    )
    hours, minutes = divmod(plan.total_minutes, 60)
    return (
        # no title here: the notebook's own heading above names the day (it was shown twice)
        '<div class="wk-opening">'
        f"<h2>What you will do</h2>{_list(plan.you_will_do)}"
        f"<h2>What you will learn</h2>{_list(plan.you_will_learn)}"
        f"<h2>What you will need</h2>{_list(plan.you_will_need)}"
        f"<h2>Time plan</h2><table class='wk-timeplan'><tr><th>#</th><th>Activity</th>"
        f"<th>Time box</th></tr>{rows}<tr><td></td><td><b>Total</b></td>"
        f"<td style='text-align:right'><b>{hours} h {minutes:02d} min</b></td></tr></table></div>"
    )


def activity_header_html(activity: Activity, number: int) -> str:
    def detail(label: str, text: str, css: str) -> str:
        if not text:
            return ""
        if text.startswith(label):  # the config's text may begin with the label itself
            text = text[len(label) :].lstrip()
        return f'<p class="{css}"><b>{label}</b> {esc(text)}</p>'

    return (
        f'<div class="wk-activity" id="activity-{esc(activity.id)}">'
        f"<h3>{number}. {esc(activity.title)} "
        f'<span class="wk-timebox" style="font-weight:normal;font-size:0.8em">'
        f"⏱ {activity.minutes} min</span></h3>"
        f"<p>{esc(activity.prompt)}</p>"
        + detail("Facilitator note:", activity.facilitator_note, "wk-facilitator")
        + detail("Working alone?", activity.self_paced, "wk-self-paced")
        + "</div>"
    )


def debrief_html(activity: Activity) -> str:
    if not activity.debrief:
        return ""
    return f'<p class="wk-debrief"><b>Debrief:</b> <i>{esc(activity.debrief)}</i></p>'


def show_opening(plan: DayPlan) -> None:
    show(HTML(day_opening_html(plan)))


def show_activity(plan: DayPlan, activity_id: str, panel: widgets.Widget | None) -> None:
    """Print the activity's header, its panel, and its debrief question, in that order."""
    activity = plan.activity(activity_id)
    number = [a.id for a in plan.activities].index(activity_id) + 1
    show(HTML(activity_header_html(activity, number)))
    if panel is not None:
        show(panel)
    if activity.debrief:
        show(HTML(debrief_html(activity)))
