"""A resident withdrew their consent: their personal data leaves this laptop at once, and the
ward is told at the next sync.

``withdraw_consent`` finds the resident's records on this laptop (by CCCD/CMND when the record
has one, else by name and birth year, else the record alone), erases their personal fields
from each record, its audit trail, its outbox (sent or not) and its import fingerprint, exactly
as an erasure from the ward does (:func:`desktop.store.sync_state.erase_local_copy`), clears
the consent itself, leaves one audit row per record ("withdraw", no personal data), and keeps
the record ids for the ward. The anonymous count stays: the help happened, and a final help
the ward never received is sent to it as that count (``ConsentMethod.WITHDRAWN``).

The pending ids are kept by :mod:`desktop.store.sync_state` (``sync_cursors``, row
``sync.withdrawals``); the sync client sends them (``POST /api/v1/withdrawals``) before it
pushes, and settles each one with the ward's answer.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.orm import Session

from desktop.store.database import Store
from desktop.store.models import AuditRow, FormDraftRow, OutboxRow, RecordRow, SyncState
from desktop.store.record_rows import (
    known_to_server,
    outbox_values,
    record_columns,
    record_from_row,
    sync_state_for_change,
    sync_state_of,
)
from desktop.store.sync_state import add_withdrawals, erase_local_copy
from sync.contract.record import ConsentMethod, RecordStatus

WITHDRAWN_MESSAGE = {
    "code": "consent_withdrawn",
    "message_vi": "Người dân đã rút lại sự đồng ý: dữ liệu cá nhân của bản ghi này đã được xoá "
    "trên máy; lượt hỗ trợ vẫn được tính (phường chỉ nhận số đếm, không nhận thông tin cá "
    "nhân). Phường được báo ở lần đồng bộ tới.",
    "message_en": "The resident withdrew consent: this record's personal data was erased on "
    "this laptop; the help is still counted (the ward receives the count, no personal "
    "data). The ward is told at the next sync.",
}


_NO_CONSENT = {"consent": False, "consent_at": None, "consent_method": None,
               "consent_notice_version": None}


def resident_records(session: Session, record_id: uuid.UUID) -> list[uuid.UUID]:
    """The records on this laptop of the resident of ``record_id`` (itself first)."""
    row = session.get(RecordRow, record_id)
    if row is None:
        return []
    same: list[uuid.UUID] = []
    if row.cccd or row.cmnd:
        numbers = [n for n in (row.cccd, row.cmnd) if n]
        same = list(session.scalars(select(RecordRow.id).where(
            or_(RecordRow.cccd.in_(numbers), RecordRow.cmnd.in_(numbers)))))
    elif row.name_key and row.birth_year_key is not None:
        same = list(session.scalars(select(RecordRow.id).where(
            RecordRow.name_key == row.name_key,
            RecordRow.birth_year_key == row.birth_year_key,
            RecordRow.cccd.is_(None), RecordRow.cmnd.is_(None))))
    return [record_id, *sorted(rid for rid in same if rid != record_id)]


def preview(store: Store, record_id: uuid.UUID) -> list[uuid.UUID]:
    """What :func:`withdraw_consent` would erase (for the confirmation)."""
    with store.read() as session:
        return resident_records(session, record_id)


def _settle_record(session: Session, rid: uuid.UUID, *, known: bool, at: datetime) -> int:
    """Clear the consent of an erased record; its revision afterwards.

    A final help the ward never received becomes a new revision marked "consent withdrawn"
    that holds no personal data (the contract accepts it as an anonymous count, as it does a
    declined help), so the ward's reports still count the help. A draft stays here: it was
    never a help the ward counts.
    """
    row = session.execute(select(RecordRow.__table__).where(RecordRow.id == rid)).one()
    current = record_from_row(row._mapping)
    if known or current.status is not RecordStatus.FINAL or current.deleted:
        session.execute(update(RecordRow).where(RecordRow.id == rid).values(
            {**_NO_CONSENT, "sync_state": SyncState.SENT if known else SyncState.LOCAL}))
        return current.revision
    counted = current.model_copy(update={
        **_NO_CONSENT, "consent_method": ConsentMethod.WITHDRAWN,
        "revision": current.revision + 1, "updated_at": at,
    })
    values = record_columns(counted)
    values["sync_state"] = sync_state_of(counted, sync_state_for_change(session))
    session.execute(update(RecordRow).where(RecordRow.id == rid).values(values))
    session.execute(insert(OutboxRow),
                    [outbox_values(counted, base_revision=current.revision, at=at)])
    return counted.revision


def withdraw_consent(store: Store, record_id: uuid.UUID, *, actor: str) -> list[uuid.UUID]:
    """Erase the resident's personal data from every record of theirs here; the record ids."""
    at = store.clock()
    with store.session() as session:
        ids = resident_records(session, record_id)
        for rid in ids:
            erase_local_copy(session, rid, message=WITHDRAWN_MESSAGE)
            # Revisions not sent yet never leave as they are: they hold data whose consent
            # is gone. The ward keeps the revision it had (erased there at this sync).
            known = known_to_server(session, rid)
            session.execute(delete(OutboxRow).where(OutboxRow.record_id == rid,
                                                    OutboxRow.sent_at.is_(None)))
            revision = _settle_record(session, rid, known=known, at=at)
            session.add(AuditRow(record_id=rid, revision=revision, at=at, actor=actor,
                                 action="withdraw", field="consent", old=None, new=None))
        add_withdrawals(session, [str(rid) for rid in ids], at)
        # An autosaved edit of one of these records holds what was just erased.
        draft = session.get(FormDraftRow, 1)
        if draft is not None and str((draft.snapshot or {}).get("editing")) in {
                str(rid) for rid in ids}:
            session.delete(draft)
    if ids:
        # The erased values are still in the write-ahead log's pages until a checkpoint.
        store.checkpoint()
    return ids
