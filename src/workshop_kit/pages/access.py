"""Who may open which page on the pages server (issue 31, item 2). Not a widget in sight.

* A team's pages (``/day1?team=lincoln-ilt``) open with that team's join code or the
  facilitator's; the demo school's are open to all (it is made up, and it is how people look
  around).
* The facilitator's pages (``/guide``, ``/overview``) open with the facilitator's code.
* A page without a team opens for anyone, and its team picker lists only the teams the browser
  has a code for (all of them for the facilitator).

The codes a browser has typed come in its ``wk-codes`` cookie (set by the page's script when a
code is typed; see ``data/pages/assets/custom.js``) or are typed on the page itself.

On the hub no code is asked: each account's pages server is reachable only through that
account's Jupyter server, behind the hub's login, so the login has already said who is there.
The hub names the account in :data:`SERVED_FOR_ENV` (:func:`served_for`): a team's pages server
opens that team's pages (and the demo's) and no other team's; the facilitator's opens all.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from workshop_kit.errors import WorkshopError
from workshop_kit.exports.join_cards import join_cards_html
from workshop_kit.logic.join_codes import JoinCodes
from workshop_kit.model.team import Team
from workshop_kit.session import PageAddress
from workshop_kit.store import DEMO_SLUG, JOIN_CARDS_FILE, JOIN_CODES_FILE, Workspace, team_slug

#: the pages only the facilitator opens
FACILITATOR_PAGES = frozenset({"guide", "overview"})
COOKIE = "wk-codes"
#: on the hub: whom this pages server serves (``team:<folder>`` or ``facilitator``)
SERVED_FOR_ENV = "WORKSHOP_KIT_PAGES_FOR"


class Needs(Enum):
    NOTHING = "nothing"
    TEAM_CODE = "team"
    FACILITATOR_CODE = "facilitator"


@dataclass(frozen=True)
class Access:
    """What the codes a browser holds open: every page (the facilitator), or these teams."""

    facilitator: bool
    teams: frozenset[str]

    def allowed_teams(self) -> frozenset[str] | None:
        """The teams a page's picker may open (None: every team)."""
        return None if self.facilitator else self.teams | {DEMO_SLUG}


def served_for(value: str) -> Access | None:
    """What a pages server started for one hub account opens (None: not on the hub, the join
    codes decide). An unreadable value opens nothing rather than everything."""
    if not value:
        return None
    if value == "facilitator":
        return Access(True, frozenset())
    kind, _, slug = value.partition(":")
    try:
        readable = kind == "team" and team_slug(slug) == slug  # a folder name, as the hub writes
    except WorkshopError:
        readable = False
    return Access(False, frozenset({slug} if readable else ()))


def access_for(codes: JoinCodes, typed: Iterable[str]) -> Access:
    held = list(typed)
    facilitator = False
    teams: set[str] = set()
    for code in held:
        if codes.is_facilitator(code):
            facilitator = True
        slug = codes.team_of(code)
        if slug is not None:
            teams.add(slug)
    return Access(facilitator, frozenset(teams))


def address_team(query: str) -> str:
    """The team folder the page address names ("" for none, or for a name no folder can have:
    the page then says so as it always has)."""
    name = PageAddress.parse(query).team
    if not name:
        return ""
    try:
        return team_slug(name)
    except WorkshopError:
        return ""


def page_needs(address: str, query: str, access: Access) -> Needs:
    """What is still missing before the page at ``address`` with ``query`` may be shown."""
    if access.facilitator:
        return Needs.NOTHING
    if address in FACILITATOR_PAGES:
        return Needs.FACILITATOR_CODE
    slug = address_team(query)
    if slug and slug != DEMO_SLUG and slug not in access.teams:
        return Needs.TEAM_CODE
    return Needs.NOTHING


def teams_needing_codes(ws: Workspace) -> list[str]:
    return [slug for slug in ws.team_slugs() if slug != DEMO_SLUG]


def read_join_codes(ws: Workspace) -> JoinCodes | None:
    """The workspace's codes as saved (None before any were made). Pages only read them: a
    team created since the server started opens with the facilitator's code until
    ``workshop-kit join-codes`` (or a restart) gives it one."""
    data = ws.join_codes_data()
    if data is None:
        return None
    try:
        return JoinCodes.from_data(data)
    except ValueError as exc:
        raise WorkshopError(
            f"The join codes file {ws.root / JOIN_CODES_FILE} is damaged ({exc}); move it away "
            "and run `workshop-kit join-codes` to make new ones (and print new cards)."
        ) from None


def ensure_join_codes(ws: Workspace) -> JoinCodes:
    """The workspace's codes, with a code for every team (made and saved if one is missing;
    a code already made never changes)."""
    codes = read_join_codes(ws)
    data_missing = codes is None
    codes = codes or JoinCodes.new()
    wanted = codes.with_codes_for(teams_needing_codes(ws))
    if data_missing or wanted != codes:
        ws.save_private(JOIN_CODES_FILE, _json(wanted))
    return wanted


def write_join_cards(ws: Workspace, url: str) -> Path:
    """Write the cards to print (every team's code and the facilitator's); gives their path."""
    codes = ensure_join_codes(ws)
    names: dict[str, str] = {}
    for slug in codes.teams:
        try:
            names[slug] = ws.open_team(slug).peek(Team).name
        except WorkshopError:
            names[slug] = slug
    html = join_cards_html(codes, names, url.rstrip("/"))
    return ws.save_private(JOIN_CARDS_FILE, html.encode("utf-8"))


def _json(codes: JoinCodes) -> bytes:
    return (json.dumps(codes.to_data(), indent=2) + "\n").encode("utf-8")
