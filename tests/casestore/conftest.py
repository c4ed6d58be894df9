"""Fixtures of the case store tests: real records of the example charts, and a database per
test on SQLite (a file in tmp) and on a real PostgreSQL server.

PostgreSQL: ``$CHARTREVIEW_TEST_POSTGRES_URL`` (a server and a role that may create
databases; ``.ci/run`` starts one) if set; else a throwaway cluster made with ``initdb`` and
``pg_ctl`` (on PATH or in /usr/lib/postgresql/*/bin) in a temporary folder on a free port,
as a non-root account when the tests run as root (postgres refuses root). When no server
can be had, the PostgreSQL tests are skipped with the reason (shown by ``-ra``).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from casestore import CaseStore
from tests.casestore.casestorecharts import Records, make_records

POSTGRES_URL_ENV = "CHARTREVIEW_TEST_POSTGRES_URL"

OpenStore = Callable[[], CaseStore]


@pytest.fixture(scope="session")
def records() -> Records:
    return make_records()


# --------------------------------------------------------------------------- PostgreSQL


def _tool(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    return str(candidates[-1]) if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _server_account() -> tuple[list[str], str | None]:
    """(command prefix, account) to run the server as someone other than root."""
    if os.geteuid() != 0:
        return [], None
    runuser = shutil.which("runuser")
    if runuser is None:
        raise RuntimeError(
            "running as root and runuser is not there to start postgres as another user"
        )
    for account in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(account)
            return [runuser, "-u", account, "--"], account
    raise RuntimeError("running as root and no postgres or nobody account to start postgres as")


@dataclass
class _Cluster:
    url: str
    stop: Callable[[], None]


def _start_cluster() -> _Cluster:
    initdb, pg_ctl = _tool("initdb"), _tool("pg_ctl")
    if initdb is None or pg_ctl is None:
        raise RuntimeError("initdb/pg_ctl not found (install Debian's postgresql package)")
    prefix, account = _server_account()
    folder = Path(tempfile.mkdtemp(prefix="chartreview-pg-"))
    if account is not None:
        shutil.chown(folder, user=account)
    data, port = folder / "data", _free_port()

    def run(*args: str) -> None:
        done = subprocess.run(
            [*prefix, *args], capture_output=True, text=True, timeout=60, check=False
        )
        if done.returncode != 0:
            tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            raise RuntimeError(f"{Path(args[0]).name} failed: {' | '.join(tail)}")

    try:
        run(initdb, "-D", str(data), "-U", "chartreview", "--auth=trust", "-E", "UTF8", "--no-sync")
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -F"
        run(pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start")
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as e:
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(str(e)) from e

    def stop() -> None:
        with contextlib.suppress(RuntimeError, OSError, subprocess.TimeoutExpired):
            run(pg_ctl, "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(folder, ignore_errors=True)

    return _Cluster(f"postgresql+psycopg://chartreview@127.0.0.1:{port}/postgres", stop)


@dataclass(frozen=True)
class PostgresServer:
    url: str | None  # the maintenance database's URL; None: no server, see ``reason``
    reason: str = ""


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server for the session, or why there is none (printed; the PostgreSQL
    tests skip with it)."""
    configured = os.environ.get(POSTGRES_URL_ENV, "").strip()
    if configured:
        yield PostgresServer(configured)
        return
    try:
        cluster = _start_cluster()
    except RuntimeError as e:
        reason = f"no PostgreSQL server: {e} (set {POSTGRES_URL_ENV} to use one)"
        print(f"\ncasestore: {reason}")
        yield PostgresServer(None, reason)
        return
    try:
        yield PostgresServer(cluster.url)
    finally:
        cluster.stop()


def _admin(server: str, statement: str) -> None:
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(statement))
    finally:
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database: a SQLite file, or a new database on the PostgreSQL server
    (dropped afterwards, so that a long-lived server given by URL stays clean)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'db' / 'cases.sqlite3'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    if server.url is None:
        pytest.skip(server.reason)
    name = f"casestore_{uuid.uuid4().hex[:12]}"
    _admin(server.url, f'CREATE DATABASE "{name}"')
    try:
        yield make_url(server.url).set(database=name).render_as_string(hide_password=False)
    finally:
        _admin(server.url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def open_store(database_url: str, tmp_path: Path) -> Iterator[OpenStore]:
    """Opens the test's store, each call with its own engine (as another process would)."""
    opened: list[CaseStore] = []

    def make() -> CaseStore:
        store = CaseStore(database_url, files_dir=tmp_path / "case-files")
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()
