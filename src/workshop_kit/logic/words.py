"""Words shown to a team: counts with the right plural."""

from __future__ import annotations


def plural(count: int, word: str, many: str = "") -> str:
    """``plural(1, "member")`` is "1 member", ``plural(2, "member")`` "2 members";
    ``many`` names an irregular plural (``plural(2, "criterion", "criteria")``)."""
    return f"{count} {word if count == 1 else (many or word + 's')}"
