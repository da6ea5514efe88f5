"""A local Neo4j Community server, assembled from Maven Central and run by hand.

No Neo4j download site and no Docker are needed: :data:`POM` names
``org.neo4j:neo4j`` (the whole server) and ``org.neo4j:neo4j-command-line``
(``neo4j-admin``), Maven copies their runtime dependencies into ``<home>/lib``
and the server's main class is started directly with ``java``.
``pontes/neo4j/plugins.xml`` names the Graph Data Science library (GDS 2.13, the
line for Neo4j 5.26), whose modules go into ``<home>/plugins`` (on the
classpath before ``lib/``; its procedures ``gds.*`` are allowed to run).

A server *home* is one folder (``neo4j/`` in the user's data folder by default,
:attr:`pontes.settings.Settings.server_home`)::

    lib/ plugins/      jars (fetch)            conf/neo4j.conf   5.x settings
    data/ logs/ run/   the server's own        credentials.env   URI, user, password (0600)

The functions take every path and port as an argument and never read the
environment. ``pontes server fetch|start|stop|status|env`` is the command
line (:mod:`pontes.commands.server`); the test suite's plugin uses the same
functions. Only :meth:`Credentials.export_lines` (``pontes server env``)
ever prints the password.
"""

from __future__ import annotations

import ctypes
import fcntl
import hashlib
import os
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import PontesError

NEO4J_VERSION = "5.26.30"
USERNAME = "neo4j"
HOST = "127.0.0.1"
MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"

#: JVM flags of the ``neo4j`` launcher script (server.jvm.additional in the
#: default neo4j.conf of 5.x), minus AlwaysPreTouch, which slows the start.
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
)

#: The Maven project whose runtime dependencies are the server's ``lib/``.
POM = Path(__file__).resolve().parent / "neo4j" / "pom.xml"
#: The Maven project of the server's ``plugins/``: Graph Data Science.
PLUGINS_POM = Path(__file__).resolve().parent / "neo4j" / "plugins.xml"

_FETCHED = ".pontes-fetched"  # marker in lib/: pom digest, then one jar name a line


class ServerError(PontesError):
    """The local server could not be fetched, configured, started or stopped.

    ``log`` is the file to look at, when there is one.
    """

    def __init__(self, message: str, *, log: Path | None = None):
        super().__init__(message if log is None else f"{message} (see {log})")
        self.log = log


@dataclass(frozen=True)
class Home:
    """The folders and files of one server home. ``lib_dir`` and ``plugins_dir``
    may live elsewhere (test servers share the repository's jars)."""

    root: Path
    lib_dir: Path | None = None
    plugins_dir: Path | None = None

    @property
    def lib(self) -> Path:
        return self.lib_dir or self.root / "lib"

    @property
    def conf_dir(self) -> Path:
        return self.root / "conf"

    @property
    def conf_file(self) -> Path:
        return self.conf_dir / "neo4j.conf"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def run(self) -> Path:
        return self.root / "run"

    @property
    def plugins(self) -> Path:
        return self.plugins_dir or self.root / "plugins"

    @property
    def credentials_file(self) -> Path:
        return self.root / "credentials.env"

    @property
    def pid_file(self) -> Path:
        return self.run / "pontes-neo4j.pid"

    @property
    def console_log(self) -> Path:
        return self.logs / "console.log"


@dataclass(frozen=True)
class Credentials:
    uri: str
    username: str
    password: str = field(repr=False)

    def export_lines(self) -> str:
        """Shell lines to source (the only place the password is printed)."""
        pairs = (("NEO4J_URI", self.uri), ("NEO4J_USERNAME", self.username), ("NEO4J_PASSWORD", self.password))
        return "".join(f"export {k}={shlex.quote(v)}\n" for k, v in pairs)

    def save(self, path: Path) -> None:
        """Write ``KEY=value`` lines, readable by the owner only."""
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(f"NEO4J_URI={self.uri}\nNEO4J_USERNAME={self.username}\nNEO4J_PASSWORD={self.password}\n")

    @classmethod
    def load(cls, path: Path) -> Credentials | None:
        if not path.exists():
            return None
        values = dict(
            line.split("=", 1) for line in path.read_text().splitlines() if "=" in line and not line.startswith("#")
        )
        try:
            return cls(values["NEO4J_URI"], values["NEO4J_USERNAME"], values["NEO4J_PASSWORD"])
        except KeyError as e:
            raise ServerError(f"{path} lacks {e.args[0]}") from e


