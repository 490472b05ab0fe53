"""App mode without a browser: Voila's arguments, the server's environment, the offline page
template and the landing page's list of notebooks. (tests/browser drives the real pages.)"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from jupyter_core.paths import jupyter_path

from workshop_kit import app, paths
from workshop_kit.activities import landing
from workshop_kit.cli import build_parser


class TestVoilaArguments:
    def test_safe_defaults_are_stated_explicitly(self) -> None:
        """Sources stripped, no tracebacks, our template, this computer only, the notebooks."""
        arguments = app.voila_arguments()
        assert arguments[0] == str(paths.notebooks_dir())
        assert "--strip_sources=True" in arguments
        assert "--show_tracebacks=False" in arguments
        assert "--Voila.ip=127.0.0.1" in arguments
        assert f"--template={app.TEMPLATE}" in arguments
        assert "--no-browser" not in arguments
        assert "--KernelManager.transport=ipc" in arguments  # no TCP port race among kernels

    def test_unused_pages_are_culled_and_connected_ones_are_not(self) -> None:
        arguments = app.voila_arguments()
        assert "--MappingKernelManager.cull_idle_timeout=1200" in arguments  # 20 minutes
        assert "--MappingKernelManager.cull_connected=False" in arguments
        assert "--MappingKernelManager.cull_idle_timeout=0" in app.voila_arguments(idle_minutes=0)

    def test_port_address_and_browser_follow_the_request(self) -> None:
        arguments = app.voila_arguments(port=9123, ip="0.0.0.0", open_browser=False)
        assert "--port=9123" in arguments
        assert "--Voila.ip=0.0.0.0" in arguments
        assert "--no-browser" in arguments

    def test_team_pages_are_preheated_and_facilitator_pages_are_not(self) -> None:
        arguments = app.voila_arguments()
        assert "--preheat_kernel=True" in arguments
        assert f"--pool_size={app.PREHEATED}" in arguments
        denied = next(a for a in arguments if a.startswith("--VoilaKernelManager.preheat_denylist"))
        assert "10_facilitator_overview.ipynb" in denied and app.LANDING not in denied
        assert all((paths.notebooks_dir() / name).is_file() for name in app.NOT_PREHEATED)

    def test_no_kernel_kept_ready_when_asked(self) -> None:
        arguments = app.voila_arguments(preheated=0)
        assert not [a for a in arguments if "preheat" in a or "pool_size" in a]
        assert "each page starts its own" in app.ready_note(0)
        assert app.ready_note(2).startswith("2 kernels")

    def test_the_landing_notebook_exists(self) -> None:
        assert (paths.notebooks_dir() / app.LANDING).is_file()
        assert app.landing_path() == f"voila/render/{app.LANDING}"


class TestAppEnvironment:
    def test_kernels_get_the_workspace_and_voila_finds_the_template(self, tmp_path: Path) -> None:
        env = app.app_environment(tmp_path, base={"JUPYTER_PATH": "/elsewhere"})
        assert env[paths.WORKSPACE_ENV] == str(tmp_path)
        assert env["JUPYTER_PATH"].split(os.pathsep) == [
            str(app.jupyter_data_dir()),
            str(paths.kit_jupyter_data()),
            "/elsewhere",
        ]

    def test_a_preheated_kernel_asks_for_its_request_where_the_server_listens(
        self, tmp_path: Path
    ) -> None:
        assert app.app_environment(tmp_path, base={})["VOILA_APP_IP"] == "127.0.0.1"
        everywhere = app.app_environment(tmp_path, base={}, ip="0.0.0.0")
        assert everywhere["VOILA_APP_IP"] == "127.0.0.1"
        lan = app.app_environment(tmp_path, base={}, ip="192.168.1.20")
        assert lan["VOILA_APP_IP"] == "192.168.1.20"

    def test_the_folders_are_added_once(self, tmp_path: Path) -> None:
        once = app.app_environment(tmp_path, base={})
        twice = app.app_environment(tmp_path, base=once)
        assert twice["JUPYTER_PATH"] == once["JUPYTER_PATH"]
        assert len(once["JUPYTER_PATH"].split(os.pathsep)) == 2


class TestKernel:
    """A user's own ``python3`` kernel (say, for the system Python, without workshop-kit) must not
    be the one the workshop's notebooks start."""

    @pytest.fixture
    def own_kernel(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
        user_data = tmp_path / "user-jupyter"
        spec = user_data / "kernels" / "python3"
        spec.mkdir(parents=True)
        (spec / "kernel.json").write_text(
            json.dumps({"argv": ["/usr/bin/false", "{connection_file}"], "language": "python",
                        "display_name": "Someone's own Python"}),
            encoding="utf-8",
        )  # fmt: skip
        monkeypatch.setenv("JUPYTER_DATA_DIR", str(user_data))
        monkeypatch.delenv("JUPYTER_PATH", raising=False)
        # Jupyter searches the user's folder first unless it runs in a virtual environment; this
        # setting (a user's choice, or a system-wide Python) makes it search that way here too
        monkeypatch.setenv("JUPYTER_PREFER_ENV_PATH", "0")
        return spec

    def python3_folder(self) -> Path:
        from jupyter_client.kernelspec import KernelSpecManager

        return Path(KernelSpecManager().get_kernel_spec("python3").resource_dir).resolve()

    def test_without_the_kit_the_users_own_kernel_would_win(self, own_kernel: Path) -> None:
        assert self.python3_folder() == own_kernel.resolve()

    @pytest.mark.parametrize("mode", ["lab", "app"])
    def test_the_kit_starts_its_own_python3(
        self, own_kernel: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, mode: str
    ) -> None:
        from workshop_kit.cli import lab_environment

        env = lab_environment() if mode == "lab" else app.app_environment(tmp_path)
        monkeypatch.setenv("JUPYTER_PATH", env["JUPYTER_PATH"])
        folder = self.python3_folder()
        assert folder != own_kernel.resolve()
        assert folder.is_relative_to(paths.kit_jupyter_data().resolve())


class TestOfflineTemplate:
    TEMPLATE_DIR = app.jupyter_data_dir() / "voila" / "templates" / app.TEMPLATE

    def test_it_builds_on_voilas_lab_template(self) -> None:
        conf = json.loads((self.TEMPLATE_DIR / "conf.json").read_text(encoding="utf-8"))
        assert conf == {"base_template": "lab"}

    def test_the_cdn_links_it_removes_are_still_the_ones_voila_writes(self) -> None:
        """If a Voila upgrade changes its CDN links, the removal would silently stop working."""
        ours = (self.TEMPLATE_DIR / "index.html.j2").read_text(encoding="utf-8")
        removed = re.findall(r"replace\('(<link[^']+>)', ''\)", ours)
        assert len(removed) == 2
        lab = next(
            Path(d) / "voila" / "templates" / "lab" / "index.html.j2"
            for d in jupyter_path()
            if (Path(d) / "voila" / "templates" / "lab" / "index.html.j2").is_file()
        )
        voila_lab = lab.read_text(encoding="utf-8")
        for link in removed:
            assert link in voila_lab
        remaining = voila_lab
        for link in removed:
            remaining = remaining.replace(link, "")
        assert "cdn.jsdelivr.net" not in remaining


class TestCommandLine:
    def test_app_defaults_to_this_computer_only(self) -> None:
        args = build_parser().parse_args(["app"])
        assert (args.ip, args.port, args.no_browser) == ("127.0.0.1", 8866, False)

    def test_app_options(self) -> None:
        args = build_parser().parse_args(
            ["--workspace", "/w", "app", "--port", "9000", "--no-browser"]
        )
        assert (args.workspace, args.port, args.no_browser) == ("/w", 9000, True)


def _notebook(folder: Path, name: str, markdown: str) -> None:
    nb = {
        "cells": [{"cell_type": "markdown", "metadata": {}, "source": markdown}],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (folder / name).write_text(json.dumps(nb), encoding="utf-8")


class TestLandingPage:
    @pytest.fixture
    def folder(self, tmp_path: Path) -> Path:
        _notebook(tmp_path, "00_start_here.ipynb", "# Start here\n\nWelcome.")
        _notebook(
            tmp_path, "02_day2_map.ipynb", "# Day 2: Map *your* resources\n\nSort them.\n\nMore."
        )
        _notebook(tmp_path, "01_day1_goal.ipynb", "# Day 1: Choose a goal\n\nOne goal.")
        _notebook(tmp_path, "10_facilitator.ipynb", "# Facilitator: <b>see</b> teams\n\nFor you.")
        return tmp_path

    def test_days_come_first_in_order_then_other_notebooks(self, folder: Path) -> None:
        links = landing.notebook_links(folder)
        assert [(link.file_name, link.day) for link in links] == [
            ("01_day1_goal.ipynb", 1),
            ("02_day2_map.ipynb", 2),
            ("10_facilitator.ipynb", None),
        ]

    def test_titles_and_summaries_come_from_the_first_heading_and_paragraph(
        self, folder: Path
    ) -> None:
        day2 = landing.notebook_links(folder)[1]
        assert (day2.title, day2.summary) == ("Day 2: Map your resources", "Sort them.")

    def test_the_page_links_every_notebook_and_escapes_titles(self, folder: Path) -> None:
        html = landing.landing_html(folder)
        assert 'href="01_day1_goal.ipynb"' in html and "Open Day 1" in html
        assert 'href="10_facilitator.ipynb"' in html and "More notebooks" in html
        assert "&lt;b&gt;see&lt;/b&gt;" in html and "<b>see</b>" not in html
        assert "00_start_here" not in html

    def test_the_facilitator_guide_is_linked_for_facilitators(self, folder: Path) -> None:
        """The guide starts with 00_ (so it is not a day card), yet it is reachable."""
        assert "For facilitators" not in landing.landing_html(folder)
        (folder / landing.GUIDE_FILE).write_text("{}", encoding="utf-8")
        html = landing.landing_html(folder)
        assert "For facilitators" in html and f'href="{landing.GUIDE_FILE}"' in html
        assert (paths.notebooks_dir() / landing.GUIDE_FILE).is_file()
        assert "For facilitators" in landing.landing_html()

    def test_a_damaged_notebook_is_still_listed_by_its_name(self, folder: Path) -> None:
        (folder / "03_day3_time.ipynb").write_text("{not json", encoding="utf-8")
        link = landing.notebook_links(folder)[2]
        assert (link.file_name, link.title, link.day) == ("03_day3_time.ipynb", "03 day3 time", 3)

    def test_the_real_folder_lists_day1_with_a_working_link(self) -> None:
        links = landing.notebook_links()
        assert links and links[0].file_name == "01_day1_worthy_goal.ipynb"
        for link in links:
            assert (paths.notebooks_dir() / link.file_name).is_file()


class TestClosedPages:
    """A page that went without its goodbye (a lost shutdown beacon) still frees its kernel."""

    def test_a_kernel_is_freed_once_its_page_has_been_gone_long_enough(self) -> None:
        from workshop_kit.app import ClosedPages

        closed = ClosedPages(30)
        assert closed.to_free({"k"}, 0) == []  # still loading: never connected
        closed.connected("k")
        closed.disconnected("k", 2)  # a page open only a moment counts too
        assert closed.to_free({"k"}, 31) == []
        assert closed.to_free({"k"}, 32) == ["k"]
        assert closed.to_free({"k"}, 40) == []  # given once

    def test_a_connection_that_comes_back_keeps_its_kernel(self) -> None:
        from workshop_kit.app import ClosedPages

        closed = ClosedPages(30)
        closed.connected("k")
        closed.disconnected("k", 10)  # wifi dropped
        closed.connected("k")  # back
        assert closed.to_free({"k"}, 45) == []
        closed.disconnected("k", 45)  # gone again: a new grace
        assert closed.to_free({"k"}, 74) == []
        assert closed.to_free({"k"}, 75) == ["k"]

    def test_a_second_connection_keeps_the_kernel_while_it_is_open(self) -> None:
        from workshop_kit.app import ClosedPages

        closed = ClosedPages(30)
        closed.connected("k")
        closed.connected("k")
        closed.disconnected("k", 0)
        assert closed.to_free({"k"}, 100) == []

    def test_kernels_shut_down_meanwhile_are_forgotten(self) -> None:
        from workshop_kit.app import ClosedPages

        closed = ClosedPages(30)
        closed.connected("k")
        closed.disconnected("k", 1)
        assert closed.to_free(set(), 2) == []
        assert closed.to_free({"k"}, 100) == []  # an id seen again is a new kernel
