"""Check a goal statement the way a critical friend would, and say plainly what is missing.

An aim names what will improve, for whom, how much, by when, and from what baseline. Some words
make a goal sound precise without being so: "some" is not a number and "soon" is not a time.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from workshop_kit.config.day1 import GoalChecker
from workshop_kit.errors import InputError
from workshop_kit.logic.parse import parse_number
from workshop_kit.logic.words import long_date
from workshop_kit.model.goal import GoalStatement, SuccessCriterion

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
    rule: str = ""  # the checker rule that gave it (its message is in the config)


#: a rule the goal does not meet, with the values its message names; None: it meets it
Check = tuple[str, dict[str, object]] | None


@dataclass(frozen=True)
class GoalContext:
    """What the checker knows about the school beyond the goal itself: the grades it serves
    (as typed: "K-5") and the first day of the coming school year. Blank or None: the rules
    that need them are not applied."""

    school_grades: str = ""
    first_day: dt.date | None = None


# numbers as people type them: "1,050", "49.5", "49,5"
_NUMBER_TOKEN = re.compile(r"(?<![\w.,])\d{1,3}(?:[, ]\d{3})+(?:\.\d+)?(?![\d])|\d+(?:[.,]\d+)?")
_GRADE = r"(?:pre-?k|pk|tk|k|kindergarten|\d{1,2})(?:st|nd|rd|th)?"
_GRADE_RANGE = re.compile(
    rf"(?<!\w)(?:grades?\s*)?({_GRADE})\s*(?:-|–|—|to|through|thru)\s*(?:grade\s*)?({_GRADE})"
    r"(?:\s*grades?)?(?!\w)",
    re.IGNORECASE,
)
_GRADE_LIST = re.compile(
    rf"(?<!\w)grades?\s+({_GRADE}(?:\s*(?:,|and|&|or)\s*{_GRADE})*)(?!\w)", re.IGNORECASE
)
_GRADE_ORDINAL = re.compile(
    r"(?<!\w)(\d{1,2})(?:st|nd|rd|th)[\s-]*grade(?:rs?)?(?!\w)", re.IGNORECASE
)
_GRADE_WORD = re.compile(r"(?<!\w)(kindergarten(?:ers?)?|pre-?k)(?!\w)", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?:\s*[-–/]\s*\d{2,4})?(?!\d)")
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4}")
_YEAR_ONLY = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def _has_word(text: str, words: tuple[str, ...]) -> str | None:
    lowered = f" {text.casefold()} "
    for word in words:
        if re.search(rf"(?<!\w){re.escape(word.casefold())}(?!\w)", lowered):
            return word
    return None


def _grade_number(text: str) -> int:
    lowered = text.casefold().replace("-", "")
    if lowered.startswith(("prek", "pk", "tk")):
        return -1
    if lowered.startswith("k"):
        return 0
    return int(re.sub(r"\D", "", lowered))


def grade_span(text: str) -> tuple[int, int] | None:
    """The lowest and highest grade a text names ("grades 3 to 5", "K-5", "4th grade",
    "grades 3, 4 and 5"); kindergarten is 0 and pre-kindergarten -1. None: it names none."""
    found: list[int] = []
    rest = text
    for match in _GRADE_RANGE.finditer(text):
        found += [_grade_number(match.group(1)), _grade_number(match.group(2))]
    rest = _GRADE_RANGE.sub(" ", rest)
    for match in _GRADE_LIST.finditer(rest):
        found += [_grade_number(g) for g in re.split(r"\s*(?:,|and|&|or)\s*", match.group(1)) if g]
    rest = _GRADE_LIST.sub(" ", rest)
    found += [int(m.group(1)) for m in _GRADE_ORDINAL.finditer(rest)]
    found += [_grade_number(m.group(1)) for m in _GRADE_WORD.finditer(rest)]
    found = [g for g in found if -1 <= g <= 13]
    return (min(found), max(found)) if found else None


def grade_label(span: tuple[int, int]) -> str:
    def one(grade: int) -> str:
        return {-1: "PK", 0: "K"}.get(grade, str(grade))

    low, high = span
    return one(low) if low == high else f"{one(low)}–{one(high)}"


def measured_number(text: str, *, last: bool = False) -> tuple[float, bool] | None:
    """The figure a text gives as an amount, with whether it is a percentage: grades
    ("grade 3"), years and dates are not amounts. A figure with % wins over a bare one; of
    several, the first (or the ``last``: "from 41% to 60%" reaches 60%). "1,050" reads as
    1050 (:func:`parse_number`)."""
    rest = _DATE.sub(" ", text)
    for pattern in (_GRADE_RANGE, _GRADE_LIST, _GRADE_ORDINAL):
        rest = pattern.sub(" ", rest)
    rest = _YEAR.sub(" ", rest)
    numbers: list[tuple[float, bool]] = []
    for match in _NUMBER_TOKEN.finditer(rest):
        try:
            value = parse_number(match.group(0), "amount")
        except InputError:
            continue
        after = rest[match.end() : match.end() + 9].lstrip().casefold()
        numbers.append((value, after.startswith(("%", "percent", "per cent"))))
    if not numbers:
        return None
    percents = [n for n in numbers if n[1]] or numbers
    return percents[-1] if last else percents[0]


def lowers(goal: GoalStatement, checker: GoalChecker) -> bool:
    """Whether the goal lowers its measure (by its own words); otherwise it raises it."""
    return _has_word(f"{goal.what} {goal.statement}", checker.lowering_words) is not None


def _way(down: bool) -> str:
    return "lower" if down else "raise"


def year_window(first_day: dt.date, checker: GoalChecker) -> tuple[dt.date, dt.date]:
    """The dates a goal may be reached by: from the first day of the coming school year to
    the end of the summer ``years_ahead`` school years on."""
    return first_day, dt.date(first_day.year + checker.years_ahead, 8, 31)


def check_goal(
    goal: GoalStatement, checker: GoalChecker, context: GoalContext | None = None
) -> list[Feedback]:
    """One line of feedback per part of the aim, in the order a team fills them in: the first
    rule of that part the goal does not meet, or the part's "ok"."""
    context = context or GoalContext()
    out: list[Feedback] = []

    def first(part: str, checks: list[Check]) -> None:
        for found in checks:
            if found is not None:
                rule, values = found
                out.append(Feedback(part, False, checker.say(rule, **values), rule))
                return
        out.append(Feedback(part, True, checker.say(f"{part}_ok"), f"{part}_ok"))

    def missing(part: str, value: str) -> bool:
        if value.strip():
            return False
        out.append(Feedback(part, False, checker.say(f"{part}_missing"), f"{part}_missing"))
        return True

    if not missing("what", goal.what):
        word = _has_word(goal.what, checker.non_instructional_words)
        words = goal.what.split()
        first(
            "what",
            [
                ("what_not_instructional", {"word": word}) if word else None,
                ("what_not_specific", {"words": goal.what.strip()})
                if len(words) < checker.what_min_words
                else None,
            ],
        )
    if not missing("for_whom", goal.for_whom):
        first("for_whom", [_school_wide(goal.for_whom, checker, context)])
    baseline = measured_number(goal.baseline)
    if not missing("how_much", goal.how_much):
        vague = _has_word(goal.how_much, checker.vague_amounts)
        target = measured_number(goal.how_much, last=True)
        wrong_way: Check = None
        if target is not None and baseline is not None and target[1] == baseline[1]:
            down = lowers(goal, checker)
            if (target[0] >= baseline[0]) if down else (target[0] <= baseline[0]):
                unit = "%" if target[1] else ""
                wrong_way = (
                    "how_much_wrong_way",
                    {
                        "target": f"{target[0]:g}{unit}",
                        "baseline": f"{baseline[0]:g}{unit}",
                        "way": _way(down),
                    },
                )
        first(
            "how_much",
            [
                ("how_much_not_number", {"word": f"‘{vague}’" if vague else "This"})
                if target is None
                else None,
                wrong_way,
            ],
        )
    if not missing("by_when", goal.by_when):
        vague = _has_word(goal.by_when, checker.vague_times)
        first(
            "by_when",
            [
                ("by_when_not_time", {"word": f"‘{vague}’" if vague else "This"})
                if not _TIME.search(goal.by_when)
                else None,
                _year_out_of_range(goal.by_when, checker, context),
            ],
        )
    if not missing("baseline", goal.baseline):
        first("baseline", [("baseline_not_number", {}) if baseline is None else None])
    if not missing("statement", goal.statement):
        # "increase from 41% to 60%" is precise: a vague word only matters when nothing pins it down
        has_number = bool(_NUMBER.search(goal.statement))
        has_time = bool(_TIME.search(goal.statement))
        vague = (None if has_number else _has_word(goal.statement, checker.vague_amounts)) or (
            None if has_time else _has_word(goal.statement, checker.vague_times)
        )
        text = f"{goal.what} {goal.statement}"
        negative = _has_word(text, checker.negative_words)
        outside = _has_word(text, checker.outside_control_words)
        first(
            "statement",
            [
                ("statement_vague", {"word": vague}) if vague else None,
                ("statement_no_number", {}) if not has_number else None,
                ("statement_no_date", {}) if not has_time else None,
                ("statement_not_positive", {"word": negative}) if negative else None,
                ("statement_outside_control", {"word": outside}) if outside else None,
            ],
        )
    return out


