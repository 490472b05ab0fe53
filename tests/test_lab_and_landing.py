"""JupyterLab's side of the kit without a browser: the kit's own kernel wins over a user's, and
the landing page lists the notebooks. (tests/browser drives the real pages.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workshop_kit import paths
from workshop_kit.activities import landing


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

    def test_the_kit_starts_its_own_python3(
        self, own_kernel: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from workshop_kit.cli import lab_environment

        env = lab_environment()
        monkeypatch.setenv("JUPYTER_PATH", env["JUPYTER_PATH"])
        folder = self.python3_folder()
        assert folder != own_kernel.resolve()
        assert folder.is_relative_to(paths.kit_jupyter_data().resolve())


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
