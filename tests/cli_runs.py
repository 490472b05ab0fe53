"""The ``workshop-kit`` command run in this process, as the console script calls it, for the
tests of its subcommands (one run of the installed script itself is in test_cli.py)."""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

from workshop_kit.cli import main


@dataclass
class Ran:
    """What a run of the command printed and how it exited (as ``subprocess.run`` reports)."""

    returncode: int
    stdout: str
    stderr: str


class ClosedPipe(io.StringIO):
    """Standard output whose reader has gone (``| head -1`` after its line): every write fails."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def run(workspace: Path, *args: str, reader_gone: bool = False) -> Ran:
    """``workshop-kit --workspace WORKSPACE ARGS`` through ``main`` (argparse's own refusals exit
    through ``SystemExit``). In-process, so each test does not start a Python. An exception
    escaping ``main`` fails the test with its traceback, which is what a person would have seen.
    ``reader_gone``: standard output is a pipe nobody reads any more."""
    out, err = (ClosedPipe() if reader_gone else io.StringIO()), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["--workspace", str(workspace), *args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    return Ran(code, out.getvalue(), err.getvalue())
