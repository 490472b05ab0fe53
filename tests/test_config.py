"""Facilitator configuration: built-in defaults in data/, a facilitator's copy in the workspace
wins, and a bad file stops with a message naming the file, the line and the field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from workshop_kit.config import config_path, default_config_dir
from workshop_kit.config.all_days import load_all
from workshop_kit.config.day1 import Day1Config, load_day1
from workshop_kit.errors import ConfigError

DEFAULT_DAY1 = (default_config_dir() / "day1.yaml").read_text(encoding="utf-8")


def line_number(text: str, fragment: str) -> int:
    """The 1-based line of the first line containing ``fragment``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if fragment in line:
            return number
    raise AssertionError(f"{fragment!r} not in the text")


def facilitator_copy(workspace: Path, text: str) -> Path:
    path = workspace / "config" / "day1.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def refused(workspace: Path, text: str) -> ConfigError:
    facilitator_copy(workspace, text)
    with pytest.raises(ConfigError) as raised:
        load_day1(workspace)
    return raised.value


class TestDefaults:
    def test_the_default_day1_config_loads(self) -> None:
        config = load_day1()
        assert isinstance(config, Day1Config)
        assert config.rating_scale.points == (1, 2, 3, 4)
        assert {"school_wide", "instructional", "measurable"} <= {c.id for c in config.criteria}
        assert config.activity("goal_statement").minutes > 0
        assert "some" in config.goal_checker.vague_amounts
        assert "soon" in config.goal_checker.vague_times

    def test_every_days_default_config_loads(self) -> None:
        from workshop_kit.config.year import YearConfig

        configs = load_all()
        assert len(configs) == 5, "the three days, the year and the institute agenda"
        assert isinstance(configs[3], YearConfig)
        assert configs[0] == load_day1()

    def test_without_a_facilitator_copy_the_default_is_used(self, tmp_path: Path) -> None:
        assert config_path("day1.yaml", tmp_path) == default_config_dir() / "day1.yaml"


