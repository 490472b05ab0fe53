"""Offline check against published advisories (data/security/advisories.yaml).

For each advised package: the floor declared in pyproject.toml must be at or above the fixed
release, and so must the version installed in this environment. Runs in `./kit lint`; prints
one line per problem and exits 1 when there is one. Works without a network, unlike pip-audit,
so it also runs on the institute's offline machines.
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
ADVISORIES = ROOT / "data" / "security" / "advisories.yaml"

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared_floors() -> dict[str, Version | None]:
    """Each package pyproject.toml lists (dependencies and extras) with its lowest allowed
    version (None: no floor at all)."""
    with (ROOT / "pyproject.toml").open("rb") as handle:
        project = tomllib.load(handle)["project"]
    listed = [*project["dependencies"]]
    for extra in project.get("optional-dependencies", {}).values():
        listed += extra
    floors: dict[str, Version | None] = {}
    for line in listed:
        requirement = Requirement(line)
        lows = [Version(s.version) for s in requirement.specifier if s.operator in (">=", "==")]
        floors[canonical(requirement.name)] = max(lows) if lows else None
    return floors


def advisories() -> list[dict[str, object]]:
    data = yaml.safe_load(ADVISORIES.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("schema_version") != 1:
        raise SystemExit(f"{ADVISORIES.name}: expected schema_version 1")
    entries = data.get("advisories")
    if not isinstance(entries, list) or not entries:
        raise SystemExit(f"{ADVISORIES.name}: the field ‘advisories’ is missing or empty")
    return entries


def problems() -> list[str]:
    floors = declared_floors()
    found = []
    for entry in advisories():
        name, fixed = canonical(str(entry["package"])), Version(str(entry["fixed_in"]))
        ids = ", ".join(str(i) for i in entry.get("ids") or []) or "an advisory"
        if name in floors:
            floor = floors[name]
            if floor is None or floor < fixed:
                found.append(
                    f"pyproject.toml: {name} allows {floor or 'any version'}; "
                    f"{ids} is fixed in {fixed}: require >={fixed}"
                )
        try:
            installed = Version(metadata.version(name))
        except metadata.PackageNotFoundError:
            continue
        if installed < fixed:
            found.append(f"installed: {name} {installed} is affected by {ids}; update to {fixed}")
    return found


def main() -> int:
    found = problems()
    for line in found:
        print(line)
    if not found:
        print(f"No known advisory applies ({len(advisories())} advisories checked).")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
