"""The laptop store's side of sync: :class:`StoreSync` implements
:class:`sync.client.port.SyncStore` (the client's Protocol, structurally: nothing here imports
the client) on the local store's tables, in the values of :mod:`sync.contract.sync_types`.

Where sync keeps what (no table of its own; see the report to the store's owner):

- ``outbox``: ``sent_at`` is set only from a server answer; ``outcome`` is ``accepted``,
  ``conflict``, ``rejected``, ``superseded`` (an older unsent revision covered by a newer one
  that the server confirmed) or ``received`` (a revision the ward wrote, applied here).
  ``message`` holds the server's bilingual message as JSON (:func:`server_message_text`).
- ``records.sync_state`` / ``server_message`` / ``review_state``: what the volunteer sees.
- ``sync_cursors``: the enrolment, the feed cursor, the batch in flight (``transfer``), the
  reference data received, the revocation, and the sync history (last 100 runs).

The base revision sent with a record is the last revision the server confirmed as its head
(``accepted``/``received`` in the outbox) — not merely the previous local revision — so a
record rejected once and fixed later is not mistaken for a conflict.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    String,
    Text,
    and_,
    bindparam,
    cast,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    type_coerce,
    update,
)
from sqlalchemy.orm import Session, aliased

from desktop.store.database import Store
from desktop.store.errors import NoProfileError
from desktop.store.models import (
    CONFIRMED_OUTCOMES,
    AuditRow,
    ImportFingerprintRow,
    OutboxRow,
    ProfileRow,
    RecordRow,
    SyncCursorRow,
    SyncState,
)
from desktop.store.profile import ProfileRepository
from desktop.store.record_rows import (
    CREATE,
    UPDATE,
    audit_values,
    changed_fields,
    record_columns,
    record_from_row,
    wire_value,
)
from desktop.store.synced_reference import REFERENCE, synced_reference
from sync.contract.erasure import ERASED_FIELDS, anonymised
from sync.contract.record import AssistanceRecord, RecordStatus
from sync.contract.reference import ReferenceData, ReferenceDataError
from sync.contract.sync_types import Enrolment, ItemOutcome, OutgoingItem, PullEffects, Transfer
from sync.contract.wire import Message, Outcome

ENROLMENT, CURSOR, TRANSFER, REVOKED, HISTORY = (
    "sync.enrolment",
    "sync.feed_cursor",
    "sync.transfer",
    "sync.revoked_at",
    "sync.history",
)
#: Records whose consent was withdrawn here, until the ward confirms (JSON list of ids).
WITHDRAWALS = "sync.withdrawals"
HISTORY_KEEP = 100
CONFIRMED = CONFIRMED_OUTCOMES


def server_message_text(raw: str | None, lang: str = "vi") -> str:
    """The text of a stored server message (``records.server_message``/``outbox.message``)."""
    if not raw:
        return ""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        return raw
    key = "message_vi" if lang == "vi" else "message_en"
    lines = [str(data.get(key, ""))]
    lines += [f"• {p.get(key, '')}" for p in data.get("problems", ())]
    return "\n".join(line for line in lines if line)


class StoreSync:
    """Sync bookkeeping on an open :class:`Store` (each method: one transaction)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    # ---- enrolment -----------------------------------------------------------------------

    def enrolment(self) -> Enrolment | None:
        """The enrolment, with the server address from the profile: the one place the laptop
        keeps that address (the enrolment row holds only what the server issued)."""
        with self._store.read() as session:
            raw = session.scalar(select(SyncCursorRow.value).where(SyncCursorRow.name == ENROLMENT))
            url = session.scalar(select(ProfileRow.server_url).where(ProfileRow.id == 1))
        data = json.loads(raw) if raw else None
        if not isinstance(data, dict) or not url:
            return None
        return Enrolment(
            server_url=str(url),
            device_id=str(data["device_id"]),
            ca_cert=data.get("ca_cert"),
            bundle_key=data.get("bundle_key"),
            allow_insecure=bool(data.get("allow_insecure", False)),
        )

    def set_ca_cert(self, ca_cert: str | None, *, at: datetime) -> None:
        """Trust another ward CA certificate for the enrolled server (e.g. after its renewal).

        The device token stays valid: the certificate only decides which server identity the
        laptop accepts, so changing it needs no new enrolment.
        """
        enrolment = self.enrolment()
        if enrolment is None or enrolment.ca_cert == ca_cert:
            return
        data = self._get_json(ENROLMENT)
        assert isinstance(data, dict)
        data["ca_cert"] = ca_cert
        with self._store.session() as session:
            _put(session, ENROLMENT, json.dumps(data), at)

    def revoked_at(self) -> str | None:
        value = self._get(REVOKED)
        return value or None

    def save_enrolment(self, enrolment: Enrolment, *, at: datetime) -> None:
        """Remember a new enrolment; its server address becomes the profile's (the one place).
        A laptop without a profile yet gets the one the ward issued the code for.

        Raises:
            NoProfileError: there is no profile, and the enrolment does not say whose it is.
            ProfileError: the ward's neighbourhood is unknown to this laptop.
        """
        previous = self.enrolment()
        if ProfileRepository(self._store).get() is None:
            if not (enrolment.volunteer_name and enrolment.neighbourhood_code):
                raise NoProfileError()
            ProfileRepository(self._store).save(
                volunteer_name=enrolment.volunteer_name,
                neighbourhood_code=enrolment.neighbourhood_code,
            )
        with self._store.session() as session:
            profile = session.get(ProfileRow, 1)
            if profile is None:
                raise NoProfileError()
            _put(
                session,
                ENROLMENT,
                json.dumps(
                    {
                        "device_id": enrolment.device_id,
                        "ca_cert": enrolment.ca_cert,
                        "bundle_key": enrolment.bundle_key,
                        "allow_insecure": enrolment.allow_insecure,
                        "enrolled_at": at.isoformat(),
                    }
                ),
                at,
            )
            session.execute(delete(SyncCursorRow).where(SyncCursorRow.name == REVOKED))
            if previous is None or previous.server_url != enrolment.server_url:
                # Another ward server: its feed numbers mean nothing here.
                _put(session, CURSOR, "0", at)
            profile.server_url = enrolment.server_url
            profile.updated_at = at
            # Records made before there was a server now have somewhere to go.
            # Drafts stay here until they are final (see record_rows.stays_on_laptop).
            session.execute(
                update(RecordRow)
                .where(
                    RecordRow.sync_state == SyncState.LOCAL,
                    RecordRow.status == RecordStatus.FINAL.value,
                )
                .values(sync_state=SyncState.PENDING)
            )

    def adopt_device_id(self, device_id: str, *, at: datetime) -> int:
        """See :func:`desktop.store.device_identity.adopt_device_id`."""
        from desktop.store.device_identity import adopt_device_id

        return adopt_device_id(self._store, device_id, at=at)

    def mark_revoked(self, *, at: datetime) -> None:
        with self._store.session() as session:
            _put(session, REVOKED, at.isoformat(), at)

    # ---- push ----------------------------------------------------------------------------

    def count_outgoing(self) -> int:
        with self._store.session() as session:
            return int(
                session.scalar(
                    select(func.count(func.distinct(OutboxRow.record_id))).where(
                        OutboxRow.sent_at.is_(None), _may_leave()
                    )
                )
                or 0
            )

    def outgoing(
        self, limit: int, *, only: Sequence[int] | None = None, after: int = 0
    ) -> list[OutgoingItem]:
        with self._store.session() as session:
            groups = (
                select(
                    OutboxRow.record_id,
                    func.max(OutboxRow.id).label("newest"),
                    func.min(OutboxRow.id).label("first"),
                    func.count().label("n"),
                )
                .where(OutboxRow.sent_at.is_(None), _may_leave())
                .group_by(OutboxRow.record_id)
                .having(func.min(OutboxRow.id) > after)
                .order_by(func.min(OutboxRow.id))
                .limit(limit)
            )
            if only is not None:
                groups = groups.where(OutboxRow.id.in_(list(only)))
            picked = groups.subquery()
            rows = session.execute(
                select(
                    OutboxRow.id,
                    _key(OutboxRow.record_id).label("record_id"),
                    OutboxRow.revision,
                    cast(OutboxRow.payload, Text).label("payload"),
                    picked.c.n,
                )
                .join(picked, picked.c.newest == OutboxRow.id)
                .order_by(picked.c.first)
            ).all()
            if not rows:
                return []
            # Rare cases, so queried only when present: several unsent revisions of one record
            # (the newest covers the others), and records the server already had (rev > 1).
            covers: dict[str, list[int]] = {}
            several = [row.record_id for row in rows if row.n > 1]
            if several:
                newest = [row.id for row in rows if row.n > 1]
                for oid, rid in session.execute(
                    select(OutboxRow.id, _key(OutboxRow.record_id)).where(
                        OutboxRow.sent_at.is_(None),
                        _key(OutboxRow.record_id).in_(several),
                        OutboxRow.id.not_in(newest),
                    )
                ):
                    covers.setdefault(rid, []).append(oid)
            edited = [row.record_id for row in rows if row.revision > 1]
            bases: dict[str, int] = {}
            if edited:
                key = _key(OutboxRow.record_id)
                bases = {
                    rid: int(top)
                    for rid, top in session.execute(
                        select(key, func.max(OutboxRow.revision))
                        .where(key.in_(edited), OutboxRow.outcome.in_(CONFIRMED))
                        .group_by(key)
                    )
                }
        return [
            OutgoingItem(
                outbox_id=row.id,
                record_id=row.record_id,
                revision=row.revision,
                base_revision=bases.get(row.record_id, 0),
                payload_json=row.payload,
                covers=tuple(c for c in covers.get(row.record_id, ()) if c < row.id),
            )
            for row in rows
        ]

    def pending_transfers(self) -> list[Transfer]:
        data = self._get_json(TRANSFER)
        if not isinstance(data, list):
            return []
        return [Transfer(str(t["batch_id"]), tuple(int(i) for i in t["outbox_ids"])) for t in data]

    def begin_transfer(self, transfer: Transfer) -> None:
        with self._store.session() as session:
            current = _transfers(session)
            current.append({"batch_id": transfer.batch_id, "outbox_ids": list(transfer.outbox_ids)})
            _put(session, TRANSFER, json.dumps(current), self._store.clock())

    def apply_push_results(
        self, outcomes: Sequence[ItemOutcome], *, at: datetime, batch_id: str
    ) -> None:
        accepted_ids: list[int] = []
        accepted_records: list[str] = []
        superseded: list[int] = []
        others: list[dict[str, Any]] = []
        attention: list[dict[str, Any]] = []
        for o in outcomes:
            superseded += o.item.covers
            if o.effective is Outcome.ACCEPTED:
                accepted_ids.append(o.item.outbox_id)
                accepted_records.append(o.item.record_id)
                continue
            message = _outcome_message(o)
            others.append(
                {"b_id": o.item.outbox_id, "b_outcome": o.effective.value, "b_message": message}
            )
            attention.append(
                {
                    "b_rid": uuid.UUID(o.item.record_id),
                    "b_rev": o.item.revision,
                    "b_message": message,
                }
            )
        with self._store.session() as session:
            # The common case is set-based: one UPDATE per kind, not one per record.
            for ids, outcome in ((accepted_ids, "accepted"), (superseded, "superseded")):
                if ids:
                    session.execute(
                        update(OutboxRow)
                        .where(OutboxRow.id.in_(ids))
                        .values(sent_at=at, outcome=outcome, message=None)
                        .execution_options(synchronize_session=False)
                    )
            if accepted_records:
                # "sent" unless a newer local edit is still waiting in the outbox.
                waiting = (
                    select(OutboxRow.id)
                    .where(OutboxRow.record_id == RecordRow.id, OutboxRow.sent_at.is_(None))
                    .exists()
                )
                session.execute(
                    update(RecordRow)
                    .where(_key(RecordRow.id).in_(accepted_records), ~waiting)
                    .values(sync_state=SyncState.SENT, server_message=None)
                    .execution_options(synchronize_session=False)
                )
            if others:
                session.connection().execute(
                    update(OutboxRow)
                    .where(OutboxRow.id == bindparam("b_id"))
                    .values(
                        sent_at=at, outcome=bindparam("b_outcome"), message=bindparam("b_message")
                    ),
                    others,
                )
                session.connection().execute(
                    update(RecordRow)
                    .where(
                        RecordRow.id == bindparam("b_rid"), RecordRow.revision >= bindparam("b_rev")
                    )
                    .values(sync_state=SyncState.ATTENTION, server_message=bindparam("b_message")),
                    attention,
                )
            remaining = [t for t in _transfers(session) if t.get("batch_id") != batch_id]
            if remaining:
                _put(session, TRANSFER, json.dumps(remaining), at)
            else:
                session.execute(delete(SyncCursorRow).where(SyncCursorRow.name == TRANSFER))

    # ---- pull ----------------------------------------------------------------------------

    def pull_position(self) -> tuple[int, str | None]:
        cursor = int(self._get(CURSOR) or 0)
        reference = self._get_json(REFERENCE)
        version = reference.get("version") if isinstance(reference, dict) else None
        return cursor, version or self._store.reference.version

    def apply_pull(
        self,
        items: Sequence[dict[str, Any]],
        cursor: int,
        reference: dict[str, Any] | None,
        *,
        at: datetime,
    ) -> PullEffects:
        reviews = corrections = conflicts = erasures = handovers = 0
        skipped: list[str] = []
        new_reference: ReferenceData | None = None
        if reference is not None:
            try:
                new_reference = ReferenceData.from_documents(reference["documents"])
            except (ReferenceDataError, KeyError, TypeError) as exc:
                skipped.append(f"reference data {reference.get('version')}: {exc}")
        if not items and reference is None and str(cursor) == (self._get(CURSOR) or "0"):
            return PullEffects()  # nothing new: no write, no commit (the idle sync stays fast)
        with self._store.session() as session:
            for item in items:
                kind, data = item.get("kind"), item.get("data") or {}
                rid = _uuid(item.get("record_id"))
                if kind == "review" and rid is not None:
                    _apply_review(session, rid, data)
                    reviews += 1
                elif kind in ("correction", "merge") and rid is not None:
                    if _apply_server_version(session, rid, data, kind, at):
                        corrections += 1
                    else:
                        skipped.append(f"{kind} {rid}: local edits pending or record unknown")
                elif kind == "conflict" and rid is not None:
                    _flag(session, rid, _conflict_message(data))
                    conflicts += 1
                elif kind == "erasure" and rid is not None:
                    erasures += _apply_erasure(session, rid)
                elif kind == "handover" and rid is not None:
                    if _apply_handover(session, rid, data, at):
                        handovers += 1
                    else:
                        skipped.append(f"handover {rid}: not a valid record")
            _put(session, CURSOR, str(cursor), at)
            if new_reference is not None and reference is not None:
                _put(session, REFERENCE, json.dumps(reference, ensure_ascii=False), at)
        if erasures:
            # The old pages are still in the write-ahead log until it is checkpointed.
            self._store.checkpoint()
        if new_reference is not None:
            self._store.set_reference(new_reference)
        return PullEffects(
            reviews=reviews,
            corrections=corrections,
            conflicts=conflicts,
            handovers=handovers,
            reference_version=new_reference.version if new_reference else None,
            skipped=tuple(skipped),
        )

    # ---- consent withdrawn on this laptop --------------------------------------------------

    def pending_withdrawals(self) -> list[str]:
        with self._store.read() as session:
            return pending_withdrawals(session)

    def settle_withdrawals(self, outcomes: Mapping[str, str], *, at: datetime) -> None:
        """Forget the ids the ward answered for (erased there, unknown to it, or another
        laptop's record: nothing more this laptop can do)."""
        with self._store.session() as session:
            left = [rid for rid in pending_withdrawals(session) if rid not in outcomes]
            _put(session, WITHDRAWALS, json.dumps(left), at)

    def synced_reference(self) -> ReferenceData | None:
        """Reference data received from the ward (to install when the store opens)."""
        with self._store.read() as session:
            return synced_reference(session)

    # ---- history -------------------------------------------------------------------------

    def add_history(self, entry: dict[str, Any]) -> None:
        history = self.history()
        history.append(entry)
        with self._store.session() as session:
            _put(
                session,
                HISTORY,
                json.dumps(history[-HISTORY_KEEP:], ensure_ascii=False),
                self._store.clock(),
            )

    def history(self) -> list[dict[str, Any]]:
        data = self._get_json(HISTORY)
        return data if isinstance(data, list) else []

    # ---- helpers -------------------------------------------------------------------------

    def _get(self, name: str) -> str | None:
        with self._store.read() as session:
            return session.scalar(select(SyncCursorRow.value).where(SyncCursorRow.name == name))

    def _get_json(self, name: str) -> Any:
        raw = self._get(name)
        return json.loads(raw) if raw else None


