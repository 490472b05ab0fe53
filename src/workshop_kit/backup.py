"""Backups and hand-backs that hold the teams' work and nothing else (issue 27).

Why this module exists: the backup the docs used to show (``tar -czf`` of the workspace and the
hub folder) made an archive anyone on the server could read, holding every password in plain
text, the hub's cookie secret and the kernels' connection keys; the hand-back zips lay in
``/tmp`` for anyone to read. Here:

* **What goes in is decided by an allow-list**, not a deny-list: only the kinds of file the kit
  writes for a team are taken (:func:`team_work`): its YAML documents and CSV tables at the top
  of its folder, their numbered earlier versions in ``.history/<file>/``, the files made from
  them in ``exports/`` (Markdown, HTML, CSV, XLSX, PNG, SVG, ICS), and the facilitator's YAML in
  ``config/``. Everything else is left out and named: the hub folder, kernel connection files,
  ``runtime/`` folders, ``.ipynb_checkpoints``, the join codes, locks, temporary files, links
  (never followed), sockets and devices. A name that looks like a secret (``accounts.csv``,
  ``*password*``, ``*secret*``, ``*token*``, ``kernel-*``) is left out even in an allowed kind.
* **Private from the first byte**: each archive is created with mode 0600 by ``os.open`` (no
  chmod afterwards) in a folder made 0700, under a temporary name, and renamed into place only
  when complete, so a failure leaves no partial archive.
* **A restore changes nothing unless everything is right**: a damaged archive, one that is not a
  workshop backup, one holding an unsafe path (absolute, ``..``, links, devices) or a file no
  backup holds, and a team folder that exists already are refused before any team folder is
  touched. Files are unpacked into a hidden folder inside the workspace, checked by the store,
  and only then moved into place; ``replace`` moves an existing folder aside, never deletes it.

This module touches files only through the standard library (tarfile, zipfile) and the store's
names; it imports no widget or page code.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import re
import secrets
import shutil
import stat
import tarfile
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from workshop_kit.errors import RefusedError, TeamNotFoundError, WorkshopError
from workshop_kit.store import (
    DEMO_SLUG,
    EXPORTS_DIR,
    HISTORY_DIR,
    RESERVED_SLUGS,
    TeamWorkbook,
    Workspace,
    fsync_folder,
    plain_os_error,
    team_slug,
)

#: what the manifest's ``format`` says: an archive without it is not a workshop backup
FORMAT = "workshop-kit backup"
SCHEMA_VERSION = 1
MANIFEST = "manifest.json"
TEAMS_DIR = "teams"
CONFIG_DIR = "config"
#: the team file every team folder has (``model.team.Team.FILE_NAME``); a folder without it is
#: not a team's (a hub folder placed inside the workspace, ``lost+found``) and is left out
TEAM_FILE = "team.yaml"
#: one file the kit writes is far smaller (a team file is at most 5 MB); larger ones are left out
MAX_MEMBER_BYTES = 50_000_000
#: an archive that unpacks to more than this is refused (a district's year is well under 1 GB)
MAX_TOTAL_BYTES = 4_000_000_000
MAX_MEMBERS = 500_000
MAX_MANIFEST_BYTES = 10_000_000

_NAME = r"[^\W_][\w.-]*"  # a plain file name: no leading dot, no path, no spaces
_TOP_FILE = re.compile(rf"^{_NAME}\.(yaml|csv)$")
_HISTORY_FOLDER = re.compile(r"^[^\W_][\w-]*$")
_HISTORY_FILE = re.compile(r"^\d{1,9}\.(yaml|csv)$")
_EXPORT_FILE = re.compile(rf"^{_NAME}\.(md|html|csv|xlsx|png|svg|ics)$")
_CONFIG_FILE = re.compile(rf"^{_NAME}\.yaml$")
#: names left out even when their kind is allowed: they look like accounts, keys or secrets
#: (checked without the team's folder name in front, so "Token Creek ILT" keeps its exports)
_SECRET_NAME = re.compile(
    r"^accounts?[._-]|passw|secret|token|credential|cookie|\.key$|\.pem$|^kernel-"
    r"|^id_(rsa|dsa|ecdsa|ed25519)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class WorkFile:
    """One file of team work: its name inside the team folder (``.history/goal/000003.yaml``)
    and where it is on disk."""

    name: str
    path: Path


@dataclass
class Collected:
    """What :func:`team_work` found: the files to take and the names of what it left out."""

    files: list[WorkFile] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)


def allowed_in_team(name: str, slug: str = "") -> bool:
    """Whether ``name`` (a path inside the folder of team ``slug``, ``/``-separated) is a kind of
    file the kit writes for a team: the allow-list every backup, hand-back and restore goes by.
    Exports start with the team's folder name, which is not taken for a sign of a secret."""
    parts = name.split("/")
    if _SECRET_NAME.search(parts[-1].removeprefix(f"{slug}-") if slug else parts[-1]):
        return False
    if len(parts) == 1:
        return bool(_TOP_FILE.match(parts[0]))
    if len(parts) == 2 and parts[0] == EXPORTS_DIR:
        return bool(_EXPORT_FILE.match(parts[1]))
    if len(parts) == 3 and parts[0] == HISTORY_DIR:
        return bool(_HISTORY_FOLDER.match(parts[1]) and _HISTORY_FILE.match(parts[2]))
    return False


