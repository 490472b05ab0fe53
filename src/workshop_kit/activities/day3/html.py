"""HTML pieces the Day 3 panels share: big figures and a list of problems."""

from __future__ import annotations

from collections.abc import Sequence

from workshop_kit.activities.common import esc


def figures_html(items: Sequence[tuple[str, str]]) -> str:
    """Big numbers with a caption, side by side (the caption is ours, the number computed)."""
    boxes = "".join(
        f'<div class="wk-figure" style="border:1px solid #ddd;border-radius:6px;padding:6px 12px;'
        f'min-width:150px"><div style="font-size:1.5em;font-weight:bold">{esc(value)}</div>'
        f"<div>{esc(caption)}</div></div>"
        for value, caption in items
    )
    return f'<div style="display:flex;gap:10px;flex-wrap:wrap">{boxes}</div>'


def problems_html(problems: Sequence[str], title: str = "Still to look at") -> str:
    if not problems:
        return ""
    items = "".join(f"<li>{esc(p)}</li>" for p in problems)
    return (
        f'<div class="wk-problems" style="color:#8a1c1c"><b>{esc(title)}</b><ul>{items}</ul></div>'
    )


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``counted(1, "meeting")`` is "1 meeting", ``counted(8, "meeting")`` "8 meetings"."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"
