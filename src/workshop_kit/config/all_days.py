"""Every day's configuration at once (``workshop-kit config check``)."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from workshop_kit.config.day1 import load_day1
from workshop_kit.config.day2 import load_day2
from workshop_kit.config.day3 import load_day3
from workshop_kit.config.institute import load_institute
from workshop_kit.config.year import load_year


def load_all(workspace: Path | None = None) -> list[BaseModel]:
    """Load every day's configuration, raising :class:`ConfigError` at the first problem."""
    loaders = [load_day1, load_day2, load_day3, load_year, load_institute]
    return [load(workspace) for load in loaders]
