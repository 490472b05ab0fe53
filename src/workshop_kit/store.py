"""A team's workbook on disk: one folder per team, one YAML file per part of its work.

Guarantees the rest of the kit relies on:

* **Atomic saves**: a file is written aside, flushed, fsynced and renamed over the old one.
* **No silent overwrite**: each save is checked against the exact bytes this workbook last read or
  wrote. If someone else saved in between (a second laptop on a shared drive, a second browser tab),
  the save is refused with :class:`StaleSaveError` and nothing changes.
* **History**: every saved revision is also kept under ``.history/`` so a team can go back.
* **Damaged files** raise :class:`DamagedFileError` naming the file and field, offer the last good
  revision, and are never overwritten until a person chooses to restore.
* **Safe names**: team names become folder names inside the workspace and nothing else.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from filelock import FileLock, Timeout

from workshop_kit import paths
from workshop_kit.errors import (
    ConflictError,
    DamagedFileError,
    InputError,
    StaleSaveError,
    TeamNotFoundError,
    UnknownNameError,
    UnsafeTeamNameError,
    WorkshopError,
)
from workshop_kit.model.base import Document
from workshop_kit.model.names import plain_name
from workshop_kit.validation import (
    YamlProblem,
    build,
    parse_yaml,
    problem_at,
    validate_data,
)

D = TypeVar("D", bound=Document)

HISTORY_DIR = ".history"
KEEP_REVISIONS = 50
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when available
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
EXPORTS_DIR = "exports"
_REVISION_LINE = re.compile(rb"^revision: *(\d+) *$", re.MULTILINE)
LOCK_SECONDS = 10.0
MAX_FILE_BYTES = 5_000_000  # a large school's year of work is well under 1 MB
TMP_SUFFIX = ".tmp"
STALE_TMP_SECONDS = 600  # an export's temporary file older than this was left by a crash
DEMO_SLUG = "demo"
#: the workspace's own folders beside the teams': its settings, and the notebooks JupyterLab opens
RESERVED_SLUGS = frozenset({"config", "notebooks"})
#: the teams' and the facilitator's join codes (see ``logic/join_codes.py``): the owner's only
JOIN_CODES_FILE = ".join-codes.json"
#: the cards to print and hand out, one per team with its join code: the owner's only
JOIN_CARDS_FILE = ".join-cards.html"
MAX_NAME_LENGTH = 80
MAX_FOLDER_BYTES = 120  # file systems allow 255 bytes a name; room for ".damaged-12" and the like
_HEADER = (
    "# workshop-kit team file ({title}). Plain text on purpose: read it, diff it, keep it.\n"
    "# If you edit it by hand, run `workshop-kit check {slug}` afterwards.\n"
)


#: the most names one team list (``new-team --from-file``, the hub's cohort list) may hold: a
#: district's 200 schools with room to spare; a longer file is more likely the wrong file
MAX_TEAM_LIST = 500


def read_team_list(path: str | os.PathLike[str]) -> list[str]:
    """Team names from a cohort file: one per line, blank lines skipped, at most
    :data:`MAX_TEAM_LIST`."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise WorkshopError(f"There is no file {path}.") from None
    except (OSError, UnicodeDecodeError):
        raise WorkshopError(
            f"Could not read {path}: save it as plain text (UTF-8), one team name per line."
        ) from None
    names = [line.strip() for line in text.splitlines() if line.strip()]
    if len(names) > MAX_TEAM_LIST:
        raise WorkshopError(
            f"{path} names {len(names)} teams; one list creates at most {MAX_TEAM_LIST}. Check "
            "that it is the cohort list (one team name per line), or split it in two."
        )
    return names


def team_slug(name: str) -> str:
    """Turn a team name into a safe folder name, or explain why it cannot be one. Names that look
    the same (``Lincoln\u200bILT``, ``LincolnILT``) get the same folder."""
    if any(unicodedata.category(ch) == "Cc" for ch in name.strip()):
        raise UnsafeTeamNameError("A team name cannot contain control characters.")
    stripped = plain_name(name)
    if not stripped:
        raise UnsafeTeamNameError("Please type a team name.")
    if "/" in stripped or "\\" in stripped:
        raise UnsafeTeamNameError(
            "A team name cannot contain / or \\. Use letters, digits, spaces or dashes."
        )
    if stripped.startswith("."):
        raise UnsafeTeamNameError("A team name cannot start with a dot.")
    if len(stripped) > MAX_NAME_LENGTH:
        raise UnsafeTeamNameError(f"A team name can be at most {MAX_NAME_LENGTH} characters long.")
    slug = re.sub(r"[\W_]+", "-", unicodedata.normalize("NFKC", stripped).casefold()).strip("-")
    if len(slug.encode("utf-8")) > MAX_FOLDER_BYTES:
        raise UnsafeTeamNameError(
            "That team name is too long to be a folder name (letters outside the Latin alphabet "
            "take more room); please shorten it."
        )
    if not slug:
        raise UnsafeTeamNameError("A team name needs at least one letter or digit.")
    if slug in RESERVED_SLUGS:
        raise UnsafeTeamNameError(
            f"‘{stripped}’ is the name of one of the workspace's own folders (its settings or its "
            "notebooks); choose another name."
        )
    return slug