@dataclass(frozen=True)
class Status:
    home: Path
    pid: int | None
    uri: str | None

    @property
    def running(self) -> bool:
        return self.pid is not None


# -- fetch ------------------------------------------------------------------
def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@contextmanager
def _locked(path: Path):
    """An exclusive advisory lock on ``path`` (waits for other processes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def is_fetched(lib: Path, pom: Path) -> bool:
    """Whether ``lib`` holds every jar a complete fetch of ``pom`` wrote."""
    marker = lib / _FETCHED
    if not marker.exists():
        return False
    lines = marker.read_text().splitlines()
    if len(lines) < 2:
        return False
    digest, *jars = lines
    return digest == _digest(pom) and all((lib / j).is_file() for j in jars)


def fetch(lib: Path, pom: Path, *, mvn: str = "mvn", expect: str = "neo4j-server-") -> int:
    """Copy the runtime dependencies of ``pom`` into ``lib``; skip when done.

    Maven writes into a fresh sibling folder that replaces ``lib`` only when
    complete, so a failed or interrupted fetch never leaves a mixed ``lib``.
    A jar whose name starts with ``expect`` must be among them (the server's;
    :func:`fetch_plugins` expects GDS's). Returns the number of jars.
    """
    with _locked(lib.parent / ".fetch.lock"):
        if is_fetched(lib, pom):
            return len((lib / _FETCHED).read_text().splitlines()) - 1
        partial = lib.with_name(lib.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        cmd = [
            mvn,
            "-q",
            "-B",
            "-f",
            str(pom),
            "dependency:copy-dependencies",
            "-DincludeScope=runtime",
            f"-DoutputDirectory={partial}",
        ]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=1800, check=False)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise ServerError(f"could not run Maven ({mvn}): {e}") from e
        if done.returncode != 0:
            tail = (done.stdout + done.stderr).strip().splitlines()[-15:]
            raise ServerError("Maven could not assemble the Neo4j jars:\n" + "\n".join(tail))
        jars = sorted(p.name for p in partial.glob("*.jar"))
        if not any(j.startswith(expect) for j in jars):
            raise ServerError(f"Maven finished but {partial} holds no {expect}* jar")
        (partial / _FETCHED).write_text("\n".join([_digest(pom), *jars]) + "\n")
        shutil.rmtree(lib, ignore_errors=True)
        partial.rename(lib)
        return len(jars)


def fetch_plugins(plugins: Path, pom: Path, *, mvn: str = "mvn") -> int:
    """Copy the plugins of ``pom`` (:data:`PLUGINS_POM`: GDS) into ``plugins``; skip when done."""
    return fetch(plugins, pom, mvn=mvn, expect="proc-sysinfo-")


# -- configure ----------------------------------------------------------------
def free_port(host: str = HOST) -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def port_in_use(port: int, host: str = HOST) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0


def write_config(
    home: Home,
    *,
    bolt_port: int,
    heap: str = "1g",
    pagecache: str = "512m",
    transaction_max: str = "512m",
    extra: dict[str, str] | None = None,
) -> Path:
    """Write ``conf/neo4j.conf`` (5.x keys: Neo4j 5 rejects unknown ones)."""
    settings = {
        "server.default_listen_address": HOST,
        "server.bolt.enabled": "true",
        "server.bolt.listen_address": f"{HOST}:{bolt_port}",
        "server.bolt.advertised_address": f"{HOST}:{bolt_port}",
        "server.http.enabled": "false",
        "server.https.enabled": "false",
        "dbms.security.auth_enabled": "true",
        "server.memory.heap.initial_size": heap,
        "server.memory.heap.max_size": heap,
        "server.memory.pagecache.size": pagecache,
        "dbms.memory.transaction.total.max": transaction_max,
        "dbms.usage_report.enabled": "false",
        # Erased data must leave the transaction logs in bounded time: keep only
        # the latest log file, rotate small files, checkpoint (and prune) every
        # 5 minutes; Neo4jStore.erase rotates the file that held the data.
        "db.tx_log.rotation.retention_policy": "false",
        "db.tx_log.rotation.size": "1m",
        "db.checkpoint.interval.time": "5m",
        # Bolt's event loops otherwise idle 5 s each before a stop completes.
        "internal.dbms.bolt.netty_server_shutdown_quiet_period": "0",
        "server.directories.data": str(home.data),
        "server.directories.logs": str(home.logs),
        "server.directories.run": str(home.run),
        "server.directories.lib": str(home.lib),
        "server.directories.plugins": str(home.plugins),
        "server.directories.import": str(home.root / "import"),
        # GDS procedures read the store directly; they run only when allowed.
        "dbms.security.procedures.unrestricted": "gds.*",
        **(extra or {}),
    }
    home.conf_dir.mkdir(parents=True, exist_ok=True)
    text = "# Written by pontes.neo4j_server; rewritten on start.\n"
    text += "".join(f"{k}={v}\n" for k, v in settings.items())
    home.conf_file.write_text(text)
    return home.conf_file


def configured_port(home: Home) -> int | None:
    """The Bolt port in ``conf/neo4j.conf``, if written."""
    if not home.conf_file.exists():
        return None
    for line in home.conf_file.read_text().splitlines():
        if line.startswith("server.bolt.listen_address="):
            return int(line.rsplit(":", 1)[1])
    return None


def _new_password() -> str:
    """A random password that does not start with ``-`` (neo4j-admin would
    take it for an option and fail: one start in 64)."""
    while (password := secrets.token_urlsafe(24)).startswith("-"):
        pass
    return password


def initialise(home: Home, *, java: str = "java", bolt_port: int | None = None, **config) -> Credentials:
    """Write the configuration and, before the first start, choose a random
    password (saved, mode 0600, in ``credentials.env``).

    The password never appears on a command line: a fresh server starts with
    Neo4j's default ``neo4j``/``neo4j`` and :func:`start` changes it through
    the driver before anything else may connect. Keeps the existing port
    unless another program now listens on it. The home and its data, logs
    and run folders are readable by the owner only.
    """
    if not home.lib.is_dir():
        raise ServerError(f"no jars in {home.lib}: run fetch first")
    creds = Credentials.load(home.credentials_file)
    port = bolt_port or configured_port(home)
    if port is None or (bolt_port is None and port_in_use(port)):
        port = free_port()
    for d in (home.root, home.data, home.logs, home.run, home.plugins):
        d.mkdir(parents=True, exist_ok=True)
        d.chmod(0o700)
    write_config(home, bolt_port=port, **config)
    uri = f"bolt://{HOST}:{port}"
    if creds is None:
        if (home.data / "databases" / "system").exists():
            raise ServerError(
                f"{home.data} holds databases but {home.credentials_file} is missing; "
                f"delete {home.data} to start afresh"
            )
        creds = Credentials(uri, USERNAME, _new_password())
    elif creds.uri != uri:
        creds = Credentials(uri, creds.username, creds.password)
    creds.save(home.credentials_file)
    return creds


# -- processes ----------------------------------------------------------------
#: Server processes started by this Python process (waited for on stop, so no zombies).
_CHILDREN: dict[int, subprocess.Popen] = {}


def _alive(pid: int) -> bool:
    child = _CHILDREN.get(pid)
    if child is not None:
        return child.poll() is None
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def running_pid(home: Home) -> int | None:
    """Pid of this home's server if it runs (a stale pid file is ignored)."""
    try:
        pid = int(home.pid_file.read_text().strip())
    except (OSError, ValueError):
        return None
    if not _alive(pid):
        return None
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return None
    expected = f"--home-dir={home.root}".encode()
    return pid if MAIN_CLASS.encode() in cmdline and expected in cmdline else None


def status(home: Home) -> Status:
    creds = Credentials.load(home.credentials_file)
    return Status(home=home.root, pid=running_pid(home), uri=creds.uri if creds else None)


def wait_ready(creds: Credentials, *, timeout: float = 180.0, pid: int | None = None, log: Path | None = None) -> None:
    """Retry ``verify_connectivity()`` until the server answers, the process
    ends, or ``timeout`` seconds pass."""
    import neo4j
    from neo4j.exceptions import AuthError, DriverError, Neo4jError

    deadline = time.monotonic() + timeout
    last: Exception | None = None
    with neo4j.GraphDatabase.driver(creds.uri, auth=(creds.username, creds.password), connection_timeout=2.0) as driver:
        while time.monotonic() < deadline:
            if pid is not None and not _alive(pid):
                raise ServerError("the Neo4j server exited during start", log=log)
            try:
                driver.verify_connectivity()
                return
            except AuthError as e:  # the server is up and refuses these credentials
                if _set_initial_password(creds):
                    continue  # a fresh server still had the default password: changed, try again
                raise ServerError(f"Neo4j at {creds.uri} refuses the stored credentials: {e}", log=log) from e
            except (DriverError, Neo4jError, OSError) as e:
                last = e
                time.sleep(0.25)
    raise ServerError(f"Neo4j did not answer at {creds.uri} within {timeout:.0f} s: {last}", log=log)


def _set_initial_password(creds: Credentials) -> bool:
    """On a fresh server (default ``neo4j``/``neo4j``, to be changed), set the
    stored password through the driver; False if the default is not accepted
    (the server has a password already). The password travels as a query
    parameter over the loopback Bolt connection, never on a command line."""
    import neo4j
    from neo4j.exceptions import AuthError, ClientError

    from graph.store.cypher import CHANGE_INITIAL_PASSWORD

    try:
        with neo4j.GraphDatabase.driver(creds.uri, auth=(USERNAME, "neo4j"), connection_timeout=2.0) as driver:
            driver.execute_query(CHANGE_INITIAL_PASSWORD, {"old": "neo4j", "new": creds.password}, database_="system")
    except (AuthError, ClientError):
        return False
    return True


def _die_with_parent() -> Callable[[], None]:
    """A ``preexec_fn`` asking Linux to SIGTERM the child when its parent ends."""
    libc = ctypes.CDLL(None, use_errno=True)  # loaded before the fork
    pr_set_pdeathsig = 1

    def set_pdeathsig() -> None:
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)

    return set_pdeathsig


