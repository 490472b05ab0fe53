"""How many failed logins the hub takes before it refuses an account, or an address, for a while.

Kept in memory by the hub's authenticator (:mod:`workshop_kit.hub_auth`); the clock is passed in
(``now``, in seconds), so the rules are tested without waiting.

* Every attempt counts as a failure from the moment it starts: guesses sent at once cannot all
  slip in before the first is counted. A successful login takes its own count back and clears
  the account's failures.
* An account (the name as typed, whether or not such an account exists, so a refusal says
  nothing about which accounts exist) with ``per_account`` failures within ``window`` seconds
  is refused for ``lockout`` seconds, even with the right password.
* An address with ``per_address`` failures within ``window`` seconds is refused likewise.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

#: the defaults, as the docs and the generated jupyterhub_config.py state them
PER_ACCOUNT = 5
PER_ADDRESS = 20
WINDOW_SECONDS = 600.0
LOCKOUT_SECONDS = 300.0


@dataclass
class _Counter:
    failures: deque[float] = field(default_factory=deque)
    locked_until: float = float("-inf")

    def locked(self, now: float) -> bool:
        return now < self.locked_until

    def forget_before(self, start: float) -> None:
        while self.failures and self.failures[0] < start:
            self.failures.popleft()

    def idle(self, now: float) -> bool:
        return not self.failures and not self.locked(now)


@dataclass
class LoginLimits:
    per_account: int = PER_ACCOUNT
    per_address: int = PER_ADDRESS
    window: float = WINDOW_SECONDS
    lockout: float = LOCKOUT_SECONDS
    _accounts: dict[str, _Counter] = field(default_factory=dict)
    _addresses: dict[str, _Counter] = field(default_factory=dict)

    def begin(self, username: str, address: str | None, now: float) -> bool:
        """Whether an attempt for ``username`` from ``address`` may be checked at all. If it may,
        it counts as a failure until :meth:`succeeded` says otherwise."""
        self._forget(now)
        counters = self._counters(username, address)
        if any(c.locked(now) or len(c.failures) >= limit for c, limit in counters):
            return False  # locked, or as many attempts under way as the limit allows
        for counter, _ in counters:
            counter.failures.append(now)
        return True

    def failed(self, username: str, address: str | None, now: float) -> None:
        """The attempt :meth:`begin` let through was wrong: lock what reached its limit."""
        for counter, limit in self._counters(username, address):
            if len(counter.failures) >= limit:
                counter.failures.clear()
                counter.locked_until = now + self.lockout

    def succeeded(self, username: str, address: str | None) -> None:
        """The attempt :meth:`begin` let through was right: the account starts afresh, and the
        address's count takes this attempt back."""
        self._accounts.pop(username, None)
        counter = self._addresses.get(address) if address else None
        if counter is not None and counter.failures:
            counter.failures.pop()

    def tracked(self) -> int:
        """How many accounts and addresses are remembered (names typed once are forgotten)."""
        return len(self._accounts) + len(self._addresses)

    def _counters(self, username: str, address: str | None) -> list[tuple[_Counter, int]]:
        counters = [(self._accounts.setdefault(username, _Counter()), self.per_account)]
        if address:
            counters.append((self._addresses.setdefault(address, _Counter()), self.per_address))
        return counters

    def _forget(self, now: float) -> None:
        """Drop failures older than the window and counters with nothing left to remember, so
        names typed once do not pile up in memory."""
        for table in (self._accounts, self._addresses):
            for key in list(table):
                table[key].forget_before(now - self.window)
                if table[key].idle(now):
                    del table[key]
