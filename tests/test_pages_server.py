"""The pages server's settings are the kit's: no telemetry, the front end from the installed
packages and never from a CDN, Solara's folder in the workspace (workshop_kit.pages.server)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from workshop_kit.cli import build_parser
from workshop_kit.pages import server
from workshop_kit.pages.style import kit_css

PROBE = """
import json, sys
from workshop_kit.pages.server import apply_settings
apply_settings()
import solara.server.settings as s
import solara.settings as g
import solara.server.server as srv
template = (srv.solara_static.parent / "templates" / "solara.html.j2").read_text()
json.dump({
    "telemetry": s.telemetry.mixpanel_enable,
    "batched": s.main.experimental_performance,
    "proxy": g.assets.proxy,
    "cdn": g.assets.cdn,
    "cache": str(s.assets.proxy_cache_dir),
    "home": str(__import__("solara.util").util.get_solara_home()),
    "template": template,
    "extra": [str(p) for p in s.assets.extra_paths()],
}, sys.stdout)
"""


def probe(tmp_path: Path) -> dict[str, object]:
    """Solara's settings as the server process sees them, in a process of its own (Solara
    reads its environment once, on import), with HOME in a temporary folder and a ``.env``
    file beside it that asks for telemetry."""
    home = tmp_path / "home"
    home.mkdir()
    (tmp_path / ".env").write_text("SOLARA_TELEMETRY_MIXPANEL_ENABLE=True\n", encoding="utf-8")
    base = {k: v for k, v in os.environ.items() if k != "SOLARA_HOME"}
    env = server.server_environment(tmp_path / "workspace", {**base, "HOME": str(home)})
    run = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        stdin=subprocess.DEVNULL,
    )
    found = json.loads(run.stdout)
    assert isinstance(found, dict)
    found["home_left_alone"] = not any(home.iterdir())
    return found


class TestSettings:
    def test_the_environment_names_the_workspace_and_the_kits_settings(
        self, tmp_path: Path
    ) -> None:
        env = server.server_environment(tmp_path, {"PATH": "/bin"})
        assert env["WORKSHOP_KIT_WORKSPACE"] == str(tmp_path)
        assert env["SOLARA_APP"] == "workshop_kit.pages.app"
        assert env["SOLARA_TELEMETRY_MIXPANEL_ENABLE"] == "False"
        assert env["SOLARA_HOME"] == str(tmp_path / ".solara")
        assert env["PATH"] == "/bin"

    def test_solara_runs_with_them(self, tmp_path: Path) -> None:
        found = probe(tmp_path)
        assert found["telemetry"] is False
        assert found["batched"] is True  # a page's messages go out in batches
        assert found["proxy"] is True and found["cdn"] == server.NO_CDN
        assert found["home"] == str(tmp_path / "workspace" / ".solara")
        assert found["home_left_alone"], "nothing was written into the user's home folder"

    def test_every_page_gets_the_kits_script_for_lost_connections(self, tmp_path: Path) -> None:
        """Solara includes ``/static/assets/custom.js`` in every page and looks for it in the
        extra asset folders before its own (empty) one: the kit's folder is first and holds it.
        Its ``custom.css`` (linked in every page's head) is the pages' stylesheet, written by
        the server at start into its own folder in Solara's."""
        found = probe(tmp_path)
        assert found["extra"] == [
            str(server.assets_dir()),
            str(tmp_path / "workspace" / ".solara" / "kit-assets"),
        ]
        stylesheet = tmp_path / "workspace" / ".solara" / "kit-assets" / "custom.css"
        assert stylesheet.read_text(encoding="utf-8") == kit_css()
        script = (server.assets_dir() / "custom.js").read_text(encoding="utf-8")
        assert "Connection lost: what you typed is kept on this page" in script
        assert "currentScript" not in script  # Solara would not embed it then

    def test_the_installed_assets_hold_the_front_end_solara_asks_for(self, tmp_path: Path) -> None:
        """solara-assets must be the version the server's page names, or the page would need a
        CDN (pinned together in pyproject.toml)."""
        found = probe(tmp_path)
        template = str(found["template"])
        wanted = set(re.findall(r"@widgetti/solara-vuetify3-app@[0-9.]+", template))
        assert len(wanted) == 1, wanted
        [app] = wanted
        cache = Path(str(found["cache"]))
        for name in ("solara-vuetify-app8.min.js", "main8.css", "fonts.css"):
            assert (cache / app / "dist" / name).is_file(), f"{app}/dist/{name} is not installed"
        assert (cache / "requirejs@2.3.6" / "require.js").is_file()


class TestCommand:
    def test_app_listens_on_this_computer_only_by_default(self) -> None:
        args = build_parser().parse_args(["app"])
        assert args.ip == "127.0.0.1" and args.port == server.DEFAULT_PORT
        assert args.no_browser is False, "a person at this computer gets the start page opened"
        args = build_parser().parse_args(["app", "--port", "9000", "--ip", "0.0.0.0"])
        assert (args.port, args.ip) == (9000, "0.0.0.0")


class TestStyle:
    def test_the_pages_share_the_voila_templates_stylesheet(self) -> None:
        """Wrapping buttons and labels, the focus ring, tick-box lists: the same rules as the
        Voila pages, aimed at the pages' box, plus the pages' own."""
        css = kit_css()
        assert "body[data-voila]" not in css
        assert ".wk-site .jupyter-button" in css and ".wk-site .wk-checks" in css
        assert ".wk-site .wk-lab-only { display: none; }" in css
        assert css.count("{") == css.count("}")


class TestUnknownAddress:
    def test_the_kits_plain_page_links_every_page_and_escapes_titles(self) -> None:
        from workshop_kit.pages.site import not_found_page

        html = not_found_page([("/", "Start here"), ("/day1", "Day 1 <b>&</b>")])
        assert "There is no page at this address" in html
        assert '<a href="/day1">Day 1 &lt;b&gt;&amp;&lt;/b&gt;</a>' in html
        assert "Solara" not in html and "Traceback" not in html
