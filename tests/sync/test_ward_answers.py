"""What comes back from the ward: rejections, conflicts, reviews, corrections, merges."""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
import requests
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from desktop.store.models import RecordRow, SyncState
from desktop.store.records import RecordRepository
from desktop.store.sync_state import server_message_text
from sync.contract.record import ConsentMethod, RecordStatus
from sync.server import audit, cli
from sync.server.models import Record, RecordVersion
from tests.sync.conftest import NOW, Laptop, version_counts
from tests.sync.ward import WardServer


def _row(laptop: Laptop, record_id: uuid.UUID) -> RecordRow:
    with laptop.store.session() as session:
        row = session.get(RecordRow, record_id)
        assert row is not None
        session.expunge(row)
        return row


def _staff_token(ward: WardServer, db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough password\n"))
    assert cli.main(["create-user", "canbo", "--role", "staff", "--password-stdin",
                     "--db", db_url]) == 0
    response = requests.post(f"{ward.url}/api/v1/auth/login", timeout=5,
                             json={"username": "canbo", "password": "a long enough password"})
    assert response.status_code == 200
    token: str = response.json()["token"]
    return token


def test_one_bad_record_never_blocks_the_others_and_comes_back_fixed(
    ward: WardServer, ward_db: Engine, make_laptop: Callable[..., Laptop]
) -> None:
    laptop = make_laptop(ward.url)
    records = laptop.add_records(5)
    # A final record without consent, as an older app version could have stored it.
    bad = records[2].model_copy(update={"id": uuid.uuid4(), "consent": False,
                                        "consent_at": None, "consent_method": None})
    from desktop.store.record_rows import CREATE, insert_new_records

    with laptop.store.session() as session:
        insert_new_records(session, [bad], actor="old app", action=CREATE, at=NOW,
                           sync_state="pending")

    report = laptop.sync_now()

    assert (report.accepted, report.rejected) == (5, 1)
    assert report.rejected_records[0]["record_id"] == str(bad.id)
    row = _row(laptop, bad.id)
    assert row.sync_state == SyncState.ATTENTION
    assert "consent" in server_message_text(row.server_message, "en")
    assert laptop.outbox() == {"accepted": 5, "rejected": 1}

    fixed = bad.model_copy(update={"consent": True, "consent_at": NOW,
                                   "consent_method": ConsentMethod.VERBAL})
    RecordRepository(laptop.store).save(fixed, actor="Lan")
    again = laptop.sync_now()

    assert (again.accepted, again.rejected, again.conflicts) == (1, 0, 0)
    assert _row(laptop, bad.id).sync_state == SyncState.SENT
    assert version_counts(ward_db) == (6, 6)


def test_two_laptops_edit_the_same_record_offline(
    ward: WardServer, ward_db: Engine, db_url: str, make_laptop: Callable[..., Laptop],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Minh's laptop holds a copy of Lan's data (a backup) and is enrolled on its own. Only the
    owner's edit is stored; after the ward hands the record to Minh, Minh's edit (made on an
    old base) is kept beside Lan's as a conflict, and the ward's decision reaches the owner."""
    lan = make_laptop(ward.url, name="lan")
    lan.add_records(1)
    assert lan.sync_now().accepted == 1
    minh = make_laptop.clone(lan, "minh")  # type: ignore[attr-defined]
    (record,) = RecordRepository(lan.store).iter_all()
    minh_device = minh.sync.enrolment().device_id  # type: ignore[union-attr]

    RecordRepository(lan.store).save(record.model_copy(update={"notes": "Lan's note"}), "Lan")
    RecordRepository(minh.store).save(record.model_copy(update={"notes": "Minh's note"}), "Minh")
    assert lan.sync_now().accepted == 1
    refused = minh.sync_now()

    assert (refused.accepted, refused.rejected, refused.ok) == (0, 1, True)
    assert "hand the record over" in refused.rejected_records[0]["message_en"]
    assert "chuyển bản ghi" in refused.rejected_records[0]["message_vi"]
    assert _row(minh, record.id).sync_state == SyncState.ATTENTION  # kept on the laptop
    assert version_counts(ward_db) == (2, 1)

    # The ward hands the record to Minh's laptop (audited); Lan's laptop no longer owns it.
    token = _staff_token(ward, db_url, monkeypatch)
    auth = {"Authorization": f"Bearer {token}"}
    handed = requests.post(f"{ward.url}/api/v1/records/{record.id}/hand-over", headers=auth,
                           json={"device_id": minh_device, "comment": "Lan moved away"},
                           timeout=5)
    assert handed.status_code == 200, handed.text
    assert handed.json()["owner_device_id"] == minh_device
    RecordRepository(minh.store).save(
        RecordRepository(minh.store).get(record.id).model_copy(  # type: ignore[union-attr]
            update={"notes": "Minh's note, again"}), "Minh")
    minh_report = minh.sync_now()
    assert minh_report.conflicts >= 1 and minh_report.ok  # made on revision 1, head is 2
    with ward_db.connect() as conn:
        flagged = conn.execute(select(Record.flagged).where(Record.id == str(record.id))).scalar()
        notes = [p for (p,) in conn.execute(
            select(RecordVersion.payload).where(RecordVersion.record_id == str(record.id)))]
    assert flagged is True and len(notes) == 3
    assert sum("Minh's note, again" in p for p in notes) == 1
    RecordRepository(lan.store).save(
        RecordRepository(lan.store).get(record.id).model_copy(  # type: ignore[union-attr]
            update={"notes": "Lan again"}), "Lan")
    assert lan.sync_now().rejected == 1  # not Lan's any more

    # The ward keeps Minh's version; the owner receives the decision.
    detail = requests.get(f"{ward.url}/api/v1/records/{record.id}", timeout=5, headers=auth).json()
    minh_version = next(v for v in detail["versions"]
                        if v["record"]["notes"] == "Minh's note, again")
    resolved = requests.post(
        f"{ward.url}/api/v1/records/{record.id}/resolve", timeout=5, headers=auth,
        json={"revision": minh_version["revision"], "content_hash": minh_version["content_hash"],
              "comment": "Minh's is right"},
    )
    assert resolved.status_code == 200, resolved.text
    assert minh.sync_now().corrections == 1
    row = _row(minh, record.id)
    assert (row.notes, row.sync_state) == ("Minh's note, again", SyncState.SENT)
    assert lan.sync_now().corrections == 0  # Lan's pull carries nothing of it any more
    with Session(ward_db) as session:
        (entry,) = audit.entries(session, action="record.hand_over")
    assert entry.actor == "user:canbo" and minh_device in entry.details


def test_review_and_correction_reach_the_laptop(
    ward: WardServer, db_url: str, make_laptop: Callable[..., Laptop],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    laptop = make_laptop(ward.url)
    first, second = laptop.add_records(2)
    laptop.sync_now()
    token = _staff_token(ward, db_url, monkeypatch)
    auth = {"Authorization": f"Bearer {token}"}

    review = requests.post(f"{ward.url}/api/v1/records/{first.id}/review", headers=auth,
                           json={"state": "has_issues", "comment": "Thiếu số hồ sơ"}, timeout=5)
    correct = requests.post(f"{ward.url}/api/v1/records/{second.id}/correct", headers=auth,
                            json={"changes": {"address": "Tổ 5, Khu 1"}, "comment": "địa chỉ"},
                            timeout=5)
    bad = requests.post(f"{ward.url}/api/v1/records/{second.id}/review", headers=auth,
                        json={"state": "maybe"}, timeout=5)
    assert (review.status_code, correct.status_code, bad.status_code) == (200, 200, 422)
    assert bad.json()["error"]["code"] == "invalid_request"

    report = laptop.sync_now()

    assert (report.reviews, report.corrections) == (1, 1)
    reviewed = _row(laptop, first.id)
    assert reviewed.review_state == "has_issues"
    assert "Thiếu số hồ sơ" in server_message_text(reviewed.server_message, "vi")
    corrected = _row(laptop, second.id)
    assert (corrected.address, corrected.revision) == ("Tổ 5, Khu 1", 2)
    history = RecordRepository(laptop.store).history(second.id)
    assert history[-1].actor.startswith("ward:") and history[-1].field == "address"
    # The correction is now the base of the next edit: no conflict.
    edited = RecordRepository(laptop.store).get(second.id)
    assert edited is not None
    RecordRepository(laptop.store).save(edited.model_copy(update={"notes": "ok"}), "Lan")
    follow = laptop.sync_now()
    assert (follow.accepted, follow.conflicts) == (1, 0)


def test_staff_roles_are_enforced(
    ward: WardServer, db_url: str, make_laptop: Callable[..., Laptop],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("volunteer password\n"))
    assert cli.main(["create-user", "tnv", "--role", "volunteer", "--password-stdin",
                     "--db", db_url]) == 0
    login = requests.post(f"{ward.url}/api/v1/auth/login", timeout=5,
                          json={"username": "tnv", "password": "volunteer password"})
    token = login.json()["token"]
    listing = requests.get(f"{ward.url}/api/v1/records", timeout=5,
                           headers={"Authorization": f"Bearer {token}"})
    assert listing.status_code == 403
    assert listing.json()["error"]["code"] == "forbidden"
    nobody = requests.get(f"{ward.url}/api/v1/records", timeout=5,
                          headers={"Authorization": "Bearer not-a-token"})
    assert nobody.status_code == 401

    laptop = make_laptop(ward.url)
    (record,) = laptop.add_records(1)
    laptop.sync_now()
    review = {"state": "approved", "comment": ""}
    as_volunteer = requests.post(f"{ward.url}/api/v1/records/{record.id}/review", json=review,
                                 headers={"Authorization": f"Bearer {token}"}, timeout=5)
    assert as_volunteer.status_code == 403
    monkeypatch.setattr("sys.stdin", io.StringIO("team lead password\n"))
    assert cli.main(["create-user", "totruong", "--role", "team_lead", "--neighbourhood",
                     "HT02", "--password-stdin", "--db", db_url]) == 0
    lead = requests.post(f"{ward.url}/api/v1/auth/login", timeout=5,
                         json={"username": "totruong", "password": "team lead password"})
    other_hood = requests.post(
        f"{ward.url}/api/v1/records/{record.id}/review", json=review, timeout=5,
        headers={"Authorization": f"Bearer {lead.json()['token']}"},
    )
    assert other_hood.status_code == 404  # another neighbourhood's record does not exist for them


def test_final_status_is_checked_by_the_server_too(
    ward: WardServer, make_laptop: Callable[..., Laptop]
) -> None:
    laptop = make_laptop(ward.url)
    (record,) = laptop.add_records(1)
    assert record.status is RecordStatus.FINAL and laptop.sync_now().accepted == 1
    assert datetime.now(UTC) > NOW
