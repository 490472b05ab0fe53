"""Who may see the team's ratings on a device, and as whom a device may rate.

The facilitator's ``ratings_privacy`` (``data/config/day1.yaml``) says when a member sees the
others' ratings: ``until_saved`` (once they have saved their own), ``until_revealed`` (once the
facilitator reveals them) or ``open`` (at once, for a team rating together at one screen).

"Private" means what the page holds, not what it shows: while the rule hides the team's ratings,
the ratings panel puts none of them into its widgets (no ranking, no chart, no other member's
scores in the grid). In the two private modes a device rates only as the member chosen under
"I am" on it; in ``open`` mode a team at one screen may rate for anyone on its roster. See
``docs/decisions.md`` ("Private ratings") for why, and what this does not protect against.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from workshop_kit.model.goal import GoalWork

Privacy = Literal["until_saved", "until_revealed", "open"]

HIDDEN_UNTIL_SAVED = (
    "Rate on your own first: the team's combined ratings appear here once you have saved yours."
)
HIDDEN_UNTIL_REVEALED = (
    "Everyone rates on their own first: the team's combined ratings appear here when your "
    "facilitator reveals them."
)
SAY_WHO_YOU_ARE = (
    "Ratings are private: on this device you rate as yourself. Choose your name under “I am” "
    "at the top of the page first."
)


@dataclass(frozen=True)
class RatingRules:
    """The rule for one device: the config's ``privacy``, the team's ``members`` and who said
    they are at this device (``at_device``, "" when nobody has)."""

    privacy: Privacy
    members: tuple[str, ...]
    at_device: str = ""

    @classmethod
    def of(cls, privacy: Privacy, members: Sequence[str], at_device: str) -> RatingRules:
        return cls(privacy, tuple(members), at_device)

    @property
    def private(self) -> bool:
        return self.privacy != "open"

    def raters(self) -> tuple[str, ...]:
        """The members this device may rate as (and whose own ratings it may show)."""
        if not self.private:
            return self.members
        return (self.at_device,) if self.at_device in self.members else ()

    def may_rate_as(self, member: str) -> bool:
        return bool(member) and member in self.raters()

    def rater(self, current: str) -> str:
        """Who the device rates as now: ``current`` when still allowed, else the member at the
        device, else (open mode, nobody said) nobody until someone is chosen."""
        if self.may_rate_as(current):
            return current
        return self.at_device if self.may_rate_as(self.at_device) else ""

    def cannot_rate_because(self) -> str:
        """Why this device cannot rate at all ("": it can)."""
        return SAY_WHO_YOU_ARE if self.private and not self.raters() else ""

    def team_hidden_because(self, work: GoalWork) -> str:
        """Why the team's combined ratings are kept off this device ("": they may be shown).
        Until saved: the member at the device has saved ratings of their own."""
        if not self.private or (self.privacy == "until_revealed" and work.ratings_revealed):
            return ""
        if self.privacy == "until_revealed":
            return HIDDEN_UNTIL_REVEALED
        if self.at_device in self.members and work.ratings.get(self.at_device):
            return ""
        return HIDDEN_UNTIL_SAVED

    def offers_reveal(self, work: GoalWork) -> bool:
        """The facilitator's "Reveal" is offered while ratings wait for it."""
        return self.privacy == "until_revealed" and not work.ratings_revealed

    def own_scores(self, work: GoalWork, member: str) -> dict[tuple[str, str], int]:
        """The saved scores of ``member`` that this device may hold: all of them when it may
        rate as that member, none otherwise."""
        if not self.may_rate_as(member):
            return {}
        return {
            (candidate_id, criterion_id): score
            for candidate_id, scores in work.ratings.get(member, {}).items()
            for criterion_id, score in scores.items()
        }
