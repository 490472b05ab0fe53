"""Shared fixtures. Every test runs against its own fresh workspace with a copy of the demo team,
and nothing is written into the user's home (Jupyter and matplotlib folders point at a temp dir)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

_ISOLATED = tempfile.mkdtemp(prefix="workshop-kit-tests-")


def pytest_configure(config: pytest.Config) -> None:
    # Set before any kernel starts so nbval kernels inherit it: a fresh demo workspace per run.
    for var, sub in [
        ("JUPYTER_CONFIG_DIR", "jupyter-config"),
        ("JUPYTER_DATA_DIR", "jupyter-data"),
        ("JUPYTERLAB_SETTINGS_DIR", "lab-settings"),
        ("JUPYTERLAB_WORKSPACES_DIR", "lab-workspaces"),
        ("MPLCONFIGDIR", "mpl"),
        ("IPYTHONDIR", "ipython"),
        ("WORKSHOP_KIT_WORKSPACE", "workspace"),
    ]:
        os.environ[var] = str(Path(_ISOLATED) / sub)
    os.environ["MPLBACKEND"] = "Agg"
    os.environ.pop("WORKSHOP_KIT_TEAM", None)


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