def _may_leave() -> ColumnElement[bool]:
    """Outbox rows whose record may be sent: the SQL form of ``record_rows.stays_on_laptop``
    (final records, and tombstones of records the ward already holds); drafts wait here."""
    confirmed = aliased(OutboxRow)
    return exists().where(
        RecordRow.id == OutboxRow.record_id,
        or_(
            RecordRow.status == RecordStatus.FINAL.value,
            and_(
                RecordRow.deleted.is_(True),
                exists().where(
                    confirmed.record_id == OutboxRow.record_id,
                    confirmed.outcome.in_(CONFIRMED),
                ),
            ),
        ),
    )


def pending_withdrawals(session: Session) -> list[str]:
    """Ids of records whose consent was withdrawn here and the ward has not confirmed."""
    raw = session.scalar(select(SyncCursorRow.value).where(SyncCursorRow.name == WITHDRAWALS))
    value = json.loads(raw) if raw else []
    return [str(v) for v in value] if isinstance(value, list) else []


def add_withdrawals(session: Session, record_ids: Sequence[str], at: datetime) -> None:
    ids = list(dict.fromkeys([*pending_withdrawals(session), *record_ids]))
    _put(session, WITHDRAWALS, json.dumps(ids), at)


def _put(session: Session, name: str, value: str, at: datetime) -> None:
    row = session.get(SyncCursorRow, name)
    if row is None:
        session.add(SyncCursorRow(name=name, value=value, updated_at=at))
    else:
        row.value = value
        row.updated_at = at
    session.flush()


