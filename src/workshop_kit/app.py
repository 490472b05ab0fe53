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

Pages open from a preheated kernel: for each page a team opens (the landing page and the days)
Voila keeps :data:`PREHEATED` kernels started, with the kit imported and the page's cells run up
to the point where the team is needed. There the kernel waits for its page request
(``session.wait_for_page_request``) and reads the team from the address, so everything a team sees
is read from its files after the request: a page opened right after a save shows it. Standby
kernels are not counted against ``--max-pages``; they cost about one page's memory each.

The page works offline: the ``workshop`` Voila template (``data/jupyter/voila/templates``) is
Voila's ``lab`` template without the Font Awesome stylesheets it would fetch from a CDN (Voila
bundles the icons itself).
"""

from __future__ import annotations

import os
import threading
import time
import webbrowser
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from workshop_kit import paths

LANDING = "00_start_here.ipynb"
TEMPLATE = "workshop"
DEFAULT_PORT = 8866
DEFAULT_IP = "127.0.0.1"
#: kernels kept ready per team page; pages a facilitator opens once are started on request
PREHEATED = 1
VOILA_APP_IP_ENV = "VOILA_APP_IP"
NOT_PREHEATED = ["00_facilitator_guide.ipynb", "10_facilitator_overview.ipynb"]


def jupyter_data_dir() -> Path:
    """The folder added to ``JUPYTER_PATH`` so Voila finds the ``workshop`` template."""
    return paths.data_dir() / "jupyter"


def landing_path() -> str:
    """The landing page's path on the server (relative to its root URL)."""
    return f"voila/render/{LANDING}"


#: a page left open but unused this long frees its kernel (the team's saved work is in its files,
#: and a reload starts a fresh kernel from them)
IDLE_MINUTES = 20
#: at most this many pages (kernels) at once; then a plain "server is full" page (each open page
#: holds about 110-150 MB, see the facilitator guide)
MAX_PAGES = 60
MAX_PAGES_ENV = "WORKSHOP_KIT_MAX_PAGES"
CLOSED_PAGE_ENV = "WORKSHOP_KIT_CLOSED_PAGE_SECONDS"

