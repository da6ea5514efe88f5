"""The explorer's first page from disk: a new app process shows it before it has read a large graph.

Reading the whole graph of a large store (CORDIS: 212,000 models) takes
seconds, and the explorer's first page needs it for its filters' values and
for the capped whole network. That page is the same for every reader of one
graph version and language (the public view, without private names), so
the process that draws it keeps it in the data folder (``cache/``), and the
next process shows it from there, then reads the whole graph in the
background for the next interaction (:func:`ui.context.read_in_background`).

What is kept: the facets (the filters' values, the names of places and
topics in the language) and the drawn view (:class:`graph.draw.shown.Shown`:
the picture and the counts). The file's name holds a hash of the store's
location (the embedded file, or the Neo4j address and database), its
version and its counts, and the language: every write moves the version, so
nothing erased or changed is ever shown from it; a file of another version
or of an older :data:`FORMAT` is removed when a new one is written, and so
is any store's file that no process has shown for :data:`STALE_DAYS` days
(stores come and go: those of benchmarks and tests, a moved file). Editors
never use it (their view shows private persons by name), nor do graphs
smaller than :data:`LARGE_GRAPH` (read in well under a second).

The first process after a load would still read the graph before it could
draw (CORDIS: 11.5–13 s to the first page instead of about 5): ``pontes
load`` therefore keeps the page of the new version in every language right
after it writes a large graph (:func:`prepare`). No Streamlit here: the CLI
uses this module too.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from graph.draw.shown import Shown, shown_view
from graph.explore import DEFAULT_LIMIT, Facets, facets
from graph.explore.permalink import ViewParams
from graph.facts import memo, name_in
from graph.privacy import StandInWords
from graph.store.base import CacheKey, Counts, GraphStore, Subgraph
from pontes.settings import Settings

#: Bumped when what is kept changes shape or is drawn otherwise (the picture's layout or option): older
#: files are then ignored.
FORMAT = 3
#: A kept page no process has shown for this many days is removed when another is written.
STALE_DAYS = 30
#: Graphs of this many nodes or more have their first page kept (and are frozen out of the
#: collector's reach once read: ``ui.context.FREEZE_NODES``).
LARGE_GRAPH = 10_000


@dataclass(frozen=True)
class FrontPage:
    """The explorer's default view of one graph version in one language."""

    facets: Facets
    names: dict[str, str]
    shown: Shown


def _location(settings: Settings) -> str:
    if settings.backend == "neo4j":
        from pontes.stores import display_uri

        return f"neo4j|{display_uri(settings.neo4j_uri)}|{settings.neo4j_database}"
    path = settings.embedded_path.resolve()
    try:
        made = path.stat().st_ino
    except OSError:
        made = 0
    return f"embedded|{path}|{made}"


def _stem(settings: Settings, fmt: int = FORMAT) -> str:
    return hashlib.sha256(f"{fmt}|{_location(settings)}".encode()).hexdigest()[:20]


def _path(settings: Settings, key: CacheKey, counts: Counts, lang: str) -> Path:
    shape = repr(
        (
            sorted((str(k), v) for k, v in counts.nodes.items()),
            sorted((str(k), v) for k, v in counts.ties.items()),
            counts.sources,
        )
    )
    digest = hashlib.sha256(f"{shape}|{lang}".encode()).hexdigest()[:20]
    return settings.data_dir / "cache" / f"front-{_stem(settings)}-v{key.version}-{digest}.pickle"


def load(settings: Settings, key: CacheKey, counts: Counts, lang: str) -> FrontPage | None:
    """The kept first page of this store's version and language, if there is one."""
    path = _path(settings, key, counts, lang)
    try:
        with open(path, "rb") as fh:
            front = pickle.load(fh)
        os.utime(path)  # shown now: its time says when it was last used (see STALE_DAYS)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    return front if isinstance(front, FrontPage) else None


def save(settings: Settings, key: CacheKey, counts: Counts, lang: str, front: FrontPage) -> None:
    """Keep ``front`` for the next process (atomically); remove this store's files of other versions
    and formats, and any store's files unused for :data:`STALE_DAYS` days."""
    path = _path(settings, key, counts, lang)
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    _retire(
        path.parent,
        keep=f"front-{_stem(settings)}-v{key.version}-",
        mine={_stem(settings, f) for f in range(1, FORMAT + 1)},
    )
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".front-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(front, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)


def _retire(folder: Path, *, keep: str, mine: set[str]) -> None:
    """Remove the kept pages in ``folder`` of this store (stems ``mine``) but those starting with
    ``keep``, and those of other stores unused for :data:`STALE_DAYS` days."""
    stale = time.time() - STALE_DAYS * 86_400
    for old in folder.glob("front-*.pickle"):
        try:
            ours = old.name.split("-")[1] in mine
            if (ours and not old.name.startswith(keep)) or (not ours and old.stat().st_mtime < stale):
                old.unlink(missing_ok=True)
        except (OSError, IndexError):
            continue


def facet_names(whole: Subgraph, available: Facets, lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """The names in ``lang`` of the places and of the topics the filters offer (``available``)."""
    by_id = memo(whole, "nodes_by_id", lambda: {n.id: n for n in whole.nodes})
    return (
        {pid: name_in(by_id[pid], lang) for pid, _ in available.places},
        {tid: name_in(by_id[tid], lang) for tid, _ in available.topics},
    )


def is_kept(settings: Settings, key: CacheKey, counts: Counts, lang: str) -> bool:
    """Whether the first page of this store's version and language is kept."""
    return _path(settings, key, counts, lang).exists()


def prepare(
    settings: Settings, store: GraphStore, languages: Iterable[str], *, words: Mapping[str, StandInWords]
) -> list[str]:
    """Keep the explorer's first page of the store's graph as it is now, in each of ``languages``
    where it is not kept yet, for a graph of :data:`LARGE_GRAPH` nodes or more (else nothing);
    the languages it was made for.

    It is the page the explorer makes itself for a reader who is not an editor: the whole
    network at the default view (:class:`graph.explore.permalink.ViewParams`), capped at
    :data:`graph.explore.DEFAULT_LIMIT` nodes, private persons as role stand-ins named with ``words``.
    """
    counts = store.counts()
    if counts.total_nodes < LARGE_GRAPH:
        return []
    key = store.cache_key()
    wanted = [lang for lang in dict.fromkeys(languages) if not is_kept(settings, key, counts, lang)]
    if not wanted:
        return []
    whole = store.cached_snapshot()
    if store.cache_key().version != key.version:  # written meanwhile: that version's app keeps its own page
        return []
    available = facets(whole)
    default = ViewParams()
    for lang in wanted:
        shown = shown_view(
            store,
            whole,
            default.graph_filter(),
            focus=None,
            depth=default.depth,
            color_by=default.color,
            lang=lang,
            show_private=False,
            limit=DEFAULT_LIMIT,
            words=words,
        )
        places, topics = facet_names(whole, available, lang)
        save(settings, key, counts, lang, FrontPage(available, {**places, **topics}, shown))
    return wanted