def _digest(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


class UnreadableFile(Exception):
    """A team file that is there but cannot be used as one (a link, a folder, a pipe, too large,
    unreadable); the text says which, in plain words, for a message that also names the file."""


def _refuse_too_large(data: bytes, what: str) -> None:
    """Nothing is saved that the kit would then refuse to read (:data:`MAX_FILE_BYTES`)."""
    if len(data) > MAX_FILE_BYTES:
        raise WorkshopError(
            f"This change would make {what} {len(data) / 1e6:.1f} MB, more than a team file may "
            f"hold ({MAX_FILE_BYTES // 1_000_000} MB), so it was not saved and nothing was "
            "changed. A very long text was probably pasted in: shorten it and save again."
        )


def _read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes | None:
    """The bytes of a plain file (None: there is none). Never follows a link, never blocks on a
    pipe, never reads more than ``limit`` bytes: anything else is :class:`UnreadableFile`."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise UnreadableFile(f"it cannot be read ({plain_os_error(exc)}).") from None
    if stat.S_ISLNK(info.st_mode):
        raise UnreadableFile(
            "it is a link to another file, and the kit reads only the files in the team's own "
            "folder. Replace the link with the file itself."
        )
    if stat.S_ISDIR(info.st_mode):
        raise UnreadableFile("it is a folder, not a file.")
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableFile("it is not a plain file (a pipe or a device has its name).")
    if info.st_size > limit:
        raise UnreadableFile(
            f"it is too large ({info.st_size / 1e6:.1f} MB; a team file is at most "
            f"{limit // 1_000_000} MB)."
        )
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise UnreadableFile(f"it cannot be read ({plain_os_error(exc)}).") from None
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise UnreadableFile(f"it is too large (a team file is at most {limit // 1_000_000} MB).")
    return data


def plain_os_error(exc: OSError) -> str:
    """An operating-system error in plain words, without paths."""
    known = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EFBIG: "the file would be larger than this computer allows",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the disk is read-only",
        errno.ENAMETOOLONG: "a file name is too long",
        errno.ELOOP: "a link is in the way",
        errno.EISDIR: "a folder is in the way",
    }
    return known.get(exc.errno or 0, exc.strerror or "an error of the operating system")


def _new_file_mode(existing: Path) -> int:
    """The mode a file gets when written: an existing file keeps its own; a new one gets what the
    umask allows, as it would if it were created directly (mkstemp alone would make it 0600)."""
    try:
        return stat.S_IMODE(os.lstat(existing).st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    try:  # Linux reports it without changing it
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    current = os.umask(0o022)
    os.umask(current)
    return current


def atomic_write(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` so that readers see the old or the new file, never a torn one
    (with ``mode``, say 0o600 for a private file, from its first byte on)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _new_file_mode(path) if mode is None else mode
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TMP_SUFFIX, dir=path.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    fsync_folder(path.parent)


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` survive a power cut (not every file system allows it)."""
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


@dataclass(frozen=True)
class Revision:
    """One kept version of a team file."""

    number: int
    path: Path

    def saved_by(self) -> str:
        """Who made this version, as the save noted it ("" when not noted, or unreadable), and
        whether it was made with the facilitator's code."""
        try:
            with self.path.open("rb") as kept:
                head = kept.read(2048)
        except OSError:
            return ""
        who = _saved_by(head)
        if _WITH_FACILITATOR.encode() not in head or who == FACILITATOR_AUTHOR:
            return who
        return f"{who}, with the facilitator's code" if who else FACILITATOR_AUTHOR


@dataclass(frozen=True)
class Version:
    """Which version of a team file something was read from: a load returns it, and a save is
    given it back, so the save can tell whether someone else saved in between.

    ``revision`` is the number people see (0: never saved; for plain files, the number of
    versions kept so far); ``digest`` (the sha256 of the bytes, None: no file) is what is
    compared, so a hand edit that keeps the revision number is still noticed."""

    revision: int
    digest: str | None


def _revision_line(raw: bytes | None) -> int | None:
    """The ``revision:`` the kit writes near the top of a YAML file (None: no such line). Read
    from that line alone, so a save does not parse a large file a second time."""
    if raw is None:
        return None
    found = _REVISION_LINE.search(raw[:2048])
    return int(found.group(1)) if found else None


def _revision_in(raw: bytes | None) -> int:
    return _revision_line(raw) or 0


_SAVED_BY_PREFIX = "# Last saved by: "
_SAVED_BY = re.compile(rb"^# Last saved by: (.+)$", re.MULTILINE)
#: a save made on a device that holds the facilitator's join code (issue 27: what the
#: facilitator does in a team's workbook is in the team's history)
_WITH_FACILITATOR = "# Saved with the facilitator's code\n"
#: who a save is noted as when the facilitator's device chose no member under "I am"
FACILITATOR_AUTHOR = "the facilitator"


def who_saved(author: str, unknown: str) -> str:
    """Who saved, to begin a sentence with: the name noted ("the facilitator" -> "The
    facilitator"), or ``unknown`` when none was."""
    who = author or unknown
    return who[:1].upper() + who[1:]


def _saved_by(raw: bytes | None) -> str:
    """Who made the save of this file (as they chose at their device), or "" when not known."""
    found = _SAVED_BY.search(raw[:2048]) if raw is not None else None
    return found.group(1).decode("utf-8", "replace").strip() if found else ""


KEEP_LINEAGE = 200  # saves remembered per file; a view older than that must reload
KEEP_SEEN = 16  # documents remembered per file as possible bases of a merge


#: the YAML text of list items already written, by the item itself (items are frozen records)
KEPT_ITEMS = 20_000
_kept_items: dict[tuple[str, str, Any], str] = {}


def _plain_dump(data: Any) -> str:
    """``data`` as the kit writes YAML: block style, keys in order, text as typed."""
    return str(
        yaml.dump(
            data,
            Dumper=_Dumper,
            default_flow_style=False,
            allow_unicode=True,
            width=100,
            sort_keys=False,
        )
    )


@functools.lru_cache(maxsize=256)
def _key_line(field: str) -> str:
    """The line that opens a list field (``resources:``), quoted as YAML would need it."""
    return _plain_dump({field: [0]}).removesuffix("- 0\n")


def _item_text(key: tuple[str, str, Any], dumped: dict[str, Any]) -> str:
    text = _kept_items.get(key)
    if text is None:
        text = _kept_items[key] = _plain_dump([dumped])
        if len(_kept_items) > KEPT_ITEMS:
            _kept_items.pop(next(iter(_kept_items)))
    return text


def _kept_list(doc: Document, field: str, dumped: Any) -> str | None:
    """A list field's YAML from each item's kept text, or None when it cannot be kept (an item
    holding a dict or list is not hashable, an empty list is written ``[]``)."""
    records = getattr(doc, field, None)
    if not isinstance(records, tuple) or not isinstance(dumped, list) or not dumped:
        return None
    if len(records) != len(dumped) or not all(isinstance(d, dict) for d in dumped):
        return None
    try:
        keys = [(doc.FILE_NAME, field, record) for record in records]
        for key in keys:
            hash(key)
    except TypeError:
        return None
    return _key_line(field) + "".join(_item_text(k, d) for k, d in zip(keys, dumped, strict=True))


def dump_yaml(doc: Document, body: dict[str, Any]) -> str:
    """``body`` (``doc`` dumped, with the file's own fields first) as YAML, byte for byte as one
    ``yaml.dump`` writes it. A block mapping is its entries' texts one after another, and a block
    list its items' texts, so each list item's text is kept and reused: saving one edit to a
    300-resource inventory writes one item, not 300 (PyYAML's emitter resolves every scalar in
    Python, and was most of such a save)."""
    parts: list[str] = []
    plain: dict[str, Any] = {}
    for field, dumped in body.items():
        kept = _kept_list(doc, field, dumped) if field in type(doc).model_fields else None
        if kept is None:
            plain[field] = dumped
            continue
        if plain:
            parts.append(_plain_dump(plain))
            plain = {}
        parts.append(kept)
    if plain or not parts:
        parts.append(_plain_dump(plain))
    return "".join(parts)


class TeamWorkbook:
    """Everything one team decides, as files in one folder. Panels share one instance per team.

    Making one touches no file; ``Workspace.open_team`` tidies the folder as it opens it."""

    def __init__(self, workspace: Workspace, slug: str) -> None:
        self.workspace = workspace
        self.slug = slug
        self.folder = workspace.root / slug
        # per file name: the version this workbook took as its base, followed by every version it
        # saved on top of it since (sha256 of the bytes; None: the file was absent). The last one
        # is what the file must still be for a save to go ahead.
        self._lineage: dict[str, list[str | None]] = {}
        # per file name: documents by the digest of the bytes they were read from or saved as,
        # the oldest first (see _remember); also what a read of the same bytes gives back
        self._seen: dict[str, dict[str, Document]] = {}
        # for saved_elsewhere: each file's size and time when last looked at, and the last
        # version reported as saved elsewhere
        self._stamps: dict[str, tuple[int, ...]] = {}
        self._reported: dict[str, str | None] = {}

    def __repr__(self) -> str:
        return f"TeamWorkbook({self.slug!r})"

    def tidy(self) -> None:
        """Put right what a crash in the middle of a save can leave: remove the temporary files it
        left, and keep the current version of each file in the history (so it can always be
        restored). Done when a workbook is opened; a folder that cannot be tidied is left as it
        is, and its problem is reported by the reads and saves that meet it."""
        from workshop_kit.model import document_kinds

        if not self.folder.is_dir() or self.folder.is_symlink():
            return
        try:
            with self._locked():  # every save holds the lock, so a .tmp seen now is an orphan
                history = self.folder / HISTORY_DIR
                folders = [self.folder]
                if history.is_dir() and not history.is_symlink():
                    folders += [f for f in history.iterdir() if f.is_dir() and not f.is_symlink()]
                for folder in folders:
                    for tmp in folder.glob(f".*{TMP_SUFFIX}"):
                        if tmp.is_file() and not tmp.is_symlink():
                            tmp.unlink(missing_ok=True)
                exports = self.folder / EXPORTS_DIR  # written without the lock: only old ones
                if exports.is_dir() and not exports.is_symlink():
                    for tmp in exports.glob(f".*{TMP_SUFFIX}"):
                        if time.time() - tmp.lstat().st_mtime > STALE_TMP_SECONDS:
                            tmp.unlink(missing_ok=True)
                for kind in document_kinds():
                    self._keep_current(kind)
        except (WorkshopError, OSError):
            return

    def _keep_current(self, kind: type[Document]) -> None:
        try:
            raw = _read_bytes(self.path_of(kind))
        except UnreadableFile:
            return
        revision = _revision_in(raw)
        if raw is None or revision < 1:
            return
        kept = {r.number: r.path for r in self.revisions(kind)}
        if revision not in kept:
            with contextlib.suppress(YamlProblem, ValueError):  # a damaged file is not kept
                self._decode(kind, raw, self._source(kind))
                self._keep_numbered(kind.FILE_NAME, revision, raw)

    # -- reading ---------------------------------------------------------------------------

    def path_of(self, kind: type[Document]) -> Path:
        return self.folder / kind.FILE_NAME

    def _decode(self, kind: type[D], raw: bytes, source: str) -> D:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise YamlProblem(f"{source}: this file is not UTF-8 text.") from None
        data = parse_yaml(text, source)
        lines: str | None = text
        if not isinstance(data, dict):
            raise YamlProblem(f"{source}: expected named fields, found something else.")
        data = dict(data)
        version = data.pop("schema_version", None)
        revision = data.pop("revision", 0)
        if not isinstance(revision, int) or isinstance(revision, bool) or revision < 0:
            shown = str(revision)[:40]
            raise problem_at(
                source,
                text,
                ("revision",),
                f"must be a whole number, the count of saves the kit writes (found ‘{shown}’)",
            )
        if not isinstance(version, int) or isinstance(version, bool):
            raise YamlProblem(f"{source}: the field ‘schema_version’ is missing or not a number.")
        if version < 1:
            raise YamlProblem(
                f"{source}: the field ‘schema_version’ is {version}; formats are numbered from 1 "
                f"(this kit writes {kind.SCHEMA_VERSION})."
            )
        if version > kind.SCHEMA_VERSION:
            raise YamlProblem(
                f"{source}: the field ‘schema_version’ is {version}: the file was written by a "
                f"newer workshop-kit, and this one reads up to format {kind.SCHEMA_VERSION}. "
                "Update workshop-kit."
            )
        if version < kind.SCHEMA_VERSION:
            try:
                upgraded = kind.upgrade(dict(data), version)
            except ValueError as exc:
                raise YamlProblem(f"{source}: the field ‘schema_version’: {exc}.") from None
            if upgraded != data:
                lines = None  # line numbers would refer to the old layout
            data = upgraded  # an upgrade that only adds defaults keeps the file's line numbers
        return validate_data(kind, data, source=source, text=lines)

    def read(self, kind: type[D]) -> tuple[D, Version]:
        """The saved document (an empty one if the team has not saved this part yet) and the
        version it was read from, to hand back to :meth:`update` with the edit made from it.

        The first read of a file in this workbook also sets the version a save without a ``base``
        is checked against. Later reads do not move it: a panel that only reads must not make
        another panel's stale view look fresh. Use :meth:`reload` when a person has chosen to take
        the saved version.
        """
        raw = self._raw(kind)
        doc = self._decode_current(kind, raw)
        self._lineage.setdefault(kind.FILE_NAME, [_digest(raw)])
        return doc, Version(_revision_in(raw), _digest(raw))

    def load(self, kind: type[D]) -> D:
        """The saved document (see :meth:`read`)."""
        return self.read(kind)[0]

    def peek(self, kind: type[D]) -> D:
        """Read the saved document without making it the base of later saves (for lists, labels)."""
        return self._decode_current(kind, self._raw(kind))

    def reload(self, kind: type[D]) -> D:
        """Read the saved version and make it the base for the next save."""
        raw = self._raw(kind)
        doc = self._decode_current(kind, raw)
        self._lineage[kind.FILE_NAME] = [_digest(raw)]
        return doc

    def _raw(self, kind: type[Document]) -> bytes | None:
        """The bytes of a team file; a file that cannot be one is reported as damaged."""
        try:
            return _read_bytes(self.path_of(kind))
        except UnreadableFile as exc:
            raise self._damaged(kind, f"{self._source(kind)}: {exc}") from None

    def _decode_current(self, kind: type[D], raw: bytes | None) -> D:
        digest = _digest(raw)
        if raw is None:
            return kind()
        assert digest is not None
        # the same bytes read or written here before (documents are immutable): panels load the
        # same files often, and one rebuilt right after its own save reads the file it just
        # wrote; parsing a 300-resource inventory again takes ~0.1 s
        seen = self._seen.get(kind.FILE_NAME, {}).get(digest)
        if isinstance(seen, kind):
            return seen
        try:
            doc = self._decode(kind, raw, self._source(kind))
        except (YamlProblem, ValueError) as exc:
            raise self._damaged(kind, str(exc)) from None
        self._remember(kind.FILE_NAME, digest, doc)
        return doc

    def _source(self, kind: type[Document]) -> str:
        return f"{self.slug}/{kind.FILE_NAME}"

    def _damaged(self, kind: type[Document], problem: str) -> DamagedFileError:
        good = self.last_good_revision(kind)
        offer = (
            f" The last good version (revision {good}) can be restored; nothing has been "
            "overwritten."
            if good is not None
            else " No earlier good version is kept; fix the file by hand or ask your facilitator."
        )
        return DamagedFileError(
            f"{problem}{offer}", path=str(self.path_of(kind)), last_good_revision=good
        )

    def current_revision(self, kind: type[Document]) -> int:
        """The highest revision in the file or its history (0: never saved).

        History counts even when the file is missing (deleted, or moved aside by a restore), so
        revision numbers never go back and a kept version is never overwritten.
        """
        numbers = [r.number for r in self.revisions(kind)]
        try:
            raw = _read_bytes(self.path_of(kind))
        except UnreadableFile:  # reported by every read; the history still numbers the next save
            raw = None
        rev: object = _revision_line(raw)
        if raw is not None and rev is None:  # no revision line (a hand edit): a full parse
            try:
                data = yaml.load(raw, Loader=_Loader)  # safe: CSafeLoader or SafeLoader
                rev = data.get("revision", 0) if isinstance(data, dict) else 0
            except yaml.YAMLError:
                rev = 0
        in_file = rev if isinstance(rev, int) and not isinstance(rev, bool) else 0
        return max([in_file, *numbers])

    # -- history ---------------------------------------------------------------------------

    def _history_dir(self, file_name: str) -> Path:
        return self._own_folder(HISTORY_DIR, Path(file_name).stem)

    def _own_folder(self, *parts: str) -> Path:
        """A folder inside the team's folder; refused when any part of the way is a link, so no
        read, write or delete of the kit's ever lands outside the team's folder."""
        folder = self.folder
        for part in parts:
            folder = folder / part
            if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
                shown = "/".join([self.slug, *parts[: parts.index(part) + 1]])
                raise WorkshopError(
                    f"‘{shown}’ is a link or a file where the kit keeps a folder, so nothing was "
                    "saved there. Ask your facilitator to replace it with a plain folder."
                )
        return folder

    def _numbered(self, file_name: str) -> list[Revision]:
        """Kept versions of a file (YAML documents and plain files alike), newest first."""
        folder = self._history_dir(file_name)
        if not folder.is_dir():
            return []
        suffix = Path(file_name).suffix
        found = [Revision(int(e.stem), e) for e in folder.glob(f"*{suffix}") if e.stem.isdigit()]
        return sorted(found, key=lambda r: r.number, reverse=True)

    def _keep_numbered(self, file_name: str, number: int, data: bytes) -> Path:
        """Keep ``data`` as version ``number`` of a file; only the newest versions stay."""
        kept = self._history_dir(file_name) / f"{number:06d}{Path(file_name).suffix}"
        # a message names the team's file, not the history copy a person never opens
        self._write(kept, data, shown=f"{self.slug}/{file_name}")
        for old in self._numbered(file_name)[KEEP_REVISIONS:]:
            old.path.unlink(missing_ok=True)
        return kept

    def _shown(self, path: Path) -> str:
        """A path as a team or facilitator may see it: relative to the workspace."""
        try:
            return path.relative_to(self.workspace.root).as_posix()
        except ValueError:
            return path.name

    def _write(self, path: Path, data: bytes, shown: str = "") -> None:
        """Write atomically; a failure of the disk becomes a plain message naming the file (or
        ``shown``)."""
        try:
            atomic_write(path, data)
        except OSError as exc:
            raise WorkshopError(
                f"Could not save {shown or self._shown(path)}: {plain_os_error(exc)}. Nothing was "
                "changed, and the work saved before is safe."
            ) from None

    def revisions(self, kind: type[Document]) -> list[Revision]:
        """Kept versions of this file, newest first."""
        return self._numbered(kind.FILE_NAME)

    def load_revision(self, kind: type[D], number: int) -> D:
        for rev in self.revisions(kind):
            if rev.number == number:
                source = f"{self._source(kind)} revision {number}"
                try:
                    raw = _read_bytes(rev.path)
                except UnreadableFile as exc:
                    raise WorkshopError(f"{source}: {exc}") from None
                if raw is None:
                    break
                return self._decode(kind, raw, source)
        raise UnknownNameError(f"Revision {number} of {kind.FILE_NAME} is not kept.")

    def last_good_revision(self, kind: type[Document]) -> int | None:
        for rev in self.revisions(kind):
            try:
                raw = _read_bytes(rev.path)
                if raw is None:
                    continue
                self._decode(kind, raw, "history")
            except (YamlProblem, ValueError, UnreadableFile):
                continue
            return rev.number
        return None

    # -- writing ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WorkshopError(
                f"Could not save in {self.slug}: {plain_os_error(exc)}. Nothing was changed."
            ) from None
        lock = self.folder / ".lock"
        if lock.is_symlink() or (lock.exists() and not lock.is_file()):
            raise WorkshopError(
                f"‘{self.slug}/.lock’ is a link or a folder, so the kit cannot make sure two saves "
                "do not collide, and saved nothing. Ask your facilitator to delete it."
            )
        try:
            held = FileLock(str(lock), timeout=LOCK_SECONDS)
            held.acquire()
        except Timeout:
            raise WorkshopError(
                "Another save is taking a long time; please wait a moment and try again."
            ) from None
        except OSError as exc:
            raise WorkshopError(
                f"Could not save in {self.slug}: {plain_os_error(exc)}. Nothing was changed."
            ) from None
        try:
            yield
        finally:
            held.release()

    def _render(
        self, doc: Document, revision: int, author: str = "", facilitator: bool = False
    ) -> bytes:
        body: dict[str, Any] = {"schema_version": doc.SCHEMA_VERSION, "revision": revision}
        body.update(doc.model_dump(mode="json"))
        header = _HEADER.format(title=doc.TITLE, slug=self.slug)
        who = " ".join("".join(ch for ch in author if ch.isprintable()).split())[:MAX_NAME_LENGTH]
        if who:
            header += f"{_SAVED_BY_PREFIX}{who}\n"
        if facilitator:
            header += _WITH_FACILITATOR
        return (header + dump_yaml(doc, body)).encode("utf-8")

    def save(self, doc: D) -> D:
        """Save ``doc`` in place of the whole file (see :meth:`update`)."""
        return self.update(type(doc), lambda _current: doc)[0]

    def _saves_since(
        self, name: str, raw: bytes | None, base: Version | None, what: str
    ) -> list[str | None]:
        """The versions of file ``name`` this workbook has seen and written since ``base``, when a
        save made from ``base`` may go ahead; else :class:`StaleSaveError`.

        A save goes ahead when the file is still exactly the ``base`` version, or when every save
        since that version was made here, in this workbook: panels sharing it in one kernel see
        each other's saves, and each changes only its own fields. Otherwise someone else (another
        laptop, another browser tab) saved in between. Without a ``base``, the version this
        workbook last read or saved counts.
        """
        now = _digest(raw)
        lineage = self._lineage.get(name, [])
        if base is not None and base.digest == now:
            return lineage if lineage and lineage[-1] == now else [now]
        if lineage and lineage[-1] == now and (base is None or base.digest in lineage):
            return lineage
        raise StaleSaveError(
            f"Someone else saved {what} after you opened it here, so your change was not saved "
            "(nothing was overwritten). Reload to see their version, then make your change again."
        )

    def update(
        self,
        kind: type[D],
        change: Callable[[D], D],
        base: Version | None = None,
        author: str = "",
        facilitator: bool = False,
    ) -> tuple[D, Version]:
        """Apply ``change`` to the saved document and save the result as a new revision; give
        back the saved document and its version (the base for the next save made from it).

        ``base`` is the version the person's view was filled from (without one: the version this
        workbook last read or saved). When others saved since, ``change`` is applied to the base
        and laid over their version item by item (:mod:`workshop_kit.merge`): edits to different
        items all land, and two different changes to the same item are refused with
        :class:`ConflictError`, which names the item and who saved it. ``author`` (who is at this
        device) is noted in the file for that message, and ``facilitator`` (the device holds the
        facilitator's code) for the team's history. Refused with :class:`StaleSaveError` when
        the base is not known, and with :class:`DamagedFileError` when the file on disk does not
        validate. When refused, nothing is written.
        """
        name = kind.FILE_NAME
        with self._locked():
            path = self.path_of(kind)
            raw = self._raw(kind)
            current = self._decode_current(kind, raw)
            if base is None and self._lineage.get(name):
                base = Version(-1, self._lineage[name][-1])  # the version last read or saved here
            if base is None and raw is None:
                base = Version(0, None)  # nothing there to overwrite
            if base is None:  # never read here: what it would overwrite is not known
                raise self._stale(kind)
            if base.digest == _digest(raw):
                new = kind.model_validate(change(current).model_dump())
            else:
                try:
                    new = self._merged(kind, base, change, current, raw)
                except StaleSaveError:
                    # the refusal tells the person of this version: the live view must not
                    # report it again (its note would replace the choices the refusal offers)
                    self._reported[name] = _digest(raw)
                    raise
            revision = self.current_revision(kind) + 1
            data = self._render(new, revision, author, facilitator)
            _refuse_too_large(data, kind.TITLE)
            self._replace_kept(kind, path, revision, data)
            digest = _digest(data)
            assert digest is not None
            self._lineage[name] = [digest]
            self._remember(name, digest, new)
        return new, Version(revision, digest)

    def saved_elsewhere(self) -> list[tuple[type[Document], str]]:
        """The files read here that someone else saved since (each with who saved it, "" when
        not known), each reported once per new version. Cheap enough to ask every few seconds:
        a file whose size and time are unchanged is not read again."""
        from workshop_kit.model import document_kinds

        found = []
        for kind in document_kinds():
            name = kind.FILE_NAME
            if name not in self._lineage:
                continue  # nothing on this page shows it
            new = self._new_version(name, self.path_of(kind))
            if new is not None:
                found.append((kind, _saved_by(new[0])))
        return found

    def plain_files_saved_elsewhere(self) -> list[str]:
        """The plain files read here (:meth:`read_file`, the evidence table) that someone else
        wrote since, each reported once per new version; as cheap as :meth:`saved_elsewhere`."""
        from workshop_kit.model import document_kinds

        documents = {kind.FILE_NAME for kind in document_kinds()}
        found = []
        for name in [n for n in self._lineage if n not in documents]:
            if self._new_version(name, self.file(name)) is not None:
                found.append(name)
        return found

    def _new_version(self, name: str, path: Path) -> tuple[bytes | None] | None:
        """``(its bytes,)`` (None when deleted) when another writer left a version of ``name``
        this page neither read nor was told of, each reported once; None when nothing is new.
        A file whose size and time are unchanged is not read again."""
        try:
            info = os.lstat(path)
            stamp: tuple[int, ...] = (info.st_mtime_ns, info.st_size, info.st_ino)
        except FileNotFoundError:
            stamp = ()
        except OSError:
            return None
        if self._stamps.get(name) == stamp:
            return None
        self._stamps[name] = stamp
        try:
            raw = _read_bytes(path)
        except UnreadableFile:
            return None
        digest = _digest(raw)
        if digest in (self._lineage[name][-1], self._reported.get(name)):
            return None
        self._reported[name] = digest
        return (raw,)

    def _stale(self, kind: type[Document]) -> StaleSaveError:
        return StaleSaveError(
            f"Someone else saved {kind.TITLE} after you opened it here, so your change was not "
            "saved (nothing was overwritten). Reload to see their version, then make your change "
            "again."
        )

    def _merged(
        self,
        kind: type[D],
        base: Version,
        change: Callable[[D], D],
        current: D,
        raw: bytes | None,
    ) -> D:
        """``change`` made to the ``base`` document, laid over ``current`` (others' saves)."""
        from workshop_kit.merge import MergeConflict, merge

        before = self._base_document(kind, base)
        if before is None:  # too old to be kept: only a reload can show what changed
            raise self._stale(kind)
        ours = kind.model_validate(change(before).model_dump())
        winner = _saved_by(raw)
        try:
            merged = merge(
                before.model_dump(mode="json"),
                ours.model_dump(mode="json"),
                current.model_dump(mode="json"),
                keys=kind.MERGE_KEYS,
            )
        except MergeConflict as conflict:
            places = list(
                dict.fromkeys(
                    current.describe_place(c.path, (ours, before)) for c in conflict.conflicts
                )
            )
            raise ConflictError(
                f"{who_saved(winner, 'Someone else')} saved a different change to "
                f"{' and '.join(places[:3])}{' and more' if len(places) > 3 else ''} a moment "
                "ago, and their version is the one saved. Yours is still on this screen and was "
                "not saved: reload to see theirs, or keep yours to save it over theirs.",
                current=Version(_revision_in(raw), _digest(raw)),
                places=places,
                versions=(before, ours, current),
            ) from None
        try:
            return build(kind, merged)
        except InputError as exc:
            raise ConflictError(
                f"{who_saved(winner, 'Someone else')} saved a change a moment ago that "
                f"cannot be combined with yours: {exc.message.rstrip('.')}. Their version is the "
                "one saved; yours is still on this screen: reload to see theirs, or keep yours.",
                current=Version(_revision_in(raw), _digest(raw)),
                places=[],
                versions=(before, ours, current),
            ) from None

    def _remember(self, name: str, digest: str, doc: Document) -> None:
        """Keep a document by the digest of its bytes: a later save made from it (a panel filled
        from this version) needs it as the base of a merge."""
        seen = self._seen.setdefault(name, {})
        seen.pop(digest, None)
        seen[digest] = doc
        while len(seen) > KEEP_SEEN:
            seen.pop(next(iter(seen)))

    def _base_document(self, kind: type[D], base: Version) -> D | None:
        """The document of version ``base``: remembered from a read here, or kept in history."""
        if base.digest is None:
            return kind()
        seen = self._seen.get(kind.FILE_NAME, {}).get(base.digest)
        if isinstance(seen, kind):
            return seen
        for rev in self.revisions(kind):
            if rev.number == base.revision or base.revision < 0:
                try:
                    raw = _read_bytes(rev.path)
                except UnreadableFile:
                    continue
                if raw is not None and _digest(raw) == base.digest:
                    try:
                        return self._decode(kind, raw, self._source(kind))
                    except (YamlProblem, ValueError):
                        return None
        return None

    def _replace_kept(self, kind: type[Document], path: Path, revision: int, data: bytes) -> None:
        """Keep ``data`` in the history, then make it the current file: all or nothing as the
        caller sees it. A failure keeping it changes nothing; a failure replacing the file takes
        the new copy out of the history again. A crash in between leaves the current file as it
        was, and it is already in the history."""
        kept = self._keep_numbered(kind.FILE_NAME, revision, data)
        try:
            self._write(path, data)
        except BaseException:
            kept.unlink(missing_ok=True)
            raise

    def restore(self, kind: type[D], number: int) -> D:
        """Make revision ``number`` current again (as a new revision).

        A damaged current file is moved aside as ``<name>.damaged-<n>.yaml``, never deleted, so
        hand edits can still be copied from it.
        """
        doc = self.load_revision(kind, number)
        with self._locked():
            path = self.path_of(kind)
            try:
                raw = _read_bytes(path)
                if raw is not None:
                    self._decode(kind, raw, self._source(kind))
            except (YamlProblem, ValueError, UnreadableFile):
                stem, suffix, n = path.stem, path.suffix, 1
                while os.path.lexists(aside := path.with_name(f"{stem}.damaged-{n}{suffix}")):
                    n += 1
                path.replace(aside)  # a link is moved aside itself; what it points to is untouched
            revision = self.current_revision(kind) + 1
            data = self._render(doc, revision)
            self._replace_kept(kind, path, revision, data)
            self._lineage[kind.FILE_NAME] = [_digest(data)]
        return doc

    # -- other files (evidence tables, summaries, exports) --------------------------------

    def file(self, name: str) -> Path:
        """A plain file in the team folder; ``name`` comes from the kit, never from a team."""
        if "/" in name or name.startswith("."):
            raise ValueError(f"not a plain file name: {name!r}")
        return self.folder / name

    def read_file(self, name: str) -> tuple[bytes | None, Version]:
        """A plain file of the team's own data (its evidence table) and its version, to hand back
        to :meth:`write_file` with what was made from it (None: there is no such file yet)."""
        raw = self._read_plain(name)
        self._lineage.setdefault(name, [_digest(raw)])
        return raw, self._plain_version(name, raw)

    def _read_plain(self, name: str) -> bytes | None:
        try:
            return _read_bytes(self.file(name))
        except UnreadableFile as exc:
            raise WorkshopError(f"{self.slug}/{name}: {exc}") from None

    def _plain_version(self, name: str, raw: bytes | None) -> Version:
        kept = self._numbered(name)
        count = (kept[0].number if kept else 0) + (raw is not None)
        return Version(count, _digest(raw))

    def write_file(
        self,
        name: str,
        data: bytes | str,
        keep_previous: bool = False,
        base: Version | None = None,
        what: str = "",
    ) -> Version:
        """Write a plain file atomically and give the version written. With ``keep_previous`` (a
        team's own data, such as its evidence table) the copy it replaces is kept in the history
        and can be put back, and the write is refused as for a team document
        (:meth:`_saves_since`) when someone else wrote the file since ``base``; ``what`` names
        the file in that message."""
        path = self.file(name)
        payload = data.encode("utf-8") if isinstance(data, str) else data
        if keep_previous:  # the team's own data: read back with the same limit
            _refuse_too_large(payload, what or name)
        with self._locked():
            old = self._read_plain(name)
            if keep_previous and base is None:  # never read here: what is there is the base
                self._lineage.setdefault(name, [_digest(old)])
            ours = self._saves_since(name, old, base, what or name) if keep_previous else []
            if keep_previous and old is not None and old != payload:
                self._keep_file(name, old)
            self._write(path, payload)
            if keep_previous:
                self._lineage[name] = [*ours, _digest(payload)][-KEEP_LINEAGE:]
            return self._plain_version(name, payload)

    @property
    def exports_folder(self) -> Path:
        """Where files made from the team's work go (summaries, pictures, downloads): apart from
        the files the team's work lives in, so they can be deleted and made again at any time."""
        return self.folder / EXPORTS_DIR

    def write_export(self, name: str, data: bytes | str) -> Path:
        """Write a derived file into :attr:`exports_folder` atomically; ``name`` comes from the
        kit, never from a team."""
        if "/" in name or name.startswith("."):
            raise ValueError(f"not a plain file name: {name!r}")
        path = self._own_folder(EXPORTS_DIR) / name
        self._write(path, data.encode("utf-8") if isinstance(data, str) else data)
        return path

    def kept_copies(self, name: str) -> list[Path]:
        """Earlier copies of a plain file kept by :meth:`write_file`, newest first."""
        return [r.path for r in self._numbered(name)]

    def _keep_file(self, name: str, data: bytes) -> None:
        kept = self._numbered(name)
        self._keep_numbered(name, kept[0].number + 1 if kept else 1, data)

    def put_back(self, name: str) -> Path:
        """Make the newest kept copy of a plain file current again; the copy it replaces is kept
        in turn, so putting back can itself be undone."""
        with self._locked():
            kept = self.kept_copies(name)
            if not kept:
                raise WorkshopError(f"There is no earlier copy of {name} to put back.")
            try:
                data = _read_bytes(kept[0])
            except UnreadableFile as exc:
                raise WorkshopError(f"The earlier copy of {self.slug}/{name}: {exc}") from None
            if data is None:
                raise WorkshopError(f"There is no earlier copy of {name} to put back.")
            current = self._read_plain(name)
            self._write(self.file(name), data)
            kept[0].unlink()
            if current is not None and current != data:
                self._keep_file(name, current)
            self._lineage[name] = [_digest(data)]  # a person chose this copy: it is the new base
        return self.file(name)

    @property
    def display_name(self) -> str:
        from workshop_kit.model.team import Team

        try:
            name = self.peek(Team).name
        except DamagedFileError:
            name = ""
        return name or self.slug

    def check(self, kinds: list[type[Document]]) -> list[str]:
        """Plain messages for every file of ``kinds`` that does not validate (empty: all fine)."""
        problems = []
        for kind in kinds:
            try:
                TeamWorkbook(self.workspace, self.slug).load(kind)
            except DamagedFileError as exc:
                problems.append(exc.message)
        return problems


