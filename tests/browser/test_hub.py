"""``workshop-kit hub`` for real, on loopback: JupyterHub with the proxy from the project's
``node_modules``, two teams and the facilitator logged in, each in a browser context of its own.
Each account's server serves the kit's pages (one Solara process behind jupyter-server-proxy, on
a Unix socket); a team's server runs no kernel. Team Oak then tries every local route to team
Elm's pages, files and processes, as Oak's own Unix user, and gets nothing.

Needs root (the set-up creates one Unix user per account with useradd; this fixture removes them
again) and the proxy (``./kit test`` runs ``npm ci``). Without either the test is skipped, saying
why. Each team's server runs the kit's Python as the team's user, so the hub runs from a copy of
the kit and its environment that every user can read (tests/hub_runtime.py: seconds, hard links),
wherever the checkout is (CI clones into a private folder) and wherever its Python lives.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import pwd
import re
import shutil
import signal
import stat
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import hub_runtime
from workshop_kit import hub, team_limits

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
TEAMS = ["Hubtest Oak ILT", "Hubtest Elm ILT"]
OAK, ELM = "hubtest-oak-ilt", "hubtest-elm-ilt"
USERS = [hub.username_for(OAK), hub.username_for(ELM), hub.FACILITATOR]
LANDING_READY = ".wk-day-card >> nth=0"
DAY1 = "01_day1_worthy_goal.ipynb"
NO_KERNELS = "runs no code"  # hub_server.NO_KERNELS


def skip_unless_possible() -> None:
    if os.geteuid() != 0:
        pytest.skip("the hub test creates Unix users (useradd), which needs root")
    if not (shutil.which("useradd") and shutil.which("runuser")):
        pytest.skip("useradd or runuser is missing")
    if not hub.proxy_command().exists():
        pytest.skip(
            "configurable-http-proxy is not installed in node_modules (./kit test runs npm ci; "
            "is npm missing?)"
        )
    if shutil.which("node") is None:
        pytest.skip("Node.js is missing, so the proxy cannot run")
    why = hub_runtime.why_not()
    if why:
        pytest.skip(why)
    for name in [*USERS, hub.FACILITATOR_GROUP]:
        taken = subprocess.run(["getent", "passwd", name], capture_output=True).returncode == 0
        taken |= subprocess.run(["getent", "group", name], capture_output=True).returncode == 0
        if taken:
            pytest.skip(f"‘{name}’ already exists on this machine; the test will not touch it")


@dataclass
class RunningHub:
    url: str
    workspace: Path
    hub_dir: Path
    passwords: dict[str, str]
    server: Any
    started_in: float
    python: str  # the kit's Python every account can run
    limits: bool  # each server in its account's control groups (false: --no-limits)

    def user_url(self, user: str, path: str) -> str:
        return f"{self.url}/user/{user}/{path}"


@pytest.fixture(scope="module")
def running_hub(server_tools: Any) -> Iterator[RunningHub]:
    skip_unless_possible()
    # not pytest's tmp_path: root's is private (0700), and the team users must reach the
    # workspace, their homes and the kit below this folder
    folder = Path(tempfile.mkdtemp(prefix="workshop-kit-hub-"))
    os.chmod(folder, 0o755)
    python = str(hub_runtime.readable_kit(ROOT, folder / "runtime"))
    workspace, hub_dir = folder / "workspace", folder / "hub"
    cohort = folder / "cohort.txt"
    cohort.write_text("\n".join(TEAMS) + "\n", encoding="utf-8")
    port = server_tools.free_port()
    command = [python, "-m", "workshop_kit.cli", "--workspace", str(workspace), "hub"]
    command += ["--from-file", str(cohort), "--hub-dir", str(hub_dir), "--port", str(port)]
    command += ["--hub-api-port", str(server_tools.free_port())]
    command += ["--proxy-api-port", str(server_tools.free_port())]
    try:
        team_limits.detect()
        limits = True
    except team_limits.LimitsUnavailable as exc:
        print(f"The hub runs with --no-limits here: {exc.message}")
        limits = False
        command += ["--no-limits"]
    env = server_tools.isolated_environment(folder, workspace)
    env.pop("PYTHONPATH", None)  # the shared environment has the kit installed (editable)
    began = time.monotonic()
    server = server_tools.start_server(command, env, folder / "hub.log", f"http://127.0.0.1:{port}")
    try:
        server.wait_until_ready("/hub/login", timeout=180)
        # the cards of this first run are the one place the passwords are written (the hub
        # keeps only their hashes): every account is new, so every account is on them
        with (hub_dir / hub.ACCOUNTS_CSV).open(encoding="utf-8") as cards:
            passwords = {row["account"]: row["password"] for row in csv.DictReader(cards)}
        assert sorted(passwords) == sorted(USERS)
        yield RunningHub(
            server.url,
            workspace,
            hub_dir,
            passwords,
            server,
            time.monotonic() - began,
            python,
            limits,
        )
    finally:
        server.stop()
        hub.remove_unix_users(USERS, hub.FACILITATOR_GROUP)
        if limits:  # the groups the hub made, once nothing is left in them
            for user in USERS:
                groups = team_limits.group_folders(user)
                deadline = time.monotonic() + 30
                while team_limits.members(groups) and time.monotonic() < deadline:
                    for pid in team_limits.members(groups):
                        with contextlib.suppress(ProcessLookupError):
                            os.kill(pid, signal.SIGKILL)
                    time.sleep(0.1)
                team_limits.remove(groups)
            team_limits.remove_parent()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def log_in(
    running_hub: RunningHub, new_page: Callable[[], Any], day_page: Any
) -> Callable[[str, str, str], Any]:
    """``log_in(user, expected_path, ready)``: a new browser context logged in as ``user``,
    on the page the hub sends it to (checked to be ``expected_path``), rendered."""

    def login(user: str, expected_path: str, ready: str) -> Any:
        offline = new_page()
        page = offline.page
        page.goto(f"{running_hub.url}/hub/login", timeout=120_000)
        page.fill("#username_input", user)
        page.fill("#password_input", running_hub.passwords[user])
        began = time.monotonic()
        page.click("#login_submit")
        # Solara may close the address with a lone "&" as its router writes it back
        where = re.compile(re.escape(f"/user/{user}/{expected_path}") + "&?$")
        page.wait_for_url(where, timeout=180_000)
        day = day_page(offline, page.url, ready, activities=[])
        day.wait_rendered()
        print(f"{user}: login to rendered page {time.monotonic() - began:.1f} s")
        return day

    return login


def save_norm(day: Any, norm: str) -> None:
    day.fill(".wk-norms-text textarea", norm)
    day.locator(".wk-norms-text textarea").blur()  # the box sends its text when it loses focus
    day.click(".wk-norms-agreed input")
    day.click("button.wk-save-norms")
    day.expect_message(".wk-norms", "1 norm agreed")


def processes_of(user: str) -> dict[int, list[str]]:
    """``{pid: command line}`` of every process the Unix user runs."""
    uid = pwd.getpwnam(user).pw_uid
    found = {}
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if proc.stat().st_uid != uid:
                continue
            found[int(proc.name)] = (proc / "cmdline").read_bytes().decode().split("\0")[:-1]
        except OSError:
            continue
    return found


def groups_of(pid: int) -> set[str]:
    """The control groups a process is in (``/proc/<pid>/cgroup``, one path per hierarchy)."""
    lines = Path(f"/proc/{pid}/cgroup").read_text().splitlines()
    return {line.split(":", 2)[2] for line in lines}


def environment_of(pid: int) -> dict[str, str]:
    """A process's environment (read as root, as only root and its owner can)."""
    pairs = Path(f"/proc/{pid}/environ").read_bytes().decode().split("\0")
    return dict(pair.split("=", 1) for pair in pairs if "=" in pair)


