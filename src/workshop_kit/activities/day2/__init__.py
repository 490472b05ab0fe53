"""Day 2: map the school's instructional resources. One module per activity:

* :mod:`.framework`: the team's goal, the framework's assumptions and the four quadrants;
* :mod:`.inventory`: the resource inventory (form, table, spreadsheet import and download);
* :mod:`.resource_map`: the quadrant map; :mod:`.insights`: what the map says;
* :mod:`.links`, :mod:`.support`: resources ticked per success criterion and per form of
  leadership support (both on :class:`~.tags.TagPanel`);
* :mod:`.summary`: the day's summary.

Each notebook cell calls one function here (``day2.inventory()``), which prints the activity's
worksheet text from the facilitator config and shows its panel. Every panel rebuilds itself from
the team's ``resources.yaml`` and ``goal.yaml``, so a kernel restart loses nothing that was saved.
"""

from __future__ import annotations

from workshop_kit.activities.day2.base import Day2Panel
from workshop_kit.activities.day2.framework import FrameworkPanel, goal_html
from workshop_kit.activities.day2.insights import InsightsPanel
from workshop_kit.activities.day2.inventory import InventoryPanel
from workshop_kit.activities.day2.links import LinksPanel
from workshop_kit.activities.day2.resource_map import MapPanel
from workshop_kit.activities.day2.summary import SummaryPanel
from workshop_kit.activities.day2.support import SupportPanel
from workshop_kit.activities.day2.tags import TagPanel
from workshop_kit.activities.notebook_day import NotebookDay
from workshop_kit.config.day2 import load_day2
from workshop_kit.model.resources import ResourceInventory

__all__ = [
    "Day2Panel",
    "FrameworkPanel",
    "InsightsPanel",
    "InventoryPanel",
    "LinksPanel",
    "MapPanel",
    "SummaryPanel",
    "SupportPanel",
    "TagPanel",
    "framework",
    "goal_html",
    "insights",
    "inventory",
    "links",
    "opening",
    "resource_map",
    "summary",
    "support",
    "versions",
    "workbook",
]

# -- what the notebook calls (the module names above are shadowed by these on purpose: a cell
#    calls ``day2.inventory()``; import a panel class from the package or its module) ----------

_day = NotebookDay(load_day2, (ResourceInventory,))
opening, workbook, versions = _day.opening, _day.workbook, _day.versions
framework = _day.activity("framework", FrameworkPanel)
inventory = _day.activity("inventory", InventoryPanel)
resource_map = _day.activity("map", MapPanel)
insights = _day.activity("insights", InsightsPanel)
links = _day.activity("links", LinksPanel)
support = _day.activity("support", SupportPanel)
summary = _day.activity("summary", SummaryPanel)
