"""The memory of one team's server, as each hub account (and each Kubernetes pod) runs it:
``.venv/bin/python benchmarks/measure_team_server.py`` (figures in docs/kubernetes.md, Sizing).

A measurement, not a test. It starts the Jupyter server a team's account runs, with the
settings the hub gives it (``JUPYTER_CONFIG_PATH`` = ``data/jupyter/hub-server``, the pages
serving one team, no kernels), on 127.0.0.1 with a token, in a temporary workspace and home.
It is ``jupyter server`` rather than ``jupyterhub-singleuser``, which is the same server with
the hub's login added, so no hub is needed. It prints the resident memory (RSS, summed over
the server and every process below it) at each step:

1. the server started, before any page was asked for (what a pod holds before the team opens
   anything);
2. one page open in Chromium (Day 1, drawn: the team picker shows the team): the pages process
   started by jupyter-server-proxy on its Unix socket, and a Solara session;
3. five pages open (a team's five devices);
4. the pages closed again, after 20 s.

The load average is printed with each figure: the machine is shared. ``--python`` starts the
server with another environment's Python (one built as the team image builds it, say).
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psutil
from playwright.sync_api import sync_playwright

from workshop_kit import hub, hub_server
from workshop_kit.store import Workspace

TEAM = "Oak ILT"
SLUG = "oak-ilt"
CHROMIUM = next(
    (p for p in ("/usr/lib/chromium/chromium", "/usr/bin/chromium") if Path(p).exists()),
    "/usr/bin/chromium",
)
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run"]  # fmt: skip
#: Day 1 is drawn: the team picker names the team
DRAWN = """([team]) => {
  const current = document.querySelector('.wk-team-picker .wk-current-team');
  return !!(current && current.textContent.includes(team));
}"""


def tree_rss_mb(pid: int) -> float:
    root = psutil.Process(pid)
    total = 0
    for process in [root, *root.children(recursive=True)]:
        try:
            total += process.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total / 1024**2


def processes(pid: int) -> int:
    return 1 + len(psutil.Process(pid).children(recursive=True))


def say(step: str, pid: int) -> None:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"{step}: {tree_rss_mb(pid):.0f} MB in {processes(pid)} processes (load {load})",
        flush=True,
    )


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_answering(url: str, token: str, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
            with urllib.request.urlopen(request, timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {seconds:.0f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=sys.executable, help="the server's Python")
    python = parser.parse_args().python
    folder = Path(tempfile.mkdtemp(prefix="wk-team-server-"))
    workspace = Workspace.default(folder / "workspace")
    workspace.ensure_demo()
    workspace.create_team(TEAM)
    token, port = secrets.token_hex(16), free_port()
    home = folder / "home"
    env = {
        **os.environ,
        "HOME": str(home),
        "JUPYTER_CONFIG_DIR": str(home / ".jupyter"),
        "JUPYTER_DATA_DIR": str(home / ".local/share/jupyter"),
        "JUPYTER_RUNTIME_DIR": str(folder / "run"),
        "TMPDIR": str(folder / "run"),
        "JUPYTER_CONFIG_PATH": str(hub.hub_server_config_dir()),
        "WORKSHOP_KIT_WORKSPACE": str(workspace.root),
        hub_server.PAGES_FOR_ENV: hub_server.pages_for_team(SLUG),
        hub_server.JUPYTERLAB_ENV: "0",
        "MPLBACKEND": "Agg",
    }
    for made in ("run", "home"):
        (folder / made).mkdir(mode=0o700, exist_ok=True)
    command = [python, "-m", "jupyter", "server", "--no-browser", "--ip=127.0.0.1",
               f"--port={port}", f"--IdentityProvider.token={token}", "--allow-root"]  # fmt: skip
    server = subprocess.Popen(command, env=env, cwd=folder, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_answering(f"{base}/api/status", token)
        time.sleep(5)
        say("1. server started, no page asked for", server.pid)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            context = browser.new_context(extra_http_headers={"Authorization": f"token {token}"})
            context.route(
                "**/*",
                lambda route: (
                    route.continue_() if route.request.url.startswith(base) else route.abort()
                ),
            )
            pages = []
            started = time.monotonic()
            for n in range(5):
                page = context.new_page()
                page.goto(f"{base}/{hub_server.PAGES}/day1?team={SLUG}", timeout=180_000)
                page.wait_for_function(DRAWN, arg=[TEAM], timeout=180_000)
                pages.append(page)
                if n == 0:
                    print(f"   (first page drawn after {time.monotonic() - started:.1f} s)")
                    time.sleep(5)
                    say("2. one page open (Day 1)", server.pid)
            time.sleep(5)
            say("3. five pages open (Day 1)", server.pid)
            for page in pages:
                page.close()
            time.sleep(20)
            say("4. pages closed, 20 s later", server.pid)
            browser.close()
    finally:
        for child in psutil.Process(server.pid).children(recursive=True):
            child.terminate()
        server.terminate()
        server.wait(30)
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
