"""A notebook -> the page it makes, as an ordered list of parts. No cell is ever executed.

A workshop notebook is prose (Markdown cells) and, between them, code cells that each make one
call into the kit, ``day1.roster()``, after one import line, ``from workshop_kit.activities
import day1``. A page shows the same things in the same order without a kernel:

* a Markdown cell becomes :class:`Prose`: rendered with markdown-it-py (CommonMark and tables),
  words meant for JupyterLab only (``<span class="wk-lab-only">``) left out, and the HTML
  sanitized with nh3 (no scripts, no event attributes, no ``javascript:`` links);
* a code cell is parsed with :mod:`ast`, never run: only ``module.function()`` or
  ``function()`` with literal arguments is accepted, where the names come from the cell's (or an
  earlier cell's) ``from workshop_kit.activities import ...`` line, and the call is looked up in
  a registry that names every call a page may make. Found: an :class:`ActivityCall` holding the
  registered function, for the page to call. Anything else, a typo or
  ``__import__('os').system(...)`` alike: an :class:`Unshowable` part with a plain message.

Pure: no widgets, no Solara, no kernel; the registry is handed in.
"""

from __future__ import annotations

import ast
import inspect
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

#: where a notebook's import line finds the kit's activity modules
ACTIVITIES_PACKAGE = "workshop_kit.activities"
#: what a page shows where a notebook's cell is not one of the kit's activity calls
CANNOT_SHOW = (
    "This page cannot show this part. It is not one of the workshop's activities, so it is left "
    "out here; the facilitator can open the notebook in JupyterLab to see it."
)
UNREADABLE = (
    "This page cannot be shown: its notebook could not be read. Please tell your facilitator."
)

#: (module, function) -> the function a page calls, e.g. ("day1", "roster") -> day1.roster
Registry: TypeAlias = Mapping[tuple[str, str], Callable[..., object]]
#: a notebook file name (``00_facilitator_guide.ipynb``) -> the page address it is served at
LinkFor: TypeAlias = Callable[[str], "str | None"]


@dataclass(frozen=True)
class Prose:
    """A Markdown cell, rendered and sanitized."""

    html: str


@dataclass(frozen=True)
class ActivityCall:
    """A code cell's one call, found in the registry (``day1.roster()``)."""

    module: str
    function: str
    target: Callable[..., object]
    args: tuple[object, ...] = ()
    kwargs: tuple[tuple[str, object], ...] = ()

    @property
    def name(self) -> str:
        return f"{self.module}.{self.function}"


@dataclass(frozen=True)
class Unshowable:
    """A cell a page cannot show: ``message`` is for the page, ``reason`` for the log."""

    cell: int
    reason: str
    message: str = CANNOT_SHOW


Part: TypeAlias = Prose | ActivityCall | Unshowable


class _NotACall(Exception):
    """The cell is not one accepted activity call; the text says why (for the log)."""


# -- reading ----------------------------------------------------------------------------------


def read_notebook(path: Path) -> dict[str, Any]:
    """The notebook as plain JSON (nbformat is not needed to read cells, and costs an import)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        raise ValueError(f"{path.name} is not a notebook: it has no list of cells")
    return data


def _source(cell: Mapping[str, Any]) -> str:
    source = cell.get("source", "")
    if isinstance(source, list):
        return "".join(str(line) for line in source)
    return str(source)


def notebook_title(notebook: Mapping[str, Any], default: str) -> str:
    """The first heading of the notebook's first Markdown cell (markup removed), or ``default``."""
    for cell in notebook.get("cells", []):
        if isinstance(cell, Mapping) and cell.get("cell_type") == "markdown":
            match = re.match(r"\s*#+\s+(.+)", _source(cell))
            return re.sub(r"[*_`]", "", match.group(1)).strip() if match else default
    return default


