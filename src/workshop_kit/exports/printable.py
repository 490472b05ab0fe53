"""A day's summary as a page to print or hand out: one self-contained HTML file.

The body is the summary's own HTML (built by the day's exporter, which escapes everything a team
typed); this module only adds the page around it and a print stylesheet.
"""

from __future__ import annotations

import datetime as dt
import html

from workshop_kit.logic.cells import strip_controls
from workshop_kit.logic.words import long_date

STYLE = """
  body { font: 15px/1.45 "Segoe UI", Helvetica, Arial, sans-serif; color: #1d1d1d;
         max-width: 58rem; margin: 1.5rem auto; padding: 0 1.2rem; }
  h1 { font-size: 1.5rem; margin-bottom: .2rem; } .meta { color: #555; margin-top: 0; }
  h3 { font-size: 1.2rem; } h4 { font-size: 1.02rem; margin: 1.2rem 0 .3rem;
  border-bottom: 2px solid #009E73; padding-bottom: .1rem; }
  table { border-collapse: collapse; width: 100%; margin: .3rem 0 .8rem; font-size: .92rem; }
  th, td { border: 1px solid #cfcfcf; padding: .3rem .45rem; text-align: left;
           vertical-align: top; overflow-wrap: break-word; }
  th { background: #f1f4f7; }
  blockquote { border-left: 5px solid #009E73; background: #eef8f4; margin: .4rem 0;
               padding: .5rem .8rem; font-size: 1.05rem; }
  /* Print (Letter or A4): as the team plan's pages (exports/plan_html.py). A table row may break
     across pages, so a tall one never leaves a page nearly blank; headings stay with what
     follows them, and short things (a quote, a list item) are kept whole. */
  @media print {
    @page { margin: 1.5cm 1.4cm; }
    body { font-size: 10.5pt; max-width: none; margin: 0; padding: 0; }
    h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
    blockquote, li { break-inside: avoid; page-break-inside: avoid; }
    tr { break-inside: auto; page-break-inside: auto; }
    thead { display: table-header-group; }
    th, td { overflow-wrap: anywhere; min-width: 5em; }
    th, blockquote { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  }
"""


def escape(text: object) -> str:
    """Text a team typed, for an HTML page: control characters out (a vertical tab from Word
    becomes a line break; HTML counts the others as errors), then escaped."""
    return html.escape(strip_controls(str(text)))


def printable_page(title: str, body_html: str, made_on: dt.date | None = None) -> str:
    """A whole HTML document around ``body_html`` (already escaped), titled ``title``."""
    day = long_date(made_on or dt.date.today())
    heading = escape(title)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="workshop-kit">\n<title>{heading}</title>\n'
        f"<style>{STYLE}</style>\n</head>\n<body>\n<h1>{heading}</h1>\n"
        f'<p class="meta">Made on {day} with workshop-kit</p>\n{body_html}\n</body>\n</html>\n'
    )
