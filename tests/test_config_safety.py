"""A facilitator's config, however it is broken, is refused with the file, line and field:
never a raw exception. The fuzz test feeds 2,100 generated configs to the loaders."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop_kit import paths
from workshop_kit.config import default_config_dir
from workshop_kit.config.day1 import load_day1
from workshop_kit.config.day2 import load_day2
from workshop_kit.config.day3 import load_day3
from workshop_kit.config.year import load_year
from workshop_kit.errors import ConfigError

LOADERS: dict[str, Callable[[Path], object]] = {
    "day1.yaml": load_day1,
    "day2.yaml": load_day2,
    "day3.yaml": load_day3,
    "year.yaml": load_year,
}
DAY3 = (default_config_dir() / "day3.yaml").read_text(encoding="utf-8")


def line_of(text: str, start: str) -> int:
    """The number of the one line of the default day3.yaml that begins (after its indent) with
    ``start``: the line a message about that field must name."""
    found = [n for n, line in enumerate(text.splitlines(), 1) if line.strip().startswith(start)]
    assert len(found) == 1, found
    return found[0]


def write(workspace: Path, name: str, data: bytes | str) -> Path:
    path = workspace / "config" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    assert paths.workspace_dir(tmp_path) == tmp_path.resolve()
    return tmp_path


def refused(workspace: Path, text: bytes | str, name: str = "day3.yaml") -> ConfigError:
    write(workspace, name, text)
    with pytest.raises(ConfigError) as caught:
        LOADERS[name](workspace)
    assert "Traceback" not in caught.value.message
    assert name in caught.value.message, "the message names the file"
    return caught.value


class TestNamedProblems:
    @pytest.mark.parametrize("zone", ["Europe", "America", "A" * 300, "../../etc/passwd", ""])
    def test_a_time_zone_that_is_no_zone_names_the_field(self, workspace: Path, zone: str) -> None:
        error = refused(
            workspace, DAY3.replace("time_zone: America/Chicago", f"time_zone: '{zone}'")
        )
        line = line_of(DAY3, "time_zone:")
        assert "time_zone" in error.message and f"line {line}" in error.message

    def test_an_impossible_date_names_the_field_and_line(self, workspace: Path) -> None:
        error = refused(workspace, DAY3.replace("first_day: 2026-08-26", "first_day: 2026-02-30"))
        line = line_of(DAY3, "first_day:")
        assert "first_day" in error.message and f"line {line}" in error.message

    def test_a_file_saved_as_windows_1252_names_the_line(self, workspace: Path) -> None:
        text = DAY3.replace("title: ", "title: Día ", 1)
        error = refused(workspace, text.encode("cp1252"))
        assert "UTF-8" in error.message and re.search(r"line \d+", error.message)

    def test_a_leading_zero_is_not_octal(self, workspace: Path) -> None:
        write(workspace, "day3.yaml", DAY3.replace("minutes: 10\n", "minutes: 010\n", 1))
        config = load_day3(workspace)
        assert [i.minutes for i in config.agenda_template.items][:2] == [5, 10]

    def test_a_rewrite_that_keeps_the_old_modification_time_is_read_again(
        self, workspace: Path
    ) -> None:
        path = write(workspace, "day3.yaml", DAY3)
        before = os.stat(path)
        assert load_day3(workspace).time_zone == "America/Chicago"
        path.write_text(DAY3.replace("America/Chicago", "America/Denver"), encoding="utf-8")
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert load_day3(workspace).time_zone == "America/Denver"


# -- fuzz: mutate the default configs and check the loaders raise nothing but ConfigError ------

SCALAR = re.compile(r"^(\s*-?\s*[\w]+: )(.+)$", re.MULTILINE)
#: values a person or a stray keystroke puts after a field's colon: YAML's surprises, dates that
#: are no dates, zones that are folders or too long for the operating system, tags and anchors
AWKWARD = [
    "010",
    "0x1F",
    "1e400",
    "-0",
    "null",
    "~",
    "[]",
    "{}",
    "yes",
    "2026-02-30",
    "2026-13-01",
    "Europe",
    "'" + "A" * 300 + "'",
    "!!python/object:os.system",
    "&a",
    "*a",
    "|",
    ">-",
    "9999-12-31",
    "'",
    '"',
    ":",
    "- x",
    "\t",
    "@x",
    "`x`",
    "%YAML 1.2",
]
values = st.one_of(
    st.text(max_size=30), st.integers(-(10**6), 10**6).map(str), st.sampled_from(AWKWARD)
)


def loads_or_is_named(name: str, data: bytes, outcomes: dict[str, int]) -> None:
    """Load ``data`` as the config file ``name``: it loads, or it is refused with a ConfigError
    naming the file; any other exception fails the test."""
    with tempfile.TemporaryDirectory() as folder:
        workspace = Path(folder)
        write(workspace, name, data)
        try:
            LOADERS[name](workspace)
        except ConfigError as exc:
            outcomes["refused"] += 1
            assert name in exc.message and "Traceback" not in exc.message
        else:
            outcomes["valid"] += 1


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_every_field_given_every_awkward_value_loads_or_is_named(name: str) -> None:
    """The systematic half of the fuzzing: each field of the default file (its first place)
    with each awkward value. Random draws rarely land on one field and one value at once (the
    2,100-example fuzz alone never set time_zone to ‘Europe’); this sweep always does."""
    text = (default_config_dir() / name).read_text(encoding="utf-8")
    firsts: dict[str, re.Match[str]] = {}
    for spot in SCALAR.finditer(text):
        firsts.setdefault(spot.group(1).strip(" -:"), spot)
    outcomes = {"valid": 0, "refused": 0}
    for spot in firsts.values():
        for value in AWKWARD:
            changed = text[: spot.start(2)] + value + text[spot.end(2) :]
            loads_or_is_named(name, changed.encode("utf-8"), outcomes)
    assert sum(outcomes.values()) == len(firsts) * len(AWKWARD) and len(firsts) >= 10
    assert outcomes["valid"] > 0 and outcomes["refused"] > 0, outcomes


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(LOADERS)))
    text = (default_config_dir() / name).read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 4))):
        how = draw(st.sampled_from(["value", "drop_line", "insert", "truncate", "indent"]))
        lines = text.split("\n")
        at = draw(st.integers(0, len(lines) - 1))
        spots = list(SCALAR.finditer(text))
        if how == "value" and spots:
            spot = spots[draw(st.integers(0, len(spots) - 1))]
            text = text[: spot.start(2)] + draw(values) + text[spot.end(2) :]
        elif how == "drop_line":
            text = "\n".join(lines[:at] + lines[at + 1 :])
        elif how == "insert":
            text = "\n".join([*lines[:at], draw(st.text(max_size=40)), *lines[at:]])
        elif how == "truncate":
            text = text[: draw(st.integers(0, len(text)))]
        else:
            text = "\n".join([*lines[:at], " " + lines[at], *lines[at + 1 :]])
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "cp1252", "utf-16"]))
    return name, text.encode(encoding, errors="replace")


def test_fuzzed_configs_raise_only_the_kits_own_error() -> None:
    """Generated configs (values replaced, lines dropped, inserted, indented, files cut short,
    other encodings): each loads or is refused with a ConfigError naming its file. Both outcomes
    occur, so the generator is neither trivial nor always broken. Three times the profile's
    examples: 300 in the suite, 3,000 with ``HYPOTHESIS_PROFILE=thorough`` (conftest.py)."""
    outcomes = {"valid": 0, "refused": 0}
    examples = 3 * settings.default.max_examples

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(mutated())
    def load(case: tuple[str, bytes]) -> None:
        loads_or_is_named(*case, outcomes)

    load()
    assert outcomes["valid"] + outcomes["refused"] >= 0.95 * examples, outcomes
    assert outcomes["valid"] > 0 and outcomes["refused"] > 0, outcomes
    print(f"fuzzed configs: {outcomes}")
