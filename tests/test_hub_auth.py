"""The hub's authenticator (workshop_kit.hub_auth) and its limits on failed logins
(workshop_kit.login_limits): called directly, with a clock of the test's own; no hub runs.

The one stand-in is the login request handler: a real one needs a live Tornado request, and the
authenticator reads only ``handler.request.remote_ip`` from it."""

from __future__ import annotations

import asyncio
import hashlib
import json
import threading
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from tests.coroutines import run

from workshop_kit import hub, hub_passwords
from workshop_kit.login_limits import LoginLimits


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def legacy_hash(password: str) -> str:
    """A hash as versions before argon2 wrote it (made here, not by the kit)."""
    salt = b"0123456789abcdef"
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 1000)
    return f"pbkdf2_sha256$1000${salt.hex()}${digest.hex()}"


def handler(address: str) -> Any:
    return SimpleNamespace(request=SimpleNamespace(remote_ip=address))


class TestLimits:
    """The rules alone: every attempt is begun, then failed or succeeded."""

    def test_five_failures_lock_the_account_for_the_lockout(self) -> None:
        limits = LoginLimits(per_account=5, per_address=100, window=600, lockout=300)
        for second in range(5):
            assert limits.begin("team-oak", "10.0.0.1", second)
            limits.failed("team-oak", "10.0.0.1", second)
        assert not limits.begin("team-oak", "10.0.0.2", 5)  # from anywhere
        assert not limits.begin("team-oak", "10.0.0.2", 4 + 299)
        assert limits.begin("team-elm", "10.0.0.1", 6)  # other accounts are not touched
        assert limits.begin("team-oak", "10.0.0.2", 4 + 300)

    def test_failures_older_than_the_window_are_forgotten(self) -> None:
        limits = LoginLimits(per_account=5, window=600, lockout=300)
        for second in (0, 1, 2, 3, 700, 701, 702, 703):  # never 5 within 600 s
            assert limits.begin("team-oak", None, second), second
            limits.failed("team-oak", None, second)
        assert limits.begin("team-oak", None, 704)
        limits.failed("team-oak", None, 704)  # the 5th within 600 s
        assert not limits.begin("team-oak", None, 705)

    def test_a_success_clears_the_accounts_count(self) -> None:
        limits = LoginLimits(per_account=5)
        for second in range(4):
            assert limits.begin("team-oak", None, second)
            limits.failed("team-oak", None, second)
        assert limits.begin("team-oak", None, 4)
        limits.succeeded("team-oak", None)
        for second in range(5, 9):
            assert limits.begin("team-oak", None, second)
            limits.failed("team-oak", None, second)
        assert limits.begin("team-oak", None, 9)  # 4 failures since the success: not locked

    def test_attempts_under_way_count_before_they_end(self) -> None:
        """Guesses sent at once: the sixth is refused before any of the five is answered."""
        limits = LoginLimits(per_account=5)
        assert all(limits.begin("team-oak", None, 0) for _ in range(5))
        assert not limits.begin("team-oak", None, 0)

    def test_twenty_failures_from_one_address_lock_the_address(self) -> None:
        limits = LoginLimits(per_account=5, per_address=20, lockout=300)
        for n in range(20):
            assert limits.begin(f"guess-{n}", "10.0.0.9", n)
            limits.failed(f"guess-{n}", "10.0.0.9", n)
        assert not limits.begin("team-oak", "10.0.0.9", 20)
        assert limits.begin("team-oak", "10.0.0.10", 20)
        assert limits.begin("team-oak", "10.0.0.9", 19 + 300)

    def test_a_name_typed_once_is_forgotten(self) -> None:
        limits = LoginLimits(window=600, lockout=300)
        for n in range(50):
            assert limits.begin(f"typo-{n}", f"10.0.{n}.1", 0)
            limits.failed(f"typo-{n}", f"10.0.{n}.1", 0)
        assert limits.tracked() == 100
        limits.begin("team-oak", "10.0.0.2", 1000)
        assert limits.tracked() == 2  # only this attempt's account and address


pytest.importorskip("jupyterhub", reason="the hub extra is not installed")


@pytest.fixture
def hub_dir(tmp_path: Path) -> Path:
    hub.prepare(hub.HubSettings(tmp_path / "hub", tmp_path / "ws"), ["Oak ILT"], unix=False)
    return tmp_path / "hub"


@pytest.fixture
def oak(hub_dir: Path) -> str:
    """Team Oak's password (a reset gives one to the test)."""
    return hub_passwords.reset_password(hub_dir, "Oak ILT")[1]


def authenticator(hub_dir: Path, **traits: Any) -> Any:
    from workshop_kit.hub_auth import KitAuthenticator

    return KitAuthenticator(passwords_file=str(hub_dir / hub.PASSWORDS_FILE), **traits)


def login(auth: Any, user: str, password: str, address: str = "10.0.0.1") -> str | None:
    """The authenticator's answer: the account, None (wrong), or "refused: <message>"."""
    from tornado.web import HTTPError

    try:
        answer: str | None = run(
            auth.authenticate(handler(address), {"username": user, "password": password})
        )
    except HTTPError as refused:
        assert refused.status_code == 429
        return f"refused: {refused.get_message()}"
    return answer


