"""``workshop-kit export``: a team's plan written as files a facilitator can hand out."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop_kit.cli import main
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
