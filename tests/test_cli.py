"""The installed ``workshop-kit`` command, run as a facilitator would run it: plain messages, exit
codes 0 (fine), 1 (problems found) and 2 (request refused), and never a traceback."""

from __future__ import annotations

import contextlib
import importlib.metadata
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from tests.cli_runs import run

from workshop_kit.cli import main
from workshop_kit.store import MAX_TEAM_LIST

COMMAND = Path(sys.executable).parent / "workshop-kit"


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return tmp_path / "workspace"


def test_the_console_script_is_installed_and_answers(tmp_path: Path) -> None:
    """The one run of the real console script: installed, it starts, and it lists the teams."""
    assert COMMAND.is_file(), "install with ./kit setup (pip install -e '.[test]')"
    result = subprocess.run(
        [str(COMMAND), "--workspace", str(tmp_path / "workspace"), "list"],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "workshop-kit new-team" in result.stdout and result.stderr == ""


def test_a_reader_that_leaves_early_is_no_error(tmp_path: Path) -> None:
    """``workshop-kit list | head -1``: the pipe closes before the output is written. Quiet, and
    exit 0, as Unix tools do; a real pipe, since Python's own last flush is part of it."""
    ws = tmp_path / "workspace"
    assert run(ws, "new-team", "Lincoln ILT", "Oak Ridge ILT").returncode == 0
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before the command writes anything
    try:
        result = subprocess.run(
            [str(COMMAND), "list", "--workspace", str(ws)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (0, "")


class TestClosedOutput:
    def test_new_team_creates_every_team_after_the_reader_left(self, ws: Path) -> None:
        """The work is done even when nobody reads what it says: no team is left out."""
        result = run(ws, "new-team", "A ILT", "B ILT", "C ILT", reader_gone=True)
        assert (result.returncode, result.stderr) == (0, "")
        assert run(ws, "list").stdout.count("ILT") == 3

    def test_check_still_exits_1_for_a_damaged_file(self, ws: Path) -> None:
        run(ws, "new-team", "Lincoln ILT")
        (ws / "lincoln-ilt" / "team.yaml").write_text("schema_version: 1\nname: [\n", "utf-8")
        result = run(ws, "check", "lincoln-ilt", reader_gone=True)
        assert (result.returncode, result.stderr) == (1, "")


class TestForScripts:
    def test_version_is_the_installed_one(self, ws: Path) -> None:
        result = run(ws, "--version")
        assert result.returncode == 0
        assert result.stdout == f"workshop-kit {importlib.metadata.version('workshop-kit')}\n"

    def test_list_as_json(self, ws: Path) -> None:
        """The README's structure: the workspace, and per team its folder, name and problem."""
        assert json.loads(run(ws, "list", "--json").stdout) == {"workspace": str(ws), "teams": []}
        run(ws, "new-team", "Lincoln ILT")
        (ws / "Odd Folder").mkdir()  # made by hand: no team's folder is named so
        listed = run(ws, "list", "--json")
        assert listed.returncode == 0
        teams = json.loads(listed.stdout)["teams"]
        assert teams[1] == {"folder": "lincoln-ilt", "name": "Lincoln ILT", "problem": None}
        assert teams[0]["folder"] == "Odd Folder" and teams[0]["name"] is None
        assert "no team called ‘Odd Folder’" in teams[0]["problem"]

    def test_check_as_json_keeps_its_exit_code(self, ws: Path) -> None:
        run(ws, "new-team", "Lincoln ILT")
        fine = run(ws, "check", "Lincoln ILT", "--json")
        assert fine.returncode == 0
        assert json.loads(fine.stdout) == {"team": "lincoln-ilt", "fine": True, "problems": []}
        (ws / "lincoln-ilt" / "goal.yaml").write_text("schema_version: 1\ncandidates: [\n", "utf-8")
        damaged = run(ws, "check", "Lincoln ILT", "--json")
        assert damaged.returncode == 1
        report = json.loads(damaged.stdout)
        assert report["fine"] is False and len(report["problems"]) == 1
        assert "goal.yaml" in report["problems"][0]


class TestHelp:
    def test_help_lists_the_commands(self, ws: Path) -> None:
        result = run(ws, "--help")
        assert result.returncode == 0
        for command in ("new-team", "list", "check", "start", "config"):
            assert command in result.stdout

    def test_the_workspace_can_follow_the_command(self, ws: Path, tmp_path: Path) -> None:
        """The README: every command takes ``--workspace``, before or after its name; given
        twice, the later one counts."""
        run(ws, "new-team", "Lincoln ILT")
        for args in (
            ["list", "--workspace", str(ws)],
            ["--workspace", str(tmp_path / "elsewhere"), "list", "--workspace", str(ws)],
            ["check", "Lincoln ILT", "--workspace", str(ws)],
            ["config", "init", "--workspace", str(ws)],
            ["config", "--workspace", str(ws), "check"],
        ):
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                assert main(args) == 0, (args, err.getvalue())
        assert run(ws, "list").stdout.splitlines() == ["lincoln-ilt\tLincoln ILT"]
        assert (ws / "config" / "day1.yaml").is_file()
        assert not (tmp_path / "elsewhere").exists()

    def test_a_command_is_required(self, ws: Path) -> None:
        result = run(ws)
        assert result.returncode == 2
        assert "usage: workshop-kit" in result.stderr


class TestTeams:
    def test_new_team_then_list_then_check(self, ws: Path) -> None:
        created = run(ws, "new-team", "Lincoln ILT")
        assert created.returncode == 0, created.stderr
        assert "Lincoln ILT" in created.stdout
        team_file = ws / "lincoln-ilt" / "team.yaml"
        assert yaml.safe_load(team_file.read_text(encoding="utf-8"))["name"] == "Lincoln ILT"

        listed = run(ws, "list")
        assert listed.returncode == 0
        assert listed.stdout.splitlines() == ["lincoln-ilt\tLincoln ILT"]

        checked = run(ws, "check", "Lincoln ILT")
        assert checked.returncode == 0
        assert "fine" in checked.stdout

    def test_an_empty_workspace_says_how_to_start(self, ws: Path) -> None:
        listed = run(ws, "list")
        assert listed.returncode == 0
        assert "workshop-kit new-team" in listed.stdout

    def test_creating_a_team_twice_is_refused(self, ws: Path) -> None:
        run(ws, "new-team", "Lincoln ILT")
        again = run(ws, "new-team", "lincoln ilt")
        assert again.returncode == 1
        assert "already exists" in again.stderr

    def test_check_reports_a_damaged_file_and_exits_1(self, ws: Path) -> None:
        run(ws, "new-team", "Lincoln ILT")
        team_file = ws / "lincoln-ilt" / "team.yaml"
        team_file.write_text(
            team_file.read_text(encoding="utf-8") + "colour: blue\n", encoding="utf-8"
        )
        (ws / "lincoln-ilt" / "goal.yaml").write_text(
            "schema_version: 1\ncandidates: [\n", encoding="utf-8"
        )
        checked = run(ws, "check", "lincoln-ilt")
        assert checked.returncode == 1
        assert "lincoln-ilt/team.yaml" in checked.stdout
        assert "‘colour’ is not a known field" in checked.stdout
        assert "lincoln-ilt/goal.yaml" in checked.stdout
        assert "revision 1" in checked.stdout, "the last good version is offered"

    def test_check_reports_a_revision_that_is_not_a_number(self, ws: Path) -> None:
        """Issue 32: ``revision: banana`` passed ``check``."""
        run(ws, "new-team", "Lincoln ILT")
        team_file = ws / "lincoln-ilt" / "team.yaml"
        text = team_file.read_text(encoding="utf-8")
        team_file.write_text(text.replace("revision: 1", "revision: banana"), encoding="utf-8")
        checked = run(ws, "check", "lincoln-ilt")
        assert checked.returncode == 1
        assert "team.yaml, line 4: the field ‘revision’ must be a whole number" in checked.stdout
        assert "(found ‘banana’)" in checked.stdout

    def test_a_damaged_file_is_recovered_with_history_and_restore(self, ws: Path) -> None:
        run(ws, "new-team", "Lincoln ILT")
        team_file = ws / "lincoln-ilt" / "team.yaml"
        team_file.write_text("schema_version: 1\nname: [\n", encoding="utf-8")
        history = run(ws, "history", "lincoln-ilt", "team")
        assert history.returncode == 0
        assert history.stdout.startswith("revision 1\t")
        restored = run(ws, "restore", "lincoln-ilt", "team", "1")
        assert restored.returncode == 0, restored.stderr
        assert run(ws, "check", "lincoln-ilt").returncode == 0
        assert (ws / "lincoln-ilt" / "team.damaged-1.yaml").read_text(encoding="utf-8") == (
            "schema_version: 1\nname: [\n"
        )

    def test_a_facilitator_creates_many_teams_at_once(self, ws: Path, tmp_path: Path) -> None:
        names = tmp_path / "teams.txt"
        names.write_text("\ufeffOak Ridge ILT\n\n  Pine Valley ILT  \n", encoding="utf-8")
        created = run(ws, "new-team", "Lincoln ILT", "--from-file", str(names))
        assert created.returncode == 0, created.stderr
        assert created.stdout.count("Created the workbook") == 3
        listed = run(ws, "list").stdout
        for slug, name in [("lincoln-ilt", "Lincoln ILT"), ("oak-ridge-ilt", "Oak Ridge ILT"),
                           ("pine-valley-ilt", "Pine Valley ILT")]:  # fmt: skip
            assert f"{slug}\t{name}" in listed

    def test_an_existing_team_is_reported_and_the_others_are_created(self, ws: Path) -> None:
        run(ws, "new-team", "Lincoln ILT")
        created = run(ws, "new-team", "Lincoln ILT", "Oak Ridge ILT")
        assert created.returncode == 1
        assert "already exists" in created.stderr
        assert (ws / "oak-ridge-ilt" / "team.yaml").is_file()

    def test_one_unsafe_or_doubled_name_creates_nothing(self, ws: Path) -> None:
        unsafe = run(ws, "new-team", "Oak Ridge ILT", "../x")
        doubled = run(ws, "new-team", "Oak Ridge ILT", "oak ridge ilt")
        assert unsafe.returncode == doubled.returncode == 2
        assert "would share one folder" in doubled.stderr
        assert not ws.exists() or list(ws.iterdir()) == []

    def test_names_that_look_the_same_are_one_team(self, ws: Path) -> None:
        """Issue 32: ``Lincoln\u200bILT`` (a zero-width space) and ``LincolnILT`` made two teams
        that read the same; a line separator split ``list``'s lines."""
        assert run(ws, "new-team", "Lincoln\u200bILT").returncode == 0
        again = run(ws, "new-team", "LincolnILT")
        assert again.returncode == 1 and "already exists" in again.stderr
        assert run(ws, "new-team", "Oak\u2028Ridge \u202eILT").returncode == 0
        listed = run(ws, "list").stdout.splitlines()
        assert listed == ["lincolnilt\tLincolnILT", "oak-ridge-ilt\tOak Ridge ILT"]

    def test_a_list_longer_than_a_cohort_creates_nothing(self, ws: Path, tmp_path: Path) -> None:
        names = tmp_path / "teams.txt"
        names.write_text("".join(f"School {n}\n" for n in range(MAX_TEAM_LIST + 1)), "utf-8")
        result = run(ws, "new-team", "--from-file", str(names))
        assert result.returncode == 1
        assert f"names {MAX_TEAM_LIST + 1} teams; one list creates at most" in result.stderr
        assert not ws.exists() or list(ws.iterdir()) == []

    def test_no_name_at_all_is_explained(self, ws: Path) -> None:
        result = run(ws, "new-team")
        assert result.returncode == 2 and "at least one team" in result.stderr

    @pytest.mark.parametrize(
        "args",
        [
            ["history", "lincoln-ilt", "nosuch"],
            ["restore", "lincoln-ilt", "nosuch", "1"],
            ["schema", "nosuch"],
            ["restore", "lincoln-ilt", "team", "99"],
        ],
    )
    def test_an_unknown_file_or_version_is_refused_with_exit_2(
        self, ws: Path, args: list[str]
    ) -> None:
        """As the help says: a request naming nothing that is there exits 2, with the choices."""
        run(ws, "new-team", "Lincoln ILT")
        result = run(ws, *args)
        assert result.returncode == 2
        assert "team.yaml" in result.stderr and result.stdout == ""

    def test_the_demo_team_is_there_in_a_new_workspace(self, ws: Path, tmp_path: Path) -> None:
        """As in the app, which copies it on start: export and check need no start first."""
        out = tmp_path / "handouts"
        exported = run(ws, "export", "demo", "--format", "md", "--out", str(out))
        assert exported.returncode == 0, exported.stderr
        assert [p.name for p in out.iterdir()] == ["demo-team-plan.md"]
        assert run(tmp_path / "other", "check", "demo").returncode == 0

    def test_checking_a_missing_team_is_refused(self, ws: Path) -> None:
        checked = run(ws, "check", "Nobody")
        assert checked.returncode == 2
        assert "no team called ‘Nobody’" in checked.stderr

    @pytest.mark.parametrize("name", ["../x", "/etc", "a/../../b", "bad\\name", ".hidden"])
    def test_unsafe_names_exit_2_with_a_message(self, ws: Path, name: str) -> None:
        for command in ("new-team", "check"):
            result = run(ws, command, name)
            assert result.returncode == 2
            assert result.stderr.strip(), "a message says why"
            assert result.stdout == ""
        assert not ws.exists() or list(ws.iterdir()) == []
        assert not (ws.parent / "x").exists()

    def test_a_team_folder_linking_out_of_the_workspace_is_refused(
        self, ws: Path, tmp_path: Path
    ) -> None:
        outside = tmp_path / "outside"
        outside.mkdir()
        ws.mkdir()
        (ws / "intruder").symlink_to(outside, target_is_directory=True)
        result = run(ws, "check", "intruder")
        assert result.returncode == 2
        assert "outside the workspace" in result.stderr
        assert "intruder" not in run(ws, "list").stdout


class TestConfig:
    def test_config_init_copies_the_defaults_once(self, ws: Path) -> None:
        first = run(ws, "config", "init")
        assert first.returncode == 0
        day1 = ws / "config" / "day1.yaml"
        assert day1.is_file()
        day1.write_text(
            day1.read_text(encoding="utf-8").replace("minutes: 45", "minutes: 55"),
            encoding="utf-8",
        )
        again = run(ws, "config", "init")
        assert again.returncode == 0
        assert "minutes: 55" in day1.read_text(encoding="utf-8"), "a facilitator's edit is kept"
        assert run(ws, "config", "check").returncode == 0
        assert run(ws, "list").stdout.startswith("No teams yet"), "the settings folder is no team"

    def test_config_check_refuses_an_activity_id_the_notebook_does_not_ask_for(
        self, ws: Path
    ) -> None:
        """A renamed id (norms -> norms2) would leave the notebook saying "This activity cannot
        be shown": the check names the file, the line and the field."""
        run(ws, "config", "init")
        day1 = ws / "config" / "day1.yaml"
        text = day1.read_text(encoding="utf-8")
        day1.write_text(text.replace("  - id: norms\n", "  - id: norms2\n"), encoding="utf-8")
        line = text.splitlines().index("  - id: norms") + 1
        checked = run(ws, "config", "check")
        assert checked.returncode == 1
        assert f"{day1}, line {line}: the field ‘activities → 3rd entry → id’" in checked.stderr
        assert "‘norms2’" in checked.stderr and "Day 1 notebook" in checked.stderr

    def test_config_check_refuses_a_missing_activity(self, ws: Path) -> None:
        run(ws, "config", "init")
        day2 = ws / "config" / "day2.yaml"
        data = yaml.safe_load(day2.read_text(encoding="utf-8"))
        data["activities"] = [a for a in data["activities"] if a["id"] != "links"]
        day2.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        checked = run(ws, "config", "check")
        assert checked.returncode == 1
        assert "‘activities’ has no activity with the id ‘links’" in checked.stderr

    def test_config_check_names_the_problem(self, ws: Path) -> None:
        run(ws, "config", "init")
        day1 = ws / "config" / "day1.yaml"
        day1.write_text(
            day1.read_text(encoding="utf-8").replace("weight: 1.5", "weight: heavy", 1),
            encoding="utf-8",
        )
        checked = run(ws, "config", "check")
        assert checked.returncode == 1
        assert str(day1) in checked.stderr
        assert "‘criteria → 2nd entry → weight’ must be a number" in checked.stderr
