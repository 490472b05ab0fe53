"""The landing page (``notebooks/00_start_here.ipynb``): links to every day and to any other
notebook a facilitator adds to the ``notebooks/`` folder, each under its own title.

The list is read from the folder each time the page opens, so a facilitator's notebook appears
without editing anything. Links are relative, so they work on the pages and in JupyterLab.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from IPython.display import HTML

from workshop_kit import paths
from workshop_kit.ui.html import esc
from workshop_kit.ui.output import show as show_output

LANDING_PREFIX = "00_"
#: the facilitator guide: starts with ``00_`` (so it is not listed as a day), linked on its own
GUIDE_FILE = "00_facilitator_guide.ipynb"
_DAY_FILE = re.compile(r"^\d+_day(\d+)_")
_MARKUP = re.compile(r"[*_`#]")


@dataclass(frozen=True)
class NotebookLink:
    file_name: str
    title: str
    summary: str
    day: int | None  # None for facilitator or extra notebooks


def _prose(path: Path) -> tuple[str, str]:
    """The notebook's first heading and the first paragraph under it (markup removed)."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError, TypeError):
        return path.stem.replace("_", " "), ""
    for cell in cells:
        if cell.get("cell_type") != "markdown":
            continue
        text = "".join(cell.get("source", []))
        blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
        if blocks and blocks[0].startswith("#"):
            title = _MARKUP.sub("", blocks[0].splitlines()[0]).strip()
            summary = " ".join(_MARKUP.sub("", blocks[1]).split()) if len(blocks) > 1 else ""
            return title, summary
    return path.stem.replace("_", " "), ""


def notebook_links(folder: Path | None = None) -> list[NotebookLink]:
    """Every notebook in the folder except the landing page: days first, in order."""
    folder = folder or paths.notebooks_dir()
    links = []
    for path in sorted(folder.glob("*.ipynb")):
        if path.name.startswith(LANDING_PREFIX):
            continue
        title, summary = _prose(path)
        match = _DAY_FILE.match(path.name)
        links.append(
            NotebookLink(path.name, title, summary, int(match.group(1)) if match else None)
        )
    return sorted(links, key=lambda link: (link.day is None, link.day or 0, link.file_name))


def _card(link: NotebookLink) -> str:
    label = f"Open Day {link.day}" if link.day else "Open"
    summary = esc(link.summary if len(link.summary) <= 320 else link.summary[:317] + "…")
    return (
        '<div class="wk-day-card" style="border:1px solid #ccd;border-radius:6px;'
        f'padding:10px 14px;margin:8px 0"><h3 style="margin:0 0 4px 0">{esc(link.title)}</h3>'
        f'<p style="margin:0 0 8px 0">{summary}</p>'
        f'<a class="wk-open-notebook" href="{esc(link.file_name)}" '
        f'style="font-weight:bold">{esc(label)} →</a></div>'
    )


def landing_html(folder: Path | None = None) -> str:
    links = notebook_links(folder)
    days = [link for link in links if link.day is not None]
    others = [link for link in links if link.day is None]
    parts = ['<div class="wk-landing">', *(_card(link) for link in days)]
    if others:
        parts += [
            "<h3>More notebooks from your facilitator</h3>",
            *(_card(link) for link in others),
        ]
    if not links:
        parts.append("<p>No workshop notebooks were found. Please tell your facilitator.</p>")
    if ((folder or paths.notebooks_dir()) / GUIDE_FILE).is_file():
        parts.append(
            '<p class="wk-for-facilitators"><b>For facilitators</b> (and anyone working alone): '
            f'<a class="wk-open-notebook" href="{esc(GUIDE_FILE)}">the facilitator guide</a>, '
            "with the agenda of the three days, the ball game and readings on the framework.</p>"
        )
    parts.append("</div>")
    return "".join(parts)


def show() -> None:
    show_output(HTML(landing_html()))