def memory_of(user: str) -> float:
    """MB resident in every process of the user (the fixture created it: nothing else runs)."""
    kb = 0
    for pid in processes_of(user):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        kb += sum(int(line.split()[1]) for line in status.splitlines() if line[:6] == "VmRSS:")
    return kb / 1024


def tcp_listeners(user: str) -> set[int]:
    """The TCP ports the user's processes listen on (from /proc/net/tcp and tcp6)."""
    uid, ports = pwd.getpwnam(user).pw_uid, set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and int(fields[7]) == uid:  # 0A: LISTEN
                ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return ports


def server_process(user: str) -> int:
    """The process of the user's Jupyter server (``jupyterhub-singleuser``)."""
    for pid, command in processes_of(user).items():
        if any(part.endswith("jupyterhub-singleuser") for part in command[:2]):
            return pid
    raise AssertionError(f"no server runs for {user}")


def server_port(user: str) -> int:
    """The port of the user's Jupyter server (as the hub told it: JUPYTERHUB_SERVICE_URL)."""
    url = environment_of(server_process(user))["JUPYTERHUB_SERVICE_URL"]
    return int(url.split("//", 1)[1].split("/", 1)[0].rsplit(":", 1)[1])


def pages_socket(user: str) -> Path:
    """The Unix socket the user's pages server listens on (``--unix-socket`` in its command)."""
    for command in processes_of(user).values():
        if "--unix-socket" in command:
            return Path(command[command.index("--unix-socket") + 1])
    raise AssertionError(f"no pages server runs for {user}")


