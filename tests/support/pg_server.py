"""A real, throw-away PostgreSQL server for the tests and benchmarks: ``initdb`` + ``pg_ctl`` into a
temporary folder as an unprivileged user (PostgreSQL refuses to run as root), listening on a free
loopback port only, trust authentication (loopback, a temporary cluster).

    with PostgresServer() as server:
        url = server.create_database("t1")    # postgresql://postgres@127.0.0.1:PORT/t1

Debian's ``postgresql`` package provides the binaries (``.ci/run`` installs it when missing).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def find_bindir() -> Path | None:
    """The folder of ``initdb``/``pg_ctl``: pg_config's, Debian's newest, or the PATH's."""
    pg_config = shutil.which("pg_config")
    if pg_config:
        out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True).stdout.strip()
        if out and (Path(out) / "initdb").exists():
            return Path(out)
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True):
        if (Path(candidate) / "initdb").exists():
            return Path(candidate)
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    def __init__(self, shared_buffers: str = "128MB", options: str = ""):
        """``shared_buffers``: the tests keep PostgreSQL's default; the benchmarks give the server
        the memory a lab server is configured with (PostgreSQL's guidance: a quarter of RAM).
        ``options``: more ``-c name=value`` settings (a benchmark's statistics)."""
        self.shared_buffers = shared_buffers
        self.options = options
        self.bindir = find_bindir()
        if self.bindir is None:
            raise RuntimeError("PostgreSQL server binaries not found (install Debian's postgresql)")
        self.base = Path(tempfile.mkdtemp(prefix="rsfm-pg-"))
        self.data = self.base / "data"
        self.port = _free_port()
        self.user = None  # the OS user the server runs as, when we are root
        if os.geteuid() == 0:
            for name in ("postgres", "nobody"):
                try:
                    self.user = pwd.getpwnam(name)
                    break
                except KeyError:
                    continue
            os.chown(self.base, self.user.pw_uid, self.user.pw_gid)
        os.chmod(self.base, 0o755)
        self.superuser = "postgres"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.user is not None:
            command = ["setpriv", f"--reuid={self.user.pw_uid}", f"--regid={self.user.pw_gid}",
                       "--clear-groups", "--", *command]
        env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
        return subprocess.run(command, capture_output=True, text=True, check=check, env=env, cwd=self.base)

    def start(self) -> "PostgresServer":
        self._run("initdb", "-D", str(self.data), "-U", self.superuser, "--auth=trust",
                  "--encoding=UTF8", "--locale=C", "--no-sync")
        options = self._options()
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.base / "server.log"),
                  "-w", "-t", "60", "start")
        return self

    def _options(self) -> str:
        return (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.base}"
                " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
                f" -c max_connections=200 -c shared_buffers={self.shared_buffers} {self.options}").strip()

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.superuser}@127.0.0.1:{self.port}/{database}"

    def _psql(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(sql)

    def create_database(self, name: str, template: str | None = None) -> str:
        suffix = f" TEMPLATE {template}" if template else ""
        self._psql(f'CREATE DATABASE "{name}"{suffix}')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self._psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def restart(self) -> None:
        self.stop()
        options = self._options()
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.base / "server.log"),
                  "-w", "-t", "60", "start")

    def close(self) -> None:
        self.stop("immediate")
        for _ in range(20):
            try:
                shutil.rmtree(self.base)
                return
            except OSError:
                time.sleep(0.1)

    def __enter__(self) -> "PostgresServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()
