"""Re-execute the committed notebooks in place, against a fresh copy of the demo team.

Run it after editing a notebook or anything it shows
(``.venv/bin/python scripts/execute_notebooks.py [NAME ...]``). Outputs are then deterministic,
so strict nbval can compare them. Widget state is not stored (it churns diffs and is rebuilt
from the team's files anyway).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def execute(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory(prefix="workshop-kit-exec-") as tmp:
        os.environ["WORKSHOP_KIT_WORKSPACE"] = str(Path(tmp) / "workspace")
        os.environ["MPLBACKEND"] = "Agg"
        os.environ.pop("WORKSHOP_KIT_TEAM", None)
        client = NotebookClient(
            nb,
            timeout=600,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
            store_widget_state=False,
            record_timing=False,  # timestamps would churn every diff
        )
        client.execute()
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    print(f"executed {path.relative_to(ROOT)}")


def main(names: list[str]) -> int:
    targets = [ROOT / "notebooks" / n for n in names] or sorted(
        (ROOT / "notebooks").glob("*.ipynb")
    )
    for path in targets:
        execute(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