class TestFacilitatorOverride:
    def test_a_copy_in_the_workspace_is_used(self, tmp_path: Path) -> None:
        """A facilitator changes a weight and a time box without touching Python."""
        edited = DEFAULT_DAY1.replace("label: School-wide\n", "label: Whole school\n").replace(
            "minutes: 50", "minutes: 75", 1
        )
        assert edited != DEFAULT_DAY1
        path = facilitator_copy(tmp_path, edited)
        assert config_path("day1.yaml", tmp_path) == path
        config = load_day1(tmp_path)
        assert config.criterion("school_wide").label == "Whole school"
        assert config.activity("evidence").minutes == 75
        assert load_day1().criterion("school_wide").label == "School-wide", "defaults unchanged"

    def test_editing_the_copy_again_is_picked_up(self, tmp_path: Path) -> None:
        path = facilitator_copy(tmp_path, DEFAULT_DAY1)
        assert load_day1(tmp_path).low_consensus_spread == 1.0
        path.write_text(
            DEFAULT_DAY1.replace("low_consensus_spread: 1.0", "low_consensus_spread: 0.75"),
            encoding="utf-8",
        )
        assert load_day1(tmp_path).low_consensus_spread == 0.75

    def test_a_copy_in_the_environments_workspace_is_used(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Notebooks pass no folder: the workspace comes from WORKSHOP_KIT_WORKSPACE."""
        monkeypatch.setenv("WORKSHOP_KIT_WORKSPACE", str(tmp_path))
        facilitator_copy(tmp_path, DEFAULT_DAY1.replace("minutes: 45", "minutes: 50"))
        assert load_day1().activity("ratings").minutes == 50


BAD_CONFIGS = {
    "missing field": (
        lambda t: re.sub(r"^title:.*\n", "", t, flags=re.M),
        "title",
        "is missing",
        "schema_version: 1",
    ),
    "wrong type": (
        lambda t: t.replace("weight: 1.5", "weight: heavy", 1),
        "criteria → 2nd entry → weight",
        "must be a number",
        "weight: heavy",
    ),
    "labels not matching the scale": (
        lambda t: t.replace(
            'labels: ["Not at all", "A little", "Mostly", "Completely"]', 'labels: ["No", "Yes"]'
        ),
        "rating_scale",
        "one label per point from 1 to 4",
        "minimum: 1",
    ),
    "duplicate criterion ids": (
        lambda t: t.replace("id: specific", "id: measurable"),
        "criteria",
        "uses the id ‘measurable’ for more than one criterion",
        "- id: school_wide",
    ),
    "unknown field": (
        lambda t: t.replace("low_consensus_spread: 1.0", "low_consensus_spred: 1.0"),
        "low_consensus_spred",
        "not a known field",
        "low_consensus_spred",
    ),
    "time box of zero minutes": (
        lambda t: t.replace("minutes: 5\n", "minutes: 0\n", 1),
        "activities → 1st entry → minutes",
        "must be at least 1",
        "minutes: 0",
    ),
}


class TestBadConfig:
    @pytest.mark.parametrize("case", list(BAD_CONFIGS), ids=list(BAD_CONFIGS))
    def test_the_message_names_file_line_and_field(self, tmp_path: Path, case: str) -> None:
        edit, field, plain, on_line = BAD_CONFIGS[case]
        text = edit(DEFAULT_DAY1)
        assert text != DEFAULT_DAY1
        error = refused(tmp_path, text)
        path = tmp_path / "config" / "day1.yaml"
        assert error.field == field
        assert error.message.startswith(f"{path}, line {line_number(text, on_line)}: ")
        assert f"‘{field}’" in error.message
        assert plain in error.message

    def test_broken_yaml_names_the_file_and_line(self, tmp_path: Path) -> None:
        text = DEFAULT_DAY1.replace("minimum: 1", "minimum: [1")
        error = refused(tmp_path, text)
        path = tmp_path / "config" / "day1.yaml"
        assert error.message.startswith(f"{path}, line ")
        line = int(error.message.removeprefix(f"{path}, line ").split(":")[0])
        assert abs(line - line_number(text, "minimum: [1")) <= 1
        assert "not readable YAML" in error.message

    def test_an_empty_file_is_refused(self, tmp_path: Path) -> None:
        error = refused(tmp_path, "")
        assert str(tmp_path / "config" / "day1.yaml") in error.message

    def test_a_bad_copy_is_not_remembered_after_it_is_fixed(self, tmp_path: Path) -> None:
        refused(tmp_path, DEFAULT_DAY1.replace("weight: 1.5", "weight: heavy", 1))
        facilitator_copy(tmp_path, DEFAULT_DAY1)
        assert load_day1(tmp_path).criterion("instructional").weight == 1.5

    def test_load_all_stops_at_a_bad_day(self, tmp_path: Path) -> None:
        facilitator_copy(tmp_path, DEFAULT_DAY1.replace("weight: 1.5", "weight: heavy", 1))
        with pytest.raises(ConfigError, match="weight"):
            load_all(tmp_path)


class TestYearConfig:
    def test_the_check_items_cover_focus_and_collective_efficacy(self) -> None:
        from workshop_kit.config.year import load_year

        config = load_year()
        groups = {i.group for i in config.check_items}
        ids = {i.id for i in config.check_items}
        assert {"focus", "discipline", "accountability"} <= ids
        assert {"goal_consensus", "knowledge_of_work", "cohesion", "supportive_leadership"} <= ids
        assert len(groups) == 2
        assert config.check_scale.points == (1, 2, 3, 4)
        assert config.activities[0].id == "workbook"

    def test_a_facilitator_copy_with_two_items_of_one_id_is_refused(self, tmp_path: Path) -> None:
        from workshop_kit.config.year import load_year

        text = (default_config_dir() / "year.yaml").read_text(encoding="utf-8")
        copy = text.replace("  - id: discipline\n", "  - id: focus\n", 1)
        assert copy != text
        path = tmp_path / "config" / "year.yaml"
        path.parent.mkdir(parents=True)
        path.write_text(copy, encoding="utf-8")
        with pytest.raises(ConfigError, match="focus"):
            load_year(tmp_path)
