"""Memory and process limits per hub account that the operating system enforces (issue 27).

Each account's server runs in control groups of its own, below a parent the kit owns
(``workshop-kit/<account>``), with

* a memory limit (``memory.max`` on cgroup v2; ``memory.limit_in_bytes`` on v1, and
  ``memory.memsw.limit_in_bytes`` where swap is accounted, so swap is no way around it): past
  it the kernel reclaims, then kills a process of that account only (the OOM killer, counted
  in the group's ``oom_kill``);
* a process limit (``pids.max``): past it ``fork`` fails with EAGAIN in that account only. The
  kernel counts tasks, so a thread counts as a process.

:func:`prepare` makes an account's groups (as root, in the hub, before the server starts);
:func:`preexec` gives the function the child runs between ``fork`` and ``exec``, before it
drops to the account's user, which writes its own pid into the groups' ``cgroup.procs``: only
``os.open``/``os.write`` of paths computed in the parent. Once in, the account's user cannot
move out (the files are root's).

Where no control group can be written (not root, not Linux, no memory or pids controller),
:func:`detect` and :func:`prepare` raise :class:`LimitsUnavailable` with one plain sentence:
the hub then refuses to start unless told ``--no-limits``, so nobody believes limits hold when
they do not. Every function takes the cgroup root as a parameter: the unit tests lay out a
folder like cgroupfs and check which value goes into which file.

This module imports neither JupyterHub nor any widget library.
"""

from __future__ import annotations

import contextlib
import enum
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from workshop_kit.errors import WorkshopError

#: where the kernel mounts the control groups
CGROUP_ROOT = Path("/sys/fs/cgroup")
#: the kit's own parent group, in every hierarchy it uses
PARENT = "workshop-kit"
#: tasks per account, by default: a team's server with its pages open ran 13-19 (threads
#: included) in the hub test, the facilitator's 18; room for kernels and busy pages, and a
#: fork bomb stops here
DEFAULT_MAX_PROCESSES = 256
#: the controllers the limits need
CONTROLLERS = ("memory", "pids")
#: an account's group name: a Unix user name (the hub's accounts are ``team-<slug>`` and
#: ``facilitator``), never a path
GROUP_NAME = re.compile(r"^[a-z_][a-z0-9_-]{0,31}$")
#: ``1G`` and the like, as JupyterHub's ``mem_limit`` takes them (units of 1024)
SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)B?\s*$", re.IGNORECASE)
UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}

UNAVAILABLE = (
    "This computer offers no control groups the hub can write (it needs root on Linux, with "
    "cgroup v2 or the cgroup v1 memory and pids hierarchies under {root}), so it cannot "
    "enforce each team's memory and process limits: start the hub with --no-limits to run "
    "without them."
)


class LimitsUnavailable(WorkshopError):
    """The limits cannot be enforced here; the message says why and what to do."""


class Version(enum.Enum):
    V1 = "v1"
    V2 = "v2"


@dataclass(frozen=True)
class Limits:
    """What one account may use; None: no limit."""

    memory: int | None  # bytes
    processes: int | None  # tasks (threads count)


@dataclass(frozen=True)
class Groups:
    """One account's control groups: one folder on cgroup v2, one per hierarchy on v1."""

    account: str
    version: Version
    folders: tuple[Path, ...]

    @property
    def procs_files(self) -> tuple[Path, ...]:
        return tuple(folder / "cgroup.procs" for folder in self.folders)


def parse_size(text: str | int) -> int:
    """Bytes from ``"1G"``, ``"512M"``, ``"1.5G"``, ``"2048K"`` or a number of bytes (units of
    1024, as JupyterHub's ``mem_limit``)."""
    if isinstance(text, int):
        number, unit = float(text), ""
    else:
        found = SIZE.match(text)
        if not found:
            raise WorkshopError(
                f"‘{text}’ is not an amount of memory: write it like 1G or 512M "
                "(G for gigabytes, M for megabytes)."
            )
        number, unit = float(found.group(1)), found.group(2).upper()
    size = int(number * UNITS[unit])
    if size <= 0:
        raise WorkshopError(f"‘{text}’ is no memory at all: give a limit above zero, like 1G.")
    return size


