"""The Solara app: every page of the workshop from one process, at plain addresses.

``/`` is the landing page, ``/day1?team=lincoln-ilt`` a team's Day 1, and so on (see
:mod:`.site`). Each browser tab is a Solara virtual kernel: its page component starts the tab's
own :class:`~workshop_kit.session.Session` (team from the address) and builds the page's widgets
for it, so nothing a tab holds is reachable from another tab. Composed notebooks are cached per
file version; they are immutable and hold no team's data.

Started by :mod:`.server` (``workshop-kit app``), which sets the workspace and Solara's settings
before this module is imported.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import ipywidgets as widgets
import solara
from solara.lab.utils.cookies import cookies as browser_cookies

from workshop_kit import paths
from workshop_kit.errors import WorkshopError
from workshop_kit.logic.join_codes import codes_from_cookie, normalize
from workshop_kit.pages.access import (
    COOKIE,
    SERVED_FOR_ENV,
    Access,
    Needs,
    access_for,
    address_team,
    page_needs,
    read_join_codes,
    served_for,
)
from workshop_kit.pages.compose import Part, compose_file, notebook_title, read_notebook
from workshop_kit.pages.registry import activity_registry
from workshop_kit.pages.render import page_widgets
from workshop_kit.pages.site import SitePage, link_for, root_path, site_pages
from workshop_kit.session import Session
from workshop_kit.store import Workspace
from workshop_kit.ui.guard import UNEXPECTED
from workshop_kit.ui.html import esc
from workshop_kit.ui.messages import Messages
from workshop_kit.ui.parts import button, tagged

log = logging.getLogger("workshop_kit")


@functools.lru_cache(maxsize=64)
def _composed(path: str, version: int) -> tuple[Part, ...]:
    links = functools.partial(link_for, root=root_path(os.environ))
    return tuple(compose_file(Path(path), activity_registry(), links))


def composed(page: SitePage) -> tuple[Part, ...]:
    """The page's parts, composed again only when its notebook changes."""
    try:
        version = page.notebook.stat().st_mtime_ns
    except OSError:
        version = -1
    return _composed(str(page.notebook), version)


def _plain(text: str) -> widgets.HTML:
    widget = widgets.HTML(f'<p class="wk-msg wk-error" role="alert">{esc(text)}</p>')
    widget.add_class("wk-page-problem")
    return widget


def hub_access() -> Access | None:
    """On the hub, what this server's account opens (None elsewhere: the codes decide)."""
    return served_for(os.environ.get(SERVED_FOR_ENV, ""))


#: on the hub, a team's pages server asked for a page that is not the team's
NOT_YOURS: dict[Needs, str] = {
    Needs.TEAM_CODE: (
        "This page belongs to another team. Your account opens only your own team's pages: "
        "open the start page to find them."
    ),
    Needs.FACILITATOR_CODE: (
        "This page is for the facilitator. Your account opens your own team's pages: open the "
        "start page to find them."
    ),
}


def page_access(typed: tuple[str, ...]) -> Access:
    """What the codes typed in this browser open (nothing before the codes were made); on the
    hub, what the logged-in account opens, whatever was typed."""
    fixed = hub_access()
    if fixed is not None:
        return fixed
    codes = read_join_codes(Workspace.default())
    return access_for(codes, typed) if codes is not None else Access(False, frozenset())


def build_page(
    page: SitePage, query: str, typed: tuple[str, ...], on_code: Callable[[str], None]
) -> list[widgets.Widget]:
    """The widgets of one tab's page: a new session, from the address's query; or, when the
    codes this browser holds do not open the page, the plain page asking for one."""
    try:
        access = page_access(typed)
        needs = page_needs(page.address, query, access)
        on_hub = hub_access() is not None
        if needs is not Needs.NOTHING and on_hub:
            return [_plain(NOT_YOURS[needs])]
        if needs is not Needs.NOTHING:
            return [
                join_form(
                    needs,
                    lambda code: (
                        page_needs(page.address, query, page_access((*typed, code)))
                        is Needs.NOTHING
                    ),
                    on_code,
                )
            ]
        session = Session.start(query=query, app_page=True)
        session.allowed = access.allowed_teams()
        session.facilitator = access.facilitator
        made = page_widgets(composed(page), session)
        if not on_hub and not access.facilitator and not address_team(query):
            # a page without a team: a team opens its own workbook here with its code
            # below the page's title and opening words (the first part), above its panels
            made.insert(min(1, len(made)), join_form(None, opens_a_team, on_code))
        return made
    except WorkshopError as exc:
        return [_plain(exc.message)]
    except Exception:
        log.exception("building the page %s failed", page.path)
        return [_plain(UNEXPECTED)]


def opens_a_team(code: str) -> bool:
    return bool(page_access((code,)).teams)


