"""The pages' front-end files are compressed once, then served from what was kept
(workshop_kit.pages.compressed_assets), in front of an app built as Solara builds its own:
Starlette's file server behind its gzip middleware."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import HTMLResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from coroutines import run
from workshop_kit.pages.compressed_assets import CompressedAssets

SCRIPT = "var team = 'Lincoln ILT';\n" * 400  # about 10 kB, well over the threshold
PAGE = "<html><body>" + "<p>Day 1</p>" * 200 + "</body></html>"


@pytest.fixture
def assets(tmp_path: Path) -> Path:
    folder = tmp_path / "cdn"
    folder.mkdir()
    (folder / "app.js").write_text(SCRIPT, encoding="utf-8")
    (folder / "font.woff2").write_bytes(os.urandom(4000))
    (folder / "tiny.css").write_text("p{}", encoding="utf-8")
    return folder


def solara_like(folder: Path) -> CompressedAssets:
    async def page(request: object) -> HTMLResponse:
        return HTMLResponse(PAGE)

    app = Starlette(
        routes=[Route("/day1", page), Mount("/_solara/cdn", app=StaticFiles(directory=folder))],
        middleware=[Middleware(GZipMiddleware, minimum_size=1000)],
    )
    return CompressedAssets(app)


def get(app: CompressedAssets, path: str, **headers: str) -> httpx.Response:
    """One GET, the body left as it arrived (not decoded), with the browser's headers."""

    async def fetch() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://room") as client:
            sent = {"accept-encoding": "gzip, deflate", **headers}
            request = client.build_request("GET", path, headers=sent)
            response = await client.send(request, stream=True)
            response._content = b"".join([part async for part in response.aiter_raw()])
            return response

    return run(fetch())  # type: ignore[no-any-return]


class TestAFrontEndFile:
    def test_is_compressed_once_and_the_same_bytes_serve_every_later_page(
        self, assets: Path
    ) -> None:
        app = solara_like(assets)
        first = get(app, "/_solara/cdn/app.js")
        assert first.headers["content-encoding"] == "gzip"
        assert first.headers["vary"] == "Accept-Encoding"
        assert int(first.headers["content-length"]) == len(first.content) < len(SCRIPT) / 10
        assert gzip.decompress(first.content).decode() == SCRIPT
        for _ in range(3):
            again = get(app, "/_solara/cdn/app.js")
            assert again.content == first.content
        assert app.compressions == 1

    def test_changed_on_disk_is_compressed_anew(self, assets: Path) -> None:
        app = solara_like(assets)
        get(app, "/_solara/cdn/app.js")
        changed = SCRIPT + "var day = 2;\n"
        (assets / "app.js").write_text(changed, encoding="utf-8")
        os.utime(assets / "app.js", (1_700_000_000, 1_700_000_000))  # a new ETag for sure
        assert gzip.decompress(get(app, "/_solara/cdn/app.js").content).decode() == changed
        assert app.compressions == 2

    def test_goes_plain_to_a_browser_that_does_not_take_gzip(self, assets: Path) -> None:
        app = solara_like(assets)
        plain = get(app, "/_solara/cdn/app.js", **{"accept-encoding": "identity"})
        assert "content-encoding" not in plain.headers
        assert plain.content.decode() == SCRIPT
        assert app.compressions == 0

    def test_a_browser_holding_it_still_gets_not_modified(self, assets: Path) -> None:
        app = solara_like(assets)
        first = get(app, "/_solara/cdn/app.js")
        again = get(app, "/_solara/cdn/app.js", **{"if-none-match": first.headers["etag"]})
        assert again.status_code == 304 and again.content == b""

    def test_a_font_and_a_tiny_file_go_as_they_are(self, assets: Path) -> None:
        app = solara_like(assets)
        font = get(app, "/_solara/cdn/font.woff2")
        assert "content-encoding" not in font.headers
        assert font.content == (assets / "font.woff2").read_bytes()
        assert get(app, "/_solara/cdn/tiny.css").content == b"p{}"
        assert app.compressions == 0

    def test_a_missing_file_is_solaras_404(self, assets: Path) -> None:
        app = solara_like(assets)
        assert get(app, "/_solara/cdn/gone.js").status_code == 404
        assert app.compressions == 0


def test_a_page_is_left_to_solaras_own_compression(assets: Path) -> None:
    app = solara_like(assets)
    page = get(app, "/day1")
    assert page.headers["content-encoding"] == "gzip"
    assert gzip.decompress(page.content).decode() == PAGE
    assert app.compressions == 0


def test_what_is_kept_stays_within_its_ceiling(assets: Path) -> None:
    for n in range(3):
        (assets / f"part{n}.js").write_bytes(os.urandom(3000).hex().encode())
    app = solara_like(assets)
    app.kept_bytes = 7000  # two of the three compressed parts (each about 3.4 kB)
    for n in range(3):
        get(app, f"/_solara/cdn/part{n}.js")
    get(app, "/_solara/cdn/part2.js")  # still kept
    assert app.compressions == 3
    get(app, "/_solara/cdn/part0.js")  # the least recently used one went first
    assert app.compressions == 4
