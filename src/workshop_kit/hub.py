"""``workshop-kit hub``: the kit on JupyterHub, one account per team (issue 15).

JupyterHub is the multi-user engine; the kit only writes its configuration and the accounts:

* one account per team of the cohort list (the file ``new-team --from-file`` takes), named
  ``team-<slug>``, with a generated password, and a facilitator (admin) account;
* ``passwords.json`` (mode 0600) with each account's team and the argon2id hash of its password
  (:mod:`workshop_kit.hub_passwords`), which the hub's small file-based authenticator
  (:class:`workshop_kit.hub_auth.KitAuthenticator`) checks; no system password is involved. The
  passwords themselves are written once, as cards to print (``accounts.html``, and
  ``accounts.csv`` for a mail merge, mode 0600), only for the accounts that got a new one; the
  operator deletes them after printing: nothing the kit reads later holds a password;
* when run as root, one Unix user per account (``useradd``), each team's workspace folder owned by
  its user with mode 2750 and group :data:`FACILITATOR_GROUP`, so a team's server reads and writes
  only its own workbook and the facilitator (a member of the group) reads every team's;
* a commented ``jupyterhub_config.py`` a district can read and adapt: 127.0.0.1 by default,
  the kit's :class:`~workshop_kit.hub_spawner.TeamSpawner` (JupyterHub's LocalProcessSpawner:
  each server as its account's Unix user, in control groups of its own with memory and process
  limits the kernel enforces, :mod:`workshop_kit.team_limits`), idle culling;
* each account's server serves the kit's pages (``workshop-kit app``, one Solara process without
  kernels) behind jupyter-server-proxy on a Unix socket (:mod:`workshop_kit.hub_server`): a team
  lands on its own start page, the facilitator on the overview of every team. The hub's login
  says who is there, so no join code is asked;
* kernels only for the facilitator and the teams the facilitator enabled JupyterLab for
  (``--jupyterlab-for``); where kernels run they use local sockets in the account's private
  runtime folder (``<hub>/run/<uid>``, mode 0700), never TCP ports.

The hub serves no Voila page: every page is the Solara pages'.

This module does not import JupyterHub: writing the files works (and is tested) without it.
"""

from __future__ import annotations

import csv
import grp
import html
import io
import json
import os
import pwd
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from workshop_kit import (
    district_sign_in,
    hub_passwords,
    hub_server,
    login_limits,
    paths,
    team_limits,
)
from workshop_kit.errors import RefusedError, UnsafeTeamNameError, WorkshopError
from workshop_kit.store import DEMO_SLUG, Workspace, read_team_list, team_slug

USER_PREFIX = "team-"
FACILITATOR = hub_passwords.FACILITATOR
FACILITATOR_GROUP = "wk-facilitators"
OVERVIEW = "10_facilitator_overview.ipynb"
#: the overview's address on the pages (pages/site.py)
OVERVIEW_PAGE = "overview"
DEFAULT_PORT = 8000
#: Unix user names: a lower-case letter first, at most 32 characters (useradd's limit)
UNIX_NAME = re.compile(r"^[a-z][a-z0-9-]{0,31}$")

DEFAULT_IP = "127.0.0.1"
#: a team's server nobody has used this long is stopped (its work is in its files)
IDLE_MINUTES = 20.0
#: the accounts (one a line) whose servers may run kernels, i.e. JupyterLab (read at each start)
JUPYTERLAB_FILE = "jupyterlab-accounts.txt"
#: per account ``<hub>/run/<uid>``, mode 0700: the server's runtime files and kernel sockets
RUN_DIR = "run"

CONFIG_FILE = "jupyterhub_config.py"
#: the hub's own files: its database (who is logged in, the servers' API tokens) and the key that
#: signs login cookies; readable by root only (:func:`private_hub_files`)
DATABASE_FILE = "jupyterhub.sqlite"
COOKIE_SECRET_FILE = "jupyterhub_cookie_secret"
PASSWORDS_FILE = hub_passwords.PASSWORDS_FILE
#: the cards, written only by a run that made new passwords (and only with those): print them,
#: then delete them; the kit never reads them
ACCOUNTS_CSV = "accounts.csv"
ACCOUNTS_HTML = "accounts.html"
CARD_FILES = (ACCOUNTS_HTML, ACCOUNTS_CSV)
#: the address the cards give teams (``--public-url``), kept for the runs that do not give it
PUBLIC_URL_FILE = "public-url.txt"
#: district sign-in (``--sign-in``): each district account's hub account, read at every sign-in
SIGN_IN_FILE = "district-sign-in.json"


@dataclass(frozen=True)
class Account:
    username: str
    team: str  # the team's name as the facilitator typed it; "" for the facilitator
    slug: str  # the team's workspace folder; "" for the facilitator
    #: a password made by this run, to print once; None: the account keeps its own (only its
    #: hash is kept, in passwords.json)
    password: str | None
    admin: bool = False


