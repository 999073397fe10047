"""A consent withdrawal recorded on a laptop (real server process, two laptops, SQLite and
PostgreSQL): the laptop erases the resident's personal data from every record of theirs at
once (records, audit trail, outbox); at its next sync the ward erases its copies, as
``hotroso-server resident erase`` does, audited under the device; the laptop that made a
record the ward handed over hears of the erasure too; the counts stay; a device cannot
withdraw for a record it does not own."""

from __future__ import annotations

import csv
import json
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
import requests
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from desktop.app import LaptopApp
from desktop.store.models import AuditRow, RecordRow
from desktop.store.profile import ProfileRepository
from desktop.store.records import RecordRepository
from desktop.store.sync_state import pending_withdrawals
from sync.contract.record import ConsentMethod, RecordStatus
from sync.server import audit, cli
from sync.server.models import Erasure, RecordVersion
from tests.store.factories import make_record
from tests.sync.conftest import Laptop
from tests.sync.test_resident_erasure import _counts, _files_under, _leaks, _ward_leaks
from tests.sync.ward import PgCluster, WardServer

CCCD = "022085007777"
PHONE = "+84912347777"
RESIDENT = {"cccd": CCCD, "phone": PHONE, "full_name": "Lê Thị Thu"}


def _device_id(laptop: Laptop) -> str:
    return str(ProfileRepository(laptop.store).require().device_id)


def _withdraw_as(laptop: Laptop, url: str, *record_ids: str) -> list[dict[str, str]]:
    """The withdrawal request as this laptop's sync would send it (its own token)."""
    token = laptop.tokens.load(url, _device_id(laptop))
    answer = requests.post(f"{url}/api/v1/withdrawals", timeout=10,
                           headers={"Authorization": f"Bearer {token}"},
                           json={"record_ids": list(record_ids)})
    assert answer.status_code == 200, answer.text
    results: list[dict[str, str]] = answer.json()["results"]
    return results


def test_a_withdrawal_on_the_laptop_erases_it_there_then_at_the_ward_and_on_the_maker(
    ward: WardServer, ward_db: Engine, db_url: str, make_laptop: Callable[..., Laptop],
    tmp_path: Path, pg_cluster: PgCluster | None,
) -> None:
    lan, minh = make_laptop(ward.url, name="lan"), make_laptop(ward.url, name="minh")
    # Minh recorded the resident first; the ward then handed that record to Lan's laptop.
    made_by_minh = RecordRepository(minh.store).save(make_record(minh.profile, **RESIDENT), "M")
    assert minh.sync_now().ok
    assert cli.main(["hand-over", str(made_by_minh.id), "--to-device", _device_id(lan),
                     "--db", db_url]) == 0
    records = RecordRepository(lan.store)
    saved = records.save(make_record(lan.profile, **RESIDENT), "Lan")
    records.save(saved.model_copy(update={"notes": "gọi lại 0912347777"}), "Lan")
    other = records.save(make_record(lan.profile), "Lan")  # somebody else
    assert lan.sync_now().ok  # sends Lan's two, receives the handed one
    assert minh.sync_now().ok
    assert records.get(made_by_minh.id) is not None
    before = _counts(ward_db)
    assert _ward_leaks(db_url, tmp_path, pg_cluster)  # the test can see a leak

    # Minh's laptop no longer owns the handed record: it may not withdraw for it.
    unknown = str(uuid.uuid4())
    assert _withdraw_as(minh, ward.url, str(made_by_minh.id), unknown) == [
        {"record_id": str(made_by_minh.id), "outcome": "refused"},
        {"record_id": unknown, "outcome": "unknown"},
    ]
    with ward_db.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Erasure)) == 0

    # On Lan's laptop: through the application layer, as the GUI does.
    app = LaptopApp(lan.store)
    app.profile.load()
    assert app.records.withdrawal_scope(saved.id) == (2, "Lê Thị Thu")
    done = app.records.withdraw_consent(saved.id)
    assert set(done.value) == {saved.id, made_by_minh.id}
    assert done.change.updated == {saved.id, made_by_minh.id}
    kept = records.get(saved.id)
    assert kept is not None and kept.cccd is None and kept.phone is None
    assert kept.full_name == "" and not kept.consent and kept.notes == ""
    other_now = records.get(other.id)
    assert other_now is not None and other_now.full_name == other.full_name
    with lan.store.read() as session:
        assert sorted(pending_withdrawals(session)) == sorted(
            [str(saved.id), str(made_by_minh.id)])
        assert session.scalar(select(func.count()).select_from(AuditRow).where(
            AuditRow.action == "withdraw")) == 2
    # Nothing of it is left in the laptop's files (database, WAL), before any sync.
    lan.store.checkpoint()
    assert _leaks(_files_under(lan.store.data_dir)) == []

    report = lan.sync_now()
    assert report.ok, report.message_en
    assert report.withdrawals == 2
    assert "xoá dữ liệu của 2 bản ghi người dân rút lại" in report.summary("vi")
    with lan.store.read() as session:
        assert pending_withdrawals(session) == []
        message = json.loads(session.get(RecordRow, saved.id).server_message or "{}")  # type: ignore[union-attr]
        assert message["code"] == "consent_withdrawn"  # the ward's erasure item kept it
    assert _counts(ward_db) == before  # the helps are still counted
    assert _ward_leaks(db_url, tmp_path, pg_cluster) == []
    with Session(ward_db) as session:
        entry, refused = audit.entries(session, action="resident.withdraw")  # newest first
        details, refused_details = json.loads(entry.details), json.loads(refused.details)
    assert entry.actor == audit.device_actor(_device_id(lan))
    assert sorted(details["records"]) == sorted([str(saved.id), str(made_by_minh.id)])
    assert refused.actor == audit.device_actor(_device_id(minh))
    assert (refused_details["records"], refused_details["refused"]) == ([],
                                                                      [str(made_by_minh.id)])
    for written in (entry.details, refused.details):
        assert CCCD not in written and "912347777" not in written

    # The laptop that made the handed record hears of the erasure at its next sync.
    report = minh.sync_now()
    assert report.ok, report.message_en
    theirs = RecordRepository(minh.store).get(made_by_minh.id)
    assert theirs is not None and theirs.cccd is None and theirs.full_name == ""
    for laptop in (lan, minh):
        laptop.store.close()
        assert _leaks(_files_under(laptop.store.data_dir)) == []


