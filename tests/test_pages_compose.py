"""A notebook becomes a page without running a cell: prose rendered and sanitized, each code
cell's one call looked up in a registry, anything else a plain "cannot show" part
(workshop_kit.pages.compose, .site, .registry)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from workshop_kit import paths
from workshop_kit.pages.compose import (
    CANNOT_SHOW,
    UNREADABLE,
    ActivityCall,
    Prose,
    Unshowable,
    compose,
    compose_file,
    notebook_title,
    render_markdown,
)
from workshop_kit.pages.registry import CALLS, activity_registry
from workshop_kit.pages.site import LANDING, address_of, link_for, root_path, site_pages

IMPORT = "from workshop_kit.activities import day1\n"


def notebook(*cells: tuple[str, str]) -> dict[str, Any]:
    """A hand-written notebook: (cell type, source) pairs, sources as Jupyter stores them."""
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [
            {"cell_type": kind, "metadata": {}, "source": text.splitlines(keepends=True)}
            for kind, text in cells
        ],
    }


class Recorder:
    """Registry entries that only note that they were called (composition must call none)."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def entry(self, name: str) -> Callable[[], None]:
        def call() -> None:
            self.calls.append(name)

        return call

    def takes_a_title(self, title: str = "") -> None:
        self.calls.append(f"titled {title}")


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def registry(recorder: Recorder) -> dict[tuple[str, str], Callable[..., object]]:
    return {
        ("day1", "opening"): recorder.entry("day1.opening"),
        ("day1", "roster"): recorder.entry("day1.roster"),
        ("day1", "titled"): recorder.takes_a_title,
        ("overview", "overview"): recorder.entry("overview"),
    }


Registry = dict[tuple[str, str], Callable[..., object]]


