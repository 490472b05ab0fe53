"""The two ways to install (pip with pyproject.toml, conda with environment.yml) install the same
packages, and the commands the README promises are the ones CI runs."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from packaging.version import Version

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(.*?)\s*$")
# Present in environment.yml for conda itself, not dependencies of the package.
CONDA_ONLY = {"python", "pip"}


def normalized(requirement: str) -> tuple[str, str]:
    """``"PyYAML >= 6.0"`` -> ``("pyyaml", ">=6.0")``: PEP 503 names, specifiers without spaces."""
    match = REQUIREMENT.match(requirement)
    assert match, f"cannot read the requirement {requirement!r}"
    name = re.sub(r"[-_.]+", "-", match.group(1)).lower()
    return name, match.group(2).replace(" ", "")


def pyproject() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)


def pip_requirements() -> dict[str, str]:
    project = pyproject()["project"]
    assert isinstance(project, dict)
    extras = project["optional-dependencies"]
    listed = [
        *project["dependencies"],
        *extras["test"],
        *extras["dev"],
        *extras["hub"],
        *extras["kubernetes"],
        *extras["bench"],
    ]
    pairs = [normalized(r) for r in listed]
    assert len({n for n, _ in pairs}) == len(pairs), "a package is listed twice"
    return dict(pairs)


def conda_requirements() -> dict[str, str]:
    environment = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert "conda-forge" in environment["channels"]
    pairs = [normalized(d) for d in environment["dependencies"] if isinstance(d, str)]
    assert len({n for n, _ in pairs}) == len(pairs), "a package is listed twice"
    return {n: spec for n, spec in pairs if n not in CONDA_ONLY}


class TestDependencies:
    def test_the_lists_are_not_empty(self) -> None:
        """Guard against comparing two empty lists."""
        assert {"jupyterlab", "ipywidgets", "pydantic", "pyyaml"} <= set(pip_requirements())
        assert {"pytest", "nbval", "hypothesis"} <= set(pip_requirements())

    def test_pyproject_and_environment_name_the_same_packages(self) -> None:
        pip, conda = pip_requirements(), conda_requirements()
        assert sorted(set(pip) - set(conda)) == [], "missing from environment.yml"
        assert sorted(set(conda) - set(pip)) == [], "missing from pyproject.toml"

    def test_and_the_same_versions(self) -> None:
        pip, conda = pip_requirements(), conda_requirements()
        differ = {n: (pip[n], conda[n]) for n in pip.keys() & conda.keys() if pip[n] != conda[n]}
        assert differ == {}

    def test_conda_installs_the_package_itself(self) -> None:
        environment = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
        pip_parts = [d["pip"] for d in environment["dependencies"] if isinstance(d, dict)]
        assert ["-e ."] in pip_parts

    def test_python_versions_agree(self) -> None:
        project = pyproject()["project"]
        assert isinstance(project, dict)
        environment = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
        conda_python = next(d for d in environment["dependencies"] if str(d).startswith("python"))
        assert project["requires-python"] == ">=3.10"
        assert conda_python == "python>=3.10"

    @pytest.mark.parametrize(
        ("module", "call", "package", "since"),
        [
            ("exports/calendar_ics.py", ".add_missing_timezones(", "icalendar", "6.1"),
            ("pages/compose.py", "filter_style_properties=", "nh3", "0.2.22"),
        ],
    )
    def test_floors_include_the_apis_the_code_calls(
        self, module: str, call: str, package: str, since: str
    ) -> None:
        """icalendar 6.0.0 has no ``Calendar.add_missing_timezones`` (it came in 6.1), and the
        calendar export calls it: a floor of 6.0 installs a kit whose export crashes. Likewise
        ``nh3.clean(filter_style_properties=...)``, new in 0.2.22, for every page's prose."""
        calls = (ROOT / "src" / "workshop_kit" / module).read_text("utf-8")
        assert call in calls
        floor = pip_requirements()[package]
        assert floor.startswith(">=") and Version(floor[2:]) >= Version(since), floor

    def test_the_xdist_floor_has_the_options_the_kit_passes(self) -> None:
        """``--no-loadscope-reorder`` came in pytest-xdist 3.8.0: at 3.6 ``./kit test`` (and
        ``--fast`` and ``floors``) stopped at once with "unrecognized arguments"."""
        kit = (ROOT / "kit").read_text(encoding="utf-8")
        assert "--no-loadscope-reorder" in kit
        floor = pip_requirements()["pytest-xdist"]
        assert floor.startswith(">=") and Version(floor[2:]) >= Version("3.8"), floor

    def test_the_lock_pins_every_package_within_what_pyproject_allows(self) -> None:
        """Issue 32: no lock of the tested set. constraints.txt pins every package the project
        names (and what they pull in) to one version, inside pyproject's ranges, so an institute
        installs what the suite passed with."""
        from packaging.specifiers import SpecifierSet

        pins: dict[str, str] = {}
        for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                name, _, version = line.partition("==")
                assert version and re.fullmatch(r"[0-9][0-9A-Za-z.+-]*", version), line
                pins[normalized(name)[0]] = version
        assert len(pins) > 50, "the lock holds the whole environment, dependencies too"
        wanted = pip_requirements()
        assert sorted(set(wanted) - set(pins)) == [], "named in pyproject.toml, not locked"
        outside = {
            name: (pins[name], spec)
            for name, spec in wanted.items()
            if spec and pins[name] not in SpecifierSet(spec)
        }
        assert outside == {}, "a locked version pyproject.toml does not allow"
        assert "workshop-kit" not in pins and "pip" not in pins

    def test_the_console_script_is_declared(self) -> None:
        project = pyproject()["project"]
        assert isinstance(project, dict)
        assert project["scripts"]["workshop-kit"] == "workshop_kit.cli:main"


