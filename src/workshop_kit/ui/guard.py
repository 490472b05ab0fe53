"""The one rule that turns an error into a plain message next to a panel, never a traceback.

* :func:`guarded` (a decorator for a button's handler) and :func:`run_guarded` (for a callable):
  a :class:`WorkshopError` shows its own text; a refused save also offers the panel's way out
  (reload, or the two versions after a conflict); anything else is :func:`report_unexpected`.
* :func:`report_unexpected`: a calm message (:data:`UNEXPECTED`); the details go to the
  ``workshop_kit`` logger, whose handlers the page or notebook start-up sets
  (:mod:`workshop_kit.error_log` writes them into the workspace log).
* :func:`notebook_call`: the same for a function a notebook cell calls, shown in the cell.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, Protocol, TypeVar, runtime_checkable

from IPython.display import HTML

from workshop_kit.errors import ConflictError, StaleSaveError, WorkshopError
from workshop_kit.ui.messages import Messages, problem_html
from workshop_kit.ui.output import show

log = logging.getLogger("workshop_kit")

UNEXPECTED = (
    "Something went wrong on our side, and your change may not have been saved. Your earlier "
    "saved work is safe. Please tell your facilitator; the details are in the workspace log."
)

F = TypeVar("F", bound=Callable[..., Any])
R = TypeVar("R")


@runtime_checkable
class HandlingPanel(Protocol):
    """What the rule asks of the panel a handler belongs to (:class:`~.panel.Panel`)."""

    def enter_handler(self) -> None: ...

    def leave_handler(self, done: bool) -> None: ...

    def offer_conflict_choices(
        self, conflict: ConflictError, near: Messages | None = None
    ) -> None: ...

    def offer_reload(self) -> None: ...


def report_unexpected(messages: Messages, exc: BaseException) -> None:
    """An error nobody planned for: logged with its traceback, and a calm message shown."""
    log.exception("unexpected error in an activity panel", exc_info=exc)
    messages.error(UNEXPECTED)


def run_guarded(
    messages: Messages, fn: Callable[[], R], panel: HandlingPanel | None = None
) -> R | None:
    """``fn()``, with any error shown in ``messages`` (its result; None after an error). With
    the ``panel`` the handler belongs to, a refused save offers the panel's way out, and the
    panel knows when a handler runs (see ``Panel.leave_handler``)."""
    if panel is not None:
        panel.enter_handler()
    done = False
    try:
        result = fn()
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


def guarded(messages_of: Callable[..., Messages]) -> Callable[[F], F]:
    """Decorate a panel method (or a method of a part with a ``panel``) so errors land in a
    message area instead of a traceback, by the rule of :func:`run_guarded`.

    ``messages_of(self)`` picks the message area.
    """

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            owner = self if isinstance(self, HandlingPanel) else getattr(self, "panel", None)
            panel = owner if isinstance(owner, HandlingPanel) else None
            return run_guarded(messages_of(self), lambda: fn(self, *args, **kwargs), panel)

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
            show(HTML(problem_html(UNEXPECTED)))

    return wrapper