class TestCodeCells:
    def test_each_call_is_found_in_the_registry_in_cell_order(
        self, registry: Registry, recorder: Recorder
    ) -> None:
        parts = compose(
            notebook(
                ("markdown", "# Day 1"),
                ("code", IMPORT + "day1.opening()"),
                ("markdown", "Who is on the team?"),
                ("code", "day1.roster()"),
            ),
            registry,
        )
        assert [type(p).__name__ for p in parts] == [
            "Prose",
            "ActivityCall",
            "Prose",
            "ActivityCall",
        ]
        calls = [p for p in parts if isinstance(p, ActivityCall)]
        assert [c.name for c in calls] == ["day1.opening", "day1.roster"]
        assert calls[1].target is registry[("day1", "roster")]
        assert recorder.calls == [], "composing a page calls nothing"

    def test_a_function_imported_by_name(self, registry: Registry) -> None:
        [part] = compose(
            notebook(("code", "from workshop_kit.activities.overview import overview\noverview()")),
            registry,
        )
        assert isinstance(part, ActivityCall) and part.name == "overview.overview"

    def test_literal_arguments_are_kept_and_checked_against_the_function(
        self, registry: Registry
    ) -> None:
        good, bad = compose(
            notebook(
                ("code", IMPORT + "day1.titled(title='Day one')"),
                ("code", "day1.titled(colour='red')"),
            ),
            registry,
        )
        assert isinstance(good, ActivityCall) and good.kwargs == (("title", "Day one"),)
        assert isinstance(bad, Unshowable) and "does not take these arguments" in bad.reason

    def test_a_malicious_cell_is_not_run(
        self, registry: Registry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Cells that would run code when executed become a plain message; nothing runs."""
        marker = tmp_path / "ran"
        monkeypatch.chdir(tmp_path)
        cells = [
            f"__import__('os').system('touch {marker}')",
            IMPORT + f"day1.roster(__import__('os').system('touch {marker}'))",
            IMPORT + f"day1.roster(); __import__('os').system('touch {marker}')",
            f"import os\nos.system('touch {marker}')",
            f"from os import system\nsystem('touch {marker}')",
            f"day1 = __import__('os')\nday1.system('touch {marker}')",
            f"exec(\"open('{marker}', 'w')\")",
            f"open('{marker}', 'w').write('x')",
            "day1.roster.__globals__['__builtins__']",
            IMPORT + "day1.roster(*['x'])",
            IMPORT + "day1.roster(**{'a': 1})",
            "[day1.roster() for _ in range(10**9)]",
            IMPORT + "lambda: day1.roster()",
        ]
        parts = compose(notebook(*[("code", c) for c in cells]), registry)
        assert len(parts) == len(cells)
        assert all(isinstance(p, Unshowable) and p.message == CANNOT_SHOW for p in parts), parts
        assert not marker.exists()

    @pytest.mark.parametrize(
        ("source", "why"),
        [
            ("day1.roster(", "not Python"),
            ("day1.roster()", "not an imported activity call"),  # no import line before it
            (IMPORT + "day1.no_such_thing()", "not one of the activity calls"),
            ("from workshop_kit.activities import secrets\nsecrets.x()", "not one of the"),
            ("from workshop_kit import store\nstore.x()", "not one of the activity calls"),
            (IMPORT + "x = day1.roster()", "not a call"),
            (IMPORT + "print('hello')", "not an imported activity call"),
            (IMPORT + "day1.roster(len('x'))", "is not a literal"),
        ],
    )
    def test_anything_but_one_registered_call_says_why(
        self, registry: Registry, source: str, why: str
    ) -> None:
        [part] = compose(notebook(("code", source)), registry)
        assert isinstance(part, Unshowable)
        assert why in part.reason
        assert part.message == CANNOT_SHOW and "Traceback" not in part.message

    def test_empty_comment_only_and_import_only_cells_show_nothing(
        self, registry: Registry
    ) -> None:
        parts = compose(
            notebook(("code", "   \n"), ("code", "# a note"), ("code", IMPORT), ("raw", "raw")),
            registry,
        )
        assert parts == []

    def test_an_unreadable_notebook_is_one_plain_part(
        self, registry: Registry, tmp_path: Path
    ) -> None:
        broken = tmp_path / "broken.ipynb"
        broken.write_text("{not json", encoding="utf-8")
        [part] = compose_file(broken, registry)
        assert isinstance(part, Unshowable) and part.message == UNREADABLE
        [part] = compose_file(tmp_path / "missing.ipynb", registry)
        assert isinstance(part, Unshowable) and part.message == UNREADABLE


class TestMarkdown:
    def test_prose_is_rendered(self) -> None:
        html = render_markdown(
            "# Day 1\n\nSome *words* and a table:\n\n| a | b |\n|---|---|\n| 1 | 2 |"
        )
        assert '<h1 id="Day-1">Day 1</h1>' in html
        assert "<em>words</em>" in html and "<td>1</td>" in html

    @pytest.mark.parametrize(
        "markdown",
        [
            "<script>alert('x')</script>",
            "<img src=x onerror=alert('x')>",
            'Text <img src="x" onerror="alert(1)"> and <b onmouseover="alert(1)">bold</b>',
            "[click](javascript:alert('x'))",
            '<a href="javascript:alert(1)">click</a>',
            "<iframe src='https://example.org'></iframe>",
            "<div onclick=\"alert('x')\">text</div>",
            "<style>body{display:none}</style>",
        ],
    )
    def test_html_is_sanitized(self, markdown: str) -> None:
        """No element that runs or loads anything is left (as text, the words may stay)."""
        page = BeautifulSoup(render_markdown(markdown), "html.parser")
        assert not page.find_all(["script", "iframe", "style", "object", "embed"])
        for element in page.find_all(True):
            assert not [a for a in element.attrs if a.lower().startswith("on")], element
            assert not str(element.get("href", "")).lower().startswith("javascript"), element

    def test_words_for_jupyterlab_only_are_left_out(self) -> None:
        html = render_markdown(
            'Work from top to bottom.\n<span class="wk-lab-only">(In JupyterLab, choose '
            "*Run → Run All Cells*.)</span> Each activity has a time box."
        )
        assert "JupyterLab" not in html and "Run All" not in html
        assert "Work from top to bottom." in html and "Each activity has a time box." in html

    def test_links_to_notebooks_point_at_their_pages(self) -> None:
        html = render_markdown(
            "The [guide](00_facilitator_guide.ipynb#Sources-and-further-reading) and "
            "[Day 2](02_day2_resource_map.ipynb) and [elsewhere](https://example.org/a.ipynb).",
            link_for,
        )
        assert 'href="/guide#Sources-and-further-reading"' in html
        assert 'href="/day2"' in html
        assert 'href="https://example.org/a.ipynb"' in html

    def test_behind_a_prefix_links_keep_it(self) -> None:
        """The hub serves an account's pages at /user/<account>/pages/."""
        html = render_markdown(
            "[Day 2](02_day2_resource_map.ipynb) and [start](00_start_here.ipynb)",
            lambda name: link_for(name, "/user/team-oak/pages"),
        )
        assert 'href="/user/team-oak/pages/day2"' in html
        assert 'href="/user/team-oak/pages/"' in html
        assert root_path({"SOLARA_ROOT_PATH": "/user/team-oak/pages/"}) == "/user/team-oak/pages"
        assert root_path({}) == ""

    def test_the_title_is_the_first_heading(self) -> None:
        assert notebook_title(notebook(("markdown", "# Day *1*: go\n\ntext")), "x") == "Day 1: go"
        assert notebook_title(notebook(("code", "1")), "fallback") == "fallback"


class TestSite:
    def test_addresses_are_spelled_by_the_file_names(self) -> None:
        assert address_of(LANDING) == ""
        assert address_of("01_day1_worthy_goal.ipynb") == "day1"
        assert address_of("04_through_the_year.ipynb") == "year"
        assert address_of("00_facilitator_guide.ipynb") == "guide"
        assert address_of("10_facilitator_overview.ipynb") == "overview"
        assert address_of("20_Our_Own_Session.ipynb") == "our-own-session"
        assert address_of("20_caf\u00e9 notes.ipynb") is None
        assert address_of("notes.txt") is None

    def test_every_kit_notebook_has_a_page(self) -> None:
        pages = site_pages(paths.notebooks_dir())
        assert [p.path for p in pages] == [
            "/guide", "/", "/day1", "/day2", "/day3", "/year", "/overview"
        ]  # fmt: skip

    def test_a_facilitators_notebook_appears_too(self, tmp_path: Path) -> None:
        (tmp_path / "20_reading_circle.ipynb").write_text(
            json.dumps(notebook(("markdown", "# Reading circle"))), encoding="utf-8"
        )
        assert [p.path for p in site_pages(tmp_path)] == ["/reading-circle"]


class TestTheKitsNotebooks:
    """The registry names every call the kit's own notebooks make: each page shows them all."""

    def test_every_cell_of_every_notebook_is_shown(self) -> None:
        registry = activity_registry()
        pages = site_pages(paths.notebooks_dir())
        calls = code_cells = 0
        for page in pages:
            parts = compose_file(page.notebook, registry, link_for)
            assert not [p for p in parts if isinstance(p, Unshowable)], page.notebook.name
            assert any(isinstance(p, Prose) for p in parts)
            calls += sum(isinstance(p, ActivityCall) for p in parts)
            cells = json.loads(page.notebook.read_text(encoding="utf-8"))["cells"]
            code_cells += sum(c["cell_type"] == "code" for c in cells)
        assert len(pages) == 7 and calls == code_cells > 40

    def test_the_registry_holds_the_listed_calls_only(self) -> None:
        registry = activity_registry()
        assert set(registry) == {(m, f) for m, fs in CALLS.items() for f in fs}
        assert ("day1", "norms") in registry and ("day1", "_day") not in registry

    def test_a_teams_pages_show_no_command_line(self) -> None:
        """Issue 32: the landing page told facilitators to run ``workshop-kit config init``, so
        every team saw a command line. Commands belong on the facilitator's pages (or in words
        for JupyterLab only); a team's pages, as served, name none."""
        registry = activity_registry()
        facilitators = {"guide", "overview"}
        team_pages = [p for p in site_pages(paths.notebooks_dir()) if p.address not in facilitators]
        assert {p.address for p in team_pages} >= {"", "day1", "day2", "day3", "year"}
        for page in team_pages:
            prose = " ".join(
                BeautifulSoup(part.html, "html.parser").get_text(" ")
                for part in compose_file(page.notebook, registry, link_for)
                if isinstance(part, Prose)
            )
            assert "workshop-kit " not in prose and "./kit " not in prose, page.notebook.name
