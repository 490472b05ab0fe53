"""``workshop-kit hub`` without starting anything: the accounts, their files and the generated
``jupyterhub_config.py`` (the real hub on loopback is tests/browser/test_hub.py)."""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import importlib.util
import io
import socket
import stat
from pathlib import Path
from typing import Any

import pytest
from tests import cli_runs

from workshop_kit import hub, hub_passwords, team_limits
from workshop_kit.cli import main
from workshop_kit.errors import UnsafeTeamNameError, WorkshopError


def settings(tmp_path: Path, **extra: Any) -> hub.HubSettings:
    return hub.HubSettings(hub_dir=tmp_path / "hub", workspace=tmp_path / "ws", **extra)


def needs_jupyterhub() -> None:
    """Skip the calling test when JupyterHub is not installed (the hub extra is optional: the
    workshop alone and ``./kit floors`` go without it). Only when it is absent: an installed hub
    that fails to import still fails the test."""
    if importlib.util.find_spec("jupyterhub") is None:
        pytest.skip("the hub extra is not installed: the generated config imports JupyterHub")


def load_config(text: str) -> Any:
    """Run the generated config the way JupyterHub does, against a traitlets Config. It imports
    the kit's authenticator and spawner, which subclass JupyterHub's: skipped without the hub."""
    from traitlets.config import Config

    needs_jupyterhub()

    c = Config()
    exec(compile(text, "jupyterhub_config.py", "exec"), {"c": c, "get_config": lambda: c})
    return c


class TestAccounts:
    def test_one_account_per_team_and_a_facilitator(self) -> None:
        accounts = hub.plan_accounts(["Lincoln Elementary ILT", "Oak Park ILT"])
        assert [a.username for a in accounts] == [
            "team-lincoln-elementary-ilt",
            "team-oak-park-ilt",
            "facilitator",
        ]
        assert [a.admin for a in accounts] == [False, False, True]
        assert accounts[0].slug == "lincoln-elementary-ilt"
        assert len({a.password for a in accounts}) == 3

    def test_a_rerun_keeps_the_passwords_unless_renewed(self) -> None:
        """Accounts that have a hash keep it (no password is planned for them); new teams get
        one; renewing gives every account a new one."""
        first = {a.username for a in hub.plan_accounts(["A team"])}
        again = hub.plan_accounts(["A team", "B team"], first)
        assert [a.password is None for a in again] == [True, False, True]
        renewed = hub.plan_accounts(["A team"], first, renew=True)
        assert all(a.password for a in renewed)

    @pytest.mark.parametrize(
        "names",
        [["Oak ILT", "oak  ilt"], ["Demo"], ["x" * 40], ["../etc"]],
        ids=["same-folder", "demo", "too-long-for-unix", "unsafe"],
    )
    def test_refused_names_plan_nothing(self, names: list[str]) -> None:
        with pytest.raises(UnsafeTeamNameError):
            hub.plan_accounts(names)

    def test_a_name_starting_with_a_digit_still_makes_a_unix_name(self) -> None:
        assert hub.username_for("4th-street") == "team-4th-street"