def compose_file(path: Path, registry: Registry, link_for: LinkFor | None = None) -> list[Part]:
    """:func:`compose` of the notebook at ``path``; a notebook that cannot be read is one
    :class:`Unshowable` part saying so, never an error."""
    try:
        notebook = read_notebook(path)
    except (OSError, ValueError) as exc:
        return [Unshowable(-1, f"{path.name}: {exc}", UNREADABLE)]
    return compose(notebook, registry, link_for)


def compose(
    notebook: Mapping[str, Any], registry: Registry, link_for: LinkFor | None = None
) -> list[Part]:
    """The page of ``notebook``, part by part in cell order. Raw cells, empty cells and cells
    that only import are left out; nothing in a cell is executed."""
    parts: list[Part] = []
    names: dict[str, _Binding] = {}  # what the notebook's import lines bound, across cells
    cells = notebook.get("cells", [])
    for number, cell in enumerate(cells if isinstance(cells, list) else []):
        if not isinstance(cell, Mapping):
            parts.append(Unshowable(number, "the cell is not a JSON object"))
            continue
        kind, text = cell.get("cell_type"), _source(cell)
        if not text.strip():
            continue
        if kind == "markdown":
            parts.append(Prose(render_markdown(text, link_for)))
        elif kind == "code":
            try:
                call = parse_call(text, registry, names)
            except _NotACall as exc:
                parts.append(Unshowable(number, str(exc)))
            else:
                if call is not None:
                    parts.append(call)
    return parts


# -- code cells -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Binding:
    """What a name bound by an import line stands for: a module of activity calls
    (``day1``), or one call (``overview`` from ``...activities.overview``)."""

    module: str
    function: str | None = None


def parse_call(
    source: str, registry: Registry, names: dict[str, _Binding] | None = None
) -> ActivityCall | None:
    """The one activity call in a code cell's ``source`` (None when it only imports). Import
    lines bind names into ``names`` (kept across a notebook's cells). Raises :class:`_NotACall`
    saying why when the cell is anything else."""
    names = {} if names is None else names
    try:
        tree = ast.parse(source, mode="exec")
    except SyntaxError as exc:
        raise _NotACall(f"not Python: {exc.msg}") from None
    if not tree.body:  # only comments
        return None
    *imports, last = tree.body
    for statement in imports:
        _bind(statement, registry, names)
    if isinstance(last, ast.ImportFrom | ast.Import):
        _bind(last, registry, names)
        return None
    if not isinstance(last, ast.Expr) or not isinstance(last.value, ast.Call):
        raise _NotACall(f"the cell's last line is a {type(last).__name__}, not a call")
    return _resolve(last.value, registry, names)


def _bind(statement: ast.stmt, registry: Registry, names: dict[str, _Binding]) -> None:
    if not isinstance(statement, ast.ImportFrom) or statement.level != 0:
        raise _NotACall("only `from workshop_kit.activities import ...` may come before the call")
    modules = {module for module, _ in registry}
    for alias in statement.names:
        bound = alias.asname or alias.name
        if statement.module == ACTIVITIES_PACKAGE and alias.name in modules:
            names[bound] = _Binding(alias.name)
            continue
        prefix = ACTIVITIES_PACKAGE + "."
        if statement.module and statement.module.startswith(prefix):
            module = statement.module.removeprefix(prefix)
            if (module, alias.name) in registry:
                names[bound] = _Binding(module, alias.name)
                continue
        raise _NotACall(f"`{statement.module}.{alias.name}` is not one of the activity calls")


