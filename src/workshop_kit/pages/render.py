"""The parts of a composed page -> the widgets one page shows, for that page's own session.

Each activity call is made with the page's session handed down (:func:`using_session`) and its
output collected (:func:`collecting`) rather than displayed, so a page served with many others
in one process builds only its own panels, bound to its own team.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Sequence
from urllib.parse import urlencode

import ipywidgets as widgets

from workshop_kit.pages.compose import ActivityCall, Part, Prose, Unshowable
from workshop_kit.pages.site import address_of, root_path
from workshop_kit.session import Session, using_session
from workshop_kit.ui.guard import UNEXPECTED
from workshop_kit.ui.html import esc
from workshop_kit.ui.output import collecting

log = logging.getLogger("workshop_kit")
_NOTEBOOK_LINK = re.compile(r'href="([A-Za-z0-9_.-]+\.ipynb)(#[^"]*)?"')


def page_query(session: Session) -> str:
    """``?team=<slug>`` for links to the team's other pages ("" without a team)."""
    if session.chosen is None:
        return ""
    return "?" + urlencode({"team": session.chosen.slug})


def page_links(html: str, session: Session) -> str:
    """Links to notebooks (``01_day1_worthy_goal.ipynb``, as the landing page and the prose make
    them for JupyterLab) -> the pages serving them, for this page's team; page addresses made
    by composition (``/guide#...``) get the team too. Addresses are below the pages' prefix
    (``SOLARA_ROOT_PATH``, on the hub)."""
    query = page_query(session)
    root = root_path(os.environ)

    def notebook(match: re.Match[str]) -> str:
        address = address_of(match.group(1))
        if address is None:
            return match.group(0)
        return f'href="{esc(root)}/{address}{esc(query)}{match.group(2) or ""}"'

    html = _NOTEBOOK_LINK.sub(notebook, html)
    if query:
        html = re.sub(
            'href="(' + re.escape(esc(root)) + r'/[a-z0-9-]*)(#[^"]*)?"',
            lambda m: f'href="{m.group(1)}{esc(query)}{m.group(2) or ""}"',
            html,
        )
    return html


def _html(value: str, css: str) -> widgets.HTML:
    widget = widgets.HTML(value=value)
    widget.add_class(css)
    return widget


def _as_widget(shown: object, session: Session) -> widgets.Widget:
    if isinstance(shown, widgets.Widget):
        return shown
    html = getattr(shown, "_repr_html_", None)
    if callable(html):
        return _html(page_links(str(html()), session), "wk-output")
    return _html(f"<p>{esc(shown)}</p>", "wk-output")


def call_widgets(call: ActivityCall, session: Session) -> list[widgets.Widget]:
    """What ``call`` shows, made for ``session``. The kit's calls turn their own problems into
    plain messages; anything that still escapes becomes one too, never a traceback."""
    with using_session(session), collecting() as shown:
        try:
            call.target(*call.args, **dict(call.kwargs))
        except Exception:
            log.exception("the page call %s failed", call.name)
            shown.append(
                _html(f'<p class="wk-msg wk-error" role="alert">{esc(UNEXPECTED)}</p>', "")
            )
    return [_as_widget(item, session) for item in shown]


def unshowable_widget(part: Unshowable) -> widgets.HTML:
    log.info("a page left out cell %s: %s", part.cell, part.reason)
    return _html(
        f'<p class="wk-msg wk-info wk-cannot-show" role="status">{esc(part.message)}</p>',
        "wk-cannot-show-box",
    )


def page_widgets(parts: Sequence[Part], session: Session) -> list[widgets.Widget]:
    """Every part of the page in order: prose, the activities' panels, plain messages."""
    made: list[widgets.Widget] = []
    for part in parts:
        if isinstance(part, Prose):
            made.append(_html(page_links(part.html, session), "wk-prose"))
        elif isinstance(part, ActivityCall):
            made.extend(call_widgets(part, session))
        else:
            made.append(unshowable_widget(part))
    return made
