"""Personal data: who may be shown by name, and what stands in for the others.

Every :class:`~graph.model.Person` has a ``visibility``. Public role holders
(a chair, a minister, a named speaker at a public event) are shown by name.
A private person is shown only through their roles: their node is replaced by
a *stand-in* whose name lists roles and organisations (``‹chair ·
Initiative Region Trier›``) and which carries no name, alias, title or
description. The stand-in's id is ``person:private-<n>``, numbered in the
order of the original ids within one redaction, so nothing in it can be
turned back into a name. Its name is written with the roles as stored
(English by the seeds' convention) and the organisations' own names; given
the words of other languages (:class:`StandInWords`, the app's catalogue),
it also has a name in each of them (``names.de``: ``‹Vorsitz · Initiative
Region Trier›``), so every output that names nodes in the reader's language
(:func:`graph.facts.name_in`) writes its stand-ins in that language too.

Callers redact at the edge of what they show or export: the app (unless an
editor has unlocked private persons), ``pontes export`` (unless
``--include-private``), and the metrics exports.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from graph.facts import memo, name_in
from graph.ids import folded_forms
from graph.model import Node, NodeType, Person, Source, Tie, TieType, Visibility
from graph.store.base import GraphStore, Subgraph

STAND_IN_PREFIX = "person:private-"


def is_private(node: Node) -> bool:
    """True for a person who may only be shown through their roles."""
    return node.type is NodeType.PERSON and node.visibility is Visibility.PRIVATE


#: A stand-in names at most this many roles; the rest are counted.
MAX_ROLES = 3
#: Role and organisation names in a stand-in are cut to this many characters.
MAX_PART = 60


def _short(text: str, limit: int = MAX_PART) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _more(n: int) -> str:
    return f"+ {n} more"


@dataclass(frozen=True)
class StandInWords:
    """How stand-ins are written in one language.

    ``roles`` maps a role as stored on a tie (``chair``) to the language's
    word for it (``Vorsitz``); a role it lacks keeps its own text (free-text
    roles of other data). ``member`` is the word for a membership that
    states no role (a person *of* an organisation). ``more`` writes the
    count of roles not named.
    """

    roles: Mapping[str, str] = field(default_factory=dict)
    more: Callable[[int], str] = _more
    member: str = "member"


#: Roles as stored, and English counts: the stand-ins' own names.
AS_STORED = StandInWords()


def roles_label(roles: Iterable[tuple[str | None, str]], words: StandInWords = AS_STORED) -> str:
    """Stand-in name: ``‹chair · IRT; member · IHK Trier›``.

    ``roles`` are (role, organisation name) pairs; a missing role is the
    word for a plain membership (``‹member · IHK Trier›``); ``words``
    translate the roles (default: as stored). With no roles at all the
    label is ``‹…›``. However many roles and however long the
    names, the label stays short and valid: at most :data:`MAX_ROLES` roles
    are named (``+ 4 more``), each part cut to :data:`MAX_PART` characters.
    """
    parts = sorted(
        {f"{_short(words.roles.get(role, role) if role else words.member)} · {_short(org)}" for role, org in roles}
    )
    shown = "; ".join(parts[:MAX_ROLES])
    if len(parts) > MAX_ROLES:
        shown += "; " + words.more(len(parts) - MAX_ROLES)
    return "‹" + (shown or "…") + "›"


def _stand_in(node: Person, alias: str, label: str, names: Mapping[str, str]) -> Person:
    """The stand-in of a private person; never fails (names the model refuses are left out,
    a label it refuses becomes ``‹…›``)."""
    for name, other in ((label, names), (label, {}), ("‹…›", {})):
        try:
            return Person.model_validate(
                {
                    "id": alias,
                    "name": name,
                    "names": other,
                    "visibility": Visibility.PRIVATE,
                    "legal_basis": node.legal_basis,
                    "sources": node.sources,
                }
            )
        except ValueError:
            continue
    raise AssertionError("unreachable: '‹…›' is a valid name")  # pragma: no cover


def redact(
    sub: Subgraph,
    *,
    context: Subgraph | None = None,
    show_private: bool = False,
    words: Mapping[str, StandInWords] | None = None,
) -> Subgraph:
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
    words : mapping of str to StandInWords, optional
        Language code -> its words: each stand-in gets a name in each of
        these languages (``names``), its roles in the language's words and
        its organisations by their names in it. Without, stand-ins have only
        their name as stored.

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
    by_id = {n.id: n for n in ctx.nodes}
    roles: dict[str, list[tuple[str | None, Node]]] = {pid: [] for pid in private}
    for tie in ctx.ties:
        if tie.source in roles and tie.type is TieType.MEMBER_OF and tie.target in by_id:
            roles[tie.source].append((tie.role, by_id[tie.target]))
    alias = {pid: f"{STAND_IN_PREFIX}{i}" for i, pid in enumerate(private, start=1)}
    nodes: list[Node] = []
    for node in sub.nodes:
        if node.id in alias and isinstance(node, Person):
            held = roles[node.id]
            label = roles_label((role, org.name) for role, org in held)
            names = {
                lang: roles_label(((role, name_in(org, lang)) for role, org in held), said)
                for lang, said in (words or {}).items()
            }
            nodes.append(_stand_in(node, alias[node.id], label, names))
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


#: The title a source gets in place of one that names a private person.
REDACTED_SOURCE_TITLE = "‹a document naming a private person›"


def _words(text: str) -> str:
    """``text`` as its words between single spaces, with a space at each end."""
    return " " + " ".join(re.sub(r"[\W_]+", " ", text).split()) + " "


def private_labels(nodes: Iterable[Node]) -> set[str]:
    """The folded names and aliases of the private persons among ``nodes`` (of 4+ characters)."""
    return {
        _words(form).strip()
        for n in nodes
        if is_private(n)
        for label in n.labels
        if len(label) >= 4
        for form in folded_forms(label)
    }


def names_someone(text: str | None, labels: set[str]) -> bool:
    """Whether ``text`` holds one of ``labels`` (see :func:`private_labels`) as whole
    words, case, accents and punctuation aside."""
    if not text or not labels:
        return False
    forms = [_words(form) for form in folded_forms(text)]
    return any(f" {label} " in form for label in labels for form in forms)


def source_texts(src: Source) -> tuple[str | None, ...]:
    """Everything a source says in words: titles and descriptions in every language, document name, link."""
    return (src.title, *src.titles.values(), src.description, *src.descriptions.values(), src.document, src.url)


def blank_source(src: Source, title: str) -> Source:
    """``src`` with ``title`` and without its other titles, descriptions, document name and link (id, publisher,
    date and language stay, so that the facts citing it stay cited)."""
    return src.model_copy(
        update={"title": title, "titles": {}, "description": None, "descriptions": {}, "document": None, "url": None}
    )


def redact_sources(sources: Iterable[Source], context: Subgraph, *, show_private: bool = False) -> list[Source]:
    """``sources`` where none names a private person of ``context`` (the whole
    graph): such a source keeps its id, publisher and date, but its title
    becomes :data:`REDACTED_SOURCE_TITLE` and its descriptions, document name
    and link are dropped (:func:`blank_source`). A source cannot be a way around a stand-in."""
    sources = list(sources)
    if show_private:
        return sources
    labels = memo(context, "private_labels", lambda: private_labels(context.nodes))
    out = []
    for src in sources:
        if any(names_someone(text, labels) for text in source_texts(src)):
            src = blank_source(src, REDACTED_SOURCE_TITLE)
        out.append(src)
    return out


def redact_all(
    whole: Subgraph,
    sources: Iterable[Source],
    *,
    show_private: bool = False,
    words: Mapping[str, StandInWords] | None = None,
) -> tuple[Subgraph, list[Source]]:
    """The whole graph and its sources as every output shows them: private
    persons as stand-ins (:func:`redact`, named in the languages of ``words``),
    sources that name them redacted (:func:`redact_sources`). Exports, metrics
    and the app's lists use it."""
    return (
        redact(whole, show_private=show_private, words=words),
        redact_sources(sources, whole, show_private=show_private),
    )
