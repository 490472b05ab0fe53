"""The pages' front-end files, compressed once per file instead of once per page opened.

Solara's server compresses every response on its way out (Starlette's ``GZipMiddleware``, at
its slowest level), so each page opened had the server compress the same 1.7 MB of scripts,
stylesheets and fonts again: measured with py-spy under the browser tests, 29 % of the pages
server's CPU. When a room opens Day 1 at once, that is the work 125 devices wait on.

:class:`CompressedAssets` sits in front of Solara's app. A request for a file under one of
Solara's file folders (``ASSET_FOLDERS``) is answered by Solara uncompressed; the kit compresses
the body the first time and keeps it, keyed by the file's address and its ``ETag`` (which
Solara's file server derives from the file's size and time), so a changed file is compressed
anew. Everything else (pages, the connection, answers of 304) passes through untouched, and a
browser that does not take gzip gets the file as Solara sends it.
"""

from __future__ import annotations

import gzip
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

#: where Solara serves files from disk (behind a prefix on the hub, so matched anywhere)
ASSET_FOLDERS = ("/_solara/cdn/", "/static/", "/jupyter/nbextensions/")
#: what is worth compressing (fonts in woff2 are compressed already)
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")
#: smaller bodies go as they are (Solara's own threshold)
MINIMUM_SIZE = 1000
#: a ceiling on what is kept: Solara's front end is about 0.5 MB compressed
KEPT_BYTES = 32 * 1024 * 1024
LEVEL = 6


@dataclass(frozen=True)
class Compressed:
    body: bytes
    headers: list[tuple[bytes, bytes]]


class CompressedAssets:
    """ASGI middleware: Solara's asset files compressed once and kept (least recently used
    first out, within ``KEPT_BYTES``)."""

    def __init__(self, app: App, kept_bytes: int = KEPT_BYTES) -> None:
        self.app = app
        self.kept_bytes = kept_bytes
        self._kept: OrderedDict[tuple[str, bytes], Compressed] = OrderedDict()
        self._lock = threading.Lock()
        #: how many bodies were compressed (what the cache saves is read from it)
        self.compressions = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._applies(scope):
            await self.app(scope, receive, send)
            return
        # Solara answers uncompressed; the kit compresses (once) below
        plain = {
            **scope,
            "headers": [(k, v) for k, v in scope["headers"] if k != b"accept-encoding"],
        }
        address = scope.get("root_path", "") + scope["path"] + "?" + scope["query_string"].decode()
        start: Message | None = None
        chunks: list[bytes] = []
        # set at the response's start: the body is Solara's (a page, a 304, a font), or was
        # compressed before (Solara's body is then dropped as it comes), or is read to compress
        passing = answered = False

        async def capture(message: Message) -> None:
            nonlocal start, passing, answered
            if message["type"] == "http.response.start":
                start = message
                passing = not _worth_compressing(message)
                if passing:
                    await send(message)
                    return
                kept = self._kept_for(address, message)
                if kept is not None:
                    answered = True
                    await _answer(send, kept)
                return
            if passing:
                await send(message)
                return
            if answered:
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            assert start is not None
            await _answer(send, self._compressed(address, start, b"".join(chunks)))

        await self.app(plain, receive, capture)

    @staticmethod
    def _applies(scope: Scope) -> bool:
        if scope["type"] != "http" or scope.get("method") != "GET":
            return False
        if not any(folder in scope["path"] for folder in ASSET_FOLDERS):
            return False
        for key, value in scope["headers"]:
            if key == b"accept-encoding":
                return b"gzip" in value
        return False

    def _kept_for(self, address: str, start: Message) -> Compressed | None:
        key = _key(address, start)
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
            return found

    def _compressed(self, address: str, start: Message, body: bytes) -> Compressed:
        packed = gzip.compress(body, compresslevel=LEVEL, mtime=0)
        headers = [(k.lower(), v) for k, v in start.get("headers", [])]
        kept = [(k, v) for k, v in headers if k not in (b"content-length", b"vary")]
        kept += [
            (b"content-encoding", b"gzip"),
            (b"content-length", str(len(packed)).encode()),
            (b"vary", b"Accept-Encoding"),
        ]
        compressed = Compressed(packed, kept)
        with self._lock:
            self.compressions += 1
            self._kept[_key(address, start)] = compressed
            while sum(len(c.body) for c in self._kept.values()) > self.kept_bytes:
                self._kept.popitem(last=False)
        return compressed


def _key(address: str, start: Message) -> tuple[str, bytes]:
    """A file's body is known by its address and its ETag (a changed file has another)."""
    return address, {k.lower(): v for k, v in start.get("headers", [])}[b"etag"]


async def _answer(send: Send, compressed: Compressed) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": compressed.headers})
    await send({"type": "http.response.body", "body": compressed.body})


def _worth_compressing(start: Message) -> bool:
    headers = {k.lower(): v for k, v in start.get("headers", [])}
    if start["status"] != 200 or b"etag" not in headers or b"content-encoding" in headers:
        return False
    kind = headers.get(b"content-type", b"").decode("latin-1")
    size = int(headers.get(b"content-length", b"0") or 0)
    return kind.startswith(COMPRESSIBLE) and size >= MINIMUM_SIZE
