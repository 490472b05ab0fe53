"""The hub's authenticator: passwords checked against the argon2id hashes ``workshop-kit hub``
wrote into ``passwords.json`` (imported by the generated ``jupyterhub_config.py``; needs the
``hub`` extra)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jupyterhub.auth import Authenticator  # type: ignore[import-untyped]
from traitlets import Unicode

from workshop_kit.hub_passwords import load_password_hashes, verify_password


class KitAuthenticator(Authenticator):  # type: ignore[misc]
    """Accounts and passwords from a file; nothing to do with the system's own passwords."""

    passwords_file = Unicode(help="passwords.json written by workshop-kit hub").tag(config=True)

    async def authenticate(self, handler: Any, data: dict[str, str]) -> str | None:
        username = str(self.normalize_username(str(data.get("username", ""))))
        password = str(data.get("password", ""))
        # read on every login, so a re-run of `workshop-kit hub` applies without a restart
        stored = load_password_hashes(Path(self.passwords_file).parent).get(username)
        if stored is None or not verify_password(password, stored):
            return None
        return username
