"""USB bundles are encrypted to the ward and signed by the device's own key: nothing in the
ward database can forge one, nothing is decrypted or inflated before the signature is
checked, and the file reveals no personal data."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import hmac
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from sync.client.bundle import export_bundle
from sync.client.errors import NotEnrolled
from sync.contract import bundle as bundle_format
from sync.contract.bundle import (
    decode_key,
    encode_key,
    new_signing_key,
    new_ward_key,
    read_bundle,
    write_bundle,
)
from sync.server import bundle_key, cli
from sync.server.models import Device
from tests.sync.conftest import Laptop, issue_code, version_counts
from tests.sync.ward import WardServer

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def make_bundle(laptop: Laptop, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    export_bundle(laptop.sync, laptop.tokens, path)
    return path


def device_of(laptop: Laptop) -> str:
    enrolment = laptop.sync.enrolment()
    assert enrolment is not None
    return enrolment.device_id


def ward_public() -> bytes:
    return bundle_key.load(bundle_key.key_path()).public


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Records every decryption and every inflation the bundle code performs."""
    calls: list[str] = []
    real_aead = bundle_format.ChaCha20Poly1305
    real_gunzip = bundle_format._gunzip_capped

    class SpyAead:
        def __init__(self, key: bytes) -> None:
            self._real = real_aead(key)

        def encrypt(self, *args: Any) -> bytes:
            return self._real.encrypt(*args)

        def decrypt(self, *args: Any) -> bytes:
            calls.append("decrypt")
            return self._real.decrypt(*args)

    def spy_gunzip(data: bytes, limit: int) -> bytes:
        calls.append("inflate")
        return real_gunzip(data, limit)

    monkeypatch.setattr(bundle_format, "ChaCha20Poly1305", SpyAead)
    monkeypatch.setattr(bundle_format, "_gunzip_capped", spy_gunzip)
    yield calls


def test_a_bundle_from_a_device_imports_and_holds_no_personal_data(
    ward: WardServer, ward_db: Engine, db_url: str, make_laptop: Callable[..., Laptop],
    tmp_path: Path, capsys: pytest.CaptureFixture[str], opened: list[str],
) -> None:
    laptop = make_laptop(ward.url)
    records = laptop.add_records(30)
    path = make_bundle(laptop, tmp_path / "usb" / "a.hotroso-bundle")

    raw = path.read_bytes()
    secrets = {r.cccd for r in records if r.cccd} | {r.phone for r in records if r.phone}
    secrets |= {r.full_name for r in records if r.full_name}
    assert len(secrets) > 30
    for value in secrets:
        for form in (value, value.lstrip("+"), value.replace("+84", "0")):
            assert form.encode() not in raw and form.encode("utf-16-le") not in raw
    header = json.loads(raw.split(b"\n", 1)[0])
    assert set(header) == {"format", "version", "device_id", "created_at", "cipher",
                           "signature_alg", "ward_key", "ephemeral_key", "nonce", "signature"}
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600

    assert cli.main(["import-bundle", str(path), "--db", db_url]) == 0
    assert "accepted 30" in capsys.readouterr().out
    assert version_counts(ward_db) == (30, 30)
    assert opened == ["decrypt", "inflate"]