ASK: dict[Needs | None, str] = {
    None: (
        "To open your team's workbook, type its join code from the card your facilitator gave "
        "you; this browser remembers it afterwards. To look around first, open the demo school."
    ),
    Needs.TEAM_CODE: (
        "This page belongs to a team. Type the team's join code (it is on the card your "
        "facilitator gave you) to open it; this browser remembers it afterwards."
    ),
    Needs.FACILITATOR_CODE: (
        "This page is for the facilitator. Type the facilitator's join code to open it; this "
        "browser remembers it afterwards."
    ),
}


def join_form(
    needs: Needs | None, opens: Callable[[str], bool], on_code: Callable[[str], None]
) -> widgets.VBox:
    """The plain page asking for a join code (``needs``), or the box on a page without a team
    (None). A wrong code gets a plain message; one that ``opens`` the page is handed to
    ``on_code`` (the page then rebuilds itself with it)."""
    heading, title = ("h1", "Type your join code") if needs else ("h2", "Your team's join code")
    message = Messages()
    code = tagged(
        widgets.Text(
            description="Join code", placeholder="e.g. k7qm-3xwp", continuous_update=False
        ),
        "wk-join-code",
    )

    def try_code() -> None:
        typed = normalize(code.value or "")
        if not typed:
            message.error("Type the join code first.")
            return
        if opens(typed):
            on_code(typed)
            return
        access = page_access((typed,))
        if access.facilitator or access.teams:
            message.error(
                "That code opens other pages, not this one. Check the card and try again."
            )
        else:
            message.error("That is not a join code of this workshop. Check the card and try again.")

    form = widgets.VBox(
        [
            widgets.HTML(
                f'<{heading}>{title}</{heading}><p class="wk-join-why">{esc(ASK[needs])}</p>'
            ),
            widgets.HBox(
                [code, button("wk-join-open", try_code, "Open", "unlock", style="primary")]
            ),
            message,
        ]
    )
    form.add_class("wk-join")
    return form


#: the "Large type" switch above every page: a real button (Tab reaches it,
#: Enter or Space presses it), its state in aria-pressed; the page's script (custom.js) turns it
#: on and off and keeps the choice in the browser, under the key it has always had
LARGE_TYPE_SWITCH = (
    '<button type="button" class="wk-large-type-switch" aria-pressed="false" '
    'title="Larger text and controls, for a projector">Large type</button>'
)


@solara.component
def Layout(children: list[Any] | None = None) -> Any:
    # the page's stylesheet is in the page's head (pages/server.py writes it as Solara's
    # custom.css); elements made in a component that returns one are only shown when they are
    # its children
    bar = solara.HTML(unsafe_innerHTML=LARGE_TYPE_SWITCH, classes=["wk-display-bar"])
    return solara.Column(children=[bar, *(children or [])], classes=["wk-site"])


def _page_component(page: SitePage, title: str) -> Callable[[], Any]:
    @solara.component
    def WorkshopPage() -> Any:
        router = solara.use_router()
        query = router.search or ""
        cookies = browser_cookies.value or {}
        typed, set_typed = solara.use_state(tuple(codes_from_cookie(cookies.get(COOKIE))))

        def on_code(code: str) -> None:
            set_typed(lambda held: held if code in held else (*held, code))
            if not address_team(query):
                teams = sorted(page_access((code,)).teams)
                if teams:  # a team's code on a page without a team: that team's page
                    router.push(f"{page.path}?{urlencode({'team': teams[0]})}")

        children = solara.use_memo(
            lambda: build_page(page, query, typed, on_code), dependencies=[query, typed]
        )
        return solara.Column(
            children=[solara.Title(title), *children],
            classes=["wk-page", f"wk-page-{page.address}"],
        )

    return WorkshopPage


@solara.component
def NoLanding() -> Any:
    return solara.Column(
        children=[
            solara.Title("Workshop"),
            _plain("This workshop has no start page. Please tell your facilitator."),
        ]
    )


def make_routes(folder: Path) -> list[solara.Route]:
    """One route per notebook with an address; the landing page at the root."""
    routes: list[solara.Route] = []
    root: solara.Route | None = None
    for page in site_pages(folder):
        try:
            title = notebook_title(read_notebook(page.notebook), page.address or "Workshop")
        except (OSError, ValueError):
            title = page.address or "Workshop"
        component = _page_component(page, title)
        if page.address == "":
            root = solara.Route(path="/", component=component, label=title, layout=Layout)
        else:
            routes.append(solara.Route(path=page.address, component=component, label=title))
    if root is None:
        root = solara.Route(path="/", component=NoLanding, label="Workshop", layout=Layout)
    return [root, *routes]


routes = make_routes(paths.notebooks_dir())
