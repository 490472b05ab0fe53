"""Committed notebooks are executed (strict nbval compares nothing otherwise), carry no widget
state, use only cell tags we know, and keep code out of the team's way."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
KNOWN_TAGS = {
    "hide-input",
    "remove-cell",
    "nbval-ignore-output",
    "raises-exception",
    "nbval-skip",
    "skip-execution",
}


def test_notebooks_were_found() -> None:
    """The glob must find the day notebooks, or every test below would pass vacuously."""
    names = {p.name for p in NOTEBOOKS}
    assert "01_day1_worthy_goal.ipynb" in names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
class TestCommittedNotebook:
    def cells(self, path: Path) -> list[dict[str, object]]:
        return list(json.loads(path.read_text(encoding="utf-8"))["cells"])

    def test_every_code_cell_was_executed(self, path: Path) -> None:
        code = [c for c in self.cells(path) if c["cell_type"] == "code"]
        assert code, "a day notebook without code cells shows no activities"
        assert all(c["execution_count"] is not None for c in code)
        counts = [c["execution_count"] for c in code]
        assert counts == list(range(1, len(code) + 1)), "run top to bottom in one kernel"

    def test_no_widget_state_is_stored(self, path: Path) -> None:
        assert "widgets" not in json.loads(path.read_text(encoding="utf-8"))["metadata"]

    def test_only_known_tags(self, path: Path) -> None:
        for cell in self.cells(path):
            tags = set(cell.get("metadata", {}).get("tags", []))  # type: ignore[union-attr]
            assert tags <= KNOWN_TAGS, f"unknown tags {tags - KNOWN_TAGS}"

    def test_code_is_hidden_and_short(self, path: Path) -> None:
        """Teams see prose and panels; cells hold a few short calls and no logic."""
        for cell in self.cells(path):
            if cell["cell_type"] != "code":
                continue
            meta = cell["metadata"]
            assert isinstance(meta, dict)
            assert "hide-input" in meta.get("tags", []), cell["source"]
            assert meta.get("jupyter", {}).get("source_hidden") is True, cell["source"]
            source = "".join(cell["source"])  # type: ignore[arg-type]
            lines = [line for line in source.splitlines() if line.strip()]
            assert len(lines) <= 3, f"too much code in a cell: {source!r}"
            assert not any(
                line.lstrip().startswith(("for ", "if ", "def ", "class ", "while "))
                for line in lines
            ), f"logic belongs in the package: {source!r}"

    def test_no_errors_in_outputs(self, path: Path) -> None:
        for cell in self.cells(path):
            for output in cell.get("outputs", []):  # type: ignore[union-attr]
                assert output["output_type"] != "error", cell["source"]
                assert output.get("name") != "stderr", output.get("text")