class TestAuthenticator:
    def test_it_checks_the_file(self, hub_dir: Path, oak: str) -> None:
        auth = authenticator(hub_dir)
        assert login(auth, "team-oak-ilt", oak) == "team-oak-ilt"
        assert login(auth, "team-oak-ilt", oak + "x") is None
        assert login(auth, "team-nobody", oak) is None
        assert run(auth.authenticate(None, {"username": "team-oak-ilt", "password": oak}))

    def test_five_failures_lock_the_account_even_for_the_right_password(
        self, hub_dir: Path, oak: str
    ) -> None:
        from workshop_kit.hub_auth import TOO_MANY

        clock = Clock()
        auth = authenticator(hub_dir, clock=clock)
        for n in range(5):
            assert login(auth, "team-oak-ilt", f"wrong-{n}", f"10.0.0.{n}") is None
        assert login(auth, "team-oak-ilt", oak, "10.0.1.1") == f"refused: {TOO_MANY}"
        clock.now += 299
        assert login(auth, "team-oak-ilt", oak) == f"refused: {TOO_MANY}"
        clock.now += 1
        assert login(auth, "team-oak-ilt", oak) == "team-oak-ilt"

    def test_the_refusal_does_not_say_whether_the_account_exists(self, hub_dir: Path) -> None:
        auth = authenticator(hub_dir, clock=Clock())
        answers = {}
        for user in ("team-oak-ilt", "team-nobody"):
            for n in range(5):
                assert login(auth, user, f"wrong-{n}", f"10.0.{n}.1") is None
            answers[user] = login(auth, user, "wrong", "10.0.9.1")
        assert answers["team-oak-ilt"] == answers["team-nobody"]
        assert str(answers["team-nobody"]).startswith("refused")

    def test_a_success_resets_the_accounts_count(self, hub_dir: Path, oak: str) -> None:
        auth = authenticator(hub_dir, clock=Clock())
        for _ in range(2):
            for n in range(4):
                assert login(auth, "team-oak-ilt", f"wrong-{n}") is None
            assert login(auth, "team-oak-ilt", oak) == "team-oak-ilt"

    def test_twenty_failures_lock_the_address(self, hub_dir: Path, oak: str) -> None:
        clock = Clock()
        auth = authenticator(hub_dir, clock=clock)
        for n in range(20):
            assert login(auth, f"team-guess-{n}", "wrong", "192.0.2.7") is None
        assert str(login(auth, "team-oak-ilt", oak, "192.0.2.7")).startswith("refused")
        assert login(auth, "team-oak-ilt", oak, "192.0.2.8") == "team-oak-ilt"
        clock.now += 300
        assert login(auth, "team-oak-ilt", oak, "192.0.2.7") == "team-oak-ilt"

    def test_the_limits_are_configurable(self, hub_dir: Path, oak: str) -> None:
        auth = authenticator(hub_dir, clock=Clock(), failures_per_account=2, lockout_seconds=10)
        assert login(auth, "team-oak-ilt", "wrong") is None
        assert login(auth, "team-oak-ilt", "wrong") is None
        assert str(login(auth, "team-oak-ilt", oak)).startswith("refused")

    def test_the_check_runs_off_the_event_loop(self, hub_dir: Path, oak: str) -> None:
        """A slow check (0.5 s) in a worker thread: a 20 ms timer on the loop fires meanwhile."""
        seen: dict[str, Any] = {}

        def slow_verify(password: str, stored: str) -> bool:
            seen["thread"] = threading.current_thread()
            time.sleep(0.5)
            seen["verified"] = time.monotonic()
            return hub_passwords.verify_password(password, stored)

        auth = authenticator(hub_dir, verify=slow_verify)

        async def both() -> tuple[str | None, float]:
            attempt = asyncio.ensure_future(
                auth.authenticate(
                    handler("10.0.0.1"), {"username": "team-oak-ilt", "password": oak}
                )
            )
            await asyncio.sleep(0.02)
            fired = time.monotonic()
            seen["loop"] = threading.current_thread()
            return await attempt, fired

        answer, fired = run(both())
        assert answer == "team-oak-ilt"
        assert fired < seen["verified"]
        assert seen["thread"] is not seen["loop"]

    def test_an_account_that_does_not_exist_costs_a_check_too(self, hub_dir: Path) -> None:
        calls: list[str] = []

        def counting(password: str, stored: str) -> bool:
            calls.append(stored)
            return hub_passwords.verify_password(password, stored)

        auth = authenticator(hub_dir, verify=counting)
        assert login(auth, "team-nobody", "anything") is None
        assert len(calls) == 1 and calls[0].startswith("$argon2id$")

    def test_an_old_hash_is_replaced_by_argon2_at_the_next_login(self, hub_dir: Path) -> None:
        data = json.loads((hub_dir / hub.PASSWORDS_FILE).read_text(encoding="utf-8"))
        data["accounts"]["team-oak-ilt"]["hash"] = legacy_hash("old-pass")
        (hub_dir / hub.PASSWORDS_FILE).write_text(json.dumps(data), encoding="utf-8")
        facilitator = data["accounts"]["facilitator"]["hash"]
        auth = authenticator(hub_dir)
        assert login(auth, "team-oak-ilt", "wrong") is None
        stored = hub_passwords.load_password_hashes(hub_dir)
        assert stored["team-oak-ilt"].startswith("pbkdf2_sha256$")  # a failure changes nothing
        assert login(auth, "team-oak-ilt", "old-pass") == "team-oak-ilt"
        stored = hub_passwords.load_password_hashes(hub_dir)
        assert stored["team-oak-ilt"].startswith("$argon2id$")
        assert hub_passwords.verify_password("old-pass", stored["team-oak-ilt"])
        assert stored["facilitator"] == facilitator
        assert login(auth, "team-oak-ilt", "old-pass") == "team-oak-ilt"
