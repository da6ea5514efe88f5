"""JSON Schema of the seed document format, generated from the models.

The committed copy lives at ``schema/seed.schema.json``; a test checks it
matches what the models generate (``pontes schema --out schema/seed.schema.json``).
"""

from __future__ import annotations

from graph.model import SeedDocument


def seed_schema() -> dict:
    """The JSON Schema (draft 2020-12) of a Pontes seed document."""
    schema = SeedDocument.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Pontes seed document",
        **{k: v for k, v in schema.items() if k != "title"},
    }
