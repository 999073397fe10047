"""The bundle format on its own: sealed for one ward key, opened only with the device's key."""

from __future__ import annotations

from pathlib import Path

import pytest

from sync.contract.bundle import (
    BundleError,
    encode_key,
    new_signing_key,
    new_ward_key,
    read_bundle,
    valid_signing_public_key,
    write_bundle,
)


def test_round_trip_and_every_wrong_key(tmp_path: Path) -> None:
    signing, public = new_signing_key()
    ward_private, ward_public = new_ward_key()
    body = '{"batch_id":"b","items":[],"note":"Nguyễn"}'.encode()
    target = tmp_path / "x.hotroso-bundle"
    write_bundle(target, device_id="d", created_at="t", push_body=body, signing_key=signing,
                 ward_key=ward_public)
    sealed = read_bundle(target)
    assert (sealed.device_id, sealed.created_at) == ("d", "t")
    assert sealed.open(device_public_key=public, ward_private_key=ward_private) == body
    with pytest.raises(BundleError, match="signature"):
        sealed.open(device_public_key=new_signing_key()[1], ward_private_key=ward_private)
    with pytest.raises(BundleError, match="ward key"):
        sealed.open(device_public_key=public, ward_private_key=new_ward_key()[0])
    with pytest.raises(BundleError, match="exceeds"):
        sealed.open(device_public_key=public, ward_private_key=ward_private, max_inflated=5)


def test_files_that_are_not_bundles_are_refused_plainly(tmp_path: Path) -> None:
    for content in (b"", b"no newline at all" * 400, b'{"format": "other"}\n', b"\x00\n"):
        path = tmp_path / "bad"
        path.write_bytes(content)
        with pytest.raises(BundleError, match="not a Hỗ trợ số bundle"):
            read_bundle(path)
    with pytest.raises(BundleError, match="not found"):
        read_bundle(tmp_path / "missing")


def test_signing_keys_are_checked() -> None:
    assert valid_signing_public_key(encode_key(new_signing_key()[1]))
    assert not valid_signing_public_key("not base64!")
    assert not valid_signing_public_key(encode_key(b"\x01" * 16))
