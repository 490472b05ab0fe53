"""Issue 27, "private by default": on the hub a team's Unix account cannot list the workspace's
top folder (its folder names are the cohort's team names), yet reaches its own folder and the
demo's through it, and its team picker still works; the facilitators' group lists it for the
overview. Real folders, real owners and modes, and real processes run as another Unix user
(``nobody``, and ``nobody`` with the facilitators' group), so the kernel decides, not the kit.

Also here, with real Unix accounts: a set-up that fails (issue 27, "if the hub cannot start, it
removes what it created") takes away the accounts, group and folders it made, and nothing else.

Needs root (``chown``, ``runuser``), as the hub does; CI runs as root. The whole hub with its
own team accounts is tests/browser/test_hub.py."""

from __future__ import annotations

import dataclasses
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
from workshop_kit.errors import WorkshopError
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


@dataclass
class SetUp:
    settings: hub.HubSettings
    accounts: list[hub.Account]  # team accounts only: the facilitator's is the hub test's
    earlier: str  # a team account that was there before the run


@pytest.fixture
def set_up(kit_python: Path) -> Iterator[SetUp]:
    """Two team accounts of this test's own (names no other test uses), one of them created
    before the run, as an earlier run would have; removed afterwards whatever happened."""
    tag = uuid.uuid4().hex[:8]
    top = Path(tempfile.mkdtemp(prefix="wk-undo-", dir="/tmp"))  # short: kernel socket paths
    os.chmod(top, 0o755)
    settings = hub.HubSettings(
        hub_dir=top / "hub", workspace=top / "ws", group=f"wk-test-{tag}", python=str(kit_python)
    )
    names = [f"Undo {tag} Oak", f"Undo {tag} Elm"]
    accounts = [a for a in hub.plan_accounts(names) if not a.admin]
    earlier = accounts[1].username
    home = settings.hub_dir / "home" / earlier  # where an earlier run made it
    home.parent.mkdir(parents=True)
    os.chmod(home.parent, 0o711)
    useradd = ["useradd", "--create-home", "--home-dir", str(home), "--shell", "/usr/sbin/nologin"]
    subprocess.run([*useradd, earlier], check=True, capture_output=True)
    try:
        yield SetUp(settings, accounts, earlier)
    finally:
        hub.remove_unix_users([a.username for a in accounts], settings.group)
        shutil.rmtree(top, ignore_errors=True)


class TestAFailedSetUp:
    def test_a_python_the_teams_cannot_run_leaves_no_new_account_or_group(
        self, set_up: SetUp, tmp_path: Path
    ) -> None:
        """The run the issue saw fail after 256 s, leaving Unix users behind: the kit's Python
        inside a private folder (pytest's is root's alone, as /root is)."""
        private = tmp_path / "private"
        private.mkdir(mode=0o700)
        (private / "python").symlink_to(set_up.settings.python)
        settings = dataclasses.replace(set_up.settings, python=str(private / "python"))
        with pytest.raises(WorkshopError, match="cannot run the kit's Python"):
            hub.set_up_unix(settings, set_up.accounts)
        new = set_up.accounts[0].username
        assert not hub.user_exists(new)
        assert not (settings.hub_dir / "home" / new).exists()  # its home went with it
        assert not hub.group_exists(settings.group)
        assert hub.user_exists(set_up.earlier)  # not this run's: left as it was
        assert not (settings.workspace / set_up.accounts[0].slug).exists()

    def test_what_a_run_made_is_recorded_and_taken_away_whole(self, set_up: SetUp) -> None:
        """A run that went through records what it made (the new account, the group, both team
        folders); taking it away (as a later failure does) removes exactly that."""
        made = hub.MadeHere()
        hub.set_up_unix(set_up.settings, set_up.accounts, made)
        oak, elm = set_up.accounts
        folders = [set_up.settings.workspace / a.slug for a in set_up.accounts]
        assert made.users == [oak.username] and made.group == set_up.settings.group
        assert made.team_folders == folders and all(f.is_dir() for f in folders)
        made.undo()
        assert not hub.user_exists(oak.username) and not hub.group_exists(set_up.settings.group)
        assert not any(f.exists() for f in folders)
        assert hub.user_exists(elm.username)
        assert (set_up.settings.workspace / DEMO_SLUG).is_dir()  # the demo is every run's