def test_signatures_made_from_anything_in_the_ward_database_are_refused(
    ward: WardServer, ward_db: Engine, db_url: str, make_laptop: Callable[..., Laptop],
    tmp_path: Path, capsys: pytest.CaptureFixture[str], opened: list[str],
) -> None:
    laptop = make_laptop(ward.url)
    laptop.add_records(3)
    genuine = read_bundle(make_bundle(laptop, tmp_path / "genuine.hotroso-bundle"))
    body = json.dumps({"batch_id": "forged", "items": []}).encode()
    with Session(ward_db) as session:
        device = session.get(Device, device_of(laptop))
        assert device is not None and device.signing_public_key is not None
        stored = [str(v) for v in vars(device).values() if v is not None and not str(
            v).startswith("<")]
    # Every value the ward stores about the device, turned into a signing key every obvious way.
    seeds: set[bytes] = set()
    for value in stored:
        seeds.add(hashlib.sha256(value.encode()).digest())
        seeds.add(hashlib.sha256(bytes.fromhex(value)).digest() if _is_hex(value) else b"")
        if _is_hex(value) and len(value) == 64:
            seeds.add(bytes.fromhex(value))
        with contextlib.suppress(ValueError):
            seeds.add(decode_key(value))
    seeds.discard(b"")
    assert len(seeds) >= 8
    for number, seed in enumerate(sorted(seeds)):
        forged = tmp_path / f"forged-{number}.hotroso-bundle"
        write_bundle(forged, device_id=genuine.device_id, created_at=genuine.created_at,
                     push_body=body, signing_key=seed, ward_key=ward_public())
        assert cli.main(["import-bundle", str(forged), "--db", db_url]) == 2
        assert "signature" in capsys.readouterr().err
    # The old format, whose HMAC was keyed by the token hash in the database, is refused too.
    token_hash = next(v for v in stored if _is_hex(v) and len(v) == 64)
    old = tmp_path / "old.hotroso-bundle"
    mac = hmac.new(token_hash.encode(), body, hashlib.sha256).hexdigest()
    old.write_bytes(gzip.compress(json.dumps({
        "format": "hotroso-bundle", "version": 1, "device_id": genuine.device_id,
        "created_at": genuine.created_at, "mac": mac}).encode() + b"\n" + body))
    assert cli.main(["import-bundle", str(old), "--db", db_url]) == 2
    assert "old-format bundle (version 1)" in capsys.readouterr().err
    assert opened == []  # nothing was ever decrypted or inflated
    assert version_counts(ward_db) == (0, 0)


def _is_hex(value: str) -> bool:
    return len(value) % 2 == 0 and all(c in "0123456789abcdef" for c in value)


def test_a_tampered_bundle_is_refused_before_anything_is_decrypted_or_inflated(
    ward: WardServer, ward_db: Engine, db_url: str, make_laptop: Callable[..., Laptop],
    tmp_path: Path, capsys: pytest.CaptureFixture[str], opened: list[str],
) -> None:
    laptop = make_laptop(ward.url)
    other = make_laptop(ward.url)
    laptop.add_records(5)
    raw = make_bundle(laptop, tmp_path / "a.hotroso-bundle").read_bytes()
    head, ciphertext = raw.split(b"\n", 1)
    header = json.loads(head)

    def with_header(**changes: object) -> bytes:
        return json.dumps({**header, **changes}).encode() + b"\n" + ciphertext

    flipped = bytearray(raw)
    flipped[len(head) + 50] ^= 0x80
    variants = {
        "a bit of the records": bytes(flipped),
        "another device's id": with_header(device_id=device_of(other)),
        "another date": with_header(created_at="2020-01-01T00:00:00+00:00"),
        "another ephemeral key": with_header(ephemeral_key=encode_key(new_ward_key()[1])),
        "records cut short": raw[:-10],
        "records added": raw + b"\x00" * 10,
    }
    for what, data in variants.items():
        path = tmp_path / "tampered.hotroso-bundle"
        path.write_bytes(data)
        assert cli.main(["import-bundle", str(path), "--db", db_url]) == 2, what
        assert "signature" in capsys.readouterr().err, what
    assert opened == []
    assert version_counts(ward_db) == (0, 0)


def test_the_inflated_size_is_capped_after_the_signature_is_checked(
    ward: WardServer, ward_db: Engine, db_url: str, make_laptop: Callable[..., Laptop],
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    opened: list[str],
) -> None:
    laptop = make_laptop(ward.url)
    laptop.add_records(200)
    path = make_bundle(laptop, tmp_path / "big.hotroso-bundle")
    assert cli.main(["import-bundle", str(path), "--db", db_url,
                     "--max-bundle-inflated-bytes", "10000"]) == 2
    assert "exceeds 10000 bytes when inflated" in capsys.readouterr().err
    assert opened == ["decrypt", "inflate"]
    assert cli.main(["import-bundle", str(path), "--db", db_url,
                     "--max-bundle-bytes", "2048"]) == 2
    assert "too large for a bundle" in capsys.readouterr().err
    assert version_counts(ward_db) == (0, 0)


