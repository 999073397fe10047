"""SQLCipher at rest: the same store code on an encrypted file (needs the sqlcipher3 package)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.paths import database_path
from desktop.store import Store
from desktop.store.errors import StoreOpenError


def test_encrypted_store_holds_no_plaintext_and_refuses_a_wrong_key(tmp_path: Path) -> None:
    pytest.importorskip("sqlcipher3", reason="sqlcipher3 is not installed")
    with Store.open(tmp_path, key="đúng mật khẩu") as store, store.session() as session:
        from desktop.store.models import SettingRow

        session.add(SettingRow(key="secret", value="Nguyễn Văn An"))
    assert "Nguyễn".encode() not in database_path(tmp_path).read_bytes()
    with pytest.raises(StoreOpenError):
        Store.open(tmp_path, key="sai")
