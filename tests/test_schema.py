"""The committed JSON Schema matches the models, and seed files conform to it."""

from __future__ import annotations

import json

from graph.schema import seed_schema
from pontes.settings import REPO_ROOT


def test_committed_schema_is_current():
    committed = json.loads((REPO_ROOT / "schema" / "seed.schema.json").read_text(encoding="utf-8"))
    assert committed == seed_schema(), "run: pontes schema --out schema/seed.schema.json"


def test_schema_names_every_node_type():
    schema = seed_schema()
    assert {"Organisation", "Person", "Event", "Agreement", "Place", "Topic"} <= set(schema["$defs"])
    assert schema["required"] == ["pontes"]