def allowed_in_config(name: str) -> bool:
    """Whether ``name`` is a facilitator configuration file (a YAML file in ``config/``)."""
    return bool(_CONFIG_FILE.match(name)) and not _SECRET_NAME.search(name)


def team_work(folder: Path, shown: str) -> Collected:
    """The team work in ``folder``, walked without following any link: plain files of the
    allowed kinds (:func:`allowed_in_team`) in the folders the kit writes them to. ``shown``
    prefixes the left-out names (the team's folder name)."""
    found = Collected()

    def walk(here: Path, prefix: str, depth: int) -> None:
        try:
            entries = sorted(os.scandir(here), key=lambda e: e.name)
        except OSError:
            found.left_out.append(f"{shown}/{prefix}".rstrip("/") + " (cannot be read)")
            return
        for entry in entries:
            name = f"{prefix}{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                wanted = (depth == 0 and entry.name in (HISTORY_DIR, EXPORTS_DIR)) or (
                    depth == 1 and prefix == f"{HISTORY_DIR}/"
                )
                if wanted:
                    walk(Path(entry.path), f"{name}/", depth + 1)
                else:
                    found.left_out.append(f"{shown}/{name}/")
            elif entry.is_file(follow_symlinks=False) and allowed_in_team(name, shown):
                found.files.append(WorkFile(name, Path(entry.path)))
            elif entry.name not in (".lock",) and not entry.name.endswith(".tmp"):
                found.left_out.append(f"{shown}/{name}")  # the kit's own lock and temp files

    walk(folder, "", 0)
    return found


def config_work(folder: Path) -> Collected:
    """The facilitator's configuration files in the workspace's ``config/`` folder."""
    found = Collected()
    if not folder.is_dir() or folder.is_symlink():
        return found
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if entry.is_file(follow_symlinks=False) and allowed_in_config(entry.name):
            found.files.append(WorkFile(entry.name, Path(entry.path)))
        else:
            found.left_out.append(f"{CONFIG_DIR}/{entry.name}")
    return found


def is_team_folder(folder: Path) -> bool:
    """A folder of the workspace that holds a team's work (it has its team file)."""
    with contextlib.suppress(OSError):
        return stat.S_ISREG(os.lstat(folder / TEAM_FILE).st_mode)
    return False