def detect(root: Path = CGROUP_ROOT) -> Version:
    """Which control groups ``root`` offers with both controllers: cgroup v2 (unified) where
    its root lists them, else the v1 ``memory`` and ``pids`` hierarchies. Raises
    :class:`LimitsUnavailable` when neither is there, or not writable."""
    controllers = root / "cgroup.controllers"
    if controllers.is_file():
        offered = set(_read(controllers).split())
        if set(CONTROLLERS) <= offered and os.access(root, os.W_OK):
            return Version.V2
    elif all((root / c / "cgroup.procs").is_file() for c in CONTROLLERS) and all(
        os.access(root / c, os.W_OK) for c in CONTROLLERS
    ):
        return Version.V1
    raise LimitsUnavailable(UNAVAILABLE.format(root=root))


def _hierarchies(root: Path, version: Version) -> dict[str, Path]:
    if version is Version.V2:
        return {"unified": root}
    return {c: root / c for c in CONTROLLERS}


def _read(path: Path) -> str:
    return path.read_text(encoding="ascii").strip()


def _write(path: Path, value: str) -> None:
    # as `echo value > path` does: cgroupfs takes one value per write
    path.write_text(value, encoding="ascii")


def _value(limit: int | None) -> str:
    return "max" if limit is None else str(limit)


def check_name(account: str) -> None:
    if not GROUP_NAME.match(account):
        raise WorkshopError(f"‘{account}’ cannot name a control group: it is no account name.")


def group_folders(
    account: str, root: Path = CGROUP_ROOT, parent: str = PARENT, version: Version | None = None
) -> Groups:
    """Where the account's groups are (made or not)."""
    check_name(account)
    check_name(parent)
    version = version or detect(root)
    folders = tuple(h / parent / account for h in _hierarchies(root, version).values())
    return Groups(account, version, folders)


def prepare(account: str, limits: Limits, root: Path = CGROUP_ROOT, parent: str = PARENT) -> Groups:
    """Make (or update) the account's groups below ``parent`` with ``limits``. Idempotent.
    Raises :class:`LimitsUnavailable` when the groups cannot be made or limited."""
    version = detect(root)
    groups = group_folders(account, root, parent, version)
    try:
        if version is Version.V2:
            _prepare_v2(root, parent, groups.folders[0], limits)
        else:
            _prepare_v1(root, parent, groups.folders, limits)
    except OSError as exc:
        raise LimitsUnavailable(
            f"The limits for {account} could not be set in {root} ({exc.strerror or exc}), so "
            "they would not hold: start the hub with --no-limits to run without them."
        ) from exc
    return groups


def _enable_controllers(folder: Path) -> None:
    """Let ``folder``'s child groups use the memory and pids controllers (cgroup v2)."""
    control = folder / "cgroup.subtree_control"
    enabled = set(_read(control).split()) if control.exists() else set()
    missing = [c for c in CONTROLLERS if c not in enabled]
    if missing:
        _write(control, " ".join(f"+{c}" for c in missing))


def _prepare_v2(root: Path, parent: str, folder: Path, limits: Limits) -> None:
    _enable_controllers(root)
    (root / parent).mkdir(exist_ok=True)
    _enable_controllers(root / parent)
    folder.mkdir(exist_ok=True)
    _write(folder / "memory.max", _value(limits.memory))
    if (folder / "memory.swap.max").exists():  # no swap past the limit either
        _write(folder / "memory.swap.max", "0" if limits.memory is not None else "max")
    _write(folder / "pids.max", _value(limits.processes))


