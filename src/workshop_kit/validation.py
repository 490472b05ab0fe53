"""Validate YAML text against a typed model and explain problems in plain language.

Messages name the file, the line and the field (``members → 2nd entry → role``), because the people
reading them are facilitators editing a config or a team member who hand-edited a file.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


class YamlProblem(Exception):
    """Text that is not readable YAML, or a value that does not validate; str() is the message."""

    def __init__(self, message: str, *, field: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.line = line


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: ~10x faster


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """The safe loader, reading two things as a person means them rather than as YAML 1.1 does:
    ``010`` is ten (not octal eight), and an impossible date such as ``2026-02-30`` stays the text
    typed, so the model refuses it with the field's name and line instead of the parser failing
    with neither."""


def _decimal_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = str(loader.construct_scalar(node)).replace("_", "")
    digits = text.lstrip("+-")
    if len(digits) > 1 and digits.startswith("0") and digits.isdigit():
        return int(text, 10)
    return int(yaml.SafeLoader.construct_yaml_int(loader, node))


def _lenient_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return str(loader.construct_scalar(node))


_Loader.add_constructor("tag:yaml.org,2002:int", _decimal_int)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _lenient_timestamp)


#: longer texts are read every time (they are rare, and would crowd out the rest)
_READ_LONGEST = 256 * 1024


def _copy(data: Any) -> Any:
    """A copy the caller may change: containers are new, the values in them never change."""
    if isinstance(data, dict):
        return {key: _copy(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_copy(value) for value in data]
    if isinstance(data, (set, tuple)):
        return type(data)(_copy(value) for value in data)
    return data


def _load(text: str) -> Any:
    return yaml.load(text, Loader=_Loader)  # a safe loader: plain data only, never objects


#: the last texts read, with what they hold: the same files are read on every page opened and
#: every save (a team's files, the days' settings), and building the data from YAML costs 25
#: times more than copying it (the demo's 12 files: 30 ms against 1.2 ms). Never handed out
#: itself: :func:`parse_yaml` gives each caller a copy. A text that does not load is not kept.
_kept_load = functools.lru_cache(maxsize=128)(_load)


def parse_yaml(text: str, source: str) -> Any:
    """Safe-load ``text``; unreadable YAML becomes a :class:`YamlProblem` naming the line."""
    try:
        return _copy(_kept_load(text) if len(text) <= _READ_LONGEST else _load(text))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else None
        where = f", line {line}" if line else ""
        raise YamlProblem(
            f"{source}{where}: this is not readable YAML ({exc.problem}). "
            "Check indentation and quotes near that line.",
            line=line,
        ) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"{source}: this is not readable YAML ({exc}).") from None


def _compose(text: str | None) -> yaml.Node | None:
    """The node tree, built only when a problem needs a line number (it costs as much as a load)."""
    if text is None:
        return None
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return None


def line_of(node: yaml.Node | None, loc: Sequence[int | str]) -> int | None:
    """The 1-based line of the deepest node on ``loc`` that exists in the YAML tree."""
    best = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if getattr(k, "value", None) == key), None)
            if match is None:
                # point at the key itself when the value is the problem of an unknown field
                match = next((k for k, _ in node.value if getattr(k, "value", None) == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            match = node.value[key]
        else:
            match = None
        if match is None:
            break
        node = match
        best = node.start_mark.line + 1
    return best


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def describe_field(loc: Sequence[int | str]) -> str:
    """``("members", 1, "role")`` -> ``members → 2nd entry → role`` (people count from one)."""
    parts = [f"{ordinal(p + 1)} entry" if isinstance(p, int) else _clipped(str(p)) for p in loc]
    return " → ".join(parts) if parts else "(the whole file)"


def _clipped(key: str, most: int = 40) -> str:
    """A key as a message names it: a key pasted megabytes long is not repeated in full."""
    return key if len(key) <= most else key[: most - 1] + "…"


_PLAIN = {
    "missing": "is missing",
    "extra_forbidden": "is not a known field (check its spelling)",
    "string_too_short": "cannot be empty",
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "float_parsing": "must be a number",
    "float_type": "must be a number",
    "finite_number": "must be a number",
    "bool_parsing": "must be yes or no",
    "date_from_datetime_parsing": "must be a date written as YYYY-MM-DD",
    "date_parsing": "must be a date written as YYYY-MM-DD",
    "date_type": "must be a date written as YYYY-MM-DD",
    "list_type": "must be a list",
    "tuple_type": "must be a list",
    "string_type": "must be text",
    "bool_type": "must be yes or no",
    "dict_type": "must be a set of named fields",
    "model_type": "must be a set of named fields",
}


#: pydantic's kinds of "not a date": explained in the words a form uses for the same text
_DATE_KINDS = frozenset(
    {"date_from_datetime_parsing", "date_parsing", "date_from_datetime_inexact", "date_type"}
)


def plain_error(err: Mapping[str, Any]) -> str:
    kind = str(err.get("type", ""))
    typed = err.get("input")
    if kind in _DATE_KINDS and isinstance(typed, (str, int, float)) and not isinstance(typed, bool):
        from workshop_kit.logic.parse import date_problem

        return date_problem(str(typed).strip()) or _PLAIN["date_parsing"]
    if kind in _PLAIN:
        return _PLAIN[kind]
    ctx = err.get("ctx") or {}
    if kind == "string_too_long" and "max_length" in ctx:
        typed = err.get("input")
        now = f" (now {len(typed)})" if isinstance(typed, str) else ""
        return f"is too long: please keep it under {ctx['max_length']} characters{now}"
    if kind == "too_long" and "max_length" in ctx:
        return f"has too many entries: at most {ctx['max_length']}"
    bounds = {
        "greater_than_equal": ("ge", "must be at least"),
        "greater_than": ("gt", "must be more than"),
        "less_than_equal": ("le", "must be at most"),
        "less_than": ("lt", "must be less than"),
    }
    if kind in bounds and bounds[kind][0] in ctx:
        key, words = bounds[kind]
        return f"{words} {ctx[key]}"
    msg = str(err.get("msg", "is not valid")).replace("Input should be", "must be")
    # pydantic prefixes messages raised by our own validators with "Value error, "
    return msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")


def problem_at(
    source: str, text: str | None, loc: Sequence[int | str], problem: str
) -> YamlProblem:
    """A problem found after validation (a check across files), named like a validation error:
    the file, the line of ``loc`` and its field."""
    field = describe_field(loc)
    line = line_of(_compose(text), loc)
    where = f", line {line}" if line else ""
    return YamlProblem(f"{source}{where}: the field ‘{field}’ {problem}.", field=field, line=line)


def validate_data(model: type[M], data: Any, *, source: str, text: str | None = None) -> M:
    """Build ``model`` from ``data``; on failure raise :class:`YamlProblem` naming the first field.

    ``text`` is the YAML ``data`` came from, used to name the line of the problem.
    """
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        # a misspelt key shows up twice (unknown field, and the real one missing): name the typo
        errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
        first = errors[0]
        loc = [p for p in first["loc"] if isinstance(p, (int, str))]
        field = describe_field(loc)
        line = line_of(_compose(text), loc)
        where = f", line {line}" if line else ""
        more = (
            f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
            if len(errors) > 1
            else ""
        )
        raise YamlProblem(
            f"{source}{where}: the field ‘{field}’ {plain_error(first)}{more}.",
            field=field,
            line=line,
        ) from None


def validate_yaml(model: type[M], text: str, *, source: str) -> M:
    return validate_data(model, parse_yaml(text, source), source=source, text=text)


def build(model: type[M], data: Any) -> M:
    """Build ``model`` from values a team typed; a problem becomes an :class:`InputError`."""
    from workshop_kit.errors import InputError

    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = [p for p in first["loc"] if isinstance(p, (int, str))]
        problem = plain_error(first)
        field = describe_field(loc)
        if not loc:  # a check across fields: about the entry as a whole, never "the whole file"
            subject = "" if problem.startswith("‘") else f"This {_words(model.__name__)} "
            text = subject + problem
            raise InputError(f"{text[:1].upper()}{text[1:]}.", field=field) from None
        raise InputError(f"‘{field}’ {problem}.", field=field) from None


def _words(name: str) -> str:
    """``ActionStep`` -> ``action step``."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()