class TestFiles:
    def test_the_account_files_are_private_and_agree(self, tmp_path: Path) -> None:
        s = settings(tmp_path)
        accounts = hub.prepare(s, ["Oak ILT", "Elm ILT"], unix=False)
        for name in (hub.ACCOUNTS_CSV, hub.ACCOUNTS_HTML, hub.PASSWORDS_FILE):
            assert stat.S_IMODE((s.hub_dir / name).stat().st_mode) == 0o600, name
        rows = list(csv.DictReader(io.StringIO((s.hub_dir / hub.ACCOUNTS_CSV).read_text())))
        assert [(r["team"], r["account"], r["role"]) for r in rows] == [
            ("Oak ILT", "team-oak-ilt", "team"),
            ("Elm ILT", "team-elm-ilt", "team"),
            ("", "facilitator", "admin"),
        ]
        hashes = hub_passwords.load_password_hashes(s.hub_dir)
        for a in accounts:
            assert a.password and hub_passwords.verify_password(a.password, hashes[a.username])
        page = (s.hub_dir / hub.ACCOUNTS_HTML).read_text()
        assert all(a.password and a.password in page for a in accounts)
        assert "http://127.0.0.1:8000/" in page

    def test_every_file_of_the_hub_folder_is_for_root_alone(self, tmp_path: Path) -> None:
        """Issue 27: ``jupyterhub.sqlite`` (the servers' API tokens) was 0644, readable by every
        team's account. The database is made 0600 before the hub first starts, and a file an
        earlier hub left wider is narrowed."""
        import sqlite3

        s = settings(tmp_path)
        hub.prepare(s, ["Oak ILT"], unix=False)
        database = s.hub_dir / hub.DATABASE_FILE
        assert database.is_file()
        modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in s.hub_dir.iterdir() if p.is_file()}
        assert hub.CONFIG_FILE in modes and set(modes.values()) == {0o600}, modes
        with sqlite3.connect(database) as db:  # the empty file is a database SQLite opens
            db.execute("create table t (x)")
        assert stat.S_IMODE(database.stat().st_mode) == 0o600
        secret = s.hub_dir / hub.COOKIE_SECRET_FILE
        secret.write_text("00" * 32)
        secret.chmod(0o644)
        database.chmod(0o644)
        hub.private_hub_files(s.hub_dir)
        assert stat.S_IMODE(secret.stat().st_mode) == stat.S_IMODE(database.stat().st_mode) == 0o600

    def test_team_names_are_escaped_on_the_printable_page(self, tmp_path: Path) -> None:
        hub.prepare(settings(tmp_path), ["<script>Oak & co"], unix=False)
        page = (tmp_path / "hub" / hub.ACCOUNTS_HTML).read_text()
        assert "<script>" not in page and "&lt;script&gt;Oak &amp; co" in page

    def test_a_rerun_without_the_list_keeps_the_accounts(self, tmp_path: Path) -> None:
        s = settings(tmp_path)
        first = hub.prepare(s, ["Oak ILT"], unix=False)
        again = hub.prepare(s, None, unix=False)
        assert again == [dataclasses.replace(a, password=None) for a in first]

    def test_no_list_and_no_accounts_is_explained(self, tmp_path: Path) -> None:
        with pytest.raises(WorkshopError, match="--from-file"):
            hub.prepare(settings(tmp_path), None, unix=False)


