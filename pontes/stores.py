"""Build the store the settings ask for (the edge where a Neo4j driver is created)."""

from __future__ import annotations

from graph.errors import ConfigError
from graph.store.base import GraphStore
from pontes.settings import Settings


def open_store(settings: Settings) -> GraphStore:
    """The embedded store (``settings.db_path``) or a Neo4j store on a new
    driver, with its schema ensured. Close it (or use it as a context manager).

    Raises :class:`ConfigError` for an unusable Neo4j URI and
    :class:`StoreUnavailable` when the server cannot be reached.
    """
    if settings.backend == "neo4j":
        store = _open_neo4j(settings)
    else:
        from graph.store.embedded import EmbeddedStore

        store = EmbeddedStore(settings.db_path)
    try:
        store.ensure_schema()
    except BaseException:
        store.close()
        raise
    return store


def _open_neo4j(settings: Settings) -> GraphStore:
    from neo4j.exceptions import ConfigurationError

    import neo4j
    from graph.store.neo4j_store import Neo4jStore

    if not settings.neo4j_uri:
        raise ConfigError("the Neo4j store needs NEO4J_URI")
    password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else None
    auth = (settings.neo4j_username, password) if password is not None else None
    try:
        driver = neo4j.GraphDatabase.driver(settings.neo4j_uri, auth=auth)
    except (ConfigurationError, ValueError) as e:
        raise ConfigError(f"NEO4J_URI {settings.neo4j_uri!r}: {e}") from e
    store = Neo4jStore(driver, database=settings.neo4j_database, batch_size=settings.batch_size)
    try:
        store.verify_connectivity()  # fail fast instead of the driver's 30 s of retries
    except BaseException:
        store.close()
        raise
    return store
