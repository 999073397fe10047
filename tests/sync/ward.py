"""Test helpers: a throwaway PostgreSQL cluster and the real ward server as a subprocess."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests

PG_BIN = Path("/usr/lib/postgresql/15/bin")
REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def postgres_missing_reason() -> str | None:
    if not (PG_BIN / "initdb").exists():
        return f"PostgreSQL 15 server binaries not found in {PG_BIN}"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser to start PostgreSQL as user postgres"
    return None


@dataclass
class PgCluster:
    directory: Path
    port: int

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        _as_postgres(
            [str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
             "-q", "-c", f'CREATE DATABASE "{name}"'],
        )
        return self.url(name)

    def stop(self) -> None:
        _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.directory / "data"), "-m", "immediate",
                      "-w", "stop"])


def _as_postgres(cmd: list[str]) -> None:
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", "postgres", "--", *cmd]
    subprocess.run(cmd, check=True, capture_output=True, timeout=60)


def start_cluster(directory: Path) -> PgCluster:
    directory.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres", "postgres")
    port = free_port()
    _as_postgres([str(PG_BIN / "initdb"), "-D", str(directory / "data"), "-A", "trust",
                  "-U", "postgres", "--no-sync", "-E", "UTF8"])
    options = (f"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off "
               "-c synchronous_commit=off -c full_page_writes=off")
    _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(directory / "data"), "-o", options,
                  "-l", str(directory / "log"), "-w", "start"])
    return PgCluster(directory, port)


class WardServer:
    """``hotroso-server serve`` in a subprocess, on a loopback port."""

    def __init__(
        self, db_url: str, log: Path, port: int | None = None, *,
        tls: tuple[Path, Path] | None = None, options: tuple[str, ...] = (),
    ) -> None:
        self.db_url = db_url
        self.options = options  # more `serve` options, e.g. the rate limits
        self.port = port or free_port()
        self.log = log
        self.tls = tls
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def start(self) -> WardServer:
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        with self.log.open("ab") as log:
            tls = ["--cert", str(self.tls[0]), "--key", str(self.tls[1])] if self.tls else []
            self.process = subprocess.Popen(
                [sys.executable, "-m", "sync.server.cli", "serve", "--db", self.db_url,
                 "--port", str(self.port), *tls, *self.options],
                stdout=log, stderr=subprocess.STDOUT, env=env,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()}")
            try:
                verify = str(self.tls[0]) if self.tls else True
                with requests.get(f"{self.url}/api/v1/health", timeout=0.5, verify=verify) as r:
                    if r.status_code == 200:
                        return self
            except requests.RequestException:
                time.sleep(0.05)
        raise RuntimeError(f"server did not start: {self.log.read_text()}")

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, as when the ward PC loses power.

        Works on the process it found, not on ``self.process`` again: the kill may run on a
        proxy thread while the test, which has already seen its connection drop, starts the
        next server (waiting on or forgetting *that* one would leak it).
        """
        process = self.process
        if process is not None and process.poll() is None:
            process.kill()
            process.wait(10)
        if self.process is process:
            self.process = None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.process = None
