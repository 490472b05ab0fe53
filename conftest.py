"""Isolation for every pytest run, including `pytest notebooks/X.ipynb` on its own: nbval kernels,
Jupyter and matplotlib use folders in a temporary directory and a fresh demo workspace, so a test
run never reads or changes the user's own workspace or home folder."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# Hypothesis: the suite's size by default; HYPOTHESIS_PROFILE=thorough draws ten times as many
# examples (a long run before a release, or after changing a generator or a rule it checks).
settings.register_profile("suite", max_examples=100)
settings.register_profile("thorough", max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))

_ISOLATED = tempfile.mkdtemp(prefix="workshop-kit-tests-")
# removed at exit, after the in-process IPython shell (registered later, so it runs earlier) closes
# its history database there
atexit.register(shutil.rmtree, _ISOLATED, ignore_errors=True)


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


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark what is slow and group what must share a worker: tests/suite_plan.py says how."""
    from suite_plan import plan

    plan(config, items)
