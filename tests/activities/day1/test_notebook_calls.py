"""Day 1 notebook calls: a broken facilitator config is a message, not a traceback."""

from __future__ import annotations

import re

from workshop_kit.activities import day1
from workshop_kit.session import Session


class TestNotebookCalls:
    def test_a_broken_facilitator_config_is_a_message_not_a_traceback(
        self, session: Session
    ) -> None:
        from IPython.core.interactiveshell import InteractiveShell
        from IPython.utils.capture import capture_output

        InteractiveShell.instance()  # display() publishes rich output only inside a shell
        folder = session.workspace.root / "config"
        folder.mkdir()
        (folder / "day1.yaml").write_text("schema_version: 1\ntitle: [unclosed\n", encoding="utf-8")
        with capture_output() as captured:
            day1.opening()
        html = "".join(o.data.get("text/html", "") for o in captured.outputs)
        assert "This activity cannot be shown" in html
        assert "day1.yaml" in html and re.search(r"line \d+:", html)
        assert "Traceback" not in html + captured.stdout + captured.stderr
