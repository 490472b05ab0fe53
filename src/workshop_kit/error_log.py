"""The workspace's error log: every error the kit logs with its traceback (on the
``workshop_kit`` logger) is written to ``<workspace>/.logs/errors.log``, for the facilitator.

The views only log (:func:`workshop_kit.ui.guard.report_unexpected`); the start-up code of a
page or notebook calls :func:`log_errors_to_workspace` once, which adds :class:`WorkspaceErrorLog`.
"""

from __future__ import annotations

import logging
import traceback

from workshop_kit import paths

LOG = logging.getLogger("workshop_kit")


class WorkspaceErrorLog(logging.Handler):
    """Appends the traceback of each error record to the workspace's ``.logs/errors.log``. The
    workspace is the one in force when the error happens (``paths.workspace_dir``)."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info is None or record.exc_info[1] is None:
            return
        try:
            folder = paths.workspace_dir(None) / ".logs"
            folder.mkdir(parents=True, exist_ok=True)
            with (folder / "errors.log").open("a", encoding="utf-8") as fh:
                fh.write("".join(traceback.format_exception(record.exc_info[1])) + "\n")
        except Exception:  # the log must never raise into a team's screen, nor print there
            pass


def log_errors_to_workspace(terminal: bool = False) -> None:
    """Write the kit's errors into the workspace log from now on (once, however often called).
    With ``terminal`` (a server's start-up), its warnings and errors are printed to standard
    error too, as Python prints them while the kit's logger has no handler."""
    if not any(isinstance(h, WorkspaceErrorLog) for h in LOG.handlers):
        LOG.addHandler(WorkspaceErrorLog())
    if terminal and not any(type(h) is logging.StreamHandler for h in LOG.handlers):
        terminal_handler = logging.StreamHandler()  # sys.stderr, as Python's last resort
        terminal_handler.setLevel(logging.WARNING)
        LOG.addHandler(terminal_handler)
