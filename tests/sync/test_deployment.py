"""Deployment defaults (issue 8, item 5): enrolment refuses unknown neighbourhoods and long
codes (checked before any query, on SQLite and PostgreSQL), QR files are private, answers carry
security headers and no server banner, /docs is off unless asked for and then needs no CDN,
``serve`` warns about plain HTTP beyond loopback, and the laptop refuses plain http:// except
to loopback unless the ward allowed it."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import requests
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from sync.client.errors import SyncError
from sync.client.port import Enrolment
from sync.client.report import Status
from sync.client.session import SyncClient, check_server_url, enroll
from sync.server import cli
from sync.server.models import Device
from sync.server.settings import ServerSettings
from tests.sync.api import API
from tests.sync.conftest import Laptop, SharedWard
from tests.sync.ward import REPO, WardServer, free_port


def _devices(engine: Engine) -> int:
    with Session(engine) as session:
        return int(session.scalar(select(func.count()).select_from(Device)) or 0)


def test_enroll_device_refuses_unknown_and_overlong_codes(
    shared_ward: SharedWard, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = ["--db", shared_ward.db_url, "--data-dir", str(tmp_path)]
    before = _devices(shared_ward.engine)
    assert cli.main(["enroll-device", "--neighbourhood", "NOPE99", "--volunteer", "An", *db]) == 2
    err = capsys.readouterr().err
    assert "NOPE99" in err and "HT01" in err and "Traceback" not in err
    assert cli.main(["enroll-device", "--neighbourhood", "H" * 200, "--volunteer", "An", *db]) == 2
    err = capsys.readouterr().err
    assert "32" in err and "Traceback" not in err
    assert cli.main(["enroll-device", "--neighbourhood", "HT01", "--volunteer", "A" * 300,
                     *db]) == 2
    assert cli.main(["enroll-device", "--neighbourhood", "HT\x0001", "--volunteer", "An", *db]) == 2
    assert _devices(shared_ward.engine) == before  # nothing was created


def test_qr_codes_are_private_files_in_the_data_folder(
    shared_ward: SharedWard, capsys: pytest.CaptureFixture[str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)  # the old default was the current folder
    data = tmp_path / "server-data"
    db = ["--db", shared_ward.db_url, "--data-dir", str(data)]
    assert cli.main(["enroll-device", "--neighbourhood", "HT02", "--volunteer", "An", *db]) == 0
    out = capsys.readouterr().out
    qr = Path(re.search(r"QR code: (\S+)", out).group(1))  # type: ignore[union-attr]
    assert qr.parent == data / "enrolment" and qr.read_bytes().startswith(b"\x89PNG")
    assert stat.S_IMODE(qr.stat().st_mode) == 0o600
    assert stat.S_IMODE(qr.parent.stat().st_mode) == 0o700
    assert list(tmp_path.glob("*.png")) == []
    chosen = tmp_path / "lan.png"
    chosen.write_bytes(b"old")
    chosen.chmod(0o644)
    assert cli.main(["enroll-device", "--neighbourhood", "HT02", "--volunteer", "An",
                     "--qr", str(chosen), *db]) == 0
    assert stat.S_IMODE(chosen.stat().st_mode) == 0o600
    ignored = subprocess.run(["git", "check-ignore", "-q", "enrol-1234abcd.png"], cwd=REPO,
                             check=False)
    assert ignored.returncode == 0  # never committed by accident


def test_answers_carry_security_headers_and_no_banner(shared_ward: SharedWard) -> None:
    url = shared_ward.server.url
    for answer in (requests.get(f"{url}{API}/health", timeout=5),
                   requests.get(f"{url}{API}/records", timeout=5),  # 401
                   requests.get(f"{url}/nowhere", timeout=5),  # 404
                   requests.delete(f"{url}{API}/health", timeout=5)):  # 405
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert answer.headers["Cache-Control"] == "no-store"
        assert answer.headers["X-Frame-Options"] == "DENY"
        assert "server" not in {k.lower() for k in answer.headers}
        assert answer.headers["Content-Type"] == "application/json"
        if answer.status_code >= 400:
            assert set(answer.json()) == {"error", "problems"}
    assert requests.get(f"{url}/docs", timeout=5).status_code == 404  # off by default


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_docs_come_from_bundled_files(ward_db: Engine, db_url: str, tmp_path: Path) -> None:
    server = WardServer(db_url, tmp_path / "docs.log", options=("--docs",)).start()
    try:
        page = requests.get(f"{server.url}/docs", timeout=5)
        assert page.status_code == 200 and "text/html" in page.headers["Content-Type"]
        sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
        assert sources and all(s.startswith("/") for s in sources), sources  # nothing remote
        assert "cdn" not in page.text.lower()
        for source in sources:
            asset = requests.get(f"{server.url}{source}", timeout=5)
            assert asset.status_code == 200 and len(asset.content) > 1000, source
        assert "script-src 'self'" in page.headers["Content-Security-Policy"]
        assert requests.get(f"{server.url}/openapi.json", timeout=5).status_code == 200
    finally:
        server.stop()


def test_serve_warns_about_plain_http_beyond_loopback() -> None:
    warn = cli.plain_http_warning
    assert warn(ServerSettings(host="0.0.0.0")) is not None
    assert "plain HTTP" in (warn(ServerSettings(host="192.0.2.5")) or "")
    assert warn(ServerSettings(host="0.0.0.0", behind_proxy=True)) is None
    assert warn(ServerSettings(host="0.0.0.0", forwarded_allow_ips="192.0.2.1")) is None
    assert warn(ServerSettings(host="127.0.0.1")) is None
    assert warn(ServerSettings(host="::1")) is None
    assert warn(ServerSettings(host="localhost")) is None
    cert = Path("cert.pem")
    assert warn(ServerSettings(host="0.0.0.0", cert=cert, key=cert)) is None


@pytest.mark.parametrize(("extra", "warned"), [((), True), (("--behind-proxy",), False)])
def test_serve_says_it_on_its_console(tmp_path: Path, extra: tuple[str, ...], warned: bool
                                      ) -> None:
    """As the operator sees it. 192.0.2.55 (a documentation address) is not this machine's,
    so uvicorn cannot listen there and exits: nothing ever listens beyond loopback here."""
    db_url = f"sqlite:///{tmp_path / 'w.sqlite3'}"
    run = subprocess.run(
        [sys.executable, "-m", "sync.server.cli", "serve", "--db", db_url, "--host",
         "192.0.2.55", "--port", str(free_port()), *extra],
        capture_output=True, text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(REPO)},
        check=False,
    )
    assert run.returncode != 0  # could not listen there
    assert ("Warning: listening on 192.0.2.55 over plain HTTP" in run.stderr) is warned
    assert ("Cảnh báo" in run.stderr) is warned


def test_the_laptop_refuses_plain_http_beyond_loopback(
    shared_ward: SharedWard, make_laptop: Callable[..., Laptop], tmp_path: Path
) -> None:
    for url in ("http://192.0.2.10:8765", "http://ward.example", "ftp://ward.example"):
        with pytest.raises(SyncError) as refused:
            check_server_url(url, allow_insecure=False)
        assert "https://" in refused.value.message_en and "https://" in refused.value.message_vi
    check_server_url("https://ward.example", allow_insecure=False)
    check_server_url("http://127.0.0.1:8765", allow_insecure=False)
    check_server_url("http://[::1]:8765", allow_insecure=False)
    check_server_url("http://localhost:8765", allow_insecure=False)
    check_server_url("http://192.0.2.10:8765", allow_insecure=True)

    laptop = make_laptop(shared_ward.server.url, enrol=False)
    with pytest.raises(SyncError, match="allow-insecure"):
        enroll(laptop.sync, laptop.tokens, "http://192.0.2.10:8765", "ABCD-EFGH-JKMN-PQRS")
    # An enrolment stored with the ward's permission keeps it; one without it is refused
    # before any connection is made.
    laptop.sync.save_enrolment(
        Enrolment("http://192.0.2.10:8765", "dev", allow_insecure=True), at=laptop.store.clock())
    assert laptop.sync.enrolment().allow_insecure is True  # type: ignore[union-attr]
    laptop.sync.save_enrolment(Enrolment("http://192.0.2.10:8765", "dev"),
                               at=laptop.store.clock())
    laptop.tokens.save("http://192.0.2.10:8765", "dev", "token")
    report = SyncClient(tokens=laptop.tokens).run(laptop.sync)
    assert report.status is Status.FAILED and "http://" in report.message_en
    assert report.requests == 0