def _read_plain(path: Path) -> tuple[bytes, float] | None:
    """The bytes and time of a plain file, never following a link or blocking on a pipe; None
    when it has gone, is no longer a plain file, or is larger than :data:`MAX_MEMBER_BYTES`."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_MEMBER_BYTES:
            return None
        data = handle.read(MAX_MEMBER_BYTES + 1)
    return (data, info.st_mtime) if len(data) <= MAX_MEMBER_BYTES else None


# -- private files ---------------------------------------------------------------------------


def private_folder(folder: Path, workspace: Path) -> list[str]:
    """Make ``folder`` (mode 0700) if it is not there; refuse one inside the workspace (teams and
    their pages could read it). Gives notes for the person: a folder others can read."""
    folder = folder.expanduser()
    if folder.resolve().is_relative_to(workspace.resolve()):
        raise RefusedError(
            f"{folder} is inside the workspace, where the teams' servers could read it. Choose a "
            "folder outside the workspace."
        )
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise WorkshopError(f"Could not make the folder {folder}: {plain_os_error(exc)}.") from None
    if not folder.is_dir():
        raise RefusedError(f"{folder} is a file, not a folder. Name a folder.")
    mode = stat.S_IMODE(folder.stat().st_mode)
    if mode & 0o077:
        return [
            f"Note: others on this computer can open the folder {folder} (mode {mode:04o}); the "
            "archives in it are readable by you only (0600), but `chmod 700` on the folder keeps "
            "even their names private."
        ]
    return []


@contextlib.contextmanager
def _private_file(final: Path, overwrite: bool) -> Iterator[tuple[IO[bytes], list[Path]]]:
    """A file readable by its owner only (0600 from its first byte: ``os.open``, no chmod),
    written under a temporary name beside ``final`` and moved there only when the block ends
    without an error; otherwise nothing is left behind. Without ``overwrite`` an existing
    ``final`` is kept and the file gets the next free name (``-2``, ``-3``); the name used is
    put in the yielded list."""
    tmp = final.with_name(f".{final.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    placed: list[Path] = []
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle, placed
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(tmp, final)
            placed.append(final)
        else:
            placed.append(_link_free_name(tmp, final))
            tmp.unlink()
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_folder(final.parent)


def _link_free_name(tmp: Path, final: Path) -> Path:
    """Give ``tmp`` the name ``final`` or, when that is taken, the next free ``-n`` name; a hard
    link never replaces an existing file, so two backups in one minute keep both."""
    stem = final.name.removesuffix(".tar.gz")
    suffix = final.name[len(stem) :]
    for n in range(1, 1000):
        target = final if n == 1 else final.with_name(f"{stem}-{n}{suffix}")
        try:
            os.link(tmp, target)
        except FileExistsError:
            continue
        return target
    raise WorkshopError(f"Too many archives named {final.name}* in {final.parent}.")


# -- backup ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TeamCount:
    folder: str
    name: str
    files: int


@dataclass
class BackupResult:
    path: Path
    teams: list[TeamCount]
    config_files: int
    left_out: list[str]
    notes: list[str]

    @property
    def files(self) -> int:
        return sum(t.files for t in self.teams) + self.config_files


def kit_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("workshop-kit")
    except PackageNotFoundError:
        return "unknown"


def backup_name(now: dt.datetime) -> str:
    """``workshop-backup-YYYY-MM-DD-HHMM.tar.gz`` in UTC: the same name on every server and in
    every season (no daylight-saving hour named twice)."""
    return f"workshop-backup-{now.astimezone(dt.timezone.utc):%Y-%m-%d-%H%M}.tar.gz"


def _tar_member(name: str, size: int, mtime: float) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode, info.type = size, int(mtime), 0o600, tarfile.REGTYPE
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def write_backup(
    workspace: Workspace, folder: Path, now: dt.datetime | None = None
) -> BackupResult:
    """Write one archive of every team folder (with its history) and ``config/`` into
    ``folder``; the manifest (format, schema version, time, kit version, teams and their file
    counts) goes last, so its counts are those of the files actually written."""
    now = now or dt.datetime.now(dt.timezone.utc)
    notes = private_folder(folder, workspace.root)
    target = folder.expanduser() / backup_name(now)
    teams: list[TeamCount] = []
    left_out: list[str] = []
    root = workspace.root
    slugs = workspace.team_slugs()
    if root.is_dir():
        for entry in sorted(os.scandir(root), key=lambda e: e.name):
            if entry.name in (CONFIG_DIR, *slugs):
                continue
            left_out.append(entry.name + ("/" if entry.is_dir(follow_symlinks=False) else ""))
    try:
        with (
            _private_file(target, overwrite=False) as (handle, placed),
            tarfile.open(fileobj=handle, mode="w:gz", format=tarfile.PAX_FORMAT) as tar,
        ):
            for slug in slugs:
                if not is_team_folder(root / slug):
                    left_out.append(f"{slug}/ (no {TEAM_FILE}: not a team's folder)")
                    continue
                found = team_work(root / slug, slug)
                left_out += found.left_out
                count = _add_files(tar, f"{TEAMS_DIR}/{slug}", found.files)
                name = TeamWorkbook(workspace, slug).display_name
                teams.append(TeamCount(slug, name, count))
            config = config_work(root / CONFIG_DIR)
            left_out += config.left_out
            config_count = _add_files(tar, CONFIG_DIR, config.files)
            manifest = {
                "format": FORMAT,
                "schema_version": SCHEMA_VERSION,
                "created": now.astimezone(dt.timezone.utc).isoformat(timespec="seconds"),
                "kit_version": kit_version(),
                "teams": [{"folder": t.folder, "name": t.name, "files": t.files} for t in teams],
                "config_files": config_count,
            }
            data = json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8")
            tar.addfile(_tar_member(MANIFEST, len(data), now.timestamp()), io.BytesIO(data))
    except OSError as exc:
        raise WorkshopError(
            f"Could not write the backup into {folder}: {plain_os_error(exc)}. No archive was "
            "left there."
        ) from None
    return BackupResult(placed[0], teams, config_count, left_out, notes)


def _add_files(tar: tarfile.TarFile, prefix: str, files: list[WorkFile]) -> int:
    """Add each file whole (read once, so a save in the meantime gives the old or the new file,
    never half of each); a file that went away or became something else is skipped."""
    count = 0
    for work in files:
        read = _read_plain(work.path)
        if read is None:
            continue
        data, mtime = read
        tar.addfile(_tar_member(f"{prefix}/{work.name}", len(data), mtime), io.BytesIO(data))
        count += 1
    return count


# -- restore ---------------------------------------------------------------------------------


@dataclass
class RestoreResult:
    teams: list[TeamCount]
    config_files: int
    moved_aside: list[Path]
    kept: list[str]
    problems: list[str]

    @property
    def files(self) -> int:
        return sum(t.files for t in self.teams) + self.config_files


def _refused(archive: Path, why: str) -> RefusedError:
    return RefusedError(f"{archive.name} was not restored: {why} Nothing was changed.")


def _member_problem(member: tarfile.TarInfo, dest: Path) -> str | None:
    """Why ``member`` may not be unpacked (None: it may)."""
    name = member.name
    parts = name.split("/")
    shown = name[:120]
    if (
        not name
        or name.startswith("/")
        or "\\" in name
        or "\x00" in name
        or any(p in ("", ".", "..") for p in parts)
        or PurePosixPath(name).is_absolute()
    ):
        return f"it holds ‘{shown}’, a path that points outside the folder it is unpacked into."
    if member.issym() or member.islnk():
        return f"it holds ‘{shown}’, a link; a backup holds plain files only."
    if member.isdir():
        return None
    if not member.isreg():
        return f"it holds ‘{shown}’, a device or pipe; a backup holds plain files only."
    data_filter = getattr(tarfile, "data_filter", None)  # Python 3.12, and 3.11.4 onwards
    if data_filter is not None:
        try:
            data_filter(member, str(dest))
        except tarfile.FilterError:
            return f"it holds ‘{shown}’, which is not safe to unpack."
    if member.size > MAX_MEMBER_BYTES:
        return f"‘{shown}’ in it is {member.size / 1e6:.0f} MB, larger than any file of the kit."
    if name == MANIFEST:
        return None
    if parts[0] == TEAMS_DIR and len(parts) >= 3:
        slug = parts[1]
        try:
            safe = team_slug(slug) == slug
        except WorkshopError:
            safe = False
        if safe and allowed_in_team("/".join(parts[2:]), slug):
            return None
    if parts[0] == CONFIG_DIR and len(parts) == 2 and allowed_in_config(parts[1]):
        return None
    return f"it holds ‘{shown}’, which is not a file a workshop backup holds."


def _manifest(raw: bytes, archive: Path) -> dict[str, Any]:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _refused(archive, f"its {MANIFEST} is damaged.") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _refused(archive, "it is not a workshop backup (its manifest says otherwise).")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _refused(archive, "its manifest has no valid schema_version.")
    if version > SCHEMA_VERSION:
        raise _refused(
            archive,
            f"it was made by a newer workshop-kit (backup format {version}; this one reads "
            f"format {SCHEMA_VERSION}). Update workshop-kit.",
        )
    teams = data.get("teams")
    if not isinstance(teams, list) or not all(
        isinstance(t, dict)
        and isinstance(t.get("folder"), str)
        and isinstance(t.get("files"), int)
        and isinstance(t.get("name", ""), str)
        for t in teams
    ):
        raise _refused(archive, "its manifest does not list the teams.")
    if not isinstance(data.get("config_files", 0), int):
        raise _refused(archive, "its manifest does not count the configuration files.")
    return data


def _unpack(archive: Path, staging: Path) -> dict[str, Any]:
    """Unpack every member into ``staging`` after checking it, in one pass (what is checked is
    what is written), and give the manifest. The gzip stream is read to its end, so its
    checksum is verified too. Raises :class:`RefusedError` at the first problem."""
    total = 0
    manifest: bytes | None = None
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for count, member in enumerate(tar, start=1):
                problem = _member_problem(member, staging)
                if problem is not None:
                    raise _refused(archive, problem)
                if count > MAX_MEMBERS:
                    raise _refused(archive, "it holds more files than any workshop's.")
                total += member.size
                if total > MAX_TOTAL_BYTES:
                    raise _refused(archive, "it unpacks to more than a workshop's work could be.")
                if member.isdir():
                    continue
                source = tar.extractfile(member)
                if source is None:  # pragma: no cover - a regular member always has its data
                    raise _refused(archive, f"‘{member.name}’ in it cannot be read.")
                data = source.read()
                if member.name == MANIFEST:
                    if len(data) > MAX_MANIFEST_BYTES:
                        raise _refused(archive, "its manifest is too large.")
                    manifest = data
                    continue
                target = staging / member.name
                target.parent.mkdir(parents=True, exist_ok=True)
                flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
                fd = os.open(target, flags, 0o666)  # as a new team file: what the umask allows
                with os.fdopen(fd, "wb") as out:
                    out.write(data)
                os.utime(target, (member.mtime, member.mtime))
            if tar.fileobj is not None:  # the rest of the gzip stream: its checksum is at the end
                for _ in range(64):
                    if not tar.fileobj.read(1 << 16):
                        break
                else:
                    raise _refused(archive, "it holds more after its end than a backup does.")
    except FileNotFoundError:
        raise RefusedError(f"There is no file {archive}. Nothing was changed.") from None
    except FileExistsError:
        raise _refused(archive, "it holds the same file twice.") from None
    except IsADirectoryError:
        raise RefusedError(f"{archive} is a folder; name the backup archive itself.") from None
    except (tarfile.TarError, EOFError, OSError, ValueError) as exc:
        # tarfile.ReadError, gzip.BadGzipFile (an OSError), zlib.error, a truncated stream
        if isinstance(exc, PermissionError):
            raise RefusedError(f"Could not read {archive}: permission denied.") from None
        raise _refused(
            archive, "it is damaged or not a backup of workshop-kit (it cannot be unpacked)."
        ) from None
    if manifest is None:
        raise _refused(archive, f"it is not a workshop backup (it has no {MANIFEST}).")
    return _manifest(manifest, archive)


def _counted(staging: Path, sub: str) -> dict[str, int]:
    """The files unpacked per team folder (or ``config``)."""
    folder = staging / sub
    if not folder.is_dir():
        return {}
    return {
        entry.name: sum(len(files) for _, _, files in os.walk(entry.path))
        for entry in os.scandir(folder)
        if entry.is_dir(follow_symlinks=False)
    }


def _aside(path: Path, stamp: str) -> Path:
    """A free hidden name beside ``path`` for the folder a restore replaces (never listed as a
    team: its name starts with a dot)."""
    n = 1
    while True:
        aside = path.with_name(f".{path.name}.before-restore-{stamp}" + (f"-{n}" if n > 1 else ""))
        if not os.path.lexists(aside):
            return aside
        n += 1


def _same_files(a: Path, b: Path) -> bool:
    """Whether folders ``a`` and ``b`` hold the same files with the same bytes (no links)."""
    names = [
        sorted(str(Path(d, f).relative_to(top)) for d, _, files in os.walk(top) for f in files)
        for top in (a, b)
    ]
    if names[0] != names[1]:
        return False
    return all((a / n).read_bytes() == (b / n).read_bytes() for n in names[0])


def restore_backup(workspace: Workspace, archive: Path, replace: bool = False) -> RestoreResult:
    """Bring the team folders and ``config/`` of ``archive`` back into ``workspace``.

    Refused (:class:`RefusedError`, nothing changed) when the archive is damaged, not a
    workshop backup, holds anything unsafe or unexpected, or names a team folder (or a
    different ``config/``) the workspace already has; with ``replace`` the existing folder is
    moved aside (``.<folder>.before-restore-<time>``) instead. An existing demo team is kept
    unless ``replace``: every workspace has one. Each restored team's documents are checked
    by the store; what does not validate is reported, not refused (the backup is faithful).
    """
    archive = archive.expanduser()
    if not archive.is_file():
        what = "a folder" if archive.is_dir() else "not there"
        raise RefusedError(f"{archive} is {what}; name the backup archive. Nothing was changed.")
    root = workspace.root
    made = [f for f in [root, *root.parents] if not f.exists()]  # the folders made here
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=root))
    try:
        manifest = _unpack(archive, staging)
        result = _place(workspace, archive, staging, manifest, replace)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        for folder in made:  # innermost first; only while still empty
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    shutil.rmtree(staging, ignore_errors=True)
    return result


def _place(
    workspace: Workspace,
    archive: Path,
    staging: Path,
    manifest: dict[str, Any],
    replace: bool,
) -> RestoreResult:
    """Check what was unpacked against the manifest and the workspace, then move it in."""
    from workshop_kit.model import document_kinds

    root = workspace.root
    counted = _counted(staging, TEAMS_DIR)
    listed = {t["folder"]: t for t in manifest["teams"]}
    if counted != {slug: t["files"] for slug, t in listed.items() if t["files"]}:
        raise _refused(archive, "its files do not match its manifest (the archive is damaged).")
    config_dir = staging / CONFIG_DIR
    config_count = len(list(config_dir.iterdir())) if config_dir.is_dir() else 0
    if config_count != manifest.get("config_files", 0):
        raise _refused(archive, "its files do not match its manifest (the archive is damaged).")
    staged = Workspace(staging / TEAMS_DIR)
    problems: list[str] = []
    for slug in sorted(counted):
        problems += TeamWorkbook(staged, slug).check(document_kinds())

    moves: list[tuple[Path, Path]] = []  # (from, to), in the workspace: each folder moved in
    kept: list[str] = []
    conflicts: list[str] = []
    for slug in sorted(counted):
        if os.path.lexists(root / slug):
            if slug == DEMO_SLUG and not replace:
                kept.append(slug)
                continue
            conflicts.append(slug)
        moves.append((staging / TEAMS_DIR / slug, root / slug))
    if config_count:
        existing = root / CONFIG_DIR
        if not os.path.lexists(existing):
            moves.append((config_dir, existing))
        elif existing.is_symlink() or not _same_files(config_dir, existing):
            conflicts.append(CONFIG_DIR)
            moves.append((config_dir, existing))
    if conflicts and not replace:
        raise _refused(
            archive,
            "this workspace has these folders already: "
            f"{', '.join(conflicts)}. Restore into an empty workspace (--workspace), or add "
            "--replace to move the existing folders aside (nothing is deleted).",
        )
    stamp = f"{dt.datetime.now(dt.timezone.utc):%Y%m%d-%H%M%S}"
    done: list[tuple[Path, Path]] = []
    moved_aside: list[Path] = []
    try:
        for source, target in moves:
            if os.path.lexists(target):
                aside = _aside(target, stamp)
                target.rename(aside)
                done.append((target, aside))
                moved_aside.append(aside)
            source.rename(target)
            done.append((source, target))
    except OSError as exc:
        for source, target in reversed(done):  # put back what was moved, newest first
            with contextlib.suppress(OSError):
                target.rename(source)
        raise WorkshopError(
            f"Could not move the restored folders into {root}: {plain_os_error(exc)}. The "
            "workspace is as it was."
        ) from None
    restored = {m[1].name for m in moves}
    teams = [
        TeamCount(slug, str(listed.get(slug, {}).get("name", "")), counted[slug])
        for slug in sorted(counted)
        if slug in restored
    ]
    workspace_config = config_count if CONFIG_DIR in restored else 0
    return RestoreResult(teams, workspace_config, moved_aside, kept, problems)


# -- hand-back -------------------------------------------------------------------------------


@dataclass(frozen=True)
class HandBack:
    slug: str
    path: Path
    files: int


def hand_back_name(slug: str) -> str:
    return f"{slug}-workbook.zip"


def write_hand_backs(
    workspace: Workspace, folder: Path, names: list[str] | None = None
) -> tuple[list[HandBack], list[str]]:
    """One zip per team (``<folder>-workbook.zip``, mode 0600, in ``folder`` made 0700) holding
    its work only (the backup's allow-list) under ``<folder>/``: unzipped anywhere, the
    unzipping folder is a workspace the kit opens (``workshop-kit --workspace DIR start``).
    Without ``names``, every team but the demo team. A zip of the same name is replaced."""
    root = workspace.root
    if names:
        slugs = []
        for name in names:
            slug = team_slug(name)
            if slug in RESERVED_SLUGS or not is_team_folder(root / slug):
                raise TeamNotFoundError(
                    f"There is no team called ‘{name.strip()}’ in this workspace."
                )
            slugs.append(slug)
        slugs = list(dict.fromkeys(slugs))
    else:
        slugs = [s for s in workspace.team_slugs() if s != DEMO_SLUG and is_team_folder(root / s)]
    notes = private_folder(folder, root)
    made = []
    for slug in slugs:
        found = team_work(root / slug, slug)
        target = folder.expanduser() / hand_back_name(slug)
        try:
            with _private_file(target, overwrite=True) as (handle, placed):
                count = 0
                with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
                    for work in found.files:
                        read = _read_plain(work.path)
                        if read is None:
                            continue
                        data, mtime = read
                        stamp = dt.datetime.fromtimestamp(max(mtime, 315_532_800))  # zip: 1980+
                        info = zipfile.ZipInfo(f"{slug}/{work.name}", stamp.timetuple()[:6])
                        info.external_attr = (stat.S_IFREG | 0o644) << 16
                        info.compress_type = zipfile.ZIP_DEFLATED
                        zipped.writestr(info, data)
                        count += 1
        except OSError as exc:
            raise WorkshopError(
                f"Could not write {target.name} into {folder}: {plain_os_error(exc)}. No zip "
                "was left there for that team."
            ) from None
        made.append(HandBack(slug, placed[0], count))
    return made, notes
