"""Inside each account's server on the hub: the kit's pages, and kernels only where allowed.

JupyterHub starts one Jupyter server per account (``jupyterhub-singleuser``, as the account's
Unix user). Its settings come from ``data/jupyter/hub-server/jupyter_server_config.py``, which
calls :func:`configure` with the environment the hub gave the server (see ``hub.py``):

* the pages are ``workshop-kit app`` (one Solara process, no kernels: ``pages/server.py``),
  started on the first request by jupyter-server-proxy and served at ``<server>/pages/``. The
  Solara server listens on a Unix socket in a folder only the account's user can enter (made by
  jupyter-server-proxy, mode 0700), never on a TCP port: another account on the same machine
  can neither connect to it nor read its traffic; the only way in is the account's Jupyter
  server, behind the hub's login;
* the pages serve the account the hub logged in (:data:`PAGES_FOR_ENV`): a team's own pages, or
  the facilitator's. No join code is asked on the hub (see ``docs/decisions.md``);
* a team's server starts no kernel unless the facilitator enabled JupyterLab for the team
  (:data:`JUPYTERLAB_ENV`); the starting of a kernel is refused (:class:`NoKernels`) and the
  terminals are off. Where kernels run (the facilitator, teams with JupyterLab), they talk to
  the server over local sockets in the account's private runtime folder, not TCP ports;
* Voila's server extension, where Voila is installed (the benchmarks' extra), is switched off.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web

from workshop_kit import paths

#: the pages' address inside an account's server: ``/user/<account>/pages/``
PAGES = "pages"
#: who the pages serve: ``team:<folder>`` or ``facilitator`` (set per account by the hub)
PAGES_FOR_ENV = "WORKSHOP_KIT_PAGES_FOR"
FACILITATOR = "facilitator"
#: "1": this account may run kernels (JupyterLab); anything else: it may not
JUPYTERLAB_ENV = "WORKSHOP_KIT_JUPYTERLAB"
#: the longest path a Unix socket may have (``sun_path``, less its closing zero byte)
SOCKET_PATH_LIMIT = 107
#: how long the pages may take to answer after their start (a busy machine imports slowly)
PAGES_START_SECONDS = 120.0

NO_KERNELS = (
    "This team's server runs no code: its pages need none. To work in JupyterLab, ask the "
    "facilitator to enable it for your team."
)


def pages_for_team(slug: str) -> str:
    """The :data:`PAGES_FOR_ENV` value for a team's account."""
    return f"team:{slug}"


def jupyterlab_allowed(environ: Mapping[str, str]) -> bool:
    return environ.get(JUPYTERLAB_ENV, "") == "1"


def pages_process(python: str, workspace: str, home: str) -> dict[str, Any]:
    """jupyter-server-proxy's entry for the pages: ``workshop-kit app`` on a Unix socket, told the
    address prefix it is served under (``{base_url}``: ``/user/<account>/``), with Solara's own
    folder in the account's home (the workspace's top folder is not the account's to write)."""
    return {
        "command": [
            python,
            "-m",
            "workshop_kit.cli",
            "--workspace",
            workspace,
            "app",
            "--no-browser",
            "--unix-socket",
            "{unix_socket}",
        ],
        "unix_socket": True,
        "environment": {
            "SOLARA_ROOT_PATH": "{base_url}" + PAGES,
            "SOLARA_HOME": str(Path(home) / ".workshop-kit-pages"),
        },
        "timeout": PAGES_START_SECONDS,
        # not in JupyterLab's launcher: the pages open from the account's start address
        "launcher_entry": {"enabled": False},
    }


class NoKernels(AsyncMappingKernelManager):
    """The kernel manager of a server whose account runs no code: every start is refused with a
    plain reason (403), so JupyterLab says why instead of starting a process."""

    # the handlers await start_kernel (jupyter_client types it as the synchronous one)
    async def start_kernel(self, *args: Any, **kwargs: Any) -> str:  # type: ignore[override]
        raise web.HTTPError(403, NO_KERNELS, reason="No kernels for this team")


def configure(c: Any, environ: Mapping[str, str] | None = None) -> None:
    """Set an account's Jupyter server (``c``: its traitlets config) from ``environ``."""
    env = os.environ if environ is None else environ
    # Voila's server extension (enabled by its install) serves no page here
    c.ServerApp.jpserver_extensions = {"voila.server_extension": False}
    c.ServerProxy.servers = {
        PAGES: pages_process(
            sys.executable,
            env.get(paths.WORKSPACE_ENV, str(paths.workspace_dir())),
            env.get("HOME", str(Path.home())),
        )
    }
    # kernels, where any run, on local sockets in the runtime folder (the hub makes it private
    # per account); a kernel's sockets are named "<runtime>/kernel-<id>-ipc-<n>"
    c.KernelManager.transport = "ipc"
    if not jupyterlab_allowed(env):
        c.ServerApp.kernel_manager_class = f"{__name__}.NoKernels"
        c.ServerApp.terminals_enabled = False


def longest_kernel_socket(runtime_dir: str | os.PathLike[str]) -> int:
    """The length of the longest kernel socket path in ``runtime_dir`` (a kernel id is 36
    characters, and a kernel has five sockets)."""
    return len(str(Path(runtime_dir) / f"kernel-{'x' * 36}-ipc-5"))