def test_devices_enrolled_before_bundles_were_signed_are_told_to_enrol_again(
    ward: WardServer, ward_db: Engine, db_url: str, make_laptop: Callable[..., Laptop],
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    laptop = make_laptop(ward.url)
    laptop.add_records(2)
    path = make_bundle(laptop, tmp_path / "a.hotroso-bundle")
    with Session(ward_db) as session, session.begin():  # as the ward database had it before
        session.execute(update(Device).values(signing_public_key=None))
    assert cli.main(["import-bundle", str(path), "--db", db_url]) == 2
    assert "enrolled before bundles were encrypted and signed" in capsys.readouterr().err

    enrolment = laptop.sync.enrolment()
    assert enrolment is not None
    laptop.sync.save_enrolment(type(enrolment)(enrolment.server_url, enrolment.device_id),
                               at=laptop.store.clock())  # a laptop enrolled before: no ward key
    with pytest.raises(NotEnrolled) as caught:
        make_bundle(laptop, tmp_path / "b.hotroso-bundle")
    assert "enrol again" in caught.value.message_en
    assert laptop.sync_now().ok  # online sync is unaffected

    from sync.client.session import enroll

    enroll(laptop.sync, laptop.tokens, ward.url, issue_code(ward_db))
    path = make_bundle(laptop, tmp_path / "c.hotroso-bundle")
    assert cli.main(["import-bundle", str(path), "--db", db_url]) == 0


def test_the_ward_key_is_made_once_owner_only_and_never_replaced(
    ward: WardServer, ward_db: Engine, db_url: str, make_laptop: Callable[..., Laptop],
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    key_file = bundle_key.key_path()
    assert key_file.is_file() and b"PRIVATE KEY" in key_file.read_bytes()
    if os.name == "posix":
        assert key_file.stat().st_mode & 0o777 == 0o600
    laptop = make_laptop(ward.url)
    enrolment = laptop.sync.enrolment()
    assert enrolment is not None and enrolment.bundle_key == encode_key(ward_public())
    laptop.add_records(1)
    path = make_bundle(laptop, tmp_path / "a.hotroso-bundle")

    missing = tmp_path / "nowhere" / "key.pem"
    assert cli.main(["import-bundle", str(path), "--db", db_url, "--bundle-key",
                     str(missing)]) == 2
    assert "Restore it from the backup" in capsys.readouterr().err
    assert not missing.exists()
    other, _ = bundle_key.load_or_create(tmp_path / "other.pem")
    assert cli.main(["import-bundle", str(path), "--db", db_url, "--bundle-key",
                     str(other.path)]) == 2
    assert f"not this server's ({other.id})" in capsys.readouterr().err
    with Session(ward_db) as session:  # the database holds no private key of anyone
        keys = session.scalars(select(Device.signing_public_key)).all()
    assert keys == [enrolment_key for enrolment_key in keys if enrolment_key]


def test_enrolment_refuses_a_signing_key_that_is_not_one(
    ward: WardServer, ward_db: Engine
) -> None:
    code = issue_code(ward_db)
    answer = requests.post(f"{ward.url}/api/v1/enroll", timeout=10, json={
        "code": code, "signing_public_key": "!" * 44})
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert error["code"] == "bad_signing_key" and error["message_vi"]
    answer = requests.post(f"{ward.url}/api/v1/enroll", timeout=10, json={
        "code": code, "signing_public_key": encode_key(b"\x01" * 16)})
    assert answer.status_code == 422
    # The code was not used up by the refused attempts.
    answer = requests.post(f"{ward.url}/api/v1/enroll", timeout=10, json={
        "code": code, "signing_public_key": encode_key(new_signing_key()[1])})
    assert answer.status_code == 200 and answer.json()["bundle_public_key"]
