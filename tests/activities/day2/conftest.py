"""Helpers the Day 2 panel tests share (as fixtures, so every test module gets the same)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from workshop_kit.session import Session

Resources = list[dict[str, object]]


@pytest.fixture
def saved_resources(
    saved: Callable[[Session, str], dict[str, object]],
) -> Callable[[Session], Resources]:
    """``saved_resources(session)``: the resources in ``resources.yaml`` as on disk (none when
    the team has not saved one yet)."""

    def read(session: Session) -> Resources:
        if not session.team.file("resources.yaml").exists():
            return []
        resources = saved(session, "resources.yaml")["resources"]
        assert isinstance(resources, list)
        return resources

    return read


@pytest.fixture
def by_name(
    saved_resources: Callable[[Session], Resources],
) -> Callable[[Session], dict[str, dict[str, object]]]:
    """``by_name(session)``: the saved resources by name."""
    return lambda session: {str(r["name"]): r for r in saved_resources(session)}


@pytest.fixture
def file_bytes() -> Callable[[Session], bytes | None]:
    """``file_bytes(session)``: ``resources.yaml`` byte for byte (None when there is none)."""

    def read(session: Session) -> bytes | None:
        path = session.team.file("resources.yaml")
        return path.read_bytes() if path.exists() else None

    return read


@pytest.fixture
def choose_file(
    upload: Callable[[str, bytes | str], dict[str, object]],
) -> Callable[[Any, str, bytes], None]:
    """``choose_file(panel, name, content)``: a person picks a file in the inventory's import."""

    def choose(panel: Any, name: str, content: bytes) -> None:
        panel.importer.upload.value = (upload(name, content),)

    return choose
