"""Changes that can be undone: what a merge replaced, and with what.

A :class:`Change` holds the nodes and ties as they were before it
(``before_*``) and as it left them (``after_*``), the ids it redirects
(``redirects``: a merged-away id now names the node kept) and who made it
when. Stores keep changes in a log (:meth:`graph.store.base.GraphStore.changes`)
and apply one with :meth:`~graph.store.base.GraphStore.replace`, in one
transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from graph.model import Name, Node, NodeRef, Strict, Text, Tie

ChangeId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]


class Change(Strict):
    """One merge (or the undoing of one), with everything needed to undo it."""

    id: ChangeId
    action: Literal["merge", "undo"]
    at: dt.datetime
    by: Name
    keep: NodeRef
    other: NodeRef
    before_nodes: list[Node] = Field(default_factory=list)
    before_ties: list[Tie] = Field(default_factory=list)
    after_nodes: list[Node] = Field(default_factory=list)
    after_ties: list[Tie] = Field(default_factory=list)
    #: Ids that now name another node (other -> keep); an undo removes them.
    redirects: dict[NodeRef, NodeRef] = Field(default_factory=dict)
    #: For an undo: the merge it undoes.
    undoes: ChangeId | None = None
    note: Text | None = None

    @property
    def removed_nodes(self) -> list[str]:
        """Ids of nodes present before and gone after."""
        after = {n.id for n in self.after_nodes}
        return [n.id for n in self.before_nodes if n.id not in after]

    @property
    def removed_ties(self) -> list[str]:
        """Ids of ties present before and gone after."""
        after = {t.id for t in self.after_ties}
        return [t.id for t in self.before_ties if t.id not in after]
