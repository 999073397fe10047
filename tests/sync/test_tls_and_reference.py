"""TLS served directly with the ward's own CA, and reference data published to laptops."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.store import Store
from desktop.store.clock import fixed_clock
from desktop.store.profile import ProfileRepository
from desktop.store.protection import open_store
from desktop.store.sync_state import StoreSync
from sync.client.credentials import TokenStore
from sync.client.errors import SyncError
from sync.client.session import SyncClient, enroll, probe
from sync.server import cli
from sync.server.db import create_server_engine
from sync.server.migrate import upgrade
from tests.sync.conftest import NOW, Laptop, issue_code
from tests.sync.ward import WardServer


def _self_signed(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "ward.pem", folder / "ward.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=ward.test", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )
    return cert, key


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is needed to make a cert")
def test_tls_with_the_wards_own_ca(tmp_path: Path) -> None:
    # TLS does not depend on the database: checked once, on a SQLite ward.
    cert, key = _self_signed(tmp_path)
    db_url = f"sqlite:///{tmp_path / 'ward.sqlite3'}"
    engine = create_server_engine(db_url)
    upgrade(engine)
    server = WardServer(db_url, tmp_path / "tls.log", tls=(cert, key)).start()
    store = Store.open(tmp_path / "laptop", clock=fixed_clock(NOW))
    try:
        ProfileRepository(store).save(volunteer_name="Lan", neighbourhood_code="HT01")
        laptop = StoreSync(store)
        tokens = TokenStore(tmp_path / "laptop")
        with pytest.raises(SyncError, match="certificate"):
            enroll(laptop, tokens, server.url, issue_code(engine))
        assert not probe(server.url) and probe(server.url, ca_cert=cert)
        enroll(laptop, tokens, server.url, issue_code(engine), ca_cert=cert)
        store.close()
        store = Store.open(tmp_path / "laptop", clock=fixed_clock(NOW))  # CA path remembered
        report = SyncClient(tokens=tokens).run(StoreSync(store))
        assert report.ok, report.message_en
    finally:
        store.close()
        server.stop()
        engine.dispose()


def test_published_reference_data_reaches_the_laptop(
    ward: WardServer, db_url: str, make_laptop: Callable[..., Laptop], tmp_path: Path
) -> None:
    laptop = make_laptop(ward.url)
    assert laptop.sync_now().reference_version is None  # nothing published yet
    folder = tmp_path / "reference"
    shutil.copytree(Path(__file__).resolve().parents[2] / "resources" / "reference", folder)
    ward_toml = folder / "ward.toml"
    text = ward_toml.read_text(encoding="utf-8")
    ward_toml.write_text(text.replace('version = "', 'version = "ward-edit-', 1), "utf-8")
    assert cli.main(["publish-reference", str(folder), "--db", db_url]) == 0

    report = laptop.sync_now()

    assert report.reference_version is not None and "ward-edit-" in report.reference_version
    assert laptop.store.reference.version == report.reference_version
    reopened = StoreSync(laptop.store).synced_reference()
    assert reopened is not None and reopened.version == report.reference_version
    assert laptop.sync_now().reference_version is None  # not sent again
    laptop.store.close()
    with open_store(laptop.store.data_dir) as restarted:  # the app's next start
        assert restarted.reference.version == report.reference_version
