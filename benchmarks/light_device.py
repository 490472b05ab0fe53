"""A device of the room without a browser: one page of the pages server opened as its script
opens it, over the same websocket, so the server does for it what it does for a browser's page.

Chromium costs the bench machine over 12 s of CPU a page when 30 or more pages open at once on
its two cores (docs/decisions.md, "./kit bench room on the pages"), which made the room's figure
a measure of the browser, not of the server. A room's devices are other machines: what the
server must hold is its own share. A light page does what the page's script does on the wire
and nothing else:

- ``GET`` the page's address (the server sets its session cookie), with the team's join code in
  the ``wk-codes`` cookie, as a browser that typed it holds;
- open the kernel websocket (``/jupyter/api/kernels/<new id>/channels``), open Solara's
  ``solara.control`` comm and ask it to ``run`` the page's path: the server builds the page
  (a session, its panels) and sends every widget's state, then ``finished``;
- keep every widget's state as the server sends it (opened, then updated), read on a task of its
  own, so the page stays connected and hears the live view;
- press a button (a widget's ``click`` event) and set a field's value (a widget ``update``), as
  the widgets' own views send them.

Nothing is drawn, so a light page measures the server, never the drawing; the bench opens a few
real Chromium pages beside the light ones and checks those as a person would see them.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import struct
import time
import urllib.request
import uuid
from collections.abc import Callable
from typing import Any

import websockets

#: Solara's session cookie, set by the page's address
SESSION_COOKIE = "solara-session-id"
#: the cookie the pages' script keeps typed join codes in
CODES_COOKIE = "wk-codes"


def _decode(raw: str | bytes) -> dict[str, Any]:
    """A message from the server: JSON text, or Solara's binary frame (a count, offsets, the
    JSON first, then buffers this client does not need)."""
    if isinstance(raw, str):
        return dict(json.loads(raw))
    count = struct.unpack("!I", raw[:4])[0]
    offsets = struct.unpack("!" + "I" * count, raw[4 : 4 + 4 * count])
    end = offsets[1] if count > 1 else len(raw)
    return dict(json.loads(raw[offsets[0] : end]))


class LightPage:
    """One page view of ``base`` (``http://127.0.0.1:port``) at ``path`` (``/day1?team=x``)."""

    def __init__(self, base: str, path: str, code: str = "", cookies: str = "") -> None:
        """``code``: a join code the browser holds; ``cookies``: others it sends (a hub's
        login), as one ``Cookie`` header's text."""
        self.base, self.path, self.code, self.cookies = base, path, code, cookies
        self.session = uuid.uuid4().hex
        #: every widget's state, by its comm id, as the server last sent it
        self.models: dict[str, dict[str, Any]] = {}
        #: when (Date.now()-style milliseconds) each watched text was first in an HTML widget
        self.seen: dict[str, float] = {}
        self.watched: set[str] = set()
        self.finished = asyncio.Event()
        self.closed = False
        self._changed = asyncio.Event()
        self._ws: Any = None
        self._reader: asyncio.Task[None] | None = None
        self._control = uuid.uuid4().hex

    # -- the wire --------------------------------------------------------------------------

    def _message(self, msg_type: str, content: dict[str, Any]) -> str:
        header = {"msg_id": uuid.uuid4().hex, "username": "", "session": self.session,
                  "msg_type": msg_type, "version": "5.3", "date": ""}  # fmt: skip
        return json.dumps({"header": header, "parent_header": {}, "metadata": {},
                           "content": content, "channel": "shell", "buffers": []})  # fmt: skip

    def _page_cookie(self) -> str:
        request = urllib.request.Request(self.base + self.path)
        sent = [c for c in (self.cookies, self.code and f"{CODES_COOKIE}={self.code}") if c]
        if sent:
            request.add_header("Cookie", "; ".join(sent))
        with urllib.request.urlopen(request, timeout=300) as response:
            response.read()
            for header in response.headers.get_all("set-cookie") or []:
                name, _, rest = header.partition("=")
                if name.strip() == SESSION_COOKIE:
                    return f"{SESSION_COOKIE}={rest.split(';')[0]}"
        return ""

    async def open(self, timeout: float) -> None:
        """Load the page and run it; returns once the server says the page is built."""
        cookies = [c for c in (await asyncio.to_thread(self._page_cookie),) if c]
        if self.code:
            cookies.append(f"{CODES_COOKIE}={self.code}")
        if self.cookies:
            cookies.append(self.cookies)
        kernel = uuid.uuid4()
        address = self.base.replace("http://", "ws://", 1)
        self._ws = await websockets.connect(
            f"{address}/jupyter/api/kernels/{kernel}/channels?session_id={self.session}",
            additional_headers={"Cookie": "; ".join(cookies)},
            max_size=None,
            open_timeout=timeout,
            ping_interval=None,  # the server's keep-alive is enough; no extra work on it
        )
        self._reader = asyncio.create_task(self._read())
        await self._ws.send(
            self._message("comm_open", {"comm_id": self._control,
                                        "target_name": "solara.control", "data": {}})
        )  # fmt: skip
        run = {"method": "run", "args": {"path": self.path, "appName": None}}
        await self._ws.send(self._message("comm_msg", {"comm_id": self._control, "data": run}))
        await asyncio.wait_for(self.finished.wait(), timeout)

    async def _read(self) -> None:
        try:
            async for raw in self._ws:
                message = _decode(raw)
                kind, content = message["header"]["msg_type"], message["content"]
                if kind == "comm_open":
                    self._keep(content["comm_id"], content.get("data", {}).get("state", {}))
                elif kind == "comm_msg":
                    data = content.get("data", {})
                    if content.get("comm_id") == self._control:
                        if data.get("method") == "finished":
                            self.finished.set()
                    elif data.get("method") in ("update", "echo_update"):
                        self._keep(content["comm_id"], data.get("state", {}))
                elif kind == "comm_close":
                    self.models.pop(content.get("comm_id", ""), None)
        except websockets.ConnectionClosed:
            pass
        finally:
            self.closed = True
            self._changed.set()

    def _keep(self, comm_id: str, state: dict[str, Any]) -> None:
        model = self.models.setdefault(comm_id, {})
        model.update(state)
        value = model.get("value")
        if self.watched and isinstance(value, str) and model.get("_model_name") == "HTMLModel":
            now = time.time() * 1000
            for text in self.watched:
                if text not in self.seen and text in value:
                    self.seen[text] = now
        self._changed.set()

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            await self._reader

    # -- what a person does ----------------------------------------------------------------

    def with_class(self, css: str) -> list[str]:
        """The widgets carrying the CSS class ``css``, in the order the server made them."""
        return [i for i, m in self.models.items() if css in (m.get("_dom_classes") or ())]

    def html_holds(self, text: str) -> bool:
        return any(
            text in str(m.get("value", ""))
            for m in self.models.values()
            if m.get("_model_name") == "HTMLModel"
        )

    async def until(self, check: Callable[[], Any], timeout: float) -> Any:
        """Wait until ``check()`` gives something true (given back), as the page changes."""
        deadline = time.monotonic() + timeout
        while True:
            self._changed.clear()
            found = check()
            if found:
                return found
            if self.closed:
                raise ConnectionError(f"the server closed the page {self.path}")
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"{self.path}: not in time")
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._changed.wait(), left)

    async def press(self, comm_id: str) -> None:
        """A button's click, as its view sends it."""
        data = {"method": "custom", "content": {"event": "click"}}
        await self._ws.send(self._message("comm_msg", {"comm_id": comm_id, "data": data}))

    async def set_value(self, comm_id: str, value: str) -> None:
        """A field's new value, as its view sends it when the field is left."""
        self.models[comm_id]["value"] = value
        data = {"method": "update", "state": {"value": value}, "buffer_paths": []}
        await self._ws.send(self._message("comm_msg", {"comm_id": comm_id, "data": data}))
