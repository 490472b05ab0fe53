"""Where things live: the one place that resolves the data folder and the workspace.

Notebooks, the CLI, the app mode and the tests all go through these functions, so no hand-typed
relative path appears anywhere else.
"""

from __future__ import annotations

import os
import sys
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


def with_jupyter_path(env: dict[str, str], *folders: str | os.PathLike[str]) -> dict[str, str]:
    """``env`` with ``folders`` first on ``JUPYTER_PATH`` (each once), ahead of the user's own.

    Jupyter looks for kernels in ``JUPYTER_PATH`` before the user's folder, so putting the kit's
    environment first means a notebook's ``python3`` kernel is the one with workshop-kit in it,
    even when the user has a ``python3`` kernel of their own pointing at another Python.
    """
    wanted = [str(f) for f in folders]
    existing = [p for p in env.get("JUPYTER_PATH", "").split(os.pathsep) if p and p not in wanted]
    return {**env, "JUPYTER_PATH": os.pathsep.join([*wanted, *existing])}


def kit_jupyter_data() -> Path:
    """The Jupyter data folder of the environment workshop-kit runs in (its python3 kernel)."""
    return Path(sys.prefix) / "share" / "jupyter"
