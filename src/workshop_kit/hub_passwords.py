"""The passwords of the hub's accounts: made, hashed, kept only as hashes, checked, renewed.

* A password is a code such as ``k7qm-3xwp-ta9e-r4hn``: 16 characters drawn at random from
  31 letters and digits nobody misreads on a printed card (no 0/o, 1/l/i), in groups of 4:
  ``16 * log2(31)`` = 79.3 bits (:data:`PASSWORD_BITS` is the figure the docs state).
* ``passwords.json`` (mode 0600) holds, per account, its argon2id hash and its team: the
  plain password is never stored by the kit; the cards printed once (``accounts.html``) are the
  only place it is written, and the operator deletes them after printing.
* Hashes from earlier versions (``pbkdf2_sha256$...``) still verify; the hub's authenticator
  replaces one with an argon2id hash at the account's next successful login.
* Every change to ``passwords.json`` is a read-modify-write under a lock file, written to a
  temporary file and renamed, so the hub (rehashing at a login), ``workshop-kit hub`` and
  ``workshop-kit hub-password`` never lose each other's changes nor leave half a file.

No JupyterHub here: the command and the tests use it without the hub installed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import hashlib
import hmac
import json
import math
import os
import secrets
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from workshop_kit.errors import WorkshopError

#: letters and digits nobody misreads on a printed card (no 0/o, 1/l/i)
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
GROUPS = 4
GROUP_SIZE = 4
#: the strength the docs state (rounded down): log2(31 ** 16) = 79.27
PASSWORD_BITS = 79

PASSWORDS_FILE = "passwords.json"
LOCK_FILE = ".passwords.lock"
SCHEMA_VERSION = 2
FACILITATOR = "facilitator"
LEGACY_SCHEME = "pbkdf2_sha256"

#: argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): a login costs one core
#: tens of milliseconds, so a busy hub on two cores keeps up; the passwords are random codes of
#: 79 bits, so a costlier hash would add little against someone holding the file
HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


def new_password(groups: int = GROUPS, size: int = GROUP_SIZE) -> str:
    """A random code such as ``k7qm-3xwp-ta9e-r4hn`` (79 bits), easy to read out and type."""
    return "-".join(
        "".join(secrets.choice(CODE_ALPHABET) for _ in range(size)) for _ in range(groups)
    )


def password_bits(groups: int = GROUPS, size: int = GROUP_SIZE) -> float:
    """The entropy of :func:`new_password`, in bits: every character is an independent choice."""
    return groups * size * math.log2(len(CODE_ALPHABET))


def hash_password(password: str) -> str:
    """An argon2id hash (salted; its parameters are in the string)."""
    return HASHER.hash(password)


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` is the one ``stored`` was made from: argon2 hashes, and the
    ``pbkdf2_sha256$<iterations>$<salt>$<digest>`` hashes of earlier versions."""
    if stored.startswith("$argon2"):
        try:
            return HASHER.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False
    try:
        scheme, iterations, salt, digest = stored.split("$")
        if scheme != LEGACY_SCHEME:
            return False
        got = hashlib.pbkdf2_hmac(
            "sha256", password.encode("utf-8"), bytes.fromhex(salt), int(iterations)
        )
    except ValueError:
        return False
    return hmac.compare_digest(got.hex(), digest)


def needs_rehash(stored: str) -> bool:
    """An earlier version's hash, or argon2 with other parameters than :data:`HASHER`'s."""
    if not stored.startswith("$argon2"):
        return True
    try:
        return HASHER.check_needs_rehash(stored)
    except (InvalidHashError, ValueError):
        return True


# -- passwords.json --------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredAccount:
    """One account as ``passwords.json`` keeps it: its hash and whose it is, never a password."""

    username: str
    hash: str
    team: str = ""  # the team's name as the facilitator typed it; "" for the facilitator
    folder: str = ""  # the team's workspace folder; "" for the facilitator
    admin: bool = False

    def as_json(self) -> dict[str, str]:
        role = "admin" if self.admin else "team"
        return {"hash": self.hash, "team": self.team, "folder": self.folder, "role": role}


def _upgrade_v1(data: dict[str, object]) -> dict[str, object]:
    """Version 1 kept only ``{account: hash}``; the team names were in ``accounts.csv``, which
    this version does not read (it held the passwords in plain text)."""
    hashes = data.get("accounts", {})
    accounts = {
        str(user): {"hash": str(h), "team": "", "folder": "", "role": _role(str(user))}
        for user, h in (hashes.items() if isinstance(hashes, dict) else [])
    }
    return {"schema_version": 2, "accounts": accounts}


def _role(username: str) -> str:
    return "admin" if username == FACILITATOR else "team"


