"""Which notebook is served at which plain address: the landing page at ``/``, each day at
``/day1``, ``/day2``, ..., the year at ``/year``, the facilitator's guide at ``/guide`` and their
overview at ``/overview``. A notebook a facilitator adds to ``notebooks/`` gets the address its
file name spells (``20_our_own_session.ipynb`` -> ``/our-own-session``). Behind a prefix (the
hub serves an account's pages at ``/user/<account>/pages/``) links carry it: ``root``. Pure."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

#: the notebook served at ``/``
LANDING = "00_start_here.ipynb"
#: the kit's notebooks whose address is not spelled by the generic rule
NAMED = {
    LANDING: "",
    "00_facilitator_guide.ipynb": "guide",
    "04_through_the_year.ipynb": "year",
    "10_facilitator_overview.ipynb": "overview",
}
_DAY = re.compile(r"^\d+_(day\d+)_")
_NUMBER = re.compile(r"^\d+_")
_SAFE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: the address prefix the pages are served under: Solara's own setting ("" for
#: ``workshop-kit app``; ``/user/<account>/pages`` on the hub, set by ``hub_server.py``)
ROOT_PATH_ENV = "SOLARA_ROOT_PATH"


def root_path(environ: Mapping[str, str]) -> str:
    """The pages' address prefix, without a closing slash ("" when they are at the top)."""
    return environ.get(ROOT_PATH_ENV, "").rstrip("/")


@dataclass(frozen=True)
class SitePage:
    """One page: its address (``"day1"``; ``""`` is the landing page) and its notebook."""

    address: str
    notebook: Path

    @property
    def path(self) -> str:
        return "/" + self.address


def address_of(file_name: str) -> str | None:
    """The address a notebook file is served at, or None when its name spells none."""
    if file_name in NAMED:
        return NAMED[file_name]
    if not file_name.endswith(".ipynb"):
        return None
    stem = file_name.removesuffix(".ipynb")
    day = _DAY.match(file_name)
    address = day.group(1) if day else _NUMBER.sub("", stem).lower().replace("_", "-")
    return address if _SAFE.fullmatch(address) else None


def site_pages(folder: Path) -> list[SitePage]:
    """Every notebook in ``folder`` with an address, in file-name order (first of two notebooks
    spelling one address wins)."""
    pages: dict[str, SitePage] = {}
    for path in sorted(folder.glob("*.ipynb")):
        address = address_of(path.name)
        if address is not None and address not in pages:
            pages[address] = SitePage(address, path)
    return list(pages.values())


def link_for(file_name: str, root: str = "") -> str | None:
    """A link from a notebook's prose to another notebook, as a page address below ``root``."""
    address = address_of(file_name)
    return None if address is None else f"{root}/{address}"


def not_found_page(links: Sequence[tuple[str, str]]) -> str:
    """The kit's own page for an address that names no page: plain words and a link to each
    page (``links``: address, title), in the pages' look, with nothing of the server in it."""
    items = "".join(
        f'<li><a href="{escape(address, quote=True)}">{escape(title)}</a></li>'
        for address, title in links
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>No page here</title>\n<style>body{font:18px/1.5 sans-serif;max-width:75ch;"
        "margin:2em auto;padding:0 16px;color:#1a1a1a}a{color:#0b4f9c}</style>\n</head>\n"
        '<body>\n<main class="wk-not-found">\n<h1>There is no page at this address</h1>\n'
        "<p>Check the address, or open one of the workshop's pages:</p>\n"
        f"<ul>{items}</ul>\n</main>\n</body>\n</html>\n"
    )
