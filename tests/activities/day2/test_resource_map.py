"""The map panel: every resource on the map, a filter per criterion, pictures saved.

Driven headlessly, as a team would: set values, click, then look at the files."""

from __future__ import annotations

from workshop_kit.activities.day2.inventory import InventoryPanel
from workshop_kit.activities.day2.resource_map import MapPanel
from workshop_kit.session import Session


class TestMap:
    def test_the_map_shows_every_resource_and_can_be_filtered(self, session: Session) -> None:
        panel = MapPanel(session)
        assert panel.picture.svg.startswith(b"<?xml")
        # the map in words, as the image's alt text: every quadrant with its count
        assert panel.picture.alt.startswith("Resource map, Our instructional resources (40).")
        assert all(q.label in panel.picture.alt for q in panel.config.quadrants)
        assert f'alt="{panel.picture.alt}"'.replace("’", "’") in panel.picture.value
        assert repr(panel).endswith("40 resources on the map; thin: relationships>")
        panel.show.value = "ela-proficiency"
        assert "Resources serving ‘Students proficient".encode() in panel.picture.svg
        assert "resources on the map" in panel.status()
        assert len(panel.shown().resources) < 40

    def test_the_map_follows_saves_made_in_the_inventory(self, session: Session) -> None:
        the_map = MapPanel(session)
        form = InventoryPanel(session)
        form.name.value = "Reading buddies"
        form.quadrant.value = "relationships"
        form.add_button.click()
        # 5 relationships against 14 tools: still under half the average of 10.25 per quadrant
        assert "41 resources on the map; thin: relationships" in repr(the_map)
        assert b"Reading buddies" in the_map.picture.svg

    def test_pictures_are_saved_as_png_and_svg(self, session: Session) -> None:
        panel = MapPanel(session)
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        assert (
            (session.team.exports_folder / "resource_map.png").read_bytes().startswith(b"\x89PNG")
        )
        assert b"<svg" in (session.team.exports_folder / "resource_map.svg").read_bytes()
