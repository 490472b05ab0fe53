"""``workshop-kit export``: a team's plan written as files a facilitator can hand out."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.cli_runs import run

from workshop_kit.cli import main
from workshop_kit.model.goal import GoalWork
from workshop_kit.store import Workspace


class TestExportCommand:
    @pytest.mark.parametrize(
        ("fmt", "names"),
        [
            ("html", ["demo-staff-summary.html", "demo-team-plan.html"]),
            ("md", ["demo-team-plan.md"]),
            ("ics", ["demo-calendar.ics"]),
            ("csv", ["demo-action-plan.csv", "demo-meeting-ledger.csv"]),
            ("xlsx", ["demo-plan.xlsx"]),
        ],
    )
    def test_each_format_writes_its_files(
        self,
        workspace: Workspace,
        tmp_path: Path,
        fmt: str,
        names: list[str],
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        out = tmp_path / "handouts"
        code = main(
            [
                "--workspace",
                str(workspace.root),
                "export",
                "demo",
                "--format",
                fmt,
                "--out",
                str(out),
            ]
        )
        assert code == 0
        assert sorted(p.name for p in out.iterdir()) == names
        assert "Wrote" in capsys.readouterr().out

    def test_an_unknown_team_is_refused_plainly(
        self, workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        out = tmp_path / "handouts"
        code = main(["--workspace", str(workspace.root), "export", "Nobody", "--out", str(out)])
        assert code == 2
        assert "no team called ‘Nobody’" in capsys.readouterr().err
        assert not out.exists()

    def test_a_damaged_plan_is_reported_not_exported(
        self, workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        (workspace.root / "demo" / "plan.yaml").write_text(
            "schema_version: 1\nmoves: [oops\n", encoding="utf-8"
        )
        code = main(
            ["--workspace", str(workspace.root), "export", "demo", "--out", str(tmp_path / "x")]
        )
        assert code == 1
        assert "plan.yaml" in capsys.readouterr().err
        assert not (tmp_path / "x").exists()


#: what ``--document all --format all`` writes for a team, after its slug
EVERY_FILE = (
    *("team-plan.html", "staff-summary.html", "team-plan.md", "calendar.ics"),
    *("meeting-ledger.csv", "action-plan.csv", "plan.xlsx"),
    *("day1-summary.html", "day1-summary.md", "day2-summary.html", "day2-summary.md"),
    *("progress-report.html", "progress-report.md"),
)


class TestEveryTeamAndDocument:
    """``export --all`` writes every team's documents in one command, a folder a team, with a
    line per team as it goes; the Day 1 and Day 2 summaries and the progress report too."""

    def test_every_team_every_document_in_every_format(
        self, workspace: Workspace, tmp_path: Path
    ) -> None:
        import openpyxl

        assert run(workspace.root, "new-team", "Lincoln ILT", "Oak Park ILT").returncode == 0
        out = tmp_path / "cohort"
        ran = run(workspace.root, "export", "--all", "--document", "all", "--format", "all",
                  "--out", str(out))  # fmt: skip
        assert ran.returncode == 0, ran.stderr
        lines = ran.stdout.splitlines()
        assert [line.split("]")[0] for line in lines[:3]] == ["[1/3", "[2/3", "[3/3"]
        assert "Exported 3 of 3 teams" in ran.stdout
        for slug in ("demo", "lincoln-ilt", "oak-park-ilt"):
            names = sorted(p.name for p in (out / slug).iterdir())
            assert names == sorted(f"{slug}-{name}" for name in EVERY_FILE)
            book = openpyxl.load_workbook(out / slug / f"{slug}-plan.xlsx")  # another reader
            assert len(book.sheetnames) >= 2
        demo = workspace.open_team("demo")
        day1 = (out / "demo" / "demo-day1-summary.md").read_text(encoding="utf-8")
        assert demo.peek(GoalWork).goal.statement.split()[0] in day1
        page = (out / "demo" / "demo-progress-report.html").read_text(encoding="utf-8")
        assert "Progress report: Maple Grove" in page and page.startswith("<!DOCTYPE html>")

    def test_a_damaged_team_is_said_and_the_others_are_written(
        self, workspace: Workspace, tmp_path: Path
    ) -> None:
        assert run(workspace.root, "new-team", "Lincoln ILT").returncode == 0
        (workspace.root / "lincoln-ilt" / "goal.yaml").write_text("goal: [oops\n", "utf-8")
        out = tmp_path / "cohort"
        ran = run(workspace.root, "export", "--all", "--document", "day1", "--out", str(out))
        assert ran.returncode == 1
        assert "[2/2] lincoln-ilt: not exported:" in ran.stdout and "goal.yaml" in ran.stdout
        assert "Traceback" not in ran.stdout + ran.stderr
        assert "Exported 1 of 2 teams" in ran.stdout
        assert [p.name for p in (out / "demo").iterdir()] == ["demo-day1-summary.html"]
        assert not (out / "lincoln-ilt").exists()

    @pytest.mark.parametrize(
        ("args", "said"),
        [
            (["demo", "--all"], "Name one team, or give --all"),
            ([], "Name one team, or give --all"),
            (["demo", "--document", "day2", "--format", "ics"], "written as html or md, not ics"),
        ],
    )
    def test_a_request_that_cannot_be_carried_out_is_refused(
        self, workspace: Workspace, tmp_path: Path, args: list[str], said: str
    ) -> None:
        out = tmp_path / "nothing"
        ran = run(workspace.root, "export", *args, "--out", str(out))
        assert ran.returncode == 2
        assert said in ran.stderr
        assert not out.exists()
