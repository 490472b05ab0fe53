"""Run every benchmark (``./kit bench``): each bench_*.py module's ``main()`` prints its figures.

Names given (``./kit bench day2 room``) run the modules whose names hold one of them. A module
that sets ``ONLY_WHEN_NAMED = True`` (the room: many minutes and a whole browser) runs only when
named."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(only: list[str]) -> int:
    sys.path.insert(0, str(HERE))
    for path in sorted(HERE.glob("bench_*.py")):
        if only and not any(o in path.stem for o in only):
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[path.stem] = module  # as an import would: dataclasses look it up
        spec.loader.exec_module(module)
        if not only and getattr(module, "ONLY_WHEN_NAMED", False):
            print(f"== {path.stem}: runs only when named (./kit bench {path.stem[6:]})")
            continue
        print(f"== {path.stem}")
        module.main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
