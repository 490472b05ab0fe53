"""``workshop-kit app``: the one Solara server process that serves every page of the room.

Solara's settings are the kit's, set here before Solara is imported and again on its settings
objects afterwards (so a stray ``.env`` file in the folder it starts from cannot change them):

* no usage telemetry;
* no CDN: pages ask this server for Solara's front end (its asset "proxy" is on), and it serves
  the files the installed ``solara-assets`` package put into its cache folder (pinned to
  Solara's own version in ``pyproject.toml``). A file missing there is never fetched from the
  internet: the CDN the proxy would fall back on is set to a closed port on this machine, so
  the page gets a 404 and the browser test that blocks off-machine requests finds it;
* Solara's own folder (``SOLARA_HOME``) inside the workspace, not the user's home;
* a page whose connection is gone (not closed) keeps its state this long for it to reconnect;
* the kit's page script (``data/pages/assets/custom.js``, Solara's hook for one) keeps what a
  member types through a lost connection or a restarted server (see ``docs/decisions.md``),
  draws the "Large type" switch's state and loads the page scripts
  (names for screen readers, live counters);
* each page's messages go out in batches, every 50 ms, from one task per connection (Solara's
  ``experimental_performance``, since Solara 1.24): otherwise every widget message crosses from
  the page's thread to the server's event loop and waits there. Ten Day 1 pages opened with every
  activity: the server's CPU 14.2 s against 9.7 s, Chromium's 40.5 s against 34.8 s
  (``docs/decisions.md``);
* the pages' stylesheet is written at start into Solara's folder as its ``custom.css``, which
  Solara links in the head of every page (a ``solara.Style`` element arrives only once the
  page's widgets are drawn: a quick page showed 13 px text until then).
"""

from __future__ import annotations

import functools
import os
import socket
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from workshop_kit import paths
from workshop_kit.error_log import log_errors_to_workspace
from workshop_kit.session import serve_many_pages

DEFAULT_PORT = 8866
DEFAULT_HOST = "127.0.0.1"
APP_MODULE = "workshop_kit.pages.app"
#: a page whose connection dropped keeps its state this long, waiting to reconnect
DISCONNECTED_KEEP = "30m"

#: where Solara's asset proxy would fetch a file it does not hold: nowhere (port 9 is "discard",
#: closed on this machine, so the fetch fails at once)
NO_CDN = "http://127.0.0.1:9/"

SETTINGS_ENV = {
    "SOLARA_APP": APP_MODULE,
    "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False",
    "SOLARA_TELEMETRY_SERVER_USER_ID": "workshop-kit",
    "SOLARA_ASSETS_PROXY": "True",
    "SOLARA_ASSETS_CDN": NO_CDN,
    "SOLARA_KERNEL_CULL_TIMEOUT": DISCONNECTED_KEEP,
    "SOLARA_THEME_SHOW_BANNER": "False",
    "SOLARA_THEME_TITLE": "Workshop",
    "SOLARA_THEME_LOADER": "plain",
    "SOLARA_MODE": "production",
    "SOLARA_EXPERIMENTAL_PERFORMANCE": "True",
}


def assets_dir() -> Path:
    """The kit's files Solara serves before its own: ``custom.js``, included in every page, and
    the scripts it loads (``names.js``: names for screen readers; ``counters.js``: live
    counters, tick-box groups)."""
    return paths.data_dir() / "pages" / "assets"


def stylesheet_dir(env: Mapping[str, str]) -> Path:
    """Where the server writes the pages' stylesheet (``custom.css``) at start, in Solara's
    folder (``SOLARA_HOME``, set by :func:`server_environment`)."""
    return Path(env["SOLARA_HOME"]) / "kit-assets"


def asset_locations(env: Mapping[str, str]) -> list[str]:
    """Where Solara looks for ``/static/assets/...`` files before its own, in order."""
    return [str(assets_dir()), str(stylesheet_dir(env))]


def server_environment(workspace: Path, base: dict[str, str]) -> dict[str, str]:
    """``base`` with the kit's Solara settings and the workspace every page opens."""
    env = {**base, **SETTINGS_ENV}
    env[paths.WORKSPACE_ENV] = str(workspace)
    env.setdefault("SOLARA_HOME", str(workspace / ".solara"))
    env["SOLARA_ASSETS_EXTRA_LOCATIONS"] = ",".join(asset_locations(env))  # comma-separated
    env.setdefault("MPLBACKEND", "Agg")
    return env