class Workspace:
    """The folder holding one workbook folder per team."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._open: dict[str, TeamWorkbook] = {}

    @classmethod
    def default(cls, override: str | os.PathLike[str] | None = None) -> Workspace:
        return cls(paths.workspace_dir(override))

    def _folder_for(self, slug: str) -> Path:
        folder = self.root / slug
        root = self.root.resolve()
        if folder.is_symlink() or not folder.resolve().is_relative_to(root):
            raise UnsafeTeamNameError(
                f"The folder for team ‘{slug}’ points outside the workspace; it will not be used."
            )
        return folder

    def team_slugs(self, among: Iterable[str] | None = None) -> list[str]:
        """The teams' folders in the workspace, sorted. With ``among``: those of these folder
        names that are there, found without listing the workspace's top folder. On the hub a
        team's account may pass through that folder to its own but not list it (the folder
        names are the cohort's names), so a page that may open only some teams asks this way."""
        if not self.root.is_dir():
            return []
        candidates = (
            self.root.iterdir() if among is None else (self.root / name for name in set(among))
        )
        return sorted(
            p.name
            for p in candidates
            if p.name
            and p.parent == self.root
            and not p.name.startswith(".")
            and p.name not in RESERVED_SLUGS
            and p.is_dir()
            and not p.is_symlink()
        )

    def open_team(self, name: str) -> TeamWorkbook:
        slug = team_slug(name)
        folder = self._folder_for(slug)
        if not folder.is_dir():
            raise TeamNotFoundError(f"There is no team called ‘{name.strip()}’ in this workspace.")
        if slug not in self._open:
            book = TeamWorkbook(self, slug)
            book.tidy()
            self._open[slug] = book
        return self._open[slug]

    def create_team(self, name: str) -> TeamWorkbook:
        from workshop_kit.model.team import Team

        slug = team_slug(name)
        folder = self._folder_for(slug)
        if folder.exists():
            raise WorkshopError(
                f"A team called ‘{plain_name(name)}’ already exists; open it or choose another "
                "name."
            )
        try:
            folder.mkdir(parents=True)
            book = TeamWorkbook(self, slug)
            book.load(Team)
            book.save(Team(name=plain_name(name)))
        except (OSError, WorkshopError) as exc:
            # no half-made team: a folder without its team file would look like an empty team
            shutil.rmtree(folder, ignore_errors=True)
            problem = exc.message if isinstance(exc, WorkshopError) else plain_os_error(exc)
            raise WorkshopError(
                f"Could not create the team ‘{plain_name(name)}’: {problem}"
                if not isinstance(exc, WorkshopError)
                else problem
            ) from None
        self._open[slug] = book
        return book

    def join_codes_data(self) -> Any:
        """The join codes file as plain data (None when there is none yet)."""
        try:
            raw = (self.root / JOIN_CODES_FILE).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise WorkshopError(f"Could not read the join codes: {plain_os_error(exc)}") from None
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise WorkshopError(
                f"The join codes file {self.root / JOIN_CODES_FILE} is damaged; move it away and "
                "run `workshop-kit join-codes` to make new ones (and print new cards)."
            ) from None

    def save_private(self, name: str, data: bytes) -> Path:
        """Write one of the workspace's private files (``JOIN_CODES_FILE``, ``JOIN_CARDS_FILE``):
        readable by its owner only, from its first byte on."""
        if name not in (JOIN_CODES_FILE, JOIN_CARDS_FILE):
            raise ValueError(f"not a private file of the workspace: {name}")
        self.root.mkdir(parents=True, exist_ok=True)
        atomic_write(self.root / name, data, mode=0o600)
        return self.root / name

    def ensure_demo(self) -> TeamWorkbook:
        """The demo team, copied from ``data/demo/team`` if this workspace does not have it."""
        folder = self._folder_for(DEMO_SLUG)
        if not folder.exists():
            self.root.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=".demo-", dir=self.root))
            try:
                shutil.copytree(paths.demo_team_dir(), staging, dirs_exist_ok=True)
                staging.rename(folder)
            except OSError:
                # another kernel (two app pages opened at once) copied it first: use that copy
                if not folder.is_dir():
                    raise
            finally:
                shutil.rmtree(staging, ignore_errors=True)
        return self.open_team(DEMO_SLUG)
