"""Dependency floors stay at or above the fixed release of every published advisory."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]

# the releases named in the advisories issue; the data file may only ever raise them
REQUIRED = {
    "jupyter-server": "2.21.0",
    "jupyterlab": "4.5.11",
    "nbconvert": "7.17.1",
    "voila": "0.5.6",
    "tornado": "6.5.9",  # issue 32: the advisories of 2025-2026 run up to 6.5.9
}


def checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "check_advisories", ROOT / "scripts" / "check_advisories.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


class TestFloors:
    def test_every_required_floor_is_declared_and_high_enough(self) -> None:
        floors = checker().declared_floors()
        for name, fixed in REQUIRED.items():
            assert floors.get(name) is not None, f"{name} has no floor"
            assert floors[name] >= Version(fixed), f"{name} allows {floors[name]} < {fixed}"

    def test_the_advisory_list_covers_the_required_releases(self) -> None:
        listed = {
            checker().canonical(str(a["package"])): Version(str(a["fixed_in"]))
            for a in checker().advisories()
        }
        for name, fixed in REQUIRED.items():
            assert listed[name] >= Version(fixed)
        assert listed["jupyterhub"] >= Version("5.4.6")

    def test_the_check_passes_on_this_project(self) -> None:
        assert checker().problems() == []

    def test_a_lowered_floor_is_caught(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The check reads the real file: a copy with voila>=0.5 and no nbconvert floor fails."""
        module = checker()
        text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
        lowered = text.replace('"voila>=0.5.6"', '"voila>=0.5"').replace(
            '"nbconvert>=7.17.1"', '"nbconvert"'
        )
        assert lowered != text
        (tmp_path / "pyproject.toml").write_text(lowered, encoding="utf-8")
        monkeypatch.setattr(module, "ROOT", tmp_path)
        found = module.problems()
        assert any(p.startswith("pyproject.toml: voila allows 0.5;") for p in found)
        assert any(p.startswith("pyproject.toml: nbconvert allows any version;") for p in found)