@dataclass
class HubSettings:
    """What goes into ``jupyterhub_config.py``; every default is stated in the file's comments."""

    hub_dir: Path
    workspace: Path
    ip: str = DEFAULT_IP
    port: int = DEFAULT_PORT
    hub_port: int = 8081
    proxy_api_port: int = 8001
    idle_minutes: float = IDLE_MINUTES
    #: each team's server, with everything it starts: enforced by the kernel (team_limits)
    mem_limit: str = "1G"
    #: the facilitator's server (the overview reads every team; JupyterLab with kernels)
    facilitator_mem_limit: str = "2G"
    #: tasks (processes and threads) per account's server, enforced by the kernel
    max_processes: int = team_limits.DEFAULT_MAX_PROCESSES
    #: False only when told --no-limits: servers then run without enforced limits
    enforce_limits: bool = True
    #: where the kernel shows its control groups
    cgroup_root: Path = team_limits.CGROUP_ROOT
    cpu_limit: float = 1.0
    group: str = FACILITATOR_GROUP
    python: str = field(default_factory=lambda: sys.executable)
    #: team names whose servers may run kernels (JupyterLab); None: leave the list as it is
    jupyterlab_for: list[str] | None = None
    #: the address teams open, printed on the cards (``--public-url``); None: the one a run
    #: gave before (``public-url.txt``), else where the hub listens
    public_url: str | None = None
    #: the district sign-in file (``--sign-in``, district_sign_in.py); None: the one a run gave
    #: before (``district-sign-in.json``), else the kit's passwords
    sign_in: Path | None = None


# -- names and passwords ---------------------------------------------------------------------


def read_cohort(path: str | os.PathLike[str]) -> list[str]:
    """Team names from a cohort file, read as ``new-team --from-file`` reads them."""
    return read_team_list(path)


def username_for(slug: str) -> str:
    """The hub (and Unix) account of the team whose folder is ``slug``."""
    name = USER_PREFIX + slug
    if not UNIX_NAME.match(name):
        raise UnsafeTeamNameError(
            f"The team folder ‘{slug}’ cannot be an account name: account names take only "
            "letters a-z, digits and dashes, at most 32 characters. Shorten or rename the team."
        )
    return name


def plan_accounts(
    names: Sequence[str], kept: Collection[str] = (), renew: bool = False
) -> list[Account]:
    """One account per team name, then the facilitator's. The accounts named in ``kept`` (those
    with a hash in passwords.json) keep their password unless ``renew``; the others get a new
    one. Every name is checked before anything is planned."""
    slugs = [team_slug(name) for name in names]
    if len(set(slugs)) < len(slugs):
        twice = sorted({n for n, s in zip(names, slugs, strict=True) if slugs.count(s) > 1})
        raise UnsafeTeamNameError(
            f"These names would share one folder: {', '.join(twice)}. Make them distinct."
        )
    if DEMO_SLUG in slugs:
        raise UnsafeTeamNameError("The demo team gets no account; take it out of the list.")
    pairs = zip(names, slugs, strict=True)
    wanted = [(name.strip(), slug, username_for(slug)) for name, slug in pairs]
    wanted.append(("", "", FACILITATOR))

    def password(user: str) -> str | None:
        return None if user in kept and not renew else hub_passwords.new_password()

    return [
        Account(user, name, slug, password(user), admin=user == FACILITATOR)
        for name, slug, user in wanted
    ]


# -- the files in the hub folder -------------------------------------------------------------


def check_public_url(url: str) -> str:
    """The address for the cards, as given to ``--public-url``, with a ``/`` at the end of its
    path; a plain :class:`RefusedError` when it is not an http(s) address of a host without a
    query or a fragment (a card must say exactly where to go, and nothing more)."""
    given = url.strip()
    problem = ""
    try:
        parts = urlsplit(given)
        parts.port  # noqa: B018 (raises ValueError for a port that is not a number or too big)
    except ValueError:
        problem = "it is not a web address"
    else:
        if any(not ch.isprintable() or ch.isspace() for ch in given):
            problem = "it has spaces or control characters in it"
        elif parts.scheme.lower() not in ("http", "https"):
            problem = "it must start with https:// (or http://)"
        elif not parts.hostname:
            problem = "it names no host (e.g. https://workshop.example.org/)"
        elif parts.username is not None or parts.password is not None:
            problem = "it must not hold an account or password (nothing before an @)"
        elif parts.query or parts.fragment or "?" in given or "#" in given:
            problem = "it must not have a query (?...) or a fragment (#...)"
    if problem:
        raise RefusedError(
            f"--public-url {given[:200]!r} cannot go on the cards: {problem}. Give the address "
            "teams open in their browser, for example https://workshop.district.example.org/."
        )
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc, path, "", ""))


