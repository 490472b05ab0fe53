"""``workshop-kit hub`` on loopback: how long teams wait for their first page, and what one team's
server costs in memory (issues 15 and 31). Figures only; nothing here passes or fails.

Set up as tests/browser/test_hub.py does: a temporary folder (workspace, hub folder, Jupyter's
folders), the accounts and Unix users written by ``hub.prepare`` (so it needs root), JupyterHub
with the proxy from ``node_modules``, each team's server run from a copy of the kit and its
environment every user can read (tests/hub_runtime.py). Limits are not enforced here (no control
groups to clean up after); they change no figure below. Teams log in over plain HTTP
(``requests``): GET /hub/login for the ``_xsrf`` token, POST the account's password, follow the
hub through the spawn to the team's default page, its landing page on the pages server behind
the team's server. The page is then opened as its script opens it, with the login's cookies,
over the pages' websocket through the hub's proxy (``light_device.py``: nothing is drawn); it
counts once the server has built it and its day cards are there.

1. Hub start to the first team page: from starting JupyterHub to one team's landing page.
2. Ten teams logging in at once, each to its landing page, with their servers not yet running
   (each login starts its team's server and its pages server: cold), then the same ten again
   with their servers running (warm: only the page's session is built). A round uses ten
   accounts of its own beside the first team's, so the hub has 11 team accounts and the
   facilitator. A round waits at most ``ROUND_SECONDS``; pages that did not come by then are
   listed, not timed.
3. Memory of one active team server: the RSS of the first team's single-user server and every
   process below it (its pages server), read from /proc with its landing page open.

Everything it creates (Unix users, the facilitator group, processes, the folder) is removed at
the end, also when a step fails.
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import functools
import os
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from common import ROOT, p95, report
from light_device import LightPage

TEAMS = ["Benchhub First"] + [f"Benchhub {n:02d}" for n in range(1, 11)]
DAY_CARD = "wk-day-card"  # the day cards of the landing page
SPAWN_SECONDS = 300  # one login, spawn included, on a loaded 2-core machine
ROUND_SECONDS = 240  # a round's pages that have not come by then count as not served


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def shared_python(folder: Path) -> str | None:
    """A Python with the kit and the hub extra that team users can run, or None, saying why."""
    import hub_runtime  # tests/hub_runtime.py (benchmarks/common.py puts tests/ on the path)

    why = hub_runtime.why_not()
    if why:
        print(f"bench_hub: {why}; skipped.")
        return None
    return str(hub_runtime.readable_kit(ROOT, folder / "runtime"))


def why_not() -> str | None:
    """Why this machine cannot run the benchmark, or None."""
    if os.geteuid() != 0:
        return "it creates one Unix user per team (useradd), which needs root"
    if not (shutil.which("useradd") and shutil.which("runuser")):
        return "useradd or runuser is missing"
    try:
        import requests  # noqa: F401
    except ImportError:
        return "requests is not installed"
    from workshop_kit import hub

    if not hub.proxy_command().exists():
        return "configurable-http-proxy is not in node_modules (run npm ci)"
    if shutil.which("node") is None:
        return "Node.js is missing, so the proxy cannot run"
    return None


def proc_children() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(entry.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry.parent.name))
    return children


def tree(pid: int) -> list[int]:
    """``pid`` and every process below it."""
    children = proc_children()
    found, todo = [pid], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def rss_kb(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in status.splitlines() if line[:6] == "VmRSS:"), 0)


def single_user_server(hub_pid: int, uid: int) -> int | None:
    """The process id of the single-user server the hub runs as Unix user ``uid``."""
    for pid in tree(hub_pid):
        try:
            if Path(f"/proc/{pid}").stat().st_uid != uid:
                continue
            if b"jupyterhub-singleuser" in Path(f"/proc/{pid}/cmdline").read_bytes():
                return pid
        except OSError:
            continue
    return None


@functools.cache
def pages_loop() -> asyncio.AbstractEventLoop:
    """The loop the opened pages' connections live on, on a thread of its own, until the run
    ends (a login's thread only waits for its page)."""
    loop = asyncio.new_event_loop()
    threading.Thread(target=loop.run_forever, daemon=True).start()
    return loop


def log_in_to_landing(url: str, user: str, password: str) -> tuple[float, LightPage]:
    """Seconds from posting the login form to the team's landing page open (spawn included),
    and the page, still open. Fails unless the hub sends the team to its pages and the server
    builds the landing page with its day cards."""
    import requests

    with requests.Session() as session:
        login = session.get(f"{url}/hub/login", timeout=60)
        login.raise_for_status()
        xsrf = session.cookies.get("_xsrf", "")
        form = {"username": user, "password": password, "_xsrf": xsrf}
        began = time.monotonic()
        answer = session.post(f"{url}/hub/login", data=form, timeout=SPAWN_SECONDS)
        deadline = began + SPAWN_SECONDS
        # a slow spawn answers with the spawn-pending page (the browser waits there with
        # JavaScript); asking it again redirects to the team's server once that is ready
        while "/spawn-pending/" in answer.url and time.monotonic() < deadline:
            time.sleep(0.5)
            answer = session.get(answer.url, timeout=SPAWN_SECONDS)
        pages = f"{url}/user/{user}/pages"
        if not (answer.status_code == 200 and answer.url.startswith(pages + "/")):
            raise RuntimeError(f"{user}: no landing page ({answer.status_code} {answer.url})")
        cookies = "; ".join(f"{c.name}={c.value}" for c in session.cookies)
    page = LightPage(pages, answer.url[len(pages) :], cookies=cookies)
    left = max(1.0, deadline - time.monotonic())

    async def opened() -> None:
        await page.open(left)
        await page.until(lambda: page.html_holds(DAY_CARD), left)

    asyncio.run_coroutine_threadsafe(opened(), pages_loop()).result()
    return time.monotonic() - began, page


def wait_for_login_page(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    import requests

    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        with contextlib.suppress(requests.RequestException):
            if requests.get(f"{url}/hub/login", timeout=2).status_code == 200:
                return
        time.sleep(0.1)
    raise RuntimeError(f"the hub did not start:\n{log.read_text(errors='replace')[-3000:]}")


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM the hub (it stops the team servers), then SIGKILL what is left of its tree:
    the spawner starts each server, and Jupyter each kernel, in a process group of its own."""
    below = tree(process.pid)[1:]
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=30)
    for pid in [process.pid, *below]:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)


def kill_processes_of(uids: set[int]) -> None:
    """SIGKILL any process still running as one of the users this benchmark created."""
    for entry in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError):
            if entry.stat().st_uid in uids:
                os.kill(int(entry.name), signal.SIGKILL)


def login_round(url: str, accounts: list[tuple[str, str]]) -> tuple[list[float], list[str]]:
    """Every account logs in at the same moment (one thread each): the seconds of those whose
    page came within ``ROUND_SECONDS`` (sorted), and what went wrong for the others. Threads
    still waiting are left behind (daemons); stopping the hub ends their requests."""
    times: list[float] = []
    pages: list[LightPage] = []  # kept open (their sockets) until the hub stops
    failed: dict[str, str] = {user: "no page within the round's time" for user, _ in accounts}

    def one(user: str, password: str) -> None:
        try:
            seconds, page = log_in_to_landing(url, user, password)
            times.append(seconds)
            pages.append(page)
            del failed[user]
        except Exception as error:
            failed[user] = str(error)

    threads = [threading.Thread(target=one, args=a, daemon=True) for a in accounts]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + ROUND_SECONDS
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    return sorted(times), [f"{user}: {why}" for user, why in sorted(failed.items())]


def run(python: str, folder: Path) -> None:
    import pwd

    from workshop_kit import hub

    workspace, hub_dir = folder / "workspace", folder / "hub"
    port = free_port()
    settings = hub.HubSettings(
        hub_dir=hub_dir,
        workspace=workspace,
        port=port,
        hub_port=free_port(),
        proxy_api_port=free_port(),
        python=python,
        enforce_limits=False,
    )
    env = dict(os.environ)
    for sub in ("jupyter-config", "jupyter-data", "jupyter-runtime", "mpl", "ipython"):
        (folder / sub).mkdir()
    env.update(
        JUPYTER_CONFIG_DIR=str(folder / "jupyter-config"),
        JUPYTER_DATA_DIR=str(folder / "jupyter-data"),
        JUPYTER_RUNTIME_DIR=str(folder / "jupyter-runtime"),
        MPLCONFIGDIR=str(folder / "mpl"),
        IPYTHONDIR=str(folder / "ipython"),
        MPLBACKEND="Agg",
        WORKSHOP_KIT_WORKSPACE=str(workspace),
    )
    for var in ("PYTHONPATH", "WORKSHOP_KIT_TEAM", "JUPYTER_PATH"):
        env.pop(var, None)  # the shared environment has the kit installed (editable)
    accounts = hub.prepare(settings, TEAMS)
    with (hub_dir / hub.ACCOUNTS_CSV).open(encoding="utf-8") as rows:
        teams = [(r["account"], r["password"]) for r in csv.DictReader(rows) if r["role"] == "team"]
    by_team = {a.team: a.username for a in accounts}
    first = next(t for t in teams if t[0] == by_team[TEAMS[0]])
    others = [t for t in teams if t != first]
    url = f"http://127.0.0.1:{port}"
    log = folder / "hub.log"
    with log.open("wb") as out:
        began = time.monotonic()
        process = subprocess.Popen(
            [python, "-m", "jupyterhub", "-f", str(hub_dir / hub.CONFIG_FILE)],
            env=env,
            cwd=hub_dir,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        wait_for_login_page(process, url, log)
        login_page = time.monotonic() - began
        _, landing = log_in_to_landing(url, *first)
        first_page = time.monotonic() - began
        report("hub start to its login page answering", login_page, "s")
        report("hub start to the first team page (1 login, server spawned)", first_page, "s")

        server = single_user_server(process.pid, pwd.getpwnam(first[0]).pw_uid)
        if server is None:
            raise RuntimeError(f"no single-user server runs as {first[0]}")
        processes = tree(server)
        kernels = sum(1 for p in processes[1:] if b"ipykernel" in _cmdline(p))
        memory = sum(rss_kb(p) for p in processes) / 1024
        label = f"{len(processes)} processes, {kernels} kernels"
        report(f"memory of one active team server, its landing page open ({label})", memory, "MB")
        report("  of which the single-user server alone", rss_kb(server) / 1024, "MB")

        for state in ("cold: servers not yet running", "warm: servers already running"):
            times, failed = login_round(url, others)
            label = f"{len(others)} teams log in at once, {state}"
            if times:
                report(f"{label}: median", statistics.median(times), "s")
                report("  p95", p95(times), "s")
                report("  slowest", times[-1], "s")
            print(f"  landing pages served: {len(times)} of {len(others)}")
            for line in failed:
                print(f"  not served: {line}")
        del landing  # open until here: the memory above is with its page
    except Exception as error:
        print(f"bench_hub: failed: {error}\n--- end of hub.log ---")
        print(log.read_text(errors="replace")[-3000:])
        raise
    finally:
        stop(process)


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def main() -> None:
    reason = why_not()
    if reason:
        print(f"bench_hub: {reason}; skipped.")
        return
    import grp
    import pwd

    from workshop_kit import hub

    # the accounts are named by hub.prepare; their names are known after it, so first check
    # that none of the names it will use exists (the benchmark never touches an existing user)
    folder = Path(tempfile.mkdtemp(prefix="workshop-kit-bench-hub-"))
    os.chmod(folder, 0o755)  # team users reach their homes and the workspace below it
    users: list[str] = []
    created_group = False
    try:
        planned = hub.plan_accounts(TEAMS, {}, False)
        users = [a.username for a in planned]
        for name in users:
            with contextlib.suppress(KeyError):
                pwd.getpwnam(name)
                print(f"bench_hub: user ‘{name}’ exists already; skipped (it is not touched).")
                users = []
                return
        with contextlib.suppress(KeyError):
            grp.getgrnam(hub.FACILITATOR_GROUP)
            print(f"bench_hub: group ‘{hub.FACILITATOR_GROUP}’ exists already; skipped.")
            users = []
            return
        created_group = True
        python = shared_python(folder)
        if python is None:
            return
        run(python, folder)
    finally:
        uids = set()
        for name in users:
            with contextlib.suppress(KeyError):
                uids.add(pwd.getpwnam(name).pw_uid)
        kill_processes_of(uids)
        hub.remove_unix_users(users, hub.FACILITATOR_GROUP if created_group else None)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
