"""Every sentence suggestions and forums show, in English, and how it is filled in.

Reasons, forum reasons, strength bands and status lines are data: a
``kind`` and ``params`` (names, counts, codes). :func:`render` turns one
into text with a catalogue of templates and a labeller for codes:

- the CLI and the exports use :data:`ENGLISH` (here) and the catalogue's
  English labels;
- the app uses the same keys under ``suggest.`` in ``ui/locales/{de,en,fr}.yaml``
  and ``ui.i18n.label`` in the reader's language (a test keeps the English
  catalogue equal to :data:`ENGLISH`).

Conventions of ``params``: ``names`` is a list of names, of which ``n`` exist
in all ("6 shared partners: A, B, C, D, E and one more"); ``chain`` is a
list joined with dashes; ``a``, ``b``, ``country`` and ``countries`` are
country codes, ``sector`` and ``sectors`` organisation kinds (or a table's
actor types), shown through the labeller, never raw (lists in the order of
their labels); ``n`` chooses between
the ``.one`` and ``.other`` forms of a key in :data:`PLURAL`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from graph.ids import sort_key

#: A template by key (``reason.shared_partners.one`` ...).
Text = Callable[[str], str]
#: The display label of a code: ``label("country", "FR")``.
Label = Callable[[str, str], str]
#: A node's name in the reader's language, from its stored name (``names.<lang>``).
Rename = Callable[[str], str]
#: A CSV column's header, from its code (``rank``, ``name`` ...).
Header = Callable[[str], str]

#: The English templates, keyed as in the catalogues under ``suggest.``.
ENGLISH: dict[str, str] = {
    "reason.shared_partners.one": "1 shared partner: {names}",
    "reason.shared_partners.other": "{n} shared partners: {names}",
    "reason.recent.one": "Their shared partner was last active with them in {year}",
    "reason.recent.other": "Their shared partners were last active together in {year}",
    "reason.three_steps": "Connected in three steps: {chain}",
    "reason.shared_events": "Both took part in: {names} (at different events)",
    "reason.shared_topics": "Both work on {names}",
    "reason.works_on": "Works on {names}, the topic asked for",
    "reason.shared_groups": "Both belong to {names}",
    "reason.linked_places": "{a_place} and {b_place} are linked through {via}",
    "reason.linked_places_network": "{a_place} and {b_place} are linked through the {via} network",
    "reason.shared_fields": "Both are active in {names}",
    "reason.cross_border": "Crosses a border: {a} and {b}",
    "reason.same_country": "Same country: {a}",
    "reason.new_actor": "{name} has no recorded cooperation yet",
    "reason.units.one": "Its unit {names} fits as well",
    "reason.units.other": "Its units {names} fit as well",
    "forum_reason.already_invited": "Already invited",
    "forum_reason.works_on_topic": "Works on {topic}",
    "forum_reason.partners_on_topic.one": "Its partner {names} works on {topic}",
    "forum_reason.partners_on_topic.other": "Its partners {names} work on {topic}",
    "forum_reason.invitees_topics": "Works on the invitees' topics: {names}",
    "forum_reason.new_country": "Brings in {country}",
    "forum_reason.new_sector": "Brings in the sector {sector}",
    "forum_reason.broker": "A broker between otherwise separate parts of the network",
    "forum_reason.active.one": "Active in 1 event or agreement",
    "forum_reason.active.other": "Active in {n} events and agreements",
    "forum_reason.unmet.one": "Has not yet met 1 of the other invitees",
    "forum_reason.unmet.other": "Has not yet met {n} of the other invitees",
    "forum_note.no_actors": "No actor works on {topic} yet; the invitees are chosen for coverage and activity",
    "forum_note.few_actors.one": "Only 1 actor works on {topic}; the others are chosen for coverage and activity",
    "forum_note.few_actors.other": "Only {n} actors work on {topic}; the others are chosen for coverage and activity",
    "forum_note.absent_countries.one": "The network has no actor in {countries}: invite one from outside it to cover it",
    "forum_note.absent_countries.other": (
        "The network has no actor in {countries}: invite some from outside it to cover them"
    ),
    "forum_note.absent_sectors.one": "The network has no actor of the sector {sectors}",
    "forum_note.absent_sectors.other": "The network has no actor of the sectors {sectors}",
    "forum_note.short.one": "Only 1 actor fits",
    "forum_note.short.other": "Only {n} actors fit",
    "forum_countries": "Countries covered: {countries}. Missing: {missing_countries}.",
    "forum_sectors": "Sectors covered: {sectors}. Missing: {missing_sectors}.",
    "forum_pairs": "Pairs of invitees who have not met yet: {new} of {pairs}.",
    "band.strong": "strong evidence",
    "band.medium": "medium evidence",
    "band.weak": "weak evidence",
    "percent": "{value}% chance within a year",
    "percent_under": "under 1% chance within a year",
    "no_percentage": (
        "No percentage: this network formed at most {new_ties} new ties a year in its last two years of history, "
        "too few to estimate chances ({needed} needed); ranked by the evidence instead."
    ),
    "no_percentage_heuristic": "No percentage: this method scores pairs, it does not estimate chances.",
    "status_trained": "Chances estimated from the network's history ({new_ties} new ties in its busiest recent year).",
    "list.and": "{first} and {last}",
    "list.more_one": "{first} and one more",
    "list.more": "{first} and {n} more",
    "list.quoted": "“{name}”",
    "list.none": "none",
    "yes": "yes",
    "no": "no",
}

#: Keys with a ``.one`` and an ``.other`` form, chosen by ``params["n"]``.
PLURAL = frozenset(k.rsplit(".", 1)[0] for k in ENGLISH if k.endswith(".other"))

#: Which params hold codes, and the catalogue group of their labels.
CODES = {"a": "country", "b": "country", "country": "country", "sector": "kind"}
CODE_LISTS = {"countries": "country", "sectors": "kind", "missing_countries": "country", "missing_sectors": "kind"}


def yes_no(value: bool, text: Text | None = None) -> str:
    """``value`` as a word of the reader ("yes", "no")."""
    return (text or ENGLISH.__getitem__)("yes" if value else "no")


def raw_label(group: str, value: str) -> str:
    """The labeller that shows codes as they are (tests, logs)."""
    return str(value)


def name_list(names: Sequence[str], total: int, text: Text) -> str:
    """``["A", "B", "C"]`` -> "A, B and C"; with ``total`` above ``len(names)``
    -> "A, B, C and 2 more" (one more: "and one more"). When a name holds a
    comma or the list's own "and" ("Teilhabe und Arbeit und Ausbildung"),
    every name is quoted, so the list reads one way: “Participation” and
    “Work and training”."""
    names = [str(x) for x in names]
    rest = total - len(names)
    joiner = f" {text('list.and').format(first='', last='').strip()} "
    if len(names) + max(rest, 0) > 1 and any("," in n or joiner in f" {n} " for n in names):
        names = [text("list.quoted").format(name=n) for n in names]
    if not names:
        return text("list.none")
    if rest == 1:
        return text("list.more_one").format(first=", ".join(names))
    if rest > 1:
        return text("list.more").format(first=", ".join(names), n=rest)
    if len(names) == 1:
        return names[0]
    return text("list.and").format(first=", ".join(names[:-1]), last=names[-1])


#: Params that hold names of nodes, and lists of them (not ``via``: "the {via} network" is a short name).
NAMES = ("name", "topic", "a_place", "b_place")
NAME_LISTS = ("names", "chain")


def renamed(params: Mapping[str, Any], rename: Rename) -> dict[str, Any]:
    """``params`` with the names of nodes (:data:`NAMES`, :data:`NAME_LISTS`) as ``rename`` writes them."""
    out = dict(params)
    for key in NAME_LISTS:
        if isinstance(out.get(key), list | tuple):
            out[key] = [rename(x) if isinstance(x, str) else x for x in out[key]]
    for key in NAMES:
        if isinstance(out.get(key), str):
            out[key] = rename(out[key])
    return out


def render(
    key: str,
    params: Mapping[str, Any],
    text: Text | None = None,
    label: Label | None = None,
    rename: Rename | None = None,
) -> str:
    """The text of ``key`` (e.g. ``"reason.shared_partners"``) with ``params``
    filled in (see the module docstring); English, raw codes and stored names by default."""
    text = text or ENGLISH.__getitem__
    label = label or raw_label
    values: dict[str, Any] = renamed(params, rename) if rename else dict(params)
    for name, group in CODES.items():
        if name in values:
            values[name] = label(group, values[name])
    for name, group in CODE_LISTS.items():
        if name in values:
            # in the order of the reader's alphabet, not of the codes
            labels = sorted((label(group, c) for c in values[name]), key=sort_key)
            values[name] = name_list(labels, len(values[name]), text)
    if "names" in values:
        values["names"] = name_list(values["names"], int(values.get("n", len(values["names"]))), text)
    if "chain" in values:
        values["chain"] = " – ".join(str(x) for x in values["chain"])
    if key in PLURAL:
        key = f"{key}.one" if values.get("n") == 1 else f"{key}.other"
    return text(key).format(**values)


def percent(probability: float, text: Text | None = None) -> str:
    """A probability as shown: "3% chance within a year", "under 1% ..."."""
    text = text or ENGLISH.__getitem__
    if probability < 0.01:
        return text("percent_under")
    return text("percent").format(value=f"{probability * 100:.0f}")


__all__ = [
    "CODES",
    "CODE_LISTS",
    "ENGLISH",
    "NAMES",
    "NAME_LISTS",
    "PLURAL",
    "Header",
    "Label",
    "Rename",
    "Text",
    "name_list",
    "percent",
    "raw_label",
    "render",
    "renamed",
    "yes_no",
]
