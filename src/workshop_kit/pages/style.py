"""The app pages' look: the workshop's stylesheet (``data/pages/workshop.css``), plus the few
rules the pages' own layout needs."""

from __future__ import annotations

import logging
from pathlib import Path

from workshop_kit import paths

log = logging.getLogger("workshop_kit")

#: the workshop's stylesheet, in the kit's data folder
STYLESHEET = ("pages", "workshop.css")


def kit_css() -> str:
    """The workshop's stylesheet (text size, wrapping labels and buttons, focus ring, tick-box
    lists, ...), then the few rules the pages' layout needs of its own (:data:`CSS`)."""
    try:
        shared = paths.data_dir().joinpath(*STYLESHEET).read_text(encoding="utf-8")
    except OSError:
        log.warning("the page stylesheet (%s) is missing", "/".join(STYLESHEET))
        shared = ""
    return shared + CSS


def write_stylesheet(folder: Path) -> Path:
    """Write :func:`kit_css` as ``folder/custom.css``: the file Solara links in the head of every
    page (``/static/assets/custom.css``), so the page is never drawn without it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "custom.css"
    path.write_text(kit_css(), encoding="utf-8")
    return path


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
/* Vuetify draws code at 14 px (with a rule that outranks the page's): at least 16 px here */
.wk-site :is(code, kbd, pre) { font-size: var(--wk-small) !important; }
.wk-site .wk-lab-only { display: none; }
.wk-site :focus-visible { outline: 3px solid #0b4f9c; outline-offset: 2px; }
/* Vuetify's layout boxes (flex) grow to their widest content: one wide table made the whole
   page 1045 px wide in an 800 px window, every control beyond its right edge. The page is as
   wide as the window, and its parts wrap (the shared rules above) */
.v-application .v-layout, .v-application__wrap, .wk-site .wk-page, .wk-site .wk-page > * {
  min-width: 0; max-width: 100%;
}
.wk-site { min-width: 0; }
/* large type (the "Large type" switch): the page zoomed by 1.35, and the
   box as wide as a 1500 px page so zoomed, so a 1920 px projector is used to its edges */
html.wk-large-type .wk-site { max-width: calc(1500px * 1.35); }
html.wk-large-type .wk-site .wk-page { zoom: 1.35; }
"""
