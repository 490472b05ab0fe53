"""``workshop-kit backup``, ``restore-backup`` and ``hand-back``: private archives (0600 in a
0700 folder) holding the teams' work and nothing else, and a restore that changes nothing unless
the whole archive is sound. The command runs in this process (as in test_cli.py); every file is
real, on disk, and the archives are read back with tarfile and zipfile, independent readers."""

from __future__ import annotations

import datetime as dt
import errno
import gzip
import io
import json
import os
import re
import shlex
import shutil
import socket
import stat
import tarfile
import zipfile
from pathlib import Path

import pytest
from tests.cli_runs import Ran, run

from workshop_kit import backup
from workshop_kit.model.team import Team
from workshop_kit.store import Workspace

SECRET = "hunter2-7f3a9c-not-team-work"
#: files a hub folder holds (docs/server.md): none of them may ever be in an archive
HUB_FILES = (
    "accounts.csv",
    "accounts.html",
    "passwords.json",
    "jupyterhub.sqlite",
    "jupyterhub_cookie_secret",
    "jupyterhub_config.py",
)


def plant_secret(path: Path, text: str = SECRET) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{text}\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def team_work_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two teams with history, an evidence table and an export, the demo team and the
    configuration, built once per module through the command and the store (each test gets a
    copy: building it takes most of a second on a busy machine)."""
    root = tmp_path_factory.mktemp("template") / "workspace"
    assert run(root, "new-team", "Lincoln ILT", "Oak Park ILT").returncode == 0
    assert run(root, "config", "init").returncode == 0
    ws = Workspace(root)
    ws.ensure_demo()
    book = ws.open_team("Lincoln ILT")
    book.load(Team)
    book.save(Team(name="Lincoln ILT", school="Lincoln Elementary", norms=("Start on time",)))
    book.save(Team(name="Lincoln ILT", school="Lincoln Elementary", norms=("Start on time", "Be")))
    book.write_file("evidence.csv", "measure,value\nreading,41\n", keep_previous=True)
    book.write_file("evidence.csv", "measure,value\nreading,44\n", keep_previous=True)
    book.write_export("day1_summary.md", "# Day 1\nOur goal.\n")
    return root


@pytest.fixture
def workspace(tmp_path: Path, team_work_template: Path) -> Path:
    """A copy of the template; beside it a hub folder full of secrets, and among the teams the
    things a server leaves about: kernel files, runtime folders, checkpoints, links out, a
    socket, a pipe and files that look like secrets."""
    root = tmp_path / "workspace"
    shutil.copytree(team_work_template, root)

    hub = tmp_path / "hub"  # where ./kit hub puts it: beside the workspace
    for name in HUB_FILES:
        plant_secret(hub / name)
    plant_secret(hub / "run" / "1001" / "jpserver-1.json")
    plant_secret(hub / "home" / "team-lincoln-ilt" / "notes.yaml")
    shutil.copytree(hub, root / "hub")  # and a hub folder someone put inside the workspace

    team = root / "lincoln-ilt"
    plant_secret(team / "kernel-4b1c.json")
    plant_secret(team / "runtime" / "kernel-9d2e.json")
    plant_secret(team / "runtime" / "goal.yaml")
    plant_secret(team / ".ipynb_checkpoints" / "goal-checkpoint.yaml")
    plant_secret(team / "accounts.csv")
    plant_secret(team / "my-passwords.csv")
    plant_secret(team / "exports" / "cookie-secret.md")
    plant_secret(team / ".history" / "goal" / "kernel-1.json")
    plant_secret(root / ".join-codes.json")
    outside = plant_secret(tmp_path / "outside" / "stolen.yaml")
    (team / "linked.yaml").symlink_to(outside)
    (team / "exports" / "linked.md").symlink_to(outside)
    (team / ".history" / "linked").symlink_to(outside.parent, target_is_directory=True)
    (root / "linked-team").symlink_to(outside.parent, target_is_directory=True)
    os.mkfifo(team / "pipe.csv")
    here = Path.cwd()
    os.chdir(team)  # a short relative path: socket paths are limited to 107 characters
    try:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind("kernel.yaml")
    finally:
        os.chdir(here)
    assert stat.S_ISSOCK(os.lstat(team / "kernel.yaml").st_mode)
    return root


#: the files the fixture plants that are not team work (relative to the workspace)
def planted(root: Path) -> set[str]:
    team = root / "lincoln-ilt"
    names = set()
    for path in [*team.rglob("*"), *(root / "hub").rglob("*")]:
        rel = path.relative_to(root).as_posix()
        if path.is_symlink() or not path.is_file() or path.read_bytes().startswith(b"hunter2"):
            names.add(rel)
    return names


def team_work_on_disk(root: Path) -> dict[str, bytes]:
    """Every plain file of every team folder and config/, except what the fixture planted and
    the store's lock: what a restore must bring back, byte for byte."""
    skip = planted(root)
    found = {}
    for top in ("config", "demo", "lincoln-ilt", "oak-park-ilt"):
        for path in (root / top).rglob("*"):
            rel = path.relative_to(root).as_posix()
            if rel in skip or path.name == ".lock" or path.is_symlink() or not path.is_file():
                continue
            if any(part in ("runtime", ".ipynb_checkpoints") for part in path.parts):
                continue
            found[rel] = path.read_bytes()
    return found