def unix_sockets_of(user: str) -> list[str]:
    """Paths of the listening Unix sockets in folders the user owns (from /proc/net/unix)."""
    uid, paths = pwd.getpwnam(user).pw_uid, []
    for line in Path("/proc/net/unix").read_text().splitlines()[1:]:
        fields = line.split()
        if len(fields) < 8 or not fields[7].startswith("/"):
            continue
        try:
            if Path(fields[7]).parent.stat().st_uid == uid:
                paths.append(fields[7])
        except OSError:
            continue
    return sorted(set(paths))


#: run as team Oak's Unix user: every local way at team Elm's pages, files and processes. Prints
#: {attempt: what came of it}; anything but "refused ..." is a hole.
PROBE = r"""
import json, os, socket, sys, urllib.error, urllib.request
target = json.loads(sys.argv[1])
found = {}

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

opener = urllib.request.build_opener(NoRedirect)

def attempt(name, read):
    try:
        value = read()
    except urllib.error.HTTPError as exc:
        found[name] = f"refused (HTTP {exc.code}): " + exc.read(3000).decode("utf-8", "replace")
    except OSError as exc:
        found[name] = f"refused ({type(exc).__name__})"
    else:
        found[name] = "READ: " + repr(value)[:3000]

def read_file(path):
    with open(path, "rb") as handle:
        return handle.read(4096)

def connect(path):
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.connect(path)
        sock.sendall(b"GET / HTTP/1.0\r\n\r\n")
        return sock.recv(4096)

for pid in target["pids"]:
    for part in ("environ", "maps", "mem", "stack"):
        attempt(f"/proc/{pid}/{part}", lambda p=f"/proc/{pid}/{part}": read_file(p))
    for part in ("fd", "fdinfo", "cwd", "root", "map_files"):
        attempt(f"/proc/{pid}/{part}/", lambda p=f"/proc/{pid}/{part}": os.listdir(p))
for path in target["sockets"]:
    attempt(f"connect {path}", lambda p=path: connect(p))
for folder in target["folders"]:
    attempt(f"list {folder}", lambda p=folder: os.listdir(p))
for path in target["files"]:
    attempt(f"read {path}", lambda p=path: read_file(p))
for url in target["urls"]:
    attempt(f"GET {url}", lambda u=url: opener.open(u, timeout=30).read(3000))
print(json.dumps(found))
"""


#: run as team Oak's Unix user: connect to the TCP ports given on stdin (a JSON list), say
#: "connected", then print all that came from them once stdin says "stop"
LISTEN_PROBE = r"""
import json, select, socket, sys
ports = json.loads(sys.stdin.readline())
connections = [socket.create_connection(("127.0.0.1", port), timeout=5) for port in ports]
print("connected", flush=True)
heard = b""
while True:
    ready, _, _ = select.select([sys.stdin, *connections], [], [], 300)
    if not ready or sys.stdin in ready:
        break
    for connection in ready:
        data = connection.recv(65536)
        if not data:
            connections.remove(connection)
        heard += data
print(heard.decode("latin-1"))
"""


