"""Record writes: one transaction of record + outbox + audit; tombstones; undo; validation."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from desktop.store import Store, record_rows
from desktop.store.errors import RecordNotFound
from desktop.store.models import AuditRow, OutboxRow, RecordRow, SyncState
from desktop.store.profile import Profile, ProfileRepository
from desktop.store.records import RecordRepository
from sync.contract.record import RecordStatus, Result
from sync.contract.validation import ValidationError
from tests.store.factories import NOW, make_record


def _count(store: Store, model: type, record_id: uuid.UUID | None = None) -> int:
    with store.session() as session:
        statement = select(func.count()).select_from(model)
        if record_id is not None:
            statement = statement.where(model.record_id == record_id)  # type: ignore[attr-defined]
        return int(session.scalar(statement) or 0)


def test_create_writes_record_outbox_and_audit(store: Store, profile: Profile) -> None:
    repo = RecordRepository(store)
    saved = repo.save(make_record(profile, revision=7), "Lan")
    assert saved.revision == 1
    assert repo.get(saved.id) == saved
    with store.session() as session:
        outbox = session.scalars(select(OutboxRow)).one()
        audit = session.scalars(select(AuditRow)).one()
        row = session.get(RecordRow, saved.id)
    assert (outbox.record_id, outbox.revision, outbox.base_revision) == (saved.id, 1, None)
    assert outbox.payload == saved.to_wire()
    assert (audit.action, audit.actor, audit.field, audit.at) == ("create", "Lan", None, NOW)
    assert row is not None and row.name_key == "nguyen van an"
    assert row.phone_digits == "0912345678"
    assert row.sync_state == SyncState.LOCAL


def test_update_bumps_revision_and_audits_each_changed_field(
    store: Store, profile: Profile
) -> None:
    repo = RecordRepository(store)
    first = repo.save(make_record(profile), "Lan")
    second = repo.save(
        first.model_copy(update={"full_name": "Nguyễn Văn Ân", "notes": "gọi lại"}), "Hà"
    )
    assert second.revision == 2
    assert second.created_at == first.created_at
    changes = [(e.field, e.old, e.new) for e in repo.history(first.id) if e.action == "update"]
    assert changes == [("full_name", "Nguyễn Văn An", "Nguyễn Văn Ân"), ("notes", "", "gọi lại")]
    with store.session() as session:
        latest = session.scalars(select(OutboxRow).order_by(OutboxRow.id.desc())).first()
    assert latest is not None and (latest.revision, latest.base_revision) == (2, 1)


def test_saving_an_unchanged_record_writes_nothing(store: Store, profile: Profile) -> None:
    repo = RecordRepository(store)
    saved = repo.save(make_record(profile), "Lan")
    assert repo.save(saved, "Lan").revision == 1
    assert _count(store, OutboxRow) == 1


def test_final_record_with_problems_is_refused_and_nothing_written(
    store: Store, profile: Profile
) -> None:
    bad = make_record(profile, consent=False, consent_method=None)
    with pytest.raises(ValidationError) as caught:
        RecordRepository(store).save(bad, "Lan")
    assert [p.field for p in caught.value.problems] == ["consent"]
    assert _count(store, RecordRow) == 0 and _count(store, OutboxRow) == 0


def test_incomplete_draft_is_stored(store: Store, profile: Profile) -> None:
    draft = make_record(profile, status=RecordStatus.DRAFT, consent=False, result=None)
    assert RecordRepository(store).save(draft, "Lan").revision == 1


def test_failure_mid_write_leaves_no_half_change(
    store: Store, profile: Profile, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = RecordRepository(store)
    saved = repo.save(make_record(profile), "Lan")

    def broken_audit(*_args: object, **_kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("desktop.store.records.insert_audit", broken_audit)
    with pytest.raises(OSError):
        repo.save(saved.model_copy(update={"notes": "x"}), "Lan")
    assert repo.get(saved.id) == saved
    assert _count(store, OutboxRow) == 1


def test_delete_is_a_synced_tombstone_and_restore_brings_it_back(
    store: Store, profile: Profile
) -> None:
    repo = RecordRepository(store)
    saved = repo.save(make_record(profile), "Lan")
    deleted = repo.delete(saved.id, "Lan")
    assert deleted.deleted and deleted.revision == 2
    assert list(repo.query_ids()) == []
    assert _count(store, OutboxRow, saved.id) == 2
    restored = repo.restore(saved.id, "Lan")
    assert not restored.deleted and restored.revision == 3
    assert [e.action for e in repo.history(saved.id)] == ["create", "delete", "restore"]


def test_undo_reverts_update_then_delete_then_create(store: Store, profile: Profile) -> None:
    repo = RecordRepository(store)
    first = repo.save(make_record(profile), "Lan")
    edited = repo.save(first.model_copy(update={"result": Result.PENDING, "notes": "n"}), "Lan")
    reverted = repo.undo(first.id, "Lan")
    assert (reverted.result, reverted.notes, reverted.revision) == (Result.COMPLETED, "", 3)
    assert reverted.model_dump(exclude={"revision", "updated_at"}) == first.model_dump(
        exclude={"revision", "updated_at"}
    )
    assert edited.revision == 2
    repo.delete(first.id, "Lan")
    assert not repo.undo(first.id, "Lan").deleted
    # Undo of the very first revision (a create) deletes the record.
    other = repo.save(make_record(profile), "Lan")
    assert repo.undo(other.id, "Lan").deleted


def test_unknown_record_is_a_known_error(store: Store, profile: Profile) -> None:
    with pytest.raises(RecordNotFound):
        RecordRepository(store).delete(uuid.uuid4(), "Lan")


def test_changes_wait_for_sending_once_a_server_is_configured(
    store: Store, profile: Profile
) -> None:
    ProfileRepository(store).save(
        volunteer_name=profile.volunteer_name,
        neighbourhood_code=profile.neighbourhood_code,
        server_url="https://phuong.example",
    )
    repo = RecordRepository(store)
    saved = repo.save(make_record(profile), "Lan")
    assert repo.fetch_rows([saved.id])[0].sync_state == SyncState.PENDING


def test_audit_values_round_trip_through_json(store: Store, profile: Profile) -> None:
    record = make_record(profile)
    assert record_rows.wire_value(record, "assisted_on") == '"2025-09-01"'