def apply_settings() -> None:
    """Write the pages' stylesheet where Solara's page takes it from (its ``custom.css``, linked
    in every page's head, so nothing is ever drawn without it), then set Solara's settings
    objects to the kit's (after import, whatever the environment)."""
    from workshop_kit.pages.style import write_stylesheet

    write_stylesheet(stylesheet_dir(os.environ))
    import solara.server.settings as server_settings
    import solara.settings

    server_settings.telemetry.mixpanel_enable = False
    server_settings.theme.show_banner = False
    server_settings.theme.loader = "plain"
    server_settings.assets.extra_locations = asset_locations(os.environ)
    server_settings.main.experimental_performance = True
    solara.settings.assets.proxy = True
    solara.settings.assets.cdn = NO_CDN


@functools.lru_cache(maxsize=1)
def _not_found_html() -> str:
    from workshop_kit.pages.compose import notebook_title, read_notebook
    from workshop_kit.pages.site import not_found_page, root_path, site_pages

    links = []
    from workshop_kit.pages.access import FACILITATOR_PAGES

    # the start page first, the facilitator's last, the rest in the order of their files
    pages = sorted(
        site_pages(paths.notebooks_dir()),
        key=lambda page: (page.address in FACILITATOR_PAGES, page.address != ""),
    )
    root = root_path(os.environ)
    for page in pages:
        try:
            title = notebook_title(read_notebook(page.notebook), page.address or "Start")
        except (OSError, ValueError):
            title = page.address or "Start"
        links.append((root + page.path, title))
    return not_found_page(links)


def answer_unknown_addresses(app: Any) -> None:
    """An address that names no page gets the kit's plain page (status 404), not Solara's bare
    "Page not found by Solara router"."""
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, Response

    async def not_found(request: Request, exc: Exception) -> Response:
        return HTMLResponse(_not_found_html(), status_code=404)

    app.add_exception_handler(404, not_found)


def serve(
    workspace: Path,
    port: int = DEFAULT_PORT,
    host: str = DEFAULT_HOST,
    open_browser: bool = False,
    unix_socket: str | None = None,
) -> int:
    """Serve every page from this process until stopped (Ctrl-C); with ``open_browser``, open
    the start page in this computer's browser once the server answers. With ``unix_socket`` it
    listens there instead of on a port: each account's server on the hub does, in a folder only
    that account can enter (``hub_server.py``); its pages then need no join codes."""
    os.environ.update(server_environment(workspace, dict(os.environ)))
    apply_settings()
    serve_many_pages()  # from now on a session is only ever handed down by its page
    log_errors_to_workspace(terminal=True)
    import warnings

    # Solara warns on every plain-http page that cookies for iframes need https; ours are not
    # embedded, and the warning would be all a facilitator sees in the terminal
    warnings.filterwarnings("ignore", message="Cookies with samesite=none require https")
    import uvicorn
    from solara.server.starlette import app

    answer_unknown_addresses(app)
    from workshop_kit.pages.compressed_assets import CompressedAssets

    pages_app = CompressedAssets(app)  # the front end compressed once, not once per page opened
    from workshop_kit.pages.access import SERVED_FOR_ENV, served_for, write_join_cards
    from workshop_kit.store import Workspace

    if unix_socket:
        # behind jupyter-server-proxy Solara sees "http://localhost" and the prefix it was given,
        # and says so once per server; the prefix is right, and nothing uses that base URL
        warnings.filterwarnings("ignore", message="base url .* does not end with root path")
        account = os.environ.get(SERVED_FOR_ENV, "")
        print(f"Serving the workshop's pages on {unix_socket} for {account or 'everyone'}")
        uvicorn.run(pages_app, uds=unix_socket, log_level="warning")
        return 0
    if served_for(os.environ.get(SERVED_FOR_ENV, "")) is None:
        # on every address: the cards name this computer as the room's devices reach it
        shown = socket.gethostname() if host in ("0.0.0.0", "::") else host
        cards = write_join_cards(Workspace(workspace), f"http://{shown}:{port}")
        print(f"Each team's pages open with its join code: print the cards in {cards}", flush=True)
    print(f"Serving the workshop's pages at http://{host}:{port}/ (Ctrl-C stops it)", flush=True)
    if open_browser:
        open_when_answering(f"http://127.0.0.1:{port}/")
    uvicorn.run(pages_app, host=host, port=port, log_level="warning")
    return 0


def open_when_answering(url: str, within: float = 60.0) -> None:
    """Open ``url`` in the browser from a thread, once the server answers it (the browser would
    otherwise show "cannot connect" while the server starts)."""
    import threading
    import urllib.request
    import webbrowser

    def wait_then_open() -> None:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=2):
                    break
            except OSError:
                time.sleep(0.3)
        webbrowser.open(url)

    threading.Thread(target=wait_then_open, daemon=True).start()
