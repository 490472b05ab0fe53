"""Limits per hub account (workshop_kit.team_limits) against folders laid out like cgroupfs: which
value goes into which file on cgroup v2 and v1, and the plain refusal where nothing can be
written. The kernel enforcing them is tests/test_team_limits_enforced.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from workshop_kit import team_limits
from workshop_kit.errors import WorkshopError
from workshop_kit.team_limits import Limits, LimitsUnavailable, Version

GIB, MIB = 1024**3, 1024**2


def fake_v2(root: Path, controllers: str = "cpuset cpu io memory hugetlb pids rdma") -> Path:
    """A cgroup v2 root as the kernel shows it: the controllers offered, none handed down yet."""
    root.mkdir()
    (root / "cgroup.controllers").write_text(controllers + "\n")
    (root / "cgroup.subtree_control").write_text("cpu\n")
    (root / "cgroup.procs").write_text("1\n")
    return root


def fake_v1(root: Path, swap: bool = True) -> Path:
    """cgroup v1: a memory and a pids hierarchy (and others the kit does not use)."""
    for name in ("memory", "pids", "cpu"):
        (root / name).mkdir(parents=True)
        (root / name / "cgroup.procs").write_text("1\n")
    if swap:
        (root / "memory" / "memory.memsw.limit_in_bytes").write_text("9223372036854771712\n")
    return root


def read(path: Path) -> str:
    return path.read_text().strip()


class TestSizes:
    @pytest.mark.parametrize(
        ("text", "size"),
        [
            ("1G", GIB),
            ("512M", 512 * MIB),
            ("1.5G", 3 * GIB // 2),
            ("2048K", 2 * MIB),
            ("1g", GIB),
            ("64MB", 64 * MIB),
            ("1073741824", GIB),
            (4096, 4096),
        ],
    )
    def test_sizes_read_as_jupyterhub_reads_mem_limit(self, text: str | int, size: int) -> None:
        """Units of 1024, as JupyterHub's ByteSpecification (c.Spawner.mem_limit)."""
        assert team_limits.parse_size(text) == size

    @pytest.mark.parametrize("text", ["lots", "", "1 gigabyte", "-1G", "0", "0M"])
    def test_what_is_no_size_is_refused_plainly(self, text: str) -> None:
        with pytest.raises(WorkshopError, match="like 1G"):
            team_limits.parse_size(text)


class TestCgroupV2:
    def test_limits_go_into_the_accounts_group_below_the_kits(self, tmp_path: Path) -> None:
        """memory.max and pids.max in workshop-kit/<account>; the memory and pids controllers
        handed down from the root to the kit's group, and the root's cpu left as it was."""
        root = fake_v2(tmp_path / "cg")
        groups = team_limits.prepare("team-oak-ilt", Limits(GIB, 256), root)
        folder = root / "workshop-kit" / "team-oak-ilt"
        assert groups.version is Version.V2 and groups.folders == (folder,)
        assert read(folder / "memory.max") == str(GIB)
        assert read(folder / "pids.max") == "256"
        assert read(root / "cgroup.subtree_control") == "+memory +pids"
        assert read(root / "workshop-kit" / "cgroup.subtree_control") == "+memory +pids"
        assert groups.procs_files == (folder / "cgroup.procs",)

    def test_controllers_already_handed_down_are_not_written_again(self, tmp_path: Path) -> None:
        root = fake_v2(tmp_path / "cg")
        (root / "cgroup.subtree_control").write_text("cpu memory pids\n")
        team_limits.prepare("team-oak-ilt", Limits(GIB, 256), root)
        assert read(root / "cgroup.subtree_control") == "cpu memory pids"

    def test_no_limit_is_max_and_a_rerun_updates_the_figures(self, tmp_path: Path) -> None:
        root = fake_v2(tmp_path / "cg")
        team_limits.prepare("facilitator", Limits(None, None), root)
        folder = root / "workshop-kit" / "facilitator"
        assert read(folder / "memory.max") == "max" and read(folder / "pids.max") == "max"
        (folder / "memory.swap.max").write_text("max\n")  # where the kernel accounts swap
        team_limits.prepare("facilitator", Limits(2 * GIB, 64), root)
        assert read(folder / "memory.max") == str(2 * GIB) and read(folder / "pids.max") == "64"
        assert read(folder / "memory.swap.max") == "0"  # no swapping past the limit

    def test_a_parent_of_the_callers_choice(self, tmp_path: Path) -> None:
        root = fake_v2(tmp_path / "cg")
        groups = team_limits.prepare("team-a", Limits(GIB, 8), root, parent="wk-test-7")
        assert groups.folders == (root / "wk-test-7" / "team-a",)


