"""The hub's authenticator: passwords checked against the argon2id hashes ``workshop-kit hub``
wrote into ``passwords.json`` (imported by the generated ``jupyterhub_config.py``; needs the
``hub`` extra).

* The hash is checked in a worker thread, so the hub keeps answering every other request while
  a login is checked (a check costs tens of milliseconds of one core).
* Failed logins are limited (:mod:`workshop_kit.login_limits`): by default 5 failures for one
  account within 10 minutes refuse that account for 5 minutes, even with the right password,
  and 20 failures from one address refuse that address likewise. The refusal reads the same
  for an account that exists and one that does not, and is shown on the login page.
* A hash made by an earlier version (pbkdf2) is replaced by an argon2id hash at the account's
  next successful login.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

from jupyterhub.auth import Authenticator  # type: ignore[import-untyped]
from tornado import web
from traitlets import Callable, Float, Integer, Unicode

from workshop_kit import hub_passwords, login_limits
from workshop_kit.login_limits import LoginLimits

TOO_MANY = (
    "Too many failed logins for this account or from this place. Wait a few minutes and try "
    "again, or ask the facilitator."
)


class KitAuthenticator(Authenticator):  # type: ignore[misc]
    """Accounts and passwords from a file; nothing to do with the system's own passwords."""

    passwords_file = Unicode(help="passwords.json written by workshop-kit hub").tag(config=True)
    failures_per_account = Integer(
        login_limits.PER_ACCOUNT,
        help="failed logins for one account within failure_window that lock it",
    ).tag(config=True)
    failures_per_address = Integer(
        login_limits.PER_ADDRESS,
        help="failed logins from one client address within failure_window that lock it",
    ).tag(config=True)
    failure_window = Float(
        login_limits.WINDOW_SECONDS, help="seconds over which failed logins count"
    ).tag(config=True)
    lockout_seconds = Float(
        login_limits.LOCKOUT_SECONDS,
        help="seconds a locked account or address is refused, right password or not",
    ).tag(config=True)
    #: seconds, for the limits; tests give a clock of their own
    clock = Callable(time.monotonic)
    #: ``(password, stored hash) -> bool``, run in a worker thread; tests give a slow one
    verify = Callable(hub_passwords.verify_password)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.limits = LoginLimits(
            per_account=self.failures_per_account,
            per_address=self.failures_per_address,
            window=self.failure_window,
            lockout=self.lockout_seconds,
        )
        self._decoy: str | None = None

    async def authenticate(self, handler: Any, data: dict[str, str]) -> str | None:
        username = str(self.normalize_username(str(data.get("username", ""))))
        password = str(data.get("password", ""))
        request = getattr(handler, "request", None)
        address = str(getattr(request, "remote_ip", "") or "")
        if not self.limits.begin(username, address, self.clock()):
            self.log.warning("Login refused for %r from %s: too many failures", username, address)
            raise web.HTTPError(429, TOO_MANY)
        hub_dir = Path(self.passwords_file).parent
        # read on every login, so a re-run of `workshop-kit hub` or a password reset applies
        # without a restart
        stored = hub_passwords.load_password_hashes(hub_dir).get(username)
        # an account that does not exist costs the same check as one that does
        checked = stored if stored is not None else await self._decoy_hash()
        right = await asyncio.to_thread(self.verify, password, checked)
        if stored is None or not right:
            self.limits.failed(username, address, self.clock())
            return None
        self.limits.succeeded(username, address)
        if hub_passwords.needs_rehash(stored):
            await asyncio.to_thread(self._rehash, hub_dir, username, password, stored)
        return username

    async def _decoy_hash(self) -> str:
        if self._decoy is None:
            self._decoy = await asyncio.to_thread(hub_passwords.hash_password, "no account")
        return self._decoy

    def _rehash(self, hub_dir: Path, username: str, password: str, stored: str) -> None:
        try:
            new = hub_passwords.hash_password(password)
            if hub_passwords.replace_hash(hub_dir, username, stored, new):
                self.log.info("Rehashed the password of %r with argon2id", username)
        except Exception:  # a login that succeeded stays a success; the old hash still works
            self.log.exception("Could not rehash the password of %r", username)
