"""From what a user typed to one node: the one look-up of Pontes.

The CLI (``pontes suggest ACTOR``, ``forum --invite``, ``feedback``,
``person report|erase``) and the app resolve names here, by the same rules:

1. The text is normalised (:func:`graph.ids.normalise`: NFC, single spaces).
2. A node id (``org:stadt-trier``) of an accepted type is that node.
3. Otherwise a node matches when the folded text (:func:`graph.ids.fold`:
   case, accents and doubled spaces do not matter; ``Juergen`` finds
   ``Jürgen``) equals one of its labels: its name, an other-language name or
   an alias. One match is the answer; several raise :class:`Ambiguous`,
   which lists them.
4. With ``partial=True`` (naming an actor to suggest for), a text that
   matches no label exactly but is part of exactly one node's labels
   is that node; if it is part of several, :class:`Ambiguous` lists them.
   Requests that change or disclose personal data never guess (the
   default).
5. Nothing found: :class:`~graph.errors.NotFound`, whose message says what
   was looked for ("no topic named 'Wohnen'", "no actor given: the text
   is empty").

Private persons cannot be found by name, and are never listed as
candidates, unless ``show_private`` (editors, data-subject requests).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import cast

from graph.errors import Ambiguous, NotFound
from graph.ids import fold, folded_forms, normalise, sort_key
from graph.model import ACTOR_TYPES, Node, NodeType, Person
from graph.privacy import is_private
from graph.store.base import GraphStore

__all__ = ["CANDIDATES", "resolve", "resolve_actor", "resolve_person", "resolve_topic"]

#: Candidates a search looks at (and an ambiguity lists at most).
CANDIDATES = 50


def resolve(
    store: GraphStore,
    text: str,
    *,
    types: Collection[NodeType] | None = None,
    partial: bool = False,
    show_private: bool = False,
) -> Node:
    """The one node of ``types`` (any type when None) that ``text`` names; see the module docstring."""
    wanted = normalise(text)
    allowed = frozenset(types) if types else frozenset(NodeType)
    what = _what(allowed)
    if not wanted:
        raise NotFound(text, what, named=True)

    def visible(node: Node) -> bool:
        return node.type in allowed and (show_private or not is_private(node))

    if ":" in wanted:
        node = store.get_node(wanted)
        if node is None and wanted in (moved := store.redirects()):
            node = store.get_node(moved[wanted])  # merged into another node (pontes merge)
        if node is not None and visible(node):
            return node
    found = [n for n in store.search(wanted, types=allowed, limit=CANDIDATES) if visible(n)]
    key = fold(wanted)
    exact = [n for n in found if any(key in folded_forms(label) for label in n.labels)]
    hits = exact or (found if partial else [])
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise Ambiguous(wanted, [(n.id, n.name) for n in sorted(hits, key=lambda n: (sort_key(n.name), n.id))])
    raise NotFound(wanted, what, named=True)


def _what(types: frozenset[NodeType]) -> str:
    """What a look-up for ``types`` looks for, in the words of an error message."""
    if types == frozenset(ACTOR_TYPES):
        return "actor"
    if len(types) == 1:
        return {NodeType.PERSON: "person", NodeType.TOPIC: "topic"}.get(next(iter(types)), "node")
    return "node"


def resolve_actor(store: GraphStore, text: str, *, show_private: bool = False) -> Node:
    """The organisation or person ``text`` names (a unique partial name is enough)."""
    return resolve(store, text, types=ACTOR_TYPES, partial=True, show_private=show_private)


def resolve_person(store: GraphStore, text: str) -> Person:
    """The person ``text`` names exactly (id, name, alias), private or not: for
    data-subject requests, which an operator makes and which never guess."""
    return cast(Person, resolve(store, text, types=[NodeType.PERSON], show_private=True))


def resolve_topic(store: GraphStore, text: str) -> Node:
    """The topic ``text`` names (a unique partial name is enough)."""
    return resolve(store, text, types=[NodeType.TOPIC], partial=True)
