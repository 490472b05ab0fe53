"""A copy of the kit and its environment that the hub's team users can run, wherever the checkout
and its Python live (the hub test and ``benchmarks/bench_hub.py`` use it).

A checkout in a private folder (``mktemp -d`` is 0700) or a Python under ``/root`` cannot be run
by another Unix user. Building a new environment with pip took about 90 s per run; instead the
kit's own environment is copied with hard links (seconds, no extra disk) into a folder everyone
can read, on the system's Python of the same minor version, and its few absolute paths (the
interpreter, script headers, the editable install's path) are rewritten as new files, so the
originals are never touched. Hard links need the copy on the checkout's file system; a plain copy
is made otherwise.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import sys
import sysconfig
from pathlib import Path

#: what the team users run: a system Python (not in a private home)
SYSTEM_PYTHON = Path(f"/usr/bin/python{sys.version_info.major}.{sys.version_info.minor}")
#: the parts of the checkout the kit reads at run time (paths.project_root() and below)
KIT_PARTS = ("src", "data", "notebooks", "node_modules", "pyproject.toml")


def why_not() -> str | None:
    """Why no readable copy can be made here (a missing capability), or None."""
    if not os.access(SYSTEM_PYTHON, os.X_OK):
        return (
            f"{SYSTEM_PYTHON} (the same Python version as the kit's, outside any home) is missing"
        )
    if sys.prefix == sys.base_prefix:
        return "the kit does not run in a virtual environment (./kit setup makes one)"
    return None


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _copy_tree(source: Path, target: Path) -> None:
    shutil.copytree(source, target, symlinks=True, copy_function=_link_or_copy)


def _rewrite(path: Path, text: str) -> None:
    """Write ``text`` as a new file in ``path``'s place (a hard-linked original stays as it was)."""
    mode = stat.S_IMODE(path.lstat().st_mode)
    fresh = path.with_name(path.name + ".new")
    fresh.write_text(text, encoding="utf-8")
    os.chmod(fresh, mode)
    os.replace(fresh, path)


def readable_kit(root: Path, folder: Path) -> Path:
    """Copy the checkout's run-time parts and the kit's environment into ``folder`` (made
    readable by everyone) and return the copy's Python."""
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o755)
    kit, venv = folder / "kit", folder / "venv"
    kit.mkdir()
    for part in KIT_PARTS:
        source = root / part
        if source.is_dir():
            _copy_tree(source, kit / part)
        elif source.is_file():
            shutil.copy2(source, kit / part)
    old_venv = Path(sys.prefix)
    _copy_tree(old_venv, venv)
    # the interpreter: the system's, as a fresh virtual environment would have it
    bin_dir = venv / "bin"
    for name in ("python", "python3", f"python3.{sys.version_info.minor}"):
        (bin_dir / name).unlink(missing_ok=True)
        (bin_dir / name).symlink_to(SYSTEM_PYTHON)
    _rewrite(
        venv / "pyvenv.cfg",
        f"home = {SYSTEM_PYTHON.parent}\ninclude-system-site-packages = false\n"
        f"version = {sys.version_info.major}.{sys.version_info.minor}\n",
    )
    # script headers name the old environment's Python
    old_header = f"#!{old_venv}/bin/python".encode()
    for script in bin_dir.iterdir():
        if script.is_symlink() or not script.is_file():
            continue
        with script.open("rb") as handle:
            head = handle.read(len(old_header) + 16)
        if head.startswith(old_header):
            text = script.read_text(encoding="utf-8")
            _rewrite(script, text.replace(str(old_venv), str(venv), 1))
    # the editable install points at the checkout's src/: point it at the copy
    site = Path(sysconfig.get_paths(vars={"base": str(venv), "platbase": str(venv)})["purelib"])
    for pth in site.glob("__editable__*workshop_kit*.pth"):
        _rewrite(pth, str(kit / "src") + "\n")
    # every folder of the copy readable and traversable (files keep their own modes)
    for current, dirs, _files in os.walk(folder):
        for name in dirs:
            with contextlib.suppress(OSError):
                os.chmod(Path(current) / name, 0o755)
    return bin_dir / "python"
