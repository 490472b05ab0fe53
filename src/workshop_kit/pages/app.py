"""The Solara app: every page of the workshop from one process, at plain addresses.

``/`` is the landing page, ``/day1?team=lincoln-ilt`` a team's Day 1, and so on (see
:mod:`.site`). Each browser tab is a Solara virtual kernel: its page component starts the tab's
own :class:`~workshop_kit.session.Session` (team from the address) and builds the page's widgets
for it, so nothing a tab holds is reachable from another tab. Composed notebooks are cached per
file version; they are immutable and hold no team's data.

Started by :mod:`.server` (``workshop-kit pages``), which sets the workspace and Solara's settings
before this module is imported.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import solara

from workshop_kit import paths
from workshop_kit.activities.common import UNEXPECTED, esc
from workshop_kit.errors import WorkshopError
from workshop_kit.pages.compose import Part, compose_file, notebook_title, read_notebook
from workshop_kit.pages.registry import activity_registry
from workshop_kit.pages.render import page_widgets
from workshop_kit.pages.site import SitePage, link_for, site_pages
from workshop_kit.pages.style import kit_css
from workshop_kit.session import Session

log = logging.getLogger("workshop_kit")

KIT_CSS = kit_css()  # read once, when the server starts


@functools.lru_cache(maxsize=64)
def _composed(path: str, version: int) -> tuple[Part, ...]:
    return tuple(compose_file(Path(path), activity_registry(), link_for))


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


def build_page(page: SitePage, query: str) -> list[widgets.Widget]:
    """The widgets of one tab's page: a new session, from the address's query."""
    try:
        session = Session.start(query=query, app_page=True)
        return page_widgets(composed(page), session)
    except WorkshopError as exc:
        return [_plain(exc.message)]
    except Exception:
        log.exception("building the page %s failed", page.path)
        return [_plain(UNEXPECTED)]


@solara.component
def Layout(children: list[Any] | None = None) -> Any:
    # elements made in a component that returns one are only shown when they are its children
    return solara.Column(children=[solara.Style(KIT_CSS), *(children or [])], classes=["wk-site"])


def _page_component(page: SitePage, title: str) -> Callable[[], Any]:
    @solara.component
    def WorkshopPage() -> Any:
        router = solara.use_router()
        query = router.search or ""
        children = solara.use_memo(lambda: build_page(page, query), dependencies=[query])
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