def test_a_record_never_sent_reaches_the_ward_only_as_a_count_after_a_withdrawal(
    ward: WardServer, ward_db: Engine, db_url: str, make_laptop: Callable[..., Laptop],
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    lan = make_laptop(ward.url)
    records = RecordRepository(lan.store)
    saved = records.save(make_record(lan.profile, **RESIDENT), "Lan")
    sent = records.save(make_record(lan.profile, cccd="022085001111"), "Lan")
    assert lan.sync_now().accepted == 2
    # An edit of the second resident's record not sent yet, then both withdraw; a third
    # resident's final record and a fourth's draft were never sent at all.
    records.save(sent.model_copy(update={"notes": "hẹn 0912347777"}), "Lan")
    app = LaptopApp(lan.store)
    app.profile.load()
    fresh = records.save(make_record(lan.profile, cccd="022085002222",
                                     notes="gọi 0912342222"), "Lan")
    draft = records.save(make_record(lan.profile, cccd="022085003333",
                                     status=RecordStatus.DRAFT), "Lan")
    for record in (sent, fresh, draft):
        app.records.withdraw_consent(record.id)
    # Only the never-sent help's anonymous count is left to send.
    assert lan.sync.count_outgoing() == 1
    counted = records.get(fresh.id)
    assert counted is not None and counted.revision == fresh.revision + 1
    assert (counted.consent, counted.consent_method) == (False, ConsentMethod.WITHDRAWN)
    assert (counted.cccd, counted.full_name, counted.notes) == (None, "", "")

    report = lan.sync_now()
    assert report.ok, report.message_en
    assert (report.withdrawals, report.accepted, report.rejected) == (1, 1, 0)
    with lan.store.read() as session:
        assert pending_withdrawals(session) == []
        states = {rid: session.get(RecordRow, rid).sync_state  # type: ignore[union-attr]
                  for rid in (saved.id, sent.id, fresh.id, draft.id)}
    assert states == {saved.id: "sent", sent.id: "sent", fresh.id: "sent", draft.id: "local"}
    with ward_db.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Erasure)) == 1
        stored = dict(conn.execute(select(RecordVersion.record_id, RecordVersion.payload)).all())
    assert set(stored) == {str(saved.id), str(sent.id), str(fresh.id)}  # not the draft
    assert "022085001111" not in stored[str(sent.id)]
    assert json.loads(stored[str(saved.id)])["cccd"] == CCCD  # another resident: untouched
    count = json.loads(stored[str(fresh.id)])
    assert "022085002222" not in stored[str(fresh.id)] and "2342222" not in stored[str(fresh.id)]
    assert (count["consent"], count["consent_method"], count["full_name"]) == (
        False, "withdrawn", "")
    # The ward's report counts all three helps.
    day = fresh.assisted_on.isoformat()
    out = tmp_path / "report.csv"
    assert cli.main(["report", "--db", db_url, "--from", day, "--to", day,
                     "--format", "csv", str(out)]) == 0
    capsys.readouterr()
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    total = next(r for r in rows if r["breakdown"] == "total")
    assert int(total["records"]) == 3


def test_a_withdrawal_travels_in_a_usb_bundle(
    ward: WardServer, ward_db: Engine, db_url: str, make_laptop: Callable[..., Laptop],
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    """A laptop that syncs only by USB still has the ward erase a withdrawn resident."""
    from tests.sync.test_devices_and_bundles import hotroso

    lan = make_laptop(ward.url)
    records = RecordRepository(lan.store)
    saved = records.save(make_record(lan.profile, **RESIDENT), "Lan")
    assert lan.sync_now().accepted == 1
    app = LaptopApp(lan.store)
    app.profile.load()
    app.records.withdraw_consent(saved.id)
    bundle = tmp_path / "usb" / "lan.hotroso-bundle"
    bundle.parent.mkdir()
    assert hotroso("export-bundle", str(bundle), "--data-dir", str(lan.store.data_dir)) == 0
    capsys.readouterr()

    assert cli.main(["import-bundle", str(bundle), "--db", db_url]) == 0
    assert "withdrawn 1" in capsys.readouterr().out
    with ward_db.connect() as conn:
        payloads = conn.execute(select(RecordVersion.payload)).scalars().all()
    assert payloads and all(RESIDENT["cccd"] not in p for p in payloads)
    # Over the network the push has no such key: withdrawals have their own request.
    token = lan.tokens.load(ward.url, _device_id(lan))
    answer = requests.post(f"{ward.url}/api/v1/push", timeout=10,
                           headers={"Authorization": f"Bearer {token}"},
                           json={"batch_id": "x", "items": [], "withdrawals": [str(saved.id)]})
    assert answer.status_code == 400 and "withdrawals" in answer.text
