"""The one settings object, built once at the edge (CLI, app, tests).

Environment variables: the standard Neo4j ones (``NEO4J_URI``,
``NEO4J_USERNAME``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``) and Pontes' own
with the ``PONTES_`` prefix (``PONTES_DB_PATH``, ``PONTES_LANGUAGE`` ...).
Nothing below :mod:`graph` reads the environment: the settings are passed down.
"""

from __future__ import annotations

import hmac
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.errors import ConfigError

#: Every environment variable the settings read (tests clear them).
ENV_VARS = (
    "NEO4J_URI",
    "NEO4J_USERNAME",
    "NEO4J_PASSWORD",
    "NEO4J_DATABASE",
    "PONTES_STORE",
    "PONTES_DB_PATH",
    "PONTES_SEEDS",
    "PONTES_LANGUAGE",
    "PONTES_BATCH_SIZE",
    "PONTES_EDITOR_PASSWORD",
    "PONTES_BACKGROUND_ACTORS",
)

REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(extra="forbid", env_prefix="PONTES_", frozen=True)

    store: Literal["auto", "embedded", "neo4j"] = Field(
        default="auto", description="'auto' uses Neo4j when NEO4J_URI is set, else the embedded store"
    )
    db_path: Path = Field(default=Path(".pontes/pontes.sqlite"), description="File of the embedded store")
    seeds: Path = Field(default=REPO_ROOT / "seeds", description="Seed network loaded into an empty store by the app")
    language: Literal["de", "en", "fr"] = "en"
    batch_size: int = Field(default=2000, ge=1, le=100_000, description="Rows per write transaction")
    background_actors: int = Field(
        default=5000,
        ge=0,
        description="From this many actors on, the app trains the learned suggestion model in the background "
        "(resource allocation ranks meanwhile)",
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


def load_settings(**overrides) -> Settings:
    """Build the settings from the environment (and ``overrides``); a
    :class:`ConfigError` names what is wrong."""
    from pydantic import ValidationError

    try:
        return Settings(**overrides)
    except ValidationError as e:
        raise ConfigError(
            "; ".join(f"{'.'.join(map(str, err['loc'])) or 'settings'}: {err['msg']}" for err in e.errors())
        ) from e