def start(
    home: Home, *, java: str = "java", timeout: float = 180.0, die_with_parent: bool = False, **config
) -> Credentials:
    """Start the server (unless it runs already) and wait until it answers.

    ``die_with_parent`` ties the server's life to this process (test servers:
    no orphaned JVM if the test run is killed). ``config`` goes to
    :func:`write_config` (``heap``, ``pagecache``, ...).
    """
    pid = running_pid(home)
    if pid is not None:
        creds = Credentials.load(home.credentials_file)
        if creds is None:
            raise ServerError(f"a server runs (pid {pid}) but {home.credentials_file} is missing")
        wait_ready(creds, timeout=timeout, pid=pid)
        return creds
    creds = initialise(home, java=java, **config)
    heap = config.get("heap", "1g")
    cmd = [
        java,
        f"-Xms{heap}",
        f"-Xmx{heap}",
        *JVM_FLAGS,
        "-cp",
        f"{home.plugins}/*:{home.lib}/*",
        MAIN_CLASS,
        f"--home-dir={home.root}",
        f"--config-dir={home.conf_dir}",
        "--console-mode",
    ]
    with open(home.console_log, "ab") as log:
        try:
            proc = subprocess.Popen(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=home.root,
                start_new_session=True,
                preexec_fn=_die_with_parent() if die_with_parent else None,
            )
        except OSError as e:
            raise ServerError(f"could not run {java}: {e}") from e
    _CHILDREN[proc.pid] = proc
    home.pid_file.write_text(f"{proc.pid}\n")
    try:
        wait_ready(creds, timeout=timeout, pid=proc.pid, log=home.console_log)
    except BaseException:
        stop(home)
        raise
    return creds


def stop(home: Home, *, timeout: float = 60.0) -> bool:
    """Stop the server gracefully (SIGTERM, then SIGKILL after ``timeout``).
    Returns whether one was running."""
    pid = running_pid(home)
    if pid is None:
        home.pid_file.unlink(missing_ok=True)
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    if _alive(pid):
        os.kill(pid, signal.SIGKILL)
        while _alive(pid):
            time.sleep(0.1)
    child = _CHILDREN.pop(pid, None)
    if child is not None:
        child.wait()
    home.pid_file.unlink(missing_ok=True)
    return True
