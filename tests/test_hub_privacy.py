"""Issue 27, "private by default": on the hub a team's Unix account cannot list the workspace's
top folder (its folder names are the cohort's team names), yet reaches its own folder and the
demo's through it, and its team picker still works; the facilitators' group lists it for the
overview. Real folders, real owners and modes, and real processes run as another Unix user
(``nobody``, and ``nobody`` with the facilitators' group), so the kernel decides, not the kit.

Needs root (``chown``, ``runuser``), as the hub does; CI runs as root. The whole hub with its
own team accounts is tests/browser/test_hub.py."""

from __future__ import annotations

import grp
import json
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import hub_runtime
from workshop_kit import hub, paths
from workshop_kit.store import DEMO_SLUG, Workspace

TEAM_ACCOUNT = "nobody"

pytestmark = [
    # processes run as other users, on a copy of the kit's environment: not for the edit loop
    pytest.mark.slow,
    pytest.mark.skipif(
        not hub.is_root() or shutil.which("runuser") is None or shutil.which("groupadd") is None,
        reason="needs root with runuser and groupadd (the hub's own needs); CI runs as root",
    ),
]

#: run as another Unix user with the kit's Python: what that user can do in the workspace
PROBE = r"""
import json, os, sys
from workshop_kit.session import Session
from workshop_kit.store import Workspace

root, own = sys.argv[1], sys.argv[2]
found = {}
try:
    found["listed"] = sorted(os.listdir(root))
except PermissionError:
    found["listed"] = None
try:
    with open(os.path.join(root, own, "team.yaml"), encoding="utf-8") as handle:
        found["own_team_file"] = bool(handle.read())
except OSError as exc:
    found["own_team_file"] = type(exc).__name__
ws = Workspace.default(root)
session = Session(ws, None)
session.allowed = frozenset({own, "demo"})
try:
    found["picker_offers"] = session.openable_teams()
except OSError as exc:
    found["picker_offers"] = type(exc).__name__
found["demo_name"] = ws.open_team("demo").display_name
print(json.dumps(found))
"""


@dataclass
class Hubspace:
    workspace: Workspace
    group: str
    gid: int
    python: Path  # the kit's, runnable by other users


@pytest.fixture(scope="module")
def kit_python() -> Iterator[Path]:
    """The kit's Python, as another Unix user can run it (the checkout's may sit in a private
    home: tests/hub_runtime.py copies it with hard links into a folder everyone can read)."""
    why = hub_runtime.why_not()
    if why:
        pytest.skip(why)
    folder = Path(tempfile.mkdtemp(prefix="wk-privacy-kit-", dir="/tmp"))
    try:
        os.chmod(folder, 0o755)
        yield hub_runtime.readable_kit(paths.project_root(), folder / "runtime")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_as(python: Path, user: str, group: str | None, root: Path, own: str) -> dict[str, object]:
    """The probe's findings, run as ``user`` (with ``group`` as its group, as a member of the
    facilitators' group would be)."""
    cmd = ["runuser", "-u", user, *(["-g", group] if group else []), "--"]
    env = {**os.environ, "HOME": "/tmp", "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [*cmd, str(python), "-c", PROBE, str(root), own],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


@pytest.fixture
def hubspace(kit_python: Path) -> Iterator[Hubspace]:
    """A workspace laid out as ``workshop-kit hub`` lays it out, with two teams: Oak's folder
    belongs to the team account (``nobody``), Elm's to root, both in a facilitators' group of
    this test's own; the demo is root's and readable by all."""
    group = f"wk-test-{uuid.uuid4().hex[:8]}"
    subprocess.run(["groupadd", "--system", group], check=True, capture_output=True)
    # somewhere every user may pass through (pytest's own temporary folder is root's alone)
    top = Path(tempfile.mkdtemp(prefix="wk-privacy-", dir="/tmp"))
    try:
        os.chmod(top, 0o711)
        ws = Workspace.default(top / "workspace")
        ws.ensure_demo()
        for path in [ws.root / DEMO_SLUG, *(ws.root / DEMO_SLUG).rglob("*")]:
            os.chmod(path, 0o755 if path.is_dir() else 0o644)
        gid = grp.getgrnam(group).gr_gid
        owners = {"oak-ilt": pwd.getpwnam(TEAM_ACCOUNT).pw_uid, "elm-ilt": 0}
        for name, slug in (("Oak ILT", "oak-ilt"), ("Elm ILT", "elm-ilt")):
            ws.create_team(name)
            for path in [ws.root / slug, *(ws.root / slug).rglob("*")]:
                os.chown(path, owners[slug], gid)
                os.chmod(path, 0o2750 if path.is_dir() else 0o640)
        hub.private_workspace_root(ws.root, gid)
        yield Hubspace(ws, group, gid, kit_python)
    finally:
        shutil.rmtree(top, ignore_errors=True)
        subprocess.run(["groupdel", group], capture_output=True, check=False)


class TestWorkspaceRoot:
    def test_a_team_account_cannot_list_the_teams(self, hubspace: Hubspace) -> None:
        """The hole the issue found: a 0755 top folder listed every team's folder name to every
        team's account. The account still reads its own workbook through it."""
        found = run_as(hubspace.python, TEAM_ACCOUNT, None, hubspace.workspace.root, "oak-ilt")
        assert found["listed"] is None, f"a team account listed the cohort: {found['listed']}"
        assert found["own_team_file"] is True

    def test_the_team_picker_works_without_listing(self, hubspace: Hubspace) -> None:
        """A team's pages offer its own team and the demo, found without listing the folder
        (listing it raised PermissionError: "Something went wrong" in the picker)."""
        found = run_as(hubspace.python, TEAM_ACCOUNT, None, hubspace.workspace.root, "oak-ilt")
        assert found["picker_offers"] == [DEMO_SLUG, "oak-ilt"]
        assert found["demo_name"]

    def test_the_facilitators_group_lists_every_team(self, hubspace: Hubspace) -> None:
        found = run_as(
            hubspace.python, TEAM_ACCOUNT, hubspace.group, hubspace.workspace.root, "elm-ilt"
        )
        assert found["listed"] == sorted([DEMO_SLUG, "elm-ilt", "oak-ilt"])
        assert found["own_team_file"] is True  # Elm's files, through the group

    def test_the_folder_stays_roots_so_no_account_changes_it(self, hubspace: Hubspace) -> None:
        info = hubspace.workspace.root.stat()
        assert (info.st_uid, info.st_gid) == (0, hubspace.gid)
        assert info.st_mode & 0o7777 == hub.WORKSPACE_ROOT_MODE == 0o751
