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
from workshop_kit.session import Session, serve_many_pages

log = logging.getLogger("workshop_kit")
serve_many_pages()

#: the page's own look: readable at the back of a room, words meant for JupyterLab left out
CSS = """
.wk-site {
  max-width: 1500px; margin: 0 auto; padding: 0 16px; font-size: 18px; line-height: 1.5;
  --jp-widgets-font-size: 18px; --jp-widgets-inline-height: 40px;
  --jp-widgets-inline-label-width: 10em; --jp-content-link-color: #0b4f9c;
}
.wk-site .widget-html, .wk-site .widget-html-content { font-size: 18px; line-height: 1.5; }
.wk-site .widget-html, .wk-site .widget-html-content { white-space: normal; height: auto; }
.wk-site .wk-prose p, .wk-site .wk-prose li { max-width: 75ch; }
.wk-site ul { list-style: disc; padding-left: 1.5em !important; }
.wk-site ol { list-style: decimal; padding-left: 1.5em !important; }
.wk-site h1 { font-size: 2em; margin: 0.6em 0 0.3em; }
.wk-site h2 { font-size: 1.5em; margin: 0.8em 0 0.3em; }
.wk-site h3 { font-size: 1.25em; margin: 0.8em 0 0.3em; }
.wk-site p { margin: 0.4em 0; }
.wk-site a { text-decoration: underline; }
.wk-site .wk-lab-only { display: none; }
.wk-site :focus-visible { outline: 3px solid #0b4f9c; outline-offset: 2px; }
"""


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
    return solara.Column(children=[solara.Style(CSS), *(children or [])], classes=["wk-site"])


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
