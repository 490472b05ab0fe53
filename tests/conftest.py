"""Shared fixtures: every test runs against its own fresh workspace with a copy of the demo team.
The isolation of the whole run (workspace, Jupyter and matplotlib folders) is in ../conftest.py."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from workshop_kit.session import Session

pytest_plugins = ["pytester"]


@pytest.fixture(scope="session")
def demo_workspace_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workspace, built and opened (tidied) once per session (per worker): each test
    gets a copy of this folder instead of building its own."""
    from workshop_kit.store import Workspace

    ws = Workspace(tmp_path_factory.mktemp("demo-template") / "workspace")
    ws.ensure_demo()
    return ws.root


@pytest.fixture
def workspace(tmp_path: Path, demo_workspace_template: Path) -> Iterator[object]:
    """A fresh workspace holding only the demo team (a copy of the session's template)."""
    from workshop_kit.store import Workspace

    root = tmp_path / "workspace"
    shutil.copytree(demo_workspace_template, root, symlinks=True)
    ws = Workspace(root)
    ws.ensure_demo()
    yield ws


@pytest.fixture
def session(workspace: object) -> Iterator[object]:
    """This kernel's session, on the demo team of a fresh workspace."""
    from workshop_kit.session import Session, reset_session
    from workshop_kit.store import Workspace

    assert isinstance(workspace, Workspace)
    s = Session(workspace, workspace.ensure_demo())
    reset_session(s)
    yield s
    reset_session(None)


# -- helpers the panel tests share (factories as fixtures, so every test module gets the same) --


#: libyaml's reader (PyYAML's own is ten times slower, and the panel tests read ~100 files)
FAST_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _saved(session: Session, name: str) -> dict[str, object]:
    data = yaml.load(session.team.file(name).read_text(encoding="utf-8"), FAST_SAFE_LOADER)
    assert isinstance(data, dict)
    return data


@pytest.fixture
def saved() -> Callable[[Session, str], dict[str, object]]:
    """``saved(session, "meetings.yaml")``: the team file as it is on disk."""
    return _saved


@pytest.fixture
def new_team() -> Callable[..., None]:
    """``new_team(session)``: create 'Lincoln ILT' through the picker, as a person would."""

    def make(session: Session, name: str = "Lincoln ILT") -> None:
        from workshop_kit.activities.team_picker import TeamPicker

        picker = TeamPicker(session)
        picker.new_name.value = name
        picker.create_button.click()
        assert session.team.slug == "lincoln-ilt", picker.name_message.text

    return make


@pytest.fixture
def restarted() -> Callable[[Session], Session]:
    """``restarted(session)``: a new kernel, with new workspace and session objects reading the
    same files."""

    def restart(session: Session) -> Session:
        from workshop_kit.store import Workspace

        ws = Workspace(session.workspace.root)
        return Session(ws, ws.open_team(session.team.slug))

    return restart


@pytest.fixture
def upload() -> Callable[[str, bytes | str], dict[str, object]]:
    """``upload(name, content)``: what a FileUpload holds after a person picked a file (set a
    widget's ``value`` to a tuple of these)."""

    def chosen(name: str, content: bytes | str) -> dict[str, object]:
        data = content.encode("utf-8") if isinstance(content, str) else content
        return {
            "name": name,
            "type": "",
            "size": len(data),
            "content": memoryview(data),
            "last_modified": dt.datetime(2026, 8, 1, tzinfo=dt.timezone.utc),
        }

    return chosen
