"""Loaders: read seed documents (YAML/JSON) and CSV tables, validate all, then write in batches.

``read_paths`` validates without touching a store; ``load_paths`` validates
against the files and the store, then writes. Any invalid entry raises
:class:`graph.errors.ValidationFailed` (file, entry and field of every
problem) and nothing is written.
"""

from loaders.plan import (
    LoadPlan,
    load_paths,
    read_paths,
    replaced_sources,
    source_changes,
    store_resolvers,
    write_plan,
)

__all__ = [
    "LoadPlan",
    "load_paths",
    "read_paths",
    "replaced_sources",
    "source_changes",
    "store_resolvers",
    "write_plan",
]
