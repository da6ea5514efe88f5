"""No password is committed, printed or logged by Pontes."""

from __future__ import annotations

import re
import subprocess

import pytest

from graph.errors import StoreUnavailable
from pontes.cli import main
from pontes.settings import REPO_ROOT, load_settings
from pontes.stores import open_store
from tests.support.neo4j import JARS


def tracked_files() -> list[str]:
    out = subprocess.run(["git", "ls-files"], cwd=REPO_ROOT, capture_output=True, text=True, check=True).stdout
    return out.splitlines()


def test_no_credentials_are_tracked_by_git():
    files = tracked_files()
    assert files, "not a git checkout"
    assert not [
        f for f in files if f.startswith((".neo4j/", ".pontes/")) or f.endswith(("credentials.env", "secrets.toml"))
    ]
    pattern = re.compile(r"(NEO4J_PASSWORD|PONTES_EDITOR_PASSWORD)\s*=\s*['\"]?[^\s'\"${][^\s'\"]{7,}")
    for name in files:
        if name.startswith("tests/"):  # tests hold obviously fake passwords; see the live check below
            continue
        path = REPO_ROOT / name
        if (
            path.suffix in {".py", ".md", ".toml", ".yaml", ".yml", ".env", ".sh", ".cfg", ".txt", ""}
            and path.is_file()
        ):
            assert not pattern.search(path.read_text(encoding="utf-8", errors="ignore")), name


@pytest.fixture
def neo4j_env(monkeypatch, neo4j_server):
    creds, database = neo4j_server
    monkeypatch.setenv("NEO4J_URI", creds.uri)
    monkeypatch.setenv("NEO4J_USERNAME", creds.username)
    monkeypatch.setenv("NEO4J_PASSWORD", creds.password)
    monkeypatch.setenv("NEO4J_DATABASE", database)
    return creds


@pytest.mark.neo4j
def test_live_passwords_are_in_no_tracked_file(neo4j_server):
    from pontes.neo4j_server import Credentials

    live = [neo4j_server[0].password]
    dev = Credentials.load(JARS.parent / "credentials.env")  # a developer's own `pontes server`
    if dev is not None:
        live.append(dev.password)
    for name in tracked_files():
        path = REPO_ROOT / name
        if path.is_file():
            data = path.read_bytes()
            assert not any(p.encode() in data for p in live if p), name


@pytest.mark.neo4j
def test_cli_never_prints_the_password(neo4j_env, capsys):
    assert main(["stats"]) == 0
    out = capsys.readouterr()
    assert neo4j_env.password not in out.out + out.err


@pytest.mark.neo4j
def test_a_wrong_password_is_refused_without_echoing_it(neo4j_env, monkeypatch, capsys):
    wrong = "wrong-" + neo4j_env.password[:6] + "-attempt"
    monkeypatch.setenv("NEO4J_PASSWORD", wrong)
    with pytest.raises(StoreUnavailable) as info:
        open_store(load_settings())
    assert wrong not in str(info.value)
    assert main(["stats"]) == 2
    out = capsys.readouterr()
    assert "unavailable" in out.err.lower()
    assert wrong not in out.out + out.err and neo4j_env.password not in out.out + out.err


def test_settings_hide_secrets(monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    monkeypatch.setenv("NEO4J_PASSWORD", "s3cret-value-123")
    monkeypatch.setenv("PONTES_EDITOR_PASSWORD", "another-s3cret")
    settings = load_settings()
    for text in (repr(settings), str(settings), settings.model_dump_json()):
        assert "s3cret-value-123" not in text and "another-s3cret" not in text
