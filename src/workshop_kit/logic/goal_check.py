"""Check a goal statement the way a critical friend would, and say plainly what is missing.

An aim names what will improve, for whom, how much, by when, and from what baseline. Some words
make a goal sound precise without being so: "some" is not a number and "soon" is not a time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workshop_kit.config.day1 import GoalChecker
from workshop_kit.model.goal import GoalStatement

_NUMBER = re.compile(r"\d")
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_TIME = re.compile(
    rf"\b(\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|({_MONTHS})\.?\s+(\d{{1,2}},?\s+)?\d{{4}}"
    r"|(end|spring|summer|fall|autumn|winter)\s+(of\s+)?\d{4}|\d{4})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Feedback:
    part: str  # which builder field: what, for_whom, how_much, by_when, baseline, statement
    ok: bool
    message: str


def _has_word(text: str, words: tuple[str, ...]) -> str | None:
    lowered = f" {text.casefold()} "
    for word in words:
        if re.search(rf"(?<!\w){re.escape(word.casefold())}(?!\w)", lowered):
            return word
    return None


def check_goal(goal: GoalStatement, checker: GoalChecker) -> list[Feedback]:
    """One line of feedback per part of the aim, in the order a team fills them in."""
    out: list[Feedback] = []

    def need(part: str, value: str, missing: str, good: str) -> bool:
        if not value.strip():
            out.append(Feedback(part, False, missing))
            return False
        out.append(Feedback(part, True, good))
        return True

    need(
        "what",
        goal.what,
        "Say what will improve: the skill or practice students will show.",
        "You name what will improve.",
    )
    need(
        "for_whom",
        goal.for_whom,
        "Say for whom: which students (grades, groups) the goal is for.",
        "You name the students it is for.",
    )
    if need("how_much", goal.how_much, "Say how much: a number or percentage to reach.", ""):
        out.pop()
        vague = _has_word(goal.how_much, checker.vague_amounts)
        if not _NUMBER.search(goal.how_much):
            word = f"‘{vague}’" if vague else "This"
            out.append(
                Feedback("how_much", False, f"{word} is not a number: give an amount to reach.")
            )
        else:
            out.append(Feedback("how_much", True, "You give an amount to reach."))
    if need("by_when", goal.by_when, "Say by when: a month and year, or a date.", ""):
        out.pop()
        vague = _has_word(goal.by_when, checker.vague_times)
        if not _TIME.search(goal.by_when):
            word = f"‘{vague}’" if vague else "This"
            out.append(Feedback("by_when", False, f"{word} is not a time: give a month and year."))
        else:
            out.append(Feedback("by_when", True, "You give a date to reach it by."))
    if need(
        "baseline", goal.baseline, "Say where you start: the baseline figure and its source.", ""
    ):
        out.pop()
        if not _NUMBER.search(goal.baseline):
            out.append(
                Feedback("baseline", False, "Give the baseline as a number, with its source.")
            )
        else:
            out.append(Feedback("baseline", True, "You say where you start from."))
    if need(
        "statement", goal.statement, "Write the goal as one sentence (use the draft below).", ""
    ):
        out.pop()
        # "increase from 41% to 60%" is precise: a vague word only matters when nothing pins it down
        has_number = bool(_NUMBER.search(goal.statement))
        has_time = bool(_TIME.search(goal.statement))
        vague = (None if has_number else _has_word(goal.statement, checker.vague_amounts)) or (
            None if has_time else _has_word(goal.statement, checker.vague_times)
        )
        if vague:
            out.append(
                Feedback(
                    "statement",
                    False,
                    f"The statement still says ‘{vague}’; replace it with a number or a date.",
                )
            )
        elif not has_number:
            out.append(
                Feedback("statement", False, "The statement needs the numbers from your parts.")
            )
        elif not has_time:
            out.append(
                Feedback("statement", False, "The statement needs the date from your parts.")
            )
        else:
            out.append(Feedback("statement", True, "Your statement reads as a measurable goal."))
    return out


def draft_statement(goal: GoalStatement) -> str:
    """A first sentence assembled from the builder's parts, for the team to edit.

    "How much" may be a bare amount ("60%") or already name the students ("60% of students"):
    the sentence reads naturally either way.
    """
    parts = [
        p.strip() for p in (goal.by_when, goal.for_whom, goal.what, goal.how_much, goal.baseline)
    ]
    by_when, for_whom, what, how_much, baseline = parts
    if not any(parts):
        return ""
    when, whom, amount = by_when or "[when]", for_whom or "[whom]", how_much or "[how much]"
    if re.search(r"\bstudents?\b", amount, re.IGNORECASE):
        sentence = f"By {when}, {whom} will {what or '[what]'}, reaching {amount}"
    else:
        sentence = f"By {when}, {amount} of {whom} will {what or '[what]'}"
    if baseline:
        sentence += f" (baseline: {baseline})"
    return sentence + "."


def is_measurable(feedback: list[Feedback]) -> bool:
    return all(f.ok for f in feedback)
