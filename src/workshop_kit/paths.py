"""Where things live: the one place that resolves the data folder and the workspace.

Notebooks, the CLI, the app mode and the tests all go through these functions, so no hand-typed
relative path appears anywhere else.
"""

from __future__ import annotations

import os
from pathlib import Path

WORKSPACE_ENV = "WORKSHOP_KIT_WORKSPACE"


def project_root() -> Path:
    """The checkout this package was installed from (editable install, ``src/`` layout)."""
    return Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    """Built-in configuration and demo data, never written to by the kit."""
    return project_root() / "data"


def notebooks_dir() -> Path:
    return project_root() / "notebooks"


def demo_team_dir() -> Path:
    return data_dir() / "demo" / "team"


def workspace_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The folder holding one sub-folder per team.

    Precedence: an explicit ``--workspace`` value, then ``$WORKSHOP_KIT_WORKSPACE``, then
    ``workspace/`` at the project root.
    """
    if override:
        return Path(override).expanduser().resolve()
    from_env = os.environ.get(WORKSPACE_ENV)
    if from_env:
        return Path(from_env).expanduser().resolve()
    return project_root() / "workspace"
