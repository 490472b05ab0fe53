"""Facilitator-editable activity configuration, read from YAML and validated.

Defaults live in ``data/config/<day>.yaml``. A facilitator customises an institute by copying a file
to ``<workspace>/config/<day>.yaml`` (``workshop-kit config init`` does it) and editing prompts,
criteria, weights or time boxes there; no Python is involved. A file that does not validate stops
with a message naming the file, line and field.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from workshop_kit import paths
from workshop_kit.config.common import DayPlan
from workshop_kit.errors import ConfigError
from workshop_kit.validation import YamlProblem, problem_at, validate_yaml

C = TypeVar("C", bound=BaseModel)

CONFIG_FILES = ("day1.yaml", "day2.yaml", "day3.yaml", "year.yaml", "institute.yaml")

_cache: dict[tuple[str, str, str], BaseModel] = {}


def default_config_dir() -> Path:
    return paths.data_dir() / "config"


def config_path(file_name: str, workspace: Path | None = None) -> Path:
    """The facilitator's copy in the workspace if there is one, else the built-in default."""
    override = paths.workspace_dir(workspace) / "config" / file_name
    return override if override.is_file() else default_config_dir() / file_name


def load_config(model: type[C], file_name: str, workspace: Path | None = None) -> C:
    """The validated config. Cached by content, so a file rewritten with its old modification
    time is still read again."""
    path = config_path(file_name, workspace)
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{source}: this file cannot be read ({exc.strerror}).") from None
    key = (model.__qualname__, source, hashlib.sha256(raw).hexdigest())
    cached = _cache.get(key)
    if cached is not None:
        return cached  # type: ignore[return-value]
    try:
        text = _text(raw, source)
        config = validate_yaml(model, text, source=source)
        problems = config.notebook_problems() if isinstance(config, DayPlan) else []
        if problems:
            loc, problem = problems[0]
            raise problem_at(source, text, loc, problem)
    except YamlProblem as exc:
        raise ConfigError(exc.message, field=exc.field) from None
    _cache[key] = config
    return config


def _text(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem(
            f"{source}, line {line}: this file is not saved as UTF-8 text (a character there "
            "cannot be read). Save it as UTF-8, the choice most editors offer under "
            "‘Save as… / Encoding’.",
            line=line,
        ) from None
