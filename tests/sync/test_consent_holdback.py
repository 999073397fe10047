"""Consent decides what leaves the laptop: a draft (which may hold a resident's CCCD and phone
before they consented) never reaches the ward server and shows as "only on this laptop"; once
it is final with consent it travels like any record. Real laptop store, real server process."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine, select

from desktop.store.models import RecordRow, SyncState
from desktop.store.records import RecordRepository
from sync.contract.record import ConsentMethod, RecordStatus
from sync.server.models import RecordVersion
from tests.store.factories import make_record
from tests.sync.conftest import Laptop
from tests.sync.ward import WardServer

CCCD = "022085004321"
PHONE = "+84912340987"


def _server_payloads(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.scalars(select(RecordVersion.payload)))


def _sync_state(laptop: Laptop, record_id: object) -> str:
    with laptop.store.session() as session:
        return str(session.scalar(select(RecordRow.sync_state).where(RecordRow.id == record_id)))


def test_unconsented_draft_stays_on_the_laptop_until_final_with_consent(
    ward: WardServer, ward_db: Engine, make_laptop: Callable[..., Laptop]
) -> None:
    laptop = make_laptop(ward.url)
    records = RecordRepository(laptop.store)
    draft = records.save(
        make_record(laptop.profile, status=RecordStatus.DRAFT, consent=False,
                    consent_method=None, cccd=CCCD, phone=PHONE),
        "Lan",
    )
    assert _sync_state(laptop, draft.id) == SyncState.LOCAL  # what the list shows
    assert laptop.sync.count_outgoing() == 0

    report = laptop.sync_now()

    assert report.ok, report.message_en
    assert report.accepted == 0
    payloads = _server_payloads(ward_db)
    assert not any(CCCD in p or PHONE in p for p in payloads)
    assert _sync_state(laptop, draft.id) == SyncState.LOCAL

    # Consent given, record finished: now it goes, once.
    final = records.save(
        draft.model_copy(update={"status": RecordStatus.FINAL, "consent": True,
                                 "consent_method": ConsentMethod.VERBAL}),
        "Lan",
    )
    report = laptop.sync_now()
    assert report.ok, report.message_en
    assert report.accepted == 1
    payloads = _server_payloads(ward_db)
    assert len(payloads) == 1 and CCCD in payloads[0]
    assert _sync_state(laptop, final.id) == SyncState.SENT


def test_a_deleted_draft_is_never_sent(
    ward: WardServer, ward_db: Engine, make_laptop: Callable[..., Laptop]
) -> None:
    laptop = make_laptop(ward.url)
    records = RecordRepository(laptop.store)
    draft = records.save(
        make_record(laptop.profile, status=RecordStatus.DRAFT, consent=False,
                    consent_method=None, cccd=CCCD),
        "Lan",
    )
    records.delete(draft.id, "Lan")

    assert laptop.sync_now().ok
    assert _server_payloads(ward_db) == []


def test_the_tombstone_of_a_record_the_ward_holds_is_sent_even_as_a_draft(
    ward: WardServer, ward_db: Engine, make_laptop: Callable[..., Laptop]
) -> None:
    laptop = make_laptop(ward.url)
    records = RecordRepository(laptop.store)
    final = records.save(make_record(laptop.profile), "Lan")
    assert laptop.sync_now().accepted == 1
    final = records.get(final.id)  # as stored now (the sync stamped the enrolment's device id)
    assert final is not None
    back_to_draft = records.save(final.model_copy(update={"status": RecordStatus.DRAFT}), "Lan")
    assert _sync_state(laptop, back_to_draft.id) == SyncState.LOCAL
    records.delete(final.id, "Lan")

    report = laptop.sync_now()

    assert report.accepted == 1
    with ward_db.connect() as conn:
        revisions = sorted(conn.scalars(select(RecordVersion.revision)))
    assert revisions == [1, 3]  # the draft revision 2 never left the laptop