def _resolve(call: ast.Call, registry: Registry, names: Mapping[str, _Binding]) -> ActivityCall:
    func = call.func
    if (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id in names
        and names[func.value.id].function is None
    ):
        key = (names[func.value.id].module, func.attr)
    elif isinstance(func, ast.Name) and func.id in names and names[func.id].function is not None:
        binding = names[func.id]
        key = (binding.module, str(binding.function))
    else:
        raise _NotACall(f"`{ast.unparse(func)}` is not an imported activity call")
    target = registry.get(key)
    if target is None:
        raise _NotACall(f"`{key[0]}.{key[1]}` is not one of the activity calls")
    args = tuple(_literal(arg) for arg in call.args)
    kwargs: list[tuple[str, object]] = []
    for keyword in call.keywords:
        if keyword.arg is None:
            raise _NotACall("`**` arguments are not accepted")
        kwargs.append((keyword.arg, _literal(keyword.value)))
    try:
        inspect.signature(target).bind(*args, **dict(kwargs))
    except TypeError as exc:
        raise _NotACall(f"`{key[0]}.{key[1]}` does not take these arguments: {exc}") from None
    except ValueError:  # no signature to check against (a builtin): the call itself will say
        pass
    return ActivityCall(key[0], key[1], target, args, tuple(kwargs))


def _literal(node: ast.expr) -> object:
    if isinstance(node, ast.Starred):
        raise _NotACall("`*` arguments are not accepted")
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        raise _NotACall(f"the argument `{ast.unparse(node)[:60]}` is not a literal") from None


# -- Markdown cells ---------------------------------------------------------------------------

_MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable("table")
_LAB_ONLY_OPEN = re.compile(r'<span\s+class="wk-lab-only"\s*>', re.IGNORECASE)
_SPAN_OPEN = re.compile(r"<span\b", re.IGNORECASE)
_SPAN_CLOSE = re.compile(r"</span\s*>", re.IGNORECASE)
_HEADINGS = {f"h{n}" for n in range(1, 7)}
_SCHEMES = {"http", "https", "mailto"}


def _without_lab_only(children: list[Token]) -> list[Token]:
    """Inline tokens without ``<span class="wk-lab-only">...</span>`` (words for JupyterLab)."""
    kept: list[Token] = []
    depth = 0
    for token in children:
        if token.type == "html_inline":
            if depth == 0 and _LAB_ONLY_OPEN.fullmatch(token.content.strip()):
                depth = 1
                continue
            if depth and _SPAN_OPEN.match(token.content):
                depth += 1
            elif depth and _SPAN_CLOSE.fullmatch(token.content.strip()):
                depth -= 1
                continue
        if depth == 0:
            kept.append(token)
    return kept


def _heading_id(tokens: list[Token], index: int) -> str:
    """JupyterLab's anchor for a heading: its text with spaces as dashes, so links such as
    ``00_facilitator_guide.ipynb#Sources-and-further-reading`` still land."""
    inline = tokens[index + 1] if index + 1 < len(tokens) else None
    text = inline.content if inline is not None else ""
    return re.sub(r"[*_`]", "", text).strip().replace(" ", "-")


def render_markdown(text: str, link_for: LinkFor | None = None) -> str:
    """``text`` as sanitized HTML. Links to another notebook (``02_day2_resource_map.ipynb``)
    point at its page when ``link_for`` names one."""
    tokens = _MARKDOWN.parse(text)
    kept: list[Token] = []
    for index, token in enumerate(tokens):
        if token.type == "html_block" and "wk-lab-only" in token.content:
            continue
        if token.type == "inline" and token.children:
            token.children = _without_lab_only(token.children)
        if token.type == "heading_open":
            token.attrSet("id", _heading_id(tokens, index))
        kept.append(token)
    html = _MARKDOWN.renderer.render(kept, _MARKDOWN.options, {})

    def attribute(tag: str, name: str, value: str) -> str | None:
        if tag == "a" and name == "href" and link_for is not None:
            target, hash_mark, fragment = value.partition("#")
            if target.endswith(".ipynb") and "/" not in target and ":" not in target:
                address = link_for(target)
                if address is not None:
                    return address + hash_mark + fragment
        return value

    return nh3.clean(
        html,
        attributes={
            **{tag: {"id"} for tag in _HEADINGS},
            "a": {"href", "title"},
            "img": {"src", "alt", "title"},
            "th": {"style"},
            "td": {"style"},
        },
        attribute_filter=attribute,
        url_schemes=_SCHEMES,
        filter_style_properties={"text-align"},
    )
