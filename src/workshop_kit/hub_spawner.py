"""The hub's spawner: JupyterHub's LocalProcessSpawner, with limits the kernel enforces
(imported by the generated ``jupyterhub_config.py``; needs the ``hub`` extra).

Before each start the hub (root) makes the account's control groups with its memory and process
limits (:mod:`workshop_kit.team_limits`); the server's process joins them between ``fork`` and
``exec``, before it drops to the account's Unix user, so every process the server starts (its
pages, its kernels) is inside them too. A group that cannot be made or joined fails the start:
a server never runs without its limits, unless the hub was told ``--no-limits``
(:attr:`TeamSpawner.enforce_limits` false).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from jupyterhub.spawner import LocalProcessSpawner  # type: ignore[import-untyped]
from jupyterhub.traitlets import ByteSpecification  # type: ignore[import-untyped]
from traitlets import Bool, Integer, Unicode

from workshop_kit import team_limits


class TeamSpawner(LocalProcessSpawner):  # type: ignore[misc]
    """Each account's server as its Unix user, inside control groups of its own."""

    enforce_limits = Bool(
        True, help="put each server in control groups with mem_limit and max_processes"
    ).tag(config=True)
    max_processes = Integer(
        team_limits.DEFAULT_MAX_PROCESSES,
        help="tasks (processes and threads) an account's server may run at once; 0: no limit",
    ).tag(config=True)
    admin_mem_limit = ByteSpecification(
        None, help="the admin's (facilitator's) memory limit; None: the same as mem_limit"
    ).tag(config=True)
    cgroup_root = Unicode(str(team_limits.CGROUP_ROOT), help="where cgroups are mounted").tag(
        config=True
    )
    cgroup_parent = Unicode(team_limits.PARENT, help="the kit's parent group").tag(config=True)

    _groups: team_limits.Groups | None = None

    def limits(self) -> team_limits.Limits:
        """This account's limits: the facilitator (the hub's admin) has its own memory limit."""
        memory = self.mem_limit
        if self.user.admin and self.admin_mem_limit is not None:
            memory = self.admin_mem_limit
        return team_limits.Limits(memory or None, self.max_processes or None)

    async def start(self) -> Any:
        if self.enforce_limits:
            self._groups = team_limits.prepare(
                self.user.name, self.limits(), Path(self.cgroup_root), self.cgroup_parent
            )
            self.log.info(
                "%s runs in %s: %s",
                self.user.name,
                ", ".join(str(f) for f in self._groups.folders),
                self.limits(),
            )
        else:
            self._groups = None
        return await super().start()

    def make_preexec_fn(self, name: str) -> Callable[[], None]:
        drop_to_user: Callable[[], None] = super().make_preexec_fn(name)
        if self._groups is None:
            return drop_to_user
        # into the groups first, as root: once the process is the account's user it could not
        return team_limits.preexec(self._groups, drop_to_user)
