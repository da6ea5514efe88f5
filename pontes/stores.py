"""Build the store the settings ask for (the edge where a Neo4j driver is created)."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from graph.errors import ConfigError
from graph.store.base import GraphStore
from graph.store.keys import key_file
from pontes.settings import Settings


def open_store(settings: Settings) -> GraphStore:
    """The embedded store (:attr:`Settings.embedded_path`) or a Neo4j store on a
    new driver, with its schema ensured. Close it (or use it as a context manager).

    Raises :class:`ConfigError` for an unusable Neo4j URI and
    :class:`StoreUnavailable` when the server cannot be reached.
    """
    if settings.backend == "neo4j":
        store = _open_neo4j(settings)
    else:
        from graph.store.embedded import EmbeddedStore

        key = _configured_key(settings)
        store = EmbeddedStore(settings.embedded_path, batch_size=settings.batch_size, tombstone_key=key)
    try:
        store.ensure_schema()
    except BaseException:
        store.close()
        raise
    return store


def _configured_key(settings: Settings) -> bytes | None:
    """``PONTES_TOMBSTONE_KEY`` as bytes, or None (then the key file beside the store serves)."""
    if settings.tombstone_key is None:
        return None
    try:
        key = bytes.fromhex(settings.tombstone_key.get_secret_value())
    except ValueError as e:
        raise ConfigError("PONTES_TOMBSTONE_KEY must be hexadecimal (64 digits: 32 bytes)") from e
    if len(key) < 16:
        raise ConfigError("PONTES_TOMBSTONE_KEY is too short: give 64 hexadecimal digits (32 bytes)")
    return key


def display_uri(uri: str | None) -> str:
    """``uri`` without any user name or password in it."""
    if not uri:
        return ""
    try:
        parts = urlsplit(uri)
        host = parts.hostname or ""
        netloc = f"{host}:{parts.port}" if parts.port else host
    except ValueError:  # "bolt://[::1", "bolt://host:port": shown as no address, and it may hold a password
        return "(an address that cannot be read)"
    return urlunsplit(parts._replace(netloc=netloc))


def describe_store(settings: Settings) -> str:
    """Which store the settings select, in words (no credentials):
    ``the embedded store /home/ana/.local/share/pontes/pontes.sqlite`` or
    ``Neo4j at bolt://127.0.0.1:7687 (database neo4j)``."""
    if settings.backend == "neo4j":
        return f"Neo4j at {display_uri(settings.neo4j_uri)} (database {settings.neo4j_database})"
    return f"the embedded store {settings.embedded_path}"


def _open_neo4j(settings: Settings) -> GraphStore:
    import neo4j
    from neo4j.exceptions import ConfigurationError

    from graph.store.neo4j_store import Neo4jStore

    if not settings.neo4j_uri:
        raise ConfigError("the Neo4j store needs NEO4J_URI")
    password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else None
    auth = (settings.neo4j_username, password) if password is not None else None
    try:
        driver = neo4j.GraphDatabase.driver(settings.neo4j_uri, auth=auth)
    except (ConfigurationError, ValueError) as e:
        raise ConfigError(f"NEO4J_URI {display_uri(settings.neo4j_uri)!r}: {e}") from e  # without a password in it
    key = _configured_key(settings) or key_file(settings.data_dir / "neo4j-tombstones.key")
    store = Neo4jStore(driver, database=settings.neo4j_database, batch_size=settings.batch_size, tombstone_key=key)
    try:
        store.verify_connectivity()  # fail fast instead of the driver's 30 s of retries
    except BaseException:
        store.close()
        raise
    return store
