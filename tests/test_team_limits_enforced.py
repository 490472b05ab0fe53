"""The kernel enforces the limits per account (issue 27: "a team allocated 2 GB and started 50
processes"): a runaway team is stopped and another team is not affected.

Two groups made by workshop_kit.team_limits below a parent of this test's own (64 MB, 16
processes each). In group A one program tries to allocate 256 MB, then another tries to start
40 processes; meanwhile in group B a program allocates 32 MB and starts 8 processes. Each joins
its group the way the hub's servers do (team_limits.preexec, between fork and exec).

Needs root on Linux with control groups the kit can write (cgroup v2, or the v1 memory and pids
hierarchies); otherwise skipped, saying why. Every process and group is removed afterwards.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from workshop_kit import team_limits
from workshop_kit.team_limits import Groups, Limits, LimitsUnavailable

pytestmark = pytest.mark.slow

MIB = 1024**2
MEMORY_MB, PROCESSES = 64, 16
PARENT = f"workshop-kit-test-{os.getpid()}"

#: allocates argv[1] MB, 1 MB at a time, every page written; says each MB it holds
ALLOCATE = r"""
import sys
held = []
for n in range(1, int(sys.argv[1]) + 1):
    held.append(bytes([n % 250 + 1]) * (1 << 20))
    print(n, flush=True)
print("done", flush=True)
"""

#: starts up to argv[1] processes that wait; says how many it got and why it stopped
FORK = r"""
import errno, os, signal, sys, time
children, stopped = [], "none"
for _ in range(int(sys.argv[1])):
    try:
        pid = os.fork()
    except OSError as exc:
        stopped = errno.errorcode.get(exc.errno, str(exc.errno))
        break
    if pid == 0:
        time.sleep(float(sys.argv[2]))
        os._exit(0)
    children.append(pid)
print(len(children), stopped, flush=True)
for pid in children:
    os.waitpid(pid, 0)
"""

#: a well-behaved team: allocates argv[1] MB, starts argv[2] processes, waits for them
WELL_BEHAVED = r"""
import os, sys, time
held = [bytes([n % 250 + 1]) * (1 << 20) for n in range(int(sys.argv[1]))]
children = []
for _ in range(int(sys.argv[2])):
    pid = os.fork()
    if pid == 0:
        time.sleep(2)
        os._exit(0)
    children.append(pid)
codes = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in children]
print(len(held), len(children), codes.count(0), flush=True)
"""


def skip_unless_possible() -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("control groups are Linux's")
    if os.geteuid() != 0:
        pytest.skip("only root can make control groups (run the test as root)")
    try:
        team_limits.detect()
    except LimitsUnavailable as exc:
        pytest.skip(exc.message)


def end(groups: Groups) -> None:
    """Kill whatever is left in the groups, then remove them."""
    deadline = time.monotonic() + 10
    while team_limits.members(groups):
        for pid in team_limits.members(groups):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        assert time.monotonic() < deadline, team_limits.members(groups)
        time.sleep(0.05)
    team_limits.remove(groups)


@pytest.fixture
def two_teams() -> Iterator[tuple[Groups, Groups]]:
    skip_unless_possible()
    made: list[Groups] = []
    try:
        for account in ("team-a", "team-b"):
            limits = Limits(MEMORY_MB * MIB, PROCESSES)
            made.append(team_limits.prepare(account, limits, parent=PARENT))
        yield made[0], made[1]
    finally:
        for groups in made:
            end(groups)
        team_limits.remove_parent(parent=PARENT)
        left = [p for p in Path(team_limits.CGROUP_ROOT).glob(f"*/{PARENT}") if p.exists()]
        left += [p for p in [team_limits.CGROUP_ROOT / PARENT] if p.exists()]
        assert left == [], left


def start(groups: Groups, program: str, *args: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", program, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=team_limits.preexec(groups),  # as the hub's spawner does
    )


def test_a_runaway_team_is_stopped_and_the_other_is_not(
    two_teams: tuple[Groups, Groups],
) -> None:
    a, b = two_teams
    began = time.monotonic()
    well_behaved = start(b, WELL_BEHAVED, 32, 8)
    assert well_behaved.pid in team_limits.members(b)  # it joined its group before exec

    # A allocates far past its memory limit: the kernel kills it (or Python gets MemoryError)
    runaway = start(a, ALLOCATE, 256)
    out, err = runaway.communicate(timeout=60)
    held = [line for line in out.split() if line.isdigit()]
    most = int(held[-1]) if held else 0
    print(f"A held {most} MB of 256 (limit {MEMORY_MB} MB), exit {runaway.returncode}")
    assert "done" not in out
    assert runaway.returncode == -signal.SIGKILL or "MemoryError" in err, (runaway.returncode, err)
    assert most < MEMORY_MB
    a_events = team_limits.events(a)
    print(f"A: {a_events}")
    # it reached its limit, no further, and the kernel's OOM killer stopped it (the kernel's
    # count of failed charges, memory_limit_hits, stayed 0 on Linux 6.18 with cgroup v1)
    assert (MEMORY_MB - 16) * MIB <= a_events.memory_peak <= MEMORY_MB * MIB
    assert a_events.oom_kills >= 1 or "MemoryError" in err

    # A starts processes past its process limit: its forks fail, at the limit (it counts too)
    forker = start(a, FORK, 40, 3)
    line = forker.stdout.readline() if forker.stdout else ""
    got, stopped = line.split()
    print(f"A started {got} of the 40 processes it asked for (limit {PROCESSES}): {stopped}")
    assert stopped == "EAGAIN" and int(got) == PROCESSES - 1
    assert len(team_limits.members(a)) == PROCESSES
    forker.communicate(timeout=30)
    assert forker.returncode == 0
    assert team_limits.events(a).process_limit_hits >= 1

    # B, meanwhile, did all it set out to do, and met neither of its limits
    out, err = well_behaved.communicate(timeout=60)
    assert well_behaved.returncode == 0, err
    assert out.split() == ["32", "8", "8"]
    b_events = team_limits.events(b)
    print(f"B: {b_events}")
    met = (b_events.memory_limit_hits, b_events.oom_kills, b_events.process_limit_hits)
    assert met == (0, 0, 0)
    assert time.monotonic() - began < 30


def test_a_process_cannot_leave_its_group_once_it_is_the_teams_user(
    two_teams: tuple[Groups, Groups],
) -> None:
    """The hub's servers join as root, then drop to the account's user: from then on the
    groups' files are not theirs to write, so a team cannot move itself out of its limits."""
    a, _ = two_teams
    leave = r"""
import os, sys
os.setgid(65534); os.setuid(65534)  # as JupyterHub drops to the account's user
refused = []
for path in sys.argv[1:]:
    try:
        with open(path, "w") as procs:
            procs.write(str(os.getpid()))
    except PermissionError:
        refused.append(path)
print(len(refused), flush=True)
"""
    outside = [folder.parent.parent / "cgroup.procs" for folder in a.folders]
    done = subprocess.run(
        [sys.executable, "-c", leave, *map(str, outside)],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=team_limits.preexec(a),
        check=False,
    )
    if done.returncode != 0 and "Permission denied" in done.stderr and "python" in done.stderr:
        pytest.skip("the user nobody cannot run this Python (it lives in a private folder)")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(len(outside))]