class TestCgroupV1:
    def test_memory_and_swap_in_the_memory_hierarchy_processes_in_pids(
        self, tmp_path: Path
    ) -> None:
        root = fake_v1(tmp_path / "cg")
        groups = team_limits.prepare("team-oak-ilt", Limits(GIB, 256), root)
        memory = root / "memory" / "workshop-kit" / "team-oak-ilt"
        pids = root / "pids" / "workshop-kit" / "team-oak-ilt"
        assert groups.version is Version.V1 and groups.folders == (memory, pids)
        assert read(memory / "memory.limit_in_bytes") == str(GIB)
        assert read(memory / "memory.memsw.limit_in_bytes") == str(GIB)
        assert read(pids / "pids.max") == "256"
        assert not (root / "cpu" / "workshop-kit").exists()
        assert groups.procs_files == (memory / "cgroup.procs", pids / "cgroup.procs")

    def test_without_swap_accounting_only_the_memory_limit(self, tmp_path: Path) -> None:
        root = fake_v1(tmp_path / "cg", swap=False)
        team_limits.prepare("team-oak-ilt", Limits(512 * MIB, None), root)
        memory = root / "memory" / "workshop-kit" / "team-oak-ilt"
        assert read(memory / "memory.limit_in_bytes") == str(512 * MIB)
        assert not (memory / "memory.memsw.limit_in_bytes").exists()
        assert read(root / "pids" / "workshop-kit" / "team-oak-ilt" / "pids.max") == "max"

    def test_no_memory_limit_is_minus_one(self, tmp_path: Path) -> None:
        root = fake_v1(tmp_path / "cg")
        team_limits.prepare("facilitator", Limits(None, 64), root)
        memory = root / "memory" / "workshop-kit" / "facilitator"
        assert read(memory / "memory.limit_in_bytes") == "-1"
        assert read(memory / "memory.memsw.limit_in_bytes") == "-1"

    def test_a_v2_root_without_the_controllers_is_not_taken_for_v1(self, tmp_path: Path) -> None:
        """A hybrid machine's unified hierarchy offers no controllers: refused, not misread."""
        with pytest.raises(LimitsUnavailable):
            team_limits.detect(fake_v2(tmp_path / "cg", controllers=""))


class TestRefusal:
    def test_no_control_groups_is_said_in_one_sentence(self, tmp_path: Path) -> None:
        with pytest.raises(LimitsUnavailable) as refused:
            team_limits.prepare("team-oak-ilt", Limits(GIB, 256), tmp_path)
        message = refused.value.message
        assert message.count(". ") == 0 and message.endswith(".")
        assert "cannot enforce each team's memory and process limits" in message
        assert "--no-limits" in message and str(tmp_path) in message
        assert not list(tmp_path.iterdir())  # nothing made

    def test_only_one_of_the_controllers_is_not_enough(self, tmp_path: Path) -> None:
        with pytest.raises(LimitsUnavailable, match="--no-limits"):
            team_limits.detect(fake_v2(tmp_path / "cg", controllers="cpu memory"))
        root = tmp_path / "v1"
        (root / "memory").mkdir(parents=True)
        (root / "memory" / "cgroup.procs").write_text("1\n")
        with pytest.raises(LimitsUnavailable, match="--no-limits"):
            team_limits.detect(root)

    def test_a_group_that_cannot_be_made_is_refused_plainly(self, tmp_path: Path) -> None:
        root = fake_v1(tmp_path / "cg")
        (root / "pids" / "workshop-kit").write_text("in the way")
        with pytest.raises(LimitsUnavailable, match=r"could not be set.*--no-limits"):
            team_limits.prepare("team-oak-ilt", Limits(GIB, 256), root)

    @pytest.mark.parametrize("name", ["../etc", "Team Oak", "", "a/b", "x" * 40])
    def test_only_account_names_name_a_group(self, tmp_path: Path, name: str) -> None:
        root = fake_v2(tmp_path / "cg")
        with pytest.raises(WorkshopError, match="no account name"):
            team_limits.prepare(name, Limits(GIB, 8), root)
        with pytest.raises(WorkshopError, match="no account name"):
            team_limits.prepare("team-a", Limits(GIB, 8), root, parent=name)
        assert not (root / "workshop-kit").exists()


class TestJoining:
    def test_a_process_is_written_into_every_hierarchy(self, tmp_path: Path) -> None:
        root = fake_v1(tmp_path / "cg")
        groups = team_limits.prepare("team-oak-ilt", Limits(GIB, 256), root)
        team_limits.join(groups, 4242)
        assert [read(f) for f in groups.procs_files] == ["4242", "4242"]
        assert team_limits.members(groups) == [4242]
        team_limits.join(groups)  # the calling process
        assert [read(f) for f in groups.procs_files] == [str(os.getpid())] * 2

    def test_the_preexec_joins_first_then_drops_to_the_user(self, tmp_path: Path) -> None:
        """The order matters: once the process is the account's user it cannot join."""
        root = fake_v2(tmp_path / "cg")
        groups = team_limits.prepare("team-oak-ilt", Limits(GIB, 256), root)
        seen: list[str] = []

        def drop_to_user() -> None:
            seen.append(read(groups.procs_files[0]))

        team_limits.preexec(groups, drop_to_user)()
        assert seen == [str(os.getpid())]

    def test_a_failed_join_fails_the_start(self, tmp_path: Path) -> None:
        root = fake_v2(tmp_path / "cg")
        groups = team_limits.prepare("team-oak-ilt", Limits(GIB, 256), root)
        groups.folders[0].rename(tmp_path / "gone")
        ran: list[bool] = []
        with pytest.raises(FileNotFoundError):
            team_limits.preexec(groups, lambda: ran.append(True))()
        assert ran == []


