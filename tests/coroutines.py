"""Running a coroutine from a test, wherever the test runs."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any


def run(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """Run ``coroutine`` to its end in a thread of its own: ``asyncio.run`` refuses to start in a
    thread whose event loop runs, and a worker that ran browser tests before keeps Playwright's
    loop running in its main thread."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
