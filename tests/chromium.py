"""The system Chromium and how a drawn page's closed activities are found: shared by the browser
tests and the benchmarks, so both start the browser alike and open the same activities.

No pytest here: the benchmarks run as plain scripts.
"""

from __future__ import annotations

import os

#: Debian's "old headless shell" first: the same Chromium build without the browser's window
#: code, which Playwright itself drives for headless runs. Measured on the browser tests of Days
#: 3 and the room, alone on a quiet machine: 94 CPU-seconds in all against 120 with the whole
#: browser, its own processes 60 against 86 (docs/decisions.md). The whole browser still serves
#: where the shell is not installed.
CHROMIUM_CANDIDATES = (
    "/usr/lib/chromium/chromium-headless-shell",
    "/usr/bin/chromium-headless-shell",
    "/usr/lib/chromium/chromium",
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
)
#: the system Chromium (None when it is not installed; `./kit test` installs it)
CHROMIUM = next((p for p in CHROMIUM_CANDIDATES if os.access(p, os.X_OK)), None)
#: no sandbox (CI runs as root), no GPU, and nothing that reaches off the machine
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: on a drawn page: the activities behind an "Open this activity" button, in page order, by the
#: id their button's class names (``wk-open-norms`` -> ``norms``)
CLOSED_ON_PAGE = """() => Array.from(document.querySelectorAll('.wk-site button.wk-open-activity'))
  .map(b => Array.from(b.classList).find(c => c.startsWith('wk-open-') && c !== 'wk-open-activity'))
  .map(c => c.slice('wk-open-'.length))"""