class TestConfig:
    def test_it_runs_and_says_what_the_issue_asks(self, tmp_path: Path) -> None:
        s = settings(tmp_path, port=8123)
        hub.prepare(s, ["Oak ILT", "Elm ILT"], unix=False)
        c = load_config((s.hub_dir / hub.CONFIG_FILE).read_text())
        assert c.JupyterHub.bind_url == "http://127.0.0.1:8123"
        assert c.JupyterHub.hub_bind_url.startswith("http://127.0.0.1:")
        assert c.ConfigurableHTTPProxy.api_url.startswith("http://127.0.0.1:")
        assert c.ConfigurableHTTPProxy.command == [str(hub.proxy_command())]
        assert c.JupyterHub.spawner_class.__name__ == "TeamSpawner"
        assert c.Authenticator.allowed_users == {"team-oak-ilt", "team-elm-ilt", "facilitator"}
        assert c.Authenticator.admin_users == {"facilitator"}
        assert c.JupyterHub.authenticator_class.__name__ == "KitAuthenticator"
        assert c.KitAuthenticator.passwords_file == str(s.hub_dir / hub.PASSWORDS_FILE)
        assert c.KitAuthenticator.failures_per_account == 5
        assert c.KitAuthenticator.failures_per_address == 20
        assert c.KitAuthenticator.failure_window == 600
        assert c.KitAuthenticator.lockout_seconds == 300
        assert "trusted_downstream_ips" not in c.JupyterHub  # only suggested, in a comment
        assert c.Spawner.environment["WORKSHOP_KIT_WORKSPACE"] == str(s.workspace)
        assert c.Spawner.environment["JUPYTER_CONFIG_PATH"] == str(hub.hub_server_config_dir())
        assert (hub.hub_server_config_dir() / "jupyter_server_config.py").is_file()
        culler = c.JupyterHub.services[0]
        assert culler["name"] == "idle-culler" and "--timeout=1200" in culler["command"]
        assert c.JupyterHub.load_roles[0]["services"] == ["idle-culler"]

    def test_the_hub_neither_imports_nor_configures_voila(self, tmp_path: Path) -> None:
        """Voila is on its way out of the runtime dependencies: the hub must not need it."""
        text = hub.render_config(settings(tmp_path), hub.plan_accounts(["Oak ILT"]))
        code = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
        assert not [line for line in code if "voila" in line.lower()]
        source = Path(hub.__file__).read_text(encoding="utf-8")
        assert "import voila" not in source and "from workshop_kit import app" not in source

    def test_each_account_starts_on_its_own_pages(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The hook the hub runs before each start: a team's server serves that team's pages
        and opens on its start page, without kernels; the facilitator's opens the overview and
        may run kernels; every runtime folder is the account's own, below the hub folder."""
        s = settings(tmp_path)
        hub.prepare(s, ["Oak ILT", "Elm ILT"], unix=False)
        c = load_config((s.hub_dir / hub.CONFIG_FILE).read_text())
        # the accounts' uids (the real function reads them from the system's users)
        runtime = {"team-oak-ilt": "1001", "team-elm-ilt": "1002", "facilitator": "1003"}
        monkeypatch.setattr(
            hub, "runtime_dir", lambda hub_dir, user: hub_dir / hub.RUN_DIR / runtime[user]
        )

        def start(name: str) -> Any:
            spawner: Any = type("S", (), {"user": type("U", (), {"name": name})()})()
            spawner.environment = dict(c.Spawner.environment)
            c.Spawner.pre_spawn_hook(spawner)
            folder = s.hub_dir / hub.RUN_DIR / runtime[name]
            assert spawner.environment["JUPYTER_RUNTIME_DIR"] == str(folder)
            assert spawner.environment["TMPDIR"] == str(folder)
            assert spawner.environment["WORKSHOP_KIT_WORKSPACE"] == str(s.workspace)
            return spawner

        oak, elm, facilitator = (start(n) for n in runtime)
        assert oak.default_url == "/pages/?team=oak-ilt"
        assert elm.default_url == "/pages/?team=elm-ilt"
        assert facilitator.default_url == "/pages/overview"
        assert oak.environment["WORKSHOP_KIT_PAGES_FOR"] == "team:oak-ilt"
        assert facilitator.environment["WORKSHOP_KIT_PAGES_FOR"] == "facilitator"
        assert oak.environment["WORKSHOP_KIT_JUPYTERLAB"] == "0"
        assert facilitator.environment["WORKSHOP_KIT_JUPYTERLAB"] == "1"

    def test_jupyterlab_is_enabled_per_team_and_kept_until_changed(self, tmp_path: Path) -> None:
        s = settings(tmp_path)
        hub.prepare(s, ["Oak ILT", "Elm ILT"], unix=False)
        assert hub.read_jupyterlab_accounts(s.hub_dir) == []
        hub.prepare(settings(tmp_path, jupyterlab_for=["Elm ILT"]), None, unix=False)
        assert hub.read_jupyterlab_accounts(s.hub_dir) == ["team-elm-ilt"]
        hub.prepare(s, None, unix=False)  # not given: kept
        assert hub.read_jupyterlab_accounts(s.hub_dir) == ["team-elm-ilt"]
        mode = (s.hub_dir / hub.JUPYTERLAB_FILE).stat().st_mode
        assert stat.S_IMODE(mode) == 0o600
        teams = {"team-oak-ilt": "oak-ilt", "team-elm-ilt": "elm-ilt"}
        lab = hub.read_jupyterlab_accounts(s.hub_dir)
        elm = hub.spawn_settings("team-elm-ilt", teams, lab, tmp_path)
        oak = hub.spawn_settings("team-oak-ilt", teams, lab, tmp_path)
        assert elm.environment["WORKSHOP_KIT_JUPYTERLAB"] == "1"
        assert oak.environment["WORKSHOP_KIT_JUPYTERLAB"] == "0"
        hub.prepare(settings(tmp_path, jupyterlab_for=[]), None, unix=False)
        assert hub.read_jupyterlab_accounts(s.hub_dir) == []

    def test_limits_that_cannot_hold_refuse_the_hub_before_anything_is_done(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """As root on a machine without writable cgroups (here: a folder with none), the set-up
        stops with the sentence naming --no-limits; with --no-limits it goes on."""
        monkeypatch.setattr(hub, "is_root", lambda: True)
        done: list[str] = []
        monkeypatch.setattr(hub, "set_up_unix", lambda s, accounts, made: done.append("users"))
        none = tmp_path / "no-cgroups"
        none.mkdir()
        with pytest.raises(team_limits.LimitsUnavailable, match="--no-limits"):
            hub.prepare(settings(tmp_path, cgroup_root=none), ["Oak ILT"])
        assert not (tmp_path / "hub").exists() and done == []
        hub.prepare(settings(tmp_path, cgroup_root=none, enforce_limits=False), ["Oak ILT"])
        assert done == ["users"]
        config = (tmp_path / "hub" / hub.CONFIG_FILE).read_text()
        assert "Limits are NOT enforced" in config

    def test_the_hub_makes_every_accounts_groups(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(hub, "is_root", lambda: True)
        monkeypatch.setattr(hub, "set_up_unix", lambda s, accounts, made: None)
        root = tmp_path / "cg"
        for name in ("memory", "pids"):
            (root / name).mkdir(parents=True)
            (root / name / "cgroup.procs").write_text("1\n")
        hub.prepare(settings(tmp_path, cgroup_root=root, max_processes=99), ["Oak ILT"])
        groups = root / "memory" / team_limits.PARENT
        assert sorted(p.name for p in groups.iterdir()) == ["facilitator", "team-oak-ilt"]
        limit = (groups / "team-oak-ilt" / "memory.limit_in_bytes").read_text()
        assert limit == str(1024**3)
        assert (groups / "facilitator" / "memory.limit_in_bytes").read_text() == str(2 * 1024**3)
        pids = root / "pids" / team_limits.PARENT / "team-oak-ilt" / "pids.max"
        assert pids.read_text() == "99"

    def test_limits_that_fail_after_the_accounts_take_the_accounts_away_again(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The accounts' set-up went through (here a stand-in that records a new team folder, as
        the real one records what it creates: the real run is tests/test_hub_privacy.py), then
        the limits could not be set: what the set-up made is gone again, and the error says
        why."""
        monkeypatch.setattr(hub, "is_root", lambda: True)
        folder = tmp_path / "ws" / "oak-ilt"

        def set_up_unix(s: hub.HubSettings, accounts: Any, made: hub.MadeHere) -> None:
            folder.mkdir(parents=True)
            made.team_folders.append(folder)

        monkeypatch.setattr(hub, "set_up_unix", set_up_unix)
        root = tmp_path / "cg"
        for name in ("memory", "pids"):
            (root / name).mkdir(parents=True)
            (root / name / "cgroup.procs").write_text("1\n")
        (root / "memory" / team_limits.PARENT).write_text("a file where the kit's group goes")
        with pytest.raises(team_limits.LimitsUnavailable, match="--no-limits"):
            hub.prepare(settings(tmp_path, cgroup_root=root), ["Oak ILT"])
        assert not folder.exists()

    @pytest.mark.parametrize(
        "extra", [{"mem_limit": "lots"}, {"facilitator_mem_limit": "0"}, {"max_processes": -1}]
    )
    def test_figures_the_kernel_could_not_take_are_refused(
        self, tmp_path: Path, extra: dict[str, Any]
    ) -> None:
        with pytest.raises(WorkshopError):
            hub.prepare(settings(tmp_path, **extra), ["Oak ILT"], unix=False)
        assert not (tmp_path / "hub").exists()

    def test_jupyterlab_for_a_team_outside_the_cohort_is_refused(self, tmp_path: Path) -> None:
        with pytest.raises(WorkshopError, match="Pine ILT is not one"):
            hub.prepare(settings(tmp_path, jupyterlab_for=["Pine ILT"]), ["Oak ILT"], unix=False)

    def test_a_hub_folder_too_long_for_kernel_sockets_is_refused(self, tmp_path: Path) -> None:
        hub.check_socket_paths(Path("/opt/workshop-kit/hub"))  # a usual place: fine
        with pytest.raises(WorkshopError, match="--hub-dir"):
            hub.check_socket_paths(Path("/srv") / ("x" * 50) / "hub")

    def test_the_comments_say_how_passwords_are_kept(self, tmp_path: Path) -> None:
        """Hashes only; the cards are deleted after printing; a reset for one account."""
        text = hub.render_config(settings(tmp_path), hub.plan_accounts(["Oak ILT"]))
        comments = " ".join(line[1:].strip() for line in text.splitlines() if line[:1] == "#")
        assert "argon2id hashes in passwords.json" in comments
        assert "delete both once printed" in comments
        assert 'workshop-kit hub-password "<team name>"' in comments
        assert "edit accounts.csv" not in comments

    def test_the_limits_are_enforced_by_the_kits_spawner(self, tmp_path: Path) -> None:
        """The kernel enforces memory and processes per account (TeamSpawner, cgroups); the
        facilitator has a memory limit of its own; CPU is said to be advisory."""
        needs_jupyterhub()
        from jupyterhub.spawner import LocalProcessSpawner

        from workshop_kit.hub_spawner import TeamSpawner

        s = settings(tmp_path, mem_limit="768M", max_processes=128)
        text = hub.render_config(s, hub.plan_accounts(["Oak ILT"]))
        c = load_config(text)
        assert c.JupyterHub.spawner_class is TeamSpawner
        assert issubclass(TeamSpawner, LocalProcessSpawner)
        assert c.TeamSpawner.enforce_limits is True
        assert c.Spawner.mem_limit == "768M"
        assert c.TeamSpawner.admin_mem_limit == "2G"
        assert c.TeamSpawner.max_processes == 128
        comments = " ".join(line[1:].strip() for line in text.splitlines() if line[:1] == "#")
        assert "limits the kernel enforces" in comments and "NOT enforced" not in comments
        assert "CPU is not limited" in comments
        assert all(len(line) <= 100 for line in text.splitlines() if line.startswith("#"))

    def test_without_limits_the_config_says_so(self, tmp_path: Path) -> None:
        text = hub.render_config(
            settings(tmp_path, enforce_limits=False), hub.plan_accounts(["Oak ILT"])
        )
        assert load_config(text).TeamSpawner.enforce_limits is False
        assert "# Limits are NOT enforced: the hub was set up with --no-limits." in text
        assert all(len(line) <= 100 for line in text.splitlines() if line.startswith("#"))

    def test_each_account_gets_its_limits(self) -> None:
        s = hub.HubSettings(Path("/h"), Path("/w"), mem_limit="1G", max_processes=64)
        oak, facilitator = hub.plan_accounts(["Oak ILT"])
        assert hub.account_limits(s, oak) == team_limits.Limits(1024**3, 64)
        assert hub.account_limits(s, facilitator) == team_limits.Limits(2 * 1024**3, 64)
        s.max_processes = 0
        assert hub.account_limits(s, oak) == team_limits.Limits(1024**3, None)


class TestCommand:
    def test_config_only_writes_the_files_and_starts_nothing(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        cohort = tmp_path / "cohort.txt"
        cohort.write_text("Oak ILT\n\nElm ILT\n", encoding="utf-8")
        args = ["hub", "--from-file", str(cohort), "--config-only", "--port", "8124"]
        code = main(["--workspace", str(tmp_path / "ws"), *args])
        assert code == 0
        out = capsys.readouterr().out
        assert "2 teams and the facilitator" in out
        assert "New passwords for 3 accounts" in out and f"rm {tmp_path / 'hub'}" in out
        folder = tmp_path / "hub"  # beside the workspace by default
        assert (folder / hub.CONFIG_FILE).is_file()
        assert "http://127.0.0.1:8124" in (folder / hub.CONFIG_FILE).read_text()
        assert not (tmp_path / "ws").exists()  # no workbooks and no users without root set-up

    def test_the_limits_options_reach_the_config(self, tmp_path: Path) -> None:
        cohort = tmp_path / "cohort.txt"
        cohort.write_text("Oak ILT\n", encoding="utf-8")
        args = ["hub", "--from-file", str(cohort), "--config-only", "--mem-limit", "512M"]
        args += ["--facilitator-mem-limit", "3G", "--max-processes", "100", "--no-limits"]
        assert main(["--workspace", str(tmp_path / "ws"), *args]) == 0
        text = (tmp_path / "hub" / hub.CONFIG_FILE).read_text()
        assert "c.Spawner.mem_limit = '512M'" in text
        assert "c.TeamSpawner.admin_mem_limit = '3G'" in text
        assert "c.TeamSpawner.max_processes = 100" in text
        assert "c.TeamSpawner.enforce_limits = False" in text

    def test_the_limits_defaults_are_the_hubs(self) -> None:
        from workshop_kit.cli import build_parser

        args = build_parser().parse_args(["hub"])
        defaults = hub.HubSettings(Path("/h"), Path("/w"))
        assert args.mem_limit == defaults.mem_limit
        assert args.facilitator_mem_limit == defaults.facilitator_mem_limit
        assert args.max_processes == defaults.max_processes == team_limits.DEFAULT_MAX_PROCESSES
        assert args.no_limits is False and defaults.enforce_limits is True

    def test_the_idle_default_is_the_hubs(self) -> None:
        from workshop_kit.cli import build_parser

        args = build_parser().parse_args(["hub"])
        assert args.idle_minutes == hub.IDLE_MINUTES

    def test_the_cards_carry_the_public_url_and_later_runs_keep_it(self, tmp_path: Path) -> None:
        """Issue 27: the cards sent teams to 127.0.0.1. With --public-url the printable page
        and the CSV name the address teams really open; a later run that makes cards without
        the option (--new-passwords) still puts it on them."""
        cohort = tmp_path / "cohort.txt"
        cohort.write_text("Oak ILT\n", encoding="utf-8")
        public = "https://Workshop.District.example:8443/hub"
        ran = cli_runs.run(
            tmp_path / "ws", "hub", "--from-file", str(cohort), "--config-only",
            "--public-url", public,
        )  # fmt: skip
        assert ran.returncode == 0, ran.stderr
        wanted = "https://Workshop.District.example:8443/hub/"
        assert f"The cards send teams to {wanted}." in ran.stdout

        def cards() -> tuple[str, list[dict[str, str]]]:
            page = (tmp_path / "hub" / hub.ACCOUNTS_HTML).read_text(encoding="utf-8")
            table = (tmp_path / "hub" / hub.ACCOUNTS_CSV).read_text(encoding="utf-8")
            return page, list(csv.DictReader(io.StringIO(table)))

        page, rows = cards()
        assert f"Open <b>{wanted}</b>" in page and "127.0.0.1" not in page
        assert [r["address"] for r in rows] == [wanted, wanted]
        again = cli_runs.run(tmp_path / "ws", "hub", "--config-only", "--new-passwords")
        assert again.returncode == 0, again.stderr
        page, rows = cards()
        assert f"Open <b>{wanted}</b>" in page and "127.0.0.1" not in page
        assert [r["address"] for r in rows] == [wanted, wanted]
        kept = tmp_path / "hub" / hub.PUBLIC_URL_FILE
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600

    def test_without_a_public_url_the_cards_say_where_the_hub_listens(self, tmp_path: Path) -> None:
        cohort = tmp_path / "cohort.txt"
        cohort.write_text("Oak ILT\n", encoding="utf-8")
        args = ["hub", "--from-file", str(cohort), "--config-only", "--port", "8124"]
        ran = cli_runs.run(tmp_path / "ws", *args)
        assert ran.returncode == 0, ran.stderr
        assert "(give --public-url to change it)" in ran.stdout
        table = (tmp_path / "hub" / hub.ACCOUNTS_CSV).read_text(encoding="utf-8")
        rows = list(csv.DictReader(io.StringIO(table)))
        assert {r["address"] for r in rows} == {"http://127.0.0.1:8124/"}

    @pytest.mark.parametrize(
        ("url", "said"),
        [
            ("workshop.example.org", "must start with https://"),
            ("ftp://workshop.example.org/", "must start with https://"),
            ("https:///hub/", "names no host"),
            ("https://workshop.example.org/?team=oak", "not have a query"),
            ("https://workshop.example.org/#top", "or a fragment"),
            ("https://ana:secret@workshop.example.org/", "account or password"),
            ("https://workshop.example.org:99999/", "not a web address"),
            ("https://workshop example.org/", "spaces"),
        ],
    )
    def test_a_public_url_the_cards_cannot_carry_is_refused_plainly(
        self, tmp_path: Path, url: str, said: str
    ) -> None:
        cohort = tmp_path / "cohort.txt"
        cohort.write_text("Oak ILT\n", encoding="utf-8")
        args = ["hub", "--from-file", str(cohort), "--config-only", "--public-url", url]
        ran = cli_runs.run(tmp_path / "ws", *args)
        assert ran.returncode == 2
        assert said in ran.stderr and "--public-url" in ran.stderr
        assert "Traceback" not in ran.stderr
        assert not (tmp_path / "hub").exists()  # nothing written

    @pytest.mark.parametrize("option", ["--port", "--hub-api-port", "--proxy-api-port"])
    def test_a_port_in_use_refuses_the_hub_before_anything_is_made(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str
    ) -> None:
        """Another program listens on one of the hub's ports: the command says which and how to
        choose another, and has written no file and made no account (nothing to clean up)."""
        cohort = tmp_path / "cohort.txt"
        cohort.write_text("Oak ILT\n", encoding="utf-8")
        with contextlib.ExitStack() as held:
            ports = {}
            for name in ("--port", "--hub-api-port", "--proxy-api-port"):
                listener = held.enter_context(socket.socket())
                listener.bind(("127.0.0.1", 0))
                ports[name] = str(listener.getsockname()[1])
                if name == option:
                    listener.listen()  # the one taken; the others are let go before the run
                else:
                    listener.close()
            port = int(ports[option])
            args = ["hub", "--from-file", str(cohort), *[x for p in ports.items() for x in p]]
            code = main(["--workspace", str(tmp_path / "ws"), *args])
        assert code != 0
        said = capsys.readouterr().err
        assert f"Port {port}" in said and "already in use" in said and option in said, said
        assert "Traceback" not in said
        assert not (tmp_path / "hub").exists() and not (tmp_path / "ws").exists()

    def test_a_missing_cohort_file_is_a_plain_error(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code = main(["--workspace", str(tmp_path / "ws"), "hub", "--from-file", "nope.txt"])
        assert code == 1 and "There is no file nope.txt" in capsys.readouterr().err


class TestTeamServer:
    """The settings each account's Jupyter server reads (workshop_kit.hub_server)."""

    @staticmethod
    def configured(**env: str) -> Any:
        from traitlets.config import Config

        from workshop_kit import hub_server

        c = Config()
        hub_server.configure(c, {"WORKSHOP_KIT_WORKSPACE": "/srv/ws", "HOME": "/h/oak", **env})
        return c

    def test_the_pages_run_on_a_unix_socket_under_the_servers_address(self) -> None:
        pages = self.configured().ServerProxy.servers["pages"]
        assert pages["unix_socket"] is True
        assert pages["command"][-2:] == ["--unix-socket", "{unix_socket}"]
        assert pages["command"][pages["command"].index("--workspace") + 1] == "/srv/ws"
        assert pages["environment"]["SOLARA_ROOT_PATH"] == "{base_url}pages"
        assert pages["environment"]["SOLARA_HOME"].startswith("/h/oak/")

    def test_a_team_runs_no_kernels_and_no_terminals(self) -> None:
        c = self.configured(WORKSHOP_KIT_JUPYTERLAB="0")
        assert c.ServerApp.kernel_manager_class == "workshop_kit.hub_server.NoKernels"
        assert c.ServerApp.terminals_enabled is False
        assert c.ServerApp.jpserver_extensions == {"voila.server_extension": False}

    def test_kernels_where_allowed_use_local_sockets(self) -> None:
        c = self.configured(WORKSHOP_KIT_JUPYTERLAB="1")
        assert "kernel_manager_class" not in c.ServerApp
        assert c.KernelManager.transport == "ipc"

    def test_starting_a_kernel_is_refused_with_the_reason(self) -> None:
        from tests.coroutines import run
        from tornado.web import HTTPError

        from workshop_kit.hub_server import NO_KERNELS, NoKernels

        with pytest.raises(HTTPError) as refused:
            run(NoKernels().start_kernel(kernel_name="python3"))
        assert refused.value.status_code == 403 and refused.value.log_message == NO_KERNELS
