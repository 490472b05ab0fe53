"""App mode: the workshop served with Voila, so teams at a projector see prose, widgets and charts
and never a line of Python.

Why a landing *notebook* (``notebooks/00_start_here.ipynb``) rather than a customised Voila tree
page: the tree page can only list file names, and customising it means overriding Voila's
JupyterLab-based tree front end, which changes between Voila releases. A notebook is rendered by
the same machinery as the days, reads as a page of prose in JupyterLab too, and lists the day
notebooks (and any facilitator notebooks dropped into ``notebooks/``) with their real titles.
``/`` redirects to it; Voila's file list stays reachable at ``/voila/tree``.

Voila's safe defaults are kept and stated explicitly (so a stray ``voila.json`` cannot loosen
them): sources stripped from the page, no tracebacks sent to the page, and Voila's kernel
websocket only accepts widget (comm) and kernel-info messages, so a page can never ask the kernel
to execute code. The server binds 127.0.0.1 unless told otherwise.

The page works offline: the ``workshop`` Voila template (``data/jupyter/voila/templates``) is
Voila's ``lab`` template without the Font Awesome stylesheets it would fetch from a CDN (Voila
bundles the icons itself).
"""

from __future__ import annotations

import os
import threading
import webbrowser
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from workshop_kit import paths

LANDING = "00_start_here.ipynb"
TEMPLATE = "workshop"
DEFAULT_PORT = 8866
DEFAULT_IP = "127.0.0.1"


def jupyter_data_dir() -> Path:
    """The folder added to ``JUPYTER_PATH`` so Voila finds the ``workshop`` template."""
    return paths.data_dir() / "jupyter"


def landing_path() -> str:
    """The landing page's path on the server (relative to its root URL)."""
    return f"voila/render/{LANDING}"


def voila_arguments(
    port: int = DEFAULT_PORT, ip: str = DEFAULT_IP, open_browser: bool = True
) -> list[str]:
    """Command-line arguments for Voila, serving the whole ``notebooks/`` folder."""
    arguments = [
        str(paths.notebooks_dir()),
        f"--port={port}",
        f"--Voila.ip={ip}",
        "--Voila.port_retries=0",  # a busy port is an error to report, not a silent switch
        f"--template={TEMPLATE}",
        "--strip_sources=True",
        "--show_tracebacks=False",
        "--theme=light",
    ]
    if not open_browser:
        arguments.append("--no-browser")
    return arguments


def app_environment(workspace: Path, base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for the Voila server and its kernels: the workspace every kernel opens,
    the extra Jupyter data folder holding the page template, and the kit's own python3 kernel."""
    env = dict(os.environ if base is None else base)
    env[paths.WORKSPACE_ENV] = str(workspace)
    env = paths.with_jupyter_path(env, jupyter_data_dir(), paths.kit_jupyter_data())
    env.setdefault("MPLBACKEND", "Agg")
    return env


def _voila_class() -> Any:
    """Voila's application, adjusted to open on the landing page (imported late: it is heavy)."""
    from tornado.web import RedirectHandler
    from voila.app import Voila  # type: ignore[import-untyped]

    class WorkshopVoila(Voila):  # type: ignore[misc]
        name = "workshop-kit-app"

        def init_handlers(self) -> list[Any]:
            landing = self.server_url.rstrip("/") + "/" + landing_path()
            redirect = (
                self.server_url.rstrip("/") + "/?",
                RedirectHandler,
                {"url": landing, "permanent": False},
            )
            return [redirect, *super().init_handlers()]

        def launch_browser(self) -> None:
            url = self.connection_url.rstrip("/") + "/" + landing_path()
            threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()

    return WorkshopVoila


def serve(
    workspace: Path,
    port: int = DEFAULT_PORT,
    ip: str = DEFAULT_IP,
    open_browser: bool = True,
    extra_arguments: Sequence[str] = (),
) -> int:
    """Run the app server until interrupted (Ctrl+C or SIGTERM stops it and its kernels)."""
    os.environ.update(app_environment(workspace))
    print(
        f"Serving the workshop as web apps on http://{ip}:{port}/ (workspace: {workspace}).\n"
        "Stop it with Ctrl+C."
    )
    _voila_class().launch_instance(
        argv=[*voila_arguments(port, ip, open_browser), *extra_arguments]
    )
    return 0
