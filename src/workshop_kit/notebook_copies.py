"""The notebooks a team opens in JupyterLab: its own copies, in the workspace.

A team that runs a day notebook writes outputs into it, and JupyterLab saves it every few
minutes. Working in the kit's ``notebooks/`` would change the files strict nbval compares (and
that the next version of the kit replaces), so ``workshop-kit start`` opens copies in the
workspace's ``notebooks/`` folder instead. A copy the team never changed follows the kit's newer
version; a changed one is the team's and is never overwritten. Each copy names the kernel
installed with the kit as it is installed, so opening a notebook does not change it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workshop_kit import paths
from workshop_kit.store import atomic_write

#: the copies' folder inside the workspace (a name no team can take: store.RESERVED_SLUGS)
COPIES_DIR = "notebooks"
#: per notebook, the digests of the kit's version last copied and of the copy as written
MANIFEST = ".copied.json"
MANIFEST_SCHEMA_VERSION = 1


@dataclass(frozen=True)
class CopyReport:
    """What :func:`working_copies` did, notebook by notebook (file names)."""

    folder: Path
    copied: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    #: the team changed its copy and the kit's version changed too: the team's copy stays
    kept: tuple[str, ...] = ()


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def installed_kernel_name() -> str | None:
    """The display name of the python3 kernel installed with the kit (None: not found)."""
    spec = paths.kit_jupyter_data() / "kernels" / "python3" / "kernel.json"
    try:
        name = json.loads(spec.read_text(encoding="utf-8")).get("display_name")
    except (OSError, ValueError, AttributeError):
        return None
    return name if isinstance(name, str) and name else None


def as_copy(source: bytes, kernel_name: str | None) -> bytes:
    """The kit's notebook as the team's copy: the same cells and outputs, naming the installed
    kernel the way JupyterLab would write it on opening."""
    if kernel_name is None:
        return source
    notebook: dict[str, Any] = json.loads(source)
    spec = notebook.setdefault("metadata", {}).setdefault("kernelspec", {})
    if spec.get("display_name") == kernel_name:
        return source
    spec["display_name"] = kernel_name
    return (json.dumps(notebook, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def _read_manifest(path: Path) -> dict[str, dict[str, str]]:
    """The manifest's entries; an unreadable one counts as none, so no copy is replaced."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["notebooks"] if data.get("schema_version") == 1 else {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}
    if not isinstance(entries, dict):
        return {}
    return {
        str(name): {str(k): str(v) for k, v in entry.items()}
        for name, entry in entries.items()
        if isinstance(entry, dict)
    }


def working_copies(
    workspace_root: Path, source: Path | None = None, kernel_name: str | None = None
) -> CopyReport:
    """Bring the workspace's copies of the kit's notebooks up to date (see the module's text)."""
    source = source or paths.notebooks_dir()
    kernel_name = kernel_name or installed_kernel_name()
    folder = workspace_root / COPIES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    manifest = _read_manifest(folder / MANIFEST)
    copied: list[str] = []
    updated: list[str] = []
    kept: list[str] = []
    for original in sorted(source.glob("*.ipynb")):
        name = original.name
        kit = original.read_bytes()
        target = folder / name
        entry = manifest.get(name, {})
        try:
            current: bytes | None = target.read_bytes()
        except FileNotFoundError:
            current = None
        if current is not None and entry.get("source") == _digest(kit):
            continue  # the kit's version is the one copied last
        if current is not None and entry.get("written") != _digest(current):
            if entry.get("source") != _digest(kit):
                kept.append(name)  # the team's own work: never written over
            continue
        data = as_copy(kit, kernel_name)
        atomic_write(target, data)
        (updated if current is not None else copied).append(name)
        manifest[name] = {"source": _digest(kit), "written": _digest(data)}
    if copied or updated:
        text = json.dumps(
            {"schema_version": MANIFEST_SCHEMA_VERSION, "notebooks": manifest}, indent=2
        )
        atomic_write(folder / MANIFEST, (text + "\n").encode("utf-8"))
    return CopyReport(folder, tuple(copied), tuple(updated), tuple(kept))