def parse_accounts(text: str) -> dict[str, StoredAccount]:
    """The accounts in the text of ``passwords.json`` (any version), in the file's order."""
    try:
        data = json.loads(text)
    except ValueError as error:
        raise WorkshopError(f"{PASSWORDS_FILE} is damaged ({error}).") from error
    if not isinstance(data, dict):
        raise WorkshopError(f"{PASSWORDS_FILE} is damaged (not a JSON object).")
    if data.get("schema_version", 1) == 1:
        data = _upgrade_v1(data)
    if data.get("schema_version") != SCHEMA_VERSION:
        raise WorkshopError(
            f"{PASSWORDS_FILE} has schema version {data.get('schema_version')!r}, which this "
            "version of the kit does not know. Update the kit."
        )
    accounts = data.get("accounts", {})
    if not isinstance(accounts, dict):
        raise WorkshopError(f"{PASSWORDS_FILE} is damaged (‘accounts’ is not an object).")
    found = {}
    for user, entry in accounts.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("hash"), str):
            raise WorkshopError(f"{PASSWORDS_FILE} is damaged (the account ‘{user}’).")
        found[str(user)] = StoredAccount(
            str(user),
            entry["hash"],
            str(entry.get("team", "")),
            str(entry.get("folder", "")),
            entry.get("role") == "admin",
        )
    return found


def read_accounts(hub_dir: Path) -> dict[str, StoredAccount]:
    """The accounts in ``<hub_dir>/passwords.json``; none if there is no such file."""
    try:
        text = (hub_dir / PASSWORDS_FILE).read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise WorkshopError(
            f"Cannot read {hub_dir / PASSWORDS_FILE} ({error.strerror}): run the command as "
            "the user who runs the hub (root)."
        ) from error
    return parse_accounts(text)


def load_password_hashes(hub_dir: Path) -> dict[str, str]:
    """``{username: hash}`` from ``passwords.json``; empty if it is missing or unreadable (the
    hub then lets nobody in)."""
    try:
        return {u: a.hash for u, a in read_accounts(hub_dir).items()}
    except WorkshopError:
        return {}


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` readable by its owner only (0600), never briefly wider, and
    whole: a temporary file renamed over the old one."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


@contextlib.contextmanager
def _locked(hub_dir: Path) -> Iterator[None]:
    hub_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(hub_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def update_accounts(
    hub_dir: Path, change: Callable[[dict[str, StoredAccount]], dict[str, StoredAccount]]
) -> dict[str, StoredAccount]:
    """Read ``passwords.json``, apply ``change`` and write the result, all under the lock."""
    with _locked(hub_dir):
        accounts = change(read_accounts(hub_dir))
        data = {
            "schema_version": SCHEMA_VERSION,
            "accounts": {u: a.as_json() for u, a in accounts.items()},
        }
        write_private(hub_dir / PASSWORDS_FILE, json.dumps(data, indent=2) + "\n")
    return accounts


def replace_hash(hub_dir: Path, username: str, old: str, new: str) -> bool:
    """Put ``new`` in place of the account's hash if it still is ``old`` (a rehash must not undo
    a password reset made meanwhile). Whether it was replaced."""
    done = False

    def change(accounts: dict[str, StoredAccount]) -> dict[str, StoredAccount]:
        nonlocal done
        account = accounts.get(username)
        if account is None or account.hash != old:
            return accounts
        done = True
        return {**accounts, username: dataclasses.replace(account, hash=new)}

    update_accounts(hub_dir, change)
    return done


def find_account(accounts: Mapping[str, StoredAccount], who: str) -> StoredAccount:
    """The account named by ``who``: its account name, its team's name or its team's folder."""
    wanted = who.strip()
    for account in accounts.values():
        if wanted in (account.username, account.folder) and wanted:
            return account
    folded = " ".join(wanted.split()).casefold()
    for account in accounts.values():
        if account.team and " ".join(account.team.split()).casefold() == folded:
            return account
    known = ", ".join(a.team or a.username for a in accounts.values()) or "none yet"
    raise WorkshopError(
        f"No account for ‘{who}’. Give a team's name, its account or ‘{FACILITATOR}’ "
        f"(accounts: {known})."
    )


def reset_password(hub_dir: Path, who: str) -> tuple[StoredAccount, str]:
    """Give the account named by ``who`` a new password: only its hash changes in
    ``passwords.json``. The account and its new password, to print once."""
    password = new_password()
    new_hash = hash_password(password)
    found: list[StoredAccount] = []

    def change(accounts: dict[str, StoredAccount]) -> dict[str, StoredAccount]:
        account = find_account(accounts, who)
        found.append(dataclasses.replace(account, hash=new_hash))
        return {**accounts, account.username: found[0]}

    if not (hub_dir / PASSWORDS_FILE).is_file():
        raise WorkshopError(
            f"There are no accounts in {hub_dir} yet: run `workshop-kit hub --from-file` first "
            "(or give the hub folder with --hub-dir)."
        )
    update_accounts(hub_dir, change)
    return found[0], password
