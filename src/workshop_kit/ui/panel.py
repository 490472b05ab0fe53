"""The base of every activity panel: it fills itself from the team's files, saves through the
store, and offers a way out of a refused save (reload, the two versions after a conflict) or a
damaged file (restore)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import ipywidgets as widgets

from workshop_kit.errors import ConflictError, DamagedFileError, WorkshopError
from workshop_kit.logic.conflicts import side_by_side
from workshop_kit.model import document_kinds
from workshop_kit.model.base import Document
from workshop_kit.session import Session
from workshop_kit.store import TeamWorkbook, Version, who_saved
from workshop_kit.ui.conflict_choices import ConflictChoices, parent_of, place_after, take_out
from workshop_kit.ui.guard import report_unexpected, run_guarded
from workshop_kit.ui.messages import Messages
from workshop_kit.ui.parts import on_click
from workshop_kit.validation import build

D = TypeVar("D", bound=Document)


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
        who = who_saved(author, "Someone")
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
        on_click(show_theirs, lambda: run_guarded(self.messages, self.rebuild, self))
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
            doc, saved = self.team.update(
                kind,
                change,
                base=base,
                author=self.session.author,
                facilitator=self.session.facilitator,
            )
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
            lambda: run_guarded(note, reload, self),
            lambda: run_guarded(note, keep_mine, self),
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

        button.on_click(lambda _b: run_guarded(self.messages, restore))
        self._recovery.children = [button]
