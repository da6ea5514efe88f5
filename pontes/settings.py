"""The one settings object, built once at the edge (CLI, app, tests).

Environment variables: the standard Neo4j ones (``NEO4J_URI``,
``NEO4J_USERNAME``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``) and Pontes' own
with the ``PONTES_`` prefix (``PONTES_DB_PATH``, ``PONTES_LANGUAGE`` ...);
:data:`ENV_VARS` lists them all, derived from the model. Nothing below
:mod:`graph` reads the environment: the settings are passed down.

Where things live does not depend on the folder a command runs in: the
embedded store and the local Neo4j server's home are in the user's data
folder (``~/.local/share/pontes`` on Linux, ``PONTES_DATA_DIR`` to move it),
so ``pontes`` and ``pontes app`` started anywhere use the same store.
"""

from __future__ import annotations

import hmac
from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.errors import ConfigError

REPO_ROOT = Path(__file__).resolve().parent.parent
_PREFIX = "PONTES_"


def default_data_dir() -> Path:
    """The user's data folder for Pontes (``$XDG_DATA_HOME/pontes``, by default ``~/.local/share/pontes``)."""
    return Path(platformdirs.user_data_dir("pontes", appauthor=False))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(extra="forbid", env_prefix=_PREFIX, frozen=True)

    store: Literal["auto", "embedded", "neo4j"] = Field(
        default="auto", description="'auto' uses Neo4j when NEO4J_URI is set, else the embedded store"
    )
    data_dir: Path = Field(
        default_factory=default_data_dir, description="Folder of the embedded store and the local Neo4j server"
    )
    db_path: Path | None = Field(
        default=None, description="File of the embedded store (default: pontes.sqlite in the data folder)"
    )
    neo4j_home: Path | None = Field(
        default=None,
        description="Home of the local Neo4j server of `pontes server` (default: neo4j/ in the data folder)",
    )
    seeds: Path = Field(default=REPO_ROOT / "seeds", description="Seed network loaded into an empty store by the app")
    language: Literal["de", "en", "fr"] = "en"
    address: str = Field(default="localhost", description="Address the app listens on (0.0.0.0: every interface)")
    port: int = Field(default=8501, ge=1, le=65535, description="Port the app listens on")
    batch_size: int = Field(default=2000, ge=1, le=100_000, description="Rows per write transaction")
    background_actors: int = Field(
        default=5000,
        ge=0,
        description="From this many actors on, the app trains the learned suggestion model in the background "
        "(resource allocation ranks meanwhile)",
    )
    tombstone_key: SecretStr | None = Field(
        default=None,
        description="Key of erasure tombstones (64 hex digits); default: a key file beside the embedded store, "
        "or in the data folder for Neo4j (every client of one Neo4j database must use the same key)",
    )
    editor_password: SecretStr | None = Field(
        default=None,
        description="Unlocks the app's editor mode (uploads, feedback, private persons); unset: read-only app",
    )

    neo4j_uri: str | None = Field(default=None, validation_alias=AliasChoices("NEO4J_URI", "neo4j_uri"))
    neo4j_username: str = Field(default="neo4j", validation_alias=AliasChoices("NEO4J_USERNAME", "neo4j_username"))
    neo4j_password: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("NEO4J_PASSWORD", "neo4j_password")
    )
    neo4j_database: str = Field(default="neo4j", validation_alias=AliasChoices("NEO4J_DATABASE", "neo4j_database"))

    @model_validator(mode="after")
    def _neo4j_complete(self):
        if self.store == "neo4j" and not self.neo4j_uri:
            raise ValueError("store 'neo4j' needs NEO4J_URI")
        return self

    @property
    def embedded_path(self) -> Path:
        """The embedded store's file: ``db_path``, else ``pontes.sqlite`` in the data folder."""
        return self.db_path if self.db_path is not None else self.data_dir / "pontes.sqlite"

    @property
    def server_home(self) -> Path:
        """The local Neo4j server's home: ``neo4j_home``, else ``neo4j/`` in the data folder."""
        return self.neo4j_home if self.neo4j_home is not None else self.data_dir / "neo4j"

    def editor_password_matches(self, attempt: str) -> bool:
        """True if ``attempt`` is the configured editor password (constant-time compare)."""
        if self.editor_password is None or not attempt:
            return False
        expected = self.editor_password.get_secret_value().encode("utf-8")
        return hmac.compare_digest(expected, attempt.encode("utf-8"))

    @property
    def backend(self) -> Literal["embedded", "neo4j"]:
        if self.store == "auto":
            return "neo4j" if self.neo4j_uri else "embedded"
        return self.store


def _env_names() -> tuple[str, ...]:
    names: list[str] = []
    for name, info in Settings.model_fields.items():
        alias = info.validation_alias
        if isinstance(alias, AliasChoices):
            names.append(str(alias.choices[0]))
        else:
            names.append(f"{_PREFIX}{name}".upper())
    return tuple(names)


#: Every environment variable the settings read (tests clear them), from the model.
ENV_VARS = _env_names()


def load_settings(**overrides) -> Settings:
    """Build the settings from the environment (and ``overrides``); a
    :class:`ConfigError` names what is wrong."""
    from pydantic import ValidationError

    try:
        return Settings(**overrides)
    except ValidationError as e:
        raise ConfigError("; ".join(f"{_variable(err['loc'])}: {err['msg']}" for err in e.errors())) from e


def _variable(loc: tuple) -> str:
    """The environment variable a settings field is read from (``PONTES_LANGUAGE`` for
    ``language``, ``NEO4J_URI`` for ``neo4j_uri``): what the user set, so what to name."""
    field = str(loc[0]) if loc else ""
    info = Settings.model_fields.get(field)
    if info is None:
        return ".".join(map(str, loc)) or "settings"
    alias = info.validation_alias
    if isinstance(alias, AliasChoices) and isinstance(alias.choices[0], str):
        return alias.choices[0]
    return f"{_PREFIX}{field}".upper()
