"""The floors: each direct dependency of the workshop and its tests at the lowest version
pyproject.toml allows, as pip constraints (``name==version``, one a line).

``./kit floors`` writes them with this script and installs the kit with ``pip -c`` on them, then
runs the fast tier: so a floor that pyproject.toml declares is a floor the suite has passed
with. A dependency without a lower bound (no ``>=``, ``==`` or ``~=``) has no floor to test and
is refused, as is a floor its own specifier excludes (``>=2.0,!=2.0``).

    python scripts/floors.py [--extras test] [--output FILE]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
#: the extras the floors are tested with: the fast tier needs the test tools, and nothing else
EXTRAS = ("test",)
#: operators whose version is the lowest one allowed (``==1.2.*`` allows 1.2 and up, within 1.2)
INCLUSIVE_LOWER = {">=", "==", "~=", "==="}


class NoFloor(ValueError):
    """A dependency whose lowest allowed version cannot be read from its specifier."""


def listed(project: Mapping[str, object], extras: Iterable[str] = EXTRAS) -> list[str]:
    """The requirement strings of the package and of the named extras, in pyproject's order."""
    dependencies = project.get("dependencies") or []
    optional = project.get("optional-dependencies") or {}
    assert isinstance(dependencies, list) and isinstance(optional, Mapping)
    requirements = [str(r) for r in dependencies]
    for extra in extras:
        if extra not in optional:
            raise NoFloor(f"pyproject.toml has no extra called {extra!r}")
        requirements += [str(r) for r in optional[extra]]
    return requirements


def floor(requirement: Requirement) -> str:
    """The lowest version ``requirement`` allows, as written in it (``>=3.0`` -> ``3.0``)."""
    lows = [
        spec.version.removesuffix(".*")
        for spec in requirement.specifier
        if spec.operator in INCLUSIVE_LOWER
    ]
    if not lows:
        raise NoFloor(f"{requirement}: no lower bound (write >=, == or ~= with a version)")
    lowest = max(lows, key=Version)
    if not requirement.specifier.contains(lowest, prereleases=True):
        raise NoFloor(f"{requirement}: its own specifier excludes its floor {lowest}")
    return lowest


def floors(requirements: Sequence[str]) -> dict[str, str]:
    """Each requirement's PEP 503 name and floor; every problem named at once."""
    pins: dict[str, str] = {}
    problems: list[str] = []
    for line in requirements:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        if name in pins:
            problems.append(f"{requirement}: {name} is listed twice; one floor cannot be pinned")
            continue
        try:
            pins[name] = floor(requirement)
        except NoFloor as error:
            problems.append(str(error))
    if problems:
        raise NoFloor("\n".join(problems))
    return pins


def constraints(pins: Mapping[str, str]) -> str:
    """pip's constraint file: ``name==version`` lines (no extras: pip refuses them there)."""
    return "".join(f"{name}=={version}\n" for name, version in sorted(pins.items()))


def read_project(pyproject: Path = ROOT / "pyproject.toml") -> dict[str, object]:
    with pyproject.open("rb") as handle:
        project = tomllib.load(handle)["project"]
    assert isinstance(project, dict)
    return project


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pyproject", type=Path, default=ROOT / "pyproject.toml")
    parser.add_argument("--extras", default=",".join(EXTRAS), help="comma-separated")
    parser.add_argument("--output", type=Path, help="write here instead of standard output")
    args = parser.parse_args(argv)
    extras = [e for e in args.extras.split(",") if e]
    try:
        text = constraints(floors(listed(read_project(args.pyproject), extras)))
    except NoFloor as error:
        print(f"{args.pyproject}: cannot derive the floors:\n{error}", file=sys.stderr)
        return 1
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