def _school_wide(for_whom: str, checker: GoalChecker, context: GoalContext) -> Check:
    school = grade_span(checker.school_grades or context.school_grades)
    covered = grade_span(for_whom)
    if school is None or covered is None:
        return None
    if covered[0] <= school[0] and covered[1] >= school[1]:
        return None
    return (
        "for_whom_not_school_wide",
        {"grades": grade_label(covered), "school": grade_label(school)},
    )


def _year_out_of_range(text: str, checker: GoalChecker, context: GoalContext) -> Check:
    if context.first_day is None:
        return None
    first_day, last_day = year_window(context.first_day, checker)
    for match in _YEAR_ONLY.finditer(text):
        year = int(match.group(1))
        if not first_day.year <= year <= last_day.year:
            return (
                "by_when_out_of_range",
                {"year": year, "first": _day(first_day), "last": _day(last_day)},
            )
    return None


def _day(day: dt.date) -> str:
    return long_date(day)


def check_criteria(
    criteria: Sequence[SuccessCriterion],
    goal: GoalStatement,
    checker: GoalChecker,
    context: GoalContext | None = None,
) -> list[Feedback]:
    """Feedback on the success criteria: each target moves from its baseline the way the goal
    goes, and each date falls within the coming school years. One line per problem, or one
    "ok" line (nothing for no criteria)."""
    context = context or GoalContext()
    out: list[Feedback] = []
    down = lowers(goal, checker)
    window = year_window(context.first_day, checker) if context.first_day else None
    for criterion in criteria:
        lowered = down or _has_word(criterion.measure, checker.lowering_words) is not None
        moves = (
            criterion.target < criterion.baseline
            if lowered
            else criterion.target > criterion.baseline
        )
        if not moves:
            out.append(
                Feedback(
                    "criteria",
                    False,
                    checker.say(
                        "criterion_wrong_way",
                        measure=criterion.measure,
                        target=f"{criterion.target:g}{criterion.unit}",
                        baseline=f"{criterion.baseline:g}{criterion.unit}",
                        way=_way(lowered),
                    ),
                    "criterion_wrong_way",
                )
            )
        if window is not None and not window[0] <= criterion.by <= window[1]:
            out.append(
                Feedback(
                    "criteria",
                    False,
                    checker.say(
                        "criterion_out_of_range",
                        measure=criterion.measure,
                        date=_day(criterion.by),
                        first=_day(window[0]),
                        last=_day(window[1]),
                    ),
                    "criterion_out_of_range",
                )
            )
    if criteria and not out:
        out.append(Feedback("criteria", True, checker.say("criteria_ok"), "criteria_ok"))
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


def is_measurable(feedback: Sequence[Feedback]) -> bool:
    return all(f.ok for f in feedback)
