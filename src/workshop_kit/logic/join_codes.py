"""Join codes: what opens a team's pages on the room's one pages server (issue 31, item 2).

Each team has a short random code a person can read off a printed card and type (``k7qm-3xwp``:
letters and digits nobody misreads, 8 of 31 signs, about 40 bits); the facilitator has a longer
one that opens every page. A code is checked by comparing it with every stored code in constant
time, so neither the time an answer takes nor where the search stopped tells a guesser anything.
Pure: no files (the store keeps them) and no widgets (the pages ask).
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

#: letters and digits nobody misreads on a printed card (no 0/o, 1/l/i)
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
TEAM_GROUPS = 2
FACILITATOR_GROUPS = 3
GROUP_SIZE = 4
SCHEMA_VERSION = 1
#: the longest text looked at as a code (anything longer is not a code)
MAX_TYPED = 64


def new_code(groups: int = TEAM_GROUPS, size: int = GROUP_SIZE) -> str:
    """A random code such as ``k7qm-3xwp``, from :mod:`secrets`."""
    return "-".join("".join(secrets.choice(ALPHABET) for _ in range(size)) for _ in range(groups))


def normalize(typed: str) -> str:
    """A code as typed -> its letters and digits, lower case: case, spaces and dashes do not
    matter (``K7QM 3XWP`` is ``k7qm-3xwp``)."""
    return "".join(ch for ch in typed[:MAX_TYPED].lower() if ch.isalnum())


def code_matches(typed: str, stored: str) -> bool:
    """Whether ``typed`` is ``stored`` (constant time in the codes' content)."""
    wanted = normalize(stored)
    return bool(wanted) and hmac.compare_digest(normalize(typed).encode(), wanted.encode())


@dataclass(frozen=True)
class JoinCodes:
    """The facilitator's code and one code per team (by the team's folder name)."""

    facilitator: str
    teams: Mapping[str, str] = field(default_factory=dict)

    def is_facilitator(self, typed: str) -> bool:
        return code_matches(typed, self.facilitator)

    def team_of(self, typed: str) -> str | None:
        """The team whose code ``typed`` is, or None. Every team's code is compared, always."""
        found: str | None = None
        for slug, code in sorted(self.teams.items()):
            if code_matches(typed, code):
                found = slug
        return found

    def opens(self, typed: Iterable[str], slug: str) -> bool:
        """Whether one of the ``typed`` codes opens the pages of team ``slug`` (its own code,
        or the facilitator's)."""
        own = self.teams.get(slug, "")
        allowed = False
        for code in typed:
            if code_matches(code, own) or self.is_facilitator(code):
                allowed = True
        return allowed

    def with_codes_for(self, slugs: Iterable[str], make: Callable[[], str] = new_code) -> JoinCodes:
        """These codes, plus a new one for each team in ``slugs`` that has none (codes already
        printed never change)."""
        teams = dict(self.teams)
        for slug in slugs:
            if slug not in teams:
                teams[slug] = make()
        return JoinCodes(self.facilitator, teams)

    def to_data(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "facilitator": self.facilitator,
            "teams": dict(sorted(self.teams.items())),
        }

    @classmethod
    def from_data(cls, data: object) -> JoinCodes:
        """Read what :meth:`to_data` wrote; ValueError names what is wrong."""
        if not isinstance(data, dict):
            raise ValueError("the join codes are not a table of names and codes")
        if data.get("schema_version") != SCHEMA_VERSION:
            raise ValueError(f"unknown schema_version {data.get('schema_version')!r}")
        facilitator = data.get("facilitator")
        teams = data.get("teams")
        if not isinstance(facilitator, str) or len(normalize(facilitator)) < 8:
            raise ValueError("the facilitator's code is missing or too short")
        if not isinstance(teams, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and normalize(v) for k, v in teams.items()
        ):
            raise ValueError("the teams' codes are not a table of team folders and codes")
        return cls(facilitator, dict(teams))

    @classmethod
    def new(cls, slugs: Iterable[str] = ()) -> JoinCodes:
        return cls(new_code(FACILITATOR_GROUPS)).with_codes_for(slugs)


def codes_from_cookie(value: str | None) -> list[str]:
    """The codes a browser remembers (the ``wk-codes`` cookie: codes joined by ``.``)."""
    if not value:
        return []
    return [normalize(part) for part in value[:1000].split(".") if normalize(part)][:8]
