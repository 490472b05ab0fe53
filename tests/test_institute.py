"""The institute agenda is built from the config and agrees with the day notebooks: three days
of about six to six and a half hours, whole-group segments where an expert facilitator puts
them, every activity in exactly one team block, and the day openings' time plans match it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from workshop_kit.cli import main
from workshop_kit.config.common import DayPlan
from workshop_kit.config.day1 import load_day1
from workshop_kit.config.day2 import load_day2
from workshop_kit.config.day3 import load_day3
from workshop_kit.config.institute import load_institute
from workshop_kit.exports.agenda import agenda_page
from workshop_kit.logic.institute import (
    AgendaDay,
    agenda_problems,
    build_agenda,
    hours_and_minutes,
)

PLANS: dict[int, DayPlan] = {1: load_day1(), 2: load_day2(), 3: load_day3()}
INSTITUTE = load_institute()
AGENDA = build_agenda(INSTITUTE, PLANS)


def titles(day: AgendaDay, kind: str) -> str:
    return " | ".join(r.segment.title for r in day.rows if r.segment.kind == kind).casefold()


class TestTheDefaultAgenda:
    @pytest.mark.parametrize("day", AGENDA, ids=lambda d: f"day{d.day.day}")
    def test_a_day_lasts_six_to_six_and_a_half_hours(self, day: AgendaDay) -> None:
        assert 6 * 60 <= day.minutes <= 6 * 60 + 30
        assert day.minutes_of("lunch") >= 30
        assert day.minutes_of("break") >= 20

    def test_it_agrees_with_the_day_files(self) -> None:
        assert agenda_problems(INSTITUTE, PLANS) == []

    @pytest.mark.parametrize("day", AGENDA, ids=lambda d: f"day{d.day.day}")
    def test_team_blocks_take_the_activities_time_boxes(self, day: AgendaDay) -> None:
        assert day.minutes_of("team") == PLANS[day.day.day].total_minutes

    def test_whole_group_segments_an_expert_would_run(self) -> None:
        day1, day2, day3 = AGENDA
        assert "ball game" in titles(day1, "whole_group")
        framework = [r for r in day2.rows if "framework" in r.segment.title.casefold()]
        assert framework and "three assumptions" in framework[0].segment.what
        for day in AGENDA:
            assert "share-out" in titles(day, "whole_group")
            assert day.rows[-1].segment.kind == "whole_group"
            assert "closing" in titles(day, "whole_group")
        assert "evaluation" in day3.rows[-1].segment.title.casefold()

    def test_the_ball_game_is_scripted(self) -> None:
        game = INSTITUTE.ball_game
        assert len(game.rules) >= 3 and len(game.debrief) >= 3 and game.self_paced
        assert any("norms" in step for step in game.run)
        assert "ball game" in PLANS[1].activity("norms").facilitator_note


class TestDayNotebooksAgree:
    @pytest.mark.parametrize("day", AGENDA, ids=lambda d: f"day{d.day.day}")
    def test_the_days_opening_states_the_agendas_times(self, day: AgendaDay) -> None:
        """Each day's "What you will need" says when the day runs and how long its activities
        take, and both agree with the agenda."""
        plan = PLANS[day.day.day]
        text = next(t for t in plan.you_will_need if "runs" in t)
        match = re.search(r"runs (\d+:\d\d) to (\d+:\d\d).* take (\d+ h \d\d) of team work", text)
        assert match, text
        assert match.group(1) == f"{day.start.hour}:{day.start.minute:02d}"
        assert match.group(2) == f"{day.end.hour}:{day.end.minute:02d}"
        assert match.group(3) == hours_and_minutes(plan.total_minutes)


class TestAFacilitatorsEdits:
    def test_a_changed_time_box_moves_the_agenda(self) -> None:
        plan = PLANS[1]
        longer = plan.model_copy(
            update={
                "activities": tuple(
                    a.model_copy(update={"minutes": a.minutes + 10}) if a.id == "evidence" else a
                    for a in plan.activities
                )
            }
        )
        day1 = build_agenda(INSTITUTE, {**PLANS, 1: longer})[0]
        assert day1.minutes == AGENDA[0].minutes + 10

    def test_an_activity_in_no_block_is_named(self) -> None:
        day1 = INSTITUTE.days[0]
        segments = tuple(s for s in day1.segments if "ratings" not in s.activities)
        edited = INSTITUTE.model_copy(
            update={"days": (day1.model_copy(update={"segments": segments}), *INSTITUTE.days[1:])}
        )
        assert agenda_problems(edited, PLANS) == [
            "Day 1: the activity ‘ratings’ is in no team block of the agenda."
        ]

    def test_config_check_refuses_a_block_with_an_unknown_activity(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        ws = tmp_path / "ws"
        assert main(["--workspace", str(ws), "config", "init"]) == 0
        path = ws / "config" / "institute.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["days"][0]["segments"][1]["activities"] = ["workbook", "roster2"]
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        capsys.readouterr()
        assert main(["--workspace", str(ws), "config", "check"]) == 1
        checked = capsys.readouterr().err
        assert "‘roster2’" in checked and "‘roster’ is in no team block" in checked

    def test_the_printable_page_holds_the_agenda_and_the_ball_game(self) -> None:
        page = agenda_page(INSTITUTE, AGENDA)
        assert page.startswith("<!DOCTYPE html>")
        for text in ("8:30–8:50", "Day 3", "The ball game", "Debrief questions", "Materials"):
            assert text in page


class TestReachableFromEachDay:
    @pytest.mark.parametrize(
        "notebook",
        ["01_day1_worthy_goal.ipynb", "02_day2_resource_map.ipynb", "03_day3_meeting_time.ipynb"],
    )
    def test_each_day_links_the_guides_agenda_and_sources(self, notebook: str) -> None:
        import nbformat

        from workshop_kit import paths

        nb = nbformat.read(paths.notebooks_dir() / notebook, as_version=4)
        prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        assert "](00_facilitator_guide.ipynb)" in prose
        assert "](00_facilitator_guide.ipynb#Sources-and-further-reading)" in prose
        guide = nbformat.read(paths.notebooks_dir() / "00_facilitator_guide.ipynb", as_version=4)
        headings = [c.source.splitlines()[0] for c in guide.cells if c.cell_type == "markdown"]
        assert "## Sources and further reading" in headings


def test_an_unquoted_start_time_reads_as_a_time() -> None:
    """YAML reads 08:30 without quotes as a number of minutes (510); it is still 8:30."""
    data = yaml.safe_load(
        "day: 1\ntitle: T\nstart: 08:30\nsegments: [{kind: break, title: B, minutes: 5}]"
    )
    from workshop_kit.config.institute import InstituteDay

    assert InstituteDay.model_validate(data).start.strftime("%H:%M") == "08:30"
