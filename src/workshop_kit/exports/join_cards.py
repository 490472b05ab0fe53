"""The join cards: one card per team with where to go and its join code, and the facilitator's,
to print, cut out and hand to each team (``workshop-kit join-codes``)."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from workshop_kit.exports.printable import printable_page
from workshop_kit.logic.join_codes import JoinCodes


def join_cards_html(codes: JoinCodes, names: Mapping[str, str], url: str) -> str:
    """``names``: each team's display name by its folder; ``url``: where the pages are."""
    cards = [
        _card("Facilitator", url, codes.facilitator, "Opens every page, the guide and overview.")
    ]
    for slug, code in sorted(codes.teams.items(), key=lambda item: names.get(item[0], item[0])):
        cards.append(_card(names.get(slug, slug), f"{url}/?team={slug}", code, ""))
    style = (
        "<style>.wk-card{border:1px dashed #555;padding:0.5em 1em;margin:0.5em;width:20em;"
        "display:inline-block;vertical-align:top;break-inside:avoid}"
        ".wk-card code{font-size:1.5em}</style>"
    )
    body = (
        f"{style}<p>Keep these cards private until you hand them out: a card's code opens that "
        "team's pages. The browser remembers a code once it has been typed.</p>" + "".join(cards)
    )
    return printable_page("Join codes", body)


def _card(who: str, url: str, code: str, note: str) -> str:
    return (
        '<div class="wk-card">'
        f"<h2>{escape(who)}</h2>"
        f"<p>Open <b>{escape(url)}</b></p>"
        f"<p>Join code: <code>{escape(code)}</code></p>"
        + (f"<p>{escape(note)}</p>" if note else "")
        + "</div>"
    )