def _prepare_v1(root: Path, parent: str, folders: tuple[Path, ...], limits: Limits) -> None:
    memory, pids = folders
    for folder in folders:
        folder.parent.mkdir(exist_ok=True)
        folder.mkdir(exist_ok=True)
    unlimited = "-1"
    value = unlimited if limits.memory is None else str(limits.memory)
    # memory and swap together, where the kernel accounts swap: the limit of both must never
    # be below the memory limit, so it is lifted first and set last
    swap = (root / "memory" / "memory.memsw.limit_in_bytes").exists()
    if swap:
        _write(memory / "memory.memsw.limit_in_bytes", unlimited)
    _write(memory / "memory.limit_in_bytes", value)
    if swap:
        _write(memory / "memory.memsw.limit_in_bytes", value)
    _write(pids / "pids.max", _value(limits.processes))


def join_files(procs_files: Iterable[Path], pid: int = 0) -> None:
    """Move process ``pid`` (0: the calling one) into the groups whose ``cgroup.procs`` files
    are given: one ``os.open``/``os.write`` each, nothing else (safe between fork and exec)."""
    data = b"%d" % (pid or os.getpid())
    for path in procs_files:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)


def join(groups: Groups, pid: int = 0) -> None:
    """Move process ``pid`` (0: the calling one) into the account's groups."""
    join_files(groups.procs_files, pid)


def preexec(groups: Groups, then: Callable[[], None] | None = None) -> Callable[[], None]:
    """A ``preexec_fn`` for ``subprocess.Popen``: the child joins the account's groups, then
    runs ``then`` (JupyterHub's, which drops to the account's user). Paths are computed now,
    in the parent; a failure to join fails the start (Popen raises), it never runs unlimited."""
    files = groups.procs_files

    def run() -> None:
        join_files(files)
        if then is not None:
            then()

    return run


def members(groups: Groups) -> list[int]:
    """The processes in the account's groups (every hierarchy)."""
    pids: set[int] = set()
    for path in groups.procs_files:
        with contextlib.suppress(FileNotFoundError):
            pids.update(int(line) for line in _read(path).split())
    return sorted(pids)


def _counters(path: Path) -> dict[str, int]:
    """``name value`` lines (memory.events, pids.events, memory.oom_control)."""
    found = {}
    with contextlib.suppress(FileNotFoundError):
        for line in _read(path).splitlines():
            name, _, value = line.partition(" ")
            if value.strip().isdigit():
                found[name] = int(value)
    return found


@dataclass(frozen=True)
class Events:
    """What the kernel counted in an account's groups."""

    memory_limit_hits: int  # times usage met the memory limit
    oom_kills: int  # processes the kernel killed there for memory
    process_limit_hits: int  # forks refused at the process limit
    memory_peak: int  # bytes (0 where the kernel does not say)


def events(groups: Groups) -> Events:
    if groups.version is Version.V2:
        folder = groups.folders[0]
        memory = _counters(folder / "memory.events")
        peak = folder / "memory.peak"
        return Events(
            memory.get("max", 0),
            memory.get("oom_kill", 0),
            _counters(folder / "pids.events").get("max", 0),
            int(_read(peak)) if peak.exists() else 0,
        )
    memory_folder, pids_folder = groups.folders
    # the memory-and-swap limit, where set, is met first (it is charged first)
    hits = sum(
        int(_read(memory_folder / name))
        for name in ("memory.failcnt", "memory.memsw.failcnt")
        if (memory_folder / name).exists()
    )
    peak = memory_folder / "memory.max_usage_in_bytes"
    return Events(
        hits,
        _counters(memory_folder / "memory.oom_control").get("oom_kill", 0),
        _counters(pids_folder / "pids.events").get("max", 0),
        int(_read(peak)) if peak.exists() else 0,
    )


def remove(groups: Groups) -> None:
    """Remove the account's groups (they must hold no process any more); gone already is fine."""
    for folder in groups.folders:
        with contextlib.suppress(FileNotFoundError):
            folder.rmdir()


def remove_parent(root: Path = CGROUP_ROOT, parent: str = PARENT) -> None:
    """Remove the kit's parent group where it is empty of groups; gone already is fine."""
    check_name(parent)
    version = detect(root)
    for hierarchy in _hierarchies(root, version).values():
        with contextlib.suppress(OSError):  # gone, or it still holds groups
            (hierarchy / parent).rmdir()
