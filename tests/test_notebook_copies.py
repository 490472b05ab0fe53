"""Issue 32: a team's Run All in JupyterLab wrote into the repository's notebooks (the files
strict nbval compares), and opening Day 1 changed a tracked notebook's kernel name. JupyterLab
now opens the team's own copies in the workspace, and a copy the team changed is never
written over."""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import pytest

from workshop_kit import paths
from workshop_kit.cli import lab_command
from workshop_kit.errors import UnsafeTeamNameError
from workshop_kit.notebook_copies import COPIES_DIR, MANIFEST, working_copies
from workshop_kit.store import Workspace

KERNEL = "Python 3 (ipykernel)"
DAY1 = "01_day1_worthy_goal.ipynb"


@pytest.fixture
def kit_notebooks(tmp_path: Path) -> Path:
    """A copy of the kit's notebooks standing in for a kit to be updated."""
    folder = tmp_path / "kit"
    shutil.copytree(paths.notebooks_dir(), folder)
    return folder


def kernel_name(notebook: Path) -> str:
    return str(json.loads(notebook.read_text("utf-8"))["metadata"]["kernelspec"]["display_name"])


def test_the_first_start_copies_every_notebook_naming_the_installed_kernel(
    tmp_path: Path,
) -> None:
    before = {p.name: p.read_bytes() for p in paths.notebooks_dir().glob("*.ipynb")}
    report = working_copies(tmp_path / "ws", kernel_name=KERNEL)
    assert report.folder == tmp_path / "ws" / COPIES_DIR
    assert sorted(report.copied) == sorted(before) and DAY1 in before
    for name, data in before.items():
        copy = report.folder / name
        assert kernel_name(copy) == KERNEL
        original = json.loads(data)
        assert json.loads(copy.read_text("utf-8"))["cells"] == original["cells"]
    after = {p.name: p.read_bytes() for p in paths.notebooks_dir().glob("*.ipynb")}
    assert after == before, "the kit's own notebooks are untouched"


def test_an_unchanged_copy_follows_the_kit_and_a_changed_one_is_kept(
    tmp_path: Path, kit_notebooks: Path
) -> None:
    ws = tmp_path / "ws"
    first = working_copies(ws, kit_notebooks, KERNEL)
    assert working_copies(ws, kit_notebooks, KERNEL) == type(first)(first.folder)  # nothing to do

    # the team runs Day 1 (its copy changes); the kit then brings new versions of Day 1 and 2
    team_day1 = first.folder / DAY1
    team_day1.write_text(team_day1.read_text("utf-8").replace("Day 1", "Our day 1"), "utf-8")
    teams_text = team_day1.read_bytes()
    for name in (DAY1, "02_day2_resource_map.ipynb"):
        path = kit_notebooks / name
        path.write_text(path.read_text("utf-8").replace("Day ", "Day\u00a0"), "utf-8")

    report = working_copies(ws, kit_notebooks, KERNEL)
    assert report.updated == ("02_day2_resource_map.ipynb",)
    assert report.kept == (DAY1,)
    assert team_day1.read_bytes() == teams_text, "the team's work is never written over"
    assert "Day\u00a0" in (first.folder / "02_day2_resource_map.ipynb").read_text("utf-8")

    # renamed aside by the team: the kit's version is copied again, the team's stays
    team_day1.rename(first.folder / "our-day1.ipynb")
    again = working_copies(ws, kit_notebooks, KERNEL)
    assert again.copied == (DAY1,) and again.kept == ()
    assert (first.folder / "our-day1.ipynb").read_bytes() == teams_text


def test_without_a_readable_record_no_copy_is_written_over(
    tmp_path: Path, kit_notebooks: Path
) -> None:
    ws = tmp_path / "ws"
    report = working_copies(ws, kit_notebooks, KERNEL)
    (report.folder / MANIFEST).write_text("{not json", "utf-8")
    (report.folder / "03_day3_meeting_time.ipynb").unlink()
    (kit_notebooks / DAY1).write_text(
        (kit_notebooks / DAY1).read_text("utf-8").replace("Day 1", "Day one"), "utf-8"
    )
    day1 = (report.folder / DAY1).read_bytes()
    again = working_copies(ws, kit_notebooks, KERNEL)
    assert again.copied == ("03_day3_meeting_time.ipynb",)
    assert DAY1 in again.kept and (report.folder / DAY1).read_bytes() == day1


def test_start_opens_jupyterlab_in_the_copies_and_they_are_no_team(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path / "ws")
    workspace.ensure_demo()
    report = working_copies(workspace.root, kernel_name=KERNEL)
    args = argparse.Namespace(port=8888, no_browser=True)
    command = lab_command(args, report.folder)
    assert f"--ServerApp.root_dir={report.folder}" in command
    assert f"--LabApp.default_url=/lab/tree/{DAY1}" in command
    assert (report.folder / DAY1).is_file()
    assert workspace.team_slugs() == ["demo"], "the notebooks folder is not a team"
    with pytest.raises(UnsafeTeamNameError, match="workspace's own folders"):
        workspace.create_team("Notebooks")
