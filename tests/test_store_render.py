"""Saved files are written from kept YAML nodes, byte for byte as a plain dump would write them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from workshop_kit.model import document_kinds
from workshop_kit.store import dump_yaml
from workshop_kit.validation import build

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo" / "team"


def plain(body: dict[str, object]) -> str:
    return yaml.dump(body, Dumper=yaml.SafeDumper, sort_keys=False, allow_unicode=True, width=100)


@pytest.mark.parametrize("kind", document_kinds(), ids=lambda k: k.FILE_NAME)
def test_every_demo_file_is_written_as_a_plain_dump_would(kind: type) -> None:
    path = DEMO / kind.FILE_NAME
    if not path.exists():
        pytest.skip(f"the demo team has no {kind.FILE_NAME}")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    version = data.pop("schema_version")
    data.pop("revision", None)
    doc = build(kind, kind.upgrade(data, version) if version < kind.SCHEMA_VERSION else data)
    body = {"schema_version": kind.SCHEMA_VERSION, "revision": 7, **doc.model_dump(mode="json")}
    first = dump_yaml(doc, body)
    assert first == plain(body)
    assert dump_yaml(doc, dict(body)) == first  # again, now from the kept nodes
    assert "&id" not in first and "*id" not in first  # no YAML aliases


def test_an_edited_item_is_written_anew() -> None:
    from workshop_kit.model.resources import ResourceInventory

    data = yaml.safe_load((DEMO / "resources.yaml").read_text(encoding="utf-8"))
    data.pop("schema_version")
    data.pop("revision", None)
    inventory = build(ResourceInventory, data)
    dump_yaml(inventory, inventory.model_dump(mode="json"))
    first = inventory.resources[0]
    edited = inventory.with_resource(first.model_copy(update={"name": "Renamed resource"}))
    body = edited.model_dump(mode="json")
    text = dump_yaml(edited, body)
    assert text == plain(body) and "Renamed resource" in text


def test_items_with_awkward_text_are_written_as_a_plain_dump_would() -> None:
    """Long names that fold, quotes, colons, accents, a name that reads as a number or a yes, and
    an empty list: each item's kept text, one after another, is the whole dump."""
    from workshop_kit.model.resources import Resource, ResourceInventory

    names = [
        "A rubric: 'for' everyone",
        "Élodie's coaching cycle — long words that are folded",
        "123",
        "yes",
        '"quoted" # not a comment',
    ]
    inventory = ResourceInventory(
        resources=tuple(
            Resource(id=f"r-{n}", name=name, quadrant="tools", description="a long line " * 20)
            for n, name in enumerate(names)
        )
    )
    body = {"schema_version": 9, "revision": 1, **inventory.model_dump(mode="json")}
    assert dump_yaml(inventory, body) == plain(body)
    assert dump_yaml(inventory, dict(body)) == plain(body)  # from the kept texts
    empty = ResourceInventory()
    assert dump_yaml(empty, empty.model_dump(mode="json")) == plain(empty.model_dump(mode="json"))