SERVER_FULL = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>The workshop server is full</title></head>
<body style="font-family:sans-serif;font-size:20px;max-width:40em;margin:3em auto;line-height:1.5">
<h1>The workshop server is full</h1>
<p>Too many pages are open on this server right now. Please try again in a minute: pages that
other people close, or leave unused for a while, make room.</p>
<p>Nothing of your team's work is lost: it is saved in your team's workbook.</p>
</body></html>"""


def voila_arguments(
    port: int = DEFAULT_PORT,
    ip: str = DEFAULT_IP,
    open_browser: bool = True,
    idle_minutes: float = IDLE_MINUTES,
    preheated: int = PREHEATED,
) -> list[str]:
    """Command-line arguments for Voila, serving the whole ``notebooks/`` folder. Kernels of
    pages nobody is connected to are culled after ``idle_minutes`` (0: never); a connected page
    keeps its kernel. ``preheated`` kernels wait ready for each team page (0: none)."""
    idle_seconds = round(idle_minutes * 60)
    arguments = [
        str(paths.notebooks_dir()),
        f"--port={port}",
        f"--Voila.ip={ip}",
        "--Voila.port_retries=0",  # a busy port is an error to report, not a silent switch
        f"--template={TEMPLATE}",
        "--strip_sources=True",
        "--show_tracebacks=False",
        "--theme=light",
        f"--MappingKernelManager.cull_idle_timeout={idle_seconds}",
        f"--MappingKernelManager.cull_interval={max(1, min(60, idle_seconds // 4 or 1))}",
        "--MappingKernelManager.cull_connected=False",
        # kernels talk to the server over local sockets, not TCP ports: kernels started at the
        # same moment (the pools at start-up) could otherwise be given the same free port, and
        # a kernel that cannot bind it dies ("Address already in use")
        "--KernelManager.transport=ipc",
    ]
    if preheated > 0:
        arguments += [
            "--preheat_kernel=True",
            f"--pool_size={preheated}",
            f"--VoilaKernelManager.preheat_denylist={NOT_PREHEATED!r}",
        ]
    if not open_browser:
        arguments.append("--no-browser")
    return arguments


def app_environment(
    workspace: Path, base: dict[str, str] | None = None, ip: str = DEFAULT_IP
) -> dict[str, str]:
    """The environment for the Voila server and its kernels: the workspace every kernel opens,
    the extra Jupyter data folder holding the page template, the kit's own python3 kernel, and
    the address a preheated kernel asks for its page request (Voila assumes 127.0.0.1)."""
    env = dict(os.environ if base is None else base)
    env[VOILA_APP_IP_ENV] = "127.0.0.1" if ip in ("0.0.0.0", "::", "") else ip
    env[paths.WORKSPACE_ENV] = str(workspace)
    env = paths.with_jupyter_path(env, jupyter_data_dir(), paths.kit_jupyter_data())
    env.setdefault("MPLBACKEND", "Agg")
    return env


def _voila_class() -> Any:
    """Voila's application, adjusted to open on the landing page (imported late: it is heavy)."""
    from tornado.web import RedirectHandler
    from voila.app import Voila  # type: ignore[import-untyped]
    from voila.handler import VoilaHandler  # type: ignore[import-untyped]

    class WorkshopVoila(Voila):  # type: ignore[misc]
        name = "workshop-kit-app"

        def init_handlers(self) -> list[Any]:
            landing = self.server_url.rstrip("/") + "/" + landing_path()
            redirect = (
                self.server_url.rstrip("/") + "/?",
                RedirectHandler,
                {"url": landing, "permanent": False},
            )
            handlers = [
                (h[0], _page_handler(h[1]), *h[2:])
                if isinstance(h[1], type) and issubclass(h[1], VoilaHandler)
                else h
                for h in super().init_handlers()
            ]
            return [redirect, *handlers]

        def listen(self) -> None:
            """Before serving: watch for pages whose connection is gone (see ClosedPages)."""
            from tornado.ioloop import IOLoop

            closed = ClosedPages(closed_page_seconds())
            check_every = min(CHECK_CLOSED_SECONDS, closed.seconds / 2)
            manager = self.kernel_manager
            connect, disconnect = manager.notify_connect, manager.notify_disconnect

            def notify_connect(kernel_id: str) -> None:
                closed.connected(kernel_id)
                connect(kernel_id)

            def notify_disconnect(kernel_id: str) -> None:
                closed.disconnected(kernel_id, time.monotonic())
                disconnect(kernel_id)

            manager.notify_connect, manager.notify_disconnect = notify_connect, notify_disconnect

            def free_closed_pages() -> None:
                try:
                    live = set(manager.list_kernel_ids())
                    for kernel_id in closed.to_free(live, time.monotonic()):
                        self.log.info("Freeing the kernel of a page closed without a goodbye")
                        IOLoop.current().add_callback(manager.shutdown_kernel, kernel_id)
                except Exception:  # the check must never stop the server; the next one runs
                    self.log.exception("Could not check for closed pages")
                finally:
                    IOLoop.current().call_later(check_every, free_closed_pages)

            IOLoop.current().add_callback(free_closed_pages)
            super().listen()

        def launch_browser(self) -> None:
            url = self.connection_url.rstrip("/") + "/" + landing_path()
            threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()

    return WorkshopVoila


def _page_handler(base: type[Any]) -> type[Any]:
    """Voila's page handler, made to fit a room of devices on one server:

    * it sets the ``_xsrf`` cookie, which the page sends back when it closes so that its kernel
      is shut down; without it the shutdown is refused ("'_xsrf' argument missing") and every
      closed page leaves its kernel running. XSRF protection stays on.
    * when :data:`MAX_PAGES` kernels are running (``WORKSHOP_KIT_MAX_PAGES``), a new page gets a
      plain "server is full" page instead of a kernel, so the machine never runs out of memory.
    """

    notebooks = served_notebooks()  # Voila's pools are made for these, once, at start-up

    class WorkshopPage(base):  # type: ignore[misc]
        async def prepare(self) -> None:
            ready = super().prepare()  # it establishes who the visitor is, which the token needs
            if ready is not None:
                await ready
            self.xsrf_token  # noqa: B018 - reading it sets the cookie

        async def get(self, path: str | None = None) -> None:
            if pages_open(self.kernel_manager, notebooks) >= max_pages():
                self.set_status(503)
                self.set_header("Content-Type", "text/html; charset=utf-8")
                self.set_header("Retry-After", "60")
                self.finish(SERVER_FULL)
                return
            await super().get(path)

    WorkshopPage.__name__ = WorkshopPage.__qualname__ = f"Workshop{base.__name__}"
    return WorkshopPage


