"""Schema versioning: old databases upgrade, the migrated schema is exactly the models."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from desktop.paths import database_path
from desktop.store import Store, migrate
from desktop.store.engine import create_store_engine
from desktop.store.errors import StoreOpenError
from desktop.store.models import Base
from desktop.store.records import RecordRepository


def test_database_from_first_migration_upgrades_to_head(tmp_path: Path) -> None:
    db_file = database_path(tmp_path)
    engine = create_store_engine(db_file)
    migrate.upgrade(engine, "0001")
    assert migrate.current_revision(engine) == "0001"
    engine.dispose()
    with closing(sqlite3.connect(db_file)) as raw, raw:  # a record written by the first release
        raw.execute(
            "INSERT INTO records (id, device_id, volunteer_name, created_at, updated_at,"
            " assisted_on, revision, status, deleted, ward_code, ward_name, neighbourhood_code,"
            " neighbourhood_name, full_name, address, category_detail, reason, notes, consent,"
            " name_key, sync_state) VALUES ('0f5e1c7a9b2d4e6f8a1b3c5d7e9f0a2b', 'dev', 'Lan',"
            " '2025-08-01 03:00:00.000000', '2025-08-01 03:00:00.000000', '2025-08-01', 1,"
            " 'draft', 0, 'HA_TU', 'Phường Hà Tu', 'HT01', 'Khu 1', 'Lê Thị Hoa', '', '', '',"
            " '', 0, 'le thi hoa', 'local')"
        )
    store = Store.open(tmp_path)
    try:
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        ids = RecordRepository(store).query_ids()
        assert [r.full_name for r in RecordRepository(store).fetch_rows(ids)] == ["Lê Thị Hoa"]
    finally:
        store.close()


def test_migrated_schema_matches_the_models(store: Store) -> None:
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_database_of_a_newer_app_is_refused_plainly(tmp_path: Path) -> None:
    Store.open(tmp_path).close()
    with closing(sqlite3.connect(database_path(tmp_path))) as raw, raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreOpenError, match="newer version"):
        Store.open(tmp_path)


def test_damaged_file_is_a_known_error(tmp_path: Path) -> None:
    database_path(tmp_path).write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreOpenError) as caught:
        Store.open(tmp_path)
    assert "hỏng" in caught.value.message_vi


def test_0004_b_keeps_one_server_address_the_enrolled_one(tmp_path: Path) -> None:
    """Before 0004_b the address was in the profile and again in the enrolment; the
    enrolment's copy (the one sync used) wins and becomes the only one."""
    import json

    from desktop.store.sync_state import StoreSync

    db_file = database_path(tmp_path)
    engine = create_store_engine(db_file)
    migrate.upgrade(engine, "0003")
    engine.dispose()
    with closing(sqlite3.connect(db_file)) as raw, raw:
        raw.execute(
            "INSERT INTO profile (id, device_id, volunteer_name, neighbourhood_code, language,"
            " server_url, updated_at) VALUES (1, '0f5e1c7a9b2d4e6f8a1b3c5d7e9f0a2b', 'Lan',"
            " 'HT01', 'vi', 'https://old.example', '2025-08-01 03:00:00.000000')")
        raw.execute(
            "INSERT INTO sync_cursors (name, value, updated_at) VALUES ('sync.enrolment', ?,"
            " '2025-08-01 03:00:00.000000')",
            (json.dumps({"server_url": "https://ward.example", "device_id": "dev-1",
                         "ca_cert": None}),))
    store = Store.open(tmp_path)
    try:
        with closing(sqlite3.connect(db_file)) as raw:
            stored = json.loads(raw.execute(
                "SELECT value FROM sync_cursors WHERE name = 'sync.enrolment'").fetchone()[0])
            profile_url = raw.execute("SELECT server_url FROM profile").fetchone()[0]
        assert "server_url" not in stored
        assert profile_url == "https://ward.example"
        enrolment = StoreSync(store).enrolment()
        assert enrolment is not None and enrolment.server_url == "https://ward.example"
        assert enrolment.device_id == "dev-1"
    finally:
        store.close()


def test_an_enrolment_without_a_profile_brings_the_one_the_ward_issued(
        tmp_path: Path) -> None:
    from desktop.store.clock import system_clock
    from desktop.store.errors import NoProfileError
    from desktop.store.profile import ProfileRepository
    from desktop.store.sync_state import StoreSync
    from sync.contract.sync_types import Enrolment

    with Store.open(tmp_path / "a") as store:
        with pytest.raises(NoProfileError):
            StoreSync(store).save_enrolment(
                Enrolment("https://ward.example", "dev-1"), at=system_clock())
        StoreSync(store).save_enrolment(
            Enrolment("https://ward.example", "dev-1", volunteer_name="Trần Thị Lan",
                      neighbourhood_code="HT02"), at=system_clock())
        profile = ProfileRepository(store).get()
        assert profile is not None
        assert (profile.volunteer_name, profile.neighbourhood_code, profile.server_url) == (
            "Trần Thị Lan", "HT02", "https://ward.example")