def _key(column: Any) -> Any:
    """A record id as the store keeps it (SQLAlchemy's ``Uuid`` is 32 hex digits in SQLite).

    Batches of thousands of ids are selected and matched as these strings: building and
    hashing a ``uuid.UUID`` per id would cost more than the queries themselves.
    """
    return type_coerce(column, String(32))


def _transfers(session: Session) -> list[dict[str, Any]]:
    raw = session.scalar(select(SyncCursorRow.value).where(SyncCursorRow.name == TRANSFER))
    data = json.loads(raw) if raw else []
    return data if isinstance(data, list) else []


def _uuid(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def _outcome_message(o: ItemOutcome) -> str | None:
    effective = o.effective
    if effective is Outcome.ACCEPTED:
        return None
    if effective is Outcome.CONFLICT:
        return _conflict_message({})
    reason = o.reason or Message(
        code="rejected",
        message_vi="Máy chủ từ chối bản ghi.",
        message_en="The server rejected the record.",
    )
    return json.dumps(
        {
            **reason.model_dump(),
            "problems": [p.model_dump() for p in o.problems],
        },
        ensure_ascii=False,
    )


def _conflict_message(data: dict[str, Any]) -> str:
    return json.dumps(
        {
            "code": "conflict",
            "message_vi": "Bản ghi này cũng được sửa ở máy khác. Phường đã nhận cả hai phiên bản "
            "và sẽ quyết định giữ bản nào; không mất dữ liệu.",
            "message_en": "This record was also edited on another laptop. The ward has both "
            "versions and will decide which to keep; nothing is lost.",
            "detail": data,
        },
        ensure_ascii=False,
    )


def _flag(session: Session, rid: uuid.UUID, message: str) -> None:
    session.execute(
        update(RecordRow)
        .where(RecordRow.id == rid)
        .values(sync_state=SyncState.ATTENTION, server_message=message)
    )


def _apply_review(session: Session, rid: uuid.UUID, data: dict[str, Any]) -> None:
    state = str(data.get("state", ""))
    comment = str(data.get("comment", ""))
    values: dict[str, Any] = {"review_state": state}
    if state in ("has_issues", "rejected"):
        values["sync_state"] = SyncState.ATTENTION
        values["server_message"] = json.dumps(
            {
                "code": f"review_{state}",
                "message_vi": f"Phường nhận xét: {comment}",
                "message_en": f"Ward review: {comment}",
            },
            ensure_ascii=False,
        )
    session.execute(update(RecordRow).where(RecordRow.id == rid).values(values))


def _apply_handover(session: Session, rid: uuid.UUID, data: dict[str, Any], at: datetime) -> bool:
    """The ward gave a record to another laptop, or to this one.

    The new owner's item carries the record's head: it is installed (added if this laptop never
    had it) so the volunteer can go on with it. The previous owner's item carries no record:
    its copy stays for reference, marked, since the ward now takes new versions of it only from
    the other laptop (an edit made here would come back refused).
    """
    comment = str(data.get("comment", "")).strip()
    said = f": {comment}" if comment else ""
    head = data.get("record")
    if not isinstance(head, dict):
        away = {
            "code": "handed_away",
            "message_vi": "Phường đã giao bản ghi này cho máy khác; sửa ở máy này sẽ không được "
            f"gửi lên{said}",
            "message_en": "The ward handed this record to another laptop; edits made on this "
            f"laptop will not be accepted{said}",
        }
        session.execute(
            update(RecordRow)
            .where(RecordRow.id == rid)
            .values(server_message=json.dumps(away, ensure_ascii=False))
        )
        return True
    try:
        incoming = AssistanceRecord.from_wire(head)
    except ValueError:
        return False
    if incoming.id != rid:
        return False
    note = json.dumps(
        {
            "code": "handed_over",
            "message_vi": f"Phường đã giao bản ghi này cho máy này{said}",
            "message_en": f"The ward handed this record to this laptop{said}",
        },
        ensure_ascii=False,
    )
    known = session.execute(select(RecordRow.__table__).where(RecordRow.id == rid)).one_or_none()
    if known is not None:
        current = record_from_row(known._mapping)
        pending = session.scalar(
            select(func.count())
            .select_from(OutboxRow)
            .where(OutboxRow.record_id == rid, OutboxRow.sent_at.is_(None))
        )
        if pending or incoming.revision <= current.revision:
            # Local edits go first (the ward sees them now as this owner's); or nothing newer.
            session.execute(
                update(RecordRow).where(RecordRow.id == rid).values(server_message=note)
            )
            return True
        return _apply_server_version(
            session,
            rid,
            {"record": head, "by": "hand-over", "comment": comment},
            "handover",
            at,
            note=note,
        )
    values = record_columns(incoming)
    values["sync_state"] = SyncState.SENT
    values["server_message"] = note
    session.execute(insert(RecordRow), [values])
    session.execute(insert(OutboxRow), [_received(incoming, base_revision=None, at=at)])
    session.execute(
        insert(AuditRow), [audit_values(incoming, at=at, actor="ward: hand-over", action=CREATE)]
    )
    return True


def _received(
    record: AssistanceRecord, *, base_revision: int | None, at: datetime
) -> dict[str, Any]:
    """An outbox row for a revision the ward sent: already there, nothing to send."""
    return {
        "record_id": record.id,
        "revision": record.revision,
        "base_revision": base_revision,
        "payload": record.to_wire(),
        "created_at": at,
        "sent_at": at,
        "outcome": "received",
        "message": None,
    }


#: What the record says after the ward erased its personal data.
ERASURE_MESSAGE: dict[str, str] = {
    "code": "erasure",
    "message_vi": "Theo yêu cầu của người dân, phường đã xoá dữ liệu cá nhân của bản ghi "
    "này; lượt hỗ trợ vẫn được tính.",
    "message_en": "At the resident's request the ward erased this record's personal "
    "data; the help is still counted.",
}


def _apply_erasure(session: Session, rid: uuid.UUID) -> int:
    row = session.execute(select(RecordRow.server_message).where(RecordRow.id == rid)).first()
    # The laptop's own withdrawal, confirmed by the ward, keeps saying what happened.
    withdrawn = row is not None and '"consent_withdrawn"' in (row[0] or "")
    return erase_local_copy(session, rid, message=None if withdrawn else ERASURE_MESSAGE)


def erase_local_copy(session: Session, rid: uuid.UUID, *,
                     message: dict[str, str] | None = ERASURE_MESSAGE) -> int:
    """Erase a resident's personal data from every copy this laptop holds of one record: the
    record, its audit trail, its outbox (sent or not) and its import fingerprint. ``message``:
    what the record then says (None: its message is kept)."""
    row = session.execute(select(RecordRow.__table__).where(RecordRow.id == rid)).one_or_none()
    if row is None:
        return 0
    current = record_from_row(row._mapping)
    erased = AssistanceRecord.from_wire(anonymised(current.to_wire()))
    values = record_columns(erased)
    if message is not None:
        values["server_message"] = json.dumps(message, ensure_ascii=False)
    session.execute(update(RecordRow).where(RecordRow.id == rid).values(values))
    session.execute(
        update(AuditRow)
        .where(AuditRow.record_id == rid, AuditRow.field.in_(ERASED_FIELDS))
        .values(old=None, new=None)
    )
    for outbox_id, payload in session.execute(
        select(OutboxRow.id, OutboxRow.payload).where(OutboxRow.record_id == rid)
    ).all():
        session.execute(
            update(OutboxRow).where(OutboxRow.id == outbox_id).values(payload=anonymised(payload))
        )
    session.execute(delete(ImportFingerprintRow).where(ImportFingerprintRow.record_id == rid))
    return 1


def _apply_server_version(
    session: Session,
    rid: uuid.UUID,
    data: dict[str, Any],
    kind: str,
    at: datetime,
    *,
    note: str | None = None,
) -> bool:
    """Install a revision the ward wrote, unless the volunteer has edits not yet sent (then the
    server will see those as a conflict and the ward decides again: nothing is overwritten)."""
    row = session.execute(select(RecordRow.__table__).where(RecordRow.id == rid)).one_or_none()
    pending = session.scalar(
        select(func.count())
        .select_from(OutboxRow)
        .where(OutboxRow.record_id == rid, OutboxRow.sent_at.is_(None))
    )
    if row is None or pending:
        return False
    current = record_from_row(row._mapping)
    incoming = AssistanceRecord.from_wire(data["record"])
    if incoming.revision <= current.revision and kind != "merge":
        return False
    by = str(data.get("by", "ward"))
    values = record_columns(incoming)
    values["sync_state"] = SyncState.SENT
    values["server_message"] = note or json.dumps(
        {
            "code": kind,
            "message_vi": f"Phường đã sửa bản ghi ({by}): {data.get('comment', '')}",
            "message_en": f"The ward corrected this record ({by}): {data.get('comment', '')}",
        },
        ensure_ascii=False,
    )
    session.execute(update(RecordRow).where(RecordRow.id == rid).values(values))
    session.execute(insert(OutboxRow), [_received(incoming, base_revision=current.revision, at=at)])
    changes = [
        audit_values(
            incoming,
            at=at,
            actor=f"ward: {by}",
            action=UPDATE,
            field=name,
            old=wire_value(current, name),
            new=wire_value(incoming, name),
        )
        for name in changed_fields(current, incoming)
    ]
    if changes:
        session.execute(insert(AuditRow), changes)
    return True