#: a page whose connection to its kernel has been gone this long is taken as closed. A closing
#: page says goodbye (its shutdown beacon), but under load or when a tablet is shut mid-close the
#: beacon can be lost; a Voila page never reconnects to a kernel after a reload, and a dropped
#: connection that comes back within this time (wifi) keeps its kernel
CLOSED_PAGE_SECONDS = 30.0
CHECK_CLOSED_SECONDS = 5.0


class ClosedPages:
    """Which kernels to free: those whose page connected and has had no connection for
    ``seconds`` (a kernel never connected is a page still loading, and is left alone). Told of
    each connection as it opens and closes, so a page open only a moment is counted too."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._open: dict[str, int] = {}
        self._gone_since: dict[str, float] = {}

    def connected(self, kernel_id: str) -> None:
        self._open[kernel_id] = self._open.get(kernel_id, 0) + 1
        self._gone_since.pop(kernel_id, None)

    def disconnected(self, kernel_id: str, now: float) -> None:
        self._open[kernel_id] = max(0, self._open.get(kernel_id, 0) - 1)
        if self._open[kernel_id] == 0:
            self._gone_since[kernel_id] = now

    def to_free(self, live: set[str], now: float) -> list[str]:
        """Of the ``live`` kernels, those to free now (each given once)."""
        for kernel_id in set(self._open) - live:
            self._open.pop(kernel_id, None)
            self._gone_since.pop(kernel_id, None)
        free = [k for k, since in self._gone_since.items() if now - since >= self.seconds]
        for kernel_id in free:
            del self._gone_since[kernel_id]
            del self._open[kernel_id]
        return free


def served_notebooks() -> list[str]:
    """The notebooks Voila serves, named as its kernel pools name them (relative paths)."""
    root = paths.notebooks_dir()
    return [str(nb.relative_to(root)) for nb in sorted(root.rglob("*.ipynb"))]


def pages_open(manager: Any, notebooks: Sequence[str]) -> int:
    """Kernels serving pages: all of them but those waiting ready in Voila's pools for
    ``notebooks`` (a pool's place is counted from when its kernel is asked for, so while a pool
    refills the count can be low by at most the pool's size)."""
    pool_size = getattr(manager, "get_pool_size", None)
    standby = sum(pool_size(nb) for nb in notebooks) if pool_size is not None else 0
    return max(0, len(manager.list_kernel_ids()) - standby)


def ready_note(preheated: int) -> str:
    if preheated <= 0:
        return "no kernel is kept ready, so each page starts its own"
    kernels = "a kernel" if preheated == 1 else f"{preheated} kernels"
    return f"{kernels} kept ready for each team page"


def closed_page_seconds() -> float:
    """How long a page's connection may be gone before its kernel is freed (``serve`` sets it;
    tests shorten it so they need not wait half a minute for a closed page)."""
    try:
        return max(1.0, float(os.environ.get(CLOSED_PAGE_ENV, CLOSED_PAGE_SECONDS)))
    except ValueError:
        return CLOSED_PAGE_SECONDS


def max_pages() -> int:
    try:
        return max(1, int(os.environ.get(MAX_PAGES_ENV, MAX_PAGES)))
    except ValueError:
        return MAX_PAGES


def serve(
    workspace: Path,
    port: int = DEFAULT_PORT,
    ip: str = DEFAULT_IP,
    open_browser: bool = True,
    extra_arguments: Sequence[str] = (),
    idle_minutes: float = IDLE_MINUTES,
    pages: int = MAX_PAGES,
    preheated: int = PREHEATED,
    closed_seconds: float = CLOSED_PAGE_SECONDS,
) -> int:
    """Run the app server until interrupted (Ctrl+C or SIGTERM stops it and its kernels)."""
    os.environ.update(app_environment(workspace, ip=ip))
    os.environ[MAX_PAGES_ENV] = str(pages)
    os.environ[CLOSED_PAGE_ENV] = str(closed_seconds)
    print(
        f"Serving the workshop as web apps on http://{ip}:{port}/ (workspace: {workspace}).\n"
        f"At most {pages} pages at once; a page unused for {idle_minutes:g} minutes frees its "
        f"memory; {ready_note(preheated)}. Stop it with Ctrl+C."
    )
    _voila_class().launch_instance(
        argv=[
            *voila_arguments(port, ip, open_browser, idle_minutes, preheated),
            *extra_arguments,
        ]
    )
    return 0