def probe_as(hub_: RunningHub, user: str, target: dict[str, list[Any]]) -> dict[str, str]:
    done = subprocess.run(
        ["runuser", "-u", user, "--", hub_.python, "-c", PROBE, json.dumps(target)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    found: dict[str, str] = json.loads(done.stdout)
    return found


def xsrf_headers(day: Any, path: str) -> dict[str, str]:
    """The header a logged-in browser sends with a request that changes something on the
    server at ``path`` (``/user/<account>/`` or ``/hub/``): that server's ``_xsrf`` cookie."""
    cookies = [c for c in day.page.context.cookies() if c["name"] == "_xsrf"]
    mine = [c["value"] for c in cookies if path.startswith(c["path"].rstrip("/") + "/")]
    assert mine, [c["path"] for c in cookies]
    return {"X-XSRFToken": mine[-1], "Content-Type": "application/json"}


def test_two_teams_and_the_facilitator_each_see_only_what_is_theirs(
    running_hub: RunningHub, log_in: Callable[[str, str, str], Any], yaml_file: Any
) -> None:
    from playwright.sync_api import expect

    print(f"hub start to login page {running_hub.started_in:.1f} s")
    oak_user, elm_user = USERS[0], USERS[1]
    oak = log_in(oak_user, f"pages/?team={OAK}", LANDING_READY)
    elm = log_in(elm_user, f"pages/?team={ELM}", LANDING_READY)
    expect(oak.locator(".wk-join-code")).to_have_count(0)  # the login said who this is

    # each team saves a norm on Day 1, from its own pages; opened again, the page shows it
    for day, user, team, norm in (
        (oak, oak_user, OAK, "Oak starts on time."),
        (elm, elm_user, ELM, "Elm brings work."),
    ):
        day.page.goto(running_hub.user_url(user, f"pages/day1?team={team}"))
        day.ready, day.activities = ".wk-team-picker", ["norms"]
        day.wait_rendered()
        save_norm(day, norm)
        assert yaml_file(running_hub.workspace / team / "team.yaml")["norms"] == [norm]
        day.assert_clean()
        # a new tab of the same browser (a reload may reopen the tab's panels by itself, as
        # custom.js does while it keeps a draft: a new tab starts from the page as served)
        tab = day.page.context.new_page()
        tab.goto(running_hub.user_url(user, f"pages/day1?team={team}"), timeout=120_000)
        tab.locator("button.wk-open-norms").click(timeout=120_000)
        expect(tab.locator(".wk-norms-text textarea")).to_have_value(norm, timeout=60_000)
        tab.close()

    # a figure for docs/server.md (printed, not checked)
    print(f"memory of one active team server (server + its pages): {memory_of(oak_user):.0f} MB")

    # each team's server and its pages run in the account's own control groups, with the
    # limits the kernel enforces (issue 27; the kernel stopping a runaway: test_team_limits_*)
    if running_hub.limits:
        for user in (oak_user, elm_user):
            groups = team_limits.group_folders(user)
            own = f"/{team_limits.PARENT}/{user}"
            for pid in processes_of(user):
                assert own in groups_of(pid), (user, pid, groups_of(pid))
            assert set(processes_of(user)) <= set(team_limits.members(groups))
            memory = groups.folders[0] / (
                "memory.max"
                if groups.version is team_limits.Version.V2
                else "memory.limit_in_bytes"
            )
            assert memory.read_text().strip() == str(1024**3)
            tasks = sum(
                len(list(Path(f"/proc/{pid}/task").iterdir())) for pid in processes_of(user)
            )
            print(f"{user}: {len(processes_of(user))} processes, {tasks} tasks (threads)")

    # no kernels for teams: none runs, and starting one is refused with the reason
    for user in (oak_user, elm_user):
        commands = [" ".join(c) for c in processes_of(user).values()]
        assert not [c for c in commands if "ipykernel" in c], commands
    refused = oak.page.request.post(
        running_hub.user_url(oak_user, "api/kernels"),
        headers=xsrf_headers(oak, f"/user/{oak_user}/"),
        data="{}",
    )
    assert refused.status == 403 and NO_KERNELS in refused.text(), refused.text()

    for team, user in ((OAK, oak_user), (ELM, elm_user)):
        info = (running_hub.workspace / team).stat()
        assert pwd.getpwuid(info.st_uid).pw_name == user
        assert stat.S_IMODE(info.st_mode) & 0o007 == 0  # nothing for other users

    # Oak is refused Elm's server through the hub: its pages, its files API
    for path in (f"pages/?team={ELM}", f"pages/day1?team={ELM}", "api/contents", f"files/{DAY1}"):
        answer = oak.page.request.get(running_hub.user_url(elm_user, path))
        assert answer.status in (403, 404), (path, answer.status)
    assert oak.page.goto(running_hub.user_url(elm_user, f"pages/?team={ELM}")).status in (403, 404)

    # Elm's pages listen on a Unix socket in a folder only Elm enters, not on a TCP port: Elm's
    # one TCP listener is its Jupyter server, behind the hub's login
    socket_path = pages_socket(elm_user)
    elm_runtime = running_hub.hub_dir / hub.RUN_DIR / str(pwd.getpwnam(elm_user).pw_uid)
    assert socket_path.parent.parent == elm_runtime  # in the account's private runtime folder
    folder = socket_path.parent.stat()
    assert pwd.getpwuid(folder.st_uid).pw_name == elm_user
    assert stat.S_IMODE(folder.st_mode) == 0o700
    assert str(socket_path) in unix_sockets_of(elm_user)
    port = server_port(elm_user)
    assert tcp_listeners(elm_user) == {port}

    # Oak, as its own Unix user, tries every local route to Elm: Elm's processes in /proc,
    # Elm's sockets, folders and files, and Elm's server port without Elm's hub cookie
    local = f"http://127.0.0.1:{port}/user/{elm_user}/"
    target = {
        "pids": sorted(processes_of(elm_user)),
        "sockets": unix_sockets_of(elm_user),
        "folders": [
            str(running_hub.workspace / ELM),
            str(socket_path.parent),
            str(elm_runtime),
            str(running_hub.hub_dir / "home" / elm_user),
        ],
        "files": [str(running_hub.workspace / ELM / "team.yaml")],
        "urls": [
            f"{local}pages/?team={ELM}",
            f"{local}pages/day1?team={ELM}",
            f"{local}api/contents",
            f"{local}api/kernels",
        ],
    }
    assert len(target["pids"]) >= 2 and target["sockets"]
    found = probe_as(running_hub, oak_user, target)
    assert len(found) == sum(len(v) * (9 if k == "pids" else 1) for k, v in target.items())
    holes = {name: what for name, what in found.items() if not what.startswith("refused")}
    assert holes == {}, holes
    assert not [name for name, what in found.items() if "Elm brings work" in what]
    # nothing secret in Elm's command lines, which every user can read
    secret = environment_of(server_process(elm_user))["JUPYTERHUB_API_TOKEN"]
    assert not [c for c in processes_of(elm_user).values() if secret in " ".join(c)]

    # inside Oak's own server, naming Elm in the address opens nothing: a plain page, none of
    # Elm's work, and Elm's workbook unchanged
    oak.page.goto(running_hub.user_url(oak_user, f"pages/day1?team={ELM}"))
    expect(oak.locator(".wk-page-problem")).to_contain_text("belongs to another team")
    expect(oak.locator(".wk-norms-text")).to_have_count(0)
    expect(oak.locator("body")).not_to_contain_text("Elm brings work.")
    expect(oak.locator("body")).not_to_contain_text("Permission denied")
    oak.assert_clean()
    refused_ls = subprocess.run(
        ["runuser", "-u", oak_user, "--", "ls", str(running_hub.workspace / ELM)],
        capture_output=True,
        text=True,
    )
    assert refused_ls.returncode != 0 and "Permission denied" in refused_ls.stderr
    assert yaml_file(running_hub.workspace / ELM / "team.yaml")["norms"] == ["Elm brings work."]
    # nor the workspace's top folder: its folder names are the cohort's team names
    refused_root = subprocess.run(
        ["runuser", "-u", oak_user, "--", "ls", str(running_hub.workspace)],
        capture_output=True,
        text=True,
    )
    assert refused_root.returncode != 0 and "Permission denied" in refused_root.stderr
    assert stat.S_IMODE(running_hub.workspace.stat().st_mode) == hub.WORKSPACE_ROOT_MODE

    # the facilitator's pages: the overview of every team (group read access on their folders)
    facilitator = log_in(hub.FACILITATOR, "pages/overview", "button.wk-refresh-overview")
    table = facilitator.locator(".wk-overview-table").first
    expect(table).to_contain_text("Hubtest Oak ILT")
    expect(table).to_contain_text("Hubtest Elm ILT")
    facilitator.assert_clean()

    # the facilitator may run kernels (JupyterLab): on local sockets in its private runtime
    # folder, never on TCP ports, and out of Oak's reach
    started = facilitator.page.request.post(
        running_hub.user_url(hub.FACILITATOR, "api/kernels"),
        headers=xsrf_headers(facilitator, f"/user/{hub.FACILITATOR}/"),
        data="{}",
    )
    assert started.status == 201, started.text()
    kernel = started.json()["id"]
    runtime = running_hub.hub_dir / hub.RUN_DIR / str(pwd.getpwnam(hub.FACILITATOR).pw_uid)
    connection = json.loads((runtime / f"kernel-{kernel}.json").read_text())
    assert connection["transport"] == "ipc" and connection["ip"].startswith(f"{runtime}/")
    # 0700 (Jupyter adds the sticky bit, which keeps tmp cleaners off its files)
    assert stat.S_IMODE(runtime.stat().st_mode) & 0o777 == 0o700
    assert pwd.getpwuid(runtime.stat().st_uid).pw_name == hub.FACILITATOR
    sockets = [f"{connection['ip']}-{connection[k]}" for k in ("shell_port", "iopub_port")]
    deadline = time.monotonic() + 120  # the kernel binds its sockets once it has started
    while not set(sockets) <= set(unix_sockets_of(hub.FACILITATOR)):
        assert time.monotonic() < deadline, "the kernel's sockets never appeared"
        time.sleep(0.5)
    # the kernel's channels are those sockets; the one TCP port a kernel process keeps is
    # ipykernel's inbound pipe for the output of processes it forks (a PULL socket: it only
    # receives, and drops messages not signed with its random key). Oak, connected to it while
    # the kernel prints, reads nothing of what it prints
    kernel_ports = tcp_listeners(hub.FACILITATOR) - {server_port(hub.FACILITATOR)}
    assert len(kernel_ports) <= 1, kernel_ports
    listening = subprocess.Popen(
        ["runuser", "-u", oak_user, "--", running_hub.python, "-c", LISTEN_PROBE],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    listening.stdin.write(json.dumps(sorted(kernel_ports)) + "\n")
    listening.stdin.flush()
    assert listening.stdout.readline().strip() == "connected"
    from jupyter_client import BlockingKernelClient

    client = BlockingKernelClient(connection_file=str(runtime / f"kernel-{kernel}.json"))
    client.load_connection_file()
    client.start_channels()
    printed: list[str] = []  # what the kernel's owner (here root) reads of its output

    def hear(message: dict[str, Any]) -> None:
        if message["msg_type"] == "stream":
            printed.append(message["content"]["text"])

    try:
        client.wait_for_ready(timeout=120)
        for _ in range(5):
            client.execute_interactive(
                "print('facilitator-secret-7431')", timeout=60, output_hook=hear
            )
    finally:
        client.stop_channels()
    assert "facilitator-secret-7431" in "".join(printed)  # it did print
    listening.stdin.write("stop\n")
    listening.stdin.flush()
    heard, _ = listening.communicate(timeout=60)
    assert "facilitator-secret" not in heard
    found = probe_as(
        running_hub,
        oak_user,
        {"pids": [], "sockets": sockets, "folders": [str(runtime)], "files": [], "urls": []},
    )
    assert all(what.startswith("refused") for what in found.values()), found
    stopped = facilitator.page.request.delete(
        running_hub.user_url(hub.FACILITATOR, f"api/kernels/{kernel}"),
        headers=xsrf_headers(facilitator, f"/user/{hub.FACILITATOR}/"),
    )
    assert stopped.status == 204

    # stopping a team's server (from the admin page, or by the idle culler) stops its pages
    # server too: nothing of Elm's keeps running
    assert len(processes_of(elm_user)) >= 2  # its server and its pages
    stop = facilitator.page.request.delete(
        f"{running_hub.url}/hub/api/users/{elm_user}/server",
        headers=xsrf_headers(facilitator, "/hub/"),
    )
    assert stop.status in (202, 204), stop.text()
    deadline = time.monotonic() + 120
    while processes_of(elm_user):
        assert time.monotonic() < deadline, processes_of(elm_user)
        time.sleep(0.5)

    # logout: Oak's context is signed out and sent to the login page for its own server again
    oak.page.goto(f"{running_hub.url}/hub/logout")
    oak.page.goto(running_hub.user_url(oak_user, f"pages/?team={OAK}"))
    oak.page.wait_for_url("**/hub/login**")
    expect(oak.page.locator("#login_submit")).to_be_visible()


def test_a_wrong_password_is_refused(running_hub: RunningHub, new_page: Callable[[], Any]) -> None:
    page = new_page().page
    page.goto(f"{running_hub.url}/hub/login")
    page.fill("#username_input", USERS[0])
    page.fill("#password_input", running_hub.passwords[USERS[1]])
    page.click("#login_submit")
    from playwright.sync_api import expect

    expect(page.locator(".login_error, #login_error, .alert-danger").first).to_be_visible()
    assert "/user/" not in page.url


def test_repeated_failures_lock_the_account_with_a_plain_message(
    running_hub: RunningHub, new_page: Callable[[], Any]
) -> None:
    """5 failures for one account (here one that does not exist): the 6th attempt is refused
    with a sentence on the login page (hub_auth.TOO_MANY), not the usual one."""
    from playwright.sync_api import expect

    page = new_page().page
    error = page.locator(".login_error, #login_error, .alert-danger").first
    for n in range(6):
        page.goto(f"{running_hub.url}/hub/login")
        page.fill("#username_input", "team-nobody")
        page.fill("#password_input", f"wrong-{n}")
        page.click("#login_submit")
        expect(error).to_be_visible()
        if n < 5:
            expect(error).not_to_contain_text("Too many failed logins")
    expect(error).to_contain_text("Too many failed logins")
    assert "/user/" not in page.url


def test_no_file_but_the_cards_holds_a_password(running_hub: RunningHub) -> None:
    """After the logins above: the hub folder (its database, homes, runtime folders) and the
    workspace hold no password, except the cards the first run wrote for printing."""
    secrets = [p.encode() for p in running_hub.passwords.values()]
    cards = {running_hub.hub_dir / name for name in hub.CARD_FILES}

    def holds_one(path: Path) -> bool:
        try:
            data = path.read_bytes()
        except OSError:  # gone meanwhile (a server's runtime file)
            return False
        return any(secret in data for secret in secrets)

    holding = [
        str(path)
        for folder in (running_hub.hub_dir, running_hub.workspace)
        for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink() and path not in cards and holds_one(path)
    ]
    assert holding == []


def test_the_hubs_own_files_are_for_root_alone(running_hub: RunningHub) -> None:
    """Issue 27: the running hub's database (the servers' API tokens), its cookie secret and
    every other file of the hub folder itself are readable by root only (but the proxy's pid
    file, which the hub writes as it starts the proxy: a process id every user sees in ps)."""
    files = {
        p.name: p
        for p in running_hub.hub_dir.iterdir()
        if p.is_file() and p.name != "jupyterhub-proxy.pid"
    }
    assert {hub.DATABASE_FILE, hub.COOKIE_SECRET_FILE, hub.CONFIG_FILE} <= set(files)
    wider = {
        name: oct(stat.S_IMODE(path.stat().st_mode))
        for name, path in files.items()
        if stat.S_IMODE(path.stat().st_mode) & 0o077
    }
    assert wider == {}