def floors_script() -> ModuleType:
    """scripts/floors.py, the derivation ``./kit floors`` runs, loaded as a module."""
    spec = importlib.util.spec_from_file_location("floors", ROOT / "scripts" / "floors.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def runtime_and_test() -> dict[str, str]:
    """The package's own dependencies and its test extra, as this file reads them."""
    project = pyproject()["project"]
    assert isinstance(project, dict)
    return dict(
        normalized(r) for r in [*project["dependencies"], *project["optional-dependencies"]["test"]]
    )


class TestFloors:
    """Issue 32: no floor was tested. ``./kit floors`` installs every direct dependency of the
    workshop and its tests at the lowest version pyproject.toml allows and runs the fast tier."""

    def test_every_runtime_and_test_dependency_has_a_lower_bound(self) -> None:
        wanted = runtime_and_test()
        assert {"pydantic", "pytest", "ical"} <= set(wanted)
        unbounded = [n for n, spec in wanted.items() if not re.match(r"^(>=|==|~=)[0-9]", spec)]
        assert unbounded == [], "no floor to test: write >= with the lowest version that works"

    def test_the_pins_are_pyprojects_lower_bounds(self) -> None:
        """Read independently here: each ``>=X``/``==X`` of pyproject becomes ``name==X``, every
        runtime and test dependency is pinned, and nothing else (no lint, hub or bench tools)."""
        module = floors_script()
        pins = module.floors(module.listed(pyproject()["project"]))
        expected = {}
        for name, spec in runtime_and_test().items():
            lower = re.match(r"^(?:>=|==|~=)([0-9][^,]*)", spec)
            assert lower, f"{name}{spec}"
            expected[name] = lower.group(1)
        assert pins == expected
        assert pins["solara-server"] == "1.58.2", "the extra [starlette] is no part of the pin"
        text = module.constraints(pins)
        assert text.splitlines() == [f"{n}=={v}" for n, v in sorted(expected.items())]

    def test_the_script_writes_the_file_kit_floors_installs_with(self, tmp_path: Path) -> None:
        module = floors_script()
        out = tmp_path / "floors.txt"
        assert module.main(["--extras", "test", "--output", str(out)]) == 0
        assert out.read_text(encoding="utf-8") == module.constraints(
            module.floors(module.listed(pyproject()["project"], ["test"]))
        )
        kit = (ROOT / "kit").read_text(encoding="utf-8")
        body = kit.split("\nfloors() {", 1)[1].split("\n}", 1)[0]
        assert 'scripts/floors.py --extras test --output "$FLOORS"' in body
        assert '-c "$FLOORS" -e ".[test]"' in body
        command = kit.split("\n  floors)", 1)[1].split(";;", 1)[0]
        assert '-m pytest "${parallel[@]}" -m "not slow"' in command
        assert "FLOORS_VENV=.venv-floors" in kit
        assert ".venv-floors/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()

    @pytest.mark.parametrize(
        ("requirement", "problem"),
        [
            ("types-PyYAML", "no lower bound"),
            ("nh3>0.2", "no lower bound"),
            ("nh3<1", "no lower bound"),
            ("nh3>=0.2.22,!=0.2.22", "excludes its floor"),
        ],
    )
    def test_a_dependency_without_a_floor_is_refused(self, requirement: str, problem: str) -> None:
        module = floors_script()
        with pytest.raises(module.NoFloor, match=problem):
            module.floors([requirement])

    def test_the_highest_lower_bound_and_each_operator(self) -> None:
        module = floors_script()
        assert module.floors(["A_b>=1.0,>=1.2,<3", "c~=2.4", "d==1.58.*", "e[x]==0.5"]) == {
            "a-b": "1.2",
            "c": "2.4",
            "d": "1.58",
            "e": "0.5",
        }
        with pytest.raises(module.NoFloor, match="listed twice"):
            module.floors(["a>=1", "A>=2"])

    def test_a_pyproject_without_a_floor_stops_the_command(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        toml = tmp_path / "pyproject.toml"
        toml.write_text(
            '[project]\nname = "x"\ndependencies = ["pandas"]\n'
            '[project.optional-dependencies]\ntest = ["pytest>=8"]\n',
            encoding="utf-8",
        )
        out = tmp_path / "floors.txt"
        assert floors_script().main(["--pyproject", str(toml), "--output", str(out)]) == 1
        assert "pandas: no lower bound" in capsys.readouterr().err
        assert not out.exists()


class TestEntryPoints:
    def test_ci_runs_the_readme_test_command(self) -> None:
        ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
        commands = [line.strip() for line in ci.splitlines() if not line.lstrip().startswith("#")]
        assert any(line.startswith("./kit test") for line in commands)
        assert "exit code 5" in ci or '"$rc" -eq 5' in ci, "pytest's 'no tests' is handled"

    def test_ci_runs_the_lint_step_before_the_tests(self) -> None:
        ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
        commands = [line.strip() for line in ci.splitlines() if not line.lstrip().startswith("#")]
        lint = next(i for i, line in enumerate(commands) if line.startswith("./kit lint"))
        test = next(i for i, line in enumerate(commands) if line.startswith("./kit test"))
        assert lint < test and "exit 1" in commands[lint], "a lint failure stops CI"
        kit = (ROOT / "kit").read_text(encoding="utf-8")
        for step in ('ruff" check', 'ruff" format --check', 'mypy" --strict src'):
            assert step in kit
        assert 'EVERYTHING="test,dev,hub,kubernetes"' in kit
        for command in ("lint", "test"):
            body = kit.split(f"\n  {command})", 1)[1].split(";;", 1)[0]
            assert 'setup "$EVERYTHING"' in body, (
                f"{command} installs the linters and the hub and kubernetes extras"
            )

    def test_start_and_app_install_the_workshop_alone(self) -> None:
        """Issue 32: a principal who only wants the workshop got the test, lint and hub tools."""
        kit = (ROOT / "kit").read_text(encoding="utf-8")
        for command in ("start", "app"):
            body = kit.split(f"\n  {command})", 1)[1].split(";;", 1)[0]
            assert body.strip().startswith("setup;"), f"{command}: {body!r}"
        assert '-e ".${extras:+[$extras]}"' in kit  # no extras: the package and its runtime alone

    def test_every_install_takes_the_locked_versions(self) -> None:
        kit = (ROOT / "kit").read_text(encoding="utf-8")
        assert "LOCK=constraints.txt" in kit
        install = next(line for line in kit.splitlines() if '-e ".${extras' in line)
        assert '"${locked[@]}"' in install and 'locked=(-c "$LOCK")' in kit
        # a new lock installs again, as a changed pyproject.toml does
        assert 'cat pyproject.toml "$0" "$LOCK" | sha256sum' in kit

    def test_no_test_starts_an_event_loop_of_its_own_in_the_workers_thread(self) -> None:
        """``asyncio.run`` fails in an xdist worker that ran a browser test before (Playwright's
        loop keeps running in its main thread): eight cluster tests passed alone and failed in
        CI that way. Tests run coroutines with ``tests/coroutines.run``, in a thread of theirs."""
        calls = [
            f"{path.relative_to(ROOT)}:{n}"
            for path in sorted((ROOT / "tests").rglob("*.py"))
            if path.name != "coroutines.py"
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if re.search(r"\basyncio\.run\(", line) and not line.lstrip().startswith("#")
        ]
        assert calls == [], "use tests.coroutines.run: " + ", ".join(calls)

    def test_what_starts_a_kernel_or_a_browser_is_marked_slow_and_handed_out_first(
        self, pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The root conftest's plan, on a small project of its own collected in this process:
        ``-m "not slow"`` leaves out every notebook cell and browser test and keeps the rest; on
        an xdist worker the slow files come first, each file's tests in their own order."""
        pytester.makeini(
            "[pytest]\nmarkers =\n    browser: b\n    slow: s\naddopts = -p no:cacheprovider\n"
        )
        pytester.makeconftest(
            "from suite_plan import plan\n"
            "def pytest_collection_modifyitems(config, items):\n    plan(items)\n"
        )
        pytester.mkdir("tests")
        pytester.mkdir("tests/browser")
        pytester.mkdir("notebooks")
        (pytester.path / "tests" / "test_alpha.py").write_text("def test_quick(): pass\n")
        (pytester.path / "tests" / "browser" / "test_page.py").write_text(
            "def test_one(): pass\ndef test_two(): pass\n"
        )
        (pytester.path / "tests" / "test_marked.py").write_text(
            "import pytest\n@pytest.mark.browser\ndef test_marked(): pass\n"
        )
        cell = {"cell_type": "code", "execution_count": 1, "id": "c1", "metadata": {},
                "outputs": [], "source": "1 + 1"}  # fmt: skip
        notebook = {"cells": [cell, {**cell, "id": "c2"}], "metadata": {}, "nbformat": 4,
                    "nbformat_minor": 5}  # fmt: skip
        (pytester.path / "notebooks" / "01_day1.ipynb").write_text(json.dumps(notebook))

        def collected(*args: str) -> list[str]:
            run = pytester.inline_run("--collect-only", "--nbval", "-p", "no:randomly", *args)
            assert run.ret == 0
            finished = run.getcalls("pytest_collection_finish")
            return [item.nodeid for item in finished[0].session.items]

        monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)  # this run may be on a worker
        everything = collected()
        assert len(everything) == 6
        quick = collected("-m", "not slow")
        assert quick == ["tests/test_alpha.py::test_quick"]
        assert set(collected("-m", "slow")) == set(everything) - set(quick)
        assert everything[-1] != "tests/test_alpha.py::test_quick", "not reordered outside xdist"
        monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw0")
        on_a_worker = collected()
        assert on_a_worker[-1] == "tests/test_alpha.py::test_quick", "the quick ones come last"
        cells = [n for n in on_a_worker if n.startswith("notebooks/")]
        assert cells == ["notebooks/01_day1.ipynb::Cell 0", "notebooks/01_day1.ipynb::Cell 1"]

    def test_the_heaviest_groups_named_in_the_plan_exist(self) -> None:
        """A renamed notebook or module would silently drop out of the heaviest-first order."""
        from suite_plan import HEAVIEST_FIRST

        present = {p.name for p in [*ROOT.glob("notebooks/*.ipynb"), *ROOT.glob("tests/**/*.py")]}
        assert sorted(set(HEAVIEST_FIRST) - present) == []

    def test_the_readme_gives_the_two_commands(self) -> None:
        readme = (ROOT / "README.md").read_text(encoding="utf-8")
        assert "./kit start" in readme
        assert "./kit test" in readme
        assert "environment.yml" in readme, "conda users get the equivalent"

    def test_the_fast_tier_is_documented_and_leaves_out_only_what_is_slow(self) -> None:
        readme = (ROOT / "README.md").read_text(encoding="utf-8")
        kit = (ROOT / "kit").read_text(encoding="utf-8")
        assert "./kit test --fast" in readme
        assert "./kit floors" in readme
        assert '"${1:-}" = "--fast"' in kit and '-m "not slow"' in kit

    def test_the_kit_script_knows_the_readme_commands(self) -> None:
        kit = (ROOT / "kit").read_text(encoding="utf-8")
        for command in ("start)", "test)", "app)", "bench)", "setup)", "floors)"):
            assert command in kit
        usage = next(line for line in kit.splitlines() if "usage: ./kit" in line)
        assert "|floors|" in usage

    def test_the_readme_links_only_to_files_that_exist(self) -> None:
        readme = (ROOT / "README.md").read_text(encoding="utf-8")
        targets = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", readme)
        local = [t for t in targets if not re.match(r"[a-z]+:", t)]
        assert local, "the README links to the docs"
        missing = [t for t in local if not (ROOT / t).exists()]
        assert missing == []

    def test_there_is_a_licence(self) -> None:
        licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
        assert licence.startswith("MIT License")
        assert pyproject()["project"]["license"] == "MIT"  # type: ignore[index]