def the_archive(folder: Path) -> Path:
    archives = sorted(folder.glob("workshop-backup-*.tar.gz"))
    assert len(archives) == 1, archives
    return archives[0]


def members(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive, "r:gz") as tar:
        found = {}
        for member in tar:
            assert member.isreg(), member.name
            source = tar.extractfile(member)
            assert source is not None
            found[member.name] = source.read()
    return found


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


class TestBackup:
    def test_round_trip_brings_every_team_file_back_byte_for_byte(
        self, workspace: Path, tmp_path: Path
    ) -> None:
        """Back up, restore into an empty workspace: the same files, the same bytes; the
        archive is 0600 in a 0700 folder, and the restored teams open."""
        out = tmp_path / "backups" / "nightly"
        ran = run(workspace, "backup", "--to", str(out))
        assert ran.returncode == 0, ran.stderr
        archive = the_archive(out)
        assert mode(archive) == 0o600
        assert mode(out) == 0o700
        assert "UTC" in ran.stdout and "3 teams" in ran.stdout
        assert [p.name for p in out.iterdir()] == [archive.name]  # no temporary file left

        expected = team_work_on_disk(workspace)
        assert "lincoln-ilt/.history/evidence/000001.csv" in expected
        assert "lincoln-ilt/.history/team/000003.yaml" in expected
        assert "lincoln-ilt/exports/day1_summary.md" in expected

        restored = tmp_path / "restored" / "workspace"
        ran = run(restored, "restore-backup", str(archive))
        assert ran.returncode == 0, ran.stderr + ran.stdout
        assert f"Restored 3 teams ({len(expected)} files) and the configuration" in ran.stdout
        got = {
            p.relative_to(restored).as_posix(): p.read_bytes()
            for p in restored.rglob("*")
            if p.is_file()
        }
        assert got.keys() == expected.keys()
        for name, data in expected.items():
            assert got[name] == data, name
        assert Workspace(restored).open_team("Lincoln ILT").load(Team).norms[-1] == "Be"
        assert run(restored, "check", "Lincoln ILT").returncode == 0

    def test_the_archive_holds_no_secret_by_name_or_content(
        self, workspace: Path, tmp_path: Path
    ) -> None:
        """Nothing of the hub folder, no kernel or runtime file, no link's target, no
        checkpoint, no secret-looking name: checked on every member and on the raw bytes."""
        assert run(workspace, "backup", "--to", str(tmp_path / "out")).returncode == 0
        archive = the_archive(tmp_path / "out")
        inside = members(archive)
        for name, data in inside.items():
            assert SECRET.encode() not in data, name
            base = name.rsplit("/", 1)[-1]
            assert base not in HUB_FILES, name
            assert not base.startswith("kernel"), name
            assert "runtime/" not in name and ".ipynb_checkpoints" not in name, name
            assert "linked" not in name and "stolen" not in name, name
        assert SECRET.encode() not in gzip.decompress(archive.read_bytes())
        teams = {name.split("/")[1] for name in inside if name.startswith("teams/")}
        assert teams == {"demo", "lincoln-ilt", "oak-park-ilt"}  # not hub/, not linked-team/

    def test_what_is_left_out_is_named_and_links_are_not_followed(
        self, workspace: Path, tmp_path: Path
    ) -> None:
        """Links, the pipe and the socket are seen as what they are (never opened through),
        and every left-out thing is named for the person who runs the backup."""
        result = backup.write_backup(Workspace(workspace), tmp_path / "out")
        for name in (
            "lincoln-ilt/linked.yaml",
            "lincoln-ilt/exports/linked.md",
            "lincoln-ilt/.history/linked",
            "lincoln-ilt/pipe.csv",
            "lincoln-ilt/kernel.yaml",
            "lincoln-ilt/runtime/",
            "lincoln-ilt/accounts.csv",
            "linked-team",
            ".join-codes.json",
        ):
            assert name in result.left_out, name
        assert any(n.startswith("hub/") for n in result.left_out)
        assert {t.folder for t in result.teams} == {"demo", "lincoln-ilt", "oak-park-ilt"}

    def test_the_manifest_lists_the_teams_and_their_file_counts(
        self, workspace: Path, tmp_path: Path
    ) -> None:
        assert run(workspace, "backup", "--to", str(tmp_path / "out")).returncode == 0
        inside = members(the_archive(tmp_path / "out"))
        manifest = json.loads(inside["manifest.json"])
        assert manifest["format"] == backup.FORMAT
        assert manifest["schema_version"] == 1
        assert manifest["created"].endswith("+00:00")
        assert manifest["kit_version"]
        counts = {t["folder"]: t["files"] for t in manifest["teams"]}
        for slug, count in counts.items():
            assert count == sum(1 for n in inside if n.startswith(f"teams/{slug}/")), slug
        assert {t["folder"]: t["name"] for t in manifest["teams"]}["lincoln-ilt"] == "Lincoln ILT"
        assert manifest["config_files"] == sum(1 for n in inside if n.startswith("config/"))

    def test_two_backups_in_one_minute_keep_both(self, workspace: Path, tmp_path: Path) -> None:
        now = dt.datetime(2026, 12, 7, 22, 5, tzinfo=dt.timezone.utc)
        first = backup.write_backup(Workspace(workspace), tmp_path / "out", now=now)
        second = backup.write_backup(Workspace(workspace), tmp_path / "out", now=now)
        assert first.path.name == "workshop-backup-2026-12-07-2205.tar.gz"
        assert second.path.name == "workshop-backup-2026-12-07-2205-2.tar.gz"
        assert mode(second.path) == 0o600 and first.path.read_bytes()

    def test_a_failure_while_writing_leaves_no_archive(
        self, workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The disk fills up as the manifest is written (the last member): a plain message,
        exit 1, and nothing in the folder, not even a temporary file."""

        def disk_full() -> str:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(backup, "kit_version", disk_full)
        ran = run(workspace, "backup", "--to", str(tmp_path / "out"))
        assert ran.returncode == 1
        assert "the disk is full" in ran.stderr and "No archive was left" in ran.stderr
        assert "Traceback" not in ran.stderr
        assert list((tmp_path / "out").iterdir()) == []

    def test_a_folder_inside_the_workspace_is_refused(self, workspace: Path) -> None:
        ran = run(workspace, "backup", "--to", str(workspace / "backups"))
        assert ran.returncode == 2
        assert "inside the workspace" in ran.stderr
        assert not (workspace / "backups").exists()

    @pytest.mark.parametrize(
        ("name", "allowed"),
        [
            ("goal.yaml", True),
            ("evidence.csv", True),
            ("team.damaged-1.yaml", True),
            (".history/goal/000003.yaml", True),
            (".history/evidence/000001.csv", True),
            ("exports/lincoln-ilt-team-plan.html", True),
            ("exports/resource_map.png", True),
            ("notes.txt", False),
            ("kernel-1.json", False),
            ("runtime/goal.yaml", False),
            (".ipynb_checkpoints/goal-checkpoint.yaml", False),
            ("accounts.csv", False),
            ("exports/passwords.md", False),
            (".history/goal/notes.yaml", False),
            (".lock", False),
            (".goal.yaml.abc.tmp", False),
            ("exports/sub/deep.md", False),
        ],
    )
    def test_the_allow_list(self, name: str, allowed: bool) -> None:
        assert backup.allowed_in_team(name) is allowed

    @pytest.mark.parametrize("team", ["Token Creek ILT", "Accountability Academy", "Cookie ILT"])
    def test_a_team_name_is_no_sign_of_a_secret(self, team: str, tmp_path: Path) -> None:
        """A team's exports start with its folder name: "Accountability Academy" keeps its plan,
        in the backup and in its hand-back."""
        ws = Workspace(tmp_path / "workspace")
        book = ws.create_team(team)
        book.write_export(f"{book.slug}-team-plan.html", "<p>Our plan</p>")
        plant_secret(book.folder / "exports" / f"{book.slug}-token.md")
        result = backup.write_backup(ws, tmp_path / "out")
        inside = members(result.path)
        assert f"teams/{book.slug}/exports/{book.slug}-team-plan.html" in inside
        assert f"{book.slug}/exports/{book.slug}-token.md" in result.left_out
        made, _ = backup.write_hand_backs(ws, tmp_path / "hand-back")
        with zipfile.ZipFile(made[0].path) as zipped:
            assert f"{book.slug}/exports/{book.slug}-team-plan.html" in zipped.namelist()


def build_archive(path: Path, entries: list[tarfile.TarInfo | tuple[str, bytes]]) -> Path:
    """A tar.gz made by hand, member by member (a name with its bytes, or a ready TarInfo)."""
    with tarfile.open(path, "w:gz", format=tarfile.PAX_FORMAT) as tar:
        for entry in entries:
            if isinstance(entry, tarfile.TarInfo):
                tar.addfile(entry)
            else:
                name, data = entry
                info = tarfile.TarInfo(name)
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
    return path


def manifest_bytes(teams: dict[str, int], **extra: object) -> bytes:
    body: dict[str, object] = {
        "format": backup.FORMAT,
        "schema_version": 1,
        "created": "2026-12-07T22:05:00+00:00",
        "kit_version": "0.1.0",
        "teams": [{"folder": f, "name": f, "files": n} for f, n in teams.items()],
        "config_files": 0,
    }
    body.update(extra)
    return json.dumps(body).encode()


TEAM_YAML = b"schema_version: 1\nrevision: 1\nname: Lincoln ILT\n"


def special(name: str, kind: bytes, linkname: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, linkname
    return info


class TestRestoreRefuses:
    """Each refusal: exit 2, a plain message naming the archive, no traceback, and nothing
    changed: the target workspace is not even created."""

    def refused(self, tmp_path: Path, archive: Path, *extra: str) -> Ran:
        target = tmp_path / "target" / "workspace"
        ran = run(target, "restore-backup", str(archive), *extra)
        assert ran.returncode == 2, ran.stdout + ran.stderr
        assert archive.name in ran.stderr and "Nothing was changed" in ran.stderr
        assert "Traceback" not in ran.stderr
        assert not (tmp_path / "target").exists()  # not even the folders above the workspace
        assert not (tmp_path / "evil.yaml").exists()
        return ran

    def test_a_sound_hand_made_archive_is_accepted(self, tmp_path: Path) -> None:
        """The archives below differ from this one in one point each, so each refusal is the
        point's doing."""
        archive = build_archive(
            tmp_path / "good.tar.gz",
            [
                ("teams/lincoln-ilt/team.yaml", TEAM_YAML),
                ("manifest.json", manifest_bytes({"lincoln-ilt": 1})),
            ],
        )
        target = tmp_path / "target" / "workspace"
        ran = run(target, "restore-backup", str(archive))
        assert ran.returncode == 0, ran.stderr
        assert (target / "lincoln-ilt" / "team.yaml").read_bytes() == TEAM_YAML

    @pytest.mark.parametrize(
        "damage",
        ["truncated", "bytes changed", "not gzip", "empty"],
    )
    def test_a_damaged_archive(self, workspace: Path, tmp_path: Path, damage: str) -> None:
        assert run(workspace, "backup", "--to", str(tmp_path / "out")).returncode == 0
        archive = the_archive(tmp_path / "out")
        data = archive.read_bytes()
        if damage == "truncated":
            data = data[: len(data) // 2]
        elif damage == "bytes changed":
            middle = len(data) // 2
            data = (
                data[:middle]
                + bytes(b ^ 0x5A for b in data[middle : middle + 64])
                + data[middle + 64 :]
            )
        elif damage == "not gzip":
            data = b"name,password\nlincoln,abc\n"
        else:
            data = b""
        archive.write_bytes(data)
        ran = self.refused(tmp_path, archive)
        assert "damaged" in ran.stderr

    def test_an_archive_with_no_manifest_is_not_a_backup(self, tmp_path: Path) -> None:
        archive = build_archive(
            tmp_path / "plain.tar.gz", [("teams/lincoln-ilt/team.yaml", TEAM_YAML)]
        )
        assert "not a workshop backup" in self.refused(tmp_path, archive).stderr

    @pytest.mark.parametrize(
        ("manifest", "says"),
        [
            (manifest_bytes({"lincoln-ilt": 1}, format="something else"), "not a workshop backup"),
            (manifest_bytes({"lincoln-ilt": 1}, schema_version=99), "newer workshop-kit"),
            (manifest_bytes({"lincoln-ilt": 2}), "do not match its manifest"),
            (b"{not json", "damaged"),
        ],
    )
    def test_a_wrong_manifest(self, tmp_path: Path, manifest: bytes, says: str) -> None:
        archive = build_archive(
            tmp_path / "odd.tar.gz",
            [("teams/lincoln-ilt/team.yaml", TEAM_YAML), ("manifest.json", manifest)],
        )
        assert says in self.refused(tmp_path, archive).stderr

    @pytest.mark.parametrize(
        "member",
        [
            ("../evil.yaml", b"x"),
            ("teams/lincoln-ilt/../../../evil.yaml", b"x"),
            ("/tmp/evil.yaml", b"x"),
            ("teams/../evil.yaml", b"x"),
            special("teams/lincoln-ilt/goal.yaml", tarfile.SYMTYPE, "/etc/passwd"),
            special("teams/lincoln-ilt/plan.yaml", tarfile.LNKTYPE, "teams/lincoln-ilt/team.yaml"),
            special("teams/lincoln-ilt/goal.yaml", tarfile.CHRTYPE),
            special("teams/lincoln-ilt/goal.yaml", tarfile.FIFOTYPE),
            ("teams/lincoln-ilt/kernel-1.json", b"{}"),
            ("teams/lincoln-ilt/runtime/goal.yaml", b"x"),
            ("teams/.hidden/team.yaml", TEAM_YAML),
            ("hub/accounts.csv", b"x"),
            ("teams/lincoln-ilt/team.yaml", TEAM_YAML),  # the same file twice
        ],
        ids=lambda m: m.name if isinstance(m, tarfile.TarInfo) else m[0],
    )
    def test_an_unsafe_or_foreign_member(
        self, tmp_path: Path, member: tarfile.TarInfo | tuple[str, bytes]
    ) -> None:
        """One bad member among good ones (first, so the good ones would be written before it
        if the check came late) refuses the whole archive."""
        archive = build_archive(
            tmp_path / "crafted.tar.gz",
            [
                ("teams/lincoln-ilt/team.yaml", TEAM_YAML),
                member,
                ("manifest.json", manifest_bytes({"lincoln-ilt": 1})),
            ],
        )
        self.refused(tmp_path, archive)

    def test_a_missing_archive(self, tmp_path: Path) -> None:
        target = tmp_path / "target"
        ran = run(target, "restore-backup", str(tmp_path / "nothing.tar.gz"))
        assert ran.returncode == 2 and "nothing.tar.gz" in ran.stderr
        assert not target.exists()


class TestRestoreIntoAUsedWorkspace:
    def test_an_existing_team_is_refused_and_left_as_it_is(
        self, workspace: Path, tmp_path: Path
    ) -> None:
        assert run(workspace, "backup", "--to", str(tmp_path / "out")).returncode == 0
        archive = the_archive(tmp_path / "out")
        target = tmp_path / "other"
        assert run(target, "new-team", "Lincoln ILT").returncode == 0
        before = {p: p.read_bytes() for p in (target / "lincoln-ilt").rglob("*") if p.is_file()}
        ran = run(target, "restore-backup", str(archive))
        assert ran.returncode == 2
        assert "lincoln-ilt" in ran.stderr and "--replace" in ran.stderr
        after = {p: p.read_bytes() for p in (target / "lincoln-ilt").rglob("*") if p.is_file()}
        assert after == before
        assert sorted(p.name for p in target.iterdir()) == ["lincoln-ilt"]  # nothing else came

    def test_replace_moves_the_existing_folder_aside(self, workspace: Path, tmp_path: Path) -> None:
        assert run(workspace, "backup", "--to", str(tmp_path / "out")).returncode == 0
        archive = the_archive(tmp_path / "out")
        target = tmp_path / "other"
        assert run(target, "new-team", "Lincoln ILT").returncode == 0
        theirs = (target / "lincoln-ilt" / "team.yaml").read_bytes()
        ran = run(target, "restore-backup", str(archive), "--replace")
        assert ran.returncode == 0, ran.stderr
        aside = list(target.glob(".lincoln-ilt.before-restore-*"))
        assert len(aside) == 1 and str(aside[0]) in ran.stdout
        assert (aside[0] / "team.yaml").read_bytes() == theirs
        assert (target / "lincoln-ilt" / "team.yaml").read_bytes() == (
            workspace / "lincoln-ilt" / "team.yaml"
        ).read_bytes()
        assert run(target, "list").stdout.count("\n") == 3  # the aside folder is no team

    def test_the_workspace_s_own_demo_team_is_kept(self, workspace: Path, tmp_path: Path) -> None:
        """Every workspace gets a demo team on first use; restoring into one is no conflict."""
        assert run(workspace, "backup", "--to", str(tmp_path / "out")).returncode == 0
        target = Workspace(tmp_path / "other")
        target.ensure_demo()
        ran = run(target.root, "restore-backup", str(the_archive(tmp_path / "out")))
        assert ran.returncode == 0, ran.stderr
        assert "Restored 2 teams" in ran.stdout and "‘demo’ team was kept" in ran.stdout
        assert (target.root / "lincoln-ilt" / "evidence.csv").is_file()

    def test_a_restored_file_that_does_not_validate_is_reported(self, tmp_path: Path) -> None:
        """The backup is faithful: a damaged file comes back, and the restore says so (exit 1)."""
        archive = build_archive(
            tmp_path / "odd.tar.gz",
            [
                ("teams/lincoln-ilt/team.yaml", TEAM_YAML),
                ("teams/lincoln-ilt/goal.yaml", b"schema_version: [\n"),
                ("manifest.json", manifest_bytes({"lincoln-ilt": 2})),
            ],
        )
        ran = run(tmp_path / "target", "restore-backup", str(archive))
        assert ran.returncode == 1
        assert "lincoln-ilt/goal.yaml" in ran.stdout
        assert (tmp_path / "target" / "lincoln-ilt" / "goal.yaml").is_file()


class TestHandBack:
    def test_one_private_zip_per_team_with_its_work_only(
        self, workspace: Path, tmp_path: Path
    ) -> None:
        out = tmp_path / "hand-back"
        ran = run(workspace, "hand-back", "--to", str(out))
        assert ran.returncode == 0, ran.stderr
        assert mode(out) == 0o700
        zips = sorted(p.name for p in out.iterdir())
        assert zips == ["lincoln-ilt-workbook.zip", "oak-park-ilt-workbook.zip"]  # no demo
        expected = team_work_on_disk(workspace)
        for name in zips:
            path = out / name
            assert mode(path) == 0o600
            slug = name.removesuffix("-workbook.zip")
            with zipfile.ZipFile(path) as zipped:
                assert zipped.testzip() is None
                inside = {info.filename: zipped.read(info) for info in zipped.infolist()}
            wanted = {k: v for k, v in expected.items() if k.startswith(f"{slug}/")}
            assert inside == wanted
            assert all(SECRET.encode() not in data for data in inside.values())

    def test_the_unzipped_folder_opens_as_a_workspace(
        self, workspace: Path, tmp_path: Path
    ) -> None:
        out = tmp_path / "hand-back"
        assert (
            run(workspace, "hand-back", "--to", str(out), "--team", "Lincoln ILT").returncode == 0
        )
        assert [p.name for p in out.iterdir()] == ["lincoln-ilt-workbook.zip"]
        laptop = tmp_path / "laptop"
        with zipfile.ZipFile(out / "lincoln-ilt-workbook.zip") as zipped:
            zipped.extractall(laptop)
        ran = run(laptop, "check", "Lincoln ILT")
        assert ran.returncode == 0, ran.stdout
        assert run(laptop, "history", "Lincoln ILT", "team.yaml").stdout.count("revision") == 3

    def test_an_unknown_team_is_refused(self, workspace: Path, tmp_path: Path) -> None:
        ran = run(workspace, "hand-back", "--to", str(tmp_path / "out"), "--team", "Nobody")
        assert ran.returncode == 2 and "Nobody" in ran.stderr
        assert not (tmp_path / "out").exists()


def test_the_commands_in_the_server_guide_are_the_real_ones() -> None:
    """docs/server.md's backup, cron, restore and hand-back lines parse as the command's own
    (a renamed option would leave a district's nightly backup failing)."""
    from workshop_kit.cli import build_parser

    guide = (Path(__file__).parents[1] / "docs" / "server.md").read_text(encoding="utf-8")
    section = guide[guide.index("## Backups") :].replace("\\\n", " ")
    lines = re.findall(r"\.venv/bin/workshop-kit (.+)$", section, re.MULTILINE)
    commands = {shlex.split(line)[2] for line in lines}
    assert commands == {"backup", "restore-backup", "hand-back"}, lines
    for line in lines:
        args = build_parser().parse_args(shlex.split(line))
        assert args.workspace == "/srv/workshop"