class TestEvents:
    def test_v2_counters(self, tmp_path: Path) -> None:
        root = fake_v2(tmp_path / "cg")
        groups = team_limits.prepare("team-a", Limits(GIB, 8), root)
        folder = groups.folders[0]
        (folder / "memory.events").write_text("low 0\nhigh 0\nmax 17\noom 1\noom_kill 1\n")
        (folder / "pids.events").write_text("max 24\n")
        (folder / "memory.peak").write_text("67108864\n")
        assert team_limits.events(groups) == team_limits.Events(17, 1, 24, 64 * MIB)

    def test_v1_counters(self, tmp_path: Path) -> None:
        root = fake_v1(tmp_path / "cg")
        groups = team_limits.prepare("team-a", Limits(GIB, 8), root)
        memory, pids = groups.folders
        (memory / "memory.failcnt").write_text("11\n")
        (memory / "memory.memsw.failcnt").write_text("300\n")
        (memory / "memory.oom_control").write_text("oom_kill_disable 0\nunder_oom 0\noom_kill 2\n")
        (memory / "memory.max_usage_in_bytes").write_text("67108864\n")
        (pids / "pids.events").write_text("max 25\n")
        assert team_limits.events(groups) == team_limits.Events(311, 2, 25, 64 * MIB)


class TestSpawner:
    """workshop_kit.hub_spawner.TeamSpawner: JupyterHub's LocalProcessSpawner, whose server
    joins its account's groups before it drops to the account's user."""

    @staticmethod
    def start(
        root: Path, monkeypatch: pytest.MonkeyPatch, admin: bool = False, **config: object
    ) -> tuple[object, list[str]]:
        """Start a TeamSpawner against ``root`` with JupyterHub's own start and user switch
        stood in for; what the started process's preexec did, in order."""
        from types import SimpleNamespace

        from tests.coroutines import run

        pytest.importorskip("jupyterhub", reason="the hub extra is not installed")
        from jupyterhub.spawner import LocalProcessSpawner

        from workshop_kit.hub_spawner import TeamSpawner

        done: list[str] = []

        def drop_to_user(self: object, name: str) -> object:
            return lambda: done.append(f"became {name}")

        async def popen(self: object) -> tuple[str, int]:
            preexec = self.make_preexec_fn(self.user.name)  # type: ignore[attr-defined]
            preexec()  # in the child, between fork and exec
            return ("127.0.0.1", 1)

        monkeypatch.setattr(LocalProcessSpawner, "make_preexec_fn", drop_to_user)
        monkeypatch.setattr(LocalProcessSpawner, "start", popen)
        user = SimpleNamespace(name="facilitator" if admin else "team-oak-ilt", admin=admin)
        spawner = TeamSpawner(user=user, cgroup_root=str(root), **config)
        real_join = team_limits.join_files

        def join(files: tuple[Path, ...], pid: int = 0) -> None:
            real_join(files, pid)
            done.append("joined " + " ".join(read(f) for f in files))

        monkeypatch.setattr(team_limits, "join_files", join)
        run(spawner.start())
        return spawner, done

    def test_the_server_joins_its_groups_then_becomes_the_teams_user(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        root = fake_v1(tmp_path / "cg")
        _, done = self.start(root, monkeypatch, mem_limit="1G", max_processes=64)
        pid = str(os.getpid())
        assert done == [f"joined {pid} {pid}", "became team-oak-ilt"]
        memory = root / "memory" / "workshop-kit" / "team-oak-ilt"
        assert read(memory / "memory.limit_in_bytes") == str(GIB)
        assert read(root / "pids" / "workshop-kit" / "team-oak-ilt" / "pids.max") == "64"

    def test_the_facilitator_has_its_own_memory_limit(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        root = fake_v2(tmp_path / "cg")
        self.start(root, monkeypatch, admin=True, mem_limit="1G", admin_mem_limit="2G")
        folder = root / "workshop-kit" / "facilitator"
        assert read(folder / "memory.max") == str(2 * GIB)
        assert read(folder / "pids.max") == str(team_limits.DEFAULT_MAX_PROCESSES)

    def test_no_groups_no_start(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Where the limits cannot be set the server does not start: never without them."""
        with pytest.raises(LimitsUnavailable, match="--no-limits"):
            self.start(tmp_path, monkeypatch, mem_limit="1G")

    def test_without_limits_it_is_the_plain_spawner(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        _, done = self.start(tmp_path, monkeypatch, enforce_limits=False)
        assert done == ["became team-oak-ilt"]
        assert not list(tmp_path.iterdir())
