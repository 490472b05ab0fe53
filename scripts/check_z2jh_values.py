"""Check deploy/kubernetes/values.yaml against the Zero to JupyterHub chart's own values schema.

Helm validates the chart's default values merged with yours against the chart's
``values.schema.json`` at install time; this does the same before you install, from the chart
you unpacked (nothing of the chart is kept in this repository):

    helm pull jupyterhub/jupyterhub --version 4.4.0 --untar --untardir /tmp/z2jh
    .venv/bin/python scripts/check_z2jh_values.py /tmp/z2jh/jupyterhub

The chart folder must hold ``values.yaml`` and ``values.schema.json`` (a packaged chart) or
``values.schema.yaml`` (the chart's source). Exit code 0: valid; 1: the schema's complaints are
printed, one a line, with the path of each bad key.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft7Validator

ROOT = Path(__file__).resolve().parents[1]
VALUES = ROOT / "deploy" / "kubernetes" / "values.yaml"


def merged(defaults: Any, ours: Any) -> Any:
    """Helm's merge of user values over a chart's: maps merge key by key, a null removes the
    chart's key, anything else replaces the chart's value."""
    if not (isinstance(defaults, dict) and isinstance(ours, dict)):
        return ours
    result = dict(defaults)
    for key, value in ours.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merged(defaults.get(key), value)
    return result


def read_schema(chart: Path) -> Any:
    if (chart / "values.schema.json").is_file():
        return json.loads((chart / "values.schema.json").read_text(encoding="utf-8"))
    return yaml.safe_load((chart / "values.schema.yaml").read_text(encoding="utf-8"))


def problems(chart: Path, values: Path = VALUES) -> list[str]:
    defaults = yaml.safe_load((chart / "values.yaml").read_text(encoding="utf-8"))
    ours = yaml.safe_load(values.read_text(encoding="utf-8"))
    validator = Draft7Validator(read_schema(chart))
    return sorted(
        f"{'.'.join(str(p) for p in error.absolute_path) or '(top)'}: {error.message}"
        for error in validator.iter_errors(merged(defaults, ours))
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("chart", type=Path, help="the unpacked chart's folder")
    parser.add_argument("--values", type=Path, default=VALUES)
    args = parser.parse_args(argv)
    found = problems(args.chart, args.values)
    for line in found:
        print(line)
    print(f"{args.values}: {'valid' if not found else f'{len(found)} problems'} ({args.chart})")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
