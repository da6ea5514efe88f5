"""Personal data: who may be shown by name, and what stands in for the others.

Every :class:`~graph.model.Person` has a ``visibility``. Public role holders
(a chair, a minister, a named speaker at a public event) are shown by name.
A private person is shown only through their roles: their node is replaced by
a *stand-in* whose name lists roles and organisations (``‹chair ·
Initiative Region Trier›``) and which carries no name, alias, title or
description. The stand-in's id is ``person:private-<n>``, numbered in the
order of the original ids within one redaction, so nothing in it can be
turned back into a name.

Callers redact at the edge of what they show or export: the app (unless an
editor has unlocked private persons), ``pontes export`` (unless
``--include-private``), and the metrics exports.
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.model import Node, NodeType, Person, Tie, TieType, Visibility
from graph.store.base import GraphStore, Subgraph

STAND_IN_PREFIX = "person:private-"


def is_private(node: Node) -> bool:
    """True for a person who may only be shown through their roles."""
    return node.type is NodeType.PERSON and node.visibility is Visibility.PRIVATE


def roles_label(roles: Iterable[tuple[str | None, str]]) -> str:
    """Language-neutral stand-in name: ``‹chair · IRT; member · IHK Trier›``.

    ``roles`` are (role, organisation name) pairs; a missing role shows as
    ``…``. With no roles at all the label is ``‹…›``.
    """
    parts = sorted({f"{role or '…'} · {org}" for role, org in roles})
    return "‹" + ("; ".join(parts) if parts else "…") + "›"


def redact(sub: Subgraph, *, context: Subgraph | None = None, show_private: bool = False) -> Subgraph:
    """``sub`` with every private person replaced by a stand-in.

    Parameters
    ----------
    sub : Subgraph
        What is about to be shown or exported.
    context : Subgraph, optional
        Where to look up the organisations a person is ``MEMBER_OF`` (the
        whole graph, so that a person at the rim of an ego network is still
        described by their role). Defaults to ``sub``.
    show_private : bool
        An editor's view: return ``sub`` unchanged.

    Returns
    -------
    Subgraph
        Same shape: stand-ins keep every tie of the person they replace, with
        the tie ends renamed; tie descriptions of those ties are dropped.
    """
    if show_private:
        return sub
    private = sorted(n.id for n in sub.nodes if is_private(n))
    if not private:
        return sub
    ctx = context or sub
    names = {n.id: n.name for n in ctx.nodes}
    roles: dict[str, list[tuple[str | None, str]]] = {pid: [] for pid in private}
    for tie in ctx.ties:
        if tie.source in roles and tie.type is TieType.MEMBER_OF and tie.target in names:
            roles[tie.source].append((tie.role, names[tie.target]))
    alias = {pid: f"{STAND_IN_PREFIX}{i}" for i, pid in enumerate(private, start=1)}
    nodes: list[Node] = []
    for node in sub.nodes:
        if node.id in alias and isinstance(node, Person):
            nodes.append(
                Person(
                    id=alias[node.id],
                    name=roles_label(roles[node.id]),
                    visibility=Visibility.PRIVATE,
                    legal_basis=node.legal_basis,
                    sources=node.sources,
                )
            )
        else:
            nodes.append(node)
    ties: list[Tie] = []
    for tie in sub.ties:
        if tie.source in alias or tie.target in alias:
            tie = Tie(
                type=tie.type,
                source=alias.get(tie.source, tie.source),
                target=alias.get(tie.target, tie.target),
                role=tie.role,
                start=tie.start,
                end=tie.end,
                sources=tie.sources,
            )
        ties.append(tie)
    return Subgraph(nodes=nodes, ties=ties)


def hide_private(nodes: Iterable[Node], *, show_private: bool = False) -> list[Node]:
    """Drop private persons from a list (search results: they cannot be found by name)."""
    return [n for n in nodes if show_private or not is_private(n)]


def role_context(store: GraphStore, sub: Subgraph) -> Subgraph:
    """What :func:`redact` needs to describe the private persons of ``sub``:
    ``sub`` with their memberships and the organisations at the other end
    (read from ``store``), for views that hold only part of the graph."""
    private = [n.id for n in sub.nodes if is_private(n)]
    if not private:
        return sub
    memberships = store.ties_touching(private, types=[TieType.MEMBER_OF])
    orgs = store.get_nodes({m.target for m in memberships})
    return Subgraph(nodes=[*sub.nodes, *orgs], ties=[*sub.ties, *memberships])