def read_public_url(hub_dir: Path) -> str | None:
    """The address an earlier run was given with ``--public-url`` (None: none was given)."""
    try:
        text = (hub_dir / PUBLIC_URL_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return check_public_url(text) if text else None


def read_sign_in_file(hub_dir: Path) -> dict[str, Any] | None:
    """What an earlier run kept of ``--sign-in`` (None: teams sign in with passwords)."""
    try:
        kept: dict[str, Any] = json.loads((hub_dir / SIGN_IN_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise WorkshopError(
            f"{SIGN_IN_FILE} in the hub folder cannot be read ({exc.__class__.__name__}): give "
            "the district sign-in file again with --sign-in."
        ) from None
    return kept


def sign_in_record(path: Path, accounts: Sequence[Account]) -> dict[str, Any]:
    """The district sign-in file at ``path``, checked against this cohort, as the hub keeps it:
    the provider, and each district account's hub account."""
    sign_in = district_sign_in.read_sign_in(path)
    hub_account_of = {a.team: a.username for a in accounts if not a.admin}
    hub_account_of[district_sign_in.FACILITATOR_WORD] = FACILITATOR
    return {
        "schema_version": 1,
        "provider": sign_in.provider,
        "domain": sign_in.domain.strip(),
        "tenant": sign_in.tenant.strip(),
        "accounts": district_sign_in.hub_accounts(sign_in, hub_account_of, path.name),
    }


def oauth_callback_url(settings: HubSettings) -> str:
    """Where the district's identity provider sends a person back after signing in (the
    redirect address the hub is registered with): below the cards' address."""
    return card_url(settings).rstrip("/") + "/hub/oauth_callback"


def card_url(settings: HubSettings) -> str:
    """The address on the cards: ``--public-url`` (this run's, or the one kept from an earlier
    run), else where the hub listens."""
    if settings.public_url is not None:
        return check_public_url(settings.public_url)
    return read_public_url(settings.hub_dir) or f"http://{settings.ip}:{settings.port}/"


def accounts_csv(accounts: Iterable[Account], url: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["team", "folder", "account", "password", "role", "address"])
    for a in accounts:
        writer.writerow(
            [a.team, a.slug, a.username, a.password or "", "admin" if a.admin else "team", url]
        )
    return out.getvalue()


def accounts_html(accounts: Iterable[Account], url: str) -> str:
    """One card per account, to print and cut out: where to go, the account, the password."""
    cards = []
    for a in accounts:
        who = html.escape(a.team) if not a.admin else "Facilitator"
        cards.append(
            '<div class="card">'
            f"<h2>{who}</h2>"
            f"<p>Open <b>{html.escape(url)}</b></p>"
            f"<p>Account: <code>{html.escape(a.username)}</code></p>"
            f"<p>Password: <code>{html.escape(a.password or '')}</code></p>"
            "</div>"
        )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>Workshop accounts</title><style>"
        "body{font-family:sans-serif}"
        ".card{border:1px dashed #555;padding:0.5em 1em;margin:0.5em;width:20em;"
        "display:inline-block;vertical-align:top;break-inside:avoid}"
        "code{font-size:1.3em}</style></head><body>"
        "<p>Keep this page private: anyone holding a card can open that team's workbook. "
        "Delete this file once the cards are printed: the hub does not need it.</p>"
        + "".join(cards)
        + "</body></html>\n"
    )


def write_account_files(hub_dir: Path, accounts: Sequence[Account], url: str) -> list[Account]:
    """Keep the accounts in ``passwords.json`` (the hash of each new password, the hash already
    there for the others; accounts not in ``accounts`` are dropped) and, if any account got a
    new password, write the cards of those accounts only. The accounts with a new password."""
    new = [a for a in accounts if a.password is not None]
    hashes = {a.username: hub_passwords.hash_password(a.password) for a in new if a.password}

    def keep(
        stored: dict[str, hub_passwords.StoredAccount],
    ) -> dict[str, hub_passwords.StoredAccount]:
        lost = [a.username for a in accounts if a.username not in hashes | stored.keys()]
        if lost:
            raise WorkshopError(f"No password is kept for {', '.join(lost)}: give them new ones.")
        return {
            a.username: hub_passwords.StoredAccount(
                a.username,
                hashes.get(a.username) or stored[a.username].hash,
                a.team,
                a.slug,
                a.admin,
            )
            for a in accounts
        }

    hub_passwords.update_accounts(hub_dir, keep)
    if new:
        hub_passwords.write_private(hub_dir / ACCOUNTS_CSV, accounts_csv(new, url))
        hub_passwords.write_private(hub_dir / ACCOUNTS_HTML, accounts_html(new, url))
    return new


def card_files(hub_dir: Path) -> list[Path]:
    """The card files still in the hub folder (they should be deleted once printed)."""
    return [hub_dir / name for name in CARD_FILES if (hub_dir / name).exists()]


def hub_server_config_dir() -> Path:
    """Jupyter server settings every team's server reads (``JUPYTER_CONFIG_PATH``)."""
    return paths.data_dir() / "jupyter" / "hub-server"


def proxy_command() -> Path:
    """configurable-http-proxy from the project's own ``node_modules`` (``npm ci``)."""
    return paths.project_root() / "node_modules" / ".bin" / "configurable-http-proxy"


@dataclass(frozen=True)
class SpawnSettings:
    """What one account's server is started with, besides the settings every server shares."""

    environment: dict[str, str]
    default_url: str


def spawn_settings(
    username: str, teams: dict[str, str], jupyterlab: Iterable[str], runtime: Path
) -> SpawnSettings:
    """A team's server serves that team's pages and opens on its start page; the facilitator's
    (any account not in ``teams``) serves the facilitator's pages and opens on the overview.
    Kernels for the facilitator and the accounts in ``jupyterlab`` only. Runtime and temporary
    files (kernel sockets, the pages' socket) in ``runtime``, the account's private folder."""
    slug = teams.get(username)
    may_run_kernels = slug is None or username in set(jupyterlab)
    environment = {
        hub_server.PAGES_FOR_ENV: (
            hub_server.FACILITATOR if slug is None else hub_server.pages_for_team(slug)
        ),
        hub_server.JUPYTERLAB_ENV: "1" if may_run_kernels else "0",
        "JUPYTER_RUNTIME_DIR": str(runtime),
        # temporary files too, so the pages' socket folder (jupyter-server-proxy's mkdtemp) is
        # made inside the private runtime folder and goes with it, not left behind in /tmp
        "TMPDIR": str(runtime),
    }
    pages = f"/{hub_server.PAGES}/"
    default_url = pages + OVERVIEW_PAGE if slug is None else f"{pages}?team={slug}"
    return SpawnSettings(environment, default_url)


def read_jupyterlab_accounts(hub_dir: Path) -> list[str]:
    """The accounts listed in ``jupyterlab-accounts.txt`` (none when it is missing)."""
    try:
        text = (hub_dir / JUPYTERLAB_FILE).read_text(encoding="utf-8")
    except OSError:
        return []
    return [line.strip() for line in text.splitlines() if line.strip()]


def write_jupyterlab_accounts(hub_dir: Path, team_names: Iterable[str]) -> list[str]:
    """List the accounts of ``team_names`` as allowed JupyterLab (and kernels); gives them."""
    accounts = sorted({username_for(team_slug(name)) for name in team_names})
    hub_dir.mkdir(parents=True, exist_ok=True)
    hub_passwords.write_private(hub_dir / JUPYTERLAB_FILE, "".join(f"{a}\n" for a in accounts))
    return accounts


def runtime_dir(hub_dir: Path, username: str) -> Path:
    """The account's private runtime folder, ``<hub>/run/<uid>`` (short: kernel socket paths
    must fit in 107 characters); made (mode 0700, the account's) when run as root."""
    uid = pwd.getpwnam(username).pw_uid
    folder = hub_dir / RUN_DIR / str(uid)
    if is_root():
        (hub_dir / RUN_DIR).mkdir(mode=0o711, parents=True, exist_ok=True)
        os.chmod(hub_dir / RUN_DIR, 0o711)
        folder.mkdir(mode=0o700, exist_ok=True)
        os.chown(folder, uid, pwd.getpwnam(username).pw_gid)
        os.chmod(folder, 0o700)
    return folder


def check_socket_paths(hub_dir: Path) -> None:
    """Kernel sockets live in ``<hub>/run/<uid>``: refuse a hub folder whose path is too long
    for them (the kernels would fail to start, with a message nobody could act on)."""
    longest = hub_server.longest_kernel_socket(hub_dir / RUN_DIR / ("9" * 10))
    if longest > hub_server.SOCKET_PATH_LIMIT:
        raise WorkshopError(
            f"The hub folder {hub_dir} has too long a path for the kernels' local sockets "
            f"({longest} characters; at most {hub_server.SOCKET_PATH_LIMIT}). "
            "Give a shorter one with --hub-dir."
        )


def password_sign_in_lines() -> str:
    """The config's sign-in part when teams sign in with the kit's passwords."""
    return f"""\
# One account per team and one facilitator account. Passwords are checked against the argon2id
# hashes in passwords.json (mode 0600), read at every login; no password is kept in plain text.
# A run of `workshop-kit hub` that makes new passwords prints them once, as cards in
# {ACCOUNTS_HTML} (and {ACCOUNTS_CSV}): delete both once printed, nothing reads them again.
# A lost password: `workshop-kit hub-password "<team name>"` (or `facilitator`) gives that one
# account a new one, at once, without a restart; `workshop-kit hub --new-passwords` renews all.
from workshop_kit.hub_auth import KitAuthenticator  # noqa: E402

c.JupyterHub.authenticator_class = KitAuthenticator
c.KitAuthenticator.passwords_file = str(HUB_DIR / {PASSWORDS_FILE!r})
# Failed logins: this many for one account within the window lock it for the lockout, even with
# the right password; as many from one address lock that address (a school behind one address
# shares its count: raise it for a large room). The login page then says to wait.
c.KitAuthenticator.failures_per_account = {login_limits.PER_ACCOUNT}
c.KitAuthenticator.failures_per_address = {login_limits.PER_ADDRESS}
c.KitAuthenticator.failure_window = {login_limits.WINDOW_SECONDS:g}  # seconds
c.KitAuthenticator.lockout_seconds = {login_limits.LOCKOUT_SECONDS:g}  # seconds
"""


def district_sign_in_lines(record: dict[str, Any], callback: str) -> str:
    """The config's sign-in part when teams sign in with their district accounts."""
    provider = record["provider"]
    cls = "KitGoogleAuthenticator" if provider == "google" else "KitEntraAuthenticator"
    where = (
        f"c.{cls}.hosted_domain = [{record['domain']!r}]  # only the district's accounts"
        if provider == "google"
        else f"c.{cls}.tenant_id = {record['tenant']!r}  # only the district's directory"
    )
    name = "Google Workspace" if provider == "google" else "Microsoft Entra ID"
    return f"""\
# Teams sign in with their district accounts ({name}), as given with
# `workshop-kit hub --sign-in <file>`: each district account opens the hub account its line in
# that file gives (kept in {SIGN_IN_FILE}, read at every sign-in, so a re-run with a changed
# file applies without a restart); an account not listed is refused. No password of the kit is
# used. Register the hub with the district's identity provider with the redirect (callback)
# address below, and give the hub the client's id and secret in its environment, never in a
# file others can read: OAUTH_CLIENT_ID=... OAUTH_CLIENT_SECRET=... (docs/server.md,
# "Sign-in the district already has")
from workshop_kit.hub_oauth import {cls}  # noqa: E402

c.JupyterHub.authenticator_class = {cls}
c.{cls}.district_sign_in_file = str(HUB_DIR / {SIGN_IN_FILE!r})
c.{cls}.oauth_callback_url = {callback!r}
{where}
"""


def render_config(settings: HubSettings, accounts: Sequence[Account]) -> str:
    """The text of ``jupyterhub_config.py``: plain assignments with a comment on each choice."""
    s = settings
    teams = {a.username: a.slug for a in accounts if not a.admin}
    idle_seconds = round(s.idle_minutes * 60)
    bin_dir = Path(s.python).parent
    team_lines = "".join(f"    {u!r}: {slug!r},\n" for u, slug in sorted(teams.items()))
    record = read_sign_in_file(s.hub_dir)
    sign_in_lines = (
        password_sign_in_lines()
        if record is None
        else district_sign_in_lines(record, oauth_callback_url(s))
    )
    return f'''\
# JupyterHub configuration for workshop-kit, written by `workshop-kit hub`.
# Re-running `workshop-kit hub` writes this file again: copy it elsewhere before adapting it,
# and start JupyterHub with `jupyterhub -f <your copy>` from this folder.
# Reference: https://jupyterhub.readthedocs.io/en/stable/reference/config-reference.html

import json
from pathlib import Path

from workshop_kit import hub

HUB_DIR = Path({str(s.hub_dir)!r})

# -- Where the hub listens -----------------------------------------------------------------------
# The public address (the proxy). 127.0.0.1 means this computer only; to serve a network put
# HTTPS in front of it (see docs/server.md) rather than exposing plain HTTP.
c.JupyterHub.bind_url = {f"http://{s.ip}:{s.port}"!r}
# Behind an HTTPS proxy on this computer (nginx, Caddy), trust its address, so the hub (and
# its limit on failed logins per address) sees each client's address rather than the proxy's:
# c.JupyterHub.trusted_downstream_ips = ["127.0.0.1"]
# The hub's own API and the proxy's control API stay on loopback.
c.JupyterHub.hub_bind_url = {f"http://127.0.0.1:{s.hub_port}"!r}
c.ConfigurableHTTPProxy.api_url = {f"http://127.0.0.1:{s.proxy_api_port}"!r}
# The proxy is the npm package pinned in the kit's package.json (installed by `npm ci`).
c.ConfigurableHTTPProxy.command = [{str(proxy_command())!r}]
c.ConfigurableHTTPProxy.pid_file = str(HUB_DIR / "jupyterhub-proxy.pid")
# The hub's database and cookie secret live in this folder, readable by root only (0600: the
# kit creates the database so before the hub first starts; SQLite's journal takes its mode).
c.JupyterHub.db_url = "sqlite:///" + str(HUB_DIR / {DATABASE_FILE!r})
c.JupyterHub.cookie_secret_file = str(HUB_DIR / {COOKIE_SECRET_FILE!r})

# -- Accounts ------------------------------------------------------------------------------------
{sign_in_lines}# team account -> the team's folder in the workspace
TEAMS = {{
{team_lines}}}
c.Authenticator.allowed_users = set(TEAMS) | {{{FACILITATOR!r}}}
# The facilitator is the hub's admin: the admin page (/hub/admin) starts and stops servers.
c.Authenticator.admin_users = {{{FACILITATOR!r}}}

# -- Each account's server -----------------------------------------------------------------------
# TeamSpawner (workshop_kit/hub_spawner.py) is JupyterHub's LocalProcessSpawner, which starts
# each account's server as the Unix user of the same name (created by `workshop-kit hub` when
# run as root), with limits the kernel enforces (below). A team's folder is owned by its user,
# mode 2750, group {s.group!r}: the team reads and writes its own workbook, other teams cannot
# even list it, and the facilitator (a member of the group) reads every team's for the overview.
from workshop_kit.hub_spawner import TeamSpawner  # noqa: E402

c.JupyterHub.spawner_class = TeamSpawner
c.Spawner.cmd = [{str(bin_dir / "jupyterhub-singleuser")!r}]
c.Spawner.notebook_dir = {str(paths.notebooks_dir())!r}
c.Spawner.environment = {{
    "{paths.WORKSPACE_ENV}": {str(s.workspace)!r},
    # the kit's own python3 kernel (JupyterLab, where it is enabled)
    "JUPYTER_PATH": {str(paths.kit_jupyter_data())!r},
    "MPLBACKEND": "Agg",
    # the server's settings (src/workshop_kit/hub_server.py): the kit's pages, served by one
    # Solara process per account behind jupyter-server-proxy on a Unix socket in a folder only
    # the account can enter, at /user/<account>/{hub_server.PAGES}/; no kernels for a team unless
    # JupyterLab is enabled for it; kernels on local sockets, not TCP ports; no Voila; no MathJax
    # from a CDN
    "JUPYTER_CONFIG_PATH": {str(hub_server_config_dir())!r},
}}
# A busy machine starts servers slowly; give it time rather than failing the login.
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 90

{limits_block(s)}

def open_own_pages(spawner):
    """Who the account's pages serve (its team, or the facilitator), its start page, whether it
    may run kernels (the facilitator, and the accounts listed in {JUPYTERLAB_FILE}, read at
    every start: add a team's account there and restart its server from /hub/admin), and its
    private runtime folder for the server's files and kernel sockets."""
    start = hub.spawn_settings(
        spawner.user.name,
        TEAMS,
        hub.read_jupyterlab_accounts(HUB_DIR),
        hub.runtime_dir(HUB_DIR, spawner.user.name),
    )
    spawner.environment = {{**spawner.environment, **start.environment}}
    spawner.default_url = start.default_url


c.Spawner.pre_spawn_hook = open_own_pages

# -- Idle culling --------------------------------------------------------------------------------
# jupyterhub-idle-culler stops a team's whole server after {s.idle_minutes:g} idle minutes (its work
# is saved in its files; logging in again starts a fresh server).
c.JupyterHub.load_roles = [
    {{
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }}
]
c.JupyterHub.services = [
    {{
        "name": "idle-culler",
        "command": [{s.python!r}, "-m", "jupyterhub_idle_culler", "--timeout={idle_seconds}"],
    }}
]
'''


def limits_block(s: HubSettings) -> str:
    """The config's memory, process and CPU limits, with what enforces them (or that nothing
    does, after --no-limits)."""
    figures = (
        f"c.Spawner.mem_limit = {s.mem_limit!r}  # each team's server, all its processes\n"
        f"c.TeamSpawner.admin_mem_limit = {s.facilitator_mem_limit!r}  # the facilitator's\n"
        f"c.TeamSpawner.max_processes = {s.max_processes!r}  # per account; threads count\n"
        f"c.TeamSpawner.cgroup_root = {str(s.cgroup_root)!r}\n"
    )
    cpu = (
        "# CPU is not limited: cpu_limit is only passed to the server as CPU_LIMIT\n"
        "# (advisory); the kernel shares the cores between the servers that want them.\n"
        f"c.Spawner.cpu_limit = {s.cpu_limit!r}\n"
    )
    if not s.enforce_limits:
        return (
            "# Limits are NOT enforced: the hub was set up with --no-limits. The figures below\n"
            "# are only passed to each server as MEM_LIMIT (advisory): one team can use up the\n"
            "# machine's memory or processes. Run `workshop-kit hub` without --no-limits, as\n"
            "# root on Linux with cgroups, to have the kernel enforce them (docs/server.md,\n"
            "# Limits).\n"
            "c.TeamSpawner.enforce_limits = False\n" + figures + cpu
        )
    return (
        "# Memory and process limits the kernel enforces: before each start the hub puts the\n"
        "# account's server into control groups of its own\n"
        f"# ({team_limits.CGROUP_ROOT}/.../{team_limits.PARENT}/<account>; cgroup v2 or v1), and\n"
        "# every process the server starts (its pages, its kernels) is in them too. Past its\n"
        "# memory limit the kernel kills a process of that account only; past its process limit\n"
        "# that account's new processes are refused. Other accounts are not affected. A server\n"
        "# whose groups cannot be made does not start (it never runs without its limits).\n"
        "# A team's server with its pages open holds about 340 MB (docs/server.md, Sizing).\n"
        "c.TeamSpawner.enforce_limits = True\n" + figures + cpu
    )


def write_config(settings: HubSettings, accounts: Sequence[Account]) -> Path:
    settings.hub_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(settings.hub_dir, 0o711)  # users' homes below it are reachable, nothing listable
    target = settings.hub_dir / CONFIG_FILE
    hub_passwords.write_private(target, render_config(settings, accounts))
    private_hub_files(settings.hub_dir)
    return target


def private_hub_files(hub_dir: Path) -> None:
    """Every file of the hub folder itself readable by root only (0600). SQLite would create
    the database with the default mode (0644, readable by every team's account, with the API
    tokens in it), so it is made here first, empty (an empty file is an empty database)."""
    fd = os.open(hub_dir / DATABASE_FILE, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    os.close(fd)
    for path in hub_dir.iterdir():
        if path.is_file() and not path.is_symlink():
            os.chmod(path, 0o600)


# -- Unix users and folder permissions (root only) -------------------------------------------


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _run(cmd: Sequence[str]) -> None:
    done = subprocess.run(list(cmd), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise WorkshopError(f"{' '.join(cmd)} failed: {done.stderr.strip() or done.returncode}")


def user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def group_exists(name: str) -> bool:
    try:
        grp.getgrnam(name)
    except KeyError:
        return False
    return True


@dataclass
class MadeHere:
    """What one run of the set-up created: a run that fails takes it all away again, so a hub
    that could not start leaves no Unix user, group or team folder behind (an earlier run's, or
    one that was there before, is never touched)."""

    users: list[str] = field(default_factory=list)
    group: str | None = None
    team_folders: list[Path] = field(default_factory=list)

    def undo(self) -> None:
        for folder in self.team_folders:
            shutil.rmtree(folder, ignore_errors=True)
        remove_unix_users(self.users, self.group)  # and their homes
        self.users, self.group, self.team_folders = [], None, []


def set_up_unix(
    settings: HubSettings, accounts: Sequence[Account], made: MadeHere | None = None
) -> None:
    """Create the group, one Unix user per account (home in ``<hub>/home``) and each team's
    workbook, and give each team's folder to its user. Needs root; idempotent. What it creates
    is recorded in ``made``; when a step fails, it is all removed before the error is raised."""
    if not is_root():
        raise WorkshopError(
            "Setting up the accounts needs root (it creates one system user per team). "
            "Run it as root, or with --config-only to only write the files."
        )
    check_socket_paths(settings.hub_dir)
    made = made if made is not None else MadeHere()
    try:
        _set_up_unix(settings, accounts, made)
    except BaseException:
        made.undo()
        raise


def _set_up_unix(settings: HubSettings, accounts: Sequence[Account], made: MadeHere) -> None:
    homes = settings.hub_dir / "home"
    homes.mkdir(parents=True, exist_ok=True)
    os.chmod(homes, 0o711)
    if not group_exists(settings.group):
        _run(["groupadd", "--system", settings.group])
        made.group = settings.group
    for a in accounts:
        if not user_exists(a.username):
            cmd = ["useradd", "--create-home", "--home-dir", str(homes / a.username)]
            cmd += ["--shell", "/usr/sbin/nologin"]
            if a.admin:
                cmd += ["--groups", settings.group]
            _run([*cmd, a.username])
            made.users.append(a.username)
        os.chmod(homes / a.username, 0o700)
        runtime_dir(settings.hub_dir, a.username)
    check_reachable(settings.python, next(a.username for a in accounts if not a.admin))
    ws = Workspace.default(settings.workspace)
    ws.ensure_demo()  # every kernel opens it first; root-owned, so read-only for teams
    gid = grp.getgrnam(settings.group).gr_gid
    private_workspace_root(ws.root, gid)
    for a in accounts:
        if a.admin:
            continue
        folder = ws.root / a.slug
        if not folder.is_dir():
            ws.create_team(a.team)
            made.team_folders.append(folder)
        uid = pwd.getpwnam(a.username).pw_uid
        for path in [folder, *folder.rglob("*")]:
            if path.is_symlink():
                continue
            os.chown(path, uid, gid)
            if path.is_dir():
                os.chmod(path, 0o2750)  # new files and folders keep the facilitators' group
            else:
                os.chmod(path, (path.stat().st_mode & 0o700) | 0o040)


#: the workspace's top folder: root's, the facilitators' group may list it (the overview reads
#: every team), everyone else may only pass through it to a folder whose name they know
WORKSPACE_ROOT_MODE = 0o751


def private_workspace_root(root: Path, gid: int) -> None:
    """Let teams reach their own folder (and the demo's) through the workspace's top folder
    without listing it: its folder names are the cohort's team names. The hub (root) and the
    facilitators' group (``gid``) list it; the folder stays root's, so no account can add,
    rename or remove a team's folder in it."""
    os.chown(root, 0, gid)
    os.chmod(root, WORKSPACE_ROOT_MODE)


def account_limits(settings: HubSettings, account: Account) -> team_limits.Limits:
    """The limits of an account's server: the facilitator's memory limit is its own."""
    memory = settings.facilitator_mem_limit if account.admin else settings.mem_limit
    return team_limits.Limits(team_limits.parse_size(memory), settings.max_processes or None)


def check_limits(settings: HubSettings) -> None:
    """Refuse figures the hub could not apply, before anything is written."""
    team_limits.parse_size(settings.mem_limit)
    team_limits.parse_size(settings.facilitator_mem_limit)
    if settings.max_processes < 0:
        raise WorkshopError(
            f"--max-processes {settings.max_processes}: give a number of processes (0: no limit)."
        )


def set_up_limits(
    settings: HubSettings, accounts: Sequence[Account], parent: str = team_limits.PARENT
) -> None:
    """Make every account's control groups with its limits now (the spawner makes them again
    before each start), so a machine where they cannot be enforced refuses the hub at once:
    :class:`team_limits.LimitsUnavailable` says why and names ``--no-limits``."""
    for account in accounts:
        limits = account_limits(settings, account)
        team_limits.prepare(account.username, limits, settings.cgroup_root, parent)


def check_reachable(python: str, user: str) -> None:
    """Each team's server runs the kit's Python as the team's user, so that user must be able to
    run it: an environment inside a private home (``/root/...``) cannot serve a hub."""
    done = subprocess.run(
        [
            "runuser",
            "-u",
            user,
            "--",
            python,
            "-c",
            "import workshop_kit, jupyterhub, jupyter_server_proxy, solara",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise WorkshopError(
            f"The team accounts cannot run the kit's Python ({python}): "
            f"{done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode}. "
            "Install the kit in a folder every user can read (for example /opt/workshop-kit, "
            "with a Python that is not inside /root), as docs/server.md shows."
        )


def remove_unix_users(names: Iterable[str], group: str | None = None) -> None:
    """Remove the given Unix users (and their homes) and the group: for tests and clean-ups."""
    for name in names:
        if user_exists(name):
            subprocess.run(["userdel", "--remove", name], capture_output=True, check=False)
    if group and group_exists(group):
        subprocess.run(["groupdel", group], capture_output=True, check=False)


# -- the command -----------------------------------------------------------------------------


def default_hub_dir(workspace: Path) -> Path:
    return workspace.parent / "hub"


def prepare(
    settings: HubSettings, names: Sequence[str] | None, renew: bool = False, unix: bool = True
) -> list[Account]:
    """Write the accounts and the config into the hub folder (and, with ``unix``, create the
    Unix users). Without ``names`` the accounts of the previous run are kept. The accounts with
    a new password carry it (:attr:`Account.password`); the others keep theirs."""
    check_limits(settings)
    url = card_url(settings)  # a bad --public-url is refused before anything is written
    if unix and settings.enforce_limits and is_root():
        # before anything is changed: limits that cannot be enforced refuse the start
        team_limits.detect(settings.cgroup_root)
    stored = hub_passwords.read_accounts(settings.hub_dir)
    if names is None:
        teams = [a for a in stored.values() if not a.admin]
        if not teams:
            raise WorkshopError(
                "No accounts yet: give the cohort list with --from-file (one team name a line)."
            )
        if not all(a.team for a in teams):
            raise WorkshopError(
                f"{PASSWORDS_FILE} was written by an earlier version, which kept the team names "
                "only beside the passwords: give the cohort list once more with --from-file "
                "(the accounts keep their passwords)."
            )
        names = [a.team for a in teams]
    accounts = plan_accounts(names, stored.keys(), renew)
    signing_in = sign_in_record(settings.sign_in, accounts) if settings.sign_in else None
    if settings.jupyterlab_for is not None:
        known = {a.username for a in accounts if not a.admin}
        strangers = [n for n in settings.jupyterlab_for if username_for(team_slug(n)) not in known]
        if strangers:
            raise WorkshopError(
                f"JupyterLab can only be enabled for a team of the cohort: {', '.join(strangers)} "
                "is not one. Check the spelling against the cohort list."
            )
        write_jupyterlab_accounts(settings.hub_dir, settings.jupyterlab_for)
    if settings.public_url is not None:  # kept for the runs that do not give it
        settings.hub_dir.mkdir(parents=True, exist_ok=True)
        hub_passwords.write_private(settings.hub_dir / PUBLIC_URL_FILE, url + "\n")
    if signing_in is not None:  # kept for the runs that do not give it
        settings.hub_dir.mkdir(parents=True, exist_ok=True)
        text = json.dumps(signing_in, indent=1, sort_keys=True) + "\n"
        hub_passwords.write_private(settings.hub_dir / SIGN_IN_FILE, text)
    write_account_files(settings.hub_dir, accounts, url)
    write_config(settings, accounts)
    if unix:
        made = MadeHere()
        set_up_unix(settings, accounts, made)
        try:
            if settings.enforce_limits:
                set_up_limits(settings, accounts)
        except BaseException:
            made.undo()
            raise
    return accounts


def check_can_start(settings: HubSettings) -> None:
    """Everything JupyterHub needs that the kit can check before it creates anything: its
    free ports, its proxy and Node.js. A hub that stops here has changed nothing."""
    wanted = (
        (settings.ip, settings.port, "--port", "the hub's address"),
        ("127.0.0.1", settings.hub_port, "--hub-api-port", "the hub's own API"),
        ("127.0.0.1", settings.proxy_api_port, "--proxy-api-port", "the proxy's API"),
    )
    for ip, port, option, what in wanted:
        if not port_is_free(ip, port):
            raise WorkshopError(
                f"Port {port} ({what}) is already in use on this machine: another hub or program "
                f"listens there. Stop it, or choose another port with {option}."
            )
    if not proxy_command().exists():
        raise WorkshopError(
            "The proxy JupyterHub needs is not installed: run `./kit hub` (it runs npm ci), or "
            "`npm ci` in the project folder."
        )
    if shutil.which("node") is None:
        raise WorkshopError("JupyterHub's proxy needs Node.js: install nodejs (Debian: apt).")


def port_is_free(ip: str, port: int) -> bool:
    """Whether a server could listen on ``ip:port`` now (as JupyterHub will, address reuse on)."""
    family = socket.AF_INET6 if ":" in ip else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((ip, port))
        except OSError:
            return False
    return True


def start(settings: HubSettings) -> int:
    """Replace this process with JupyterHub, run from the hub folder (it writes its files there).
    :func:`check_can_start` ran before anything was set up."""
    private_hub_files(settings.hub_dir)  # again: files an earlier run of the hub left
    os.chdir(settings.hub_dir)
    cmd = [settings.python, "-m", "jupyterhub", "-f", str(settings.hub_dir / CONFIG_FILE)]
    os.execv(cmd[0], cmd)
    return 0  # not reached
