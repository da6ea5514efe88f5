"""The local server manager: files and failure paths without a server, and
one real start/stop/restart cycle (marked ``neo4j``)."""

from __future__ import annotations

import os
import stat
import time
import zipfile
from pathlib import Path

import pytest

from pontes import neo4j_server as ns
from pontes.cli import main
from pontes.neo4j_server import Credentials, Home, ServerError
from tests.support.neo4j import JARS, PLUGINS

REPO = Path(__file__).resolve().parent.parent


def test_credentials_file_is_private_and_round_trips(tmp_path):
    creds = Credentials("bolt://127.0.0.1:7999", "neo4j", "s3cret-pw")
    path = tmp_path / "home" / "credentials.env"
    creds.save(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert Credentials.load(path) == creds
    assert "s3cret-pw" not in repr(creds)
    assert Credentials.load(tmp_path / "missing.env") is None


def test_saving_over_a_readable_file_makes_it_private(tmp_path):
    path = tmp_path / "credentials.env"
    path.write_text("old")
    path.chmod(0o644)
    Credentials("bolt://x:1", "neo4j", "pw").save(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_export_lines_quote_for_the_shell():
    lines = Credentials("bolt://127.0.0.1:7999", "neo4j", "a b'c").export_lines()
    assert lines.splitlines() == [
        "export NEO4J_URI=bolt://127.0.0.1:7999",
        "export NEO4J_USERNAME=neo4j",
        "export NEO4J_PASSWORD='a b'\"'\"'c'",
    ]


def test_incomplete_credentials_file_is_an_error(tmp_path):
    path = tmp_path / "credentials.env"
    path.write_text("NEO4J_URI=bolt://x:1\n")
    with pytest.raises(ServerError, match="NEO4J_USERNAME"):
        Credentials.load(path)


def test_config_uses_5x_keys_and_the_given_port(tmp_path):
    home = Home(tmp_path)
    ns.write_config(home, bolt_port=7999, heap="512m")
    conf = dict(line.split("=", 1) for line in home.conf_file.read_text().splitlines() if not line.startswith("#"))
    assert conf["server.bolt.listen_address"] == "127.0.0.1:7999"
    assert conf["server.http.enabled"] == "false"
    assert conf["dbms.security.auth_enabled"] == "true"
    assert conf["server.memory.heap.max_size"] == "512m"
    assert conf["dbms.usage_report.enabled"] == "false"
    assert not any(key.startswith("dbms.connector.") for key in conf)  # 4.x names are rejected by 5.x
    assert ns.configured_port(home) == 7999


def _fake_fetch(lib: Path, pom: Path, jars=("neo4j-server-5.26.30.jar", "a.jar")) -> None:
    lib.mkdir(parents=True)
    for j in jars:
        (lib / j).write_bytes(b"")
    (lib / ns._FETCHED).write_text("\n".join([ns._digest(pom), *jars]) + "\n")


def test_is_fetched_needs_the_marker_the_same_pom_and_every_jar(tmp_path):
    pom, lib = tmp_path / "pom.xml", tmp_path / "lib"
    pom.write_text("<project/>")
    assert not ns.is_fetched(lib, pom)
    _fake_fetch(lib, pom)
    assert ns.is_fetched(lib, pom)
    assert ns.fetch(lib, pom, mvn="/nonexistent/mvn") == 2  # complete: Maven is not run
    (lib / "a.jar").unlink()
    assert not ns.is_fetched(lib, pom)
    (lib / "a.jar").write_bytes(b"")
    pom.write_text("<project><!-- new version --></project>")
    assert not ns.is_fetched(lib, pom)


@pytest.mark.parametrize("mvn", ["/nonexistent/mvn", "false"])
def test_fetch_failure_is_a_server_error_and_keeps_lib(tmp_path, mvn):
    pom, lib = tmp_path / "pom.xml", tmp_path / "lib"
    pom.write_text("<project/>")
    lib.mkdir()
    (lib / "old.jar").write_bytes(b"")
    with pytest.raises(ServerError):
        ns.fetch(lib, pom, mvn=mvn)
    assert (lib / "old.jar").exists()


def test_initialise_refuses_data_without_credentials(tmp_path):
    home = Home(tmp_path)
    home.lib.mkdir()
    (home.data / "databases" / "system").mkdir(parents=True)
    with pytest.raises(ServerError, match="credentials"):
        ns.initialise(home)


def test_missing_java_is_a_server_error(tmp_path):
    home = Home(tmp_path)
    home.lib.mkdir()
    with pytest.raises(ServerError):
        ns.start(home, java="/nonexistent/java")


def test_status_ignores_a_stale_pid_file(tmp_path):
    home = Home(tmp_path)
    assert not ns.status(home).running
    home.run.mkdir()
    home.pid_file.write_text(f"{os.getpid()}\n")  # alive, but not a Neo4j server of this home
    assert ns.running_pid(home) is None
    assert ns.stop(home) is False
    assert not home.pid_file.exists()


def test_cli_env_and_status_without_a_server(tmp_path, capsys):
    home = tmp_path / "home"
    assert main(["server", "env", "--home", str(home)]) == 2
    assert "run `pontes server start` first" in capsys.readouterr().err
    assert main(["server", "status", "--home", str(home)]) == 3
    assert capsys.readouterr().out == f"not running; home {home}\n"
    Credentials("bolt://127.0.0.1:7999", "neo4j", "pw-123456").save(home / "credentials.env")
    assert main(["server", "env", "--home", str(home)]) == 0
    assert capsys.readouterr().out == (
        "export NEO4J_URI=bolt://127.0.0.1:7999\nexport NEO4J_USERNAME=neo4j\nexport NEO4J_PASSWORD=pw-123456\n"
    )


def test_config_lets_gds_procedures_run(tmp_path):
    home = Home(tmp_path, plugins_dir=tmp_path / "shared-plugins")
    ns.write_config(home, bolt_port=7999)
    conf = dict(line.split("=", 1) for line in home.conf_file.read_text().splitlines() if not line.startswith("#"))
    assert conf["dbms.security.procedures.unrestricted"] == "gds.*"
    assert conf["server.directories.plugins"] == str(tmp_path / "shared-plugins")


def _classes(jars) -> dict[str, str]:
    """Class file -> jar, over ``jars`` (module descriptors left out: every modular jar has one)."""
    out = {}
    for jar in jars:
        with zipfile.ZipFile(jar) as z:
            for name in z.namelist():
                if name.endswith(".class") and not name.endswith("module-info.class"):
                    out[name] = jar.name
    return out


@pytest.mark.neo4j
def test_no_class_is_both_in_the_plugins_and_in_lib(neo4j_server):
    """GDS comes unshaded: plugins/ (first on the classpath) must not shadow a class of lib/.
    (Needs the jars the session fixture fetched.)"""
    plugins, lib = PLUGINS, JARS
    ours = _classes(sorted(plugins.glob("*.jar")))
    theirs = _classes(sorted(lib.glob("*.jar")))
    assert any(name.startswith("org/neo4j/gds/") for name in ours)
    twice = sorted(f"{name} ({ours[name]}, {theirs[name]})" for name in ours.keys() & theirs.keys())
    assert twice == []


def test_free_port_is_free():
    assert not ns.port_in_use(ns.free_port())


@pytest.mark.neo4j
@pytest.mark.slow
def test_start_stop_restart_keeps_password_and_data(tmp_path, neo4j_driver):
    """A second, small server: cold start, stop, warm start. (Needs the jars
    the session fixture fetched; its driver is only requested for that.)"""
    import neo4j

    home = Home(tmp_path / "home", lib_dir=JARS)
    small = {"heap": "512m", "pagecache": "64m", "transaction_max": "128m"}
    try:
        t0 = time.monotonic()
        creds = ns.start(home, die_with_parent=True, **small)
        cold = time.monotonic() - t0
        assert ns.status(home).running and ns.status(home).uri == creds.uri
        assert stat.S_IMODE(home.credentials_file.stat().st_mode) == 0o600
        with neo4j.GraphDatabase.driver(creds.uri, auth=(creds.username, creds.password)) as driver:
            driver.execute_query("CREATE (:Probe {n: $n})", {"n": 1})
        assert ns.start(home, **small) == creds  # already running: same server
        assert ns.stop(home) is True
        assert not ns.status(home).running
        assert ns.stop(home) is False

        t0 = time.monotonic()
        again = ns.start(home, die_with_parent=True, **small)
        warm = time.monotonic() - t0
        assert again.password == creds.password
        with neo4j.GraphDatabase.driver(again.uri, auth=(again.username, again.password)) as driver:
            records = driver.execute_query("MATCH (p:Probe) RETURN p.n AS n").records
        assert [r["n"] for r in records] == [1]
        # authentication is on: no credentials, or wrong ones, are refused
        for auth in (None, (creds.username, creds.password + "x")):
            with neo4j.GraphDatabase.driver(creds.uri, auth=auth) as driver:
                with pytest.raises((neo4j.exceptions.AuthError, neo4j.exceptions.ClientError)):
                    driver.verify_connectivity()
        print(f"cold start {cold:.1f} s, warm start {warm:.1f} s")
    finally:
        ns.stop(home)
    # the password appears in no log the server or the manager wrote
    logs = {p for p in home.logs.rglob("*") if p.is_file()} | {home.console_log}
    assert home.console_log.exists() and home.console_log.stat().st_size > 0
    for path in logs:
        assert creds.password.encode() not in path.read_bytes(), path


@pytest.mark.neo4j
def test_the_password_is_on_no_process_command_line_and_the_home_is_private(neo4j_server):
    """The test server was started like any (pontes.neo4j_server.start): its
    password was set through the driver, never passed as an argument."""
    creds, _database = neo4j_server
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmdline = (proc / "cmdline").read_bytes()
            except OSError:
                continue
            assert creds.password.encode() not in cmdline, proc.name


def test_a_fresh_home_is_readable_by_its_owner_only(tmp_path):
    home = Home(tmp_path / "home", lib_dir=tmp_path / "lib")
    (tmp_path / "lib").mkdir()
    creds = ns.initialise(home, bolt_port=ns.free_port())
    for folder in (home.root, home.data, home.logs, home.run):
        assert folder.stat().st_mode & 0o777 == 0o700, folder
    assert home.credentials_file.stat().st_mode & 0o777 == 0o600
    assert ns.Credentials.load(home.credentials_file) == creds
    assert creds.password not in home.conf_file.read_text()


@pytest.mark.neo4j
@pytest.mark.slow
def test_erased_data_leaves_the_transaction_logs_at_the_next_checkpoint(tmp_path, neo4j_driver):
    """A server of its own, configured as `pontes server` does but checkpointing
    every 2 s: the erased person's description is in the logs after the load and
    in none of them once a checkpoint has run after the erasure, and no log file
    written before the erasure is left (short strings such as the name are
    stored compactly encoded, not as their bytes: only the files' going covers them)."""
    import time

    from graph.gdpr import erase_person
    from graph.store.neo4j_store import Neo4jStore
    from loaders import load_paths

    home = Home(tmp_path / "home", lib_dir=JARS)
    creds = ns.start(home, heap="512m", pagecache="128m", extra={"db.checkpoint.interval.time": "2s"})
    logs = home.data / "transactions" / "neo4j"

    marker = b"whose coordination office steers"  # from Silke Meyer's description

    def name_in_logs() -> bool:
        return any(marker in p.read_bytes() for p in logs.iterdir() if p.is_file())

    def log_files() -> set[str]:
        return {p.name for p in logs.iterdir() if p.is_file() and ".transaction.db." in p.name}

    try:
        import neo4j

        driver = neo4j.GraphDatabase.driver(creds.uri, auth=(creds.username, creds.password))
        with Neo4jStore(driver) as store:
            store.ensure_schema()
            load_paths(store, [REPO / "seeds"])
            assert name_in_logs()
            before = log_files()
            erase_person(store, "Silke Meyer", reason="ticket 13")
            deadline = time.monotonic() + 90
            while (name_in_logs() or before & log_files()) and time.monotonic() < deadline:
                time.sleep(1)
            assert not name_in_logs()
            assert before & log_files() == set()
    finally:
        ns.stop(home)
