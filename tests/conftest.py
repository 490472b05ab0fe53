"""Shared fixtures: every test runs against its own fresh workspace with a copy of the demo team.
The isolation of the whole run (workspace, Jupyter and matplotlib folders) is in ../conftest.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[object]:
    """A fresh workspace holding only the demo team."""
    from workshop_kit.store import Workspace

    ws = Workspace(tmp_path / "workspace")
    ws.ensure_demo()
    yield ws


@pytest.fixture
def session(workspace: object) -> Iterator[object]:
    """This kernel's session, on the demo team of a fresh workspace."""
    from workshop_kit.session import Session, reset_session
    from workshop_kit.store import Workspace

    assert isinstance(workspace, Workspace)
    s = Session(workspace, workspace.ensure_demo())
    reset_session(s)
    yield s
    reset_session(None)
